"""Training progress: an answer citing a chapter's section marks it consulted; the customer can
mark a chapter; the list shows 👁 / 🙈 and the next chapter."""

from __future__ import annotations

import pytest

from bot.core import Desk, NotFound, Spool
from bot.core.training import marked_text, render_progress
from bot.knowledge.course import Chapter, Course
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.registry import Knowledge
from tests.core.conftest import BROWSER, KB, PASSWORD, units

END = "Écrivez-nous avant de passer au chapitre suivant."


def course() -> Course:
    first = Chapter(1, "Apprentissage", "Les bases", (f"{KB}/navigateur", f"{KB}/mot-de-passe"))
    return Course(
        kb=KB,
        title="Formation test",
        source="",
        levels=(("Apprentissage", 2), ("Maîtrise", 1)),
        chapters=(first, Chapter(2, "Apprentissage"), Chapter(3, "Maîtrise")),
        end_of_chapter=END,
    )


@pytest.fixture
def tdesk(sessions, settings, clock) -> Desk:  # type: ignore[no-untyped-def]
    knowledge = Knowledge({KB: KnowledgeBase(KB, "T", units())}, courses={KB: course()})
    return Desk(sessions, knowledge, settings, clock=clock, spool=Spool(settings.spool_dir))


def test_an_answer_citing_a_section_marks_its_chapter_for_that_customer_only(tdesk) -> None:
    before = tdesk.progress("U1")
    assert before.consulted == 0 and before.next_chapter.number == 1
    assert tdesk.ask(asker="U1", text=BROWSER, kb=KB).kind == "answer"
    tdesk.ask(asker="U1", text=PASSWORD, kb=KB)  # same chapter again: still one
    after = tdesk.progress("U1")
    assert [c.consulted for c in after.chapters] == [True, False, False]
    assert after.next_chapter.number == 2
    assert tdesk.progress("U2").consulted == 0


def test_an_faq_answer_marks_nothing(tdesk) -> None:
    tdesk.ask(asker="U1", text="Où trouver mes factures ?", kb=KB)
    assert tdesk.progress("U1").consulted == 0


def test_the_list_reads_open_and_closed_eyes_and_names_the_next_chapter(tdesk) -> None:
    tdesk.ask(asker="U1", text=BROWSER, kb=KB)
    lines = render_progress(tdesk.progress("U1"))
    assert lines[0] == "*Formation test* : 1 / 3 chapitres consultés"
    assert lines[1] == "Chapitre 1 « Les bases » (Apprentissage) — 👁 consulté"
    assert lines[2] == "Chapitre 2 (Apprentissage) — 🙈 à consulter"
    assert lines[3] == "Chapitre 3 (Maîtrise) — 🙈 à consulter"
    assert lines[4] == "Prochain chapitre : Chapitre 2 (Apprentissage)"


def test_marking_a_chapter_reminds_that_questions_are_welcome_before_moving_on(tdesk) -> None:
    progress = tdesk.mark_chapter("U1", 2)
    assert progress.just_marked.number == 2 and progress.next_chapter.number == 1
    text = marked_text(progress)
    assert "Chapitre 2 (Apprentissage) est marqué comme consulté." in text
    assert END in text
    assert (
        render_progress(progress)[-1]
        == "Prochain chapitre : Chapitre 1 « Les bases » (Apprentissage)"
    )
    tdesk.mark_chapter("U1", 2)  # twice: no error, one row
    assert tdesk.progress("U1").consulted == 1
    with pytest.raises(NotFound):
        tdesk.mark_chapter("U1", 4)


def test_the_last_section_of_a_chapter_carries_the_reminder(tdesk) -> None:
    assert tdesk.ends_chapter(f"{KB}/mot-de-passe") == END
    assert tdesk.ends_chapter(f"{KB}/navigateur") is None
    assert tdesk.ends_chapter(f"{KB}/factures") is None


def test_a_chosen_suggestion_from_a_chapter_marks_it_too(tdesk) -> None:
    reply = tdesk.ask(asker="U1", text="mot de passe factures", kb=KB)
    assert reply.kind == "suggestions"
    tdesk.choose_suggestion(reply.question_id, f"{KB}/mot-de-passe", "U1")
    assert tdesk.progress("U1").chapters[0].consulted


def test_no_course_declared(desk) -> None:
    with pytest.raises(NotFound):
        desk.progress("U1")
