"""The escalation sweep: remind the lead at target_at, escalate at due_at, exactly once.

Any number of instances sweep the same tickets table (PostgreSQL or SQLite). The deadlines live
in the table, so a missed or crashed sweep loses nothing: the next one finds the rows.

1. Claim: ONE conditional UPDATE takes a batch of due rows that are unclaimed or whose claim is
   older than the lease, `SET claimed_by = me, claimed_at = now ... RETURNING` the rows.
   PostgreSQL re-checks the WHERE on the newest row version (and the candidate sub-select uses
   FOR UPDATE SKIP LOCKED), SQLite serialises writers: two instances never hold the same claim.
2. Per claimed row, one at a time: renew the claim (conditional UPDATE, rowcount == 1, which also
   re-checks the ticket is still unanswered and open), post through the Notifier, then record
   reminded_at / escalated_at and clear the claim in a second UPDATE conditioned on
   claimed_by = me. A failed post releases the claim: the next sweep retries.
3. A claim whose instance crashed is retaken once it is older than the lease (5 minutes).

The one at-least-once edge: an instance that dies (or loses the database) after the notifier
posted but before step 2's record committed leaves a claimed, unrecorded row; after the lease
another instance posts it again. Bounded: an instance handles its rows one by one, so at most ONE
row per crashed instance is in that state, it is re-posted at most once per crash, and never
before the lease has expired. The same holds for a notifier call that outlives the lease (the
claim is renewed just before posting, so only a single call longer than the lease can overlap).
Nothing is lost: an unrecorded row is always retaken. See docs/ESCALATION.md.
"""

from __future__ import annotations

import logging
import os
import socket
import sys
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import IO, Protocol, cast

from sqlalchemy import ColumnElement, Executable, Table, and_, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.db.models import Ticket
from bot.db.results import rowcount
from bot.db.types import utcnow
from bot.messages import t
from bot.sla.calendar import SlaCalendar
from bot.sla.policy import INACTIVE_STATUSES, load_calendar, office_open
from bot.sla.wording import due_phrase

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
BATCH = 50
TICKETS = cast(Table, Ticket.__table__)
T = TICKETS.c


@dataclass(frozen=True)
class TicketSummary:
    """What a notifier needs to post a reminder or an escalation (the text is private)."""

    id: int
    asker: str
    text: str
    urgency: str
    created_at: datetime
    target_at: datetime | None
    due_at: datetime | None
    lead_channel: str | None = None
    lead_ts: str | None = None
    calendar: str = "business"


class Notifier(Protocol):
    def remind(self, ticket: TicketSummary) -> None: ...

    def escalate(self, ticket: TicketSummary) -> None: ...


class ConsoleNotifier:
    """Prints reminders and escalations (console adapter, `python -m bot run` without Slack)."""

    def __init__(self, stream: IO[str] | None = None, calendar: SlaCalendar | None = None):
        self.stream = stream
        self.calendar = calendar or SlaCalendar(kind="business")

    def _print(self, key: str, ticket: TicketSummary) -> None:
        cal = self.calendar.with_kind(ticket.calendar)
        due = due_phrase(ticket.due_at, cal) if ticket.due_at else "?"
        text = t(
            key, id=ticket.id, urgency=ticket.urgency, asker=ticket.asker, due=due, text=ticket.text
        )
        print(text, file=self.stream or sys.stdout, flush=True)

    def remind(self, ticket: TicketSummary) -> None:
        self._print("sla.notify.remind", ticket)

    def escalate(self, ticket: TicketSummary) -> None:
        self._print("sla.notify.escalate", ticket)


@dataclass
class SweepReport:
    instance: str
    claimed: list[int] = field(default_factory=list)
    reminded: list[int] = field(default_factory=list)
    escalated: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)  # notifier raised: claim released, retried
    lost: list[int] = field(default_factory=list)  # claim taken over by another instance

    @property
    def notified(self) -> int:
        return len(self.reminded) + len(self.escalated)


def default_instance() -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _still_active() -> ColumnElement[bool]:
    return and_(
        T.escalated_at.is_(None),
        T.first_answered_at.is_(None),
        T.clock_paused_at.is_(None),
        T.status.notin_(INACTIVE_STATUSES),
    )


def _due(now: datetime, reminders_open: bool) -> ColumnElement[bool]:
    remind = and_(T.target_at <= now, T.reminded_at.is_(None))
    if not reminders_open:  # at night / on closed days only 24/7 tickets get their reminder
        remind = and_(remind, T.calendar == "always")
    return and_(_still_active(), or_(T.due_at <= now, remind))


def claim(
    sessions: sessionmaker[Session],
    instance: str,
    now: datetime,
    *,
    reminders_open: bool = True,
    lease: timedelta = LEASE,
    batch: int = BATCH,
    stamp: datetime | None = None,
    exclude: Iterable[int] = (),
) -> list[TicketSummary]:
    """Claim up to `batch` due rows with ONE conditional UPDATE; returns the rows now ours.

    `now` decides what is due; `stamp` (default `now`) is the claim time and the lease origin.
    """
    stamp = stamp or now
    free = or_(T.claimed_by.is_(None), T.claimed_at < stamp - lease)
    due = and_(_due(now, reminders_open), free)
    skip = sorted(set(exclude))
    if skip:
        due = and_(due, T.id.notin_(skip))
    candidates = (
        select(T.id)
        .where(due)
        .order_by(T.due_at, T.id)
        .limit(batch)
        .with_for_update(skip_locked=True)
    )
    stmt = (
        update(TICKETS)
        .where(T.id.in_(candidates.scalar_subquery()), due)  # re-checked on the live row
        .values(claimed_by=instance, claimed_at=stamp)
        .returning(
            T.id,
            T.asker,
            T.text,
            T.urgency,
            T.created_at,
            T.target_at,
            T.due_at,
            T.lead_channel,
            T.lead_ts,
            T.calendar,
        )
    )
    with sessions.begin() as session:
        rows = session.execute(stmt).all()
    return sorted((TicketSummary(*row) for row in rows), key=lambda s: s.id)


def _execute(sessions: sessionmaker[Session], stmt: Executable) -> int:
    with sessions.begin() as session:
        return rowcount(session.execute(stmt))


def _mine(ticket_id: int, instance: str) -> ColumnElement[bool]:
    return and_(T.id == ticket_id, T.claimed_by == instance)


def _release(sessions: sessionmaker[Session], ticket_id: int, instance: str) -> None:
    """Give back our claim (nothing was posted), so that the next sweep takes the ticket."""
    _execute(
        sessions,
        update(TICKETS).where(_mine(ticket_id, instance)).values(claimed_by=None, claimed_at=None),
    )


def sweep(
    sessions: sessionmaker[Session],
    notifier: Notifier,
    now: datetime | None = None,
    instance: str | None = None,
    *,
    settings: Settings | None = None,
    calendar: SlaCalendar | None = None,
    lease: timedelta = LEASE,
    batch: int = BATCH,
) -> SweepReport:
    """Send every due reminder and escalation once; loops over batches until nothing is due.

    `now` (default: the current time) decides what is due; claims are stamped with `now` plus the
    time the sweep has been running. `calendar`/`settings` give the opening hours and closed days
    that hold back business reminders (escalations never wait).
    """
    settings = settings or Settings()
    start = now or utcnow()
    started = time.monotonic()
    report = SweepReport(instance or default_instance())
    me = report.instance
    with sessions() as session:
        cal = calendar or load_calendar(session, settings, "business")
    open_now = office_open(start, cal, settings.sla_opening_hour, settings.sla_closing_hour)
    while True:
        claimed = claim(
            sessions,
            me,
            start,
            reminders_open=open_now,
            lease=lease,
            batch=batch,
            stamp=_clock(start, started),
            exclude=report.failed + report.lost,
        )
        if not claimed:
            return report
        for summary in claimed:
            report.claimed.append(summary.id)
            _handle(sessions, notifier, summary, me, start, _clock(start, started), report)


def _clock(start: datetime, started: float) -> datetime:
    """`start` plus the time the sweep has been running (claims age in real time)."""
    return start + timedelta(seconds=time.monotonic() - started)


def _handle(
    sessions: sessionmaker[Session],
    notifier: Notifier,
    summary: TicketSummary,
    me: str,
    now: datetime,
    clock: datetime,
    report: SweepReport,
) -> None:
    escalate = summary.due_at is not None and summary.due_at <= now
    renewed = _execute(
        sessions,
        update(TICKETS).where(_mine(summary.id, me), _still_active()).values(claimed_at=clock),
    )
    if renewed != 1:  # answered / closed / paused meanwhile, or taken over: leave it
        _release(sessions, summary.id, me)
        report.lost.append(summary.id)
        return
    try:
        (notifier.escalate if escalate else notifier.remind)(summary)
    except Exception:  # noqa: BLE001 - a failed post must not be recorded, only retried
        log.exception("SLA notification failed for ticket %s; will retry", summary.id)
        _release(sessions, summary.id, me)
        report.failed.append(summary.id)
        return
    done = {"escalated_at": now} if escalate else {"reminded_at": now}
    recorded = _execute(
        sessions,
        update(TICKETS)
        .where(_mine(summary.id, me))
        .values(claimed_by=None, claimed_at=None, **done),
    )
    if recorded != 1:
        log.warning("ticket %s: claim lost while posting (lease exceeded)", summary.id)
        report.lost.append(summary.id)
    (report.escalated if escalate else report.reminded).append(summary.id)
