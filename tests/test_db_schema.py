from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError

from bot.db.models import ProcessedEvent, Ticket


def test_datetimes_come_back_as_aware_utc(sessions) -> None:
    paris_winter = timezone(timedelta(hours=1))
    created = datetime(2026, 12, 24, 17, 0, tzinfo=paris_winter)
    with sessions.begin() as s:
        s.add(Ticket(asker="U1", text="q", created_at=created, due_at=created))
    with sessions() as s:
        ticket = s.query(Ticket).one()
    assert ticket.created_at == created
    assert ticket.created_at.tzinfo == UTC
    assert ticket.created_at.hour == 16


def test_naive_datetimes_are_refused(sessions) -> None:
    with pytest.raises(Exception, match="naive"), sessions.begin() as s:
        s.add(Ticket(asker="U1", text="q", created_at=datetime(2026, 1, 1)))
        s.flush()


def test_event_id_is_unique(sessions) -> None:
    with sessions.begin() as s:
        s.add(ProcessedEvent(event_id="Ev1"))
    with pytest.raises(IntegrityError), sessions.begin() as s:
        s.add(ProcessedEvent(event_id="Ev1"))


def test_instances_starting_together_on_a_new_sqlite_file_all_migrate(tmp_path) -> None:
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    code = (
        "import sys, time\n"
        "from bot.db.engine import make_engine, migrate\n"
        "engine = make_engine(sys.argv[1])\n"
        "time.sleep(max(0.0, float(sys.argv[2]) - time.time()))  # all start together\n"
        "migrate(engine)\n"
    )
    for attempt in range(3):
        url = f"sqlite:///{tmp_path / f'new{attempt}.db'}"
        go = str(time.time() + 2.0)
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", code, url, go], cwd=root, stderr=subprocess.PIPE
            )
            for _ in range(4)
        ]
        errors = [p.communicate(timeout=120)[1].decode() for p in procs]
        assert [p.returncode for p in procs] == [0, 0, 0, 0], errors
