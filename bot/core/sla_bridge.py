"""The desk's door to the SLA module (bot.sla), with a wall-clock fallback while it is absent."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.config import Settings
from bot.db.models import Ticket
from bot.messages import t

log = logging.getLogger(__name__)


def _policy() -> Any | None:
    try:
        from bot.sla import policy
    except ImportError:
        return None
    return policy


def plan(
    created_at: datetime, urgency: str, settings: Settings, session: Session
) -> tuple[str, datetime, datetime]:
    """(calendar kind, target_at, due_at) for a new ticket."""
    policy = _policy()
    if policy is not None:
        d = policy.plan(created_at, urgency, settings, session)
        return d.calendar_kind, d.target_at, d.due_at
    kind = "always" if urgency == "major" else settings.sla_calendar
    due = settings.sla_urgent_hours if urgency == "urgent" else settings.sla_deadline_hours
    return (
        kind,
        created_at + timedelta(hours=min(settings.sla_target_hours, due)),
        created_at + timedelta(hours=due),
    )


def due_text(ticket: Ticket, settings: Settings, session: Session) -> str:
    """The French due phrase for the ticket's deadline ("" when it has none)."""
    if ticket.due_at is None:
        return ""
    policy = _policy()
    if policy is not None:
        try:
            from bot.sla import wording

            cal = policy.load_calendar(session, settings, ticket.calendar or "business")
            return str(wording.due_phrase(ticket.due_at, cal))
        except ImportError:
            pass
    local = ticket.due_at.astimezone(ZoneInfo(settings.sla_timezone))
    return t("ticket.due_fallback", date=local.strftime("%d/%m/%Y"), hour=local.strftime("%H:%M"))


def pause(ticket: Ticket, now: datetime) -> None:
    """Stop the ticket's SLA clock: status waiting_customer."""
    policy = _policy()
    if policy is not None:
        policy.pause(ticket, now)
        return
    if ticket.clock_paused_at is None:
        ticket.clock_paused_at = now
    ticket.status = "waiting_customer"


def resume(ticket: Ticket, now: datetime, settings: Settings, session: Session) -> None:
    """Restart the clock: deadlines move by the time spent waiting for the customer; status back
    to open (answered if the lead had already answered)."""
    policy = _policy()
    if policy is not None:
        policy.resume(ticket, now, settings, session)
        return
    if ticket.status == "waiting_customer":
        ticket.status = "answered" if ticket.first_answered_at else "open"
    if ticket.clock_paused_at is None:
        return
    waited = max(now - ticket.clock_paused_at, timedelta(0))
    if ticket.target_at is not None:
        ticket.target_at += waited
    if ticket.due_at is not None:
        ticket.due_at += waited
    ticket.clock_paused_at = None
    ticket.clock_started_at = now


def shift_for_closed_days(
    ticket: Ticket, now: datetime, settings: Settings, session: Session, before: Any
) -> bool:
    """Keep the open time left on an unanswered ticket when days are newly declared closed.

    `before` is the calendar as it was before the declaration; returns True if deadlines moved.
    Without the SLA module this does nothing (the fallback is wall-clock time).
    """
    policy = _policy()
    if policy is None or before is None or ticket.calendar == "always":
        return False
    from bot.sla import calendar as slacal

    after = policy.load_calendar(session, settings, ticket.calendar or "business")
    # a waiting ticket's clock stands still since it was paused: count from there
    ref = min(ticket.clock_paused_at or now, now)
    # open time that ran on days now declared closed (e.g. today) is given back: counted from
    # when the clock last started (opened, reopened, the customer's answer after a wait), so
    # that nothing is given back for time the clock did not run. (What ran before an earlier
    # wait is not given back: the deadline errs early, never late.)
    start = min(ticket.clock_started_at or ticket.created_at, ref)
    refund = slacal.open_time_between(start, ref, before) - slacal.open_time_between(
        start, ref, after
    )
    moved = False
    acted = {"target_at": ticket.reminded_at, "due_at": ticket.escalated_at}
    for name in ("target_at", "due_at"):
        old = getattr(ticket, name)
        # a waiting ticket's deadlines move when the customer answers, so they may lie in the
        # past while open time is left: only one already reached while the clock ran (or
        # already acted upon) is kept
        if old is None or old <= ref or acted[name] is not None:
            continue
        left = slacal.open_time_between(ref, old, before) + max(refund, timedelta(0))
        new = slacal.deadline(ref, left.total_seconds() / 3600, after)
        if new != old:
            setattr(ticket, name, new)
            moved = True
    return moved


def calendar_now(settings: Settings, session: Session, kind: str = "business") -> Any | None:
    """The SLA calendar as it stands (None without the SLA module)."""
    policy = _policy()
    if policy is None:
        return None
    return policy.load_calendar(session, settings, kind)
