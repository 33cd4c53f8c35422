"""Group commit for the acks: one thread writes every insert waiting, in one statement.

Each ack waits until its request is durably recorded. One transaction per request costs, under
load, a write lock per request on SQLite (writers queue in SQLite's busy handler, which sleeps
1, 2, 5, 10 ... ms between tries) and a disk flush per request on PostgreSQL. Here the acks of
one process hand their rows to one writer thread, which inserts all the rows waiting in one
statement, committed once: the more acks wait, the fewer transactions per ack.

`Recorder.submit(id, row)` returns a `Pending` whose future is set once the batch holding it is
committed: True when the row was inserted, False when its id was already known (a retry, or the
same id twice in one batch). The caller bounds its wait (a database that hangs) and marks the
row `abandoned` when it stops waiting: a row abandoned before its batch starts is not written.
A batch in flight for more than `stuck_after` seconds (a database that hangs) does not hold up
the next rows: the next `submit` starts a fresh writer, and the stuck one ends once its batch
returns.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

Write = Callable[[list[dict[str, Any]]], Iterable[str]]  # rows -> ids inserted


@dataclass(eq=False)
class Pending:
    id: str
    row: dict[str, Any]
    future: Future[bool] = field(default_factory=Future)
    abandoned: bool = False  # the caller stopped waiting: not written if not started yet


class Recorder:
    def __init__(
        self, write: Write, *, batch: int = 500, stuck_after: float = 2.0, name: str = "recorder"
    ) -> None:
        self._write = write
        self.batch = batch
        self.stuck_after = stuck_after
        self.name = name
        self._queue: queue.SimpleQueue[Pending | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._generation = 0
        self._running = False
        self._busy_since: float | None = None  # the current writer's batch, in flight since
        self._closed = False

    def submit(self, item_id: str, row: dict[str, Any]) -> Pending:
        pending = Pending(item_id, row)
        with self._lock:
            if self._closed:
                raise RuntimeError("recorder closed")
            busy = self._busy_since
            stuck = busy is not None and time.monotonic() - busy > self.stuck_after
            if not self._running or stuck:
                self._generation += 1
                self._running = True
                self._busy_since = None
                threading.Thread(
                    target=self._run,
                    args=(self._generation,),
                    name=f"{self.name}-{self._generation}",
                    daemon=True,
                ).start()
        self._queue.put(pending)
        return pending

    def close(self) -> None:
        with self._lock:
            self._closed = True
        self._queue.put(None)

    def _take(self, first: Pending) -> list[Pending]:
        """`first` and every row waiting behind it (up to `batch`), not abandoned."""
        taken = [first]
        while len(taken) < self.batch:
            try:
                more = self._queue.get_nowait()
            except queue.Empty:
                break
            if more is None:  # closing: after this batch
                self._queue.put(None)
                break
            taken.append(more)
        return [p for p in taken if not p.abandoned and p.future.set_running_or_notify_cancel()]

    def _run(self, generation: int) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            with self._lock:
                if generation != self._generation:  # replaced while stuck: hand it over
                    self._queue.put(first)
                    return
                self._busy_since = time.monotonic()
            live = self._take(first)
            try:
                self._commit(live)
            finally:
                with self._lock:
                    if generation == self._generation:
                        self._busy_since = None

    def _commit(self, live: list[Pending]) -> None:
        rows: dict[str, dict[str, Any]] = {}
        for pending in live:
            rows.setdefault(pending.id, pending.row)  # the same id twice: the first one counts
        try:
            inserted = set(self._write(list(rows.values()))) if rows else set()
        except BaseException as exc:  # noqa: BLE001 - every caller learns of it
            for pending in live:
                pending.future.set_exception(exc)
            return
        for pending in live:
            fresh = pending.id in inserted
            inserted.discard(pending.id)  # a second row with the same id is a duplicate
            pending.future.set_result(fresh)
