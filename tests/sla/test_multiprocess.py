"""Several OS processes sweep the same overdue tickets at once; one is SIGKILLed mid-sweep.

Each process has its own engine (URL passed on the command line). After the lease, a recovery
sweep retakes the dead instance's claims. The notification log proves exactly-once:
- victim killed right after recording its Nth post: every ticket exactly once, none lost;
- victim killed between posting and recording (the documented at-least-once edge): exactly that
  one ticket is posted twice (once by the victim, once by the recovery), every other exactly once.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, insert, select

from bot.db.models import Ticket
from bot.db.types import utcnow
from bot.sla.calendar import SlaCalendar
from bot.sla.escalation import LEASE, sweep

WORKER = Path(__file__).with_name("sweep_worker.py")
ROOT = Path(__file__).resolve().parents[2]


def _overdue(sessions, count: int) -> list[int]:  # type: ignore[no-untyped-def]
    now = utcnow()
    rows = [
        dict(
            asker=f"U{i}",
            text=f"question {i}",
            urgency="normal",
            status="open",
            calendar="business",
            created_at=now - timedelta(days=3),
            target_at=now - timedelta(days=2),
            due_at=now - timedelta(hours=1, seconds=i),
        )
        for i in range(count)
    ]
    with sessions.begin() as s:
        s.execute(insert(Ticket), rows)
        return list(s.scalars(select(Ticket.id).order_by(Ticket.id)))


def _run_workers(db_url: str, tmp: Path, workers: int, victim_args: list[str]) -> dict:
    log = tmp / "notifications.log"
    go = tmp / "go"
    procs = {}
    for n in range(workers):
        name = "victim" if n == 0 else f"w{n}"
        cmd = [
            sys.executable,
            str(WORKER),
            db_url,
            str(log),
            name,
            "--go",
            str(go),
            "--ready",
            str(tmp / f"ready-{name}"),
            "--batch",
            "10",
            "--post-seconds",
            "0.002",
        ]
        cmd += victim_args if n == 0 else ["--delay-start", "0.05"]
        procs[name] = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while not all((tmp / f"ready-{name}").exists() for name in procs):
        assert time.monotonic() < deadline, "workers did not start"
        assert all(p.poll() is None for p in procs.values()), "a worker died at start"
        time.sleep(0.01)
    go.touch()
    codes = {name: p.wait(timeout=60) for name, p in procs.items()}
    return codes


class LogNotifier:
    """The recovery instance, appending to the same log."""

    def __init__(self, log: Path) -> None:
        self.log = log

    def _post(self, kind: str, ticket) -> None:  # type: ignore[no-untyped-def]
        with self.log.open("a") as f:
            f.write(f"recovery {kind} {ticket.id}\n")

    def remind(self, ticket) -> None:  # type: ignore[no-untyped-def]
        self._post("remind", ticket)

    def escalate(self, ticket) -> None:  # type: ignore[no-untyped-def]
        self._post("escalate", ticket)


def _lines(log: Path) -> list[tuple[str, str, int]]:
    out = []
    for line in log.read_text().splitlines():
        who, kind, tid = line.split()
        out.append((who, kind, int(tid)))
    return out


def _crash_and_recover(db_url, sessions, tmp_path, count, workers, victim_args):  # type: ignore[no-untyped-def]
    ids = _overdue(sessions, count)
    codes = _run_workers(db_url, tmp_path, workers, victim_args)
    assert codes["victim"] == -signal.SIGKILL
    assert all(code == 0 for name, code in codes.items() if name != "victim")
    log = tmp_path / "notifications.log"
    before = _lines(log)
    assert {who for who, _, _ in before} >= {"victim", "w1"}, "the sweeps did not overlap"
    with sessions() as s:
        stranded = set(s.scalars(select(Ticket.id).where(Ticket.escalated_at.is_(None))))
        held = set(s.scalars(select(Ticket.id).where(Ticket.claimed_by == "victim")))
    assert stranded and stranded == held  # only the dead instance's claims are left
    cal = SlaCalendar(kind="always")
    # within the lease nobody touches them
    assert sweep(sessions, LogNotifier(log), utcnow(), "early", calendar=cal).claimed == []
    report = sweep(
        sessions,
        LogNotifier(log),
        utcnow() + LEASE + timedelta(seconds=1),
        "recovery",
        calendar=cal,
    )
    assert set(report.escalated) == stranded
    with sessions() as s:
        assert s.scalar(select(func.count()).where(Ticket.escalated_at.is_(None))) == 0
        assert s.scalar(select(func.count()).where(Ticket.claimed_by.is_not(None))) == 0
    return ids, before, _lines(log)


def test_killed_after_recording_every_ticket_escalated_exactly_once(db_url, sessions, tmp_path):  # type: ignore[no-untyped-def]
    started = time.monotonic()
    ids, before, after = _crash_and_recover(
        db_url, sessions, tmp_path, 200, 4, ["--die-after", "5", "--die-mode", "before-post"]
    )
    assert sum(1 for who, _, _ in before if who == "victim") == 5
    counts = Counter(tid for _, kind, tid in after if kind == "escalate")
    assert sorted(counts) == ids  # none lost
    assert set(counts.values()) == {1}  # none twice
    assert any(who == "recovery" for who, _, _ in after)
    print(f"multi-process sweep ({db_url.split(':')[0]}): {time.monotonic() - started:.1f} s")


def test_killed_between_posting_and_recording_reposts_that_one_ticket_once(  # type: ignore[no-untyped-def]
    db_url, sessions, tmp_path
):
    ids, before, after = _crash_and_recover(
        db_url, sessions, tmp_path, 60, 3, ["--die-after", "3", "--die-mode", "after-post"]
    )
    victim_posts = [tid for who, _, tid in before if who == "victim"]
    assert len(victim_posts) == 3
    edge = victim_posts[-1]  # posted, then killed before escalated_at was recorded
    counts = Counter(tid for _, _, tid in after)
    assert sorted(counts) == ids  # none lost
    assert {tid for tid, n in counts.items() if n != 1} == {edge}
    assert counts[edge] == 2
    assert [who for who, _, tid in after if tid == edge] == ["victim", "recovery"]
