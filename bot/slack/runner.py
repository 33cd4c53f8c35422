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
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.core import Desk
from bot.core.digest import add_digest_job, send_weekly_digest
from bot.db.engine import Schema, make_engine, session_factory
from bot.knowledge.registry import Knowledge
from bot.messages import set_language, t
from bot.slack.app import build_app, make_client
from bot.slack.notifier import SlackNotifier
from bot.slack.server import make_server
from bot.slack.support import Support

log = logging.getLogger(__name__)
__all__ = ["db_ping", "make_server", "run_socket", "serve_http"]


def open_sessions(settings: Settings) -> tuple[sessionmaker[Session], Schema]:
    """Sessions on DATABASE_URL, migrated now if the database answers, otherwise later (the
    scheduler retries `schema.ensure`); meanwhile what users send goes to the spool."""
    engine = make_engine(settings.database_url)
    schema = Schema(engine)
    if not schema.ensure():
        log.error("database unavailable at start: running on the spool until it is back")
    return session_factory(engine), schema


def db_ping(sessions: sessionmaker[Session]) -> Callable[[], bool]:
    def ping() -> bool:
        with sessions() as session:
            session.execute(text("SELECT 1"))
        return True

    return ping


def _start(settings: Settings) -> tuple[Any, sessionmaker[Session], Any]:
    """(app, sessions, scheduler)."""
    from bot.sla.scheduler import start_scheduler

    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    set_language(settings.language)
    for name in ("community_channel", "support_lead", "escalation_to"):
        if not getattr(settings, name):
            log.warning(t("slack.run.unset", name=name.upper()))
    sessions, schema = open_sessions(settings)
    desk = Desk(sessions, Knowledge.load(settings.knowledge_dir), settings)
    app = build_app(settings, desk)
    notifier = SlackNotifier(settings, app.client)
    support = Support(settings, desk, app.client)
    announcer, learning = support.tickets, support.learning
    # the schema first: replaying the spool into a database that has no tables yet would
    # set its entries aside as rejected
    jobs = [
        schema.ensure,
        lambda: schema.ready and desk.replay_spool(),
        lambda: schema.ready and announcer.announce_pending(),
        lambda: schema.ready and learning.announce_pending(),
    ]
    scheduler = start_scheduler(sessions, settings, notifier, extra_jobs=jobs)
    add_digest_job(scheduler, settings, lambda: send_weekly_digest(desk, learning.send_digest))
    return app, sessions, scheduler


def _start_or_explain(settings: Settings) -> tuple[Any, sessionmaker[Session], Any] | None:
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


def _prepare(settings: Settings, *required: str) -> tuple[Any, sessionmaker[Session], Any] | int:
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
    app, _, scheduler = started
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
    return 0


def serve_http(settings: Settings, port: int, host: str = "0.0.0.0") -> int:
    """HTTP mode: POST /slack/events, GET /healthz. Blocks until SIGINT/SIGTERM."""
    started = _prepare(settings, "slack_bot_token", "slack_signing_secret")
    if isinstance(started, int):
        return started
    app, sessions, scheduler = started
    server = make_server(app, host, port, health=db_ping(sessions))
    _on_signals(lambda: threading.Thread(target=server.shutdown, daemon=True).start())
    log.info(t("slack.run.http", host=host, port=server.server_port))
    try:
        server.serve_forever()
    finally:
        server.server_close()
        scheduler.shutdown(wait=False)
    return 0
