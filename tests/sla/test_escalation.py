import io
from datetime import date, timedelta

import pytest
from sqlalchemy import update

from bot.config import Settings
from bot.db.models import ClosedDay, Ticket
from bot.sla.escalation import ConsoleNotifier, TicketSummary, claim, sweep
from tests.sla.conftest import RecordingNotifier, add_ticket, load, paris

TUESDAY_10 = paris(2026, 12, 29, 10)  # an open day, opening hours
SETTINGS = Settings()


def test_reminder_once_then_escalation_once(sessions, notifier) -> None:
    tid = add_ticket(sessions, target=paris(2026, 12, 29, 9), due=paris(2026, 12, 30, 9))
    report = sweep(sessions, notifier, TUESDAY_10, "a", settings=SETTINGS)
    assert report.reminded == [tid] and report.escalated == []
    assert sweep(sessions, notifier, TUESDAY_10, "b").claimed == []
    assert notifier.calls == [("remind", tid)]
    ticket = load(sessions, tid)
    assert ticket.reminded_at == TUESDAY_10
    assert ticket.claimed_by is None and ticket.escalated_at is None

    later = paris(2026, 12, 30, 9, 1)
    report = sweep(sessions, notifier, later, "b", settings=SETTINGS)
    assert report.escalated == [tid]
    for instance in ("a", "b", "c"):
        assert sweep(sessions, notifier, later + timedelta(hours=1), instance).claimed == []
    assert notifier.calls == [("remind", tid), ("escalate", tid)]
    assert load(sessions, tid).escalated_at == later


def test_escalation_supersedes_a_reminder_not_sent(sessions, notifier) -> None:
    tid = add_ticket(sessions, target=paris(2026, 12, 28, 9), due=paris(2026, 12, 29, 9))
    sweep(sessions, notifier, TUESDAY_10, "a", settings=SETTINGS)
    sweep(sessions, notifier, TUESDAY_10 + timedelta(days=3), "a", settings=SETTINGS)
    assert notifier.calls == [("escalate", tid)]


def test_summary_carries_the_ticket(sessions, notifier) -> None:
    tid = add_ticket(
        sessions,
        target=paris(2026, 12, 28, 9),
        due=paris(2026, 12, 29, 9),
        urgency="urgent",
        lead_channel="D1",
        lead_ts="123.4",
    )
    sweep(sessions, notifier, TUESDAY_10, "a", settings=SETTINGS)
    (summary,) = notifier.summaries
    assert summary == TicketSummary(
        id=tid,
        asker="U1",
        text="Ma facture est fausse",
        urgency="urgent",
        created_at=paris(2026, 12, 27, 21),
        target_at=paris(2026, 12, 28, 9),
        due_at=paris(2026, 12, 29, 9),
        lead_channel="D1",
        lead_ts="123.4",
        calendar="business",
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "answered", "first_answered_at": paris(2026, 12, 28, 8)},
        {"first_answered_at": paris(2026, 12, 28, 8)},  # status not updated yet: still skipped
        {"status": "closed", "closed_at": paris(2026, 12, 28, 8)},
        {"status": "waiting_customer", "clock_paused_at": paris(2026, 12, 28, 8)},
    ],
)
def test_answered_closed_and_waiting_tickets_are_never_notified(sessions, notifier, fields) -> None:
    add_ticket(sessions, target=paris(2026, 12, 28, 9), due=paris(2026, 12, 29, 9), **fields)
    report = sweep(sessions, notifier, TUESDAY_10 + timedelta(days=30), "a", settings=SETTINGS)
    assert report.claimed == [] and notifier.calls == []


def test_not_yet_due_is_left_alone(sessions, notifier) -> None:
    add_ticket(sessions, target=paris(2026, 12, 29, 11), due=paris(2026, 12, 30, 9))
    assert sweep(sessions, notifier, TUESDAY_10, "a", settings=SETTINGS).claimed == []
    assert notifier.calls == []


def test_night_reminder_waits_for_opening_hours_but_escalation_does_not(sessions, notifier) -> None:
    remind_id = add_ticket(sessions, target=paris(2026, 12, 29, 5), due=paris(2026, 12, 30, 17))
    due_id = add_ticket(sessions, target=paris(2026, 12, 28, 3), due=paris(2026, 12, 29, 6))
    sweep(sessions, notifier, paris(2026, 12, 29, 7), "a", settings=SETTINGS)
    assert notifier.calls == [("escalate", due_id)]
    sweep(sessions, notifier, paris(2026, 12, 29, 8, 59), "a", settings=SETTINGS)
    assert load(sessions, remind_id).reminded_at is None
    sweep(sessions, notifier, paris(2026, 12, 29, 9), "a", settings=SETTINGS)
    assert notifier.calls == [("escalate", due_id), ("remind", remind_id)]


def test_reminder_waits_over_closed_days(sessions, notifier) -> None:
    with sessions.begin() as s:
        s.add(ClosedDay(day=date(2026, 12, 31), reason="Absence"))
    tid = add_ticket(sessions, target=paris(2026, 12, 30, 23), due=paris(2027, 1, 5, 9))
    for now in (paris(2026, 12, 31, 10), paris(2027, 1, 1, 10), paris(2027, 1, 3, 10)):
        sweep(sessions, notifier, now, "a", settings=SETTINGS)
    assert notifier.calls == []
    sweep(sessions, notifier, paris(2027, 1, 4, 9, 30), "a", settings=SETTINGS)
    assert notifier.calls == [("remind", tid)]


def test_emergency_reminder_is_sent_at_night(sessions, notifier) -> None:
    tid = add_ticket(
        sessions,
        target=paris(2026, 12, 25, 2),
        due=paris(2026, 12, 25, 14),
        urgency="major",
        calendar="always",
    )
    sweep(sessions, notifier, paris(2026, 12, 25, 3), "a", settings=SETTINGS)
    assert notifier.calls == [("remind", tid)]


class FlakyNotifier(RecordingNotifier):
    def __init__(self, failures: int) -> None:
        super().__init__()
        self.failures = failures

    def escalate(self, ticket: TicketSummary) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("Slack down")
        super().escalate(ticket)


def test_failed_post_is_not_recorded_and_retried(sessions) -> None:
    tid = add_ticket(sessions, target=paris(2026, 12, 28, 9), due=paris(2026, 12, 29, 9))
    other = add_ticket(sessions, target=paris(2026, 12, 28, 9), due=paris(2026, 12, 29, 9, 30))
    flaky = FlakyNotifier(failures=1)
    report = sweep(sessions, flaky, TUESDAY_10, "a", settings=SETTINGS)
    assert report.failed == [tid] and report.escalated == [other]
    ticket = load(sessions, tid)
    assert ticket.escalated_at is None and ticket.claimed_by is None
    report = sweep(sessions, flaky, TUESDAY_10 + timedelta(minutes=1), "b", settings=SETTINGS)
    assert report.escalated == [tid]
    assert flaky.calls == [("escalate", other), ("escalate", tid)]


def test_claim_is_exclusive_until_the_lease_expires(sessions, notifier) -> None:
    tid = add_ticket(sessions, target=paris(2026, 12, 28, 9), due=paris(2026, 12, 29, 9))
    assert [s.id for s in claim(sessions, "crashed", TUESDAY_10)] == [tid]
    assert claim(sessions, "b", TUESDAY_10 + timedelta(minutes=4)) == []
    assert sweep(sessions, notifier, TUESDAY_10 + timedelta(minutes=4), "b").claimed == []
    report = sweep(sessions, notifier, TUESDAY_10 + timedelta(minutes=6), "b", settings=SETTINGS)
    assert report.escalated == [tid]
    assert notifier.calls == [("escalate", tid)]


class TakenOverNotifier(RecordingNotifier):
    """Simulates a post slower than the lease: another instance retakes the claim meanwhile."""

    def __init__(self, sessions) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.sessions = sessions

    def escalate(self, ticket: TicketSummary) -> None:
        with self.sessions.begin() as s:
            s.execute(update(Ticket).where(Ticket.id == ticket.id).values(claimed_by="other"))
        super().escalate(ticket)


def test_record_is_conditioned_on_our_claim(sessions) -> None:
    tid = add_ticket(sessions, target=paris(2026, 12, 28, 9), due=paris(2026, 12, 29, 9))
    slow = TakenOverNotifier(sessions)
    report = sweep(sessions, slow, TUESDAY_10, "a", settings=SETTINGS)
    assert report.lost == [tid]
    ticket = load(sessions, tid)
    assert ticket.escalated_at is None and ticket.claimed_by == "other"


def test_ticket_answered_after_the_claim_is_not_posted(sessions, notifier) -> None:
    tid = add_ticket(sessions, target=paris(2026, 12, 28, 9), due=paris(2026, 12, 29, 9))
    claim(sessions, "a", TUESDAY_10)
    with sessions.begin() as s:
        s.execute(
            update(Ticket)
            .where(Ticket.id == tid)
            .values(first_answered_at=TUESDAY_10, status="answered")
        )
    report = sweep(sessions, notifier, TUESDAY_10 + timedelta(minutes=10), "b", settings=SETTINGS)
    assert report.claimed == [] and notifier.calls == []


def test_many_tickets_over_several_batches(sessions, notifier) -> None:
    ids = [
        add_ticket(sessions, target=paris(2026, 12, 28, 9), due=paris(2026, 12, 29, 9))
        for _ in range(23)
    ]
    report = sweep(sessions, notifier, TUESDAY_10, "a", settings=SETTINGS, batch=5)
    assert sorted(report.escalated) == ids
    assert sorted(i for _, i in notifier.calls) == ids


def test_console_notifier_prints_french(sessions) -> None:
    tid = add_ticket(sessions, target=paris(2026, 12, 28, 9), due=paris(2026, 12, 29, 9))
    stream = io.StringIO()
    sweep(sessions, ConsoleNotifier(stream), TUESDAY_10, "a", settings=SETTINGS)
    out = stream.getvalue()
    assert f"[escalade] Ticket #{tid}" in out
    assert "mardi 29 décembre à 9 h" in out and "Ma facture est fausse" in out
