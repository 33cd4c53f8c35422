"""The runners: HTTP mode in a real subprocess (real knowledge, SQLite, SLA scheduler), SIGTERM
stops it cleanly; both modes refuse to start without their tokens."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.config import Settings
from bot.slack.runner import run_socket, serve_http
from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import SECRET, Sender

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = (
    "import sys; from bot.config import Settings; from bot.slack.runner import serve_http; "
    "sys.exit(serve_http(Settings.from_env(), int(sys.argv[1]), '127.0.0.1'))"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(predicate, seconds: float = 30.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def test_serve_http_end_to_end(fake_slack: FakeSlack, tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake_slack.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
        "KNOWLEDGE_DIR": str(ROOT / "knowledge"),
        "SPOOL_DIR": str(tmp_path / "spool"),
        "SUPPORT_LEAD": "U0LEAD",
        "COMMUNITY_CHANNEL": "C0COMMUNITY",
        "ESCALATION_CHECK_SECONDS": "1",
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    send = Sender(port)
    try:
        assert _wait(lambda: send.request("GET", "/healthz").status == 200), proc.poll()
        assert send.dm("Quel navigateur faut-il utiliser ?").status == 200
        assert _wait(lambda: fake_slack.posts_to("D0ASKER"))
        assert send.post_json({"type": "event_callback"}, secret="wrong").status == 401
    finally:
        proc.send_signal(signal.SIGTERM)
        output = proc.communicate(timeout=20)[0].decode("utf-8", "replace")
    assert proc.returncode == 0, output
    assert "Traceback" not in output, output


def test_runners_refuse_to_start_without_tokens() -> None:
    assert run_socket(Settings(slack_bot_token="xoxb-t")) == 2
    assert serve_http(Settings(slack_bot_token="xoxb-t"), 0) == 2


def test_a_refused_token_or_unreachable_slack_is_a_clear_error(
    fake_slack: FakeSlack, tmp_path: Path, caplog
) -> None:  # type: ignore[no-untyped-def]
    fake_slack.respond("auth.test", ok=False, error="invalid_auth")
    settings = Settings(
        slack_bot_token="xoxb-bad",
        slack_signing_secret=SECRET,
        slack_app_token="xapp-bad",
        slack_api_url=fake_slack.api_url,
        database_url=f"sqlite:///{tmp_path / 'bot.db'}",
        spool_dir=tmp_path / "spool",
        knowledge_dir=ROOT / "knowledge",
    )
    assert serve_http(settings, port=0, host="127.0.0.1") == 1
    assert "Slack refuse la connexion (invalid_auth)" in caplog.text
    closed = _free_port()  # nothing listens there
    offline = Settings(**{**settings.__dict__, "slack_api_url": f"http://127.0.0.1:{closed}/api/"})
    assert run_socket(offline) == 1
    assert "Impossible de joindre Slack" in caplog.text


@pytest.mark.slow
def test_serve_under_gunicorn_with_two_workers(fake_slack: FakeSlack, tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake_slack.api_url,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
        "KNOWLEDGE_DIR": str(ROOT / "knowledge"),
        "SPOOL_DIR": str(tmp_path / "spool"),
        "SUPPORT_LEAD": "U0LEAD",
    }
    command = [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1"]
    proc = subprocess.Popen(
        [*command, "--port", str(port), "--workers", "2"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    send = Sender(port)
    try:
        assert _wait(lambda: send.request("GET", "/healthz").status == 200), proc.poll()
        for n in range(6):  # several connections: both web workers take some
            assert send.dm("Quel navigateur faut-il utiliser ?", user=f"U0G{n:04d}").status == 200
        assert _wait(lambda: all(fake_slack.posts_to(f"D0G{n:04d}") for n in range(6)))
        assert all(len(fake_slack.posts_to(f"D0G{n:04d}")) == 1 for n in range(6))
    finally:
        proc.send_signal(signal.SIGTERM)
        output = proc.communicate(timeout=30)[0].decode("utf-8", "replace")
    assert proc.returncode == 0, output
    assert "Traceback" not in output, output
