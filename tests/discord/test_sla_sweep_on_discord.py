"""The SLA sweep and the announcer, shared with Slack, on Discord: a ticket recorded while the
bot was away (its deadline long past) gets its card in the lead's DM, its confirmation in the
asker's DM, and one escalation in ESCALATION_TO's DM carrying the question (the lead is told of
it); nowhere else."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.config import Settings
from bot.core import Desk
from bot.db.engine import make_engine, session_factory
from bot.knowledge.registry import Knowledge
from tests.discord.fake_discord import ASKER, ESCALATION, LEAD
from tests.discord.harness import ROOT, dm_channel, leaks, pinging, start, text_of

SECRET = "Facture 2026-118 en double, merci de rembourser la seconde"


def test_an_overdue_ticket_is_announced_and_escalated_once(db_url: str, tmp_path: Path) -> None:
    engine = make_engine(db_url)
    past = datetime(2026, 11, 2, 10, tzinfo=UTC)  # a Monday, a month ago
    desk = Desk(
        session_factory(engine), Knowledge.load(ROOT / "knowledge"), Settings(), clock=lambda: past
    )
    ticket = desk.open_ticket(asker=ASKER, text=SECRET)
    engine.dispose()

    running = start(db_url, tmp_path)
    fake = running.fake
    try:
        lead_dm, oncall_dm = dm_channel(fake, LEAD), dm_channel(fake, ESCALATION)
        card = fake.wait_for(
            lambda f: next(
                (c for c in f.posts(lead_dm) if f"Ticket n°{ticket.id}**" in text_of(c)), None
            )
        )
        assert card.json["embeds"][0]["description"] == SECRET
        fake.wait_for(
            lambda f: any(f"n°{ticket.id}" in text_of(c) for c in f.posts(dm_channel(f, ASKER)))
        )
        escalation = fake.wait_for(
            lambda f: next((c for c in f.posts(oncall_dm) if "Escalade" in text_of(c)), None)
        )
        assert SECRET in text_of(escalation)  # a person: the question is shown in their DM
        # the lead hears of the escalation too (without the question)
        told = fake.wait_for(
            lambda f: next((c for c in f.posts(lead_dm) if "escaladé" in text_of(c)), None)
        )
        assert SECRET not in text_of(told)
        assert leaks(fake, SECRET) == []
        assert pinging(fake) == []
    finally:
        assert running.stop() == 0
        fake.stop()
    escalations = [c for c in fake.posts(oncall_dm) if "Escalade" in text_of(c)]
    assert len(escalations) == 1
