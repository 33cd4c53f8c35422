"""What the matcher returns."""

from __future__ import annotations

from dataclasses import dataclass

from bot.knowledge.model import Unit


@dataclass(frozen=True)
class Match:
    unit: Unit
    score: float  # 0..100
    coverage: float = 0.0  # share of the question's weight this unit covers, 0..1
    position: int = -1  # the unit's row in the matcher's index
    similarity: float = 0.0  # rapidfuzz ratio of the closest title or phrasing, 0..100


@dataclass(frozen=True)
class MatchResult:
    answered: bool
    best: Match | None = None
    suggestions: tuple[Match, ...] = ()
    # answered | unsure | nothing | greeting | thanks | help | noise | empty
    reason: str = "nothing"

    @property
    def unit(self) -> Unit | None:
        return self.best.unit if self.answered and self.best else None
