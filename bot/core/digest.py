"""The weekly digest to the support lead: an APScheduler cron job on every instance, sent once
per ISO week (the week's key is claimed in processed_events, like a Slack event id)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.config import Settings
from bot.core.desk import Desk
from bot.core.stats import render_stats
from bot.core.views import StoreUnavailable
from bot.messages import t

log = logging.getLogger(__name__)
JOB_ID = "weekly-digest"


def digest_text(desk: Desk) -> str:
    return "\n".join([f"*{t('digest.title')}*", *render_stats(desk.week_stats())])


def send_weekly_digest(desk: Desk, send: Callable[[str], object]) -> bool:
    """Claim this week's digest (one instance wins), then send it; True when sent here."""
    year, week, _ = desk.now().isocalendar()
    try:
        if not desk.first_time_event(f"digest:{year}-W{week:02d}"):
            return False
        send(digest_text(desk))
    except StoreUnavailable:
        log.warning("weekly digest: database down, not sent")
        return False
    return True


def add_digest_job(scheduler: BaseScheduler, settings: Settings, job: Callable[[], object]) -> None:
    """Every DIGEST_DAY at DIGEST_HOUR, local time (SLA_TIMEZONE)."""
    trigger = CronTrigger(
        day_of_week=settings.digest_day, hour=settings.digest_hour, timezone=settings.sla_timezone
    )
    scheduler.add_job(job, trigger, id=JOB_ID, coalesce=True, misfire_grace_time=3600)
