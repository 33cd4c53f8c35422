"""Issue 8, cases 1 to 6, over HTTP: private text never reaches the community channel, and the
report never quotes it. Each test reproduces one case as a new user would meet it."""

from __future__ import annotations

import json

from bot.db.models import TicketMessage
from tests.slack.conftest import ASKER, BROWSER_Q, COMMUNITY, HELP, LEAD, MEMBER, NOTHING_Q, ONCALL
from tests.slack.harness import buttons
from tests.slack.privacy import only_in_private, questions, report_text, threads, tickets


def _ticket(slack, text: str, user: str = ASKER) -> None:
    assert slack.send.submit_question(text, private=True, user=user).status == 200


def test_1_the_lead_typing_in_the_card_thread_answers_the_ticket(slack) -> None:
    _ticket(slack, "Mon contrat Dupont est résilié")
    [card] = slack.posts("D0LEAD")
    reply = f"{NOTHING_Q} Je relance Dupont pour vous, RIB FR76 reçu"
    slack.send.dm(reply, user=LEAD, thread_ts=card.response["ts"])
    assert not slack.posts(COMMUNITY)
    relayed = [c for c in slack.posts("D0ASKER") if "FR76" in c.blob()]
    assert relayed and "Réponse du support" in relayed[0].blob()
    [ticket] = tickets(slack)
    assert ticket.status == "answered" and ticket.first_answered_at is not None
    assert not [q for q in questions(slack) if "FR76" in q.text]
    only_in_private(slack, "FR76", "Dupont")
    assert "FR76" not in report_text(slack) and "Dupont" not in report_text(slack)


def test_2_the_lead_and_on_call_are_never_customers(slack) -> None:
    for user in (LEAD, ONCALL):
        slack.send.dm(f"{NOTHING_Q} note interne Dupont", user=user)
        told = slack.posts("D" + user[1:])[-1]
        assert "jamais publiés" in told.blob()
    slack.send.channel_message(f"{NOTHING_Q} note interne Dupont", HELP, user=LEAD)
    assert not slack.posts(COMMUNITY)
    assert questions(slack) == []
    assert "Dupont" not in report_text(slack)


def test_3_after_closing_a_dm_is_not_published_and_the_ticket_can_be_reopened(slack) -> None:
    _ticket(slack, "Ma facture de mars est fausse")
    [card] = slack.posts("D0LEAD")
    slack.send.click(buttons(card)["ticket_close"], user=LEAD, channel="D0LEAD")
    closing = slack.posts("D0ASKER")[-1]
    assert "résolu" in closing.blob() and "ticket_reopen" in buttons(closing)
    again = f"{NOTHING_Q} le problème de facture revient"
    slack.send.dm(again)
    assert not slack.posts(COMMUNITY)
    offer = slack.posts("D0ASKER")[-1]
    assert {"ask_community", "ask_private"} <= set(buttons(offer))
    # someone else cannot reopen it; the asker can, and the clock starts again
    before = tickets(slack)[0]
    slack.send.click(buttons(closing)["ticket_reopen"], user=MEMBER, channel="D0MEMBER")
    assert tickets(slack)[0].status == "closed"
    slack.send.click(buttons(closing)["ticket_reopen"])
    after = tickets(slack)[0]
    assert after.status == "open" and after.closed_at is None
    assert after.due_at is not None and after.due_at >= before.due_at
    assert any("rouvert" in c.blob() for c in slack.posts("D0LEAD"))
    assert "revient" not in report_text(slack)


def test_3b_a_ticket_closed_too_long_ago_cannot_be_reopened(slack) -> None:
    from datetime import timedelta

    from bot.db.types import utcnow

    _ticket(slack, "Question ancienne")
    [card] = slack.posts("D0LEAD")
    slack.send.click(buttons(card)["ticket_close"], user=LEAD, channel="D0LEAD")
    closing = slack.posts("D0ASKER")[-1]
    slack.desk.clock = lambda: utcnow() + timedelta(days=8)  # REOPEN_WINDOW_DAYS is 7
    slack.send.click(buttons(closing)["ticket_reopen"])
    assert tickets(slack)[0].status == "closed"
    assert "plus de 7 jours" in slack.posts("D0ASKER")[-1].blob()


def test_4_making_a_published_question_private_removes_the_post(slack) -> None:
    slack.send.dm(f"{NOTHING_Q} souci avec le contrat Dupont")
    choice = slack.posts("D0ASKER")[-1]
    slack.send.click(buttons(choice)["ask_community"])
    [post] = slack.posts(COMMUNITY)
    told = slack.posts("D0ASKER")[-1]
    assert "ask_private" in buttons(told)  # the private choice stays on the confirmation
    slack.send.click(buttons(told)["ask_private"])
    meta = slack.fake.last("views.open").params["view"]["private_metadata"]
    slack.send.submit_question("souci avec le contrat Dupont", private=True, metadata=meta)
    [deleted] = slack.fake.of("chat.delete")
    assert deleted.params == {"channel": COMMUNITY, "ts": post.response["ts"]}
    assert questions(slack)[0].status == "private"
    assert threads(slack)[0].status == "withdrawn"
    confirm = [c for c in slack.posts("D0ASKER") if "Personne d'autre" in c.blob()]
    assert confirm and "retirée" in confirm[-1].blob()
    assert "Dupont" not in report_text(slack)


def test_4b_an_undeletable_post_is_blanked(slack) -> None:
    slack.send.channel_message(f"{NOTHING_Q} contrat Dupont", HELP, ts="1767300200.000001")
    [post] = slack.posts(COMMUNITY)
    slack.fake.respond("chat.delete", ok=False, error="cant_delete_message")
    meta = json.dumps({"q": questions(slack)[0].id})
    slack.send.submit_question("contrat Dupont", private=True, metadata=meta)
    update = slack.fake.last("chat.update")
    assert update.params["ts"] == post.response["ts"] and "Dupont" not in update.blob()
    assert "retirée" in update.blob()


def test_5_an_unanswered_dm_waits_for_the_askers_choice(slack) -> None:
    slack.send.dm(f"{NOTHING_Q} ma question à moi")
    assert not slack.posts(COMMUNITY)
    [choice] = slack.posts("D0ASKER")
    assert "publique par défaut" in choice.blob()
    labels = {b["text"]["text"] for b in buttons(choice).values()}
    assert labels == {"Publier dans la communauté", "Envoyer en privé au support"}
    assert "ma question à moi" not in report_text(slack)
    slack.send.click(buttons(choice)["ask_community"])
    assert len(slack.posts(COMMUNITY)) == 1
    assert "ma question à moi" in report_text(slack)  # published by its asker: may be quoted


def test_6_a_new_question_during_a_ticket_is_answered_and_can_be_added(slack) -> None:
    _ticket(slack, "Premier souci Dupont")
    _ticket(slack, "Second souci Martin")
    first, second = tickets(slack)
    slack.fake.reset()
    slack.send.dm(BROWSER_Q)  # top level: a new question, answered, not forwarded
    assert "Firefox" in slack.posts("D0ASKER")[0].blob()
    assert not slack.posts("D0LEAD")
    offer = slack.posts("D0ASKER")[-1]
    adds = buttons(offer)
    assert {json.loads(b["value"])["tk"] for b in adds.values()} == {first.id, second.id}
    add_first = next(b for b in adds.values() if json.loads(b["value"])["tk"] == first.id)
    slack.send.click(add_first)
    assert questions(slack)[-1].status == "private"
    # a reply in the FIRST ticket's thread goes to the first ticket, not to the newest
    slack.send.dm("Précision pour Dupont", thread_ts=first.asker_ts)
    with slack.sessions() as s:
        texts = {(m.ticket_id, m.text) for m in s.query(TicketMessage)}
    assert (first.id, BROWSER_Q) in texts and (first.id, "Précision pour Dupont") in texts
    assert all(ticket_id == first.id for ticket_id, _ in texts)
    notes = [c for c in slack.posts("D0LEAD") if c.params.get("thread_ts") == first.lead_ts]
    assert any("Précision pour Dupont" in c.blob() for c in notes)
    assert not slack.posts(COMMUNITY)
    only_in_private(slack, "Dupont", "Martin")
