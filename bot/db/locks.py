"""Row locks that hold on SQLite as on PostgreSQL, for a read-modify-write in one transaction.

SQLAlchemy's `with_for_update()` locks the row on PostgreSQL and does nothing on SQLite, whose
driver only opens a transaction at its first write: a read before it sees a state another
connection may change before this one writes (a lost update). `lock_row` takes the lock before
the read: on PostgreSQL `SELECT ... FOR UPDATE` (that row), on SQLite a write that changes
nothing (the database's write lock, held to the end of the transaction). Read the row after it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session


def lock_row(session: Session, model: Any, row_id: int) -> None:
    """Hold `model` row `row_id` (an integer `id` key) for the rest of the transaction."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(model.id).where(model.id == row_id).with_for_update())
    else:
        session.execute(
            update(model)
            .where(model.id == row_id)
            .values(id=model.id)
            .execution_options(synchronize_session=False)
        )
