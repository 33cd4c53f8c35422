"""`match(message, kb)`: the best unit for a message, or suggestions when unsure.

1. The message is read (reader.py): markup and chit-chat go, question sentences are told from
   context sentences.
2. Its terms are weighed (query.py): question terms fully, context terms half, context words the
   base does not know barely.
3. Candidate units come from the inverted index; each is scored (0..100) as 60 % coverage (the
   share of the weighted terms its words cover) + 40 % similarity, measured on the window of the
   message (a sentence, the question sentences, the whole) that matches its title or a phrasing
   best: rapidfuzz's token ratios (80 %) and an idf-weighted Dice over terms (20 %).
4. The gate (gate.py), a logistic model fitted on labelled messages, turns the best unit's
   figures into a probability of being right and answers above the threshold chosen for the
   target false-answer rate. Otherwise up to 3 suggestions are returned. A message whose best
   candidate is a known gap (`kind: gap`: a question the base does not answer) is never answered.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from bot.knowledge.model import KnowledgeBase
from bot.matching.gate import DEFAULT_TARGET, RULES, Gate, load_gate, vetoed
from bot.matching.index import Index
from bot.matching.intent import describes, states
from bot.matching.lexicon import GREETINGS, HELP, POLITE, STOP_WORDS, THANKS
from bot.matching.normalize import fold, raw_words
from bot.matching.persist import cached_index
from bot.matching.phrasings import Phrasings, closest, closest_direct, view
from bot.matching.query import Query, Window, analyse_query
from bot.matching.reader import Reading, read
from bot.matching.result import Match, MatchResult

PREFILTER = 4  # phrasings compared in full on each window after the first
FIRST_PREFILTER = 8  # and on the first window
KEEP_EXACT = 8  # candidates always scored in full: the answer, its rivals, the suggestions
VIEWS_KEPT = 20_000  # units whose phrasings stay laid out (phrasings.py)
DICE_WEIGHT = 0.2  # share of the idf-weighted Dice in the similarity, the rest is rapidfuzz


@dataclass(frozen=True)
class Policy:
    suggest_score: float = 30.0  # minimum score to be suggested
    candidates: int = 15  # units reranked with rapidfuzz
    coverage_weight: float = 0.6
    # the fixed rules (hand-tuned on search-style questions): features of the gate, and the
    # whole decision when no gate was fitted (gate.json absent)
    answer_score: float = 68.0
    min_coverage: float = 0.6
    margin: float = 3.0
    crowd: float = 8.0
    clear_score: float = 60.0
    clear_coverage: float = 0.7
    clear_lead: float = 15.0


def _similarity(window: Window, phrasing: str, dice: float) -> float:
    """0..100: an idf-weighted Dice over terms blended with rapidfuzz token ratios."""
    ratio = 0.3 * fuzz.token_set_ratio(window.text, phrasing) + 0.7 * fuzz.token_sort_ratio(
        window.text, phrasing
    )
    return 100 * DICE_WEIGHT * dice + (1 - DICE_WEIGHT) * ratio


def small_talk(message: str, reading: Reading | None = None) -> str | None:
    """greeting / thanks / help / empty / noise when the message carries no question at all."""
    if not message.strip():
        return "empty"
    reading = reading or read(message)
    words = raw_words(" ".join(s.text for s in reading.sentences))
    if not words:
        return "noise"
    if reading.informative:
        return None
    if any(w in HELP for w in words):
        return "help"
    if any(w in THANKS for w in words):
        return "thanks"
    chatty = GREETINGS | THANKS | POLITE | STOP_WORDS | HELP
    if any(w in GREETINGS for w in words) or not all(w in chatty for w in words):
        return "greeting"  # a greeting, a self-introduction
    return "noise"


class Matcher:
    def __init__(
        self, index: Index, policy: Policy | None = None, gate: Gate | None = None
    ) -> None:
        self.index = index
        self.policy = policy or Policy()
        self.gate = gate
        self._views: dict[int, Phrasings] = {}

    @classmethod
    def build(
        cls,
        kb: KnowledgeBase,
        policy: Policy | None = None,
        *,
        target_false_rate: float = DEFAULT_TARGET,
        cache_dir: Path | None = None,
    ) -> Matcher:
        """A matcher for `kb`; with `cache_dir`, its index is saved there and loaded next time."""
        index = cached_index(kb, cache_dir) if cache_dir else Index.build(kb)
        return cls(index, policy, load_gate(target_false_rate))

    def _phrasings(self, unit: int) -> Phrasings:
        """The unit's phrasings laid out for scoring, once: only in a base of up to VIEWS_KEPT
        units (a larger one scores its phrasings directly, `closest_direct`: kept views of a
        100,000-unit base would pile up and set off full garbage collections over the index)."""
        found = self._views.get(unit)
        if found is None:
            found = self._views[unit] = view(self.index.phrasings[unit], self.index.idf)
        return found

    def query(self, reading: Reading) -> Query:
        idx = self.index
        q = analyse_query(reading, idx.idf, idx.unknown_idf, idx.correct, idx.vocabulary.fold)
        if idx.products:
            text = fold(reading.text)
            q.products = frozenset(b for b, names in idx.products.items() if names.search(text))
        return q

    def score(self, message: str | Reading) -> tuple[list[Match], Query]:
        """Candidate units, best first, with their scores; and the analysed message."""
        idx, p = self.index, self.policy
        q = self.query(read(message) if isinstance(message, str) else message)
        if not q.weights:
            return [], q
        total = sum(q.weights.values())
        focus = {t: idx.idf.get(t, idx.unknown_idf) for t in q.focus}
        focus_total = sum(focus.values())
        scored: list[Match] = []
        same_focus = focus == q.weights  # one sentence, nothing discounted
        small = len(idx.units) <= VIEWS_KEPT
        cw = p.coverage_weight
        exact: list[float] = []  # the scores found so far, best first
        for unit, overlap in idx.candidates(q.weights, p.candidates).items():
            coverage = min(overlap / total, 1.0)
            # candidates come by falling coverage: once even a perfect similarity cannot lift
            # one into the best KEEP_EXACT, none of the rest can either
            if len(exact) >= KEEP_EXACT and 100 * cw * coverage + (1 - cw) * 100 < exact[-1]:
                break
            if same_focus:
                focus_cov = coverage
            else:
                focus_cov = min(idx.covered(unit, focus) / focus_total, 1.0) if focus_total else 0

            laid_out = self._phrasings(unit) if small else None
            best = [0.0, 0.0, 0.0]
            for n, window in enumerate(q.windows):
                keep = PREFILTER if n else FIRST_PREFILTER  # the closest phrasings only
                near = (
                    closest(laid_out, window, keep, idx.idf)
                    if laid_out
                    else closest_direct(idx.phrasings[unit], window, keep, idx.idf)
                )
                sims = sorted(
                    (_similarity(window, text, dice) for text, dice in near), reverse=True
                )[:3]
                if sims[0] > best[0]:
                    best = sims
            # the best phrasing counts most; a unit with several close phrasings gets a bonus
            similarity = 0.7 * best[0] + 0.3 * sum(best) / len(best)
            value = 100 * cw * coverage + (1 - cw) * similarity
            bisect.insort(exact, value, key=lambda v: -v)
            del exact[KEEP_EXACT:]
            scored.append(
                Match(
                    idx.units[unit],
                    round(value, 1),
                    round(coverage, 3),
                    unit,
                    round(best[0], 1),
                    round(focus_cov, 3),
                )
            )
        scored.sort(key=lambda m: -m.score)
        return scored, q

    def features(self, q: Query, scored: list[Match]) -> tuple[float, ...]:
        """What the gate weighs (gate.FEATURES), for the best of `scored`."""
        best = scored[0]
        # rivals: units that are not declared siblings of the best (answers that link to each
        # other cover the same ground and point to one another)
        others = [m.score for m in scored[1:] if not self.index.siblings(best.position, m.position)]
        # no rival at all: a clear lead; one rival only: it is the crowd too (a tiny base is
        # not evidence that the best unit stands out)
        second, third = (others + others[:1] + [0.0, 0.0])[:2]
        p = self.policy
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
        stated = q.figure is not None and states(q.figure, best.unit.answer)
        return (
            best.score / 100,
            (best.score - second) / 100,
            (best.score - third) / 100,
            best.coverage,
            best.focus,
            best.similarity / 100,
            q.unknown,
            math.log1p(len(q.weights)),
            min(q.sentences, 6) / 6,
            1.0 if q.questions else 0.0,
            q.chat / max(q.chat + q.sentences, 1),
            q.account,
            1.0 if self._unstated(q, best, stated) else 0.0,
            1.0 if stated else 0.0,
            1.0 if sure else 0.0,
            1.0 if clear else 0.0,
        )

    @staticmethod
    def _unstated(q: Query, best: Match, stated: bool) -> bool:
        """The message asks for a figure (`stated`: the best unit states it), or about a
        chapter, that the best unit does not state (intent.py), or names another base's product
        only: that unit is not its answer."""
        unit = best.unit
        if q.products and unit.kb not in q.products:
            return True
        if q.figure and not stated:
            return True
        return bool(q.chapters) and not describes(q.chapters, f"{unit.title} {unit.answer}")

    def match(self, message: str) -> MatchResult:
        reading = read(message)
        chat = small_talk(message, reading)
        if chat:
            return MatchResult(False, reason=chat)
        scored, q = self.score(reading)
        if not scored:
            return MatchResult(False, reason="nothing")
        p = self.policy
        # suggestions: never a gap, nor a unit of another product than the one named
        answers = [
            m
            for m in scored
            if m.unit.kind != "gap" and (not q.products or m.unit.kb in q.products)
        ]
        suggestions = tuple(m for m in answers[:3] if m.score >= p.suggest_score)
        best = scored[0]
        if best.unit.kind == "gap":  # a question the knowledge is known not to answer
            return MatchResult(False, None, suggestions, "unsure" if suggestions else "nothing")
        features = self.features(q, scored)
        if self.gate is not None:
            confidence = self.gate.confidence(features)
            sure = confidence >= self.gate.threshold(features)
        else:
            sure = any(features[r] for r in RULES) and not vetoed(features)
            confidence = 1.0 if sure else 0.0
        if sure:
            return MatchResult(True, best, suggestions, "answered", best, confidence, features)
        reason = "unsure" if suggestions else "nothing"
        return MatchResult(False, None, suggestions, reason, best, confidence, features)


def match(message: str, matcher: Matcher) -> MatchResult:
    """Pure function form of `Matcher.match`."""
    return matcher.match(message)
