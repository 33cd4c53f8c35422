"""What the Homes show: a customer's own questions and tickets; the lead's open tickets, overdue
first, unanswered community questions and proposals waiting."""

from __future__ import annotations

from datetime import timedelta

from tests.core.conftest import BROWSER, GIBBERISH, KB


def test_a_customer_sees_their_questions_and_tickets_only(desk) -> None:
    desk.ask(asker="U1", text=BROWSER, kb=KB)
    reply = desk.ask(asker="U1", text=GIBBERISH, kb=KB)
    desk.to_community(reply.question_id)
    desk.record_community_post(reply.question_id, "CCOMM", "1.1")
    desk.community_reply("CCOMM", "1.1", "U2")
    ticket = desk.open_ticket(asker="U1", text="privé")
    desk.ask(asker="U2", text=BROWSER, kb=KB)
    mine = desk.customer_overview("U1")
    assert [(q.text, q.status, q.answers) for q in mine.questions] == [
        (GIBBERISH, "community", 1),
        (BROWSER, "answered", 0),
    ]
    assert [(k.id, k.status, k.due_at) for k in mine.tickets] == [
        (ticket.id, "open", ticket.due_at)
    ]
    assert desk.customer_overview("U3").questions == ()


def test_the_lead_sees_open_tickets_overdue_first_and_unanswered_questions(desk, clock) -> None:
    old = desk.open_ticket(asker="U1", text="ancien")
    clock.now += timedelta(days=3)
    new_major = desk.open_ticket(asker="U2", text="urgent", urgency="major")
    normal = desk.open_ticket(asker="U3", text="normal")
    done = desk.open_ticket(asker="U4", text="fini")
    desk.close_ticket(done.id, "ULEAD")
    reply = desk.ask(asker="U5", text=GIBBERISH, kb=KB)
    desk.to_community(reply.question_id)
    desk.record_community_post(reply.question_id, "CCOMM", "2.1")
    overview = desk.lead_overview()
    assert [k.id for k in overview.tickets] == [old.id, new_major.id, normal.id]
    assert [k.overdue for k in overview.tickets] == [True, False, False]
    assert [q.id for q in overview.unanswered] == [reply.question_id]
    desk.community_reply("CCOMM", "2.1", "U6")
    assert desk.lead_overview().unanswered == ()
    assert overview.stats.tickets == 4
