"""Helpers for the sweep tests: tickets with explicit deadlines and a notifier that records."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.db.models import Ticket
from bot.sla.escalation import TicketSummary

PARIS = ZoneInfo("Europe/Paris")


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


class RecordingNotifier:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []
        self.summaries: list[TicketSummary] = []

    def remind(self, ticket: TicketSummary) -> None:
        self.calls.append(("remind", ticket.id))
        self.summaries.append(ticket)

    def escalate(self, ticket: TicketSummary) -> None:
        self.calls.append(("escalate", ticket.id))
        self.summaries.append(ticket)


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


def add_ticket(sessions, *, target: datetime, due: datetime, **fields) -> int:  # type: ignore[no-untyped-def]
    values = dict(
        asker="U1",
        text="Ma facture est fausse",
        urgency="normal",
        status="open",
        calendar="business",
        created_at=target - timedelta(hours=12),
        target_at=target,
        due_at=due,
    )
    values.update(fields)
    with sessions.begin() as s:
        ticket = Ticket(**values)
        s.add(ticket)
        s.flush()
        return ticket.id


def load(sessions, ticket_id: int) -> Ticket:  # type: ignore[no-untyped-def]
    with sessions() as s:
        return s.get(Ticket, ticket_id)
