"""The inbox poller: every `poll` seconds while there is work, less often when there is none."""

from __future__ import annotations

import threading
import time

from bot.core.inbox import Item
from bot.core.inbox_workers import Handled, InboxWorkers, Outcome


class Store:
    """Just what the poller calls; `claim` hands out the items put in `waiting`."""

    def __init__(self) -> None:
        self.claims: list[float] = []
        self.waiting: list[Item] = []
        self.finished: list[str] = []
        self.lock = threading.Lock()

    def replay_spool(self) -> int:
        return 0

    def claim(self, limit: int, exclude: object = ()) -> list[Item]:
        with self.lock:
            self.claims.append(time.monotonic())
            taken, self.waiting = self.waiting[:limit], self.waiting[limit:]
            return taken

    def done_many(self, finished: list[tuple[str, str | None, object]]) -> None:
        self.finished.extend(item_id for item_id, _, _ in finished)

    def release(self, *_: object) -> None:
        pass

    def prune(self) -> None:
        pass


def test_an_idle_poller_backs_off_and_comes_back_at_once_with_work() -> None:
    store = Store()
    workers = InboxWorkers(
        store,  # type: ignore[arg-type]
        lambda item: Handled(Outcome.DONE),
        threads=1,
        poll=0.01,
        idle_poll=0.16,
    )
    workers.start()
    try:
        time.sleep(1.0)
        idle = len(store.claims)
        assert idle <= 12  # 0.01, 0.02, 0.04, 0.08, then every 0.16 s: not 100 polls a second
        gaps = [b - a for a, b in zip(store.claims, store.claims[1:], strict=False)]
        assert max(gaps) < 0.6  # never much longer than idle_poll
        with store.lock:
            store.waiting.append(Item("ev:1", "{}"))
        deadline = time.monotonic() + 1.0
        while "ev:1" not in store.finished and time.monotonic() < deadline:
            time.sleep(0.01)
        assert "ev:1" in store.finished  # taken within one idle interval
        mark = len(store.claims)
        time.sleep(0.3)  # 0.01 + 0.02 + 0.04 + 0.08 + 0.16 after the claim
        assert len(store.claims) - mark >= 3  # polled at `poll` again after it
    finally:
        workers.stop()


def test_without_idle_poll_the_interval_stays_the_same() -> None:
    store = Store()
    workers = InboxWorkers(store, lambda item: Handled(Outcome.DONE), threads=1, poll=0.02)  # type: ignore[arg-type]
    workers.start()
    try:
        time.sleep(0.5)
        assert len(store.claims) >= 15
    finally:
        workers.stop()


def test_done_marks_wait_for_each_other_in_one_transaction() -> None:
    """Items handled while a "done" is being written are marked together in the next one; an
    item counts as finished only once its mark is written."""
    store = Store()
    batches: list[list[str]] = []
    first_write = threading.Event()

    def done_many(finished: list[tuple[str, str | None, object]]) -> None:
        batches.append([item_id for item_id, _, _ in finished])
        if len(batches) == 1:
            first_write.set()
            time.sleep(0.3)  # a slow write: the others pile up meanwhile
        store.finished.extend(batches[-1])

    store.done_many = done_many  # type: ignore[method-assign]
    workers = InboxWorkers(store, lambda item: Handled(Outcome.DONE), threads=4, poll=10.0)  # type: ignore[arg-type]
    workers.start()
    try:
        head = workers.submit(Item("ev:0", "{}"))
        assert first_write.wait(2.0)
        rest = [workers.submit(Item(f"ev:{n}", "{}")) for n in range(1, 20)]
        assert not rest[-1].wait(0.1)  # handled, but its mark is not written yet
        assert all(event.wait(3.0) for event in [head, *rest])
        assert sorted(store.finished) == sorted(f"ev:{n}" for n in range(20))
        assert len(batches) == 2 and len(batches[1]) == 19
    finally:
        workers.stop()


def test_a_retry_is_released_at_once_and_never_marked_done() -> None:
    store = Store()
    released: list[tuple[object, ...]] = []
    store.release = lambda *args: released.append(args)  # type: ignore[method-assign]
    store.done_many = lambda finished: store.finished.extend(i for i, _, _ in finished)  # type: ignore[method-assign]
    workers = InboxWorkers(
        store,  # type: ignore[arg-type]
        lambda item: Handled(Outcome.RETRY, "slack down"),
        threads=1,
        poll=10.0,
    )
    workers.start()
    try:
        assert workers.submit(Item("ev:9", "{}", attempts=2)).wait(2.0)
        assert released == [("ev:9", 2, ())] and store.finished == []
    finally:
        workers.stop()
