"""The outbox: each outgoing call that must happen is recorded before it is sent, marked after.

`begin(key, method, channel)` records the call as pending (one insert) and returns None, or,
when `key` is already known (the same request handled again after a crash or a failure), the
stored response of a call already sent: the caller then does not send it again. `sent()` stores
what the caller needs from the response (ids, never text). Keys come from bot.core.handling.
Inside an inbox item's first handling there is no `begin`: the calls sent are recorded as sent
with the item's "done" (`mark_sent`, in its transaction), so a call costs no write of its own;
the item handled again (a crash, a retry) records its calls before sending them, and treats a
call it does not find recorded as possibly sent (the sender looks for it first).
Platform-neutral: the adapter's sender (bot/slack/outbox.py) does the sending and the retries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Engine, Insert, Table, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from bot.core.handling import SentCall, in_handling
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


def _mark_statement(module: Any) -> Insert:
    """Record a call's outcome, whether or not it was recorded pending before (an upsert)."""
    stmt = module.insert(OUTBOX)
    return cast(
        Insert,
        stmt.on_conflict_do_update(
            index_elements=[CALLS.key],
            set_={
                "status": stmt.excluded.status,
                "response": stmt.excluded.response,
                "sent_at": stmt.excluded.sent_at,
            },
        ),
    )


MARK = {"postgresql": _mark_statement(postgresql), "sqlite": _mark_statement(sqlite)}


@dataclass(frozen=True)
class Prior:
    status: str  # sent | failed | pending
    response: dict[str, Any]


def _marks(calls: Sequence[SentCall], status: str) -> list[dict[str, Any]]:
    at = utcnow()
    return [
        {
            "key": c.key,
            "method": c.method,
            "channel": c.channel,
            "status": status,
            "response": c.response,
            "attempts": 1,
            "created_at": at,
            "sent_at": at,
        }
        for c in calls
    ]


def _dialect(conn: Connection | Engine) -> str:
    return "postgresql" if conn.dialect.name == "postgresql" else "sqlite"


def mark_sent(conn: Connection, sent: Sequence[SentCall]) -> None:
    """Record calls as sent, in the caller's transaction (an inbox item's "done")."""
    if sent:
        conn.execute(MARK[_dialect(conn)], _marks(sent, "sent"))


class OutboxStore:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.engine: Engine = sessions.kw["bind"]
        # the record and the marks are single statements: run in autocommit (committed when they
        # return, without the BEGIN and COMMIT round trips)
        self.single = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        self.dialect = _dialect(self.engine)

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

    def sent(self, call: SentCall) -> None:
        self._mark(call, "sent")

    def failed(self, call: SentCall) -> None:
        """Slack refused the call for good (e.g. channel_not_found): not retried."""
        self._mark(call._replace(response=None), "failed")

    def _mark(self, call: SentCall, status: str) -> None:
        try:
            with self.single.connect() as conn:
                conn.execute(MARK[self.dialect], _marks([call], status))
        except Exception as exc:
            if not is_db_down(exc):
                raise
            raise _down(exc) from exc


def _down(exc: Exception) -> Exception:
    if in_handling():
        return TryLater(short_reason(exc))
    return StoreUnavailable(short_reason(exc))
