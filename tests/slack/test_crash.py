"""kill -9 in the middle of a burst: the process restarts, Slack retries what it sent, and every
event is handled exactly once (one reply each), on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.slack.conftest import BROWSER_Q
from tests.slack.fake_slack import FakeSlack, dm_of
from tests.slack.harness import SECRET, Sender
from tests.slack.test_runner import ROOT, SCRIPT, _free_port, _wait

pytestmark = pytest.mark.slow
EVENTS = 100


def _start(port: int, env: dict[str, str], cwd: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(port)],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_kill_9_during_a_burst_then_slack_retries_every_event_handled_once(
    fake_slack: FakeSlack, db_url: str, tmp_path: Path
) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake_slack.api_url,
        "DATABASE_URL": db_url,
        "KNOWLEDGE_DIR": str(ROOT / "knowledge"),
        "SPOOL_DIR": str(tmp_path / "spool"),
        "SUPPORT_LEAD": "U0LEAD",
        "INBOX_LEASE_SECONDS": "2",
        "LOG_LEVEL": "WARNING",
    }
    send = Sender(port)
    users = [f"U0K{n:06d}" for n in range(EVENTS)]

    def dm(user: str, retry: int | None = None) -> int:
        ts = f"1767302000.{int(user[3:]):06d}"
        try:
            return send.dm(BROWSER_Q, user=user, ts=ts, event_id=f"EvK{user}", retry=retry).status
        except OSError:
            return 0  # the process was killed: Slack sees no ack and retries

    proc = _start(port, env, tmp_path)
    try:
        assert _wait(lambda: send.request("GET", "/healthz").status == 200), proc.poll()
        with ThreadPoolExecutor(8) as pool:
            first = [pool.submit(dm, u) for u in users]
            while sum(f.done() for f in first) < EVENTS // 2:
                time.sleep(0.005)
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
            statuses = [f.result() for f in first]
        assert 0 < statuses.count(200) < EVENTS  # killed mid-burst
        proc = _start(port, env, tmp_path)
        assert _wait(lambda: send.request("GET", "/healthz").status == 200), proc.poll()
        with ThreadPoolExecutor(8) as pool:  # Slack retries every event (acked or not)
            assert set(pool.map(lambda u: dm(u, retry=1), users)) == {200}

        def drained() -> bool:
            health = send.request("GET", "/healthz").json()
            return health["inbox"] == 0 and health["spooled"] == 0

        assert _wait(drained, 60)
        time.sleep(2.5)  # one more lease: nothing is handled a second time later
        replies = [len(fake_slack.delivered_to(dm_of(u))) for u in users]
        assert replies == [1] * EVENTS, [
            (u, r) for u, r in zip(users, replies, strict=True) if r != 1
        ]
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)
