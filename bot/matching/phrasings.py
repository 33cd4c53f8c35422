"""A unit's phrasings (title and variants, analysed) laid out for scoring one message: which
phrasings hold each term, and each phrasing's idf weight, so that the closest phrasings of a
window are found from the window's few terms instead of by walking every phrasing's terms.

`closest(view, window, keep, idf)` gives, for the `keep` phrasings sharing the most weight with
the window (ties: the earlier phrasing first, as a stable sort does), the idf-weighted Dice of
each with the window; `matcher.py` adds rapidfuzz's token ratios.
"""

from __future__ import annotations

from typing import NamedTuple

from bot.matching.query import Window


class Phrasings(NamedTuple):
    texts: tuple[str, ...]
    where: dict[str, tuple[int, ...]]  # term -> the phrasings holding it, in order
    weights: tuple[float, ...]  # per phrasing: the idf of its terms, added up


def view(texts: list[str], idf: dict[str, float]) -> Phrasings:
    texts = texts or [""]
    where: dict[str, list[int]] = {}
    weights: list[float] = []
    for n, text in enumerate(texts):
        terms = set(text.split())
        weights.append(sum([idf.get(t, 1.0) for t in terms]))
        for t in terms:
            where.setdefault(t, []).append(n)
    return Phrasings(tuple(texts), {t: tuple(ns) for t, ns in where.items()}, tuple(weights))


def closest(
    phrasings: Phrasings, window: Window, keep: int, idf: dict[str, float]
) -> list[tuple[str, float]]:
    """(text, Dice 0..1) of the phrasings closest to `window`: all when there are `keep` or
    fewer, else the `keep` sharing the most weight with it."""
    count = len(phrasings.texts)
    common = [0.0] * count
    common_idf = [0.0] * count
    where = phrasings.where
    for t, w in window.weights.items():
        holders = where.get(t)
        if holders:
            weight = idf.get(t, 1.0)
            for n in holders:
                common[n] += w
                common_idf[n] += weight
    chosen: range | list[int] = range(count)
    if count > keep:  # by shared weight, ties in order; then the first sharing nothing
        hits = [n for n in chosen if common[n]]
        chosen = sorted(hits, key=lambda n: (-common[n], n))[:keep]
        if len(chosen) < keep:
            chosen += [n for n in range(count) if not common[n]][: keep - len(chosen)]
    total = window.total
    out = []
    for n in chosen:
        shared = common[n]
        own = shared + phrasings.weights[n] - common_idf[n]
        out.append((phrasings.texts[n], 2 * shared / (total + own) if total else 0.0))
    return out


def closest_direct(
    texts: list[str], window: Window, keep: int, idf: dict[str, float]
) -> list[tuple[str, float]]:
    """`closest` without a laid-out view, for a unit of a large base met once: each phrasing's
    terms are looked up in the window (a few phrasings cost less this way than laying them
    out, and nothing is left behind for the garbage collector)."""
    texts = texts or [""]
    weights = window.weights
    found = []
    for n, text in enumerate(texts):
        shared = own = 0.0
        for t in set(text.split()):
            w = weights.get(t)
            if w:
                shared += w
            else:
                own += idf.get(t, 1.0)
        found.append((n, shared, own))
    if len(found) > keep:
        found = sorted(found, key=lambda f: (-f[1], f[0]))[:keep]
    total = window.total
    return [
        (texts[n], 2 * shared / (total + shared + own) if total else 0.0)
        for n, shared, own in found
    ]
