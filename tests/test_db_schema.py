from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError

from bot.db.models import ProcessedEvent, Ticket


def test_datetimes_come_back_as_aware_utc(sessions) -> None:
    paris_winter = timezone(timedelta(hours=1))
    created = datetime(2026, 12, 24, 17, 0, tzinfo=paris_winter)
    with sessions.begin() as s:
        s.add(Ticket(asker="U1", text="q", created_at=created, due_at=created))
    with sessions() as s:
        ticket = s.query(Ticket).one()
    assert ticket.created_at == created
    assert ticket.created_at.tzinfo == UTC
    assert ticket.created_at.hour == 16


def test_naive_datetimes_are_refused(sessions) -> None:
    with pytest.raises(Exception, match="naive"), sessions.begin() as s:
        s.add(Ticket(asker="U1", text="q", created_at=datetime(2026, 1, 1)))
        s.flush()


def test_event_id_is_unique(sessions) -> None:
    with sessions.begin() as s:
        s.add(ProcessedEvent(event_id="Ev1"))
    with pytest.raises(IntegrityError), sessions.begin() as s:
        s.add(ProcessedEvent(event_id="Ev1"))
