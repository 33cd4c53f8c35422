"""The inbox: every acknowledged request, recorded before the ack, handled once.

- `record(id, body)`: ONE insert keyed by the sender's id (Slack's event id, an interaction's
  trigger or view id), run on the ack's own short-timeout connections and bounded by `deadline`
  on the caller's side too (a database that hangs never holds an ack). The acks waiting at the
  same moment share one insert statement (group commit, bot/core/recorder.py). A known id ->
  "duplicate".
  When the database cannot take it in time, the item goes to the local spool under the same id
  -> "spooled"; `replay_spool()` inserts it once the database is back (a known id is skipped),
  so the id is still recognised after recovery.
- The item is inserted already claimed by this process, which hands it to its own workers: no
  second transaction to claim it. Items nobody holds (spooled, overflow) or whose claim is older
  than the lease (a crashed process) are taken with ONE conditional UPDATE, like the escalation
  sweep: `claim()`.
- `done_many()` / `release()` (back-off) / `backlog()` / `prune()`.
Platform-neutral: the body is opaque text, the adapter decides what it means.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal, cast

from sqlalchemy import Engine, Table, and_, bindparam, delete, func, or_, select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from bot.core.handling import SentCall
from bot.core.inbox_insert import insert_rows
from bot.core.outbox import mark_sent
from bot.core.recorder import Recorder
from bot.core.spool import Spool, SpoolEntry
from bot.core.store import REASON_CHARS, short_reason
from bot.db.models import InboxItem, OutboxCall, SpooledMessage
from bot.db.types import utcnow

log = logging.getLogger(__name__)
INBOX = cast(Table, InboxItem.__table__)
COLS = INBOX.c
Recorded = Literal["new", "duplicate", "spooled"]
Sent = Sequence[SentCall]
REFUSAL_MEMORY = 10.0
LOCKED_RETRY = 0.001
# built once: the "done" runs for every request (the ack's insert: bot/core/inbox_insert.py)
DONE = (
    update(INBOX)
    .where(COLS.id == bindparam("item"), COLS.claimed_by == bindparam("me"))
    .values(
        done_at=bindparam("at", type_=COLS.done_at.type),
        claimed_by=None,
        claimed_at=None,
        error=bindparam("err", type_=COLS.error.type),
    )
)


@dataclass(frozen=True)
class Item:
    id: str
    body: str
    attempts: int = 0
    again: bool = False  # taken by a claim: it may have been (partly) handled before


@dataclass(frozen=True)
class Backlog:
    inbox: int
    outbox: int
    spooled: int


class InboxStore:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        ack_sessions: sessionmaker[Session] | None,
        spool: Spool,
        *,
        instance: str,
        lease: timedelta = timedelta(seconds=120),
        deadline: float = 0.5,
    ) -> None:
        self.engine: Engine = sessions.kw["bind"]
        self.ack_engine: Engine = (ack_sessions or sessions).kw["bind"]
        self.spool = spool
        self.instance = instance
        self.lease = lease
        self.deadline = deadline
        self._recorder = Recorder(
            self._insert_rows, stuck_after=max(2.0, 4 * deadline), name="inbox-record"
        )
        self._suspect_until = 0.0  # monotonic: skip the database while it just failed
        self._lock = threading.Lock()
        self._refused_at: float | None = None  # monotonic: the last insert the database refused

    # --- at the ack ---------------------------------------------------------------------------
    def record(self, item_id: str, body: str, *, claim: bool = True) -> Recorded:
        """Record the item durably within `deadline` seconds; never raises for a database that is
        down or slow (the spool takes it), only if the spool itself cannot be written."""
        if time.monotonic() >= self._suspect_until:
            try:
                fresh = self._insert_within(item_id, body, claim)
                self._refused_at = None
                return "new" if fresh else "duplicate"
            except Exception as exc:  # noqa: BLE001 - down, slow, read-only: the spool takes it
                log.warning("inbox: item %s spooled (%s)", item_id, short_reason(exc))
                with self._lock:  # the next acks go straight to the spool for a second
                    self._suspect_until = time.monotonic() + 1.0
        self._refused_at = time.monotonic()
        self.spool.append("inbox", {"body": body}, key=item_id)
        return "spooled"

    def _insert_within(self, item_id: str, body: str, claim: bool) -> bool:
        """The insert, bounded by `deadline`: handed to this process's writer thread, which
        inserts every ack's row waiting in one statement (bot/core/recorder.py); the ack stops
        waiting after `deadline` (a database that hangs never answers)."""
        pending = self._recorder.submit(item_id, self._row(item_id, body, claim))
        try:
            return pending.future.result(timeout=self.deadline)
        except FutureTimeout as exc:
            pending.abandoned = True  # if its batch has not started yet, it never will
            raise TimeoutError("the database did not answer in time") from exc

    def _row(self, item_id: str, body: str, claim: bool) -> dict[str, Any]:
        now = utcnow()
        return {
            "id": item_id,
            "body": body,
            "received_at": now,
            "attempts": 1 if claim else 0,  # handlings started
            "claimed_by": self.instance if claim else None,
            "claimed_at": now if claim else None,
        }

    def _insert_rows(self, rows: list[dict[str, Any]]) -> list[str]:
        """Insert the rows (one statement, committed when it returns); the ids inserted (a known
        id is left as it is)."""
        if self.ack_engine.dialect.name == "postgresql":
            return insert_rows(INBOX, self.ack_engine, rows)
        # SQLite: its busy handler sleeps 1, 2, 5, 10, 15 ... ms between tries, and a writer that
        # keeps losing the race waits 100 ms and more. The ack's connections do not wait in it
        # (busy timeout 0): they try again every LOCKED_RETRY seconds, up to the deadline
        deadline = time.monotonic() + self.deadline
        while True:
            try:
                return insert_rows(INBOX, self.ack_engine, rows)
            except OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() >= deadline:
                    raise
            time.sleep(LOCKED_RETRY)

    # --- workers ------------------------------------------------------------------------------
    def claim(
        self, limit: int, exclude: Iterable[str] = (), now: datetime | None = None
    ) -> list[Item]:
        """Take up to `limit` items nobody holds, with ONE conditional UPDATE ... RETURNING."""
        if limit <= 0:
            return []
        now = now or utcnow()
        free = or_(COLS.claimed_by.is_(None), COLS.claimed_at < now - self.lease)
        due = or_(COLS.not_before.is_(None), COLS.not_before <= now)
        ready = and_(COLS.done_at.is_(None), free, due)
        skip = sorted(set(exclude))
        if skip:
            ready = and_(ready, COLS.id.notin_(skip))
        candidates = (
            select(COLS.id)
            .where(ready)
            .order_by(COLS.received_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        stmt = (
            update(INBOX)
            .where(COLS.id.in_(candidates.scalar_subquery()), ready)
            .values(claimed_by=self.instance, claimed_at=now, attempts=COLS.attempts + 1)
            .returning(COLS.id, COLS.body, COLS.attempts, COLS.received_at)
        )
        with self.engine.begin() as conn:
            rows = conn.execute(stmt).all()
        ordered = sorted(rows, key=lambda r: r.received_at)
        # `attempts` counts the handlings started: above 1, an earlier one (released, or ended by
        # a crash) may have done part of the work
        return [Item(r.id, r.body, r.attempts, again=r.attempts > 1) for r in ordered]

    def done_many(self, finished: Sequence[tuple[str, str | None, Sent]]) -> None:
        """Mark items handled (id, error, the Web API calls their handling sent; an item only
        while this process holds it), in one transaction. On PostgreSQL
        it is committed without waiting for the disk: a "done" lost in a server crash only means
        the item is handled again after its lease: its desk writes are found done, and a post
        is looked for in its channel before it is sent again."""
        if not finished:
            return
        at = utcnow()
        # the reason fits its column whatever made it (PostgreSQL refuses a longer one, and the
        # whole batch with it: every item would be handled again, the failing one for ever)
        marks = [
            {"item": i, "me": self.instance, "at": at, "err": e[:REASON_CHARS] if e else e}
            for i, e, _ in finished
        ]
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql("SET LOCAL synchronous_commit = off")
            mark_sent(conn, [call for _, _, sent in finished for call in sent])
            conn.execute(DONE, marks)

    def release(self, item_id: str, attempts: int, sent: Sent = ()) -> None:
        """Give the item back, to be handled again after a back-off (1 s, 2 s, 4 s ... 5 min);
        the calls already sent are marked, so that they are not sent again."""
        wait = timedelta(seconds=min(300, 2 ** min(max(0, attempts - 1), 9)))
        stmt = (
            update(INBOX)
            .where(COLS.id == item_id, COLS.claimed_by == self.instance)
            .values(
                claimed_by=None,
                claimed_at=None,
                not_before=utcnow() + wait,
            )
        )
        with self.engine.begin() as conn:
            mark_sent(conn, sent)
            conn.execute(stmt)

    # --- upkeep -------------------------------------------------------------------------------
    def replay_spool(self) -> int:
        """Insert the items spooled during an outage (unclaimed: any worker takes them)."""
        if not self.spool.path.exists() or not self.spool.path.stat().st_size:
            return 0
        replayer = _SpoolReplayer(self)
        applied = self.spool.replay(replayer)
        self._refused_at = time.monotonic() if replayer.failed else None
        return applied

    @property
    def writable(self) -> bool:
        """False while the database refuses inserts: it refused the last one, less than
        `REFUSAL_MEMORY` seconds ago (then the next ack, or the spool replay, tries again)."""
        refused = self._refused_at
        return refused is None or time.monotonic() - refused > REFUSAL_MEMORY

    def backlog(self) -> Backlog:
        """Items not handled yet: in the table, and in the spool. The spool is read first: an
        item leaves it only once it is in the table, so none is missed in between."""
        spooled = len(self.spool)
        with self.engine.begin() as conn:
            inbox = conn.scalar(select(func.count()).where(COLS.done_at.is_(None)))
            outbox = conn.scalar(
                select(func.count()).select_from(OutboxCall).where(OutboxCall.status == "pending")
            )
        return Backlog(int(inbox or 0), int(outbox or 0), spooled)

    def prune(self, keep: timedelta = timedelta(days=1)) -> None:
        """Forget handled items and sent calls older than `keep` (Slack retries within minutes)."""
        cutoff = utcnow() - keep
        with self.engine.begin() as session:
            session.execute(delete(InboxItem).where(COLS.done_at < cutoff))
            session.execute(
                delete(OutboxCall).where(
                    OutboxCall.status != "pending", OutboxCall.sent_at < cutoff
                )
            )
            kept = or_(SpooledMessage.key.like("%@w%"), SpooledMessage.key.like("h:%"))
            session.execute(delete(SpooledMessage).where(kept, SpooledMessage.replayed_at < cutoff))

    def close(self) -> None:
        self._recorder.close()


class _SpoolReplayer:
    def __init__(self, store: InboxStore) -> None:
        self.store = store
        self.failed = False

    def replay_entry(self, entry: SpoolEntry) -> bool:
        from bot.core.store import is_db_down
        from bot.core.views import StoreUnavailable

        if entry.kind != "inbox":
            raise ValueError(f"not an inbox entry: {entry.kind}")
        try:
            row = self.store._row(entry.key, entry.payload["body"], False)
            return bool(self.store._insert_rows([row]))
        except Exception as exc:
            if is_db_down(exc):
                self.failed = True
                raise StoreUnavailable(short_reason(exc)) from exc
            raise
