"""Runs the escalation sweep in every instance: APScheduler 3 BackgroundScheduler, memory store.

One interval job every ESCALATION_CHECK_SECONDS, first run at start. No job store is shared
between processes: the sweep reads the tickets table, so a skipped or missed run loses nothing,
and the claim UPDATE makes concurrent instances harmless. Extra jobs (e.g. the spool replay) run
on the same tick, after the sweep; a failing job is logged and never stops the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.db.types import utcnow
from bot.sla.escalation import Notifier, SweepReport, default_instance, sweep

log = logging.getLogger(__name__)
JOB_ID = "sla-sweep"


def make_tick(
    sessions: sessionmaker[Session],
    settings: Settings,
    notifier: Notifier,
    instance: str,
    extra_jobs: Iterable[Callable[[], object]] = (),
    clock: Callable[[], datetime] = utcnow,
) -> Callable[[], SweepReport | None]:
    """The function the scheduler calls: one sweep, then each extra job; never raises."""
    jobs = tuple(extra_jobs)

    def tick() -> SweepReport | None:
        report = None
        try:
            report = sweep(sessions, notifier, clock(), instance, settings=settings)
            if report.notified or report.failed:
                log.info(
                    "SLA sweep %s: %d reminded, %d escalated, %d failed",
                    instance,
                    len(report.reminded),
                    len(report.escalated),
                    len(report.failed),
                )
        except Exception:  # noqa: BLE001 - DB down etc.: the next tick tries again
            log.exception("SLA sweep failed; retrying at the next tick")
        for job in jobs:
            try:
                job()
            except Exception:  # noqa: BLE001
                log.exception("scheduled job %r failed", job)
        return report

    return tick


def start_scheduler(
    sessions: sessionmaker[Session],
    settings: Settings,
    notifier: Notifier,
    *,
    instance: str | None = None,
    extra_jobs: Iterable[Callable[[], object]] = (),
    clock: Callable[[], datetime] = utcnow,
) -> BackgroundScheduler:
    """Start the background sweep (every ESCALATION_CHECK_SECONDS and once now); returns the
    running scheduler (call `.shutdown()` on exit)."""
    tick = make_tick(
        sessions, settings, notifier, instance or default_instance(), extra_jobs, clock
    )
    scheduler = BackgroundScheduler(timezone=UTC)
    scheduler.add_job(
        tick,
        "interval",
        seconds=max(1, settings.escalation_check_seconds),
        id=JOB_ID,
        next_run_time=datetime.now(UTC),
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
    )
    scheduler.start()
    return scheduler
