"""What a knowledge unit is: one FAQ entry or one section of a training chapter."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.messages import t


@dataclass(frozen=True)
class Unit:
    id: str  # "<kb>/<anchor>", stable across edits: links and statistics use it
    kb: str
    title: str
    answer: str
    source: str  # where it comes from: chapter › section, or FAQ › question
    kind: str = "chapter"  # faq | chapter
    phrasings: tuple[str, ...] = ()  # how customers really ask it
    path: str = ""
    line: int = 0


@dataclass
class KnowledgeBase:
    name: str
    title: str = ""
    units: list[Unit] = field(default_factory=list)
    # the customers' words for the base's words: (expression, base words), folded (vocabulaire.md)
    vocabulary: tuple[tuple[str, str], ...] = ()
    # base name -> the names customers give its product («SG», «SFR»), from base.toml's
    # `products`: a message naming another base's product is not about this one
    products: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # known gaps (`kind: gap` files): questions the base does not answer, matched like units
    # so that a close-but-different question goes to people; never shown as answers
    gaps: list[Unit] = field(default_factory=list)

    @property
    def indexed(self) -> list[Unit]:
        """What the matcher indexes: the units, then the known gaps."""
        return [*self.units, *self.gaps]

    def get(self, unit_id: str) -> Unit | None:
        for unit in self.units:
            if unit.id == unit_id:
                return unit
        return None


@dataclass(frozen=True)
class Problem:
    """Something wrong in a knowledge file, with where to look."""

    path: str
    line: int
    message: str
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {t(f'kb.severity.{self.severity}')} : {self.message}"
