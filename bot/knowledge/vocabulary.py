"""Read a base's vocabulary file (`knowledge/<base>/vocabulaire.md`): the words customers use
for the words of the base, edited by the support lead, checked by `kb check`.

Format (see knowledge/README.md)::

    # Vocabulaire
    - logiciel de navigation, browser -> navigateur
    - colis -> livraison

One rule a line: one or more customer expressions (comma separated) -> the base's word(s).
Other lines (titles, blank lines, text) are comments. Problems are collected, never raised.
"""

from __future__ import annotations

import re
from pathlib import Path

from bot.knowledge.model import Problem
from bot.messages import t

FILE_NAME = "vocabulaire.md"
MAX_FILE_BYTES = 500_000
_RULE = re.compile(r"^\s*[-*]\s+(?P<left>.*?)\s*(?:->|→|=>)\s*(?P<right>.*?)\s*$")
_WORDS = re.compile(r"[\w'’-]+")


def _fold(text: str) -> str:
    from bot.matching.normalize import fold

    return " ".join(_WORDS.findall(fold(text)))


def parse_vocabulary(text: str, rel: str) -> tuple[tuple[tuple[str, str], ...], list[Problem]]:
    """(customer expression, base words) pairs in file order, and the problems found."""
    pairs: list[tuple[str, str]] = []
    problems: list[Problem] = []
    seen: dict[str, tuple[str, int]] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped.startswith(("- ", "* ")):
            continue
        m = _RULE.match(line)
        if not m:
            problems.append(Problem(rel, n, t("kb.vocab_format")))
            continue
        right = _fold(m["right"])
        lefts = [_fold(part) for part in m["left"].split(",")]
        if not right or not all(lefts):
            problems.append(Problem(rel, n, t("kb.vocab_empty")))
            continue
        for left in lefts:
            if left == right:
                problems.append(Problem(rel, n, t("kb.vocab_same", word=left)))
                continue
            if left in seen and seen[left][0] != right:
                first, line_no = seen[left]
                problems.append(
                    Problem(rel, n, t("kb.vocab_twice", word=left, first=first, line=line_no))
                )
                continue
            seen.setdefault(left, (right, n))
            pairs.append((left, right))
    return tuple(pairs), problems


def load_vocabulary(folder: Path, root: Path) -> tuple[tuple[tuple[str, str], ...], list[Problem]]:
    """The vocabulary of the base in `folder` (none when the file is absent)."""
    path = folder / FILE_NAME
    if not path.is_file():
        return (), []
    rel = str(path.relative_to(root))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return (), [Problem(rel, 0, t("kb.unreadable", error=exc))]
    if len(raw) > MAX_FILE_BYTES:
        return (), [Problem(rel, 0, t("kb.too_big", size=len(raw)))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return (), [Problem(rel, 0, t("kb.not_utf8", reason=exc.reason))]
    if "\x00" in text:
        return (), [Problem(rel, 0, t("kb.binary"))]
    return parse_vocabulary(text, rel)
