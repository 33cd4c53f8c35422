"""Events plumbing: retries deduplicated, bots ignored, App Home, 429 retried.
(Database and Web API faults: test_faults.py.)"""

from __future__ import annotations

import time

from sqlalchemy import select

from bot.db.models import InboxItem
from tests.slack.conftest import BROWSER_Q, HELP


def test_a_retry_of_a_handled_event_is_acked_and_ignored(slack) -> None:
    first = slack.send.dm(BROWSER_Q, ts="1767300200.000001", event_id="Ev0DUPLICATE")
    retry = slack.send.dm(BROWSER_Q, ts="1767300200.000001", event_id="Ev0DUPLICATE", retry=1)
    again = slack.send.dm(BROWSER_Q, ts="1767300200.000001", event_id="Ev0DUPLICATE", retry=2)
    assert (first.status, retry.status, again.status) == (200, 200, 200)
    assert len(slack.posts("D0ASKER")) == 1
    with slack.sessions() as s:
        assert s.scalars(select(InboxItem.id)).all() == ["ev:Ev0DUPLICATE"]


def test_the_bots_own_and_other_bots_messages_are_ignored(slack) -> None:
    slack.send.dm(BROWSER_Q, user="UBOT", bot_id="BBOT")  # ourselves
    slack.send.dm(BROWSER_Q, user="U0OTHERBOT", bot_id="B0OTHER")
    slack.send.channel_message(BROWSER_Q, HELP, subtype="bot_message", bot_id="B0OTHER")
    slack.send.dm(BROWSER_Q, subtype="message_changed")
    slack.send.dm(BROWSER_Q, subtype="message_deleted")
    slack.send.channel_message(BROWSER_Q, HELP, subtype="channel_join")
    assert not slack.fake.of("chat.postMessage")


def test_thread_replies_in_help_channels_are_left_to_humans(slack) -> None:
    slack.send.channel_message(BROWSER_Q, HELP, thread_ts="1767300300.000001")
    assert not slack.fake.of("chat.postMessage")


def test_app_home_is_published_in_french(slack) -> None:
    slack.send.event("event_app_home_opened")
    call = slack.fake.last("views.publish")
    assert call.params["user_id"] == "U0ASKER"
    blob = call.blob()
    assert "Public par défaut" in blob and "Question privée" in blob and "/question" in blob


def test_a_429_is_retried_after_retry_after(slack) -> None:
    slack.fake.fail_next("chat.postMessage", status=429, retry_after=1)
    started = time.monotonic()
    answer = slack.send.dm(BROWSER_Q)
    assert answer.status == 200
    attempts = slack.fake.of("chat.postMessage")
    assert len(attempts) == 2 and attempts[0].params == attempts[1].params
    assert time.monotonic() - started >= 1.0
    assert attempts[1].response["ok"] is True


def test_a_plain_dm_skips_bolts_dispatch_and_everything_else_goes_through_it(
    slack, monkeypatch
) -> None:
    dispatched: list[str] = []
    app = slack.runtime.app
    real = app.dispatch

    def spy(request):  # type: ignore[no-untyped-def]
        dispatched.append(request.body.get("event", {}).get("type") or request.body.get("type"))
        return real(request)

    monkeypatch.setattr(app, "dispatch", spy)
    slack.send.dm(BROWSER_Q, ts="1767300300.000001")
    assert dispatched == [] and len(slack.posts("D0ASKER")) == 1  # answered all the same
    slack.send.dm(BROWSER_Q, user="UBOT", bot_id="BBOT")  # the bot's own: Bolt ignores it
    slack.send.dm(BROWSER_Q, subtype="message_changed")
    slack.send.channel_message(BROWSER_Q, HELP)
    assert dispatched == ["message", "message", "message"]
    assert len(slack.posts("D0ASKER")) == 1
