"""Checks a customer's text before anything else looks at it."""

from __future__ import annotations

import unicodedata

MAX_QUESTION_CHARS = 4000
_ALLOWED_CONTROLS = frozenset("\n\t\r")
_REPLACEMENT = "\ufffd"


def visible_length(text: str | None) -> int:
    """Characters as the person typed them: the markup entities adapters may add (&amp; &lt;
    &gt;, as Slack escapes text) count as the one character they stand for."""
    stripped = (text or "").strip()
    return (
        len(stripped)
        - 4 * stripped.count("&amp;")
        - 3 * (stripped.count("&lt;") + stripped.count("&gt;"))
    )


def problem(text: str | None) -> str | None:
    """The message key explaining why `text` is refused, or None when it is fine."""
    stripped = (text or "").strip()
    if not stripped:
        return "input.empty"
    if visible_length(stripped) > MAX_QUESTION_CHARS:
        return "input.too_long"
    if any(_is_control(c) for c in stripped):
        return "input.binary"
    bad = stripped.count(_REPLACEMENT)
    if bad and (bad >= 3 or bad * 10 >= len(stripped)):
        return "input.binary"
    return None


def clean(text: str | None) -> str:
    """`text` stripped, without control characters other than line breaks and tabs: for what
    the lead or a member writes, which is stored without the question's checks (PostgreSQL
    refuses a NUL character in text, SQLite keeps it)."""
    stripped = (text or "").strip()
    if not any(_is_control(c) for c in stripped):
        return stripped
    return "".join(c for c in stripped if not _is_control(c)).strip()


def _is_control(char: str) -> bool:
    return char not in _ALLOWED_CONTROLS and unicodedata.category(char) == "Cc"
