"""Fit the answer gate: an L2-regularised logistic regression (Newton's method, pure Python),
its out-of-fold probabilities (k-fold and leave-one-set-out), and the right / false curve.

A sample is one labelled message the matcher found a candidate for: its features (gate.FEATURES),
and its kind: "right" (the best unit is a right answer), "wrong" (another unit is), "null" (the
message must go to people). The gate learns P(right).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from bot.matching.gate import RULES, Gate, sigmoid, vetoed

L2 = 1.0  # ridge penalty on the standardised weights
THRESHOLDS = tuple(round(0.02 * n, 2) for n in range(1, 50))


@dataclass(frozen=True)
class Sample:
    features: tuple[float, ...]
    kind: str  # right | wrong | null
    group: str = ""  # the labelled set it comes from


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Solve a x = b by Gaussian elimination with partial pivoting (a is small and regular)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            for c in range(col, n + 1):
                m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def fit(samples: Sequence[Sample], l2: float = L2, iterations: int = 25) -> Gate:
    """The logistic gate for these samples (no curve yet), learnt on the messages the fixed
    rules and the vetoes do not decide (those are answered, or not, whatever the model says)."""
    samples = [
        s
        for s in samples
        if not (s.features[RULES[0]] or s.features[RULES[1]] or vetoed(s.features))
    ]
    dims = len(samples[0].features)
    cols = list(zip(*(s.features for s in samples), strict=True))
    mean = [sum(c) / len(c) for c in cols]
    scale = [
        math.sqrt(sum((v - mu) ** 2 for v in c) / len(c)) or 1.0
        for c, mu in zip(cols, mean, strict=True)
    ]
    xs = [
        [1.0] + [(f - mu) / sd for f, mu, sd in zip(s.features, mean, scale, strict=True)]
        for s in samples
    ]
    ys = [1.0 if s.kind == "right" else 0.0 for s in samples]
    w = [0.0] * (dims + 1)
    for _ in range(iterations):
        grad = [l2 * wi if i else 0.0 for i, wi in enumerate(w)]
        hess = [[(l2 if i == j and i else 0.0) for j in range(dims + 1)] for i in range(dims + 1)]
        for x, y in zip(xs, ys, strict=True):
            p = sigmoid(sum(wi * xi for wi, xi in zip(w, x, strict=True)))
            r = p * (1 - p)
            for i in range(dims + 1):
                grad[i] += (p - y) * x[i]
                row = hess[i]
                for j in range(i, dims + 1):
                    row[j] += r * x[i] * x[j]
        for i in range(dims + 1):
            for j in range(i):
                hess[i][j] = hess[j][i]
        step = _solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-7:
            break
    return Gate(tuple(w[1:]), w[0], tuple(mean), tuple(scale))


def out_of_fold(samples: Sequence[Sample], folds: int = 5, seed: int = 7) -> list[float]:
    """P(right) of each sample from a gate fitted on the other folds."""
    order = list(range(len(samples)))
    random.Random(seed).shuffle(order)
    probs = [0.0] * len(samples)
    for k in range(folds):
        test = set(order[k::folds])
        gate = fit([s for n, s in enumerate(samples) if n not in test])
        for n in test:
            probs[n] = gate.confidence(samples[n].features)
    return probs


def leave_one_set_out(samples: Sequence[Sample]) -> list[float]:
    """P(right) of each sample from a gate fitted on every other labelled set."""
    probs = [0.0] * len(samples)
    for group in sorted({s.group for s in samples}):
        gate = fit([s for s in samples if s.group != group])
        for n, s in enumerate(samples):
            if s.group == group:
                probs[n] = gate.confidence(s.features)
    return probs


def rates(
    kinds: Sequence[str], probs: Sequence[float], threshold: float, answerable: int, total: int
) -> tuple[float, float, float]:
    """(right % of answerable, false % of all, handed-over % of all) at a threshold; messages
    without a candidate count in `answerable` / `total` but are never answered."""
    answered = [k for k, p in zip(kinds, probs, strict=True) if p >= threshold]
    right = sum(k == "right" for k in answered)
    return (
        100 * right / answerable if answerable else 100.0,
        100 * (len(answered) - right) / total if total else 0.0,
        100 * (total - len(answered)) / total if total else 0.0,
    )


def curve(
    samples: Sequence[Sample], probs: Sequence[float], answerable: int, total: int
) -> tuple[tuple[float, float, float], ...]:
    kinds = [s.kind for s in samples]
    return tuple((th, *rates(kinds, probs, th, answerable, total)[:2]) for th in THRESHOLDS)
