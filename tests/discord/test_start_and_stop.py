"""Starting and stopping `python -m bot discord`: the gateway address comes from the stand-in's
/gateway/bot, /question is registered for the guild from GUILD_CREATE, nothing resolves a real
host, SIGTERM stops it; a missing or refused token is said in French with its exit code; a
forum community channel gets one post per question."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.discord import payloads as p
from tests.discord.fake_discord import APP, ASKER, COMMUNITY, GUILD, HELP, FakeDiscord
from tests.discord.harness import Running, environment, start, text_of


def test_start_registers_question_and_uses_only_the_stand_in(bot: Running) -> None:
    fake = bot.fake
    first = fake.calls[0]
    assert (first.method, first.path) == ("GET", "/gateway/bot")
    connect = next(d for kind, d in fake.gateway_log if kind == "connect")
    assert connect["v"] == "10" and connect["encoding"] == "json"
    assert connect.get("compress") in ("zlib-stream", "zstd-stream")  # hikari's transport default
    put = next(c for c in fake.calls if c.method == "PUT")
    assert put.path == f"/applications/{APP}/guilds/{GUILD}/commands"
    (command,) = put.json
    options = {o["name"]: o["type"] for o in command["options"]}
    assert command["name"] == "question" and options["texte"] == 3 and options["privee"] == 5
    identify = next(d["d"] for kind, d in fake.gateway_log if kind == "op2")
    assert identify["intents"] & (1 << 15)  # MESSAGE_CONTENT


def run_once(env: dict[str, str], tmp: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "discord"],
        env=env,
        cwd=tmp,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_missing_or_refused_token_is_explained(tmp_path: Path) -> None:
    fake = FakeDiscord().start()
    try:
        env = environment(fake, f"sqlite:///{tmp_path / 'bot.db'}", tmp_path)
        missing = run_once({**env, "DISCORD_BOT_TOKEN": ""}, tmp_path)
        assert missing.returncode == 2
        assert "Paramètres manquants pour Discord : DISCORD_BOT_TOKEN" in missing.stderr
        refused = run_once({**env, "DISCORD_BOT_TOKEN": "MTA.xx.yy"}, tmp_path)
        assert refused.returncode == 1
        assert "Discord refuse la connexion" in refused.stderr
        bad_url = run_once({**env, "DISCORD_API_URL": "discord.com"}, tmp_path)
        assert bad_url.returncode == 2 and "DISCORD_API_URL" in bad_url.stderr
    finally:
        fake.stop()
    assert (tmp_path / "lookups.log").exists() is False


def test_a_forum_community_gets_one_post_per_question(db_url: str, tmp_path: Path) -> None:
    running = start(db_url, tmp_path, community_kind=p.FORUM)
    fake = running.fake
    try:
        # a help-channel question (already public) is handed over without asking
        fake.user_message(HELP, ASKER, "Quelle est la recette de la tarte tatin aux pommes ?")
        post = fake.wait_for(
            lambda f: next((c for c in f.posts(COMMUNITY) if "tatin" in text_of(c)), None)
        )
        assert post.path == f"/channels/{COMMUNITY}/threads"
        assert "tatin" in post.json["name"]
        assert post.json["message"]["allowed_mentions"] == {"parse": []}
    finally:
        assert running.stop() == 0
        fake.stop()


def test_the_lookup_guard_would_see_a_real_discord_host(tmp_path: Path) -> None:
    """The check the other tests rely on can fail: pointed at Discord, the bot tries to resolve
    discord.com, the guard refuses it, and the bot says it cannot reach Discord."""
    fake = FakeDiscord().start()
    try:
        env = environment(fake, f"sqlite:///{tmp_path / 'bot.db'}", tmp_path)
        real = run_once({**env, "DISCORD_API_URL": "https://discord.com/api/v10"}, tmp_path)
    finally:
        fake.stop()
    assert real.returncode == 1
    assert "Impossible de joindre Discord" in real.stderr
    assert "discord.com" in (tmp_path / "lookups.log").read_text(encoding="utf-8").split()
