"""Issue 8, the small things found on the way, over HTTP."""

from __future__ import annotations

from sqlalchemy import select

from bot.db.models import Feedback
from tests.slack.conftest import ASKER, BROWSER_Q, COMMUNITY, HELP, LEAD, MEMBER, NOTHING_Q
from tests.slack.harness import buttons
from tests.slack.privacy import tickets


def _published(slack) -> str:
    slack.send.channel_message(NOTHING_Q, HELP, ts="1767300400.000001")
    [post] = slack.posts(COMMUNITY)
    return post.response["ts"]


def test_a_check_mark_updates_the_post_and_thanks_once(slack) -> None:
    ts = _published(slack)
    slack.send.reaction(ASKER, COMMUNITY, ts, reaction="white_check_mark::skin-tone-4")
    [update] = slack.fake.of("chat.update")
    slack.send.reaction(ASKER, COMMUNITY, ts)  # a second ✅ changes nothing
    assert len(slack.fake.of("chat.update")) == 1
    assert update.params["ts"] == ts and "Résolue" in update.blob()
    thanks = [c for c in slack.posts(COMMUNITY) if c.params.get("thread_ts") == ts]
    assert len(thanks) == 1


def test_only_the_first_community_answer_notifies_the_asker(slack) -> None:
    ts = _published(slack)
    slack.fake.reset()
    slack.send.channel_message("Idée 1", COMMUNITY, user=MEMBER, thread_ts=ts)
    slack.send.channel_message("Idée 2", COMMUNITY, user="U0OTHER", thread_ts=ts)
    assert len(slack.posts("D0ASKER")) == 1


def test_one_vote_per_person_and_answer(slack) -> None:
    slack.send.dm(BROWSER_Q)
    helped = buttons(slack.posts("D0ASKER")[0])["answer_helped"]
    slack.send.click(helped)
    slack.send.click(helped)
    with slack.sessions() as s:
        assert len(s.scalars(select(Feedback)).all()) == 1
    assert "un avis par personne" in slack.posts("D0ASKER")[-1].blob()


def test_a_question_in_another_language_gets_a_notice_first(slack) -> None:
    slack.send.channel_message(f"{NOTHING_Q} how can I do this please", HELP)
    told = [c.blob() for c in slack.posts(HELP)]
    assert "en français" in told[0] and "publié votre question" in told[1]


def test_a_major_emergency_is_not_promised_48_hours(slack) -> None:
    slack.send.submit_question("Tout est en panne", private=True, urgency="major")
    confirm = slack.posts("D0ASKER")[0].blob()
    assert "Urgence majeure" in confirm and "au plus tard" not in confirm


def test_urgent_means_a_shorter_deadline_the_asker_is_told(slack) -> None:
    slack.send.submit_question("Question normale", private=True)
    slack.send.submit_question("Question urgente", private=True, urgency="urgent")
    normal, urgent = tickets(slack)
    assert urgent.due_at < normal.due_at
    confirms = [c.blob() for c in slack.posts("D0ASKER")]
    assert "au plus tard" in confirms[1]
    slack.send.command("")
    form = slack.fake.last("views.open").params["view"]
    hints = {o["value"]: o["description"]["text"] for o in form["blocks"][-1]["element"]["options"]}
    assert "12 h" in hints["urgent"] and "48 h" in hints["normal"]


def test_the_leads_empty_reply_asks_for_a_reply(slack) -> None:
    slack.send.submit_question("Question privée", private=True)
    answer = slack.send.submit_reply(tickets(slack)[0].id, "   ", user=LEAD)
    assert answer.json()["errors"]["reply"] == "Écrivez votre réponse."


def test_the_card_shows_a_follow_up_after_an_answer(slack) -> None:
    slack.send.submit_question("Question privée", private=True)
    ticket = tickets(slack)[0]
    slack.send.submit_reply(ticket.id, "Voici.", user=LEAD)
    slack.fake.reset()
    slack.send.dm("Ça ne marche toujours pas", thread_ts=ticket.asker_ts)
    update = slack.fake.last("chat.update")
    assert update.params["ts"] == ticket.lead_ts and "Ouvert" in update.blob()
    assert tickets(slack)[0].status == "open"


def test_the_echoed_question_keeps_its_accents(slack) -> None:
    question = f"{NOTHING_Q} Où est passée ma facture élevée ?"
    slack.send.dm(question)
    slack.send.click(buttons(slack.posts("D0ASKER")[-1])["ask_community"])
    [post] = slack.posts(COMMUNITY)
    assert "Où est passée ma facture élevée ?" in post.blob()
    slack.send.click(buttons(slack.posts("D0ASKER")[-1])["ask_private"])
    form = slack.fake.last("views.open").params["view"]
    assert form["blocks"][0]["element"]["initial_value"] == question


def test_the_leads_thread_reply_during_an_outage_is_not_lost_silently(slack) -> None:
    from tests.slack.test_review_regressions import FlakySessions

    slack.send.submit_question("Question privée", private=True)
    [card] = slack.posts("D0LEAD")
    # begin() 1: event dedupe; 2: finding the card's ticket fails (the database is down)
    slack.desk.sessions = FlakySessions(slack.sessions, fail_at=2)
    slack.send.dm("Voici la réponse", user=LEAD, thread_ts=card.response["ts"])
    told = slack.posts("D0LEAD")[-1]
    assert "n'a pas été transmis" in told.blob() and told.params["thread_ts"] == card.response["ts"]
    assert not slack.posts(COMMUNITY)
