"""Flow 1 and 2: answers with their source, suggestions, community hand-off (public by default)."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.db.models import Feedback, Question
from tests.slack.conftest import (
    ASKER,
    BROWSER_Q,
    COMMUNITY,
    GENERAL,
    HELP,
    MEMBER,
    NOTHING_Q,
    PASSWORD_Q,
    SFR_CHANNEL,
    UNSURE_Q,
)
from tests.slack.harness import buttons


def _questions(slack) -> list[Question]:
    with slack.sessions() as s:
        return list(s.scalars(select(Question).order_by(Question.id)))


def test_dm_question_is_answered_with_its_source_and_choices(slack) -> None:
    answer = slack.send.dm(BROWSER_Q)
    assert answer.status == 200
    [post] = slack.posts("D0ASKER")
    blob = post.blob()
    assert "*Firefox*" in blob and "<https://aide.example/nav|le guide>" in blob
    # a link to another unit shows that unit's title; a bare URL stays a Slack link
    assert "« Où trouver mes factures ? »" in blob and "](#" not in blob
    assert "<https://aide.example/support>" in blob
    assert "Source : FAQ espace client › Navigateur" in blob
    assert post.params.get("thread_ts") is None
    assert set(buttons(post)) == {
        "answer_helped",
        "answer_not_solved",
        "ask_community",
        "ask_private",
    }
    [question] = _questions(slack)
    assert (question.asker, question.status, question.origin) == (ASKER, "answered", "slack")


def test_slack_markup_around_a_question_does_not_stop_the_answer(slack) -> None:
    assert slack.send.dm("<!here> <@U0MEMBER> " + BROWSER_Q).status == 200
    [post] = slack.posts("D0ASKER")
    assert "*Firefox*" in post.blob()
    [question] = _questions(slack)
    assert question.status == "answered"


def test_help_channel_question_is_answered_in_its_thread(slack) -> None:
    slack.send.channel_message(PASSWORD_Q, HELP, ts="1767300001.000001")
    [post] = slack.posts(HELP)
    assert post.params["thread_ts"] == "1767300001.000001"
    assert "Mot de passe oublié" in post.blob()
    assert "Source : FAQ espace client › Mot de passe" in post.blob()


def test_other_channels_are_ignored_but_mentions_are_answered_in_thread(slack) -> None:
    slack.send.channel_message(PASSWORD_Q, GENERAL)
    assert not slack.fake.of("chat.postMessage")
    slack.send.mention(BROWSER_Q, GENERAL, ts="1767300002.000001")
    [post] = slack.posts(GENERAL)
    assert post.params["thread_ts"] == "1767300002.000001"
    assert "Firefox" in post.blob()
    assert _questions(slack)[0].text == BROWSER_Q  # the <@UBOT> tag is stripped


def test_a_mention_in_a_help_channel_is_answered_once(slack) -> None:
    ts = "1767300003.000001"
    slack.send.channel_message(f"<@UBOT> {BROWSER_Q}", HELP, ts=ts)
    slack.send.mention(BROWSER_Q, HELP, ts=ts)
    assert len(slack.posts(HELP)) == 1


def test_the_channel_picks_the_knowledge_base(slack) -> None:
    slack.send.mention("quel navigateur pour commander", SFR_CHANNEL)
    [post] = slack.posts(SFR_CHANNEL)
    assert "Aide-mémoire SFR" in post.blob()


def test_unsure_gives_at_most_three_suggestions_and_the_choices(slack) -> None:
    slack.send.dm(UNSURE_Q)
    [post] = slack.posts("D0ASKER")
    found = buttons(post)
    shows = [k for k in found if k.startswith("show_suggestion_")]
    assert 1 <= len(shows) <= 3
    assert {"ask_community", "ask_private"} <= set(found)
    assert not slack.posts(COMMUNITY)  # the asker chooses
    # the first suggestion shows its answer's first line, so the asker can recognise it
    assert "Mot de passe oublié" in post.blob()
    slack.send.click(found[shows[0]])
    shown = slack.posts("D0ASKER")[-1]
    assert "Source :" in shown.blob()


def test_ask_the_community_button_posts_the_question(slack) -> None:
    slack.send.dm(f"{UNSURE_Q} <!channel> @here")
    ask = buttons(slack.posts("D0ASKER")[0])["ask_community"]
    slack.send.click(ask)
    [post] = slack.posts(COMMUNITY)
    text = post.blob()
    assert f"<@{ASKER}>" in text and "mot de passe ne marche pas" in text
    assert "<!channel>" not in text and "<!here>" not in text and "@here" not in text
    assert "> " in post.params["text"]  # quoted
    told = slack.posts("D0ASKER")[-1]
    assert "https://sg-support.slack.com/archives/C0COMMUNITY/p" in told.blob()
    assert _questions(slack)[0].status == "community"


def test_nothing_found_goes_to_the_community_automatically(slack) -> None:
    slack.send.channel_message(
        f"{NOTHING_Q} <!everyone> <!subteam^S0TEAM|@support>", HELP, ts="1767300004.000001"
    )
    [post] = slack.posts(COMMUNITY)
    for call in slack.fake.all_calls():
        blob = call.blob()
        assert "<!everyone>" not in blob and "<!subteam" not in blob
    assert NOTHING_Q in post.blob()
    [told] = slack.posts(HELP)
    assert told.params["thread_ts"] == "1767300004.000001"
    assert "publié votre question dans <#C0COMMUNITY>" in told.blob()
    assert "ask_private" in buttons(told)


def test_buttons_belong_to_the_asker(slack) -> None:
    slack.send.channel_message(BROWSER_Q, HELP, ts="1767300005.000001")
    post = slack.posts(HELP)[0]
    helped = buttons(post)["answer_helped"]
    slack.send.click(helped, user=MEMBER, channel=HELP, thread_ts="1767300005.000001")
    [refusal] = slack.fake.of("chat.postEphemeral")
    assert refusal.params["user"] == MEMBER and "Seule la personne" in refusal.params["text"]
    slack.send.click(helped, user=ASKER, channel=HELP, thread_ts="1767300005.000001")
    with slack.sessions() as s:
        [feedback] = s.scalars(select(Feedback)).all()
    assert (feedback.user, feedback.helpful) == (ASKER, True)


def test_not_solved_offers_the_choices(slack) -> None:
    slack.send.dm(BROWSER_Q)
    slack.send.click(buttons(slack.posts("D0ASKER")[0])["answer_not_solved"])
    last = slack.posts("D0ASKER")[-1]
    assert {"ask_community", "ask_private"} <= set(buttons(last))
    # issue 8: buttons carry ids only; the form is prefilled from the stored question
    private = json.loads(buttons(last)["ask_private"]["value"])
    assert set(private) == {"q"}
    slack.send.click(buttons(last)["ask_private"])
    view = slack.fake.last("views.open").params["view"]
    assert view["blocks"][0]["element"]["initial_value"] == BROWSER_Q


def test_greeting_gets_a_french_smalltalk_answer(slack) -> None:
    slack.send.dm("bonjour")
    [post] = slack.posts("D0ASKER")
    assert "Bonjour" in post.params["text"]
    assert not slack.posts(COMMUNITY)


def test_huge_and_binary_text_get_a_clear_french_reply(slack) -> None:
    huge = slack.send.dm("a" * 39000)
    binary = slack.send.dm("abc\x00\x01\x02\x03 def")
    assert huge.status == 200 and binary.status == 200
    first, second = slack.posts("D0ASKER")
    assert "trop long" in first.params["text"]
    assert "illisibles" in second.params["text"]
    assert not slack.posts(COMMUNITY)
