"""CPU per event of the handling of DM questions, in process, without HTTP on the way in.

The whole runtime (real knowledge, desk, Bolt app, inbox, outbox, Web API client) against the
Web API stand-in: each of N distinct chat-style messages (the load test's, so the per-process
match cache never answers) is recorded in the inbox as the ack would record it, then handled and
marked done as an inbox worker does, in this thread. Printed: CPU ms per event (this thread's
CPU only: the stand-in's threads are not counted) for the record (the web process's share) and
for the handling (the handler process's share), the database transactions per event, then the
CPU of the whole ack through the WSGI app (no HTTP server) for N more requests; with
`--profile` (`--profile-ack`) the top costs of the handling (of the ack): cProfile on this
thread's CPU clock, so that waiting for the stand-in or the GIL is not counted
(`BENCH_PROFILE_OUT=path` also writes the raw profile there, for pstats).

    .venv/bin/python -m tests.slack.handling_bench [--n 400] [--db sqlite|postgresql]
        [--profile] [--profile-ack] [--bolt] [--top 40]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from bot.config import Settings
from bot.core.inbox import Item
from bot.core.inbox_workers import Outcome
from bot.slack.runtime import start_runtime
from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import payload, sign
from tests.slack.loadtest import MESSAGES, PG_ADMIN, app_env


def settings_for(url: str, fake: FakeSlack, tmp: Path) -> Settings:
    return Settings.from_env({**os.environ, **app_env(fake.api_url, url, tmp)})


def bodies(n: int, offset: int) -> list[tuple[str, str]]:
    found = []
    for i in range(offset, offset + n):
        body = payload("event_message_im")
        user = f"U0B{i % 3000:06d}"
        body["event_id"] = f"EvB{i:07d}"
        body["event"].update(
            text=MESSAGES[i % len(MESSAGES)], user=user, channel="D" + user[1:], ts=f"1.{i:06d}"
        )
        found.append((f"ev:{body['event_id']}", json.dumps(body, ensure_ascii=False)))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=400)
    parser.add_argument("--db", default="sqlite", choices=("sqlite", "postgresql"))
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--profile-ack", action="store_true")
    parser.add_argument("--bolt", action="store_true", help="DMs through Bolt's dispatch too")
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    fake = FakeSlack().start()
    db_name = None
    with tempfile.TemporaryDirectory() as tmp:
        if args.db == "postgresql":
            db_name = f"bot_bench_{uuid.uuid4().hex[:8]}"
            with create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT").connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{db_name}"'))
            url = make_url(PG_ADMIN).set(database=db_name).render_as_string(False)
        else:
            url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        runtime = start_runtime(settings_for(url, fake, Path(tmp)), scheduler=False, handle=False)
        if args.bolt:  # every request through Bolt's dispatch, DMs too (to compare)
            runtime.intake.direct = None
        transactions = [0]

        def count(*_: object) -> None:
            transactions[0] += 1

        for engine in (runtime.engine, runtime.ack_engine):
            event.listen(engine, "commit", count)
        try:
            store, intake = runtime.store, runtime.intake
            # warm up: imports, pools, caches of lookups (auth.test), first matcher use
            for key, body in bodies(30, 10_000_000):
                store.record(key, body)
                handled = intake.handle(Item(key, body))
                store.done_many([(key, None, handled.sent)])
            work = bodies(args.n, 0)
            record_cpu = handle_cpu = 0.0
            failed = 0
            transactions[0] = 0
            profiler = cProfile.Profile(time.thread_time) if args.profile else None
            ack_profiler = cProfile.Profile(time.thread_time) if args.profile_ack else None
            for key, body in work:
                began = time.thread_time()
                store.record(key, body)
                recorded = time.thread_time()
                if profiler:
                    profiler.enable()
                handled = intake.handle(Item(key, body))
                store.done_many([(key, handled.reason, handled.sent)])
                if profiler:
                    profiler.disable()
                handle_cpu += time.thread_time() - recorded
                record_cpu += recorded - began
                failed += handled.outcome is not Outcome.DONE
            handling_transactions = transactions[0]
            ack_cpu = 0.0
            wsgi = runtime.wsgi()
            acked = 0
            for _key, body in bodies(args.n, 20_000_000):
                raw = body.encode()
                environ = {
                    "PATH_INFO": "/slack/events",
                    "REQUEST_METHOD": "POST",
                    "CONTENT_LENGTH": str(len(raw)),
                    "CONTENT_TYPE": "application/json",
                    "wsgi.input": io.BytesIO(raw),
                    **{f"HTTP_{k.upper().replace('-', '_')}": v for k, v in sign(raw).items()},
                }
                began = time.thread_time()
                if ack_profiler:
                    ack_profiler.enable()
                wsgi(environ, lambda status, headers: None)
                if ack_profiler:
                    ack_profiler.disable()
                ack_cpu += time.thread_time() - began
                acked += 1
            posts = len(fake.of("chat.postMessage"))
            print(
                f"{args.db}: {args.n} DM questions; CPU ms per event: record (ack) "
                f"{record_cpu * 1000 / args.n:.2f}, handling {handle_cpu * 1000 / args.n:.2f}"
                f"{' (profiled: inflated)' if profiler else ''}; transactions per event "
                f"{handling_transactions / args.n:.2f}; not done {failed}; posts {posts}"
            )
            print(
                f"the whole ack through the WSGI app (signature, parsing, record; no HTTP "
                f"server): {ack_cpu * 1000 / acked:.2f} CPU ms per request"
            )
            if profiler and os.environ.get("BENCH_PROFILE_OUT"):
                profiler.dump_stats(os.environ["BENCH_PROFILE_OUT"])
            if profiler:
                stats = pstats.Stats(profiler).strip_dirs().sort_stats("cumulative")
                stats.print_stats(args.top)
                stats.sort_stats("tottime").print_stats(args.top)
            if ack_profiler:
                stats = pstats.Stats(ack_profiler).strip_dirs().sort_stats("cumulative")
                stats.print_stats(args.top)
        finally:
            runtime.close()
            fake.stop()
            if db_name:
                with create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT").connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)'))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
