"""Runs the real `python -m bot discord` process against the stand-in, with every name lookup
other than the loopback refused and logged (guard/sitecustomize.py)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.discord import payloads as p
from tests.discord.fake_discord import (
    ASKER,
    COMMUNITY,
    ESCALATION,
    HELP,
    LEAD,
    TOKEN,
    Call,
    FakeDiscord,
)

ROOT = Path(__file__).resolve().parents[2]
GUARD = Path(__file__).resolve().parent / "guard"


@dataclass
class Running:
    fake: FakeDiscord
    proc: subprocess.Popen[bytes]
    dns_log: Path
    output: Path

    def stop(self) -> int:
        """SIGTERM, as a service manager would; the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
                raise
        return int(self.proc.returncode)

    def log(self) -> str:
        return self.output.read_text(encoding="utf-8", errors="replace")

    def refused_lookups(self) -> list[str]:
        if not self.dns_log.exists():
            return []
        return self.dns_log.read_text(encoding="utf-8").split()


def environment(fake: FakeDiscord, db_url: str, tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "SLACK_"))}
    env.update(
        DISCORD_BOT_TOKEN=TOKEN,
        DISCORD_API_URL=fake.api_url,
        DISCORD_COMMUNITY_CHANNEL=COMMUNITY,
        DISCORD_SUPPORT_LEAD=LEAD,
        DISCORD_ESCALATION_TO=ESCALATION,
        DISCORD_HELP_CHANNELS=HELP,
        DATABASE_URL=db_url,
        SPOOL_DIR=str(tmp / "spool"),
        KNOWLEDGE_DIR=str(ROOT / "knowledge"),
        DISCORD_TEST_DNS_LOG=str(tmp / "lookups.log"),
        PYTHONPATH=os.pathsep.join([str(GUARD), str(ROOT)]),
        LOG_LEVEL="INFO",
    )
    env.update(extra)
    return env


def start(
    db_url: str,
    tmp: Path,
    *,
    community_kind: int = p.TEXT,
    heartbeat_ms: int = 41250,
    **extra: str,
) -> Running:
    fake = FakeDiscord(community_kind=community_kind, heartbeat_ms=heartbeat_ms).start()
    output = tmp / "bot.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "discord"],
        env=environment(fake, db_url, tmp, **extra),
        cwd=tmp,
        stdout=output.open("wb"),
        stderr=subprocess.STDOUT,
    )
    running = Running(fake, proc, tmp / "lookups.log", output)
    try:
        fake.wait_connected(60)
        fake.wait_for(lambda f: f.rest.commands, timeout=30)
    except BaseException:
        running.stop()
        fake.stop()
        raise AssertionError(f"the bot did not start:\n{running.log()}") from None
    return running


# --- reading what the bot sent ---------------------------------------------------------------
def text_of(call: Call) -> str:
    """Everything a person could read in a call's body (content, embeds, button labels)."""
    return json.dumps(call.json or {}, ensure_ascii=False)


def custom_ids(call: Call) -> list[str]:
    body: dict[str, Any] = call.json or {}
    message = body.get("message") or body.get("data") or body
    return [
        button["custom_id"]
        for row in message.get("components") or []
        for button in row.get("components") or []
        if "custom_id" in button
    ]


def message_of(fake: FakeDiscord, call: Call) -> dict[str, Any]:
    """The message the stand-in stored for a POST the bot made (to click its buttons, reply)."""
    channel = call.path.split("/")[2]
    content = (call.json or {}).get("content")
    return next(
        m
        for m in reversed(list(fake.messages.values()))
        if m["channel_id"] == channel and m.get("content") == content
    )


def dm_channel(fake: FakeDiscord, user: str) -> str:
    return str(fake.rest.dm_for(user)["id"])


def private_places(fake: FakeDiscord) -> set[str]:
    """Where private text may go: the asker's, the lead's and ESCALATION_TO's DMs."""
    return {dm_channel(fake, u) for u in (ASKER, LEAD, ESCALATION)}


def leaks(fake: FakeDiscord, secret: str) -> list[str]:
    """Every call carrying `secret` anywhere but a private place (the privacy scan)."""
    allowed = private_places(fake)
    found = []
    for call in list(fake.calls):
        if secret not in text_of(call):
            continue
        match = re.match(r"/channels/(\d+)/messages", call.path)
        if not match or match[1] not in allowed:
            found.append(f"{call.method} {call.path}")
    return found


def pinging(fake: FakeDiscord) -> list[str]:
    """Every message the bot sent (posts, edits, forum posts, interaction replies) whose
    allowed_mentions would let it ping someone."""
    found = []
    for call in list(fake.calls):
        body = call.json if isinstance(call.json, dict) else {}
        message = body.get("message") if "/threads" in call.path else body
        if (
            isinstance(message, dict)
            and "content" in message
            and message.get("allowed_mentions") != {"parse": []}
        ):
            found.append(f"{call.method} {call.path}")
    return found
