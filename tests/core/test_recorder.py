"""Group commit for the acks: the rows waiting go in one write; a duplicate, an abandoned row and
a writer stuck on a hung database are handled as the ack expects."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from bot.core.recorder import Recorder


class Table:
    """A stand-in for the inbox table: remembers ids, can hold a write (a slow database)."""

    def __init__(self) -> None:
        self.ids: set[str] = {"known"}
        self.writes: list[list[str]] = []
        self.hold = threading.Event()
        self.hold.set()
        self.entered = threading.Event()

    def write(self, rows: list[dict[str, Any]]) -> list[str]:
        self.entered.set()
        self.hold.wait()
        self.writes.append([row["id"] for row in rows])
        fresh = [row["id"] for row in rows if row["id"] not in self.ids]
        self.ids.update(fresh)
        return fresh


def test_rows_waiting_behind_a_write_go_together_in_the_next_one() -> None:
    table = Table()
    table.hold.clear()
    recorder = Recorder(table.write)
    try:
        first = recorder.submit("a", {"id": "a"})
        assert table.entered.wait(2.0)  # the writer holds "a"; the others queue meanwhile
        rest = [recorder.submit(i, {"id": i}) for i in ("b", "c", "known", "b")]
        table.hold.set()
        assert first.future.result(2.0) is True
        assert [p.future.result(2.0) for p in rest] == [True, True, False, False]
        assert table.writes == [["a"], ["b", "c", "known"]]  # the second "b" is not written
    finally:
        recorder.close()


def test_a_row_abandoned_before_its_write_starts_is_not_written() -> None:
    table = Table()
    table.hold.clear()
    recorder = Recorder(table.write)
    try:
        recorder.submit("a", {"id": "a"})
        assert table.entered.wait(2.0)
        late = recorder.submit("late", {"id": "late"})
        late.abandoned = True  # its ack stopped waiting (it spooled the row)
        table.hold.set()
        recorder.submit("c", {"id": "c"}).future.result(2.0)
        assert "late" not in table.ids and not late.future.done()
    finally:
        recorder.close()


def test_a_failed_write_reaches_every_caller_of_its_batch() -> None:
    def refuse(rows: list[dict[str, Any]]) -> list[str]:
        raise OSError("connection refused")

    recorder = Recorder(refuse)
    try:
        with pytest.raises(OSError):
            recorder.submit("a", {"id": "a"}).future.result(2.0)
    finally:
        recorder.close()


def test_a_stuck_write_does_not_hold_up_the_rows_after_it() -> None:
    table = Table()
    table.hold.clear()
    stuck = threading.Event()

    def write(rows: list[dict[str, Any]]) -> list[str]:
        if rows[0]["id"] == "hung":
            stuck.set()
            table.hold.wait()  # a database that does not answer
            return []
        return [row["id"] for row in rows]

    recorder = Recorder(write, stuck_after=0.2)
    try:
        hung = recorder.submit("hung", {"id": "hung"})
        assert stuck.wait(2.0)
        time.sleep(0.3)  # longer than stuck_after: the next row gets a fresh writer
        assert recorder.submit("next", {"id": "next"}).future.result(2.0) is True
        assert not hung.future.done()
        table.hold.set()
        assert hung.future.result(2.0) is False
    finally:
        recorder.close()
