"""The outbox: each outgoing call that must happen is recorded before it is sent, marked after.

`begin(key, method, channel)` records the call as pending (one insert) and returns None, or,
when `key` is already known (the same request handled again after a crash or a failure), the
stored response of a call already sent: the caller then does not send it again. `sent()` stores
what the caller needs from the response (ids, never text). Keys come from bot.core.handling.
Platform-neutral: the adapter's sender (bot/slack/outbox.py) does the sending and the retries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from bot.core.handling import in_handling
from bot.core.store import is_db_down, short_reason
from bot.core.views import StoreUnavailable, TryLater
from bot.db.models import OutboxCall
from bot.db.types import utcnow

OUTBOX = cast(Table, OutboxCall.__table__)
CALLS = OUTBOX.c
# built once (one call per answer at least): no statement built and keyed per call
RECORD = {
    name: module.insert(OUTBOX).on_conflict_do_nothing().returning(CALLS.key)
    for name, module in (("postgresql", postgresql), ("sqlite", sqlite))
}
MARK = (
    update(OUTBOX)
    .where(CALLS.key == bindparam("k"))
    .values(
        status=bindparam("st", type_=CALLS.status.type),
        response=bindparam("resp", type_=CALLS.response.type),
        sent_at=bindparam("at", type_=CALLS.sent_at.type),
    )
)


@dataclass(frozen=True)
class Prior:
    status: str  # sent | failed | pending
    response: dict[str, Any]


def mark_sent(conn: Connection, sent: Sequence[tuple[str, dict[str, Any]]]) -> None:
    """Mark calls sent, in the caller's transaction (an inbox item's "done")."""
    if sent:
        at = utcnow()
        conn.execute(MARK, [{"k": k, "st": "sent", "resp": r, "at": at} for k, r in sent])


class OutboxStore:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.engine: Engine = sessions.kw["bind"]
        # the record and the marks are single statements: run in autocommit (committed when they
        # return, without the BEGIN and COMMIT round trips)
        self.single = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        self.dialect = "postgresql" if self.engine.dialect.name == "postgresql" else "sqlite"

    def begin(self, key: str, method: str, channel: str | None) -> Prior | None:
        """Record the call (pending) and return None; or what is known of an earlier attempt:
        sent (with its stored response), or pending (it may or may not have reached Slack)."""
        try:
            values = {
                "key": key,
                "method": method,
                "channel": channel,
                "status": "pending",
                "attempts": 1,
                "created_at": utcnow(),
            }
            with self.single.connect() as conn:  # recorded (committed) before it is sent
                if conn.execute(RECORD[self.dialect], values).first() is not None:
                    return None
            with self.engine.begin() as session:  # handled again: what became of it
                row = session.execute(
                    select(CALLS.status, CALLS.response, CALLS.attempts).where(CALLS.key == key)
                ).one()
                if row.status != "pending":
                    return Prior(row.status, dict(row.response or {}))
                session.execute(
                    update(OUTBOX).where(CALLS.key == key).values(attempts=row.attempts + 1)
                )
                return Prior("pending", {})
        except Exception as exc:
            if not is_db_down(exc):
                raise
            raise _down(exc) from exc

    def sent(self, key: str, response: dict[str, Any]) -> None:
        self._mark(key, "sent", response)

    def failed(self, key: str) -> None:
        """Slack refused the call for good (e.g. channel_not_found): not retried."""
        self._mark(key, "failed", None)

    def _mark(self, key: str, status: str, response: dict[str, Any] | None) -> None:
        values = {"k": key, "st": status, "resp": response, "at": utcnow()}
        try:
            with self.single.connect() as conn:
                conn.execute(MARK, values)
        except Exception as exc:
            if not is_db_down(exc):
                raise
            raise _down(exc) from exc


def _down(exc: Exception) -> Exception:
    if in_handling():
        return TryLater(short_reason(exc))
    return StoreUnavailable(short_reason(exc))
