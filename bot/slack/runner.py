"""Running the Slack bot: Socket Mode (`run_socket`) or HTTP (`serve_http`).

Both check the settings and the bot token (auth.test) first, with a clear French message and
exit code when something is missing (2) or Slack refuses / cannot be reached (1); then start the
runtime (bot/slack/runtime.py: database with migrations, desk, Bolt app, inbox and outbox
workers, SLA scheduler). If the database is down at start the bot still runs: requests are
spooled and handled once it is back.

    python -m bot run                               # Socket Mode: SLACK_BOT_TOKEN + SLACK_APP_TOKEN
    python -m bot serve --port 3000 [--workers K]   # HTTP under gunicorn, K processes
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable

from bot.config import Settings
from bot.messages import set_language, t
from bot.slack.app import make_client
from bot.slack.runtime import Runtime, start_runtime
from bot.slack.server import make_server

log = logging.getLogger(__name__)
__all__ = ["run_socket", "serve_http"]


def _logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    set_language(settings.language)


def check(settings: Settings, *required: str) -> int:
    """0 when the settings are there and Slack accepts the bot token; else the exit code
    (2: a required setting is missing, 1: Slack refuses or cannot be reached), said in French."""
    from slack_bolt.error import BoltError
    from slack_sdk.errors import SlackApiError

    missing = [name.upper() for name in required if not getattr(settings, name)]
    if missing:
        log.error(t("slack.run.missing", names=", ".join(missing)))
        return 2
    for name in ("community_channel", "support_lead", "escalation_to"):
        if not getattr(settings, name):
            log.warning(t("slack.run.unset", name=name.upper()))
    try:
        make_client(settings).auth_test()  # a bad token or no network, said before anything runs
    except SlackApiError as exc:
        log.error(t("slack.run.refused", error=exc.response.get("error", "?")))
        return 1
    except (BoltError, OSError) as exc:  # URLError is an OSError: no network, bad SLACK_API_URL
        log.error(t("slack.run.unreachable", url=settings.slack_api_url, error=exc))
        return 1
    return 0


def _on_signals(stop: Callable[[], None]) -> None:
    if threading.current_thread() is not threading.main_thread():
        return
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop())


def run_socket(settings: Settings) -> int:
    """Socket Mode (no public URL needed). Blocks until SIGINT/SIGTERM; returns the exit code."""
    from bot.slack.socket import connect_socket

    _logging(settings)
    code = check(settings, "slack_bot_token", "slack_app_token")
    if code:
        return code
    runtime = start_runtime(settings)
    stopped = threading.Event()
    _on_signals(stopped.set)
    try:
        client = connect_socket(settings, runtime.intake)
        if client is None:
            return 1
        log.info(t("slack.run.socket"))
        stopped.wait()
        client.close()
        return 0
    finally:
        runtime.close()


def serve_http(settings: Settings, port: int, host: str = "0.0.0.0", workers: int = 0) -> int:
    """HTTP mode: POST /slack/events, GET /healthz. `workers` > 0: gunicorn with that many
    processes; 0: the stdlib threaded server in this process. Blocks until SIGINT/SIGTERM."""
    _logging(settings)
    code = check(settings, "slack_bot_token", "slack_signing_secret")
    if code:
        return code
    if workers > 0:
        from bot.slack.gunicorn_app import run_gunicorn

        return run_gunicorn(settings, host, port, workers)
    runtime: Runtime = start_runtime(settings)
    server = make_server(runtime.wsgi(), host, port)
    _on_signals(lambda: threading.Thread(target=server.shutdown, daemon=True).start())
    log.info(t("slack.run.http", host=host, port=server.server_port))
    try:
        server.serve_forever()
    finally:
        server.server_close()
        runtime.close()
    return 0
