"""Days declared closed while tickets are open: the open time that really ran on them is given
back, counted from when the clock last started (opened, reopened, the customer's answer after
a wait), never time the clock did not run. June 2026, Paris: Monday 8 to Friday 12, no holiday.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

PARIS = ZoneInfo("Europe/Paris")
SECRET = "Mon numéro de client est 123456, ma facture est fausse"
TUESDAY, WEDNESDAY = date(2026, 6, 9), date(2026, 6, 10)


def paris(day: int, hour: int, month: int = 6) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=PARIS)


def _reopened_on_wednesday(desk, clock):  # type: ignore[no-untyped-def]
    """Opened Monday 10:00, resolved at 11:00, reopened Wednesday 10:00: its view."""
    clock.now = paris(8, 10)
    ticket = desk.open_ticket(asker="U1", text=SECRET)
    clock.now = paris(8, 11)
    desk.close_ticket(ticket.id, "LEAD")
    clock.now = paris(10, 10)
    reopened, _ = desk.reopen_ticket(ticket.id, "U1")
    return reopened


def _waiting_since_monday(desk, clock) -> None:  # type: ignore[no-untyped-def]
    """Opened Monday 10:00 (1 h of open time used), waiting for the customer from 11:00."""
    clock.now = paris(8, 10)
    ticket = desk.open_ticket(asker="U1", text=SECRET)
    clock.now = paris(8, 11)
    desk.wait_for_customer(ticket.id)


@pytest.fixture(autouse=True)
def _sla_module() -> None:
    pytest.importorskip("bot.sla.policy")


def test_a_reopened_ticket_gets_back_only_what_ran_since_the_reopening(desk, clock) -> None:  # type: ignore[no-untyped-def]
    reopened = _reopened_on_wednesday(desk, clock)
    assert reopened.due_at == paris(12, 10)
    clock.now = paris(10, 14)
    desk.declare_closed_days([WEDNESDAY], "malade", "LEAD")
    moved = desk.get_ticket(reopened.id)
    # the 4 h that ran on Wednesday since the reopening are given back: the whole 12 h and
    # 48 h from Thursday 00:00 (before, the ticket's first hour on Monday counted too)
    assert (moved.target_at, moved.due_at) == (paris(11, 12), paris(13, 0))


def test_a_past_day_before_the_reopening_changes_nothing(desk, clock) -> None:  # type: ignore[no-untyped-def]
    reopened = _reopened_on_wednesday(desk, clock)
    clock.now = paris(10, 11)
    desk.declare_closed_days([TUESDAY], "absent hier", "LEAD")
    assert desk.get_ticket(reopened.id).due_at == reopened.due_at


def test_a_past_day_spent_waiting_for_the_customer_changes_nothing(desk, clock) -> None:  # type: ignore[no-untyped-def]
    _waiting_since_monday(desk, clock)
    clock.now = paris(10, 10)
    resumed = desk.asker_followup("U1", "voilà")
    clock.now = paris(10, 12)
    desk.declare_closed_days([TUESDAY], "absent", "LEAD")
    assert desk.get_ticket(resumed.id).due_at == resumed.due_at


def test_today_declared_closed_gives_back_what_ran_since_the_customers_answer(desk, clock) -> None:  # type: ignore[no-untyped-def]
    clock.now = paris(10, 8)
    ticket = desk.open_ticket(asker="U1", text=SECRET)
    clock.now = paris(10, 9)
    desk.wait_for_customer(ticket.id)
    clock.now = paris(10, 13)
    resumed = desk.asker_followup("U1", "voilà")
    assert resumed.due_at == paris(12, 12)
    clock.now = paris(10, 14)
    desk.declare_closed_days([WEDNESDAY], "malade", "LEAD")
    moved = desk.get_ticket(ticket.id)
    # 1 h ran since the answer (13:00-14:00) and is given back: 47 h from Thursday 00:00. The
    # hour before the wait (08:00-09:00) is not: the deadline errs early, never late. (Before,
    # the four hours of waiting were given back too: Monday 04:00.)
    assert moved.due_at == paris(12, 23)


def test_a_waiting_ticket_keeps_its_open_time_when_today_is_declared_closed(desk, clock) -> None:  # type: ignore[no-untyped-def]
    """Its old deadline passed while it waited: it still had 47 h, and keeps them."""
    _waiting_since_monday(desk, clock)
    clock.now = paris(10, 15)
    desk.declare_closed_days([WEDNESDAY], "malade", "LEAD")
    clock.now = paris(12, 9)
    resumed = desk.asker_followup("U1", "voilà")
    # 47 h from Friday 09:00: Friday 15 h, Monday 24 h, Tuesday 8 h
    assert resumed.due_at == paris(16, 8)
