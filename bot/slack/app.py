"""The Bolt app factory: listeners, the Support facade, the Web API layer.

`build_app(settings, desk, io=...)` wires:
- a `WebClient(token, base_url=settings.slack_api_url, timeout)` for Bolt itself (auth.test at
  start, views.open / views.publish);
- the `Support` facade (the shared flows) in every listener's `context["support"]`, whose
  `SlackTransport` sends every call through the outbox (`make_transport`: kept-alive
  connections, retries, pacing, recorded);
- the listeners of `listeners/{events,actions,commands,views}` (each `register(app)`);
- an error handler that logs and tells the inbox worker how the listener ended.
Requests reach the app from the inbox workers and the fast lane (bot/slack/intake.py), as
socket-mode dispatches: the signature was checked at the door (bot/slack/server.py), and the
listeners run in the dispatching thread (process_before_response).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.core import Desk
from bot.core.outbox import OutboxStore
from bot.slack.intake import note_error
from bot.slack.listeners import actions, commands, events, views
from bot.slack.outbox import Pacer, SlackOutbox
from bot.slack.support import Support
from bot.slack.transport import SlackTransport
from bot.slack.webapi import WebApi

log = logging.getLogger(__name__)
RATE_LIMIT_RETRIES = 3


def make_client(settings: Settings) -> WebClient:
    client = WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=max(1, round(settings.slack_api_timeout)),
    )
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES))
    return client


def make_transport(settings: Settings, sessions: sessionmaker[Session] | None) -> SlackTransport:
    """The Web API layer: `sessions` None -> calls are sent and retried but not recorded."""
    api = WebApi(settings.slack_api_url, settings.slack_bot_token, settings.slack_api_timeout)
    pacer = Pacer(rate=settings.slack_channel_rate, burst=settings.slack_channel_burst)
    store = OutboxStore(sessions) if sessions is not None else None
    outbox = SlackOutbox(api, store, pacer=pacer, budget=settings.slack_retry_seconds)
    return SlackTransport(outbox, settings)


def build_app(
    settings: Settings,
    desk: Desk,
    *,
    client: WebClient | None = None,
    transport: SlackTransport | None = None,
) -> App:
    return wire(settings, desk, client=client, transport=transport)[0]


def wire(
    settings: Settings,
    desk: Desk,
    *,
    client: WebClient | None = None,
    transport: SlackTransport | None = None,
) -> tuple[App, Support]:
    """The Bolt app and the Support facade its listeners use (the scheduler's jobs use it too)."""
    client = client or make_client(settings)
    app = App(
        client=client,
        signing_secret=settings.slack_signing_secret or "",
        process_before_response=True,
        # auth.test once at start: fails fast on a bad token (tests answer it on loopback)
        token_verification_enabled=bool(client.token),
        name="sg-support-bot",
    )
    support = Support(settings, desk, transport or make_transport(settings, desk.sessions))
    desk.on_replayed = support.questions.replayed
    app.use(_inject(support))
    app.error(_on_error)
    for listeners in (events, actions, commands, views):
        listeners.register(app)
    return app, support


def _inject(support: Support) -> Callable[..., Any]:
    def inject_support(context: dict[str, Any], next: Callable[[], None]) -> None:  # noqa: A002
        context["support"] = support
        next()

    return inject_support


def _on_error(error: Exception, body: dict[str, Any], logger: logging.Logger) -> BoltResponse:
    note_error(error)
    kind = body.get("type") if isinstance(body, dict) else None
    logger.error("listener failed on %s: %s", kind, type(error).__name__, exc_info=error)
    return BoltResponse(status=200, body="")
