"""With the database down the Discord bot still answers from the knowledge and says the rest
will wait ("store.down"), and a private question is kept, never posted anywhere; a major
emergency reaches ESCALATION_TO's DM at once, with the question."""

from __future__ import annotations

from pathlib import Path

from tests.discord.fake_discord import ASKER, COMMUNITY, ESCALATION, GENERAL, LEAD
from tests.discord.harness import dm_channel, leaks, start, text_of

DOWN = "postgresql+psycopg://postgres@127.0.0.1:9/nowhere?connect_timeout=2"
FIBRE_Q = "Quel est le délai de validation d'une commande Fibre par SFR ?"
SECRET = "Mon contrat 77-ABC est résilié par erreur"


def test_database_down_answers_from_the_knowledge_and_keeps_private_text(tmp_path: Path) -> None:
    running = start(DOWN, tmp_path)
    fake = running.fake
    try:
        asker_dm = dm_channel(fake, ASKER)
        fake.user_message(None, ASKER, FIBRE_Q)
        fake.wait_for(lambda f: any("3 jours" in text_of(c) for c in f.posts(asker_dm)))
        fake.wait_for(lambda f: any("base de données" in text_of(c) for c in f.posts(asker_dm)))
        fake.slash(ASKER, GENERAL, SECRET, privee=True)
        fake.wait_for(lambda f: sum("base de données" in text_of(c) for c in f.calls) >= 2)
        ack = fake.wait_for(
            lambda f: next((c for c in f.calls if c.path.endswith("/@original")), None)
        )
        assert "répondu en message privé" in ack.json["content"]  # not "transmise"
        assert fake.posts(dm_channel(fake, LEAD)) == []
        assert fake.posts(COMMUNITY) == []
        assert leaks(fake, SECRET) == []
        assert list((tmp_path / "spool").iterdir())  # kept for when the database is back
    finally:
        assert running.stop() == 0
        fake.stop()


def test_a_major_emergency_reaches_escalation_at_once(db_url: str, tmp_path: Path) -> None:
    running = start(db_url, tmp_path)
    fake = running.fake
    try:
        fake.slash(ASKER, GENERAL, SECRET, privee=True, urgence="major")
        alert = fake.wait_for(
            lambda f: next(
                (c for c in f.posts(dm_channel(f, ESCALATION)) if "Urgence majeure" in text_of(c)),
                None,
            )
        )
        assert alert.json["embeds"][0]["description"] == SECRET
        fake.wait_for(lambda f: any(SECRET in text_of(c) for c in f.posts(dm_channel(f, LEAD))))
        assert leaks(fake, SECRET) == []
    finally:
        assert running.stop() == 0
        fake.stop()
