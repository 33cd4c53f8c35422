"""`match(question, kb)`: the best unit for a question, or suggestions when unsure.

Score of a candidate unit (0..100) = 60 % coverage + 40 % similarity, where
- coverage is the share of the question's idf weight that the unit's words cover (a question
  about things the base does not know, "la couleur du logo SFR", covers little);
- similarity compares the analysed question with the unit's analysed title and phrasings:
  rapidfuzz's token_sort/token_set ratios (80 %) and an idf-weighted Dice over terms (20 %, so
  that a rare extra word weighs more than a long one); best phrasing, with a bonus for units that
  have several close phrasings.
Thresholds were chosen on four labelled sets (see tests/test_evaluation.py), favouring few false
answers: a wrong answer costs the asker more than a hand-over to people.
The gate answers only when the best score is high, the coverage sufficient and the best unit
clearly ahead of the second (the margin), siblings excepted: two units whose answers link to each
other are not rivals. Otherwise it returns up to 3 suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.knowledge.model import KnowledgeBase
from bot.matching.index import Index
from bot.matching.lexicon import GREETINGS, HELP, POLITE, STOP_WORDS, THANKS
from bot.matching.normalize import intents_of, raw_words, word_terms
from bot.matching.result import Match, MatchResult


@dataclass(frozen=True)
class Policy:
    answer_score: float = 68.0  # minimum score to answer
    min_coverage: float = 0.6  # minimum share of the question the unit must cover
    margin: float = 3.0  # lead over the second unit needed to answer
    crowd: float = 8.0  # ...and over the third: two close rivals make the question ambiguous
    # a second way to be sure: a lower score, but a unit covering most of the question and far
    # ahead of every rival
    clear_score: float = 60.0
    clear_coverage: float = 0.7
    clear_lead: float = 15.0
    suggest_score: float = 30.0  # minimum score to be suggested
    candidates: int = 15  # units reranked with rapidfuzz
    coverage_weight: float = 0.6


MAX_WORDS = 200  # a question longer than this is matched on its first words
INTENT_WEIGHT = 1.0  # weight of a question-word marker (où, comment...) in the similarity
DICE_WEIGHT = 0.2  # share of the idf-weighted Dice in the similarity, the rest is rapidfuzz


def _similarity(
    text: str, weights: dict[str, float], query_weight: float, phrasing: str, idf: dict
) -> float:
    """0..100: an idf-weighted Dice over terms blended with rapidfuzz token ratios.

    The Dice part makes extra or missing rare words count more than frequent ones whatever
    their length; the rapidfuzz part keeps near-identical wordings close.
    """
    terms = set(phrasing.split())
    common = sum(w for t, w in weights.items() if t in terms)
    phrasing_weight = sum(weights.get(t) or idf.get(t, INTENT_WEIGHT) for t in terms)
    dice = 2 * common / (query_weight + phrasing_weight) if query_weight else 0.0
    ratio = 0.3 * fuzz.token_set_ratio(text, phrasing) + 0.7 * fuzz.token_sort_ratio(text, phrasing)
    return 100 * DICE_WEIGHT * dice + (1 - DICE_WEIGHT) * ratio


def small_talk(question: str) -> str | None:
    """greeting / thanks / help / empty / noise when the message carries no question at all."""
    if not question.strip():
        return "empty"
    words = raw_words(question)
    if not words:
        return "noise"
    chatty = GREETINGS | THANKS | POLITE | STOP_WORDS | HELP
    if all(w in chatty for w in words):
        if any(w in HELP for w in words):
            return "help"
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

    def terms(self, question: str, folded: list[str] | None = None) -> list[str]:
        """Analysed question terms, unknown ones corrected to a known neighbour when close."""
        idf = self.index.idf
        terms: list[str] = []
        for word in (raw_words(question) if folded is None else folded)[:MAX_WORDS]:
            for t in word_terms(word):
                terms.append(t if t in idf else (self.index.correct(word) or t))
        return terms

    def score(self, question: str) -> list[Match]:
        """Candidate units, best first, with their scores."""
        idx, p = self.index, self.policy
        folded = raw_words(question)[:MAX_WORDS]
        terms = self.terms(question, folded)
        if not terms:
            return []
        overlaps = idx.candidates(terms, p.candidates)
        total = sum(idx.idf.get(t, idx.unknown_idf) for t in set(terms))
        query = intents_of(folded) + terms
        text = " ".join(query)
        weights = {t: idx.idf.get(t, idx.unknown_idf) for t in terms}
        weights.update((t, INTENT_WEIGHT) for t in query if t not in weights)
        query_weight = sum(weights.values())
        scored: list[Match] = []
        for unit, overlap in overlaps.items():
            coverage = min(overlap / total, 1.0)
            sims = sorted(
                (
                    _similarity(text, weights, query_weight, ph, idx.idf)
                    for ph in idx.phrasings[unit] or [""]
                ),
                reverse=True,
            )
            # the best phrasing counts most; a unit with several close phrasings gets a bonus
            similarity = 0.7 * sims[0] + 0.3 * sum(sims[:3]) / len(sims[:3])
            value = 100 * p.coverage_weight * coverage + (1 - p.coverage_weight) * similarity
            scored.append(
                Match(idx.units[unit], round(value, 1), round(coverage, 3), unit, round(sims[0], 1))
            )
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
        others = [m.score for m in scored[1:] if not self.index.siblings(best.position, m.position)]
        second, third = (others + [0.0, 0.0])[:2]
        sure = (
            best.score >= p.answer_score
            and best.coverage >= p.min_coverage
            and best.score - second >= p.margin
            and best.score - third >= p.crowd
        )
        clear = (
            best.score >= p.clear_score
            and best.coverage >= p.clear_coverage
            and best.score - second >= p.clear_lead
        )
        if sure or clear:
            return MatchResult(True, best, suggestions, "answered")
        return MatchResult(False, None, suggestions, "unsure" if suggestions else "nothing")


def match(question: str, matcher: Matcher) -> MatchResult:
    """Pure function form of `Matcher.match`."""
    return matcher.match(question)
