"""SlackNotifier: the SLA sweep's Notifier (bot.sla.escalation) posting to Slack: the shared
`ChatNotifier` flow with the Slack transport and renderer (see bot/flows/notifier.py)."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.config import Settings
from bot.flows.notifier import ChatNotifier
from bot.slack.blocks import Message
from bot.slack.renderer import SlackRenderer
from bot.slack.transport import SlackTransport


class SlackNotifier(ChatNotifier[Message]):
    def __init__(self, settings: Settings, client: WebClient | SlackTransport) -> None:
        transport = (
            client if isinstance(client, SlackTransport) else SlackTransport(client, settings)
        )
        super().__init__(settings, transport, SlackRenderer())
