"""Engine and session factory; applies Alembic migrations at start."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.compat import optional_module

fcntl = optional_module("fcntl")  # None on Windows
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
log = logging.getLogger(__name__)


# SQLite errors after which a pooled connection must not be reused: a connection opened while
# the file was unwritable stays read-only, so it is dropped and the next one is opened afresh
SQLITE_STALE = ("readonly database", "disk i/o error", "unable to open database")


@dataclass(frozen=True)
class Timeouts:
    """Client-side bounds so that no caller waits on the database forever."""

    connect_seconds: float = 3.0  # PostgreSQL: opening a connection
    statement_ms: int = 5000  # PostgreSQL statement_timeout; SQLite busy timeout
    pool_wait_seconds: float = 3.0  # waiting for a free pooled connection
    pool_size: int = 8  # connections kept per process (the inbox workers + the acks + spare)


def make_engine(url: str, timeouts: Timeouts | None = None, *, autocommit: bool = False) -> Engine:
    """An engine for `url` with bounded waits everywhere; SQL parameters (user text) never appear
    in errors or logs. SQLite gets WAL, a busy timeout and its parent folder created.
    `autocommit`: each statement is its own transaction, committed when it returns (no BEGIN and
    COMMIT round trips): for an engine that only runs single-statement writes (the ack's)."""
    bounds = timeouts or Timeouts()
    parsed = make_url(url)
    pool = {
        "pool_size": bounds.pool_size,
        "max_overflow": bounds.pool_size,
        "pool_timeout": bounds.pool_wait_seconds,
    }
    isolation = {"isolation_level": "AUTOCOMMIT"} if autocommit else {}
    if parsed.get_backend_name() == "sqlite":
        memory = not parsed.database or parsed.database == ":memory:"
        if not memory:
            Path(str(parsed.database)).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            # an autocommit engine (the ack's) does not wait in SQLite's busy handler: its caller
            # tries again at a finer grain (bot/core/inbox.py)
            connect_args={
                "timeout": 0 if autocommit else bounds.statement_ms / 1000,
                "check_same_thread": False,
            },
            hide_parameters=True,
            **isolation,
            **({} if memory else pool),
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            if not memory:
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")  # durable across a process crash
                cur.execute("PRAGMA mmap_size=268435456")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        @event.listens_for(engine, "handle_error")
        def _sqlite_stale(context: ExceptionContext) -> None:
            if any(word in str(context.original_exception).lower() for word in SQLITE_STALE):
                context.is_disconnect = True  # drop the pool: new connections open read-write

        return engine
    options = f"-c statement_timeout={bounds.statement_ms} -c lock_timeout={bounds.statement_ms}"
    return create_engine(
        url,
        connect_args={"connect_timeout": max(1, round(bounds.connect_seconds)), "options": options},
        hide_parameters=True,
        pool_recycle=1800,
        **isolation,
        **pool,
    )


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
