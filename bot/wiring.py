"""The one place that builds the bot: database engine and schema, knowledge, desk, the chosen
chat's flows and the scheduled jobs. `runner` (Slack), `console.run_chat` and `cli report` use it.

    core = build_core(settings)                 # engine, schema (migrated if reachable), desk
    flows = SupportFlows(settings, core.desk, transport, renderer)
    core.desk.on_replayed = flows.questions.replayed
    scheduler = start_jobs(core, ChatNotifier(settings, transport, renderer), flows)
    ...
    scheduler.shutdown(wait=False); core.close()

If the database is down at start the bot still runs: answers come from the knowledge, writes
go to the spool, and the scheduler retries the migrations before replaying the spool.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.core import Desk
from bot.db.engine import Schema, make_engine, migrate, session_factory
from bot.knowledge.registry import Knowledge
from bot.sla.escalation import Notifier
from bot.sla.scheduler import start_scheduler

log = logging.getLogger(__name__)


@dataclass
class Core:
    settings: Settings
    engine: Engine
    schema: Schema
    sessions: sessionmaker[Session]
    knowledge: Knowledge
    desk: Desk

    def ping(self) -> bool:
        """The health check: True when the database answers (raises otherwise)."""
        return db_ping(self.desk.sessions)()

    def close(self) -> None:
        self.engine.dispose()


def open_engine(url: str) -> Engine:
    """An engine for `url`; an unusable SQLite folder still gives one (every use then fails as
    a database that is down, and what users send goes to the spool)."""
    try:
        return make_engine(url)
    except OSError as exc:
        log.warning("database folder unusable, messages go to the spool: %s", exc)
        return create_engine(url)


def open_store(settings: Settings) -> tuple[Engine, Schema, sessionmaker[Session]]:
    """Engine, schema (migrated now if the database answers, otherwise later) and sessions."""
    engine = open_engine(settings.database_url)
    schema = Schema(engine)
    if not schema.ensure():
        log.error("database unavailable at start: running on the spool until it is back")
    return engine, schema, session_factory(engine)


@contextmanager
def reading_store(settings: Settings) -> Iterator[sessionmaker[Session]]:
    """Sessions for a one-off reader (`report`): migrated now, errors raised as they are."""
    engine = open_engine(settings.database_url)
    try:
        migrate(engine)
        yield session_factory(engine)
    finally:
        engine.dispose()


def build_core(settings: Settings, *, knowledge: Knowledge | None = None) -> Core:
    engine, schema, sessions = open_store(settings)
    if knowledge is None:
        knowledge = Knowledge.from_settings(settings)
    desk = Desk(sessions, knowledge, settings)
    return Core(settings, engine, schema, sessions, knowledge, desk)


def db_ping(sessions: sessionmaker[Session]) -> Callable[[], bool]:
    def ping() -> bool:
        with sessions() as session:
            session.execute(text("SELECT 1"))
        return True

    return ping


def jobs(core: Core, announce_pending: Callable[[], int]) -> list[Callable[[], object]]:
    """Run on every scheduler tick, in this order. The schema first: replaying the spool into a
    database that has no tables yet would set its entries aside as rejected."""
    return [
        core.schema.ensure,
        lambda: core.schema.ready and core.desk.replay_spool(),
        lambda: core.schema.ready and announce_pending(),
    ]


def start_jobs(
    core: Core, notifier: Notifier, announce_pending: Callable[[], int]
) -> BackgroundScheduler:
    """The SLA sweep and the jobs above, every ESCALATION_CHECK_SECONDS (and once now)."""
    return start_scheduler(
        core.sessions, core.settings, notifier, extra_jobs=jobs(core, announce_pending)
    )
