"""A loopback stand-in for the Slack Web API, over real HTTP.

`FakeSlack` runs a ThreadingHTTPServer on 127.0.0.1:0 and answers `POST|GET /api/<method>` with
`ok: true` JSON shaped like Slack's. Every call is RECORDED (method, parsed params, headers) so
tests can assert per method (`calls("chat.postMessage")`) or scan everything that was sent
(`all_texts()`). Faults: `fail_next(method, status=429, retry_after=1)` makes the next call of a
method answer an HTTP error once; `fail_for(seconds, status, methods)` answers every call with
that error for a while (a 429 storm, a Slack outage); `stall_next(method, seconds, done=True)`
holds the answer longer than the client waits (a timeout), after (`done=True`) or before doing
the call. Posted messages are kept per channel, with their metadata, for conversations.history
and conversations.replies.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

BOT_USER = "UBOT"
BOT_ID = "BBOT"
TEAM = "T0SUPPORT"


def dm_of(user: str) -> str:
    """The DM channel id the fake gives for a user: U0ASKER -> D0ASKER."""
    return "D" + user[1:]


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    response: dict[str, Any] = field(default_factory=dict)  # what the fake answered
    at: float = field(default_factory=time.monotonic)  # when it arrived

    def texts(self) -> list[str]:
        """Every string in the params, however deep (blocks, views, attachments)."""
        found: list[str] = []

        def walk(value: Any) -> None:
            if isinstance(value, str):
                found.append(value)
                if value[:1] in "[{":
                    with contextlib.suppress(ValueError):
                        walk(json.loads(value))
            elif isinstance(value, dict):
                for item in value.values():
                    walk(item)
            elif isinstance(value, list | tuple):
                for item in value:
                    walk(item)

        walk(self.params)
        return found

    def blob(self) -> str:
        return "\n".join(self.texts())


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._lock = threading.Lock()
        self._failures: dict[str, list[tuple[int, int]]] = {}
        self._overrides: dict[str, dict[str, Any]] = {}
        self._storm: tuple[float, int, frozenset[str] | None] | None = None
        self._stalls: dict[str, list[tuple[float, bool]]] = {}
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self._ts = itertools.count(1)
        self.cpu_seconds = 0.0  # CPU time spent answering (the load test's accounting)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self._thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    # -- lifecycle -------------------------------------------------------------------------
    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/"

    def start(self) -> FakeSlack:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # -- test controls ---------------------------------------------------------------------
    def fail_next(self, method: str, status: int = 429, retry_after: int = 1) -> None:
        with self._lock:
            self._failures.setdefault(method, []).append((status, retry_after))

    def fail_for(self, seconds: float, status: int = 429, methods: set[str] | None = None) -> None:
        """Every call (of `methods`, default all but auth.test) fails with `status` for a while."""
        with self._lock:
            chosen = frozenset(methods) if methods else None
            self._storm = (time.monotonic() + seconds, status, chosen)

    def stall_next(self, method: str, seconds: float, *, done: bool = True) -> None:
        """The next `method` call answers only after `seconds`; `done`: it took effect."""
        with self._lock:
            self._stalls.setdefault(method, []).append((seconds, done))

    def _fault(self, method: str) -> tuple[int, int] | None:
        queue = self._failures.get(method) or []
        if queue:
            return queue.pop(0)
        if self._storm is not None:
            until, status, methods = self._storm
            chosen = methods is None or method in methods
            if time.monotonic() < until and method != "auth.test" and chosen:
                return status, 1
        return None

    def respond(self, method: str, **payload: Any) -> None:
        """Answer `method` with `payload` (merged over the default answer) from now on."""
        self._overrides[method] = payload

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()

    def of(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def last(self, method: str) -> Call:
        found = self.of(method)
        assert found, f"no call to {method}; calls: {[c.method for c in self.calls]}"
        return found[-1]

    def delivered_to(self, channel: str) -> list[Call]:
        """The posts that took effect (not those answered with an error)."""
        return [c for c in self.posts_to(channel) if c.response.get("ok")]

    def posts_to(self, channel: str) -> list[Call]:
        return [c for c in self.of("chat.postMessage") if c.params.get("channel") == channel]

    def all_calls(self) -> Iterator[Call]:
        with self._lock:
            yield from list(self.calls)

    # -- answers ---------------------------------------------------------------------------
    def _next_ts(self) -> str:
        return f"1700000000.{next(self._ts):06d}"

    def answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        channel = str(params.get("channel") or "")
        if channel.startswith(("U", "W")):  # posting to a user id lands in the DM
            channel = dm_of(channel)
        answers: dict[str, Callable[[], dict[str, Any]]] = {  # built for the method asked only
            "auth.test": lambda: {
                "url": "https://sg-support.slack.com/",
                "team": "SG",
                "user": "bot",
                "team_id": TEAM,
                "user_id": BOT_USER,
                "bot_id": BOT_ID,
            },
            "chat.postMessage": lambda: {
                "channel": channel,
                "ts": self._next_ts(),
                "message": {"text": params.get("text", ""), "user": BOT_USER, "bot_id": BOT_ID},
            },
            "chat.postEphemeral": lambda: {"message_ts": self._next_ts()},
            "chat.update": lambda: {
                "channel": channel,
                "ts": params.get("ts"),
                "text": params.get("text"),
            },
            "chat.getPermalink": lambda: {
                "channel": channel,
                "permalink": "https://sg-support.slack.com/archives/"
                f"{channel}/p{str(params.get('message_ts', '')).replace('.', '')}",
            },
            "conversations.open": lambda: {
                "channel": {"id": dm_of(str(params.get("users", "")).split(",")[0])}
            },
            "conversations.info": lambda: {
                "channel": {
                    "id": channel,
                    "is_private": channel.startswith("G"),
                    "is_im": channel.startswith("D"),
                    "is_channel": channel.startswith("C"),
                }
            },
            "views.open": lambda: {"view": {"id": "V" + self._next_ts().replace(".", "")}},
            "views.update": lambda: {"view": {"id": params.get("view_id", "V1")}},
            "views.publish": lambda: {"view": {"id": "VHOME"}},
            "users.info": lambda: {
                "user": {
                    "id": params.get("user"),
                    "name": "membre",
                    "real_name": "Membre SG",
                    "tz": "Europe/Paris",
                    "profile": {"display_name": "Membre"},
                }
            },
        }
        if method in ("conversations.history", "conversations.replies"):
            return {"ok": True, "messages": self._history(params), "has_more": False}
        made = answers.get(method)
        body = {"ok": True, **(made() if made else {})}
        body.update(self._overrides.get(method, {}))
        if method == "chat.postMessage" and body.get("ok"):
            meta = params.get("metadata")
            if isinstance(meta, str):
                with contextlib.suppress(ValueError):
                    meta = json.loads(meta)
            kept = {"ts": body["ts"], "text": params.get("text"), "metadata": meta}
            kept["thread_ts"] = params.get("thread_ts") or body["ts"]
            with self._lock:
                self.messages.setdefault(channel, []).append(kept)
        return body

    def _history(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        with self._lock:
            found = list(self.messages.get(str(params.get("channel") or ""), []))
        if params.get("ts"):  # conversations.replies: the thread
            found = [m for m in found if m["thread_ts"] == params["ts"]]
        return list(reversed(found))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as slack.com
            disable_nagle_algorithm = True  # headers and body leave at once, no 40 ms stall

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                pass

            def handle_one_request(self) -> None:
                began = time.thread_time()  # CPU only: waiting for the next request is not
                try:
                    super().handle_one_request()
                finally:
                    used = time.thread_time() - began
                    with fake._lock:
                        fake.cpu_seconds += used

            def _serve(self) -> None:
                url = urlsplit(self.path)
                method = url.path.removeprefix("/api/")
                params: dict[str, Any] = dict(parse_qsl(url.query, keep_blank_values=True))
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                ctype = self.headers.get("Content-Type", "")
                if raw and "json" in ctype:
                    params.update(json.loads(raw))
                elif raw:
                    params.update(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
                call = Call(method, params, {k.lower(): v for k, v in self.headers.items()})
                with fake._lock:
                    fake.calls.append(call)
                    failure = fake._fault(method)
                    stalls = fake._stalls.get(method) or []
                    stall = stalls.pop(0) if stalls and not failure else None
                if stall is not None:
                    seconds, done = stall
                    if done:  # it happened; only the answer is late
                        call.response = fake.answer(method, params)
                    time.sleep(seconds)
                    if not done:
                        call.response = {"ok": False, "error": "not_done"}
                    with contextlib.suppress(OSError):
                        self.send_response(504)
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                    return
                if failure:
                    status, retry_after = failure
                    self.send_response(status)
                    self.send_header("Retry-After", str(retry_after))
                    error = "ratelimited" if status == 429 else "internal_error"
                    data = json.dumps({"ok": False, "error": error}).encode()
                else:
                    status = 200
                    self.send_response(200)
                    call.response = fake.answer(method, params)
                    data = json.dumps(call.response).encode()
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = _serve
            do_POST = _serve

        return Handler
