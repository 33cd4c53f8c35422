from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from bot.core import InvalidInput, NotFound, PrivateQuestion, sla_bridge
from bot.db.models import ClosedDay, CommunityThread, Question, Ticket, TicketMessage
from tests.core.conftest import GIBBERISH, KB, T0
from tests.interleave import interleave

SECRET = "Mon numéro de client est 123456, ma facture est fausse"


def test_open_ticket_uses_the_sla_policy(desk, sessions, settings) -> None:
    policy = pytest.importorskip("bot.sla.policy")
    wording = pytest.importorskip("bot.sla.wording")
    view = desk.open_ticket(asker="U1", text=f" {SECRET} ")
    with sessions() as s:
        planned = policy.plan(T0, "normal", settings, s)
        cal = policy.load_calendar(s, settings, planned.calendar_kind)
    assert (view.asker, view.text, view.urgency, view.status) == ("U1", SECRET, "normal", "open")
    assert (view.created_at, view.target_at, view.due_at) == (T0, planned.target_at, planned.due_at)
    assert view.calendar == planned.calendar_kind == "business"
    assert view.due_text == wording.due_phrase(planned.due_at, cal)
    assert view.emergency is False


def test_major_is_an_emergency_on_the_always_calendar(desk, settings, sessions) -> None:
    view = desk.open_ticket(asker="U1", text=SECRET, urgency="major")
    assert view.emergency is True and view.calendar == "always"
    assert view.due_at == T0 + timedelta(hours=settings.sla_deadline_hours)
    assert desk.open_ticket(asker="U1", text=SECRET, urgency="urgent").emergency is False


def test_wall_clock_fallback_without_the_sla_module(desk, settings, monkeypatch) -> None:
    monkeypatch.setattr(sla_bridge, "_policy", lambda: None)
    view = desk.open_ticket(asker="U1", text=SECRET)
    assert view.target_at == T0 + timedelta(hours=settings.sla_target_hours)
    assert view.due_at == T0 + timedelta(hours=settings.sla_deadline_hours)
    assert "12/03/2026" in view.due_text


def test_bad_ticket_input_is_refused(desk, sessions) -> None:
    for text, key in [
        ("  ", "input.empty"),
        ("a\x00b", "input.binary"),
        ("x" * 4001, "input.too_long"),
    ]:
        with pytest.raises(InvalidInput) as caught:
            desk.open_ticket(asker="U1", text=text)
        assert caught.value.key == key and caught.value.text
    with pytest.raises(ValueError):
        desk.open_ticket(asker="U1", text=SECRET, urgency="critique")
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Ticket)) == 0


def test_private_text_never_reaches_the_community(desk, sessions) -> None:
    desk.open_ticket(asker="U1", text=SECRET)
    reply = desk.ask(asker="U2", text=GIBBERISH, kb=KB)
    desk.open_ticket(asker="U2", text=GIBBERISH, question_id=reply.question_id)
    with pytest.raises(PrivateQuestion):
        desk.to_community(reply.question_id)
    with pytest.raises(PrivateQuestion):
        desk.record_community_post(reply.question_id, "CCOMM", "1.1")
    with sessions() as s:
        assert s.get(Question, reply.question_id).status == "private"
        assert s.scalar(select(func.count()).select_from(CommunityThread)) == 0
        assert s.scalar(select(func.count()).where(Question.text == SECRET)) == 0


def test_lead_reply_stops_the_clock_once(desk, sessions, clock) -> None:
    ticket = desk.open_ticket(asker="U1", text=SECRET)
    clock.now = T0 + timedelta(hours=1)
    view = desk.lead_reply(ticket.id, "LEAD", "Je regarde.")
    clock.now = T0 + timedelta(hours=2)
    again = desk.lead_reply(ticket.id, "LEAD", "C'est corrigé.")
    assert view.status == again.status == "answered"
    assert view.first_answered_at == again.first_answered_at == T0 + timedelta(hours=1)
    assert again.last_message == "C'est corrigé."
    with sessions() as s:
        rows = s.scalars(select(TicketMessage).order_by(TicketMessage.id)).all()
    assert [(m.role, m.author, m.text) for m in rows] == [
        ("lead", "LEAD", "Je regarde."),
        ("lead", "LEAD", "C'est corrigé."),
    ]
    with pytest.raises(InvalidInput):
        desk.lead_reply(ticket.id, "LEAD", " ")
    with pytest.raises(NotFound):
        desk.lead_reply(999, "LEAD", "?")


def test_control_characters_in_what_the_lead_types_are_dropped(desk, sessions) -> None:
    """PostgreSQL refuses a NUL in text (SQLite keeps it): the reply and the leave reason are
    stored without control characters, line breaks kept, instead of failing on one database."""
    ticket = desk.open_ticket(asker="U1", text=SECRET)
    view = desk.lead_reply(ticket.id, "LEAD", "Je regarde\x00 ça.\nÀ demain\x07 !")
    assert view.last_message == "Je regarde ça.\nÀ demain !"
    with pytest.raises(InvalidInput):  # nothing left once they are gone
        desk.lead_reply(ticket.id, "LEAD", "\x00\x01 ")
    wednesday = date(2026, 3, 11)
    assert desk.declare_closed_days([wednesday], "congés\x00", "LEAD") == [wednesday]
    with sessions() as s:
        assert [m.text for m in s.scalars(select(TicketMessage))] == ["Je regarde ça.\nÀ demain !"]
        assert s.scalar(select(ClosedDay.reason)) == "congés"


def test_waiting_for_the_customer_pauses_the_clock(desk, clock) -> None:
    ticket = desk.open_ticket(asker="U1", text=SECRET, urgency="major")  # 24/7: exact arithmetic
    clock.now = T0 + timedelta(hours=1)
    waiting = desk.wait_for_customer(ticket.id)
    assert waiting.status == "waiting_customer"
    clock.now = T0 + timedelta(hours=4)
    resumed = desk.asker_followup("U1", "Voici la capture demandée.")
    assert resumed.id == ticket.id and resumed.status == "open"
    assert resumed.due_at == ticket.due_at + timedelta(hours=3)
    assert resumed.target_at == ticket.target_at + timedelta(hours=3)
    assert resumed.last_message == "Voici la capture demandée."


def test_followup_goes_to_the_newest_open_ticket(desk, sessions, clock) -> None:
    assert desk.asker_followup("U1", "bonjour ?") is None
    old = desk.open_ticket(asker="U1", text=SECRET)
    clock.now = T0 + timedelta(minutes=5)
    new = desk.open_ticket(asker="U1", text="Autre souci")
    desk.open_ticket(asker="U2", text="Pas le même client")
    assert desk.asker_followup("U1", "précision").id == new.id
    closed = desk.close_ticket(new.id, by="LEAD")
    assert closed.status == "closed" and closed.closed_at == clock.now
    assert desk.asker_followup("U1", "encore").id == old.id
    desk.close_ticket(old.id, by="U1")
    assert desk.asker_followup("U1", "toujours là ?") is None
    with sessions() as s:
        rows = s.scalars(select(TicketMessage).order_by(TicketMessage.id)).all()
    assert [(m.ticket_id, m.role, m.text) for m in rows] == [
        (new.id, "asker", "précision"),
        (old.id, "asker", "encore"),
    ]


def test_cards_and_channels(desk) -> None:
    ticket = desk.open_ticket(asker="U1", text=SECRET)
    assert [t.id for t in desk.unannounced_tickets()] == [ticket.id]
    assert desk.claim_announcement(ticket.id) is True  # exactly one claimer announces it
    assert desk.claim_announcement(ticket.id) is False
    assert desk.unannounced_tickets() == []
    desk.record_ticket_card(ticket.id, "DLEAD", "55.5")
    desk.record_asker_channel(ticket.id, "DU1")
    found = desk.find_ticket_by_card("DLEAD", "55.5")
    assert (found.id, found.lead_channel, found.lead_ts, found.asker_channel) == (
        ticket.id,
        "DLEAD",
        "55.5",
        "DU1",
    )
    assert desk.find_ticket_by_card("DLEAD", "0") is None
    assert desk.unannounced_tickets() == []
    assert desk.get_ticket(ticket.id).lead_ts == "55.5"
    with pytest.raises(NotFound):
        desk.get_ticket(999)


def test_declared_closed_days_push_open_deadlines(desk, sessions) -> None:
    pytest.importorskip("bot.sla.policy")
    ticket = desk.open_ticket(asker="U1", text=SECRET)  # Tuesday 10 March 2026
    wednesday = date(2026, 3, 11)
    assert desk.declare_closed_days([wednesday, wednesday], "congés", "LEAD") == [wednesday]
    assert desk.declare_closed_days([wednesday], "congés", "LEAD") == []
    with sessions() as s:
        assert [(d.day, d.reason, d.declared_by) for d in s.scalars(select(ClosedDay))] == [
            (wednesday, "congés", "LEAD")
        ]
    moved = desk.get_ticket(ticket.id)
    assert moved.due_at == ticket.due_at + timedelta(days=1)


def test_declaring_closed_days_is_all_or_nothing(desk, sessions, monkeypatch) -> None:
    pytest.importorskip("bot.sla.policy")
    ticket = desk.open_ticket(asker="U1", text=SECRET)
    real_shift = sla_bridge.shift_for_closed_days

    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("shift failed")

    monkeypatch.setattr(sla_bridge, "shift_for_closed_days", fail)
    with pytest.raises(RuntimeError):
        desk.declare_closed_days([date(2026, 3, 11)], "congés", "LEAD")
    with sessions() as s:
        assert s.scalars(select(ClosedDay)).all() == []  # the day did not stay half-declared
    monkeypatch.setattr(sla_bridge, "shift_for_closed_days", real_shift)
    assert desk.declare_closed_days([date(2026, 3, 11)], "congés", "LEAD") == [date(2026, 3, 11)]
    assert desk.get_ticket(ticket.id).due_at == ticket.due_at + timedelta(days=1)


PARIS = ZoneInfo("Europe/Paris")


def test_a_closed_day_declared_while_waiting_for_the_customer_moves_the_deadline(
    desk, clock
) -> None:
    pytest.importorskip("bot.sla.policy")
    clock.now = datetime(2026, 6, 8, 10, tzinfo=PARIS)  # Monday 10:00
    waiting = desk.open_ticket(asker="U1", text=SECRET)
    plain = desk.open_ticket(asker="U2", text=SECRET)
    clock.now = datetime(2026, 6, 8, 11, tzinfo=PARIS)
    desk.wait_for_customer(waiting.id)
    clock.now = datetime(2026, 6, 8, 12, tzinfo=PARIS)
    desk.declare_closed_days([date(2026, 6, 9)], "absent", "LEAD")  # Tuesday closed
    thursday_10 = datetime(2026, 6, 11, 10, tzinfo=PARIS)
    assert desk.get_ticket(plain.id).due_at == thursday_10
    clock.now = datetime(2026, 6, 8, 13, tzinfo=PARIS)
    resumed = desk.asker_followup("U1", "voici l'info")
    # 1 h Monday before the wait, 11 h after it, Tuesday closed, 24 h Wednesday, 12 h Thursday
    assert resumed.due_at == datetime(2026, 6, 11, 12, tzinfo=PARIS)


def test_declaring_today_closed_gives_back_the_hours_already_counted(desk, clock) -> None:
    pytest.importorskip("bot.sla.policy")
    clock.now = datetime(2026, 6, 8, 10, tzinfo=PARIS)  # Monday 10:00
    ticket = desk.open_ticket(asker="U1", text=SECRET)
    clock.now = datetime(2026, 6, 9, 9, tzinfo=PARIS)  # Tuesday 09:00: the lead is ill today
    desk.declare_closed_days([date(2026, 6, 9)], "malade", "LEAD")
    # 48 h of open time with Tuesday closed: Monday 14 h, Wednesday 24 h, Thursday 10 h
    assert desk.get_ticket(ticket.id).due_at == datetime(2026, 6, 11, 10, tzinfo=PARIS)


def test_the_lead_closing_while_the_asker_writes_is_not_undone(desk, sessions, monkeypatch) -> None:
    """The asker's follow-up (which turns an answered ticket back to open) and the lead's
    closing, handled at the same moment: the second waits for the first and starts from its
    result, so the ticket ends closed. Before, the follow-up wrote "open" over the closing."""
    from bot.core.base import DeskBase

    ticket = desk.open_ticket(asker="U1", text=SECRET)
    desk.lead_reply(ticket.id, "LEAD", "Voici la réponse.")
    interleave(
        monkeypatch,
        DeskBase,
        "_locked_ticket",
        lambda: desk.asker_followup("U1", "Encore une question"),
        lambda: desk.close_ticket(ticket.id, "LEAD"),
    )
    assert desk.get_ticket(ticket.id).status == "closed"
    with sessions() as s:
        texts = [m.text for m in s.scalars(select(TicketMessage).order_by(TicketMessage.id))]
    assert texts == ["Voici la réponse.", "Encore une question"]
