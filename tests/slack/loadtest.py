"""`make loadtest`: signed events into the app over loopback, the Web API stand-in answering.

For each configuration (SQLite / PostgreSQL, one or several gunicorn workers) the app is started
as `python -m bot serve`, then for each rate R events/s are sent for its duration (`--seconds`,
one per rate: by default 30 s at 250/s, the sustained load, and a 10 s burst at 500/s; open loop:
each request leaves at its scheduled time, on kept-alive connections), and the run waits
(bounded) for the backlog to drain. Printed per rate:
- sent/s: the rate offered (events / span of their scheduled times);
- done/s: events answered per second while the load lasted, its first 2 s left out (the steady
  state: when handling keeps up this equals sent/s, when it does not it is the handling's
  capacity); all/s: every event answered / (last reply - first event), drain included;
- backlog: events acknowledged and not yet answered when the last one was sent; it keeps up when
  that is under one second of the rate (marked "ok": handling keeps up);
- ack p50 / p99 / max (from the scheduled time), reply lag p50 / p99 (event sent -> its reply
  reaching the Web API);
- lost (acked, never answered once the backlog drained; "wait" when it did not drain within the
  bound: those are still in the inbox, answered later), duplicated (the same reply posted
  twice), the app's memory (RSS, all processes), the machine load, the CPU per event of each
  process and the events handled more than once.
Each reply carries its event's id (the outbox key in its metadata), so lost and duplicated are
exact.

    .venv/bin/python -m tests.slack.loadtest [--rates 250,500] [--seconds 30,10]
        [--db sqlite,postgresql] [--workers 1,2]
"""

from __future__ import annotations

import argparse
import collections
import http.client
import json
import os
import selectors
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import SECRET, payload, sign

ROOT = Path(__file__).resolve().parents[2]
PG_ADMIN = os.environ.get("TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
GREETINGS = ("", "Bonjour, ", "Salut ! ", "Bonsoir,\n", "Hello, ", "Bonjour à tous, ")
SIGNATURES = ("", " Merci !", "\nMerci d'avance", " Bonne journée", "\n-- Karim", " Merci, Léa")


def messages() -> list[str]:
    """Distinct chat-style messages: every labelled question of tests/data, each with a greeting
    and a signature, so no two events carry the same text (a per-process match cache must not make
    the figures look better than real traffic)."""
    questions = [
        json.loads(line)["q"]
        for path in sorted((ROOT / "tests" / "data").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    return [g + q + s for s in SIGNATURES for g in GREETINGS for q in questions]


MESSAGES = messages()
USERS = 3000
SENDERS = 48
KEEP_IDLE = 3.0  # seconds a connection may stay idle before it is dropped (gunicorn keeps 5)


def app_env(api_url: str, database_url: str, tmp: Path) -> dict[str, str]:
    """What the app under load is configured with (the load test's processes, the bench's
    in-process runtime): the Web API stand-in, the database, the shipped knowledge."""
    return {
        "SLACK_BOT_TOKEN": "xoxb-load",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": api_url,
        "DATABASE_URL": database_url,
        "KNOWLEDGE_DIR": str(ROOT / "knowledge"),
        "SPOOL_DIR": str(tmp / "spool"),
        "SUPPORT_LEAD": "U0LEAD",
        "LOG_LEVEL": "ERROR",
    }


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


class App:
    def __init__(self, db: str, workers: int, fake: FakeSlack, tmp: Path) -> None:
        self.port = _free_port()
        self.db_name: str | None = None
        self.seen_backends: set[int] = set()
        self.backend_cpu: dict[int, float] = {}
        if db == "postgresql":
            self.db_name = f"bot_load_{uuid.uuid4().hex[:8]}"
            with create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT").connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{self.db_name}"'))
            url = make_url(PG_ADMIN).set(database=self.db_name).render_as_string(False)
        else:
            url = f"sqlite:///{tmp / f'load-{uuid.uuid4().hex[:6]}.db'}"
        self.url = url
        env = {**os.environ, "PYTHONPATH": str(ROOT), **app_env(fake.api_url, url, tmp)}
        command = [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1"]
        command += ["--port", str(self.port), "--workers", str(workers)]
        self.proc = subprocess.Popen(
            command, env=env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.health().get("status") == "ok":
                return
            time.sleep(0.2)
        raise RuntimeError("the app did not start")

    def health(self) -> dict[str, Any]:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            conn.request("GET", "/healthz")
            answer = conn.getresponse()
            body = json.loads(answer.read() or b"{}")
            conn.close()
            return body if answer.status == 200 else {}
        except (OSError, ValueError):
            return {}

    def rss_mb(self) -> float:
        pids = [self.proc.pid, *self.children()]
        total = 0
        for pid in pids:
            status = Path(f"/proc/{pid}/status")
            if status.exists():
                for line in status.read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        return total / 1024

    def children(self) -> list[int]:
        """The master's child processes, whichever of its threads started them (the handler
        processes are started by a thread: they are not in the main thread's children list)."""
        found: list[int] = []
        for task in Path(f"/proc/{self.proc.pid}/task").glob("*/children"):
            try:
                found += [int(p) for p in task.read_text().split()]
            except OSError:
                continue
        return found

    def cpu(self) -> dict[str, float]:
        """CPU seconds (user + system) used so far by the app's processes, per role: the
        gunicorn master, its web workers, the handler processes."""
        tick = os.sysconf("SC_CLK_TCK")
        found = {"master": _cpu_of(self.proc.pid, tick), "web": 0.0, "handler": 0.0}
        for pid in self.children():
            try:
                cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            role = "handler" if b"gunicorn_app" in cmdline else "web"
            found[role] += _cpu_of(pid, tick)
        if self.db_name:  # the PostgreSQL server's processes serving this app's database
            for pid in self.backends():  # a backend that ended keeps its last figure
                if Path(f"/proc/{pid}").exists():
                    self.backend_cpu[pid] = _cpu_of(pid, tick)
            found["postgres"] = sum(self.backend_cpu.values())
        return found

    def backends(self) -> set[int]:
        with create_engine(PG_ADMIN, poolclass=NullPool).connect() as conn:
            rows = conn.execute(
                text("SELECT pid FROM pg_stat_activity WHERE datname = :db"), {"db": self.db_name}
            )
            self.seen_backends |= {int(r[0]) for r in rows}
        return self.seen_backends

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        if self.db_name:
            with create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT").connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)'))


def _cpu_of(pid: int, tick: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / tick  # utime, stime


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Load:
    """Open-loop sender: request i leaves at start + i / rate, on one of up to `SENDERS` kept-alive
    connections (one request at a time on each; a request due while all are busy waits, and its
    ack time counts from when it was due). One thread and a selector, requests built and signed
    before the clock starts: the generator must not eat the CPU the app is measured on."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.acks: dict[str, tuple[int, float]] = {}
        self.sent_at: dict[str, float] = {}
        self.requests: list[tuple[str, bytes]] = []

    def prepare(self, rate: int, seconds: float, tag: str) -> None:
        template = payload("event_message_im")
        for i in range(int(rate * seconds)):
            event_id = f"EvL{tag}{i:07d}"
            user = f"U0L{i % USERS:06d}"
            template["event_id"] = event_id
            template["event"].update(
                text=MESSAGES[i % len(MESSAGES)],
                user=user,
                channel="D" + user[1:],
                ts=f"1767400000.{i:06d}",
            )
            body = json.dumps(template).encode()
            head = "".join(
                f"{k}: {v}\r\n"
                for k, v in {
                    "Host": f"127.0.0.1:{self.port}",
                    "Content-Type": "application/json",
                    "Content-Length": str(len(body)),
                    **sign(body),
                }.items()
            )
            self.requests.append(
                (event_id, f"POST /slack/events HTTP/1.1\r\n{head}\r\n".encode() + body)
            )

    def run(self, rate: int) -> None:
        """Send every prepared request on time; return once each is answered (or has failed
        twice: status 0), or after 30 s past the last one."""
        selector = selectors.DefaultSelector()
        idle: list[_Conn] = []
        opened = 0
        waiting: collections.deque[tuple[float, str, bytes, int]] = collections.deque()
        start = time.monotonic() + 0.2
        total = len(self.requests)
        nxt = 0
        busy = 0
        while len(self.acks) < total:
            now = time.monotonic()
            while nxt < total and start + nxt / rate <= now:
                event_id, request = self.requests[nxt]
                due = start + nxt / rate
                self.sent_at[event_id] = due
                waiting.append((due, event_id, request, 1))
                nxt += 1
            while idle and now - idle[0].used > KEEP_IDLE:  # the server may have closed it
                idle.pop(0).close()
                opened -= 1
            while waiting and (idle or opened < SENDERS):
                if idle and waiting[0][3] == 1:
                    conn = idle.pop()
                else:  # a second try goes on a new connection
                    if opened >= SENDERS and idle:
                        idle.pop(0).close()
                        opened -= 1
                    conn = _Conn(self.port)
                    opened += 1
                conn.job = waiting.popleft()
                try:
                    conn.sock.sendall(conn.job[2])
                except OSError:
                    self._failed(conn, waiting)
                    opened -= 1
                    continue
                selector.register(conn.sock, selectors.EVENT_READ, conn)
                busy += 1
            if nxt < total:
                timeout = max(0.0, start + nxt / rate - time.monotonic())
            elif busy:
                timeout = 1.0
            else:
                timeout = 0.01
            if nxt >= total and time.monotonic() - (start + total / rate) > 30:
                break
            for key, _ in selector.select(timeout):
                conn = key.data
                try:
                    status = conn.read()
                except OSError:
                    selector.unregister(conn.sock)
                    busy -= 1
                    self._failed(conn, waiting)
                    opened -= 1
                    continue
                if status is None:
                    continue  # more to read
                selector.unregister(conn.sock)
                busy -= 1
                due, event_id, _, _ = conn.job
                self.acks[event_id] = (status, time.monotonic() - due)
                if conn.closed:
                    opened -= 1
                else:
                    conn.used = time.monotonic()
                    idle.append(conn)
        for conn in idle:
            conn.close()
        selector.close()

    def _failed(self, conn: _Conn, waiting: collections.deque) -> None:
        """A connection that failed: the request is sent once more on a new one, then given up."""
        conn.close()
        due, event_id, request, tries = conn.job
        if tries < 2:
            waiting.appendleft((due, event_id, request, tries + 1))
        else:
            self.acks[event_id] = (0, time.monotonic() - due)


class _Conn:
    """One kept-alive HTTP/1.1 connection; `read()` returns the status once the whole answer is
    in (None before), following Content-Length."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""
        self.closed = False
        self.used = time.monotonic()
        self.job: tuple[float, str, bytes, int] = (0.0, "", b"", 0)

    def read(self) -> int | None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed by the server")
        self.buf += chunk
        head, found, rest = self.buf.partition(b"\r\n\r\n")
        if not found:
            return None
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        length, close = 0, False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection":
                close = value.strip().lower() == b"close"
        if len(rest) < length:
            return None
        self.buf = rest[length:]
        if close:
            self.close()
        return status

    def close(self) -> None:
        self.closed = True
        self.sock.close()


def replies(fake: FakeSlack) -> dict[str, dict[str, list[float]]]:
    """event id -> outbox key of each of its posts (`ev:<id>#<n>`) -> the times it reached the
    Web API. One event may rightly get several posts (an answer, then the end-of-chapter note);
    the same key posted twice is a duplicate."""
    found: dict[str, dict[str, list[float]]] = {}
    for call in fake.of("chat.postMessage"):
        if not call.response.get("ok"):
            continue
        meta = call.params.get("metadata")
        try:
            meta = json.loads(meta) if isinstance(meta, str) else meta  # form or JSON body
            key = meta["event_payload"]["k"] if isinstance(meta, dict) else ""
        except (ValueError, KeyError, TypeError):
            key = ""
        if key.startswith("ev:"):
            posts = found.setdefault(key[3:].split("#")[0], {})
            posts.setdefault(key, []).append(call.at)
    return found


def measure(app: App, fake: FakeSlack, rate: int, seconds: float, tag: str) -> dict[str, Any]:
    fake.reset()
    load = Load(app.port)
    load.prepare(rate, seconds, tag)
    cpu_app = app.cpu()
    cpu_here = time.process_time()
    cpu_fake = fake.cpu_seconds
    started = time.monotonic()
    load.run(rate)
    peak = app.rss_mb()
    drained = False
    while time.monotonic() - started < seconds + 60:
        health = app.health()
        if health.get("inbox") == 0 and health.get("spooled") == 0:
            drained = True
            break
        time.sleep(0.2)
    time.sleep(0.5)
    cpu_app = {k: v - cpu_app[k] for k, v in app.cpu().items()}
    fake_used = fake.cpu_seconds - cpu_fake
    cpu = {**cpu_app, "fake": fake_used, "generator": time.process_time() - cpu_here - fake_used}
    got = replies(fake)
    acked = [e for e, (s, _) in load.acks.items() if s == 200]
    ack_times = [t for s, t in load.acks.values() if s == 200]
    first_reply = {e: min(min(t) for t in got[e].values()) for e in acked if e in got}
    lags = [first_reply[e] - load.sent_at[e] for e in first_reply]
    first_due, last_due = min(load.sent_at.values()), max(load.sent_at.values())
    steady_from = first_due + min(2.0, seconds / 5)
    return {
        "rate": rate,
        "sent/s": len(load.sent_at) / (last_due - first_due + 1 / rate),
        "done/s": sum(1 for t in first_reply.values() if steady_from <= t <= last_due)
        / max(1e-9, last_due - steady_from),
        "all/s": len(first_reply) / max(1e-9, max(first_reply.values(), default=0) - first_due),
        "backlog": sum(1 for e in acked if first_reply.get(e, float("inf")) > last_due),
        "acked": len(acked),
        "not acked": len(load.sent_at) - len(acked),
        "statuses": dict(collections.Counter(s for s, _ in load.acks.values() if s != 200)),
        "ack p50 ms": pct(ack_times, 50) * 1000,
        "ack p99 ms": pct(ack_times, 99) * 1000,
        "ack max ms": max(ack_times, default=float("nan")) * 1000,
        "lag p50 ms": pct(lags, 50) * 1000,
        "lag p99 ms": pct(lags, 99) * 1000,
        "lost": sum(1 for e in acked if e not in got),
        "lost ids": [e for e in acked if e not in got][:5],
        "not acked ids": [e for e in load.sent_at if load.acks.get(e, (0,))[0] != 200][:5],
        "duplicated": sum(1 for e in got if any(len(t) > 1 for t in got[e].values())),
        "drained": drained,
        "rss MB": peak,
        "load": os.getloadavg()[0],
        # CPU ms per event handled, per role (the generator and the Web API stand-in share this
        # process: the stand-in's share is the CPU time of its request handlers)
        "cpu": {k: v * 1000 / max(1, len(got)) for k, v in cpu.items()},
    }


def show_inbox(app: App, event_ids: list[str]) -> None:
    """What the app's inbox says of events acked and not answered, or not acked."""
    engine = create_engine(app.url)
    try:
        with engine.connect() as conn:
            for event_id in event_ids:
                row = conn.execute(
                    text(
                        "SELECT received_at, claimed_by, attempts, not_before, done_at, error "
                        "FROM inbox WHERE id = :id"
                    ),
                    {"id": f"ev:{event_id}"},
                ).first()
                print(f"{'':<13} {event_id}: {tuple(row) if row else 'not in the inbox'}")
    finally:
        engine.dispose()


def handled_again(app: App) -> int:
    """Inbox items handled more than once so far (released to be retried, or retaken)."""
    engine = create_engine(app.url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM inbox WHERE attempts > 1")).scalar())
    finally:
        engine.dispose()


def lost(row: dict[str, Any]) -> str:
    """Acked and never answered (only known once the backlog drained), plus never acked."""
    if not row["drained"]:
        return "wait"
    return str(row["lost"] + row["not acked"])


def backlog(row: dict[str, Any], rate: int) -> str:
    """Events waiting when the load stopped; "keeps up" when under one second of the rate."""
    return f"{row['backlog']}{'' if row['backlog'] >= rate else ' ok'}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", default="250,500")
    parser.add_argument(
        "--seconds", default="30,10", help="how long each rate lasts (the last for the rest)"
    )
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--workers", default="1,2")
    args = parser.parse_args()
    rates = [int(r) for r in args.rates.split(",")]
    durations = [float(s) for s in args.seconds.split(",")]
    durations += [durations[-1]] * (len(rates) - len(durations))
    fake = FakeSlack().start()
    header = (
        f"{'db':<10} {'wk':>2} {'rate':>5} {'secs':>4} {'sent/s':>7} {'done/s':>7} {'all/s':>6} "
        f"{'backlog':>8} {'ack p50':>8} "
        f"{'p99':>7} {'max':>7} {'lag p50':>8} {'p99':>7} {'lost':>5} {'dup':>4} "
        f"{'drained':>7} {'RSS MB':>7} {'load':>5}"
    )
    print(header, flush=True)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for db in args.db.split(","):
                for workers in [int(w) for w in args.workers.split(",")]:
                    app = App(db, workers, fake, Path(tmp))
                    again = 0
                    try:
                        for n, rate in enumerate(rates):
                            row = measure(app, fake, rate, durations[n], f"{db[0]}{workers}{n}")
                            row["again"], again = handled_again(app) - again, handled_again(app)
                            print(
                                f"{db:<10} {workers:>2} {rate:>5} {durations[n]:>4.0f} "
                                f"{row['sent/s']:>7.0f} {row['done/s']:>7.0f} "
                                f"{row['all/s']:>6.0f} {backlog(row, rate):>8} "
                                f"{row['ack p50 ms']:>6.1f}ms "
                                f"{row['ack p99 ms']:>5.0f}ms {row['ack max ms']:>5.0f}ms "
                                f"{row['lag p50 ms']:>6.0f}ms {row['lag p99 ms']:>5.0f}ms "
                                f"{lost(row):>5} {row['duplicated']:>4} "
                                f"{'yes' if row['drained'] else 'NO':>7} {row['rss MB']:>7.0f} "
                                f"{row['load']:>5.1f}",
                                flush=True,
                            )
                            shares = " ".join(f"{k} {v:.1f}" for k, v in row["cpu"].items())
                            print(
                                f"{'':<13} CPU ms per event handled: {shares}; handled more "
                                f"than once (retried): {row['again']}",
                                flush=True,
                            )
                            if row["not acked"] or row["lost"]:
                                print(
                                    f"{'':<13} not acked {row['not acked']} "
                                    f"{row['statuses']}, acked and not answered {row['lost']}",
                                    flush=True,
                                )
                                show_inbox(app, row["lost ids"] + row["not acked ids"])
                    finally:
                        app.stop()
    finally:
        fake.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
