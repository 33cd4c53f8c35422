from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.db.models import ClosedDay, Ticket
from bot.sla.calendar import SlaCalendar
from bot.sla.policy import (
    calendar_kind_for,
    load_calendar,
    next_office_time,
    office_open,
    pause,
    plan,
    resume,
)

PARIS = ZoneInfo("Europe/Paris")
SETTINGS = Settings()


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def test_plan_normal_ticket_uses_the_business_calendar() -> None:
    d = plan(paris(2026, 12, 24, 17), "normal", SETTINGS, None)
    assert d.calendar_kind == "business"
    assert d.target_at == paris(2026, 12, 28, 5)
    assert d.due_at == paris(2026, 12, 29, 17)


def test_major_urgency_uses_the_always_calendar() -> None:
    d = plan(paris(2026, 12, 24, 17), "major", SETTINGS, None)
    assert d.calendar_kind == "always"
    assert d.target_at == paris(2026, 12, 25, 5)
    assert d.due_at == paris(2026, 12, 26, 17)
    assert calendar_kind_for("urgent", SETTINGS) == "business"
    assert calendar_kind_for("normal", Settings(sla_calendar="always")) == "always"


def test_hours_come_from_settings() -> None:
    settings = Settings(sla_target_hours=1, sla_deadline_hours=2)
    d = plan(paris(2026, 6, 1, 10), "normal", settings, None)
    assert (d.target_at, d.due_at) == (paris(2026, 6, 1, 11), paris(2026, 6, 1, 12))


def test_closed_day_rows_are_added_to_the_calendar(sessions) -> None:
    with sessions.begin() as s:
        s.add(ClosedDay(day=date(2026, 6, 2), reason="Absence de la responsable", declared_by="U1"))
        s.add(ClosedDay(day=date(2026, 6, 3), reason=""))
    with sessions() as s:
        cal = load_calendar(s, SETTINGS)
        d = plan(paris(2026, 6, 1, 10), "normal", SETTINGS, s)
        always = load_calendar(s, SETTINGS, "always")
    assert cal.closed_reason(date(2026, 6, 2)) == "Absence de la responsable"
    assert cal.closed_reason(date(2026, 6, 3)) == "congé"
    assert d.due_at == paris(2026, 6, 5, 10)  # Monday 14 h + Thursday 24 h + Friday 10 h
    assert always.is_open(date(2026, 6, 2))


def _ticket(**fields) -> Ticket:  # type: ignore[no-untyped-def]
    created = paris(2026, 12, 23, 10)
    d = plan(created, "normal", SETTINGS, None)
    values = dict(
        asker="U1",
        text="q",
        status="open",
        calendar=d.calendar_kind,
        created_at=created,
        target_at=d.target_at,
        due_at=d.due_at,
    )
    values.update(fields)
    return Ticket(**values)


def test_pause_and_resume_push_the_deadlines_by_the_open_time_waited() -> None:
    ticket = _ticket()
    assert ticket.due_at == paris(2026, 12, 28, 10)
    pause(ticket, paris(2026, 12, 24, 10))  # 24 open hours used
    assert ticket.status == "waiting_customer"
    assert ticket.clock_paused_at == paris(2026, 12, 24, 10)
    pause(ticket, paris(2026, 12, 24, 11))  # idempotent
    assert ticket.clock_paused_at == paris(2026, 12, 24, 10)
    resume(ticket, paris(2026, 12, 28, 12), SETTINGS, None)  # 26 open hours waited
    assert ticket.status == "open"
    assert ticket.clock_paused_at is None
    assert ticket.due_at == paris(2026, 12, 29, 12)  # 24 h left from Monday 12:00
    # the target (Wednesday 22:00, not reminded yet) moves by the same 26 open hours
    assert ticket.target_at == paris(2026, 12, 25, 0)


def test_pause_over_closed_days_only_changes_nothing() -> None:
    ticket = _ticket()
    due = ticket.due_at
    pause(ticket, paris(2026, 12, 25, 9))
    resume(ticket, paris(2026, 12, 27, 20), SETTINGS, None)
    assert ticket.due_at == due


def test_resume_keeps_deadlines_already_acted_upon() -> None:
    ticket = _ticket(reminded_at=paris(2026, 12, 23, 22), first_answered_at=None)
    target = ticket.target_at
    pause(ticket, paris(2026, 12, 24, 10))
    resume(ticket, paris(2026, 12, 28, 12), SETTINGS, None)
    assert ticket.target_at == target
    assert ticket.due_at == paris(2026, 12, 29, 12)


def test_resume_after_the_lead_answered_goes_back_to_answered() -> None:
    ticket = _ticket(first_answered_at=paris(2026, 12, 23, 12))
    pause(ticket, paris(2026, 12, 23, 12))
    resume(ticket, paris(2026, 12, 23, 15), SETTINGS, None)
    assert ticket.status == "answered"


def test_resume_of_an_always_ticket_counts_every_hour() -> None:
    ticket = _ticket(calendar="always", due_at=paris(2026, 12, 25, 10))
    pause(ticket, paris(2026, 12, 24, 10))
    resume(ticket, paris(2026, 12, 25, 10), SETTINGS, None)
    assert ticket.due_at == paris(2026, 12, 26, 10)


def test_office_hours() -> None:
    cal = SlaCalendar()
    assert office_open(paris(2026, 12, 29, 9), cal, 9, 18)
    assert office_open(paris(2026, 12, 29, 17, 59), cal, 9, 18)
    assert not office_open(paris(2026, 12, 29, 18), cal, 9, 18)
    assert not office_open(paris(2026, 12, 29, 8, 59), cal, 9, 18)
    assert not office_open(paris(2026, 12, 25, 11), cal, 9, 18)  # Christmas
    assert not office_open(paris(2026, 12, 25, 11), cal.with_kind("always"), 9, 18)
    assert next_office_time(paris(2026, 12, 24, 20), cal, 9, 18) == paris(2026, 12, 28, 9)
    assert next_office_time(paris(2026, 12, 28, 5), cal, 9, 18) == paris(2026, 12, 28, 9)
    assert next_office_time(paris(2026, 12, 28, 10), cal, 9, 18) == paris(2026, 12, 28, 10)
