"""The real `python -m bot discord` process against the loopback stand-in, on SQLite and on
PostgreSQL (the `db_url` fixture). Every test ends with SIGTERM, and checks that the process
stopped cleanly, never tried to resolve a host other than the loopback, and sent no message
that could ping anyone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.discord.harness import Running, pinging, start


@pytest.fixture
def bot(db_url: str, tmp_path: Path) -> Iterator[Running]:
    running = start(db_url, tmp_path)
    try:
        yield running
    finally:
        code = running.stop()
        running.fake.stop()
    assert code == 0, running.log()
    assert running.refused_lookups() == []
    assert pinging(running.fake) == []
