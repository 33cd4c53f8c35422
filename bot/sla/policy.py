"""SLA policy: which calendar a ticket uses, its deadlines, the pause while the ticket waits
for the customer, and when a reminder may be sent (opening hours on open days).

- urgency "major" always uses the `always` calendar (24/7); otherwise SLA_CALENDAR decides.
- target_at = deadline(created_at, SLA_TARGET_HOURS): the lead is reminded then (during opening
  hours for business tickets); due_at = deadline(created_at, SLA_DEADLINE_HOURS): escalation.
  urgency "urgent": due_at after SLA_URGENT_HOURS (the asker is told), reminder at half of it.
- While status == "waiting_customer" the clock stands still: `pause` stamps clock_paused_at,
  `resume` pushes target_at/due_at by the open time that elapsed during the pause.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from bot.db.models import ClosedDay
from bot.sla.calendar import SlaCalendar, deadline, open_time_between

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from bot.config import Settings
    from bot.db.models import Ticket

WAITING = "waiting_customer"
# statuses in which the clock no longer runs (the sweep ignores them)
INACTIVE_STATUSES = ("waiting_customer", "answered", "closed")


@dataclass(frozen=True)
class Deadlines:
    calendar_kind: str
    target_at: datetime
    due_at: datetime


def calendar_kind_for(urgency: str | None, settings: Settings) -> str:
    """ "always" for a major emergency or when SLA_CALENDAR=always, else "business"."""
    return "always" if urgency == "major" else settings.sla_calendar


def closed_day_rows(session: Session | None) -> dict[date, str]:
    """Absences declared at run time (ClosedDay rows): {day: reason}."""
    if session is None:
        return {}
    rows = session.execute(select(ClosedDay.day, ClosedDay.reason)).all()
    return {day: reason for day, reason in rows}


def load_calendar(
    session: Session | None, settings: Settings, kind: str | None = "business"
) -> SlaCalendar:
    """The calendar of `kind` (None: SLA_CALENDAR) with SLA_CLOSED_DAYS and the ClosedDay rows."""
    return SlaCalendar.from_settings(
        settings, closed_day_rows(session), kind=kind or settings.sla_calendar
    )


def plan(
    created_at: datetime, urgency: str | None, settings: Settings, session: Session | None
) -> Deadlines:
    """Deadlines of a new ticket (session may be None when the database is down)."""
    kind = calendar_kind_for(urgency, settings)
    cal = load_calendar(session, settings, kind)
    target, due = hours_for(urgency, settings)
    return Deadlines(
        calendar_kind=kind,
        target_at=deadline(created_at, target, cal),
        due_at=deadline(created_at, due, cal),
    )


def hours_for(urgency: str | None, settings: Settings) -> tuple[float, float]:
    """(reminder, deadline) in hours of open time. "urgent": SLA_URGENT_HOURS, reminded at half
    of it (or at SLA_TARGET_HOURS if sooner)."""
    if urgency == "urgent":
        due = settings.sla_urgent_hours
        return min(settings.sla_target_hours, due / 2), due
    return settings.sla_target_hours, settings.sla_deadline_hours


def pause(ticket: Ticket, now: datetime) -> None:
    """The ticket waits for the customer: the clock stands still from `now` (idempotent)."""
    if ticket.clock_paused_at is None:
        ticket.clock_paused_at = now
    ticket.status = WAITING


def resume(ticket: Ticket, now: datetime, settings: Settings, session: Session | None) -> None:
    """The customer answered: push target_at/due_at by the open time spent waiting.

    Status goes back to "open" ("answered" if the lead had already answered). Deadlines already
    acted upon (reminded_at / escalated_at set) are left as they are.
    """
    paused_at = ticket.clock_paused_at
    if ticket.status == WAITING:
        ticket.status = "answered" if ticket.first_answered_at else "open"
    if paused_at is None:
        return
    ticket.clock_paused_at = None
    ticket.clock_started_at = now
    cal = load_calendar(session, settings, ticket.calendar or "business")
    waited = open_time_between(paused_at, now, cal)
    if waited <= timedelta(0):
        return
    if ticket.target_at is not None and ticket.reminded_at is None:
        ticket.target_at = deadline(ticket.target_at, waited, cal)
    if ticket.due_at is not None and ticket.escalated_at is None:
        ticket.due_at = deadline(ticket.due_at, waited, cal)


def office_open(instant: datetime, cal: SlaCalendar, opening: int, closing: int) -> bool:
    """True on an open day (business calendar) between opening and closing hour, local time."""
    local = cal.local(instant)
    business = cal.with_kind("business")
    return business.is_open(local.date()) and opening <= local.hour < closing


def next_office_time(instant: datetime, cal: SlaCalendar, opening: int, closing: int) -> datetime:
    """The first instant >= `instant` when `office_open` holds (when a reminder goes out)."""
    if office_open(instant, cal, opening, closing):
        return instant
    business = cal.with_kind("business")
    day = cal.local(instant).date()
    for _ in range(3660):
        start = datetime.combine(day, time(opening), tzinfo=cal.zone)
        if start >= instant and business.is_open(day):
            return start
        day += timedelta(days=1)
    raise ValueError("no opening hours within ten years")
