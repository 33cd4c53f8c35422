"""The desk's plumbing: sessions, the clock, writes that fall back to the spool, ticket views."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar, cast

from sqlalchemy import Table, insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.core import memo, sla_bridge
from bot.core.handling import current, in_handling
from bot.core.spool import Spool, SpoolEntry
from bot.core.store import is_db_down, short_reason
from bot.core.views import NotFound, StoreUnavailable, TicketView, TryLater
from bot.db.locks import lock_row
from bot.db.models import SpooledMessage, Ticket
from bot.db.types import utcnow
from bot.knowledge.registry import Knowledge

log = logging.getLogger(__name__)
T = TypeVar("T")
INSERT_KEPT = insert(cast(Table, SpooledMessage.__table__))
# spooled kinds whose applier returns None when the target is gone: kept aside, not dropped
MUST_LAND = frozenset({"ticket_message"})


def iso(moment: datetime) -> str:
    return moment.isoformat()


def from_iso(raw: str) -> datetime:
    return datetime.fromisoformat(raw)


class DeskBase:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        knowledge: Knowledge,
        settings: Settings,
        *,
        clock: Callable[[], datetime] = utcnow,
        spool: Spool | None = None,
    ) -> None:
        self.sessions = sessions
        self.knowledge = knowledge
        self.settings = settings
        self.clock = clock
        # the adapter's hook for what a replayed entry produced (e.g. a CommunityNotice: the
        # asker must still be told that someone answered while the database was down)
        self.on_replayed: Callable[[str, object], None] | None = None
        self.spool = spool if spool is not None else Spool(settings.spool_dir)

    def now(self) -> datetime:
        return self.clock()

    # --- writes and reads -------------------------------------------------------------------

    def _apply(self, kind: str, session: Session, payload: dict[str, Any]) -> Any:
        handler = getattr(self, f"_apply_{kind}", None)
        if handler is None:
            raise ValueError(f"unknown spool kind: {kind}")
        return handler(session, payload)

    def _write(self, kind: str, payload: dict[str, Any], *, raise_when_down: bool = True) -> Any:
        """Apply `payload` in one transaction; DB down: spool it, then raise StoreUnavailable
        (or return None when `raise_when_down` is False). Inside an inbox item: applied once
        (see `_once`), and DB down raises TryLater."""
        try:
            with self.sessions.begin() as session:
                return self._once(session, lambda: self._apply(kind, session, payload), payload)
        except Exception as exc:
            if not is_db_down(exc):
                raise
            if in_handling():  # the inbox item is the durable record: handled again later
                raise TryLater(short_reason(exc)) from exc
            log.warning("database down, %s spooled: %s", kind, short_reason(exc))
            self.spool.append(kind, payload)
            if raise_when_down:
                raise StoreUnavailable(short_reason(exc)) from exc
            return None

    def _once(self, session: Session, apply: Callable[[], T], payload: dict[str, Any]) -> T:
        """Inside an inbox item, the Nth write (or claim) of its handling is applied once: its
        result is kept under the item's key in the same transaction, and handling the item again
        gets that result back. Elsewhere: just `apply()`."""
        scope = current()
        if scope is None or not scope.durable:
            return apply()
        key = memo.write_key(scope.name, scope.next_write())
        done = session.get(SpooledMessage, key) if scope.again else None
        if done is not None:
            last = payload.get("text") if isinstance(payload.get("text"), str) else None
            return memo.decode(
                (done.payload or {}).get("ref"),
                lambda tid: self._view(session, self._ticket(session, tid), last),
            )
        result = apply()
        if result is None and not (session.new or session.dirty or session.deleted):
            return result  # nothing written (e.g. no open ticket): nothing to keep
        try:
            ref = memo.encode(result)
        except TypeError:  # a result this module cannot keep: applied, not made repeatable
            log.warning("write %s: result %s not kept", key, type(result).__name__)
            return result
        values = {"key": key, "payload": {"kind": "inbox", "ref": ref}, "replayed_at": utcnow()}
        session.execute(INSERT_KEPT, values)  # Core: no unit of work for one row
        return result

    def _read(self, fn: Callable[[Session], T], *, claim: bool = False) -> T:
        """Run `fn` in a transaction; DB down -> StoreUnavailable (nothing to spool).
        `claim`: `fn` changes something (a claim): applied once per inbox item, like a write."""
        try:
            with self.sessions.begin() as session:
                if claim:
                    return self._once(session, lambda: fn(session), {})
                return fn(session)
        except Exception as exc:
            if is_db_down(exc):
                if in_handling():
                    raise TryLater(short_reason(exc)) from exc
                raise StoreUnavailable(short_reason(exc)) from exc
            raise

    def replay_entry(self, entry: SpoolEntry) -> bool:
        """Apply one spooled entry exactly once: its key goes in the same transaction.
        Returns False when the key was already replayed. DB down -> StoreUnavailable."""
        try:
            with self.sessions.begin() as session:
                if session.get(SpooledMessage, entry.key) is not None:
                    return False
                session.add(
                    SpooledMessage(
                        key=entry.key,
                        payload={"kind": entry.kind, "created_at": entry.created_at},
                    )
                )
                session.flush()  # a concurrent replayer now waits on, or fails at, this key
                result = self._apply(entry.kind, session, entry.payload)
                if result is None and entry.kind in MUST_LAND:
                    raise NotFound(f"spooled {entry.kind} {entry.key} has nowhere to go")
            self._replayed(entry.kind, result)
            return True
        except IntegrityError as exc:
            if is_db_down(exc):
                raise StoreUnavailable(short_reason(exc)) from exc
            with self.sessions() as session:
                if session.get(SpooledMessage, entry.key) is not None:
                    return False  # another replayer took it
            raise
        except Exception as exc:
            if is_db_down(exc):
                raise StoreUnavailable(short_reason(exc)) from exc
            raise

    def _replayed(self, kind: str, result: object) -> None:
        if self.on_replayed is None or result is None:
            return
        try:
            self.on_replayed(kind, result)
        except Exception:  # noqa: BLE001 - the entry is applied; telling someone is best effort
            log.exception("after replaying a %s entry", kind)

    # --- tickets ----------------------------------------------------------------------------

    def _ticket(self, session: Session, ticket_id: int) -> Ticket:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            raise NotFound(f"ticket {ticket_id}")
        return ticket

    def _locked_ticket(self, session: Session, ticket_id: int) -> Ticket:
        """The ticket, read after taking its lock (NotFound if there is none)."""
        ticket = self._lock_ticket(session, ticket_id)
        if ticket is None:
            raise NotFound(f"ticket {ticket_id}")
        return ticket

    def _lock_ticket(self, session: Session, ticket_id: int) -> Ticket | None:
        """The ticket (None if there is none), read after taking its lock: what this transaction
        changes is based on its latest state (a lead closing it while the asker writes: one
        waits for the other)."""
        lock_row(session, Ticket, ticket_id)
        return session.get(Ticket, ticket_id, populate_existing=True)

    def _view(self, session: Session, ticket: Ticket, last: str | None = None) -> TicketView:
        session.flush()
        return TicketView(
            id=ticket.id,
            asker=ticket.asker,
            text=ticket.text,
            urgency=ticket.urgency,
            status=ticket.status,
            created_at=ticket.created_at,
            target_at=ticket.target_at,
            due_at=ticket.due_at,
            due_text=sla_bridge.due_text(ticket, self.settings, session),
            emergency=ticket.urgency == "major",
            lead_channel=ticket.lead_channel,
            lead_ts=ticket.lead_ts,
            asker_channel=ticket.asker_channel,
            question_id=ticket.question_id,
            calendar=ticket.calendar,
            first_answered_at=ticket.first_answered_at,
            closed_at=ticket.closed_at,
            last_message=last,
            details=ticket.details or None,
            asker_ts=ticket.asker_ts,
        )
