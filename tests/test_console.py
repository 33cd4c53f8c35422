import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.console import run_chat
from bot.db.engine import make_engine, session_factory
from bot.db.models import CommunityThread, Question, Ticket
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.registry import Knowledge
from bot.matching import Match, MatchResult
from bot.messages import t
from tests.core.conftest import BROWSER, GIBBERISH, KB, units

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def knowledge() -> Knowledge:
    return Knowledge({KB: KnowledgeBase(KB, "Base de test", units())})


@pytest.fixture
def settings(tmp_path, db_url) -> Settings:  # type: ignore[no-untyped-def]
    return Settings(database_url=db_url, default_kb=KB, spool_dir=tmp_path / "spool")


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def chat(settings: Settings, knowledge, text: str, stdin_class=io.StringIO) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    out = io.StringIO()
    code = run_chat(settings, stdin=stdin_class(text), stdout=out, knowledge=knowledge)
    return code, out.getvalue()


def rows(settings: Settings, model):  # type: ignore[no-untyped-def]
    engine = make_engine(settings.database_url)
    try:
        with session_factory(engine)() as s:
            return s.scalars(select(model).order_by(model.id)).all()
    finally:
        engine.dispose()


def test_piped_question_prints_the_answer_and_its_source_only(settings, knowledge) -> None:
    code, out = chat(settings, knowledge, BROWSER + "\n")
    assert code == 0
    assert out == "Utilisez Firefox ou Chrome à jour.\n\nSource : FAQ › Navigateur\n"
    [question] = rows(settings, Question)
    assert (question.origin, question.status, question.text) == ("console", "answered", BROWSER)


def test_welcome_only_on_a_terminal(settings, knowledge) -> None:
    _, out = chat(settings, knowledge, "", stdin_class=Tty)
    assert out.startswith(t("console.welcome"))
    assert chat(settings, knowledge, "")[1] == ""


def test_unanswered_question_goes_to_the_community_when_the_asker_chooses(
    settings, knowledge
) -> None:
    # issue 8: a private chat asks before publishing (it used to publish at once)
    _, out = chat(settings, knowledge, GIBBERISH + "\n")
    [question] = rows(settings, Question)
    assert question.status == "suggested" and not rows(settings, CommunityThread)
    assert t("console.publish_choice") in out
    _, out = chat(settings, knowledge, GIBBERISH + "\n/communauté\n")
    question = rows(settings, Question)[-1]
    assert question.status == "community"
    assert t("console.community", id=question.id) in out
    assert "communauté" in out


def test_suggestions_are_numbered_and_can_be_picked(settings) -> None:
    u = units()

    class Unsure(Knowledge):
        def match(self, question: str, kb: str = "all") -> MatchResult:
            return MatchResult(False, None, (Match(u[1], 60.0), Match(u[2], 50.0)), "unsure")

    knowledge = Unsure({KB: KnowledgeBase(KB, "Base de test", u)})
    _, out = chat(settings, knowledge, "mot de passe ou factures ?\n2\n7\n")
    assert t("answer.suggestions_intro") in out
    # the first suggestion shows the first sentence of its answer, so the asker recognises it
    first = u[1].answer.split(". ")[0].rstrip(".") + "."
    assert f"  1. {u[1].title}\n     {first}\n  2. {u[2].title}\n" in out
    assert f"{u[2].answer}\n\nSource : {u[2].source}" in out
    assert t("console.bad_choice", number=7) in out
    assert len(rows(settings, Question)) == 1  # "2" and "7" are choices, not questions


def test_private_question_opens_a_ticket_and_stays_private(settings, knowledge) -> None:
    secret = "Mon compte client 4242 est bloqué"
    _, out = chat(settings, knowledge, f"/privé {secret}\n/prive autre souci\n/privé   \n")
    tickets = rows(settings, Ticket)
    assert [(tk.asker, tk.text, tk.status) for tk in tickets] == [
        ("console", secret, "open"),
        ("console", "autre souci", "open"),
    ]
    assert f"ticket n°{tickets[0].id}" in out and tickets[0].due_at is not None
    assert t("console.hint.reply") in out and " fil " not in out  # the console has no threads
    assert t("input.empty") in out
    assert rows(settings, Question) == [] and rows(settings, CommunityThread) == []
    assert secret not in out


def test_help_smalltalk_and_quit(settings, knowledge) -> None:
    code, out = chat(settings, knowledge, "/aide\n\nbonjour\n/quitter\n" + BROWSER + "\n")
    assert code == 0
    assert out == f"{t('console.help')}\n\n{t('smalltalk.greeting')}\n"


def test_database_down_still_answers_and_keeps_the_message(tmp_path, knowledge) -> None:
    """SQLite file under a regular file: neither the folder nor the database can exist."""
    (tmp_path / "a-file").write_text("not a folder")
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'a-file' / 'bot.db'}",
        default_kb=KB,
        spool_dir=tmp_path / "spool",
    )
    code, out = chat(settings, knowledge, f"{BROWSER}\n/privé secret\n")
    assert code == 0
    assert "Source : FAQ › Navigateur" in out and t("store.down") in out
    spooled = (tmp_path / "spool" / "spool.jsonl").read_text(encoding="utf-8")
    assert '"kind": "question"' in spooled and '"kind": "ticket"' in spooled


@pytest.mark.parametrize("command", [["bot.console"], ["bot", "chat"]])
def test_piped_through_python_dash_m(tmp_path, command) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'bot.db'}",
        "SPOOL_DIR": str(tmp_path / "spool"),
        "KNOWLEDGE_DIR": str(ROOT / "knowledge"),
    }
    done = subprocess.run(
        [sys.executable, "-m", *command],
        input="bonjour\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == t("smalltalk.greeting") + "\n"


def test_unicode_digits_are_not_choices(settings, knowledge) -> None:
    code, out = chat(settings, knowledge, "²\n" + BROWSER + "\n")
    assert code == 0
    assert "Firefox" in out  # the chat went on after "²"


def test_formation_in_the_console_after_an_answer_from_a_chapter(tmp_path, db_url) -> None:
    shipped = Knowledge.load(ROOT / "knowledge")
    settings = Settings(database_url=db_url, default_kb="all", spool_dir=tmp_path / "spool")
    lines = (
        "/formation\nQuel navigateur utiliser pour sg autorépondeur ?\n/formation\n/formation 2\n"
    )
    code, out = chat(settings, shipped, lines + "/formation 30\n")
    assert code == 0
    before, after, marked, wrong = out.split("Formation SG Autorépondeur")[1:4] + [out]
    assert "Chapitre 1 « Acquérir de bonnes bases » (Apprentissage) — 🙈 à consulter" in before
    assert "Chapitre 1 « Acquérir de bonnes bases » (Apprentissage) — 👁 consulté" in after
    assert "Prochain chapitre : Chapitre 2 (Apprentissage)" in after
    assert "Chapitre 2 (Apprentissage) — 👁 consulté" in marked
    assert "avant de passer au chapitre suivant" in out
    assert "choisissez un numéro de 1 à 29" in wrong
