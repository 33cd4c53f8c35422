"""Flow 3 and 4: private questions become tickets between the asker and the support lead."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import select

from bot.db.models import ClosedDay, Ticket
from tests.slack.conftest import ASKER, COMMUNITY, LEAD, MEMBER, ONCALL, UNSURE_Q
from tests.slack.harness import buttons

SECRET_TEXT = "Mon client Dupont a un impayé de 4 312 € <!channel>"


def _ticket(slack) -> Ticket:
    with slack.sessions() as s:
        return s.scalars(select(Ticket)).one()


def _nothing_private_went_public(slack, *needles: str) -> None:
    """Scan EVERY recorded call: private text only ever to the lead's, on-call's or asker's DM."""
    private = {"D0LEAD", "D0ONCALL", "D0ASKER", LEAD, ONCALL, ASKER}
    for call in slack.fake.all_calls():
        target = call.params.get("channel") or call.params.get("users") or ""
        blob = call.blob()
        for needle in needles:
            if needle in blob:
                assert target in private or call.method in {"views.open"}, (call.method, target)


def test_slash_command_opens_the_help_center_form(slack) -> None:
    answer = slack.send.command("mon export plante")
    assert answer.status == 200
    view = slack.fake.last("views.open").params["view"]
    blob = json.dumps(view, ensure_ascii=False)
    assert "Question privée" in blob
    assert (
        "Si vous ne souhaitez pas qu'elle soit diffusée au sein de la communauté SG, "
        "cochez cette case."
    ) in blob
    assert "En cochant cette case, aucun utilisateur ne pourra voir votre question" in blob
    assert {"Normale", "Urgente", "Urgence majeure"} <= {
        o["text"]["text"] for o in view["blocks"][-1]["element"]["options"]
    }
    assert view["blocks"][0]["element"]["initial_value"] == "mon export plante"


def test_private_question_becomes_a_ticket_and_never_goes_public(slack) -> None:
    answer = slack.send.submit_question(SECRET_TEXT, private=True, urgency="urgent")
    assert answer.status == 200 and answer.body == ""  # modal closed
    ticket = _ticket(slack)
    assert (ticket.asker, ticket.urgency, ticket.status) == (ASKER, "urgent", "open")
    [card] = slack.posts("D0LEAD")
    assert f"<@{ASKER}>" in card.blob() and "4 312 €" in card.blob()
    assert "<!channel>" not in card.blob()
    assert {"ticket_reply", "ticket_close"} == set(buttons(card))
    assert (ticket.lead_channel, ticket.lead_ts) == ("D0LEAD", card.response["ts"])
    [confirm] = slack.posts("D0ASKER")
    assert f"ticket n°{ticket.id}" in confirm.blob() and "au plus tard" in confirm.blob()
    assert "répondez dans le fil de ce message" in confirm.blob()
    assert not slack.posts(COMMUNITY)
    assert not slack.posts("D0ONCALL")  # not a major emergency
    _nothing_private_went_public(slack, "Dupont", "4 312")


def test_major_emergency_alerts_lead_and_on_call_at_once(slack) -> None:
    slack.send.submit_question(
        "Plus rien ne fonctionne, site en panne", private=True, urgency="major"
    )
    assert slack.posts("D0LEAD")
    [alert] = slack.posts("D0ONCALL")
    assert "Escalade" in alert.blob() and "site en panne" in alert.blob()
    assert any("Urgence majeure" in c.blob() for c in slack.posts("D0ASKER"))


def test_unchecked_form_follows_the_public_flow(slack) -> None:
    slack.send.submit_question(UNSURE_Q)
    [post] = slack.posts("D0ASKER")
    assert "show_suggestion_0" in buttons(post)
    with slack.sessions() as s:
        assert s.scalars(select(Ticket)).first() is None


def test_form_errors_are_shown_in_the_modal(slack) -> None:
    answer = slack.send.submit_question("   ", private=True)
    assert answer.status == 200
    assert answer.json()["response_action"] == "errors"
    assert "question" in answer.json()["errors"]
    assert not slack.fake.of("chat.postMessage")


def test_ask_privately_button_opens_the_form_prefilled(slack) -> None:
    slack.send.dm(UNSURE_Q)
    ask = buttons(slack.posts("D0ASKER")[0])["ask_private"]
    slack.send.click(ask)
    view = slack.fake.last("views.open").params["view"]
    assert view["blocks"][0]["element"]["initial_value"] == UNSURE_Q
    private = view["blocks"][2]["element"]
    assert private["initial_options"][0]["value"] == "private"
    meta = view["private_metadata"]
    slack.send.submit_question(UNSURE_Q, private=True, metadata=meta)
    assert _ticket(slack).question_id == json.loads(meta)["q"]


def test_lead_replies_asker_follows_up_lead_closes(slack) -> None:
    slack.send.submit_question(SECRET_TEXT, private=True)
    ticket = _ticket(slack)
    card = slack.posts("D0LEAD")[0]
    # the reply button opens the lead's form; only the lead may use it
    slack.send.click(buttons(card)["ticket_reply"], user=MEMBER, channel="D0MEMBER")
    assert "Seul le responsable" in slack.posts("D0MEMBER")[-1].blob()
    slack.send.click(buttons(card)["ticket_reply"], user=LEAD, channel="D0LEAD")
    form = slack.fake.last("views.open").params["view"]
    assert form["callback_id"] == "lead_reply_form" and "Dupont" in json.dumps(form)
    slack.fake.reset()
    slack.send.submit_reply(ticket.id, "Relancez-le avec le modèle de courrier n°3.")
    [relay] = slack.posts("D0ASKER")
    assert "Réponse du support" in relay.blob() and "modèle de courrier" in relay.blob()
    assert _ticket(slack).status == "answered"
    # the asker's follow-up in their ticket's thread (issue 8: the confirmation's thread is
    # the ticket's conversation) reaches the lead, in the card's thread
    confirm_ts = _ticket(slack).asker_ts
    assert relay.params["thread_ts"] == confirm_ts
    slack.fake.reset()
    slack.send.dm("Merci, et s'il ne répond pas ?", thread_ts=confirm_ts)
    [followup] = slack.posts("D0LEAD")
    assert followup.params["thread_ts"] == ticket.lead_ts
    assert "s'il ne répond pas" in followup.blob()
    assert "transmis au support" in slack.posts("D0ASKER")[0].blob()
    assert not slack.posts(COMMUNITY)
    # the lead closes: the asker is told, the card updated
    slack.fake.reset()
    slack.send.click(buttons(card)["ticket_close"], user=LEAD, channel="D0LEAD")
    assert _ticket(slack).status == "closed"
    assert "résolu" in slack.posts("D0ASKER")[0].blob()
    assert "ticket_close" not in buttons(slack.fake.last("chat.update"))
    # after closing, a DM is a new (public-flow) question again
    slack.fake.reset()
    slack.send.dm("bonjour")
    assert "Bonjour" in slack.posts("D0ASKER")[0].blob()
    _nothing_private_went_public(slack, "Dupont", "s'il ne répond pas", "modèle de courrier")


def test_asker_can_close_from_the_relayed_answer(slack) -> None:
    slack.send.submit_question("Question privée simple", private=True)
    ticket = _ticket(slack)
    slack.send.submit_reply(ticket.id, "Voici la réponse.")
    relay = slack.posts("D0ASKER")[-1]
    slack.send.click(buttons(relay)["ticket_asker_solved"], user=MEMBER, channel="D0MEMBER")
    assert _ticket(slack).status == "answered"
    slack.send.click(buttons(relay)["ticket_asker_solved"], user=ASKER)
    assert _ticket(slack).status == "closed"


def _ephemeral(slack, user: str) -> str:  # type: ignore[no-untyped-def]
    call = slack.fake.last("chat.postEphemeral")
    assert call.params["user"] == user
    return call.blob()


def test_lead_declares_an_absence(slack) -> None:
    refused = slack.send.command("absence 2026-12-24..2026-12-31", user=MEMBER)
    assert refused.status == 200 and "Seul le responsable" in _ephemeral(slack, MEMBER)
    answer = slack.send.command("absence 2026-12-24..2026-12-31 congés de Noël", user=LEAD)
    assert answer.status == 200 and "(8 jours)" in _ephemeral(slack, LEAD)
    with slack.sessions() as s:
        days = sorted(d.day for d in s.scalars(select(ClosedDay)))
        reasons = {d.reason for d in s.scalars(select(ClosedDay))}
    assert days[0] == date(2026, 12, 24) and days[-1] == date(2026, 12, 31) and len(days) == 8
    assert reasons == {"congés de Noël"}
    slack.send.command("absence demain", user=LEAD)
    assert "Usage" in _ephemeral(slack, LEAD)


def test_a_lead_reply_submitted_three_times_is_relayed_once(slack) -> None:
    slack.send.submit_question("Question privée, réponse en double", private=True)
    ticket = _ticket(slack)
    slack.fake.reset()
    for _ in range(3):  # the same signed submission, sent again
        answer = slack.send.submit_reply(ticket.id, "Une seule fois, merci.", view_id="V0SAME")
        assert answer.status == 200
    relayed = [c for c in slack.posts("D0ASKER") if "Une seule fois" in c.blob()]
    assert len(relayed) == 1
