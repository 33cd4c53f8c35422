"""What the support lead published from the community, laid over the knowledge files.

Pure functions: `merge(bases, entries, phrasings)` returns new bases where each published entry
is a FAQ unit and each approved phrasing is one more way to ask its unit. A unit already in the
files wins (after `kb export` the entry lives in a file), so nothing is ever answered twice.
`to_markdown(...)` writes entries in the knowledge file format, for `python -m bot kb export`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

from bot.knowledge.model import KnowledgeBase, Unit
from bot.messages import t

EXPORT_FILE = "faq-communaute.md"
MAX_SLUG = 60


@dataclass(frozen=True)
class LearnedEntry:
    unit_id: str  # "<kb>/<anchor>", fixed when the lead published it
    kb: str
    question: str
    answer: str
    link: str | None = None


@dataclass(frozen=True)
class LearnedPhrasing:
    unit_id: str
    text: str


def slug(text: str) -> str:
    """ASCII lowercase words joined by '-': a valid knowledge anchor fragment."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", plain)
    out = "-".join(words)[:MAX_SLUG].strip("-")
    return out or "question"


def entry_anchor(question: str, proposal_id: int) -> str:
    """A stable anchor for a published entry: its words, then its proposal id (unique)."""
    return f"{slug(question)}-{proposal_id}"


def entry_unit(entry: LearnedEntry, phrasings: tuple[str, ...] = ()) -> Unit:
    return Unit(
        id=entry.unit_id,
        kb=entry.kb,
        title=entry.question,
        answer=entry.answer,
        source=t("learning.source"),
        kind="faq",
        phrasings=phrasings,
        path=t("learning.path"),
    )


def merge(
    bases: dict[str, KnowledgeBase],
    entries: Iterable[LearnedEntry],
    phrasings: Iterable[LearnedPhrasing],
) -> dict[str, KnowledgeBase]:
    extra: dict[str, list[str]] = {}
    for p in phrasings:
        extra.setdefault(p.unit_id, []).append(p.text)
    merged = {
        name: KnowledgeBase(
            kb.name,
            kb.title,
            [_with(u, extra) for u in kb.units],
            vocabulary=kb.vocabulary,
            products=kb.products,
            gaps=kb.gaps,
        )
        for name, kb in bases.items()
    }
    for entry in entries:
        kb = merged.get(entry.kb)
        if kb is None or kb.get(entry.unit_id) is not None:
            continue  # unknown base, or already in the files
        kb.units.append(entry_unit(entry, tuple(extra.get(entry.unit_id, ()))))
    return merged


def _with(unit: Unit, extra: dict[str, list[str]]) -> Unit:
    more = [p for p in extra.get(unit.id, ()) if p not in unit.phrasings]
    return replace(unit, phrasings=(*unit.phrasings, *more)) if more else unit


_HEADING_LIKE = re.compile(r"^\s*#+\s*")
_VARIANTS_LIKE = re.compile(r"^(\s*(?:variantes|phrasings))\s*:\s*$", re.IGNORECASE)


def _body(answer: str) -> str:
    """The answer, with no line the loader would read as a heading or a variants list."""
    lines = [_HEADING_LIKE.sub("", line) for line in answer.strip().splitlines()]
    return "\n".join(_VARIANTS_LIKE.sub(r"\1 —", line) for line in lines)


def to_markdown(entries: list[LearnedEntry], phrasings: dict[str, list[str]]) -> str:
    """One FAQ file (same format as the others, passes `kb check`); the community threads the
    entries came from are listed as comments in the header."""
    header = ["---", "kind: faq", f"source: {t('learning.source')}"]
    header += [f"# {e.unit_id.split('/', 1)[1]} : {e.link}" for e in entries if e.link]
    lines = [*header, "---", f"# {t('learning.file_title')}", ""]
    for entry in entries:
        anchor = entry.unit_id.split("/", 1)[1]
        title = " ".join(entry.question.split()).replace("{#", "{ #")
        lines += [f"## {title} {{#{anchor}}}", "", _body(entry.answer), ""]
        variants = [" ".join(p.split()) for p in phrasings.get(entry.unit_id, [])]
        if variants:
            lines += ["Variantes :", *(f"- {v}" for v in variants), ""]
    return "\n".join(lines).rstrip() + "\n"
