"""The inbox's workers: threads handling the items this process recorded or claimed.

`submit(item)` hands over an item recorded (and claimed) at the ack; a poller thread claims,
every `poll` seconds, the items nobody holds (spooled during an outage, overflow, a crashed
process's items once their lease is over), replays the inbox spool and prunes old rows.
`handle(item)` (the adapter's) returns what happened (with the Web API calls it sent):
- DONE: marked done; FAILED (a bug, a refused request): marked done with the reason, not retried;
- RETRY (`TryLater`: database or Slack unavailable): released with a back-off, handled again.
The "done" marks go through one thread that writes every mark waiting in one transaction (under
load, one write for many items instead of one each). If the database cannot even take the
"done", the items stay claimed and are retaken after the lease; the outbox makes sure their
calls are not sent twice.
"""

from __future__ import annotations

import enum
import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.core.inbox import InboxStore, Item, Sent
from bot.core.store import short_reason

log = logging.getLogger(__name__)
MARK_BATCH = 200  # "done" marks written in one transaction, at most


class Outcome(enum.Enum):
    DONE = "done"
    RETRY = "retry"
    FAILED = "failed"


@dataclass(frozen=True)
class Handled:
    outcome: Outcome
    reason: str | None = None
    sent: Sent = ()  # the Web API calls sent meanwhile, marked with the outcome


@dataclass
class _Job:
    item: Item
    finished: threading.Event = field(default_factory=threading.Event)


class InboxWorkers:
    def __init__(
        self,
        store: InboxStore,
        handle: Callable[[Item], Handled],
        *,
        threads: int = 4,
        poll: float = 1.0,
        idle_poll: float | None = None,
        capacity: int = 512,
        prune_every: float = 3600.0,
    ) -> None:
        self.store = store
        self.handle = handle
        self.poll = poll
        # nothing to claim: the next polls come less often, up to `idle_poll` seconds apart (an
        # idle process costs next to nothing), and at `poll` again as soon as one claims an item
        self.idle_poll = max(poll, idle_poll or poll)
        self.capacity = capacity
        self.prune_every = prune_every
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._active: set[str] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._threads = [
            threading.Thread(target=self._work, name=f"inbox-{n}", daemon=True)
            for n in range(threads)
        ]
        self._poller = threading.Thread(target=self._poll, name="inbox-poll", daemon=True)
        self._finished: queue.Queue[tuple[_Job, Handled] | None] = queue.Queue()
        self._marker = threading.Thread(target=self._mark, name="inbox-done", daemon=True)

    def start(self) -> InboxWorkers:
        """Start the threads (none when `threads` is 0: this process only records)."""
        if not self._threads:
            return self
        for thread in self._threads:
            thread.start()
        self._poller.start()
        self._marker.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        for _ in self._threads:
            self._queue.put(None)
        deadline = time.monotonic() + timeout
        for thread in [*self._threads, self._poller]:
            if thread.is_alive():
                thread.join(max(0.0, deadline - time.monotonic()))
        self._finished.put(None)  # after the workers: their last marks are written first
        if self._marker.is_alive():
            self._marker.join(max(0.0, deadline - time.monotonic()))

    @property
    def room(self) -> int:
        with self._lock:
            return self.capacity - len(self._active)

    def has_room(self) -> bool:
        return self.room > 0

    def submit(self, item: Item) -> threading.Event:
        """Handle an item this process holds; the event is set once it is handled."""
        job = _Job(item)
        with self._lock:
            self._active.add(item.id)
        self._queue.put(job)
        return job.finished

    def wake(self) -> None:
        """Look for claimable items now (e.g. the database is back)."""
        self._wake.set()

    # --- threads ------------------------------------------------------------------------------
    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            handled = None
            try:
                handled = self._run(job.item)
            finally:
                if handled is None:  # released (or not): finished now
                    self._finish([job])
                else:  # the "done" is written by the marker thread
                    self._finished.put((job, handled))

    def _finish(self, jobs: list[_Job]) -> None:
        with self._lock:
            for job in jobs:
                self._active.discard(job.item.id)
        for job in jobs:
            job.finished.set()

    def _run(self, item: Item) -> Handled | None:
        """Handle the item; a retry is released here, otherwise the outcome to mark done."""
        try:
            handled = self.handle(item)
        except Exception as exc:  # noqa: BLE001 - the adapter's handle should not raise
            log.exception("inbox item %s: handler raised", item.id)
            handled = Handled(Outcome.FAILED, short_reason(exc))
        if handled.outcome is not Outcome.RETRY:
            if handled.outcome is Outcome.FAILED:
                log.warning("inbox item %s failed for good (%s)", item.id, handled.reason)
            return handled
        log.info("inbox item %s: retried later (%s)", item.id, handled.reason)
        try:
            self.store.release(item.id, item.attempts, handled.sent)
        except Exception as exc:  # noqa: BLE001 - retaken after the lease
            log.warning("inbox item %s: not released (%s)", item.id, short_reason(exc))
        return None

    def _mark(self) -> None:
        """Write the "done" of every item handled meanwhile, in one transaction."""
        while True:
            first = self._finished.get()
            batch = [first] if first is not None else []
            ending = first is None
            while len(batch) < MARK_BATCH:
                try:
                    more = self._finished.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    ending = True
                    continue
                batch.append(more)
            marks = [
                (job.item.id, h.reason if h.outcome is Outcome.FAILED else None, h.sent)
                for job, h in batch
            ]
            try:
                self.store.done_many(marks)
            except Exception as exc:  # noqa: BLE001 - retaken after the lease
                log.warning("%d inbox items: not marked done (%s)", len(batch), short_reason(exc))
            self._finish([job for job, _ in batch])
            if ending and self._finished.empty():
                return

    def _poll(self) -> None:
        last_prune = time.monotonic()
        full = False
        wait = self.poll
        while not self._stop.is_set():
            # a full batch: more are waiting, claim again at once; woken: work is back
            if not full and self._wake.wait(wait):
                wait = self.poll
            self._wake.clear()
            if self._stop.is_set():
                return
            full = False
            try:
                self.store.replay_spool()
                with self._lock:
                    busy = set(self._active)
                room = self.room
                if room < self.capacity // 2:  # still busy: let other processes take some
                    continue
                claimed = self.store.claim(room, exclude=busy)
                full = len(claimed) == room
                wait = self.poll if claimed else min(wait * 2, self.idle_poll)
                for item in claimed:
                    self.submit(item)
                if time.monotonic() - last_prune > self.prune_every:
                    last_prune = time.monotonic()
                    self.store.prune()
            except Exception as exc:  # noqa: BLE001 - database down: next poll
                log.warning("inbox poll failed (%s)", short_reason(exc))
