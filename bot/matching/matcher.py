"""`match(question, kb)`: the best unit for a question, or suggestions when unsure.

Score of a candidate unit (0..100) = 60 % coverage + 40 % similarity, where
- coverage is the share of the question's idf weight that the unit's words cover (a question
  about things the base does not know, "la couleur du logo SFR", covers little);
- similarity is the best rapidfuzz token_set/token_sort ratio between the analysed question and
  the unit's analysed title and phrasings.
The gate answers only when the best score is high, the coverage sufficient and the best unit
clearly ahead of the second (the margin), siblings excepted: two units whose answers link to each
other are not rivals. Otherwise it returns up to 3 suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.knowledge.model import KnowledgeBase
from bot.matching.index import Index
from bot.matching.lexicon import GREETINGS, POLITE, STOP_WORDS, THANKS
from bot.matching.normalize import intents, raw_words, word_terms
from bot.matching.result import Match, MatchResult


@dataclass(frozen=True)
class Policy:
    answer_score: float = 60.0  # minimum score to answer
    min_coverage: float = 0.62  # minimum share of the question the unit must cover
    margin: float = 5.0  # lead over the second unit needed to answer
    suggest_score: float = 30.0  # minimum score to be suggested
    candidates: int = 15  # units reranked with rapidfuzz
    coverage_weight: float = 0.6


def small_talk(question: str) -> str | None:
    """greeting / thanks / empty / noise when the message carries no question at all."""
    if not question.strip():
        return "empty"
    words = raw_words(question)
    if not words:
        return "noise"
    chatty = GREETINGS | THANKS | POLITE | STOP_WORDS
    if all(w in chatty for w in words):
        if any(w in THANKS for w in words):
            return "thanks"
        if any(w in GREETINGS for w in words):
            return "greeting"
        return "noise"
    return None


class Matcher:
    def __init__(self, index: Index, policy: Policy | None = None) -> None:
        self.index = index
        self.policy = policy or Policy()

    @classmethod
    def build(cls, kb: KnowledgeBase, policy: Policy | None = None) -> Matcher:
        return cls(Index.build(kb), policy)

    def terms(self, question: str) -> list[str]:
        """Analysed question terms, unknown ones corrected to a known neighbour when close."""
        idf = self.index.idf
        terms: list[str] = []
        for word in raw_words(question):
            for t in word_terms(word):
                terms.append(t if t in idf else (self.index.correct(word) or t))
        return terms

    def score(self, question: str) -> list[Match]:
        """Candidate units, best first, with their scores."""
        idx, p = self.index, self.policy
        terms = self.terms(question)
        if not terms:
            return []
        overlaps = idx.candidates(terms, p.candidates)
        total = sum(idx.idf.get(t, idx.unknown_idf) for t in set(terms))
        text = " ".join(intents(question) + terms)
        scored: list[Match] = []
        for unit, overlap in overlaps.items():
            coverage = min(overlap / total, 1.0)
            sims = sorted(
                (
                    0.3 * fuzz.token_set_ratio(text, ph) + 0.7 * fuzz.token_sort_ratio(text, ph)
                    for ph in idx.phrasings[unit] or [""]
                ),
                reverse=True,
            )
            # the best phrasing counts most; a unit with several close phrasings gets a bonus
            similarity = 0.7 * sims[0] + 0.3 * sum(sims[:3]) / len(sims[:3])
            value = 100 * p.coverage_weight * coverage + (1 - p.coverage_weight) * similarity
            scored.append(Match(idx.units[unit], round(value, 1), round(coverage, 3), unit))
        scored.sort(key=lambda m: -m.score)
        return scored

    def match(self, question: str) -> MatchResult:
        chat = small_talk(question)
        if chat:
            return MatchResult(False, reason=chat)
        p = self.policy
        scored = self.score(question)
        suggestions = tuple(m for m in scored[:3] if m.score >= p.suggest_score)
        if not scored:
            return MatchResult(False, reason="nothing")
        best = scored[0]
        # the margin is taken over the best unit that is not a declared sibling of the first
        # (answers that link to each other cover the same ground and point to one another)
        others = (m for m in scored[1:] if not self.index.siblings(best.position, m.position))
        second = next((m.score for m in others), 0.0)
        if (
            best.score >= p.answer_score
            and best.coverage >= p.min_coverage
            and best.score - second >= p.margin
        ):
            return MatchResult(True, best, suggestions, "answered")
        return MatchResult(False, None, suggestions, "unsure" if suggestions else "nothing")


def match(question: str, matcher: Matcher) -> MatchResult:
    """Pure function form of `Matcher.match`."""
    return matcher.match(question)
