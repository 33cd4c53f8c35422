"""`python -m bot kb export` and `python -m bot stats`, run as the lead would, on a database where
an entry and phrasings were published; the exported file passes `kb check`."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from bot.config import Settings
from bot.core import Desk, Spool
from bot.db.engine import make_engine, migrate, session_factory
from bot.knowledge.registry import Knowledge
from tests.test_cli import ROOT, bot

LEAD = "ULEAD"


def _published(tmp_path: Path) -> tuple[str, Path]:
    kb_dir = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", kb_dir)
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    engine = make_engine(url)
    migrate(engine)
    settings = replace(Settings(), database_url=url, support_lead=LEAD, spool_dir=tmp_path / "s")
    desk = Desk(
        session_factory(engine), Knowledge.load(kb_dir), settings, spool=Spool(tmp_path / "s")
    )
    reply = desk.ask(
        asker="U1", text="Comment ajouter un logo ## dans mes e-mails ?", kb="sg-autorepondeur"
    )
    desk.to_community(reply.question_id)
    desk.record_community_post(reply.question_id, "CC", "1.1")
    desk.community_reply("CC", "1.1", "U2")
    desk.record_community_answer(
        channel="CC",
        thread_ts="1.1",
        ts="1.2",
        responder="U2",
        text="Dans l'éditeur, bouton Image.\n## pas un titre\nVariantes :\n- pas une variante",
    )
    desk.solve_community(channel="CC", ts="1.1", by="U1")
    [draft] = desk.waiting_proposals()
    desk.record_proposal_card(draft.id, "DLEAD", "9.9", "https://slack.example/p11")
    desk.publish(draft.id, LEAD)
    engine.dispose()
    return url, kb_dir


def test_export_writes_published_entries_that_pass_kb_check(tmp_path) -> None:
    url, kb_dir = _published(tmp_path)
    run = bot("kb", "export", "--dir", str(kb_dir), env={"DATABASE_URL": url})
    assert run.returncode == 0, run.stderr
    written = kb_dir / "sg-autorepondeur" / "faq-communaute.md"
    assert "1 entrée(s) publiée(s) écrite(s)" in run.stdout
    text = written.read_text(encoding="utf-8")
    assert (
        "## Comment ajouter un logo ## dans mes e-mails ? "
        "{#comment-ajouter-un-logo-dans-mes-e-mails-1}" in text
    )
    assert "# comment-ajouter-un-logo-dans-mes-e-mails-1 : https://slack.example/p11" in text
    check = bot("kb", "check", "--dir", str(kb_dir))
    assert check.returncode == 0, check.stdout
    assert "sg-autorepondeur (29 unités," in check.stdout
    unit = Knowledge.load(kb_dir).unit(
        "sg-autorepondeur/comment-ajouter-un-logo-dans-mes-e-mails-1"
    )
    assert unit is not None and unit.answer.startswith("Dans l'éditeur, bouton Image.")
    assert "pas un titre" in unit.answer and unit.phrasings == ()


def test_stats_prints_the_weeks_figures(tmp_path) -> None:
    url, _ = _published(tmp_path)
    run = bot("stats", env={"DATABASE_URL": url})
    assert run.returncode == 0, run.stderr
    assert "Questions publiques : 1" in run.stdout
    assert "Répondues par la communauté : 1 (100 %)" in run.stdout


def test_stats_on_an_unreachable_database_says_so() -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:1/nope?connect_timeout=2"
    run = bot("stats", env={"DATABASE_URL": url})
    assert run.returncode == 1 and "Base de données inaccessible" in run.stderr
