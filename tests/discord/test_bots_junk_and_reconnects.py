"""What must do no harm: messages from bots (this one included), empty, attachment-only, huge
or binary messages, unknown buttons; and a dropped gateway connection, after which the bot
resumes its session and still gets the messages sent meanwhile."""

from __future__ import annotations

from pathlib import Path

from tests.discord import payloads as p
from tests.discord.fake_discord import ASKER, BOT, GENERAL, HELP, OTHER_BOT, FakeDiscord
from tests.discord.harness import Running, dm_channel, start, text_of

FIBRE_Q = "Quel est le délai de validation d'une commande Fibre par SFR ?"


def answered_in(fake: FakeDiscord, channel: str, needle: str = "3 jours") -> bool:
    return any(needle in text_of(c) for c in fake.posts(channel))


def test_bots_are_ignored_and_junk_is_harmless(bot: Running) -> None:
    fake = bot.fake
    fake.users[BOT] = p.user(BOT, "Aide SG", bot=True)
    fake.user_message(HELP, OTHER_BOT, FIBRE_Q)
    fake.user_message(HELP, BOT, FIBRE_Q)
    fake.user_message(HELP, ASKER, "", attachments=[p.attachment(fake.new_id())])
    fake.user_message(HELP, ASKER, "")
    fake.user_message(GENERAL, ASKER, FIBRE_Q)  # not a help channel, no mention: not for us
    fake.user_message(None, ASKER, "\x00\x01\x02 binaire \ufffd" * 3)
    fake.user_message(None, ASKER, "a" * 5000)
    fake.user_message(None, ASKER, "", attachments=[p.attachment(fake.new_id())])
    fake.click(ASKER, fake.user_message(None, ASKER, "ok"), "nimporte:quoi:<@everyone>")
    # a marker question after the junk: once it is answered, everything before was handled
    fake.user_message(HELP, ASKER, "Quel navigateur utiliser pour l'espace client ?")
    fake.wait_for(lambda f: answered_in(f, HELP, "navigateur"))
    fake.wait_for(lambda f: len(f.posts(dm_channel(f, ASKER))) >= 4)
    assert not any(answered_in(fake, ch) for ch in (HELP, GENERAL))
    assert len(fake.posts(HELP)) == 1  # only the marker's answer: bots and empties ignored
    dm_texts = [text_of(c) for c in fake.posts(dm_channel(fake, ASKER))]
    assert any("trop long" in t for t in dm_texts)
    assert any("vide" in t for t in dm_texts)  # the attachment-only DM
    assert all(c.json.get("allowed_mentions") == {"parse": []} for c in fake.posts())
    assert "Traceback" not in bot.log()


def test_a_dropped_connection_is_resumed_and_nothing_is_lost(db_url: str, tmp_path: Path) -> None:
    """With a short heartbeat interval: heartbeats are sent and acknowledged, then the
    connection drops; the bot resumes the same session and answers what came meanwhile."""
    running = start(db_url, tmp_path, heartbeat_ms=300)
    try:
        resumed_and_answered(running.fake)
    finally:
        assert running.stop() == 0
        running.fake.stop()
    assert running.refused_lookups() == []


def resumed_and_answered(fake: FakeDiscord) -> None:
    fake.wait_for(lambda f: sum(kind == "op1" for kind, _ in f.gateway_log) >= 3)
    assert not any(kind == "op6" for kind, _ in fake.gateway_log)  # acked: never a zombie
    identifies = sum(1 for kind, _ in fake.gateway_log if kind == "op2")
    fake.drop_connection(hold=True)
    fake.user_message(None, ASKER, FIBRE_Q)  # sent while the bot is away
    fake.reopen()
    fake.wait_for(lambda f: any(kind == "op6" for kind, _ in f.gateway_log), timeout=30)
    fake.wait_for(lambda f: answered_in(f, dm_channel(f, ASKER)), timeout=30)
    resume = next(d["d"] for kind, d in fake.gateway_log if kind == "op6")
    assert resume["session_id"] == "session-1"
    assert sum(1 for kind, _ in fake.gateway_log if kind == "op2") == identifies
