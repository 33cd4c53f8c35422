"""The slash command (ids.SLASH_COMMAND, also in manifest.yml):
- `/question [texte]`: opens the question form (prefilled with the text);
- `/question absence 2026-12-24..2026-12-31 [motif]`: the support lead declares closed days;
- `/question aide`: how to ask (answered in the ack itself, see bot/slack/intake.py);
- `/question tickets`: the support lead's open tickets, overdue first (in their DM).
`/formation` lives in `formation.py`.
The form opens right after the ack, in the fast lane (a trigger_id lives 3 seconds); `absence`
and `tickets` come through the inbox, their answers in the person's DM or as an ephemeral.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.messages import t
from bot.slack import ids
from bot.slack.listeners.commands import formation
from bot.slack.support import Support
from bot.slack.text import unescape
from bot.slack.views import question_form

HELP_WORDS = {"aide", "help", "?"}


def on_command(
    ack: Ack, command: dict[str, Any], context: dict[str, Any], client: WebClient
) -> None:
    support: Support = context["support"]
    user = str(command.get("user_id") or "")
    channel = command.get("channel_id")
    words = str(command.get("text") or "").split()
    if words and words[0].lower() == "absence":
        ack()
        with support.reporting(user, None):
            answer = support.clicks.absence(user, words[1:])
            support.io.whisper(channel, user, support.render.notice(answer))
        return
    if len(words) == 1 and words[0].lower() == "tickets":
        ack()
        with support.reporting(user, None):
            support.learning.tickets(user)
        return
    if len(words) == 1 and words[0].lower() in HELP_WORDS:
        ack(text=t("slack.help", command=ids.SLASH_COMMAND))
        return
    ack()
    with support.reporting(user, None):
        client.views_open(
            trigger_id=command.get("trigger_id"),
            view=question_form(
                prefill=unescape(str(command.get("text") or "")),
                channel=channel,
                intakes=support.learning.intakes_for(channel),
                urgent_hours=support.settings.sla_urgent_hours,
                deadline_hours=support.settings.sla_deadline_hours,
            ),
        )


def register(app: App) -> None:
    app.command(ids.SLASH_COMMAND)(on_command)
    formation.register(app)
