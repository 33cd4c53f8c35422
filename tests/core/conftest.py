"""Desk fixtures: a small knowledge base built in code, settings with a private spool folder."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.config import Settings
from bot.core import Desk, Spool
from bot.knowledge.model import KnowledgeBase, Unit
from bot.knowledge.registry import Knowledge

KB = "test-kb"
BROWSER = "Quel navigateur utiliser pour l'espace client ?"
PASSWORD = "Comment réinitialiser mon mot de passe ?"
GIBBERISH = "xqzt wvbn plok"
# a Tuesday, 10:00 in Paris, far from French public holidays
T0 = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def units() -> list[Unit]:
    return [
        Unit(
            id=f"{KB}/navigateur",
            kb=KB,
            title=BROWSER,
            kind="faq",
            answer="Utilisez Firefox ou Chrome à jour.",
            source="FAQ › Navigateur",
        ),
        Unit(
            id=f"{KB}/mot-de-passe",
            kb=KB,
            title=PASSWORD,
            kind="faq",
            answer="Cliquez sur « Mot de passe oublié ».",
            source="FAQ › Mot de passe",
        ),
        Unit(
            id=f"{KB}/factures",
            kb=KB,
            title="Où trouver mes factures ?",
            kind="faq",
            answer="Dans l'onglet Factures.",
            source="FAQ › Factures",
        ),
    ]


@pytest.fixture
def knowledge() -> Knowledge:
    return Knowledge({KB: KnowledgeBase(KB, "Base de test", units())})


@pytest.fixture
def settings(tmp_path, db_url) -> Settings:  # type: ignore[no-untyped-def]
    return Settings(
        database_url=db_url,
        default_kb=KB,
        spool_dir=tmp_path / "spool",
        knowledge_dir=tmp_path / "kb",
    )


class Clock:
    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def desk(sessions, knowledge, settings, clock) -> Desk:  # type: ignore[no-untyped-def]
    return Desk(sessions, knowledge, settings, clock=clock, spool=Spool(settings.spool_dir))
