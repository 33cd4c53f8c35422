"""Turn a unit's Markdown answer into what each adapter shows.

Answers are written in a small Markdown subset: paragraphs, `**bold**`, `<https://...>` links,
`[text](https://...)` links and `[text](#anchor)` links to another unit of the same base.
A link to another unit becomes that unit's title in guillemets, so the reader knows what to ask
next; the console shows plain text, Slack its own mrkdwn, Discord Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_UNIT_LINK = re.compile(r"\[([^\]]+)\]\(#([^)\s]+)\)")
# a URL may hold balanced parentheses (…/Page_(x)); the link ends at the closing one
_URL_LINK = re.compile(r"\[([^\]]+)\]\((https?://(?:[^()\s]|\([^()\s]*\))+)\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_HEADING = re.compile(r"^#{1,6}\s+(.*)$", re.MULTILINE)
_BULLET = re.compile(r"^(\s*)[-*+]\s+", re.MULTILINE)

TitleOf = Callable[[str], str | None]


def _unit_links(answer: str, title_of: TitleOf | None) -> str:
    def replace(m: re.Match[str]) -> str:
        text, anchor = m.group(1), m.group(2)
        title = title_of(anchor) if title_of else None
        return f"« {title} »" if title else text

    return _UNIT_LINK.sub(replace, answer)


def to_text(answer: str, title_of: TitleOf | None = None) -> str:
    """Plain text for the console: no Markdown marks, URLs written out."""
    text = _unit_links(answer, title_of)
    text = _URL_LINK.sub(r"\1 (\2)", text)
    text = _AUTOLINK.sub(r"\1", text)
    return _BOLD.sub(r"\1", text)


def to_mrkdwn(answer: str, title_of: TitleOf | None = None) -> str:
    """Slack mrkdwn: *bold*, <url|text> links, • bullets; &, < and > escaped elsewhere."""
    text = _unit_links(answer, title_of)
    links: list[str] = []

    def keep(link: str) -> str:
        links.append(link)
        return f"\x00{len(links) - 1}\x00"

    text = _URL_LINK.sub(lambda m: keep(f"<{m.group(2)}|{_label(m.group(1))}>"), text)
    text = _AUTOLINK.sub(lambda m: keep(f"<{m.group(1)}>"), text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _BOLD.sub(r"*\1*", text)
    text = _HEADING.sub(r"*\1*", text)
    text = _BULLET.sub(r"\1• ", text)
    return re.sub(r"\x00(\d+)\x00", lambda m: links[int(m.group(1))], text)


def to_markdown(answer: str, title_of: TitleOf | None = None) -> str:
    """Markdown as chats that speak it show it (Discord): links to other units become their
    titles, the rest is kept as written."""
    return _unit_links(answer, title_of)


def _label(text: str) -> str:
    """A link's text inside Slack's <url|text>: markup escaped, and `|` (which Slack cannot
    escape there) shown as a look-alike."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("|", "\u2223")


def title_lookup(units: dict[str, str], kb: str) -> TitleOf:
    """A `title_of(anchor)` for links inside base `kb`, from {unit id: title}."""
    return lambda anchor: units.get(anchor if "/" in anchor else f"{kb}/{anchor}")
