"""The Web API client: writes as JSON (blocks and metadata intact), lookups form-encoded, the
token in the Authorization header, one kept-alive connection."""

from __future__ import annotations

from bot.slack.webapi import WebApi
from tests.slack.fake_slack import FakeSlack


def test_writes_go_as_json_and_lookups_as_a_form() -> None:
    fake = FakeSlack().start()
    try:
        api = WebApi(fake.api_url, "xoxb-test", timeout=5)
        blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "Réponse « ici » & là"}}]
        meta = {"event_type": "bot_outbox", "event_payload": {"k": "ev:1#1"}}
        posted = api.call(
            "chat.postMessage",
            {"channel": "D0A", "text": "é", "blocks": blocks, "metadata": meta, "thread_ts": None},
        )
        opened = api.call("conversations.open", {"users": "U0A"})
        assert posted.ok and opened.ok
        post, lookup = fake.last("chat.postMessage"), fake.last("conversations.open")
        assert post.headers["content-type"].startswith("application/json")
        assert post.params == {"channel": "D0A", "text": "é", "blocks": blocks, "metadata": meta}
        assert lookup.headers["content-type"].startswith("application/x-www-form-urlencoded")
        assert lookup.params == {"users": "U0A"}
        assert {c.headers["authorization"] for c in fake.all_calls()} == {"Bearer xoxb-test"}
    finally:
        fake.stop()
