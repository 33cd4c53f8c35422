"""The support flows, written once for every chat against two ports (`ports.py`): ask and route
a message, hand over to the community, private tickets, relay, solve, escalate, announce.
Adapters (bot/slack, bot/console, bot/discord) translate their payloads into these calls."""
