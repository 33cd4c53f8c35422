"""PROVISIONAL: replaced by the indexed French matcher (work in progress)."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from bot.knowledge.model import KnowledgeBase
from bot.matching.result import Match, MatchResult


class Matcher:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._texts = [(u, p.lower()) for u in kb.units for p in (u.title, *u.phrasings)]

    @classmethod
    def build(cls, kb: KnowledgeBase) -> "Matcher":
        return cls(kb)

    def match(self, question: str) -> MatchResult:
        q = question.strip().lower()
        if not q:
            return MatchResult(False, reason="empty")
        hits = process.extract(q, [t for _, t in self._texts], scorer=fuzz.WRatio, limit=3)
        matches = tuple(Match(self._texts[i][0], s) for _, s, i in hits)
        if matches and matches[0].score >= 90:
            return MatchResult(True, matches[0], matches, "answered")
        return MatchResult(False, None, matches, "unsure")


def match(question: str, matcher: Matcher) -> MatchResult:
    return matcher.match(question)
