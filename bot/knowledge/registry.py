"""All loaded knowledge bases with their matchers; a broken file never stops the bot."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from bot.config import Settings
from bot.knowledge.course import Course, load_courses
from bot.knowledge.intake import Intake, load_intakes
from bot.knowledge.loader import load_all
from bot.knowledge.model import KnowledgeBase, Problem, Unit
from bot.knowledge.render import title_lookup, to_markdown, to_mrkdwn, to_text
from bot.matching import Matcher, MatchResult
from bot.matching.gate import DEFAULT_TARGET

log = logging.getLogger(__name__)


ALL = "all"  # the name that searches every base at once
MATCH_CACHE = 1024  # questions whose match each process keeps (a few MB at most)


def combined(bases: dict[str, KnowledgeBase]) -> KnowledgeBase:
    return KnowledgeBase(
        name=ALL,
        title="Toutes les bases",
        units=[unit for name in sorted(bases) for unit in bases[name].units],
        vocabulary=tuple(pair for name in sorted(bases) for pair in bases[name].vocabulary),
        products={k: v for name in sorted(bases) for k, v in bases[name].products.items()},
        gaps=[gap for name in sorted(bases) for gap in bases[name].gaps],
    )


class Knowledge:
    """Every base by name, plus `all` (every unit of every base), each with its matcher."""

    def __init__(
        self,
        bases: dict[str, KnowledgeBase],
        problems: list[Problem] | None = None,
        courses: dict[str, Course] | None = None,
        intakes: dict[str, Intake] | None = None,
        target_false_rate: float = DEFAULT_TARGET,
        index_cache: Path | None = None,
    ):
        self.bases = bases
        self.problems = problems or []
        self.courses = courses or {}  # base name -> its training course (course.toml)
        self.intakes = intakes or {}  # base name -> what its question form asks (intake.toml)
        self.target_false_rate = target_false_rate
        # unit id -> title, for answers that link to another unit (built once, not per answer)
        self.titles = {u.id: u.title for kb in bases.values() for u in kb.units}

        def build(kb: KnowledgeBase) -> Matcher:
            return Matcher.build(kb, target_false_rate=target_false_rate, cache_dir=index_cache)

        self.matchers = {name: build(kb) for name, kb in bases.items()}
        self.matchers[ALL] = (
            build(combined(bases)) if len(bases) != 1 else next(iter(self.matchers.values()))
        )
        self._match = lru_cache(maxsize=MATCH_CACHE)(self._match_uncached)

    @classmethod
    def load(
        cls,
        root: Path,
        target_false_rate: float = DEFAULT_TARGET,
        index_cache: Path | None = None,
    ) -> Knowledge:
        """Every base under `root`; the gate answers at `target_false_rate` (see
        MATCH_TARGET_FALSE_RATE); built indexes are kept in `index_cache` (INDEX_CACHE_DIR)."""
        bases, problems = load_all(root)
        courses, course_problems = load_courses(root, bases)
        intakes, intake_problems = load_intakes(root, bases)
        problems = [*problems, *course_problems, *intake_problems]
        for problem in problems:
            log.warning("knowledge: %s", problem)
        return cls(bases, problems, courses, intakes, target_false_rate, index_cache)

    @classmethod
    def from_settings(cls, settings: Settings) -> Knowledge:
        return cls.load(
            settings.knowledge_dir, settings.match_target_false_rate, settings.index_cache_dir
        )

    def rebuilt(self, bases: dict[str, KnowledgeBase]) -> Knowledge:
        """The same knowledge (class, courses, intakes, answer gate) over other bases, matchers
        rebuilt. Not saved to the index cache: the published entries change it at every
        publication, and the files' own index stays cached."""
        return type(self)(bases, self.problems, self.courses, self.intakes, self.target_false_rate)

    def names(self) -> list[str]:
        return sorted(self.bases)

    def unit(self, unit_id: str) -> Unit | None:
        kb = self.bases.get(unit_id.split("/", 1)[0])
        return kb.get(unit_id) if kb else None

    def render(self, unit: Unit, style: str = "text") -> str:
        """The unit's answer for display: "text" (console), "mrkdwn" (Slack) or "markdown"
        (Discord)."""
        convert = {"mrkdwn": to_mrkdwn, "markdown": to_markdown}.get(style, to_text)
        return convert(unit.answer, title_lookup(self.titles, unit.kb))

    def match(self, question: str, kb: str = ALL) -> MatchResult:
        """Matching is pure and this knowledge never changes (publishing builds a new one), so
        the last MATCH_CACHE questions asked are answered from memory."""
        return self._match(question, kb or ALL)

    def _match_uncached(self, question: str, kb: str) -> MatchResult:
        matcher = self.matchers.get(kb)
        if matcher is None:
            raise KeyError(f"base de connaissances inconnue : {kb}")
        return matcher.match(question)
