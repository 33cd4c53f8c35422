"""Running the Slack bot: Socket Mode (`run_socket`) or HTTP (`serve_http`).

Both open the database (Alembic migrations at start), load the knowledge, build the desk and the
Bolt app, and start the SLA scheduler (escalation sweep + spool replay + posting the cards of
tickets created while the database was down) with the SlackNotifier. If the database is down at
start the bot still runs: answers come from the knowledge and writes go to the spool.

    python -m bot run                 # Socket Mode: SLACK_BOT_TOKEN + SLACK_APP_TOKEN
    python -m bot serve --port 3000   # HTTP: SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET,
                                      # Request URL https://YOUR-HOST/slack/events
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable

from apscheduler.schedulers.background import BackgroundScheduler
from slack_bolt import App

from bot.config import Settings
from bot.core.digest import add_digest_job, send_weekly_digest
from bot.messages import set_language, t
from bot.slack.app import build_app, make_client
from bot.slack.notifier import SlackNotifier
from bot.slack.server import make_server
from bot.slack.support import Support
from bot.wiring import Core, build_core, db_ping, start_jobs

log = logging.getLogger(__name__)
__all__ = ["db_ping", "make_server", "run_socket", "serve_http"]


def _start(settings: Settings) -> tuple[App, Core, BackgroundScheduler]:
    """(app, core, scheduler): the core from the composition root, the Slack flows on it."""
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    set_language(settings.language)
    for name in ("community_channel", "support_lead", "escalation_to"):
        if not getattr(settings, name):
            log.warning(t("slack.run.unset", name=name.upper()))
    core = build_core(settings)
    app = build_app(settings, core.desk)
    support = Support(settings, core.desk, app.client)
    tickets, learning = support.tickets, support.learning

    def announce_pending() -> int:  # tickets, then FAQ drafts and phrasings (each claimed once)
        return tickets.announce_pending() + learning.announce_pending()

    scheduler = start_jobs(core, SlackNotifier(settings, app.client), announce_pending)
    add_digest_job(scheduler, settings, lambda: send_weekly_digest(core.desk, learning.send_digest))
    return app, core, scheduler


def _start_or_explain(settings: Settings) -> tuple[App, Core, BackgroundScheduler] | None:
    """`_start`, or None after a clear French error when Slack refuses or cannot be reached."""
    from slack_bolt.error import BoltError
    from slack_sdk.errors import SlackApiError

    try:
        make_client(settings).auth_test()  # a bad token or no network, said before anything runs
        return _start(settings)
    except SlackApiError as exc:
        log.error(t("slack.run.refused", error=exc.response.get("error", "?")))
    except (BoltError, OSError) as exc:  # URLError is an OSError: no network, bad SLACK_API_URL
        log.error(t("slack.run.unreachable", url=settings.slack_api_url, error=exc))
    return None


def _prepare(settings: Settings, *required: str) -> tuple[App, Core, BackgroundScheduler] | int:
    """The started app, or the exit code: 2 when a required setting is missing, 1 when Slack
    refuses or cannot be reached."""
    missing = [name.upper() for name in required if not getattr(settings, name)]
    if missing:
        log.error(t("slack.run.missing", names=", ".join(missing)))
        return 2
    started = _start_or_explain(settings)
    return 1 if started is None else started


def _on_signals(stop: Callable[[], None]) -> None:
    if threading.current_thread() is not threading.main_thread():
        return
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop())


def run_socket(settings: Settings) -> int:
    """Socket Mode (no public URL needed). Blocks until SIGINT/SIGTERM; returns the exit code."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    started = _prepare(settings, "slack_bot_token", "slack_app_token")
    if isinstance(started, int):
        return started
    app, core, scheduler = started
    handler = SocketModeHandler(app, settings.slack_app_token)
    stopped = threading.Event()
    _on_signals(stopped.set)
    try:
        handler.connect()
        log.info(t("slack.run.socket"))
        stopped.wait()
    finally:
        handler.close()
        scheduler.shutdown(wait=False)
        core.close()
    return 0


def serve_http(settings: Settings, port: int, host: str = "0.0.0.0") -> int:
    """HTTP mode: POST /slack/events, GET /healthz. Blocks until SIGINT/SIGTERM."""
    started = _prepare(settings, "slack_bot_token", "slack_signing_secret")
    if isinstance(started, int):
        return started
    app, core, scheduler = started
    server = make_server(app, host, port, health=core.ping)
    _on_signals(lambda: threading.Thread(target=server.shutdown, daemon=True).start())
    log.info(t("slack.run.http", host=host, port=server.server_port))
    try:
        server.serve_forever()
    finally:
        server.server_close()
        scheduler.shutdown(wait=False)
        core.close()
    return 0
