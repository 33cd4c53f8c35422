"""Events API listeners: messages (DM, help channels, community threads), mentions, ✅ reactions,
App Home. Bolt acks events itself; with process_before_response=False the work runs after."""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.slack.views import home_view


def on_message(event: dict[str, Any], context: dict[str, Any]) -> None:
    context["support"].on_event_message(event, context.get("bot_user_id"))


def on_mention(event: dict[str, Any], context: dict[str, Any]) -> None:
    context["support"].on_mention(event, context.get("bot_user_id"))


def on_reaction(event: dict[str, Any], context: dict[str, Any]) -> None:
    context["support"].on_reaction(event)


def on_home(event: dict[str, Any], client: WebClient) -> None:
    if event.get("tab", "home") == "home" and isinstance(event.get("user"), str):
        client.views_publish(user_id=event["user"], view=home_view())


def ignore(**_: Any) -> None:
    """Events we subscribe to but do not act on (acked, nothing else)."""


def register(app: App) -> None:
    app.event("message")(on_message)
    app.event("app_mention")(on_mention)
    app.event("reaction_added")(on_reaction)
    app.event("app_home_opened")(on_home)
    app.event("reaction_removed")(ignore)
