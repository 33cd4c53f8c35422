"""What the matcher returns."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.model import Unit


@dataclass(frozen=True)
class Match:
    unit: Unit
    score: float  # 0..100
    coverage: float = 0.0  # share of the message's weighted terms this unit covers, 0..1
    position: int = -1  # the unit's row in the matcher's index
    similarity: float = 0.0  # similarity of the closest title or phrasing, best window, 0..100
    focus: float = 0.0  # share of the question sentences' terms this unit covers, 0..1

    @property
    def first_line(self) -> str:
        """The first sentence of the unit's answer (Markdown as written), for suggestions."""
        return first_line(self.unit.answer)


def first_line(answer: str, limit: int = 160) -> str:
    """The answer's first sentence (or line), cut at `limit` characters on a word."""
    line = answer.strip().split("\n", 1)[0].strip()
    cut = line.find(". ")
    if 0 < cut < limit:
        line = line[: cut + 1]
    if len(line) > limit:
        line = line[:limit].rsplit(" ", 1)[0] + " …"
    return line


@dataclass(frozen=True)
class MatchResult:
    answered: bool
    best: Match | None = None
    suggestions: tuple[Match, ...] = ()
    # answered | unsure | nothing | greeting | thanks | help | noise | empty
    reason: str = "nothing"
    top: Match | None = None  # the best candidate, answered or not
    confidence: float = 0.0  # the gate's probability that `top` is right, 0..1
    features: tuple[float, ...] = ()  # what the gate was given (see gate.FEATURES)

    @property
    def unit(self) -> Unit | None:
        return self.best.unit if self.answered and self.best else None
