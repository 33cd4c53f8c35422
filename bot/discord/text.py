"""Discord markup for customer text: mass mentions defused, masked links unmasked, quoting, and
the words to match.

`allowed_mentions` already stops every ping; defusing `@everyone`, `@here` and role mentions in
the text as well keeps a quoted question from even looking like one (and from pinging if a
message were ever sent without it).
"""

from __future__ import annotations

import re

WORD_JOINER = "\u2060"
_MASS = re.compile(r"@(everyone|here)\b", re.IGNORECASE)
_ROLE = re.compile(r"<@&(\d+)>")
_MENTION = re.compile(r"<@!?(\d+)>|<#(\d+)>|<@&(\d+)>|<a?:(\w+):\d+>|<t:\d+(?::\w)?>")
_MASKED = re.compile(
    r"\[([^\]\n]*)\]\(\s*<?([a-z][a-z0-9+.-]*:[^\s)>]+)>?(?:\s+\"[^\"]*\")?\s*\)", re.I
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
QUOTE_MAX = 1500


def neutralise(text: str) -> str:
    """`@everyone`, `@here` and `<@&role>` shown as text that pings nobody."""
    text = _MASS.sub(lambda m: f"@{WORD_JOINER}{m.group(1)}", text)
    return _ROLE.sub(lambda m: f"@{WORD_JOINER}rôle", text)


def unmask(text: str) -> str:
    """Masked links show where they really go: `[texte](https://a.example)` ->
    `texte (<https://a.example>)` (a label that is its own URL is dropped), so a label can
    never lie about its target."""

    def show(m: re.Match[str]) -> str:
        label, target = m.group(1).strip(), m.group(2)
        if not label or label.rstrip("/") == target.rstrip("/"):
            return f"<{target}>"
        return f"{label} (<{target}>)"

    return _MASKED.sub(show, text)


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def quote(text: str, limit: int = QUOTE_MAX) -> str:
    """Neutralised, links unmasked, shortened, quoted line by line (`> `): safe for a public
    post."""
    body = shorten(_CONTROL.sub("", unmask(neutralise(text))).strip(), limit) or "…"
    return "\n".join(f"> {line}" if line.strip() else ">" for line in body.splitlines())


def for_matching(text: str) -> str:
    """Mentions, channels, custom emoji and timestamps dropped: the words a person reads.
    Only for matching; what is stored and reposted stays as it was typed."""

    def replace(m: re.Match[str]) -> str:
        return m.group(4) or ""

    return _MENTION.sub(replace, text).strip()


def thread_name(text: str) -> str:
    """A thread or forum post title from a question: one line, at most 100 characters."""
    line = " ".join(_CONTROL.sub("", neutralise(text)).split())
    return shorten(line, 90) or "Question"
