"""From a verified Slack request to its ack, and from an inbox item to its handling.

`receive(payload, raw)` (HTTP or Socket Mode, signature already checked) answers within the
ack's deadline whatever the database and Slack are doing:
- url_verification: the challenge; `/question aide`: the help text; a form that cannot be taken:
  its errors (the one synchronous answer);
- an interaction that only opens a modal: handed to the fast lane right after the ack (see
  bot/slack/requests.py: a trigger_id lives 3 seconds and nothing durable is lost);
- anything else: recorded in the inbox under its key (or spooled), then acked with an empty
  200; a key already recorded is acked and ignored (a Slack retry, a request sent twice).
`handle(item)` is the inbox workers' function: the stored payload goes through the Bolt app's
listeners (socket-mode dispatch: no second signature check, the ack is a no-op) inside
`handling(item.id)`, so that desk writes and Web API calls know which request they serve; a
plain DM (most of the traffic) goes straight to its handler (`direct`), without Bolt.
`wait=True` (tests): `receive` returns once the request is handled, like
process_before_response.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from slack_bolt import App, BoltRequest

from bot.core.handling import adhoc, current, handling
from bot.core.inbox import InboxStore, Item
from bot.core.inbox_workers import Handled, InboxWorkers, Outcome
from bot.core.store import short_reason
from bot.core.views import TryLater
from bot.slack import requests

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Ack:
    status: int = 200
    body: dict[str, Any] | None = None  # JSON answer (Socket Mode: the envelope's payload)


class Intake:
    def __init__(
        self,
        app: App,
        store: InboxStore,
        workers: InboxWorkers,
        validate: Callable[[dict[str, Any]], dict[str, str] | None],
        *,
        fast_threads: int = 4,
        wait: bool = False,
        direct: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        self.app = app
        # handles the commonest request itself (a plain DM), without Bolt; False: not one
        self.direct = direct
        self.store = store
        self.workers = workers
        self.validate = validate
        self.wait = wait
        self._fast = ThreadPoolExecutor(fast_threads, thread_name_prefix="fast-lane")

    def receive(self, payload: dict[str, Any], raw: bytes) -> Ack:
        kind = payload.get("type")
        if kind == "url_verification":
            return Ack(body={"challenge": str(payload.get("challenge") or "")})
        errors = self.validate(payload)
        if errors:
            return Ack(body={"response_action": "errors", "errors": errors})
        answer = requests.help_answer(payload)
        if answer:
            return Ack(body={"response_type": "ephemeral", "text": answer})
        if requests.opens_modal(payload):
            future = self._fast.submit(self._fast_lane, payload)
            if self.wait:
                future.result()
            return Ack()
        key = requests.inbox_key(payload, raw)
        body = json.dumps(payload, ensure_ascii=False)
        mine = self.workers.has_room()
        outcome = self.store.record(key, body, claim=mine)
        if outcome == "new" and mine:
            finished = self.workers.submit(Item(key, body))
            if self.wait:
                finished.wait()
        elif outcome == "duplicate":
            log.info("request %s already recorded: acked, not handled again", key)
        elif self.wait:
            self.workers.wake()
        return Ack()

    def _fast_lane(self, payload: dict[str, Any]) -> None:
        with adhoc():
            try:
                self.app.dispatch(BoltRequest(body=payload, mode="socket_mode"))
            except Exception:  # noqa: BLE001 - logged; the user can click again
                log.exception("opening a modal failed")

    def handle(self, item: Item) -> Handled:
        try:
            payload = json.loads(item.body)
        except ValueError:
            return Handled(Outcome.FAILED, "unreadable body")
        if not isinstance(payload, dict):
            return Handled(Outcome.FAILED, "unreadable body")
        with handling(item.id, again=item.again) as scope:
            try:
                if self.direct is None or not self.direct(payload):
                    self.app.dispatch(BoltRequest(body=payload, mode="socket_mode"))
            except Exception as exc:  # noqa: BLE001 - Bolt normally reports through note_error
                kind, name = payload.get("type"), type(exc).__name__
                log.error("listener failed on %s: %s", kind, name, exc_info=exc)  # as _on_error
                scope.error = exc
        if isinstance(scope.error, TryLater):
            return Handled(Outcome.RETRY, str(scope.error)[:200], scope.sent)
        if scope.error is not None:
            return Handled(Outcome.FAILED, short_reason(scope.error), scope.sent)
        return Handled(Outcome.DONE, None, scope.sent)

    def close(self) -> None:
        self._fast.shutdown(wait=False, cancel_futures=True)


def note_error(error: Exception) -> None:
    """Bolt's error handler calls this: the worker learns how the listener ended."""
    scope = current()
    if scope is not None:
        scope.error = error
