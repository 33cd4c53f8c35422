"""An accepted community answer becomes a draft; the lead publishes it; the desk (and any other
desk on the same database) answers the same question, in other words, from then on."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.core import Desk, NotFound, Spool
from bot.core.learning_views import NotAllowed
from bot.core.proposals import ProposalsMixin
from bot.db.models_learning import Proposal
from tests.core.conftest import GIBBERISH, KB, PASSWORD
from tests.interleave import interleave

LEAD, ASKER, MEMBER = "ULEAD", "UASK", "UMEM"
QUESTION = "Comment exporter mes abonnés au format CSV ?"
OTHER_WORDS = "exporter les abonnés en csv"
ANSWER = "Menu Contacts › Exporter, puis choisissez CSV."


@pytest.fixture
def lead_settings(settings):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    return replace(settings, support_lead=LEAD)


@pytest.fixture
def ldesk(sessions, knowledge, lead_settings, clock) -> Desk:  # type: ignore[no-untyped-def]
    return Desk(
        sessions, knowledge, lead_settings, clock=clock, spool=Spool(lead_settings.spool_dir)
    )


def _community(desk: Desk, text: str = QUESTION, ts: str = "100.1") -> int:
    reply = desk.ask(asker=ASKER, text=text, kb=KB)
    assert reply.kind == "suggestions"
    desk.to_community(reply.question_id)
    desk.record_community_post(reply.question_id, "CCOMM", ts)
    return reply.question_id


def test_accepted_answer_becomes_a_draft_then_published_it_answers(
    ldesk, sessions, knowledge, lead_settings, clock
) -> None:
    _community(ldesk)
    ldesk.community_reply("CCOMM", "100.1", MEMBER)
    ldesk.record_community_answer(
        channel="CCOMM", thread_ts="100.1", ts="100.2", responder=MEMBER, text=ANSWER
    )
    assert ldesk.accept_answer(channel="CCOMM", ts="100.2", by=ASKER)
    [draft] = ldesk.waiting_proposals()
    assert (draft.kind, draft.question, draft.answer) == ("entry", QUESTION, ANSWER)
    assert (draft.thread_channel, draft.thread_ts) == ("CCOMM", "100.1")
    other = Desk(
        sessions, knowledge, lead_settings, clock=clock, spool=Spool(lead_settings.spool_dir)
    )
    assert other.ask(asker="U9", text=OTHER_WORDS, kb=KB).kind != "answer"
    with pytest.raises(NotAllowed):
        ldesk.publish(draft.id, ASKER)
    published = ldesk.publish(draft.id, LEAD)
    assert published.status == "published" and published.unit_id.startswith(
        f"{KB}/comment-exporter"
    )
    for desk in (ldesk, other):
        reply = desk.ask(asker="U9", text=OTHER_WORDS, kb=KB)
        assert reply.kind == "answer" and reply.unit.id == published.unit_id
        assert ANSWER in reply.text
    with pytest.raises(NotFound):  # decided once
        ldesk.ignore(draft.id, LEAD)


def test_a_member_answer_with_a_nul_character_is_kept_without_it(ldesk) -> None:
    _community(ldesk)
    ldesk.record_community_answer(
        channel="CCOMM", thread_ts="100.1", ts="100.2", responder=MEMBER, text=ANSWER + "\x00"
    )
    assert ldesk.accept_answer(channel="CCOMM", ts="100.2", by=ASKER)
    [draft] = ldesk.waiting_proposals()
    assert draft.answer == ANSWER


def test_two_decisions_on_one_draft_at_once_exactly_one_wins(ldesk, monkeypatch) -> None:
    """ "Publier" and "Ignorer" handled at the same moment (two workers, two instances): the
    first decision holds its transaction a while; the second waits for it, then finds the draft
    decided. On SQLite too, where SELECT ... FOR UPDATE locks nothing."""
    _community(ldesk)
    ldesk.record_community_answer(
        channel="CCOMM", thread_ts="100.1", ts="100.2", responder=MEMBER, text=ANSWER
    )
    assert ldesk.accept_answer(channel="CCOMM", ts="100.2", by=ASKER)
    [draft] = ldesk.waiting_proposals()
    published, ignored = interleave(
        monkeypatch,
        ProposalsMixin,
        "_decide",
        lambda: ldesk.publish(draft.id, LEAD),
        lambda: ldesk.ignore(draft.id, LEAD),
    )
    assert published.status == "published" and isinstance(ignored, NotFound)
    assert ldesk.get_proposal(draft.id).status == "published"


def test_only_the_asker_accepts_and_a_pointer_to_an_entry_proposes_a_phrasing(
    ldesk, sessions
) -> None:
    _community(ldesk, "ma facture de mars introuvable dans l'appli")
    ldesk.record_community_answer(
        channel="CCOMM", thread_ts="100.1", ts="100.3", responder=MEMBER, text="Regarde #factures"
    )
    assert not ldesk.accept_answer(channel="CCOMM", ts="100.3", by=MEMBER)
    assert ldesk.waiting_proposals() == []
    assert ldesk.accept_answer(channel="CCOMM", ts="100.3", by=ASKER)
    [proposal] = ldesk.waiting_proposals()
    assert (proposal.kind, proposal.unit_id) == ("phrasing", f"{KB}/factures")
    ldesk.publish(proposal.id, LEAD)
    reply = ldesk.ask(asker="U9", text="ma facture de mars introuvable dans l'appli", kb=KB)
    assert reply.kind == "answer" and reply.unit.id == f"{KB}/factures"


def test_suggestion_chosen_then_thumbs_up_proposes_the_wording(ldesk) -> None:
    reply = ldesk.ask(asker=ASKER, text="souci de connexion avec mon mot de passe", kb=KB)
    assert reply.kind == "suggestions"
    ldesk.choose_suggestion(reply.question_id, f"{KB}/mot-de-passe", ASKER)
    ldesk.feedback(reply.question_id, MEMBER, True)  # not the asker: nothing
    assert ldesk.waiting_proposals() == []
    ldesk.feedback(reply.question_id, ASKER, True)
    ldesk.feedback(reply.question_id, ASKER, True)  # twice: still one proposal
    other = ldesk.ask(asker="UOTHER", text="souci de connexion avec mon mot de passe", kb=KB)
    ldesk.choose_suggestion(other.question_id, f"{KB}/mot-de-passe", "UOTHER")
    ldesk.feedback(other.question_id, "UOTHER", True)  # same words: not proposed twice
    [proposal] = ldesk.waiting_proposals()
    assert (proposal.kind, proposal.question, proposal.unit_title) == (
        "phrasing",
        "souci de connexion avec mon mot de passe",
        PASSWORD,
    )
    ldesk.publish(proposal.id, LEAD)
    again = ldesk.ask(asker="U7", text="souci de connexion avec mon mot de passe", kb=KB)
    assert again.kind == "answer" and again.unit.id == f"{KB}/mot-de-passe"


def _thumbs_up_on_a_suggestion(desk: Desk, asker: str, text: str) -> None:
    reply = desk.ask(asker=asker, text=text, kb=KB)
    assert reply.kind == "suggestions"
    desk.choose_suggestion(reply.question_id, f"{KB}/mot-de-passe", asker)
    desk.feedback(reply.question_id, asker, True)


def test_a_wording_the_lead_ignored_is_not_proposed_again(ldesk) -> None:
    _thumbs_up_on_a_suggestion(ldesk, "U1", "souci de connexion avec mon mot de passe")
    [proposal] = ldesk.waiting_proposals()
    ldesk.ignore(proposal.id, LEAD)
    _thumbs_up_on_a_suggestion(ldesk, "U2", "Souci de connexion  avec mon mot de passe")
    assert ldesk.waiting_proposals() == []
    _thumbs_up_on_a_suggestion(ldesk, "U3", "connexion impossible avec mon mot de passe")
    [other] = ldesk.waiting_proposals()
    assert other.question == "connexion impossible avec mon mot de passe"


def test_the_same_wording_from_two_askers_at_once_is_one_draft(ldesk, monkeypatch) -> None:
    """The second transaction cannot see the first's draft before it commits: the unique key on
    the wording makes it one draft all the same."""
    text = "souci de connexion avec mon mot de passe"
    ids = {}
    for asker in ("U1", "U2"):
        reply = ldesk.ask(asker=asker, text=text, kb=KB)
        ldesk.choose_suggestion(reply.question_id, f"{KB}/mot-de-passe", asker)
        ids[asker] = reply.question_id
    interleave(
        monkeypatch,
        ProposalsMixin,
        "_propose",
        lambda: ldesk.feedback(ids["U1"], "U1", True),
        lambda: ldesk.feedback(ids["U2"], "U2", True),
    )
    assert [p.question for p in ldesk.waiting_proposals()] == [text]


def test_a_ticket_draft_needs_the_lead_then_the_askers_consent(ldesk, sessions) -> None:
    ticket = ldesk.open_ticket(asker=ASKER, text="Mon RIB 1234 a changé, comment faire ?")
    with pytest.raises(NotFound):  # not answered yet
        ldesk.draft_from_ticket(ticket.id, LEAD, "Changer de RIB ?", "Dans Mon compte.")
    ldesk.lead_reply(ticket.id, LEAD, "Allez dans Mon compte › Banque.")
    with pytest.raises(NotAllowed):
        ldesk.draft_from_ticket(ticket.id, ASKER, "Changer de RIB ?", "Dans Mon compte.")
    draft = ldesk.draft_from_ticket(
        ticket.id, LEAD, "Changer de RIB ?", "Dans Mon compte › Banque."
    )
    assert draft.status == "consent" and draft.asker == ASKER
    assert ldesk.waiting_proposals() == []  # nothing reaches the lead's list before consent
    with pytest.raises(NotAllowed):
        ldesk.consent(draft.id, MEMBER, True)
    assert ldesk.consent(draft.id, ASKER, True).status == "waiting"
    [waiting] = ldesk.waiting_proposals()
    assert "1234" not in waiting.question + waiting.answer


def test_the_lead_rewords_a_draft_before_the_asker_consents(ldesk) -> None:
    ticket = ldesk.open_ticket(asker=ASKER, text="Mon IBAN a changé, comment faire ?")
    ldesk.lead_reply(ticket.id, LEAD, "Allez dans Mon compte › Banque.")
    first = ldesk.draft_from_ticket(ticket.id, LEAD, "Changer de RIB ?", "Mon compte.")
    again = ldesk.draft_from_ticket(
        ticket.id, LEAD, "Comment changer de RIB ?", "Dans Mon compte › Banque."
    )
    assert again.id == first.id  # one draft per ticket, reworded
    assert (again.question, again.answer) == (
        "Comment changer de RIB ?",
        "Dans Mon compte › Banque.",
    )
    ldesk.consent(first.id, ASKER, True)
    [waiting] = ldesk.waiting_proposals()
    assert waiting.question == "Comment changer de RIB ?"


def test_a_refused_consent_keeps_nothing(ldesk, sessions) -> None:
    ticket = ldesk.open_ticket(asker=ASKER, text="question privée")
    ldesk.lead_reply(ticket.id, LEAD, "réponse")
    draft = ldesk.draft_from_ticket(ticket.id, LEAD, "Question anonyme ?", "Réponse anonyme.")
    assert ldesk.consent(draft.id, ASKER, False).status == "refused"
    with sessions() as s:
        row = s.scalar(select(Proposal))
    assert (row.question, row.answer) == ("", "")


def test_draft_announcement_is_claimed_once(ldesk) -> None:
    _community(ldesk, GIBBERISH)
    ldesk.record_community_answer(
        channel="CCOMM", thread_ts="100.1", ts="100.2", responder=MEMBER, text="Voilà."
    )
    ldesk.solve_community(channel="CCOMM", ts="100.1", by=ASKER)
    [pending] = ldesk.unannounced_proposals()
    assert pending.answer == "Voilà."
    assert ldesk.claim_proposal_card(pending.id)
    assert not ldesk.claim_proposal_card(pending.id)
    assert ldesk.unannounced_proposals() == []


def test_a_reply_marked_as_solution_while_the_database_is_down_is_replayed(
    ldesk, sessions, knowledge, lead_settings, clock, tmp_path
) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.orm import sessionmaker

    from bot.core import StoreUnavailable

    _community(ldesk)
    ldesk.record_community_answer(
        channel="CCOMM", thread_ts="100.1", ts="100.2", responder=MEMBER, text=ANSWER
    )
    (tmp_path / "a-file").write_text("not a folder")
    down = create_engine(f"sqlite:///{tmp_path}/a-file/bot.db")
    ldesk.sessions = sessionmaker(down)
    with pytest.raises(StoreUnavailable):
        ldesk.accept_answer(channel="CCOMM", ts="100.2", by=ASKER)
    ldesk.sessions = sessions
    down.dispose()
    assert ldesk.waiting_proposals() == []
    assert ldesk.replay_spool() == 1
    [draft] = ldesk.waiting_proposals()
    assert draft.answer == ANSWER
