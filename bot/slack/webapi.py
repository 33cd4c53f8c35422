"""A small Slack Web API client with keep-alive: one persistent HTTP(S) connection per thread.

`WebApi(base_url, token, timeout).call(method, params)` POSTs the params as JSON for the write
methods that accept it (`JSON_METHODS`), form-encoded otherwise (lists and dicts as JSON, as
Slack expects) and returns an `ApiReply` (HTTP status, Retry-After, JSON body);
network errors and timeouts raise `OSError` (TimeoutError is one). It never retries: the outbox
decides (bot/slack/outbox.py). A connection that failed is dropped and reopened on the next call.
"""

from __future__ import annotations

import http.client
import json
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit


@dataclass(frozen=True)
class ApiReply:
    status: int
    body: dict[str, Any]
    retry_after: float | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200 and bool(self.body.get("ok"))


# the write methods the bot calls, sent as JSON (Slack accepts a JSON body, with the token in
# the Authorization header, for these): blocks and views are JSON already, and form-encoding them
# again (percent-escaping every character) cost more CPU than anything else in the call
JSON_METHODS = frozenset(
    {
        "chat.postMessage",
        "chat.postEphemeral",
        "chat.update",
        "views.open",
        "views.update",
        "views.publish",
        "views.push",
    }
)
JSON_TYPE = "application/json; charset=utf-8"
FORM_TYPE = "application/x-www-form-urlencoded; charset=utf-8"


def encode_json(params: dict[str, Any]) -> bytes:
    return json.dumps({k: v for k, v in params.items() if v is not None}).encode("utf-8")


def encode(params: dict[str, Any]) -> bytes:
    fields: dict[str, str] = {}
    for key, value in params.items():
        if value is None:
            continue
        if isinstance(value, dict | list | tuple):
            fields[key] = json.dumps(value, ensure_ascii=False)
        elif isinstance(value, bool):
            fields[key] = "true" if value else "false"
        else:
            fields[key] = str(value)
    return urlencode(fields).encode("utf-8")


class WebApi:
    def __init__(self, base_url: str, token: str | None, timeout: float = 10.0) -> None:
        parts = urlsplit(base_url)
        self.https = parts.scheme == "https"
        self.host = parts.hostname or "slack.com"
        self.port = parts.port
        self.prefix = parts.path.rstrip("/") + "/"
        self.token = token or ""
        self.timeout = timeout
        self._local = threading.local()

    def _connection(self) -> http.client.HTTPConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            cls = http.client.HTTPSConnection if self.https else http.client.HTTPConnection
            conn = cls(self.host, self.port, timeout=self.timeout)
            self._local.conn = conn
        return conn

    def _drop(self) -> None:
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            conn.close()

    def call(self, method: str, params: dict[str, Any]) -> ApiReply:
        as_json = method in JSON_METHODS
        body = encode_json(params) if as_json else encode(params)
        headers = {
            "Content-Type": JSON_TYPE if as_json else FORM_TYPE,
            "Authorization": f"Bearer {self.token}",
        }
        for attempt in (1, 2):  # a kept-alive connection the server closed: reopen once
            reused = getattr(self._local, "conn", None) is not None
            conn = self._connection()
            try:
                conn.request("POST", self.prefix + method, body=body, headers=headers)
                answer = conn.getresponse()
                data = answer.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self._drop()
                if attempt == 2 or not reused:  # a fresh connection: the call may have landed
                    raise OSError(f"{method}: connection lost") from None
                continue
            except (OSError, http.client.HTTPException) as exc:
                self._drop()
                raise OSError(f"{method}: {exc!r}") from exc
            if answer.getheader("Connection", "").lower() == "close":
                self._drop()
            return ApiReply(answer.status, _json(data), _retry_after(answer))
        raise OSError(f"{method}: connection lost")  # pragma: no cover - loop always returns


def _json(data: bytes) -> dict[str, Any]:
    try:
        parsed = json.loads(data or b"{}")
    except ValueError:
        return {"ok": False, "error": "invalid_json"}
    return parsed if isinstance(parsed, dict) else {"ok": False, "error": "invalid_json"}


def _retry_after(answer: http.client.HTTPResponse) -> float | None:
    raw = answer.getheader("Retry-After")
    try:
        return max(0.0, float(raw)) if raw else None
    except ValueError:
        return None
