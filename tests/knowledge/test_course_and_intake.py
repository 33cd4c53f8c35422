"""course.toml and intake.toml: the shipped declarations load; mistakes come with file:line."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.course import load_courses
from bot.knowledge.intake import load_intakes
from bot.knowledge.loader import load_all
from bot.knowledge.model import KnowledgeBase, Unit

ROOT = Path(__file__).resolve().parents[2] / "knowledge"


def test_the_shipped_course_has_29_chapters_in_3_levels_and_only_chapter_1_titled() -> None:
    bases, problems = load_all(ROOT)
    courses, course_problems = load_courses(ROOT, bases)
    assert not [p for p in problems + course_problems if p.severity == "error"]
    course = courses["sg-autorepondeur"]
    assert course.levels == (("Apprentissage", 15), ("Maîtrise", 7), ("Spécialisation", 7))
    assert [c.number for c in course.chapters] == list(range(1, 30))
    levels = [c.level for c in course.chapters]
    assert levels.count("Apprentissage") == 15 and levels[15] == levels[21] == "Maîtrise"
    assert levels[22:] == ["Spécialisation"] * 7
    first = course.chapters[0]
    assert first.title == "Acquérir de bonnes bases"
    assert first.sections[0] == "sg-autorepondeur/navigateurs"
    assert first.last_section == "sg-autorepondeur/contacter-le-support"
    # every section of chapter 1's file belongs to chapter 1, and no other chapter is invented
    chapter_units = {u.id for u in bases["sg-autorepondeur"].units if u.kind == "chapter"}
    assert set(first.sections) == chapter_units
    assert all(c.title is None and not c.sections for c in course.chapters[1:])
    assert course.chapter_of("sg-autorepondeur/safari") == first
    assert course.chapter_of("sg-autorepondeur/factures") is None


def test_the_sfr_intake_asks_what_the_procedure_says_the_ei_assistance_needs() -> None:
    bases, _ = load_all(ROOT)
    intakes, problems = load_intakes(ROOT, bases)
    assert problems == []
    labels = [f.label for f in intakes["sfr-acn"].fields]
    assert labels == [
        "Nom du client",
        "Adresse de service",
        "Numéro de téléphone fixe",
        "Captures d'écran indiquant l'erreur",
    ]
    assert intakes["sfr-acn"].fields[-1].type == "files"
    assert "sg-autorepondeur" not in intakes


def _base(tmp_path: Path) -> dict[str, KnowledgeBase]:
    (tmp_path / "kb").mkdir()
    unit = Unit(id="kb/intro", kb="kb", title="Intro", answer="a", source="s")
    return {"kb": KnowledgeBase("kb", "KB", [unit])}


def test_course_mistakes_are_reported_with_their_line(tmp_path) -> None:
    bases = _base(tmp_path)
    (tmp_path / "kb" / "course.toml").write_text(
        '[[levels]]\nname = "Un"\nchapters = 2\n\n'
        '[[chapters]]\nnumber = 1\nsections = ["intro", "absente"]\n\n'
        "[[chapters]]\nnumber = 5\n",
        encoding="utf-8",
    )
    courses, problems = load_courses(tmp_path, bases)
    shown = [str(p) for p in problems]
    missing = "kb/course.toml:7: erreur : course.toml : section #absente introuvable dans la base"
    assert missing in shown
    assert any(s.startswith("kb/course.toml:10:") and "entre 1 et 2" in s for s in shown)
    assert courses["kb"].chapters[0].sections == ("kb/intro",)


def test_a_broken_course_file_is_a_problem_not_a_crash(tmp_path) -> None:
    bases = _base(tmp_path)
    (tmp_path / "kb" / "course.toml").write_bytes(b"\xff\xfe[[levels")
    courses, problems = load_courses(tmp_path, bases)
    assert courses == {} and "illisible" in str(problems[0])
    (tmp_path / "kb" / "intake.toml").write_text('[[fields]]\nid = "Bad Id"\nlabel = ""\n')
    intakes, problems = load_intakes(tmp_path, bases)
    assert intakes == {} and "invalide" in str(problems[0])
