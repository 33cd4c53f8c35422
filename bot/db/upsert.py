"""INSERT ... ON CONFLICT DO NOTHING on SQLite and PostgreSQL: a duplicate is not an error, and the
surrounding transaction goes on (a unique key says "already done")."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Insert, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from bot.db.results import rowcount

# one statement per table and dialect, built once: Core, with the values bound at execution (no
# statement built per row, no ORM bulk-insert machinery for one row)
_STATEMENTS: dict[tuple[str, str], Insert] = {}


def _statement(table: Table, dialect: str) -> Insert:
    found = _STATEMENTS.get((table.name, dialect))
    if found is None:
        module = postgresql if dialect == "postgresql" else sqlite
        found = _STATEMENTS[(table.name, dialect)] = module.insert(table).on_conflict_do_nothing()
    return found


def insert_ignore(session: Session, model: Any, **values: Any) -> bool:
    """Insert one row unless a unique key already holds it; True when it was inserted."""
    dialect = session.get_bind().dialect.name
    return bool(rowcount(session.execute(_statement(model.__table__, dialect), values)))
