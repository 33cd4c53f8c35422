"""A sweeping instance in its own OS process, for tests/sla/test_multiprocess.py.

    python tests/sla/sweep_worker.py URL LOG INSTANCE [--die-after N --die-mode MODE]
        [--go FILE --ready FILE --delay-start S --now ISO --batch B --post-seconds S]

The notifier appends "<instance> <kind> <ticket id>" to LOG (O_APPEND: one write per line).
--die-mode before-post: SIGKILL at the start of post N+1, i.e. right after post N was recorded.
--die-mode after-post: SIGKILL right after post N was written, before it is recorded.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from datetime import datetime
from pathlib import Path

from bot.config import Settings
from bot.db.engine import make_engine, session_factory
from bot.sla.calendar import SlaCalendar
from bot.sla.escalation import TicketSummary, sweep


class FileNotifier:
    def __init__(
        self, log: str, instance: str, die_after: int | None, die_mode: str, post_seconds: float
    ) -> None:
        self.fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self.instance = instance
        self.die_after = die_after
        self.die_mode = die_mode
        self.post_seconds = post_seconds
        self.posted = 0

    def _post(self, kind: str, ticket: TicketSummary) -> None:
        if (
            self.die_after is not None
            and self.die_mode == "before-post"
            and (self.posted == self.die_after)
        ):
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(self.post_seconds)  # a Slack call takes a little while
        os.write(self.fd, f"{self.instance} {kind} {ticket.id}\n".encode())
        self.posted += 1
        if (
            self.die_after is not None
            and self.die_mode == "after-post"
            and (self.posted == self.die_after)
        ):
            os.kill(os.getpid(), signal.SIGKILL)

    def remind(self, ticket: TicketSummary) -> None:
        self._post("remind", ticket)

    def escalate(self, ticket: TicketSummary) -> None:
        self._post("escalate", ticket)


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("url")
    p.add_argument("log")
    p.add_argument("instance")
    p.add_argument("--die-after", type=int)
    p.add_argument("--die-mode", choices=("before-post", "after-post"), default="before-post")
    p.add_argument("--go")
    p.add_argument("--ready")
    p.add_argument("--delay-start", type=float, default=0.0)
    p.add_argument("--now")
    p.add_argument("--batch", type=int, default=10)
    p.add_argument("--post-seconds", type=float, default=0.0)
    args = p.parse_args(argv)
    engine = make_engine(args.url)
    sessions = session_factory(engine)
    with engine.connect():  # connect before the start line
        pass
    notifier = FileNotifier(
        args.log, args.instance, args.die_after, args.die_mode, args.post_seconds
    )
    if args.ready:
        Path(args.ready).touch()
    if args.go:
        while not Path(args.go).exists():
            time.sleep(0.005)
    time.sleep(args.delay_start)
    now = datetime.fromisoformat(args.now) if args.now else None
    report = sweep(
        sessions,
        notifier,
        now,
        args.instance,
        settings=Settings(),
        calendar=SlaCalendar(kind="always"),
        batch=args.batch,
    )
    print(f"{args.instance} claimed={len(report.claimed)} lost={len(report.lost)}")
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
