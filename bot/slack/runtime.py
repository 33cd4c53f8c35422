"""Everything one process of the Slack bot runs, assembled once (HTTP, Socket Mode, gunicorn
workers and the tests all start it the same way):

- two engines on DATABASE_URL: the workers' (statement timeout DB_STATEMENT_TIMEOUT_MS, a pool
  sized for the inbox workers) and the ack's (statement timeout INBOX_ACK_TIMEOUT_MS);
- the desk, the Bolt app, the Web API layer with its outbox;
- the inbox store, its workers and the intake; the SLA scheduler (escalation sweep, desk spool
  replay, cards of tickets not announced yet) unless `scheduler=False`.
`health()` is what /healthz shows: the backlog of the inbox, the outbox and the spool.
Under gunicorn (bot/slack/gunicorn_app.py) the web workers only ack (`handle=False`) and
separate handler processes run the inbox workers and the scheduler.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from slack_bolt import App
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.core import Desk, Spool
from bot.core.digest import add_digest_job, send_weekly_digest
from bot.core.inbox import InboxStore
from bot.core.inbox_workers import InboxWorkers
from bot.db.engine import Schema, Timeouts, make_engine, session_factory
from bot.knowledge.registry import Knowledge
from bot.sla.escalation import default_instance
from bot.slack.app import make_transport, wire
from bot.slack.intake import Intake
from bot.slack.notifier import SlackNotifier
from bot.slack.requests import form_errors
from bot.slack.server import SlackWsgi
from bot.wiring import Core, start_jobs

log = logging.getLogger(__name__)
FAST_THREADS = 4


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    ack_engine: Engine
    sessions: sessionmaker[Session]
    schema: Schema
    desk: Desk
    app: App
    store: InboxStore
    workers: InboxWorkers
    intake: Intake
    scheduler: Any = None

    def health(self) -> dict[str, Any]:
        """The backlog; raises when the database does not answer, or refused the last write."""
        if not self.store.writable:
            raise RuntimeError("the database refused the last write")
        with self.sessions() as session:
            session.execute(text("SELECT 1"))
        backlog = self.store.backlog()
        return {"inbox": backlog.inbox, "outbox": backlog.outbox, "spooled": backlog.spooled}

    def wsgi(self) -> SlackWsgi:
        return SlackWsgi(self.intake, self.settings.slack_signing_secret or "", health=self.health)

    def close(self) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
        self.workers.stop()
        self.intake.close()
        self.store.close()
        self.engine.dispose()
        self.ack_engine.dispose()


def engines(settings: Settings) -> tuple[Engine, Engine]:
    size = settings.inbox_workers + FAST_THREADS + 4
    work = Timeouts(
        connect_seconds=settings.db_connect_timeout,
        statement_ms=settings.db_statement_timeout_ms,
        pool_size=size,
    )
    ack = Timeouts(
        connect_seconds=settings.db_connect_timeout,
        statement_ms=settings.inbox_ack_timeout_ms,
        pool_wait_seconds=settings.inbox_ack_timeout_ms / 1000,
        pool_size=4,
    )
    # the ack's engine runs one INSERT per request: in autocommit (atomic all the same, and
    # committed when it returns), without the BEGIN and COMMIT round trips
    ack_engine = make_engine(settings.database_url, ack, autocommit=True)
    return make_engine(settings.database_url, work), ack_engine


# The inbox workers are CPU-bound (matching, SQL) while the acks mostly wait: a short GIL switch
# interval lets an ack thread in within a millisecond instead of five.
SWITCH_INTERVAL = 0.001


def start_runtime(
    settings: Settings,
    *,
    knowledge: Knowledge | None = None,
    scheduler: bool = True,
    wait: bool = False,
    poll: float = 1.0,
    idle_poll: float | None = None,
    instance: str | None = None,
    handle: bool = True,
    acks: bool = True,
) -> Runtime:
    """One process's runtime. `handle=False` (gunicorn's web workers): requests are recorded and
    acked here but handled by the handler processes, so that acks never share a GIL with the
    handling's CPU; `scheduler` and `handle` both True: a handler process (or everything in one
    process, the stdlib server). `acks=False`: this process receives no request (a handler
    process under gunicorn)."""
    if acks:  # a handler process (`acks=False`) has no ack to let in: the default interval
        sys.setswitchinterval(SWITCH_INTERVAL)
    engine, ack_engine = engines(settings)
    schema = Schema(engine)
    if not schema.ensure():
        log.error("database unavailable at start: requests are spooled until it is back")
    sessions = session_factory(engine)
    knowledge = knowledge or Knowledge.load(settings.knowledge_dir)
    desk = Desk(sessions, knowledge, settings)
    transport = make_transport(settings, sessions)
    app, support = wire(settings, desk, transport=transport)
    me = instance or default_instance()
    store = InboxStore(
        sessions,
        session_factory(ack_engine),
        Spool(settings.spool_dir, "inbox.jsonl"),
        instance=me,
        lease=timedelta(seconds=settings.inbox_lease_seconds),
        deadline=settings.inbox_ack_timeout_ms / 1000,
    )
    intake_ref: list[Intake] = []
    threads = settings.inbox_workers if handle else 0
    workers = InboxWorkers(
        store,
        lambda item: intake_ref[0].handle(item),
        threads=threads,
        poll=poll,
        idle_poll=idle_poll,
        capacity=8 * threads,
    )
    leads = support.chat.leads()

    def validate(payload: dict[str, Any]) -> dict[str, str] | None:
        intakes = desk.knowledge.intakes  # read at each form: the knowledge can be reloaded
        return form_errors(payload, leads, lead=settings.support_lead, intakes=intakes)

    intake = Intake(app, store, workers, validate, wait=wait, direct=support.direct_message)
    intake_ref.append(intake)
    workers.start()
    runtime = Runtime(
        settings, engine, ack_engine, sessions, schema, desk, app, store, workers, intake
    )
    if scheduler:
        core = Core(settings, engine, schema, sessions, knowledge, desk)
        notifier = SlackNotifier(settings, transport)
        tickets, learning = support.tickets, support.learning

        def announce_pending() -> int:  # tickets, then FAQ drafts and phrasings (each once)
            return tickets.announce_pending() + learning.announce_pending()

        runtime.scheduler = start_jobs(core, notifier, announce_pending)
        add_digest_job(
            runtime.scheduler, settings, lambda: send_weekly_digest(desk, learning.send_digest)
        )
    return runtime
