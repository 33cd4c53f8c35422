"""Migration 0007 merges the duplicate votes an earlier version could leave (the newest vote of
each person on each answer stays) before the unique key goes on (tests/core/test_feedback_once.py
for the key at work)."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from alembic.config import Config
from sqlalchemy import select, text

from bot.db.engine import MIGRATIONS, make_engine, migrate
from bot.db.models import Feedback
from tests.test_schema_later import empty_url  # noqa: F401 - the fixture

AT = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def _upgrade(engine, revision: str) -> None:  # type: ignore[no-untyped-def]
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def test_the_migration_keeps_the_newest_vote_of_each_person(empty_url) -> None:  # noqa: F811
    engine = make_engine(empty_url)
    try:
        _upgrade(engine, "0006_asker_indexes")
        with engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO questions (id, asker, origin, kb, text, status, public, "
                    "created_at) VALUES (1, 'U1', 'slack', 'kb', 'q', 'answered', false, :at)"
                ),
                {"at": AT.replace(tzinfo=None)},
            )
            for question_id, user, helpful in [
                (1, "U1", True),
                (1, "U1", False),  # the newest of U1's two votes on question 1
                (1, "U2", True),
                (None, "U1", True),  # votes on no question are not limited
                (None, "U1", True),
            ]:
                conn.execute(
                    text(
                        'INSERT INTO feedback (question_id, "user", helpful, created_at) '
                        "VALUES (:q, :u, :h, :at)"
                    ),
                    {"q": question_id, "u": user, "h": helpful, "at": AT.replace(tzinfo=None)},
                )
        migrate(engine)
        with engine.connect() as conn:
            rows = conn.execute(
                select(Feedback.question_id, Feedback.user, Feedback.helpful).order_by(Feedback.id)
            ).all()
        assert [tuple(r) for r in rows] == [
            (1, "U1", False),
            (1, "U2", True),
            (None, "U1", True),
            (None, "U1", True),
        ]
    finally:
        engine.dispose()
