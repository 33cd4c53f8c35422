"""A base's training course (`course.toml`): levels in order, chapters numbered through them, and
for the chapters the base holds, their title and sections (unit anchors, in order).

Only what the sources say is declared: a chapter without a title is shown by number and level.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.knowledge.model import KnowledgeBase, Problem
from bot.messages import t

COURSE_FILE = "course.toml"


@dataclass(frozen=True)
class Chapter:
    number: int
    level: str
    title: str | None = None
    sections: tuple[str, ...] = ()  # unit ids "<kb>/<anchor>", in the chapter's order

    @property
    def last_section(self) -> str | None:
        return self.sections[-1] if self.sections else None


@dataclass(frozen=True)
class Course:
    kb: str
    title: str
    source: str
    levels: tuple[tuple[str, int], ...]  # (name, chapter count), in order
    chapters: tuple[Chapter, ...]  # every chapter, 1..N
    end_of_chapter: str = ""

    def chapter_of(self, unit_id: str) -> Chapter | None:
        for chapter in self.chapters:
            if unit_id in chapter.sections:
                return chapter
        return None

    def get(self, number: int) -> Chapter | None:
        return self.chapters[number - 1] if 1 <= number <= len(self.chapters) else None


def _line(text: str, needle: str) -> int:
    for n, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return n
    return 1


def _levels(
    data: dict[str, Any], rel: str, text: str
) -> tuple[list[tuple[str, int]], list[Problem]]:
    levels: list[tuple[str, int]] = []
    for item in data.get("levels") or []:
        name = str(item.get("name") or "").strip() if isinstance(item, dict) else ""
        count = item.get("chapters") if isinstance(item, dict) else None
        if not name or not isinstance(count, int) or count < 1:
            return [], [Problem(rel, _line(text, "[[levels]]"), t("kb.course.bad_level"))]
        levels.append((name, count))
    if not levels:
        return [], [Problem(rel, 1, t("kb.course.no_levels"))]
    return levels, []


def parse_course(path: Path, kb: KnowledgeBase, rel: str) -> tuple[Course | None, list[Problem]]:
    """The course of base `kb` from `path`; problems (file:line) instead of exceptions."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return None, [Problem(rel, 0, t("kb.course.unreadable", error=exc))]
    levels, problems = _levels(data, rel, text)
    if problems:
        return None, problems
    by_number: list[tuple[int, str]] = [
        (n, name)
        for first, (name, count) in zip(_starts(levels), levels, strict=True)
        for n in range(first, first + count)
    ]
    known: dict[int, Chapter] = {}
    for item in data.get("chapters") or []:
        number = item.get("number") if isinstance(item, dict) else None
        line = _line(text, f"number = {number}")
        if not isinstance(number, int) or not 1 <= number <= len(by_number):
            problems.append(Problem(rel, line, t("kb.course.bad_number", total=len(by_number))))
            continue
        if number in known:
            problems.append(Problem(rel, line, t("kb.course.duplicate", number=number)))
            continue
        sections = []
        for anchor in item.get("sections") or []:
            unit_id = f"{kb.name}/{anchor}"
            if kb.get(unit_id) is None:
                problems.append(
                    Problem(
                        rel, _line(text, f'"{anchor}"'), t("kb.course.bad_section", anchor=anchor)
                    )
                )
            else:
                sections.append(unit_id)
        title = str(item.get("title") or "").strip() or None
        known[number] = Chapter(number, by_number[number - 1][1], title, tuple(sections))
    chapters = tuple(known.get(n) or Chapter(n, level) for n, level in by_number)
    course = Course(
        kb=kb.name,
        title=str(data.get("title") or kb.title),
        source=str(data.get("source") or ""),
        levels=tuple(levels),
        chapters=chapters,
        end_of_chapter=str(data.get("end_of_chapter") or "").strip(),
    )
    return course, problems


def _starts(levels: list[tuple[str, int]]) -> list[int]:
    starts, n = [], 1
    for _, count in levels:
        starts.append(n)
        n += count
    return starts


def load_courses(
    root: Path, bases: dict[str, KnowledgeBase]
) -> tuple[dict[str, Course], list[Problem]]:
    """Every base's `course.toml` (a base without one has no course)."""
    courses: dict[str, Course] = {}
    problems: list[Problem] = []
    for name, kb in sorted(bases.items()):
        path = root / name / COURSE_FILE
        if not path.is_file():
            continue
        course, found = parse_course(path, kb, str(path.relative_to(root)))
        problems.extend(found)
        if course is not None:
            courses[name] = course
    return courses, problems
