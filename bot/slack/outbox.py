"""The Web API calls that must happen, through the outbox: recorded, sent, retried, paced.

`SlackOutbox.call(method, params, channel=...)`:
1. records the call under the handling scope's next key (bot.core.handling); if that key was
   already sent (the same request handled again), returns the stored response: never twice;
2. paces chat.postMessage per channel (Slack allows about one message per second per channel:
   a bucket of `burst` messages refilled at `rate` per second, per process);
3. sends it on a kept-alive connection; retries 429 after Retry-After, 5xx and network errors
   or timeouts with a growing back-off, within `budget` seconds; then raises `TryLater` (inside an
   inbox item: the item is handled again later) or `SlackApiError` (a scheduled job retries);
4. marks it sent (inside an inbox item: together with the item's "done", in one transaction;
   on the item's first handling that is the call's only write), or failed when Slack refuses it
   for good (`ok: false`: SlackApiError raised).
A timed-out chat.postMessage may have reached Slack: before sending it again the outbox looks
for it in the channel (each post carries its key in `metadata`), so it is not posted twice.
`read(method, params)` is the same without the record (lookups: conversations.open, .info).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.core.handling import SentCall, current, in_handling, next_call_key
from bot.core.outbox import OutboxStore
from bot.core.views import TryLater
from bot.slack.webapi import ApiReply, WebApi

log = logging.getLogger(__name__)
PACED = frozenset({"chat.postMessage"})
KEEP = ("channel", "ts", "message_ts", "view")
EVENT_TYPE = "bot_outbox"


class Pacer:
    """Per-channel token bucket: `burst` calls at once, then `rate` per second."""

    def __init__(
        self, rate: float = 1.0, burst: int = 4, clock: Callable[[], float] = time.monotonic
    ):
        self.rate = rate
        self.burst = burst
        self.clock = clock
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait_time(self, channel: str) -> float:
        """Reserve a slot on `channel`; how long to wait before using it."""
        with self._lock:
            now = self.clock()
            earliest = now - (self.burst - 1) / self.rate
            slot = max(self._next.get(channel, earliest), earliest)
            self._next[channel] = slot + 1 / self.rate
            if len(self._next) > 10_000:  # forget idle channels
                self._next = {c: t for c, t in self._next.items() if t > now}
            return max(0.0, slot - now)


class SlackOutbox:
    def __init__(
        self,
        api: WebApi,
        store: OutboxStore | None,
        *,
        pacer: Pacer | None = None,
        budget: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.api = api
        self.store = store
        self.pacer = pacer or Pacer()
        self.budget = budget
        self.sleep = sleep

    def call(self, method: str, params: dict[str, Any], *, channel: str | None = None) -> dict:
        key = next_call_key()
        scope = current()
        durable = scope is not None and scope.durable
        again = scope is not None and scope.durable and scope.again
        prior = None
        # an inbox item's first handling records its calls once sent, with the item's "done";
        # handled again, each call is recorded first, and one not found recorded may have been
        # sent by an attempt that ended before its "done": looked for before it is posted again
        if self.store is not None and (again or not durable):
            prior = self.store.begin(key, method, channel)
        if prior is not None and prior.status == "sent":
            log.info("outbox %s (%s) already sent: not sent again", key, method)
            return prior.response
        if method in PACED:
            meta = {"event_type": EVENT_TYPE, "event_payload": {"k": key}}
            params = {**params, "metadata": meta}
        uncertain = prior is not None or again
        reply = self._send(method, params, channel, key, uncertain=uncertain)
        if not reply.ok:
            if self.store is not None:
                self.store.failed(SentCall(key, method, channel, None))
            raise SlackApiError(f"{method}: {reply.body.get('error')}", reply.body)
        call = SentCall(key, method, channel, {k: reply.body[k] for k in KEEP if k in reply.body})
        if durable and scope is not None:
            scope.sent.append(call)  # recorded with the item's "done", one transaction
        elif self.store is not None:
            self.store.sent(call)
        return reply.body

    def read(self, method: str, params: dict[str, Any]) -> dict:
        reply = self._send(method, params, None, None)
        if not reply.ok:
            raise SlackApiError(f"{method}: {reply.body.get('error')}", reply.body)
        return reply.body

    def _send(
        self,
        method: str,
        params: dict[str, Any],
        channel: str | None,
        key: str | None,
        *,
        uncertain: bool = False,
    ) -> ApiReply:
        deadline = time.monotonic() + self.budget
        delay = 0.5
        while True:
            if channel and method in PACED:
                wait = self.pacer.wait_time(channel)
                if wait > 0:
                    self.sleep(wait)
            if uncertain and key and method in PACED:
                found = self._find(params, key)
                if found is not None:
                    return found
            try:
                reply = self.api.call(method, params)
            except OSError as exc:
                uncertain = True  # it may have reached Slack
                wait, why = delay, repr(exc)[:120]
            else:
                if reply.status == 429:
                    wait, why = reply.retry_after or delay, "429"
                elif reply.status >= 500:
                    wait, why = delay, str(reply.status)
                else:
                    return reply
            if time.monotonic() + wait > deadline:
                log.warning("%s: Slack unavailable (%s); retried later", method, why)
                if in_handling():
                    raise TryLater(f"{method}: {why}")
                raise SlackApiError(f"{method}: {why}", {"ok": False, "error": why})
            log.info("%s: %s, retrying in %.1f s", method, why, wait)
            self.sleep(wait)
            delay = min(delay * 2, 8.0)

    def _find(self, params: dict[str, Any], key: str) -> ApiReply | None:
        """The post carrying `key` if a timed-out attempt did reach the channel."""
        channel = params.get("channel")
        thread = params.get("thread_ts")
        query = {"channel": channel, "include_all_metadata": True, "limit": 50}
        method = "conversations.replies" if thread else "conversations.history"
        if thread:
            query["ts"] = thread
        try:
            reply = self.api.call(method, query)
        except OSError:
            return None
        for message in reply.body.get("messages") or []:
            payload = (message.get("metadata") or {}).get("event_payload") or {}
            if payload.get("k") == key:
                return ApiReply(200, {"ok": True, "channel": channel, "ts": message.get("ts")})
        return None
