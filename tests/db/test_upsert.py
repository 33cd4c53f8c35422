"""insert_ignore says whether the row went in, on both databases (a serial key included: on
PostgreSQL SQLAlchemy returns the new id implicitly, and the rowcount is then -1 either way)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select

from bot.db.models import ClosedDay
from bot.db.models_learning import ChapterProgress
from bot.db.upsert import insert_ignore

AT = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def test_a_duplicate_is_ignored_and_reported(sessions) -> None:  # type: ignore[no-untyped-def]
    day = {"day": date(2026, 3, 11), "declared_by": "LEAD", "created_at": AT}
    with sessions.begin() as s:
        assert insert_ignore(s, ClosedDay, reason="congés", **day) is True
        assert insert_ignore(s, ClosedDay, reason="autre", **day) is False
        assert insert_ignore(s, ClosedDay, **{**day, "day": date(2026, 3, 12)}, reason="") is True
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(ClosedDay)) == 2
        assert s.scalar(select(ClosedDay.reason).where(ClosedDay.day == day["day"])) == "congés"


def test_a_composite_unique_key_too(sessions) -> None:  # type: ignore[no-untyped-def]
    seen = {"user": "U1", "kb": "kb", "chapter": 1, "how": "read", "created_at": AT}
    with sessions.begin() as s:
        assert insert_ignore(s, ChapterProgress, **seen) is True
        assert insert_ignore(s, ChapterProgress, **{**seen, "how": "answer"}) is False
        assert insert_ignore(s, ChapterProgress, **{**seen, "chapter": 2}) is True
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(ChapterProgress)) == 2
