"""All loaded knowledge bases with their matchers; a broken file never stops the bot."""

from __future__ import annotations

import logging
from pathlib import Path

from bot.knowledge.loader import load_all
from bot.knowledge.model import KnowledgeBase, Problem
from bot.matching import Matcher, MatchResult

log = logging.getLogger(__name__)


class Knowledge:
    def __init__(self, bases: dict[str, KnowledgeBase], problems: list[Problem] | None = None):
        self.bases = bases
        self.problems = problems or []
        self.matchers = {name: Matcher.build(kb) for name, kb in bases.items()}

    @classmethod
    def load(cls, root: Path) -> Knowledge:
        bases, problems = load_all(root)
        for problem in problems:
            log.warning("knowledge: %s", problem)
        return cls(bases, problems)

    def names(self) -> list[str]:
        return sorted(self.bases)

    def match(self, question: str, kb: str) -> MatchResult:
        matcher = self.matchers.get(kb)
        if matcher is None:
            raise KeyError(f"base de connaissances inconnue : {kb}")
        return matcher.match(question)
