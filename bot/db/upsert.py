"""INSERT ... ON CONFLICT DO NOTHING on SQLite and PostgreSQL: a duplicate is not an error, and the
surrounding transaction goes on (a unique key says "already done")."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.db.results import rowcount


def insert_ignore(session: Session, model: Any, **values: Any) -> bool:
    """Insert one row unless a unique key already holds it; True when it was inserted."""
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    statement = module.insert(model).values(**values).on_conflict_do_nothing()
    return bool(rowcount(session.execute(statement)))
