"""The decision to answer: a small logistic model over what the matcher measured.

The fixed rules tuned on search-style questions (a high score, most of the message covered, a clear
lead) still answer on their own; the model decides the other messages, chat-style ones mostly.
P(the best unit is right) = sigmoid(bias + Σ weight_i × standardised feature_i). The bot answers
when that probability reaches the threshold chosen for a target false-answer rate
(MATCH_TARGET_FALSE_RATE): the fitted file (gate.json, written by `python -m bot eval --fit`)
carries, for each threshold and each kind of message (a one-sentence query, a chat message), the
false-answer rate measured out of fold; the lowest threshold whose rate stays within the target
is used for each kind.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

GATE_FILE = Path(__file__).with_name("gate.json")
DEFAULT_TARGET = 0.025

FEATURES = (
    "score",  # blended score of the best unit, 0..1
    "lead",  # its lead over the best rival that is not a declared sibling, 0..1
    "crowd",  # its lead over the second such rival, 0..1
    "coverage",  # share of the message's weighted terms it covers
    "focus",  # share of the question sentences' terms it covers
    "similarity",  # best phrasing similarity on the best window, 0..1
    "unknown",  # share of the question's weight the base knows nothing of
    "terms",  # log(1 + informative terms)
    "sentences",  # informative sentences (capped at 6) / 6
    "question",  # 1 when a question or problem sentence was found
    "chat",  # share of the sentences that were chit-chat
    "account",  # 1: asks the support to act on the asker's own account, 0.5: half the cue
    "amount",  # 1: asks for an amount, a phone number or a date the best unit does not state
    "stated",  # 1: asks for such a figure, and the best unit states one
    "sure",  # 1 when the fixed rule holds: high score, most of the message covered, a lead
    "clear",  # 1 when one unit covers most of the message and is far ahead of every rival
)

RULES = (FEATURES.index("sure"), FEATURES.index("clear"))
# a message that asks the support to act on the asker's own account, or asks for an amount the
# best unit does not state, goes to people whatever the rest says (intent.py)
VETOES = ((FEATURES.index("account"), 1.0), (FEATURES.index("amount"), 1.0))
# and a best unit this weak is never an answer, whatever the model makes of it: a tiny base or
# a message of unknown words (one candidate, no rival) lies outside what the model was fitted
# on. No right answer of the labelled sets is this weak (the weakest: score 0.37, coverage 0.28)
FLOORS = ((FEATURES.index("score"), 0.35), (FEATURES.index("coverage"), 0.25))


def vetoed(features: tuple[float, ...]) -> bool:
    return any(features[i] >= level for i, level in VETOES) or any(
        features[i] < level for i, level in FLOORS
    )


KINDS = ("query", "chat")


def kind_of(features: tuple[float, ...]) -> str:
    """ "chat" for a message of several sentences or with chit-chat, else "query": the two are
    calibrated apart (a search-style query and a chat message do not score alike)."""
    several = features[FEATURES.index("sentences")] > 1 / 6 + 1e-9
    return "chat" if several or features[FEATURES.index("chat")] > 0 else "query"


def sigmoid(x: float) -> float:
    if x < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-x))


@dataclass(frozen=True)
class Gate:
    weights: tuple[float, ...]
    bias: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    # per kind of message ("query": one sentence, no chit-chat; "chat": the others):
    # (threshold, right % of answerable, false % of all) measured out of fold, thresholds rising
    curves: dict[str, tuple[tuple[float, float, float], ...]] = field(default_factory=dict)
    thresholds: dict[str, float] = field(default_factory=dict)

    def threshold(self, features: tuple[float, ...]) -> float:
        return self.thresholds.get(kind_of(features), 0.5)

    def confidence(self, features: tuple[float, ...]) -> float:
        """0 when a veto holds (for people), 1 when a fixed rule holds (those answers are kept
        as they were), else the model's probability that the best unit is right."""
        if vetoed(features):
            return 0.0
        if features[RULES[0]] or features[RULES[1]]:
            return 1.0
        return self.probability(features)

    def probability(self, features: tuple[float, ...]) -> float:
        z = self.bias + sum(
            w * (f - m) / s
            for w, f, m, s in zip(self.weights, features, self.mean, self.scale, strict=True)
        )
        return sigmoid(z)

    def for_target(self, target: float) -> Gate:
        """This gate with, for each kind of message, the lowest threshold whose measured
        false-answer rate stays within `target`."""
        thresholds = {}
        for kind, curve in self.curves.items():
            ok = [th for th, _, false in curve if false <= 100 * target]
            thresholds[kind] = min(ok) if ok else 1.0
        return Gate(self.weights, self.bias, self.mean, self.scale, self.curves, thresholds)

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "weights": [round(w, 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "mean": [round(m, 6) for m in self.mean],
            "scale": [round(s, 6) for s in self.scale],
            "curves": {
                kind: [[round(th, 3), round(r, 2), round(f, 2)] for th, r, f in curve]
                for kind, curve in self.curves.items()
            },
        }

    @classmethod
    def from_json(cls, data: dict) -> Gate:
        if list(data.get("features", ())) != list(FEATURES):
            raise ValueError("gate.json: features differ from the matcher's; refit the gate")
        curves = {
            str(kind): tuple((float(a), float(b), float(c)) for a, b, c in rows)
            for kind, rows in data.get("curves", {}).items()
        }
        return cls(
            tuple(map(float, data["weights"])),
            float(data["bias"]),
            tuple(map(float, data["mean"])),
            tuple(map(float, data["scale"])),
            curves,
        )


def load_gate(target: float = DEFAULT_TARGET, path: Path = GATE_FILE) -> Gate | None:
    """The fitted gate for a target false-answer rate, or None (the fixed rules decide alone)
    when no gate was fitted or the file cannot be used: a bad gate never stops the bot."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Gate.from_json(data).for_target(target)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("answer gate %s unusable (%s): fixed rules only", path, exc)
        return None
