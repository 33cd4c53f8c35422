"""The database is unreachable or empty at start: users' messages are spooled, the schema is
applied when the database answers, and the spool is then replayed (nothing set aside)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from bot.config import Settings
from bot.core import Desk, Spool
from bot.db.engine import Schema, make_engine, session_factory
from bot.db.models import Question
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.registry import Knowledge
from tests.conftest import PG_ADMIN_URL
from tests.core.conftest import GIBBERISH, KB, units


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request, tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A reachable database without any table."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    request.getfixturevalue("pg_url")  # skips (or fails under CI) without PostgreSQL
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"bot_empty_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_unreachable_database_is_not_ready() -> None:
    schema = Schema(make_engine("postgresql+psycopg://postgres@127.0.0.1:1/x?connect_timeout=2"))
    assert schema.ensure() is False and schema.ready is False


def test_messages_wait_in_the_spool_until_the_schema_exists(empty_url, tmp_path) -> None:
    engine = make_engine(empty_url)
    settings = Settings(database_url=empty_url, default_kb=KB, spool_dir=tmp_path / "spool")
    knowledge = Knowledge({KB: KnowledgeBase(KB, "Base de test", units())})
    desk = Desk(session_factory(engine), knowledge, settings, spool=Spool(settings.spool_dir))

    reply = desk.ask(asker="U1", text=GIBBERISH, kb=KB)  # no tables: spooled, not an error
    assert reply.stored is False and len(desk.spool) == 1
    assert desk.replay_spool() == 0 and len(desk.spool) == 1  # kept, not set aside
    assert not (settings.spool_dir / "rejected.jsonl").exists()

    schema = Schema(engine)
    assert schema.ensure() is True and schema.ready is True
    assert desk.replay_spool() == 1 and len(desk.spool) == 0
    with desk.sessions() as s:
        assert [q.text for q in s.scalars(select(Question))] == [GIBBERISH]
    engine.dispose()
