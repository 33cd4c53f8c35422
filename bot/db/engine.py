"""Engine and session factory; applies Alembic migrations at start."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.compat import optional_module

fcntl = optional_module("fcntl")  # None on Windows
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
log = logging.getLogger(__name__)


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL, a busy timeout and its parent folder created."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            if parsed.database and parsed.database != ":memory:":
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


@contextmanager
def _sqlite_file_lock(engine: Engine) -> Iterator[None]:
    """Serialise migrations of one SQLite file across processes (PostgreSQL uses an advisory
    lock inside the migration's transaction instead)."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or fcntl is None:
        yield
        return
    try:
        handle = open(f"{database}.migrate-lock", "a")  # noqa: SIM115 - closed below
    except OSError:  # no place for the lock: no place for the database either; the migration
        yield  # itself reports that (as "database unavailable")
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (safe to call from every instance)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with _sqlite_file_lock(engine), engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # several instances may start at once
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4242424242)")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


class Schema:
    """The migrations of one engine, applied as soon as the database can be reached: call
    `ensure()` at start and again from a periodic job while `ready` is False."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.ready = False

    def ensure(self) -> bool:
        if not self.ready:
            try:
                migrate(self.engine)
            except Exception:  # noqa: BLE001 - unreachable or refusing: try again later
                log.warning("database not ready: migrations will be retried", exc_info=True)
                return False
            self.ready = True
        return True


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def open_database(url: str) -> tuple[Engine, sessionmaker[Session]]:
    engine = make_engine(url)
    migrate(engine)
    return engine, session_factory(engine)
