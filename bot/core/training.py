"""Training progress: which chapters of a base's course each customer consulted.

An answer that cites a chapter's section marks the chapter consulted (in the same transaction as
the question); the customer can also mark one from the list. `render_progress` gives the French
lines every adapter shows: one per chapter, «👁 consulté» or «🙈 à consulter», and the next one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.base import from_iso, iso
from bot.core.community_learning import CommunityLearningMixin
from bot.core.learning_views import ChapterLine, CourseProgress
from bot.core.views import NotFound
from bot.db.models_learning import ChapterProgress
from bot.db.upsert import insert_ignore
from bot.knowledge.course import Chapter, Course
from bot.messages import t


class TrainingMixin(CommunityLearningMixin):
    def course(self, kb: str | None = None) -> Course:
        """The course of `kb`, or the only (first) one; NotFound when no base declares one."""
        courses = self.knowledge.courses
        if kb and kb in courses:
            return courses[kb]
        if not courses:
            raise NotFound("no course")
        return courses[sorted(courses)[0]]

    def chapter_of(self, unit_id: str) -> tuple[Course, Chapter] | None:
        course = self.knowledge.courses.get(unit_id.split("/", 1)[0])
        chapter = course.chapter_of(unit_id) if course else None
        return (course, chapter) if course and chapter else None

    def ends_chapter(self, unit_id: str) -> str | None:
        """The end-of-chapter reminder when `unit_id` is the last section of its chapter."""
        found = self.chapter_of(unit_id)
        if found is None or found[1].last_section != unit_id:
            return None
        return found[0].end_of_chapter or t("training.end_of_chapter")

    def progress(self, user: str, kb: str | None = None) -> CourseProgress:
        course = self.course(kb)
        seen = self._read(lambda s: _seen(s, user, course.kb))
        return build_progress(course, seen)

    def mark_chapter(self, user: str, number: int, kb: str | None = None) -> CourseProgress:
        """The customer marks chapter `number` consulted. Unknown chapter -> NotFound."""
        course = self.course(kb)
        if course.get(number) is None:
            raise NotFound(f"chapter {number}")
        payload = {
            "user": user,
            "kb": course.kb,
            "chapter": number,
            "how": "marked",
            "unit_id": None,
            "at": iso(self.now()),
        }
        self._write("chapter_seen", payload)
        seen = self._read(lambda s: _seen(s, user, course.kb))
        progress = build_progress(course, seen)
        marked = progress.chapters[number - 1]
        return CourseProgress(
            progress.kb,
            progress.title,
            progress.chapters,
            progress.next_chapter,
            progress.end_of_chapter,
            just_marked=marked,
        )

    def _apply_chapter_seen(self, s: Session, p: dict[str, Any]) -> None:
        insert_ignore(
            s,
            ChapterProgress,
            user=p["user"],
            kb=p["kb"],
            chapter=p["chapter"],
            how=p["how"],
            unit_id=p.get("unit_id"),
            created_at=from_iso(p["at"]),
        )

    def _cited(self, s: Session, user: str, unit_id: str | None, at: str) -> None:
        found = self.chapter_of(unit_id) if unit_id else None
        if found is not None:
            course, chapter = found
            payload = {"user": user, "kb": course.kb, "chapter": chapter.number, "how": "answer"}
            self._apply_chapter_seen(s, {**payload, "unit_id": unit_id, "at": at})

    def _apply_question(self, s: Session, p: dict[str, Any]) -> int:
        question_id = super()._apply_question(s, p)
        if p.get("status") == "answered":
            self._cited(s, p["asker"], p.get("unit_id"), p["at"])
        return question_id

    def _apply_choose_suggestion(self, s: Session, p: dict[str, Any]) -> None:
        super()._apply_choose_suggestion(s, p)
        self._cited(s, p["by"], p.get("unit_id"), iso(self.now()))


def _seen(s: Session, user: str, kb: str) -> set[int]:
    rows = s.scalars(
        select(ChapterProgress.chapter).where(
            ChapterProgress.user == user, ChapterProgress.kb == kb
        )
    )
    return set(rows)


def build_progress(course: Course, seen: set[int]) -> CourseProgress:
    lines = tuple(
        ChapterLine(c.number, c.level, c.title, c.number in seen) for c in course.chapters
    )
    upcoming = next((line for line in lines if not line.consulted), None)
    return CourseProgress(course.kb, course.title, lines, upcoming, course.end_of_chapter)


def chapter_name(line: ChapterLine) -> str:
    if line.title:
        return t("training.chapter_titled", number=line.number, level=line.level, title=line.title)
    return t("training.chapter", number=line.number, level=line.level)


def render_progress(progress: CourseProgress) -> list[str]:
    """French lines: a heading, one line per chapter, then the next chapter (or all done)."""
    total = len(progress.chapters)
    lines = [t("training.title", title=progress.title, done=progress.consulted, total=total)]
    for line in progress.chapters:
        mark = t("training.consulted") if line.consulted else t("training.to_consult")
        lines.append(t("training.line", chapter=chapter_name(line), mark=mark))
    if progress.next_chapter is not None:
        lines.append(t("training.next", chapter=chapter_name(progress.next_chapter)))
    else:
        lines.append(t("training.all_done"))
    return lines


def marked_text(progress: CourseProgress) -> str:
    """What the customer is told after marking a chapter: done, and the reminder that questions
    are welcome before moving on (the list that follows names the next chapter)."""
    marked = progress.just_marked
    parts = [t("training.marked", chapter=chapter_name(marked))] if marked else []
    parts.append(progress.end_of_chapter or t("training.end_of_chapter"))
    return "\n".join(parts)
