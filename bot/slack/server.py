"""HTTP mode: a small threaded WSGI server in front of the Bolt app.

- `POST /slack/events`: events, interactivity and slash commands (Bolt verifies the signature:
  401 when it is wrong or too old). Bodies over `max_body` -> 413, a body that is not UTF-8 or
  not parseable JSON / form -> 400: junk never reaches a listener and never gives a 5xx.
- `GET /healthz`: 200 "ok" when `health()` is true (a database ping), else 503.
- anything else: 404 (405 for a wrong method on a known path).

`SlackWsgi` is a plain WSGI callable, so any WSGI server (gunicorn, waitress) can run it too;
`make_server()` gives the stdlib one (`wsgiref` + ThreadingMixIn: one thread per request, with a
socket timeout so a slow client cannot hold a thread forever).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer
from wsgiref.simple_server import make_server as _wsgiref_server

from slack_bolt import App, BoltRequest, BoltResponse

from bot.messages import t
from bot.slack import ids

log = logging.getLogger(__name__)
MAX_BODY = 1024 * 1024  # Slack's own payloads stay far below this
READ_TIMEOUT = 30.0
TEXT = "text/plain; charset=utf-8"


class SlackWsgi:
    def __init__(
        self, app: App, *, health: Callable[[], bool] | None = None, max_body: int = MAX_BODY
    ) -> None:
        self.app = app
        self.health = health or (lambda: True)
        self.max_body = max_body

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        status, headers, body = self.handle(environ)
        data = body.encode("utf-8")
        start_response(status, [*headers, ("Content-Length", str(len(data)))])
        return [data]

    def handle(self, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], str]:
        path = environ.get("PATH_INFO", "")
        method = environ.get("REQUEST_METHOD", "GET")
        if path == ids.HEALTH_PATH:
            if method not in {"GET", "HEAD"}:
                return _plain("405 Method Not Allowed", "")
            try:
                healthy = bool(self.health())
            except Exception:  # noqa: BLE001 - a failing ping is an unhealthy service
                log.exception("health check failed")
                healthy = False
            if healthy:
                return _plain("200 OK", t("slack.ok"))
            return _plain("503 Service Unavailable", t("slack.unavailable"))
        if path != ids.EVENTS_PATH:
            return _plain("404 Not Found", "")
        if method != "POST":
            return _plain("405 Method Not Allowed", "")
        return self.dispatch(environ)

    def dispatch(self, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], str]:
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
            body = raw.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return _plain("400 Bad Request", t("slack.invalid_request"))
        headers = _headers(environ)
        try:
            request = BoltRequest(body=body, query=environ.get("QUERY_STRING", ""), headers=headers)
        except (ValueError, TypeError, AttributeError):  # malformed JSON / payload
            return _plain("400 Bad Request", t("slack.invalid_request"))
        if not isinstance(request.body, dict):
            return _plain("400 Bad Request", t("slack.invalid_request"))
        try:
            response: BoltResponse = self.app.dispatch(request)
        except Exception:  # noqa: BLE001 - Bolt normally catches; never leak a traceback
            log.exception("dispatch failed")
            return _plain("400 Bad Request", t("slack.invalid_request"))
        out = [(k, v) for k, values in response.headers.items() for v in values]
        out = [(k, v) for k, v in out if k.lower() != "content-length"]
        return _status(response.status), out, response.body or ""


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


def _plain(status: str, body: str) -> tuple[str, list[tuple[str, str]], str]:
    return status, [("Content-Type", TEXT)], body


def _status(code: int) -> str:
    from http import HTTPStatus

    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return f"{code} Status"


def _headers(environ: dict[str, Any]) -> dict[str, str | Sequence[str]]:
    headers: dict[str, str | Sequence[str]] = {}
    for key, value in environ.items():
        if key in {"CONTENT_LENGTH", "CONTENT_TYPE"}:
            headers[key.lower().replace("_", "-")] = value
        elif key.startswith("HTTP_"):
            headers[key[5:].lower().replace("_", "-")] = value
    return headers


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64


class QuietHandler(WSGIRequestHandler):
    timeout = READ_TIMEOUT

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.debug("%s %s", self.address_string(), format % args)


def make_server(
    app: App,
    host: str,
    port: int,
    *,
    health: Callable[[], bool] | None = None,
    max_body: int = MAX_BODY,
) -> ThreadingWSGIServer:
    """A threaded WSGI server for `app` (port 0: any free port, see `server.server_port`)."""
    wsgi = SlackWsgi(app, health=health, max_body=max_body)
    server = _wsgiref_server(
        host, port, wsgi, server_class=ThreadingWSGIServer, handler_class=QuietHandler
    )
    return server
