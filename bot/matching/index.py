"""An inverted index over knowledge units, built once per base, so a question costs a few
hundred microseconds whatever the size of the base.

- terms: each unit's title and phrasings are "strong" terms, its answer's terms "weak" ones;
- idf: rarer terms weigh more; a term no unit uses weighs the most (it is what the asker
  talks about and the base does not know);
- typos: a query term the base does not know is corrected to a known term within one edit
  (two for long words) through a deletion dictionary (SymSpell's idea), checked with rapidfuzz;
- candidates: rare terms enumerate their units, frequent terms only add to candidates already
  found, so no question scans the whole base.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import DamerauLevenshtein

from bot.knowledge.model import KnowledgeBase, Unit
from bot.matching.normalize import fold as fold_text
from bot.matching.normalize import intents_of, word_terms
from bot.matching.vocabulary import Vocabulary

LINK = re.compile(r"\]\(#([^)\s]+)\)")
WEAK_WEIGHT = 0.6  # a term found only in the answer text counts this much
MAX_ANSWER_TERMS = 60
POOL = 150  # candidates kept after the rare terms, before the frequent ones
RARE_DF_CAP = 500  # a term in more units than this only scores units already in the pool


def _deletes(word: str, distance: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(distance):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def _learn(surface: dict[str, str], folded: list[str]) -> None:
    """Remember which term each known word stands for (typo correction targets words)."""
    for word in folded:
        if word not in surface and (terms := word_terms(word)):
            surface[word] = terms[0]


MAX_CORRECTED_LENGTH = 30  # longer "words" (URLs, pasted codes) are never typo-corrected


def _max_edits(word: str) -> int:
    """Edits allowed when correcting `word`; 0 for short words and for very long ones (their
    deletion neighbourhood grows with the cube of the length)."""
    if len(word) > MAX_CORRECTED_LENGTH:
        return 0
    return 0 if len(word) <= 4 else 1 if len(word) <= 8 else 2


def _holds(units: array[int] | None, unit: int) -> bool:
    """Whether a sorted array of units holds `unit`."""
    if not units:
        return False
    i = bisect_left(units, unit)
    return i < len(units) and units[i] == unit


def _postings(units: array[int]) -> npt.NDArray[np.intc]:
    """A posting list as a NumPy view (no copy)."""
    return np.frombuffer(units, dtype=np.intc)


def _members(units: array[int] | None, pool: npt.NDArray[np.intc]) -> npt.NDArray[np.bool_]:
    """Which units of `pool` a sorted posting list holds."""
    if not units:
        return np.zeros(len(pool), dtype=bool)
    postings = _postings(units)
    at = np.minimum(np.searchsorted(postings, pool), len(postings) - 1)
    return postings[at] == pool


EMPTY: frozenset[int] = frozenset()


@dataclass
class Index:
    units: list[Unit]
    phrasings: list[list[str]]  # per unit: its analysed title and phrasings, as strings
    # term -> the units whose title or phrasings hold it ("strong"), or only their answer
    # ("weak"): sorted arrays, 4 bytes a unit, searched by bisection and added up with NumPy.
    # Per term, not per unit: 100,000 small per-unit sets would cost ~400 MB
    strong: dict[str, array[int]]
    weak: dict[str, array[int]]
    idf: dict[str, float]
    unknown_idf: float
    surface: dict[str, str] = field(default_factory=dict)  # known folded word -> its term
    counts: dict[str, int] = field(default_factory=dict)  # term -> how many units use it
    links: list[frozenset[int]] = field(default_factory=list)  # units each answer links to
    deletes: dict[str, list[str]] = field(default_factory=dict)

    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    # base name -> a pattern of its product's names, over folded text (base.toml `products`)
    products: dict[str, re.Pattern[str]] = field(default_factory=dict)

    @classmethod
    def build(cls, kb: KnowledgeBase) -> Index:
        vocabulary = Vocabulary(kb.vocabulary)
        fold = vocabulary.fold
        units = kb.indexed
        phrasings: list[list[str]] = []
        strong: dict[str, list[int]] = defaultdict(list)
        weak: dict[str, list[int]] = defaultdict(list)
        surface: dict[str, str] = {}
        for n, unit in enumerate(units):
            unit_phrasings: list[str] = []
            strong_terms: set[str] = set()
            for text in (unit.title, *unit.phrasings):
                folded = fold(text)
                terms = [t for w in folded for t in word_terms(w)]
                if terms:
                    unit_phrasings.append(" ".join(intents_of(folded) + terms))
                strong_terms.update(terms)
                _learn(surface, folded)
            answer_words = fold(unit.answer)
            _learn(surface, answer_words)
            answer_terms = [t for w in answer_words for t in word_terms(w)][:MAX_ANSWER_TERMS]
            phrasings.append(unit_phrasings)
            for t in strong_terms:
                strong[t].append(n)
            for t in set(answer_terms) - strong_terms:
                weak[t].append(n)
        total = max(len(units), 1)
        df = {t: len(strong.get(t, ())) + len(weak.get(t, ())) for t in {*strong, *weak}}
        idf = {t: math.log(1 + total / d) for t, d in df.items()}
        index = cls(
            units,
            phrasings,
            {t: array("i", u) for t, u in strong.items()},  # units were added in order
            {t: array("i", u) for t, u in weak.items()},
            idf,
            math.log(1 + total) + 1,
            surface,
        )
        index.counts = df
        del strong, weak
        index.vocabulary = vocabulary
        index.products = {
            base: re.compile(r"\b(?:" + "|".join(re.escape(fold_text(n)) for n in names) + r")\b")
            for base, names in kb.products.items()
            if names
        }
        index._build_deletes()
        index._build_links()
        return index

    def __getstate__(self) -> dict[str, Any]:
        """For a saved index: no units, whoever loads it has them already
        (persist.cached_index puts them back); postings are arrays, saved as bytes."""
        state = dict(self.__dict__)
        state["units"] = []
        return state

    def _build_links(self) -> None:
        """Answers that link to each other (`[...](#anchor)`) make their units siblings."""
        by_id = {u.id: n for n, u in enumerate(self.units)}
        self.links = []
        for unit in self.units:
            targets = (a if "/" in a else f"{unit.kb}/{a}" for a in LINK.findall(unit.answer))
            linked = frozenset(by_id[t] for t in targets if t in by_id)
            self.links.append(linked or EMPTY)  # one shared empty set: most units link nowhere

    def siblings(self, a: int, b: int) -> bool:
        return b in self.links[a] or a in self.links[b]

    def _build_deletes(self) -> None:
        table: dict[str, list[str]] = defaultdict(list)
        for w in self.surface:
            for d in _deletes(w, _max_edits(w)):
                table[d].append(w)
        self.deletes = dict(table)

    def correct(self, word: str) -> str | None:
        """The term of the known word closest to an unknown folded word, or None."""
        edits = _max_edits(word)
        if not edits:
            return None
        best: tuple[int, float, str] | None = None
        for d in _deletes(word, edits):
            for known in self.deletes.get(d, ()):
                dist = DamerauLevenshtein.distance(word, known, score_cutoff=edits)
                if dist > edits or dist > _max_edits(known):
                    continue
                t = self.surface[known]
                key = (dist, -self.df(t), known)
                if best is None or key < best:
                    best = key
        return self.surface[best[2]] if best else None

    def df(self, term: str) -> int:
        """How many units use the term."""
        return self.counts.get(term, 0)

    def candidates(self, weights: dict[str, float], limit: int) -> dict[int, float]:
        """Units sharing terms with the query, with their weighted overlap.

        `weights` gives each query term's weight (its idf, less for context words). Rare terms
        enumerate their units (one vectorised add per posting list); the best POOL units then
        collect the weight of the frequent terms by bisection in their sorted postings, so the
        cost stays bounded at any base size.
        """
        rare_df = max(64, min(len(self.units) // 50, RARE_DF_CAP))
        counts = self.counts
        known = sorted((t for t in weights if t in counts), key=counts.__getitem__)
        if not known:
            return {}
        rare = [t for t in known if counts[t] <= rare_df]
        frequent = [t for t in known if counts[t] > rare_df]
        if not rare:  # only common words: the rarest of them seeds the pool
            rare, frequent = frequent[:1], frequent[1:]
        cap = rare_df * 4
        hits: list[npt.NDArray[np.intc]] = []
        gains: list[npt.NDArray[np.float64]] = []
        for t in rare:
            weight = weights[t]
            for units, gain in (
                (self.strong.get(t), weight),
                (self.weak.get(t), weight * WEAK_WEIGHT),
            ):
                if units:
                    hit = _postings(units)[:cap]
                    hits.append(hit)
                    gains.append(np.full(len(hit), gain))
        if not hits:
            return {}
        pool, where = np.unique(np.concatenate(hits), return_inverse=True)
        found = np.bincount(where, weights=np.concatenate(gains))
        if len(pool) > POOL:
            keep = np.sort(np.argpartition(-found, POOL - 1)[:POOL])
            pool, found = pool[keep], found[keep]
        for t in frequent:
            weight = weights[t]
            strong = _members(self.strong.get(t), pool)
            weak = _members(self.weak.get(t), pool) & ~strong
            found += weight * strong + (weight * WEAK_WEIGHT) * weak
        best = np.lexsort((pool, -found))[:limit]  # ties: the lower unit number first
        return {int(pool[i]): float(found[i]) for i in best}

    def covered(self, unit: int, weights: dict[str, float]) -> float:
        """The part of `weights` that the unit's words cover (answer words count less)."""
        total = 0.0
        for t, w in weights.items():
            if _holds(self.strong.get(t), unit):
                total += w
            elif _holds(self.weak.get(t), unit):
                total += w * WEAK_WEIGHT
        return total
