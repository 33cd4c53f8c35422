"""The Alembic migrations build exactly the schema that bot/db/models.py declares: after
`migrate()`, Alembic's autogenerate comparison finds nothing to change, on SQLite and on
PostgreSQL (the `db_url` fixture migrates each database the way the bot does at start)."""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Column, Integer, MetaData, String, Table

from bot.db.engine import make_engine
from bot.db.models import Base


def differences(url: str, metadata: MetaData) -> list[Any]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "compare_server_default": True}
            )
            return list(compare_metadata(context, metadata))
    finally:
        engine.dispose()


def test_migrated_database_matches_the_models(db_url: str) -> None:
    assert differences(db_url, Base.metadata) == []


def test_the_comparison_sees_a_model_the_migrations_lack(db_url: str) -> None:
    """The check above can fail: a table only the models have is reported."""
    metadata = MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(metadata)
    Table("not_migrated", metadata, Column("id", Integer, primary_key=True), Column("x", String))
    found = differences(db_url, metadata)
    assert [d[0] for d in found] == ["add_table"]
    assert found[0][1].name == "not_migrated"
