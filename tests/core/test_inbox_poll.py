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

    def done(self, item_id: str, error: str | None = None, sent: object = ()) -> bool:
        self.finished.append(item_id)
        return True

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
