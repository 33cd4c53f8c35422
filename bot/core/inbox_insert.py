"""The acks' insert, run straight on the database driver: every request costs one, so it skips
SQLAlchemy's per-row statement machinery (sampled under load, the batched insert through
SQLAlchemy held the GIL for about 40 % of the web process's time; bot/core/recorder.py).

`insert_rows(engine, rows)` inserts the rows in ONE statement (`INSERT ... VALUES (...), (...)
ON CONFLICT DO NOTHING RETURNING id`), committed when it returns whether or not the engine is
in autocommit (the ack's is), and returns the ids inserted. The values go through the columns'
own SQLAlchemy bind processors (UTC datetimes are stored exactly as the ORM stores them), and a
driver error comes back as SQLAlchemy's (DBAPIError, parameters hidden), with a SQLite
connection left read-only dropped from the pool as the engine's own error hook would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Engine, Table
from sqlalchemy.exc import DBAPIError

from bot.db.engine import SQLITE_STALE

COLUMNS = ("id", "body", "received_at", "attempts", "claimed_by", "claimed_at")
Processor = Callable[[Any], Any] | None
_PROCESSORS: dict[tuple[int, str], tuple[Processor, ...]] = {}
_SQL: dict[tuple[str, int], str] = {}


def _processors(table: Table, engine: Engine) -> tuple[Processor, ...]:
    key = (id(table), engine.dialect.name)
    found = _PROCESSORS.get(key)
    if found is None:
        dialect = engine.dialect
        found = _PROCESSORS[key] = tuple(
            table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in COLUMNS
        )
    return found


def _sql(table: Table, engine: Engine, count: int) -> str:
    mark = "?" if engine.dialect.paramstyle == "qmark" else "%s"
    key = (f"{table.name}:{mark}", count)
    found = _SQL.get(key)
    if found is None:
        one = "(" + ", ".join([mark] * len(COLUMNS)) + ")"
        found = _SQL[key] = (
            f"INSERT INTO {table.name} ({', '.join(COLUMNS)}) VALUES "
            f"{', '.join([one] * count)} ON CONFLICT DO NOTHING RETURNING id"
        )
    return found


def insert_rows(table: Table, engine: Engine, rows: Sequence[dict[str, Any]]) -> list[str]:
    """Insert `rows` (each with COLUMNS) in one statement; the ids inserted."""
    if not rows:
        return []
    processors = _processors(table, engine)
    params = [
        proc(row[name]) if proc else row[name]
        for row in rows
        for name, proc in zip(COLUMNS, processors, strict=True)
    ]
    sql = _sql(table, engine, len(rows))
    dialect = engine.dialect
    with engine.begin() as conn:  # committed here unless the engine is in autocommit
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]
        except dialect.loaded_dbapi.Error as exc:
            stale = dialect.name == "sqlite" and any(w in str(exc).lower() for w in SQLITE_STALE)
            if stale:
                conn.invalidate()  # new connections open read-write
            raise DBAPIError.instance(
                sql,
                None,
                exc,
                dialect.loaded_dbapi.Error,
                hide_parameters=True,
                connection_invalidated=stale,
                dialect=dialect,
            ) from exc
        finally:
            cursor.close()
