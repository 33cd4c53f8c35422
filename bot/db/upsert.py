"""INSERT ... ON CONFLICT DO NOTHING on SQLite and PostgreSQL: a duplicate is not an error, and the
surrounding transaction goes on (a unique key says "already done").

Whether the row went in is read from `RETURNING` its primary key, not from the rowcount: on
PostgreSQL SQLAlchemy adds an implicit `RETURNING id` to an insert into a table with a serial
key, and the driver's rowcount is then -1 whether a row went in or not."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Insert, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

# one statement per table and dialect, built once: Core, with the values bound at execution (no
# statement built per row, no ORM bulk-insert machinery for one row)
_STATEMENTS: dict[tuple[str, str], Insert] = {}


def _statement(table: Table, dialect: str) -> Insert:
    found = _STATEMENTS.get((table.name, dialect))
    if found is None:
        module = postgresql if dialect == "postgresql" else sqlite
        found = _STATEMENTS[(table.name, dialect)] = (
            module.insert(table).on_conflict_do_nothing().returning(*table.primary_key.columns)
        )
    return found


def insert_ignore(session: Session, model: Any, **values: Any) -> bool:
    """Insert one row unless a unique key already holds it; True when it was inserted."""
    dialect = session.get_bind().dialect.name
    return session.execute(_statement(model.__table__, dialect), values).first() is not None
