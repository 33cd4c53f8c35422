"""Flow 2: members answer in the community thread; the asker is told and closes it."""

from __future__ import annotations

from sqlalchemy import select

from bot.db.models import CommunityThread, Question
from tests.slack.conftest import ASKER, COMMUNITY, MEMBER, NOTHING_Q
from tests.slack.harness import buttons


def _post_question(slack) -> tuple[str, str]:
    """A DM question nothing answers, published by its asker's choice (issue 8: a DM is never
    published without it); returns the community post (channel, ts)."""
    slack.send.dm(NOTHING_Q)
    assert not slack.posts(COMMUNITY)
    slack.send.click(buttons(slack.posts("D0ASKER")[-1])["ask_community"])
    [post] = slack.posts(COMMUNITY)
    with slack.sessions() as s:
        thread = s.scalars(select(CommunityThread)).one()
    assert thread.channel == COMMUNITY and post.method == "chat.postMessage"
    return thread.channel, thread.ts


def _status(slack) -> tuple[str, str]:
    with slack.sessions() as s:
        question = s.scalars(select(Question)).one()
        thread = s.scalars(select(CommunityThread)).one()
        return question.status, thread.status


def test_a_member_reply_tells_the_asker_with_a_link(slack) -> None:
    channel, ts = _post_question(slack)
    slack.fake.reset()
    slack.send.channel_message(
        "Essayez de vider le cache.", channel, user=MEMBER, ts="1767300100.000001", thread_ts=ts
    )
    [dm] = slack.posts("D0ASKER")
    text = dm.blob()
    assert f"<@{MEMBER}> a répondu" in text
    link = slack.fake.last("chat.getPermalink")
    assert link.params == {"channel": channel, "message_ts": "1767300100.000001"}
    assert "https://sg-support.slack.com/archives/C0COMMUNITY/p1767300100000001" in text
    assert "community_solved" in buttons(dm)


def test_the_asker_writing_in_their_own_thread_is_not_notified(slack) -> None:
    channel, ts = _post_question(slack)
    slack.fake.reset()
    slack.send.channel_message("Précision : sur Firefox.", channel, user=ASKER, thread_ts=ts)
    assert not slack.fake.of("chat.postMessage")


def test_check_mark_by_the_asker_closes_it(slack) -> None:
    channel, ts = _post_question(slack)
    slack.send.reaction(MEMBER, channel, ts)
    assert _status(slack) == ("community", "open")
    slack.send.reaction(ASKER, channel, ts, reaction="thumbsup")
    assert _status(slack) == ("community", "open")
    slack.send.reaction(ASKER, channel, ts)
    assert _status(slack) == ("solved", "solved")
    notice = slack.posts(COMMUNITY)[-1]
    assert notice.params["thread_ts"] == ts and "résolue" in notice.params["text"]
    slack.fake.reset()  # a reply after that: nobody is told any more
    slack.send.channel_message("Autre idée", channel, user=MEMBER, thread_ts=ts)
    assert not slack.fake.of("chat.postMessage")


def test_solved_button_in_the_dm_closes_it_and_updates_the_post(slack) -> None:
    channel, ts = _post_question(slack)
    slack.send.channel_message("Réponse", channel, user=MEMBER, thread_ts=ts)
    solved = buttons(slack.posts("D0ASKER")[-1])["community_solved"]
    slack.send.click(solved, user=MEMBER, channel="D0MEMBER")
    assert _status(slack) == ("community", "open")
    slack.send.click(solved, user=ASKER, channel="D0ASKER")
    assert _status(slack) == ("solved", "solved")
    update = slack.fake.last("chat.update")
    assert update.params["channel"] == channel and update.params["ts"] == ts
    assert "Résolue" in update.blob() and "community_solved" not in buttons(update)
