"""All loaded knowledge bases with their matchers; a broken file never stops the bot."""

from __future__ import annotations

import logging
from pathlib import Path

from bot.knowledge.course import Course, load_courses
from bot.knowledge.intake import Intake, load_intakes
from bot.knowledge.loader import load_all
from bot.knowledge.model import KnowledgeBase, Problem, Unit
from bot.knowledge.render import title_lookup, to_mrkdwn, to_text
from bot.matching import Matcher, MatchResult

log = logging.getLogger(__name__)


ALL = "all"  # the name that searches every base at once


def combined(bases: dict[str, KnowledgeBase]) -> KnowledgeBase:
    return KnowledgeBase(
        name=ALL,
        title="Toutes les bases",
        units=[unit for name in sorted(bases) for unit in bases[name].units],
    )


class Knowledge:
    """Every base by name, plus `all` (every unit of every base), each with its matcher."""

    def __init__(
        self,
        bases: dict[str, KnowledgeBase],
        problems: list[Problem] | None = None,
        courses: dict[str, Course] | None = None,
        intakes: dict[str, Intake] | None = None,
    ):
        self.bases = bases
        self.problems = problems or []
        self.courses = courses or {}  # base name -> its training course (course.toml)
        self.intakes = intakes or {}  # base name -> what its question form asks (intake.toml)
        # unit id -> title, for answers that link to another unit (built once, not per answer)
        self.titles = {u.id: u.title for kb in bases.values() for u in kb.units}
        self.matchers = {name: Matcher.build(kb) for name, kb in bases.items()}
        self.matchers[ALL] = (
            Matcher.build(combined(bases))
            if len(bases) != 1
            else next(iter(self.matchers.values()))
        )

    @classmethod
    def load(cls, root: Path) -> Knowledge:
        bases, problems = load_all(root)
        courses, course_problems = load_courses(root, bases)
        intakes, intake_problems = load_intakes(root, bases)
        problems = [*problems, *course_problems, *intake_problems]
        for problem in problems:
            log.warning("knowledge: %s", problem)
        return cls(bases, problems, courses, intakes)

    def rebuilt(self, bases: dict[str, KnowledgeBase]) -> Knowledge:
        """The same knowledge (class, courses, intakes) over other bases, matchers rebuilt."""
        return type(self)(bases, self.problems, self.courses, self.intakes)

    def names(self) -> list[str]:
        return sorted(self.bases)

    def unit(self, unit_id: str) -> Unit | None:
        kb = self.bases.get(unit_id.split("/", 1)[0])
        return kb.get(unit_id) if kb else None

    def render(self, unit: Unit, style: str = "text") -> str:
        """The unit's answer for display: "text" (console) or "mrkdwn" (Slack)."""
        convert = to_mrkdwn if style == "mrkdwn" else to_text
        return convert(unit.answer, title_lookup(self.titles, unit.kb))

    def match(self, question: str, kb: str = ALL) -> MatchResult:
        matcher = self.matchers.get(kb or ALL)
        if matcher is None:
            raise KeyError(f"base de connaissances inconnue : {kb}")
        return matcher.match(question)
