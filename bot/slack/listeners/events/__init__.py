"""Events API listeners: messages (DM, help channels, community threads), mentions, ✅ reactions,
App Home. Bolt acks events itself; with process_before_response=False the work runs after."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.slack.home import home_for
from bot.slack.views import home_view

log = logging.getLogger(__name__)


def on_message(event: dict[str, Any], context: dict[str, Any]) -> None:
    context["support"].on_event_message(event, context.get("bot_user_id"))


def on_mention(event: dict[str, Any], context: dict[str, Any]) -> None:
    context["support"].on_mention(event, context.get("bot_user_id"))


def on_reaction(event: dict[str, Any], context: dict[str, Any]) -> None:
    context["support"].on_reaction(event)


def on_home(event: dict[str, Any], client: WebClient, context: dict[str, Any]) -> None:
    """Each person's own Home: the lead's dashboard, or a customer's questions, tickets and
    training; the database down: the static page (how to ask)."""
    user = event.get("user")
    if event.get("tab", "home") != "home" or not isinstance(user, str):
        return
    try:
        support = context["support"]
        view = home_for(support.desk, support.io.lead(), user, support.chat.when)
    except Exception:  # noqa: BLE001 - database down or a bug: the static page still helps
        log.exception("home of %s: showing the static page", user)
        view = home_view()
    client.views_publish(user_id=user, view=view)


def ignore(**_: Any) -> None:
    """Events we subscribe to but do not act on (acked, nothing else)."""


def register(app: App) -> None:
    app.event("message")(on_message)
    app.event("app_mention")(on_mention)
    app.event("reaction_added")(on_reaction)
    app.event("app_home_opened")(on_home)
    app.event("reaction_removed")(ignore)
