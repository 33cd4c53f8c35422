"""`/formation` (ids.FORMATION_COMMAND, also in manifest.yml): the customer's chapters, one line
each («👁 consulté» / «🙈 à consulter»), the next one, and a select to mark one. The ack is
immediate (it never waits on the database); the list then comes in the person's DM with the bot.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.slack import ids
from bot.slack.support import Support


def on_formation(ack: Ack, command: dict[str, Any], context: dict[str, Any]) -> None:
    ack()
    support: Support = context["support"]
    user = str(command.get("user_id") or "")
    with support.reporting(user, None):
        support.io.dm(user, support.learning.formation(user))


def register(app: App) -> None:
    app.command(ids.FORMATION_COMMAND)(on_formation)
