"""HTTP mode: a WSGI app in front of the intake, and the stdlib server the tests use.

- `POST /slack/events`: events, interactivity and slash commands. The signature is checked on
  the raw body before anything is parsed (401 when it is missing, wrong, too old, or its
  timestamp is not a number); bodies over `max_body` -> 413; junk -> 400. Then the intake
  records the request (or spools it) and answers: the ack never waits on the database beyond
  its short deadline, nor on Slack. Never a 5xx.
- `GET /healthz`: 200 with the backlog (inbox items not handled yet, outbox calls not sent,
  spooled items) as JSON, answered within `HEALTH_DEADLINE`; 503 when the database does not
  answer in time.
- anything else: 404 (405 for a wrong method on a known path).

`SlackWsgi` is a plain WSGI callable: gunicorn runs it in production (`python -m bot serve`),
`make_server()` gives the stdlib one for tests (`wsgiref` + ThreadingMixIn).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer
from wsgiref.simple_server import make_server as _wsgiref_server

from bot.messages import t
from bot.slack import door, ids
from bot.slack.intake import Ack, Intake

log = logging.getLogger(__name__)
MAX_BODY = 1024 * 1024  # Slack's own payloads stay far below this
READ_TIMEOUT = 30.0
HEALTH_DEADLINE = 0.8
TEXT = "text/plain; charset=utf-8"
JSON = "application/json; charset=utf-8"
Answer = tuple[str, list[tuple[str, str]], str]


class Probe:
    """Runs the health check in its own thread, at most one at a time, and waits `deadline`
    seconds for it: a database that hangs gives a 503 in time, not a hung /healthz."""

    def __init__(self, check: Callable[[], dict[str, Any]], deadline: float) -> None:
        self.check = check
        self.deadline = deadline
        self._lock = threading.Lock()
        self._running: threading.Thread | None = None

    def __call__(self) -> dict[str, Any] | None:
        result: list[dict[str, Any]] = []

        def run() -> None:
            try:
                result.append(dict(self.check()))
            except Exception as exc:  # noqa: BLE001 - a failing check is an unhealthy service
                log.warning("health check failed: %s", type(exc).__name__)

        with self._lock:
            if self._running is not None and self._running.is_alive():
                return None  # the previous check still hangs
            thread = threading.Thread(target=run, name="healthz", daemon=True)
            self._running = thread
            thread.start()
        thread.join(self.deadline)
        return result[0] if result else None


class SlackWsgi:
    def __init__(
        self,
        intake: Intake,
        secret: str,
        *,
        health: Callable[[], dict[str, Any]] | None = None,
        max_body: int = MAX_BODY,
    ) -> None:
        self.intake = intake
        self.secret = secret
        self.probe = Probe(health or (lambda: {}), HEALTH_DEADLINE)
        self.max_body = max_body

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        try:
            status, headers, body = self.handle(environ)
        except Exception:  # noqa: BLE001 - never a 5xx, never a traceback to the client
            log.exception("request failed")
            status, headers, body = _plain("400 Bad Request", t("slack.invalid_request"))
        data = body.encode("utf-8")
        start_response(status, [*headers, ("Content-Length", str(len(data)))])
        return [data]

    def handle(self, environ: dict[str, Any]) -> Answer:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == ids.HEALTH_PATH:
            if method not in {"GET", "HEAD"}:
                return _plain("405 Method Not Allowed", "")
            return self.health()
        if path != ids.EVENTS_PATH:
            return _plain("404 Not Found", "")
        if method != "POST":
            return _plain("405 Method Not Allowed", "")
        return self.dispatch(environ)

    def health(self) -> Answer:
        report = self.probe()
        if report is None:
            body = {"status": t("slack.unavailable")}
            return "503 Service Unavailable", [("Content-Type", JSON)], json.dumps(body)
        body = {"status": t("slack.ok"), **report}
        return "200 OK", [("Content-Type", JSON)], json.dumps(body)

    def dispatch(self, environ: dict[str, Any]) -> Answer:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _plain("400 Bad Request", t("slack.invalid_request"))
        if length < 0:
            return _plain("400 Bad Request", t("slack.invalid_request"))
        if length > self.max_body:
            _drain(environ, length, limit=4 * self.max_body)
            return _plain("413 Payload Too Large", t("slack.too_large"))
        try:
            raw = environ["wsgi.input"].read(length) if length else b""
        except OSError:
            return _plain("400 Bad Request", t("slack.invalid_request"))
        headers = _headers(environ)
        if not door.verify(raw, headers, self.secret, time.time()):
            return _plain("401 Unauthorized", t("slack.invalid_signature"))
        payload = door.parse(raw, headers.get("content-type", ""))
        if payload is None:
            return _plain("400 Bad Request", t("slack.invalid_request"))
        if payload.get("type") == "ssl_check":
            return _plain("200 OK", "")
        return _answer(self.intake.receive(payload, raw))


def _answer(ack: Ack) -> Answer:
    if ack.body is None:
        return _status(ack.status), [("Content-Type", TEXT)], ""
    return _status(ack.status), [("Content-Type", JSON)], json.dumps(ack.body, ensure_ascii=False)


def _drain(environ: dict[str, Any], length: int, limit: int) -> None:
    """Read and drop an oversized body (bounded) so the client can read our 413."""
    if length > limit:
        return
    stream = environ["wsgi.input"]
    while length > 0:
        chunk = stream.read(min(length, 65536))
        if not chunk:
            return
        length -= len(chunk)


def _plain(status: str, body: str) -> Answer:
    return status, [("Content-Type", TEXT)], body


def _status(code: int) -> str:
    from http import HTTPStatus

    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return f"{code} Status"


def _headers(environ: dict[str, Any]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for key, value in environ.items():
        if key in {"CONTENT_LENGTH", "CONTENT_TYPE"}:
            headers[key.lower().replace("_", "-")] = value
        elif key.startswith("HTTP_"):
            headers[key[5:].lower().replace("_", "-")] = value
    return headers


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024


class QuietHandler(WSGIRequestHandler):
    timeout = READ_TIMEOUT
    disable_nagle_algorithm = True  # headers and body leave at once (no delayed-ACK stall)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.debug("%s %s", self.address_string(), format % args)


def make_server(wsgi: SlackWsgi, host: str, port: int) -> ThreadingWSGIServer:
    """A threaded stdlib server for `wsgi` (port 0: any free port, see `server.server_port`)."""
    server = _wsgiref_server(
        host, port, wsgi, server_class=ThreadingWSGIServer, handler_class=QuietHandler
    )
    return server
