"""The Bolt app factory: Web API client (429-aware), global middleware, listeners.

`build_app(settings, desk)` wires:
- a `WebClient(token, base_url=settings.slack_api_url)` with a RateLimitErrorRetryHandler
  (429 -> wait Retry-After, retry) on top of the SDK's connection-error retries;
- a middleware putting the `Support` facade in every listener's `context["support"]`;
- event deduplication: each event_callback's `event_id` goes through `desk.first_time_event`;
  a Slack retry (X-Slack-Retry-Num) of an event already handled is acked and dropped;
- the listeners of `listeners/{events,actions,commands,views}` (each `register(app)`);
- an error handler that logs and acks (200): Slack never sees a 5xx from a listener bug.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.config import Settings
from bot.core import Desk
from bot.slack.listeners import actions, commands, events, views
from bot.slack.support import Support

log = logging.getLogger(__name__)
API_TIMEOUT = 15
RATE_LIMIT_RETRIES = 3


def make_client(settings: Settings) -> WebClient:
    client = WebClient(
        token=settings.slack_bot_token, base_url=settings.slack_api_url, timeout=API_TIMEOUT
    )
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES))
    return client


def build_app(
    settings: Settings,
    desk: Desk,
    *,
    client: WebClient | None = None,
    process_before_response: bool = False,
) -> App:
    client = client or make_client(settings)
    if not any(isinstance(h, RateLimitErrorRetryHandler) for h in client.retry_handlers):
        client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES))
    app = App(
        client=client,
        signing_secret=settings.slack_signing_secret or "",
        process_before_response=process_before_response,
        # auth.test once at start: fails fast on a bad token (tests answer it on loopback)
        token_verification_enabled=bool(client.token),
        name="sg-support-bot",
    )
    support = Support(settings, desk, client)
    desk.on_replayed = support.questions.replayed
    app.use(_inject(support))
    app.use(_dedupe(desk))
    app.error(_on_error)
    for listeners in (events, actions, commands, views):
        listeners.register(app)
    return app


def _inject(support: Support) -> Callable[..., Any]:
    def inject_support(context: dict[str, Any], next: Callable[[], None]) -> None:  # noqa: A002
        context["support"] = support
        next()

    return inject_support


def _dedupe(desk: Desk) -> Callable[..., Any]:
    def dedupe_events(  # noqa: A002
        body: dict[str, Any], request: Any, next: Callable[[], None]
    ) -> BoltResponse | None:
        event_id = body.get("event_id")
        if body.get("type") != "event_callback" or _first_time(desk, event_id):
            next()
            return None
        retry = (request.headers.get("x-slack-retry-num") or [None])[0]
        log.info("event %s already handled (retry %s): acked, ignored", event_id, retry)
        return BoltResponse(status=200, body="")

    return dedupe_events


def _first_time(desk: Desk, event_id: object) -> bool:
    """True unless `event_id` was already handled (an id-less event counts as new)."""
    return not isinstance(event_id, str) or not event_id or desk.first_time_event(event_id)


def _on_error(error: Exception, body: dict[str, Any], logger: logging.Logger) -> BoltResponse:
    logger.error("listener failed on %s: %r", body.get("type"), error, exc_info=error)
    return BoltResponse(status=200, body="")
