import threading
import time
from datetime import timedelta

from apscheduler.jobstores.memory import MemoryJobStore
from sqlalchemy.orm import sessionmaker

from bot.config import Settings
from bot.db.engine import make_engine
from bot.db.types import utcnow
from bot.sla.scheduler import JOB_ID, make_tick, start_scheduler
from tests.sla.conftest import RecordingNotifier, add_ticket


class EventNotifier(RecordingNotifier):
    def __init__(self) -> None:
        super().__init__()
        self.event = threading.Event()

    def escalate(self, ticket) -> None:  # type: ignore[no-untyped-def]
        super().escalate(ticket)
        self.event.set()


def test_scheduler_sweeps_once_at_start_and_runs_extra_jobs(sessions) -> None:
    now = utcnow()
    tid = add_ticket(sessions, target=now - timedelta(hours=2), due=now - timedelta(hours=1))
    notifier = EventNotifier()
    extra_ran = threading.Event()

    def broken() -> None:
        raise RuntimeError("boom")

    settings = Settings(escalation_check_seconds=3600)
    scheduler = start_scheduler(
        sessions, settings, notifier, instance="i1", extra_jobs=[broken, extra_ran.set]
    )
    try:
        assert notifier.event.wait(10), "no sweep at start"
        assert extra_ran.wait(10), "extra job not run after a failing one"
        job = scheduler.get_job(JOB_ID)
        assert job.trigger.interval == timedelta(seconds=3600)
        assert isinstance(scheduler._jobstores["default"], MemoryJobStore)
    finally:
        scheduler.shutdown(wait=True)
    assert notifier.calls == [("escalate", tid)]


def test_tick_survives_an_unreachable_database(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'missing' / 'none.db'}")  # no tables
    ran = []
    tick = make_tick(
        sessionmaker(engine), Settings(), RecordingNotifier(), "i1", [lambda: ran.append(1)]
    )
    started = time.monotonic()
    assert tick() is None
    assert ran == [1] and time.monotonic() - started < 5
    engine.dispose()
