"""Telling "the database is down" apart from every other database error."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, StatementError
from sqlalchemy.exc import TimeoutError as PoolTimeout

_DOWN_WORDS = (
    "connection refused",
    "could not connect",
    "server closed the connection",
    "connection timed out",
    "unable to open database file",
    "connection is closed",
    "readonly database",
    "database is locked",
    "disk i/o error",
    "statement timeout",
    # reachable but not migrated yet (it came back empty, or a new release's
    # migrations have not run): not ready, which for the user is the same as down
    "no such table",
    "does not exist",
)


def is_db_down(exc: BaseException) -> bool:
    """True when `exc` (or what caused it) means the database cannot be reached right now."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(
            current,
            OperationalError | InterfaceError | ConnectionError | PoolTimeout | TimeoutError,
        ):
            return True
        if isinstance(current, DBAPIError) and current.connection_invalidated:
            return True
        if any(word in str(current).lower() for word in _DOWN_WORDS):
            return True
        current = current.__cause__ or current.__context__
    return False


REASON_CHARS = 200  # what an inbox row keeps of why its item failed (its `error` column)


def short_reason(exc: BaseException) -> str:
    """The driver's own message, without the SQL statement and its parameters (which may hold
    private text), at most REASON_CHARS long: safe to log, to put in StoreUnavailable or in an
    inbox row."""
    if isinstance(exc, StatementError) and exc.orig is not None:
        exc = exc.orig
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {first}"[:REASON_CHARS]
