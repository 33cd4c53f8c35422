"""The HTTP server: health, routing, signatures, junk bodies."""

from __future__ import annotations

import hashlib
import hmac
import json
import time

from tests.slack.harness import SECRET, payload


def test_healthz_shows_the_backlog(slack) -> None:
    answer = slack.send.request("GET", "/healthz")
    assert answer.status == 200
    assert answer.json() == {"status": "ok", "inbox": 0, "outbox": 0, "spooled": 0}


def test_unknown_path_and_wrong_method(slack) -> None:
    assert slack.send.request("GET", "/nope").status == 404
    assert slack.send.request("GET", "/slack/events").status == 405


def test_url_verification_echoes_the_challenge(slack) -> None:
    body = payload("url_verification")
    answer = slack.send.post_json(body)
    assert answer.status == 200
    assert body["challenge"] in answer.body


def test_bad_signature_is_401_and_does_nothing(slack) -> None:
    body = payload("event_message_im")
    answer = slack.send.post_json(body, secret="not-the-secret")
    assert answer.status == 401
    unsigned = slack.send.post_json(body, signed=False)
    assert unsigned.status == 401
    stale = slack.send.post_json(body, timestamp=1_000_000_000)
    assert stale.status == 401
    assert not slack.fake.of("chat.postMessage")


def test_malformed_json_is_4xx(slack) -> None:
    for raw in ('{"type": "event_callback", "event": {', "{not json}"):
        answer = slack.send.post(raw, "application/json")
        assert 400 <= answer.status < 500, (raw, answer)
    broken_payload = slack.send.post("payload=%7Bbroken", "application/x-www-form-urlencoded")
    assert 400 <= broken_payload.status < 500


def test_binary_body_is_400(slack) -> None:
    answer = slack.send.post(b"\xff\xfe\x00\x81binary", "application/octet-stream")
    assert answer.status == 400


def test_body_over_one_megabyte_is_413(slack) -> None:
    big = json.dumps({"type": "event_callback", "pad": "x" * (1024 * 1024 + 10)})
    answer = slack.send.post(big, "application/json")
    assert answer.status == 413


def test_unknown_signed_payloads_never_5xx(slack) -> None:
    shapes = [
        {"type": "event_callback", "event_id": "EvJunk1", "event": None},
        {"type": "event_callback", "event_id": "EvJunk2", "event": {"type": "message"}},
        {
            "type": "event_callback",
            "event_id": "EvJunk3",
            "event": {"type": "message", "channel": "D0ASKER", "user": "U0ASKER", "text": 42},
        },
        {"type": "block_actions", "actions": []},
        {"type": "something_else"},
    ]
    for shape in shapes:
        answer = slack.send.post_json(shape)
        assert answer.status < 500, (shape, answer)
    assert slack.send.post("[1, 2]", "application/json").status < 500


def test_the_two_500_reproductions_are_refused_with_a_4xx(slack) -> None:
    nested = "[" * 100_000 + "]" * 100_000
    for signed in (True, False):
        answer = slack.send.post(nested, "application/json", signed=signed)
        assert 400 <= answer.status < 500, answer
    bad_auth = {"type": "event_callback", "event_id": "EvAuth", "authorizations": {"a": 1}}
    for signed in (True, False):
        answer = slack.send.post_json(bad_auth, signed=signed)
        assert 400 <= answer.status < 500, answer
    assert not slack.fake.of("chat.postMessage")


def test_the_signature_is_checked_before_the_body_is_parsed(slack) -> None:
    # unsigned junk is refused as unsigned (401), not parsed (which would say 400)
    assert slack.send.post("{not json", "application/json", signed=False).status == 401


def test_a_non_numeric_timestamp_is_refused(slack) -> None:
    body = json.dumps(payload("event_message_im")).encode()
    now = int(time.time())
    for stamp in ("abc", f"{now}.0", "", f"+{now}", f"{now:e}", "NaN"):
        # correctly signed over that timestamp: only the timestamp itself is wrong
        digest = hmac.new(SECRET.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256)
        headers = {
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": "v0=" + digest.hexdigest(),
        }
        answer = slack.send.request("POST", "/slack/events", body, headers)
        assert answer.status == 401, (stamp, answer)
