"""What keeping every instance's answers fresh costs: the version read before each match, and the
rebuild after a publication. Prints figures; asserts nothing.

    python -m bot bench-learning [--db URL] [--queries N] [--published N]

With a PostgreSQL --db, a scratch database is created next to it and dropped at the end.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bot.config import Settings
from bot.core import Desk, Spool
from bot.core.live_knowledge import read_version
from bot.db.engine import make_engine, migrate, session_factory
from bot.db.models_learning import Proposal
from bot.knowledge.registry import Knowledge

QUESTIONS = ["Quel navigateur utiliser ?", "Où sont mes factures ?", "délai livraison sfr"]


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return f"median {statistics.median(ordered) * 1000:.3f} ms, p99 {p99 * 1000:.3f} ms"


@contextmanager
def scratch_database(url: str | None, tmp: Path) -> Iterator[str]:
    """A throw-away database: a SQLite file, or a new PostgreSQL database next to `url`
    (dropped at the end), so that the benchmark never writes into a real one."""
    if not url or not url.startswith("postgresql"):
        yield f"sqlite:///{tmp / 'bench.db'}"
        return
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    name = f"bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def run_learning_bench(settings: Settings, *, url: str | None, queries: int, published: int) -> int:
    with tempfile.TemporaryDirectory() as tmp, scratch_database(url, Path(tmp)) as url:
        engine = make_engine(url)
        migrate(engine)
        sessions = session_factory(engine)
        settings = replace(settings, database_url=url, support_lead="ULEAD", spool_dir=Path(tmp))
        knowledge = Knowledge.from_settings(settings)
        desk = Desk(sessions, knowledge, settings, spool=Spool(Path(tmp)))
        print(f"database: {engine.url.get_backend_name()}")
        reads: list[float] = []
        for _ in range(queries):
            start = time.perf_counter()
            with sessions.begin() as s:
                read_version(s)
            reads.append(time.perf_counter() - start)
        print(f"version read before a match: {_ms(reads)}")
        matches: list[float] = []
        for n in range(queries):
            start = time.perf_counter()
            desk.knowledge.match(QUESTIONS[n % len(QUESTIONS)], "all")
            matches.append(time.perf_counter() - start)
        print(f"matching alone:              {_ms(matches)}")
        for n in range(published):
            reply = desk.ask(asker="U1", text=f"question inédite numéro {n} zqx{n}", kb="all")
            with sessions.begin() as s:
                s.add(
                    Proposal(
                        kind="entry",
                        origin=f"q:{reply.question_id}",
                        kb="sg-autorepondeur",
                        status="waiting",
                        question=f"Question apprise {n}",
                        answer="Réponse.",
                    )
                )
        for proposal in desk.waiting_proposals():
            desk.publish(proposal.id, "ULEAD")
        start = time.perf_counter()
        desk.refresh_knowledge()
        rebuild = time.perf_counter() - start
        print(f"rebuild after {published} publications: {rebuild * 1000:.1f} ms (once per change)")
        engine.dispose()
    return 0
