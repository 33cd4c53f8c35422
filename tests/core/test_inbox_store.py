"""The inbox store on both databases: what a batch of "done" marks keeps of a failure."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.inbox import InboxStore
from bot.core.spool import Spool
from bot.core.store import REASON_CHARS, short_reason
from bot.db.models import InboxItem


class _Wordy(Exception):
    """A failure whose message is longer than what an inbox row keeps."""


def test_a_long_failure_reason_does_not_block_the_batch(sessions, tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = InboxStore(sessions, None, Spool(tmp_path / "spool"), instance="w-1")
    try:
        for item in ("ev:ok1", "ev:bad", "ev:ok2"):
            assert store.record(item, '{"type": "event_callback"}') == "new"
        reason = short_reason(_Wordy("x" * 500))
        assert reason.startswith("_Wordy: xxx") and len(reason) == REASON_CHARS
        too_long = "RuntimeError: " + "y" * 300  # whatever made it, the mark still fits
        store.done_many([("ev:ok1", None, ()), ("ev:bad", too_long, ()), ("ev:ok2", reason, ())])
        with sessions() as s:
            rows = {r.id: r for r in s.scalars(select(InboxItem))}
        assert all(r.done_at is not None for r in rows.values())
        assert rows["ev:ok1"].error is None
        assert rows["ev:bad"].error == too_long[:REASON_CHARS]
        assert rows["ev:ok2"].error == reason
    finally:
        store.close()
