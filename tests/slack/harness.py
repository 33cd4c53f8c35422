"""Sending SIGNED Slack requests over real HTTP, built from the payload files in payloads/.

Signature: `v0=` + HMAC-SHA256(signing secret, "v0:{timestamp}:{body}"), headers
X-Slack-Signature and X-Slack-Request-Timestamp, as Slack sends them.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import http.client
import itertools
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

PAYLOADS = Path(__file__).resolve().parent / "payloads"
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
_ids = itertools.count(1)
_ts = itertools.count(1)


def payload(name: str) -> dict[str, Any]:
    return copy.deepcopy(json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8")))


def new_ts() -> str:
    return f"1767300000.{next(_ts):06d}"


def sign(body: bytes, secret: str = SECRET, timestamp: int | None = None) -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    base = b"v0:" + stamp.encode() + b":" + body
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Signature": f"v0={digest}", "X-Slack-Request-Timestamp": stamp}


@dataclass
class Response:
    status: int
    body: str
    headers: dict[str, str]

    def json(self) -> Any:
        return json.loads(self.body)


class Sender:
    def __init__(self, port: int, secret: str = SECRET) -> None:
        self.port = port
        self.secret = secret

    # --- raw ------------------------------------------------------------------------------
    def request(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> Response:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            answer = conn.getresponse()
            data = answer.read().decode("utf-8", "replace")
            return Response(answer.status, data, {k.lower(): v for k, v in answer.getheaders()})
        finally:
            conn.close()

    def post(
        self,
        body: bytes | str,
        content_type: str,
        *,
        signed: bool = True,
        secret: str | None = None,
        timestamp: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        raw = body.encode("utf-8") if isinstance(body, str) else body
        all_headers = {"Content-Type": content_type}
        if signed:
            all_headers.update(sign(raw, secret or self.secret, timestamp))
        all_headers.update(headers or {})
        return self.request("POST", "/slack/events", raw, all_headers)

    def post_json(self, data: dict[str, Any], **kw: Any) -> Response:
        return self.post(json.dumps(data), "application/json", **kw)

    def post_form(self, fields: dict[str, str], **kw: Any) -> Response:
        return self.post(urlencode(fields), "application/x-www-form-urlencoded", **kw)

    # --- Events API ---------------------------------------------------------------------------
    def event(
        self, template: str, *, event_id: str | None = None, retry: int | None = None, **fields: Any
    ) -> Response:
        body = payload(template)
        body["event_id"] = event_id or f"Ev{next(_ids):010d}"
        body["event"].update(fields)
        headers = {}
        if retry is not None:
            headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return self.post_json(body, headers=headers)

    def dm(self, text: str, user: str = "U0ASKER", **fields: Any) -> Response:
        ts = fields.pop("ts", None) or new_ts()
        return self.event(
            "event_message_im",
            text=text,
            user=user,
            channel="D" + user[1:],
            ts=ts,
            event_ts=ts,
            **fields,
        )

    def channel_message(
        self, text: str, channel: str, user: str = "U0ASKER", **fields: Any
    ) -> Response:
        ts = fields.pop("ts", None) or new_ts()
        return self.event(
            "event_message_channel",
            text=text,
            user=user,
            channel=channel,
            ts=ts,
            event_ts=ts,
            **fields,
        )

    def mention(
        self, text: str, channel: str = "C0GENERAL", user: str = "U0ASKER", **fields: Any
    ) -> Response:
        ts = fields.pop("ts", None) or new_ts()
        return self.event(
            "event_app_mention",
            text=f"<@UBOT> {text}",
            user=user,
            channel=channel,
            ts=ts,
            event_ts=ts,
            **fields,
        )

    def reaction(
        self, user: str, channel: str, ts: str, reaction: str = "white_check_mark"
    ) -> Response:
        return self.event(
            "event_reaction_added",
            user=user,
            reaction=reaction,
            item={"type": "message", "channel": channel, "ts": ts},
        )

    # --- interactivity ------------------------------------------------------------------------
    def action(
        self,
        action_id: str,
        value: str,
        *,
        user: str = "U0ASKER",
        channel: str = "D0ASKER",
        message_ts: str = "1700000000.000001",
        thread_ts: str | None = None,
    ) -> Response:
        body = payload("block_actions")
        body["user"]["id"] = user
        body["channel"]["id"] = channel
        body["container"].update(channel_id=channel, message_ts=message_ts)
        body["message"]["ts"] = message_ts
        if thread_ts:
            body["message"]["thread_ts"] = thread_ts
        body["actions"][0].update(action_id=action_id, value=value)
        body["trigger_id"] = f"trigger-{next(_ids)}"
        return self.post_form({"payload": json.dumps(body)})

    def click(self, button: dict[str, Any], **kw: Any) -> Response:
        """Click a button element taken from a recorded chat.postMessage."""
        return self.action(button["action_id"], button["value"], **kw)

    def submit_question(
        self,
        text: str,
        *,
        user: str = "U0ASKER",
        private: bool = False,
        urgency: str = "normal",
        metadata: str = "{}",
        view_id: str | None = None,
    ) -> Response:
        body = payload("view_submission")
        body["user"]["id"] = user
        body["view"]["id"] = view_id or f"V{next(_ids):010d}"  # Slack: one id per modal
        body["trigger_id"] = f"trigger-{next(_ids)}"
        values = body["view"]["state"]["values"]
        values["question"]["text"]["value"] = text
        if private:
            values["private"]["private"]["selected_options"] = [
                {
                    "text": {"type": "plain_text", "text": "Ma question est privée"},
                    "value": "private",
                }
            ]
        values["urgency"]["urgency"]["selected_option"]["value"] = urgency
        body["view"]["private_metadata"] = metadata
        return self.post_form({"payload": json.dumps(body)})

    def submit_reply(
        self, ticket_id: int, text: str, *, user: str = "U0LEAD", view_id: str | None = None
    ) -> Response:
        """The lead's reply form; the same `view_id` again is the same submission sent again."""
        body = payload("view_submission")
        body["user"]["id"] = user
        body["view"]["id"] = view_id or f"V{next(_ids):010d}"
        body["trigger_id"] = f"trigger-{next(_ids)}"
        body["view"].update(
            callback_id="lead_reply_form", private_metadata=json.dumps({"tk": ticket_id})
        )
        body["view"]["state"]["values"] = {
            "reply": {"text": {"type": "plain_text_input", "value": text}}
        }
        return self.post_form({"payload": json.dumps(body)})

    def command(
        self, text: str = "", *, user: str = "U0ASKER", channel: str = "C0GENERAL"
    ) -> Response:
        fields = payload("slash_command")
        fields.update(
            text=text, user_id=user, channel_id=channel, trigger_id=f"trigger-{next(_ids)}"
        )
        return self.post_form({k: str(v) for k, v in fields.items()})


def buttons(call: Any) -> dict[str, dict[str, Any]]:
    """action_id -> button element of a recorded message (blocks may arrive as JSON text)."""
    raw = call.params.get("blocks") or []
    blocks = json.loads(raw) if isinstance(raw, str) else raw
    found: dict[str, dict[str, Any]] = {}
    for block in blocks:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("type") == "button":
                found[element["action_id"]] = element
    return found
