"""The Alembic history and models.py describe the same schema (tables, columns, types' kinds)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.db.engine import make_engine
from bot.db.models import Base


def test_migrations_and_models_agree(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": False})
            diff = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    # indexes and constraints may be named differently by each dialect; tables and columns not
    kinds = {"add_table", "remove_table", "add_column", "remove_column"}
    assert [d for d in diff if isinstance(d, tuple) and d[0] in kinds] == []
