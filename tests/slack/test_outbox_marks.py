"""What an answer costs the outbox, and that it is still never sent twice: on an inbox item's
first handling a Web API call is written once, as sent, with the item's "done"; an item handled
again after a crash that came between the post and the "done" finds the post in the channel."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import event, select

from bot.db.models import InboxItem, OutboxCall
from bot.db.types import utcnow
from tests.slack.conftest import BROWSER_Q
from tests.slack.harness import payload


def outbox_statements(engine):  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def before(conn, cursor, statement, *_: object) -> None:  # type: ignore[no-untyped-def]
        if "outbox" in statement.lower():
            seen.append(statement.split()[0].upper())

    event.listen(engine, "before_cursor_execute", before)
    return seen


def dm_body(event_id: str, text: str) -> str:
    body = payload("event_message_im")
    body["event_id"] = event_id
    body["event"].update(text=text, user="U0ASKER", channel="D0ASKER", ts="1767300400.000001")
    return json.dumps(body, ensure_ascii=False)


def test_a_first_handling_writes_each_call_once_as_sent_with_its_done(slack) -> None:
    seen = outbox_statements(slack.runtime.engine)
    reply = slack.send.dm(BROWSER_Q, event_id="Ev0ONEWRITE")
    assert reply.status == 200
    posts = slack.posts("D0ASKER")
    assert len(posts) == 1
    assert seen == ["INSERT"]  # no "pending" row first: the one write is the "done"'s
    with slack.sessions() as s:
        call = s.get(OutboxCall, "ev:Ev0ONEWRITE#1")
        assert call is not None and call.status == "sent" and call.method == "chat.postMessage"
        assert call.channel == "D0ASKER" and call.response["ts"] == posts[0].response["ts"]
        item = s.get(InboxItem, "ev:Ev0ONEWRITE")
        assert item is not None and item.done_at is not None and item.attempts == 1


def test_a_crash_between_the_post_and_the_done_never_posts_twice(slack) -> None:
    runtime = slack.runtime
    runtime.workers.stop()  # this test plays the worker itself
    store, key = runtime.store, "ev:Ev0CRASHED"
    assert store.record(key, dm_body("Ev0CRASHED", BROWSER_Q), claim=False) == "new"
    [first] = store.claim(5)
    assert first.id == key and not first.again  # never handled before
    handled = runtime.intake.handle(first)  # posted, then the process dies: no "done"
    assert len(slack.posts("D0ASKER")) == 1 and handled.sent
    with slack.sessions() as s:
        assert s.get(OutboxCall, f"{key}#1") is None  # the post was never written down
    later = utcnow() + timedelta(seconds=slack.settings.inbox_lease_seconds + 1)
    [again] = store.claim(5, now=later)  # the lease is over: another worker takes it
    assert again.id == key and again.again and again.attempts == 2
    handled = runtime.intake.handle(again)
    store.done_many([(key, handled.reason, handled.sent)])
    assert len(slack.posts("D0ASKER")) == 1  # found in the channel, not posted again
    assert slack.fake.of("conversations.history")
    with slack.sessions() as s:
        assert s.scalar(select(OutboxCall.status).where(OutboxCall.key == f"{key}#1")) == "sent"
        item = s.get(InboxItem, key)
        assert item is not None and item.done_at is not None  # marked done while still held
