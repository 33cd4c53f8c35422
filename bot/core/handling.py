"""The request being handled by this thread (an inbox item), for the layers below the flows.

While `handling(item_id)` is active:
- the desk does not spool a write the database refuses, and raises `TryLater` instead of
  `StoreUnavailable`: the inbox item is the durable record, and it is handled again later;
- each desk write is kept under `<item id>@w<rank>` in the same transaction (bot/core/memo.py):
  handled again, the item gets the same results back instead of writing twice;
- the outbox names each Web API call `<item id>#<rank>`, so handling the item again after a crash
  or a failure finds the calls already sent (see bot/core/outbox.py); on a first handling a call
  is recorded only once sent, with the item's "done" (handled again, a call not found recorded
  may still have reached Slack: the outbox looks for it before posting it again).
Outside it (the scheduler's jobs, the console), calls get a fresh random scope.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple

_local = threading.local()


class SentCall(NamedTuple):
    """A Web API call sent while handling an item: recorded as sent with the item's "done"."""

    key: str
    method: str
    channel: str | None
    response: dict[str, Any] | None  # what the caller keeps of it (ids, never text)


@dataclass
class Scope:
    name: str
    durable: bool  # True: an inbox item (handled again on failure)
    # handled before (a retry, a crash): look for what was already done; on a first handling the
    # outbox records a call only once it is sent (with the item's "done")
    again: bool = False
    calls: int = 0
    writes: int = 0
    error: BaseException | None = None  # how the handling ended, if it failed
    # Web API calls sent during this handling, recorded as sent with the item's "done" (one
    # transaction)
    sent: list[SentCall] = field(default_factory=list)

    def next_key(self) -> str:
        self.calls += 1
        return f"{self.name}#{self.calls}"

    def next_write(self) -> int:
        self.writes += 1
        return self.writes


def current() -> Scope | None:
    return getattr(_local, "scope", None)


def in_handling() -> bool:
    scope = current()
    return scope is not None and scope.durable


def next_call_key() -> str:
    """The key of the next Web API call made by this thread."""
    scope = current()
    if scope is None:
        return f"x:{uuid.uuid4().hex}#1"
    return scope.next_key()


@contextmanager
def handling(item_id: str, *, durable: bool = True, again: bool = False) -> Iterator[Scope]:
    previous = current()
    scope = Scope(item_id, durable, again)
    _local.scope = scope
    try:
        yield scope
    finally:
        _local.scope = previous


@contextmanager
def adhoc(name: str | None = None) -> Iterator[Scope]:
    """A scope for calls made outside any inbox item (a scheduled job, a modal opening)."""
    with handling(name or f"x:{uuid.uuid4().hex}", durable=False) as scope:
        yield scope
