from datetime import timedelta

from bot.core.report import build_report, render_report
from tests.core.conftest import BROWSER, GIBBERISH, T0


def test_report_counts_and_lists_what_to_improve(desk, sessions, clock) -> None:
    answered = desk.ask(asker="U1", text=BROWSER, kb="test-kb")
    desk.feedback(answered.question_id, "U1", helpful=False)
    desk.feedback(answered.question_id, "U2", helpful=True)
    for asker in ("U1", "U2"):  # the same unanswered question, twice, in a help channel
        missed = desk.ask(asker=asker, text=GIBBERISH, kb="test-kb", public=True)
        assert missed.kind == "suggestions"
    post = desk.to_community(missed.question_id)
    desk.record_community_post(post.question_id, "C0COMMUNITY", "1.000001")
    desk.community_reply("C0COMMUNITY", "1.000001", "U9")
    desk.solve_community(post.question_id, by="U2")
    secret = desk.open_ticket(asker="U3", text="Mon numéro client est 1796, facture fausse")
    desk.lead_reply(secret.id, "U0LEAD", "Je regarde.")
    desk.open_ticket(asker="U4", text="Tout est en panne", urgency="major")
    clock.now = T0 + timedelta(days=40)  # old enough to fall out of a 30-day window
    desk.ask(asker="U5", text=GIBBERISH + " encore", kb="test-kb")

    with sessions() as s:
        recent = build_report(s, T0 + timedelta(hours=1), days=30)
        later = build_report(s, T0 + timedelta(days=40, hours=1), days=30)

    assert (recent.questions, recent.answered, recent.unanswered) == (3, 1, 2)
    assert round(recent.answered_pct) == 33
    assert (recent.community_threads, recent.community_answered, recent.community_solved) == (
        1,
        1,
        1,
    )
    assert (recent.tickets, recent.tickets_open, recent.tickets_answered) == (2, 1, 1)
    assert recent.tickets_emergency == 1 and recent.tickets_escalated == 0
    assert recent.to_improve == [(GIBBERISH, 2)]
    [unit] = recent.feedback
    assert (unit.unit_id, unit.helped, unit.not_helped) == ("test-kb/navigateur", 1, 1)
    assert later.questions == 1 and later.tickets == 0

    text = render_report(recent, 30)
    assert "2× " + GIBBERISH in text and "test-kb/navigateur" in text
    assert "1796" not in text and "en panne" not in text  # private text is never quoted


def test_report_never_quotes_an_unpublished_dm_nor_a_ticket(desk, sessions) -> None:
    """Issue 8: only what was asked in public, or published by its asker, may be quoted."""
    desk.ask(asker="U1", text=GIBBERISH + " RIB FR76 dans un DM", kb="test-kb")
    made_private = desk.ask(asker="U2", text=GIBBERISH + " contrat Dupont", kb="test-kb")
    post = desk.to_community(made_private.question_id)
    desk.record_community_post(post.question_id, "C0COMMUNITY", "1.000002")
    desk.open_ticket(asker="U2", text="finalement privé", question_id=made_private.question_id)
    desk.ask(asker="U3", text=GIBBERISH + " a &lt; b &amp; c", kb="test-kb", public=True)
    with sessions() as s:
        report = build_report(s, T0 + timedelta(hours=1), days=30)
    text = render_report(report, 30)
    assert "FR76" not in text and "Dupont" not in text
    assert "a < b & c" in text and "&lt;" not in text
