"""Making customer text safe to repost: mass mentions neutralised, markup escaped, quoting.

Two kinds of text reach the bot:
- event text (messages, mentions): already in Slack's markup (`&lt;`, `<@U1>`, `<!channel>`);
- form text (modal inputs): raw, where a typed `<!channel>` would become real markup once posted.
`from_form()` escapes form text into Slack's markup so that both kinds are stored and reposted the
same way; `neutralise()` then defuses mass mentions in either, and `quote()` prefixes lines.
"""

from __future__ import annotations

import re
import unicodedata

WORD_JOINER = "\u2060"  # invisible: "@\u2060channel" reads as @channel and pings nobody
MAX_BLOCK_TEXT = 2900  # a section's text is limited to 3000 characters

_SPECIAL = re.compile(r"<!(channel|here|everyone|group)(?:\|[^>]*)?>", re.IGNORECASE)
_SUBTEAM = re.compile(r"<!subteam\^[A-Z0-9]+(?:\|@?([^>]*))?>", re.IGNORECASE)
_OTHER = re.compile(r"<!([^>|^]*)[^>|]*(?:\|([^>]*))?>")  # <!date^…|fallback>, anything else
_MASKED = re.compile(r"<([a-z][a-z0-9+.-]*:[^>|\s]+)\|([^>]*)>", re.IGNORECASE)
_LITERAL = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)
_MENTION = re.compile(r"<@[UW][A-Z0-9]+(?:\|[^>]*)?>")
_CONTROL = {c for c in map(chr, range(32)) if c not in "\n\t"} | {"\x7f"}


def neutralise(text: str) -> str:
    """Defuse every special mention: `<!channel>`, `<!here>`, `<!everyone>`, `<!group>`,
    `<!subteam^…>`, any other `<!…>` (its fallback text is kept) and literal @channel."""
    text = _SPECIAL.sub(lambda m: f"@{WORD_JOINER}{m.group(1).lower()}", text)
    text = _SUBTEAM.sub(lambda m: f"@{WORD_JOINER}{m.group(1) or 'groupe'}", text)
    text = _OTHER.sub(lambda m: m.group(2) or f"@{WORD_JOINER}{m.group(1)}", text)
    return _LITERAL.sub(lambda m: f"@{WORD_JOINER}{m.group(1)}", text)


def unmask(text: str) -> str:
    """Links show where they really go: `<https://a.example|texte>` -> `texte (<https://a.example>)`
    (a label that is its own URL is dropped), so a label can never lie about its target."""

    def show(m: re.Match[str]) -> str:
        target, label = m.group(1), m.group(2).strip()
        if not label or label.rstrip("/") == target.rstrip("/"):
            return f"<{target}>"
        return f"{label} (<{target}>)"

    return _MASKED.sub(show, text)


def escape(text: str) -> str:
    """Slack's own escaping: the three characters that make markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    """Slack-escaped text back to what the user typed (to prefill a form)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def from_form(text: str) -> str:
    """A modal's raw input in the same (escaped) form as event text."""
    return escape(text.strip())


def printable(text: str) -> str:
    """Control characters dropped (they break Block Kit) — used only for display."""
    return "".join(ch for ch in text if ch not in _CONTROL and unicodedata.category(ch) != "Cs")


def shorten(text: str, limit: int = MAX_BLOCK_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def quote(text: str, limit: int = MAX_BLOCK_TEXT) -> str:
    """Neutralised, links unmasked, shortened and quoted line by line (`> `), safe for a
    public post."""
    body = shorten(printable(unmask(neutralise(text))).strip(), limit) or "…"
    return "\n".join(f"> {line}" if line.strip() else ">" for line in body.splitlines())


_ANGLE = re.compile(r"<([^<>]*)>")


def for_matching(text: str) -> str:
    """Slack markup reduced to the words a person reads: mentions dropped, link labels kept,
    entities unescaped. Only for matching; what is stored and reposted stays as it was."""

    def replace(m: re.Match[str]) -> str:
        inner = m.group(1)
        target, _, label = inner.partition("|")
        if target.startswith(("@", "!")):  # users, @channel, @here, user groups
            return " "
        if target.startswith("#"):  # a channel: its name
            return f" {label} " if label else " "
        return f" {label or target} "  # a link: its label, else the URL

    return unescape(_ANGLE.sub(replace, text))


def strip_mention(text: str, user_id: str | None) -> str:
    """The text of an app mention without the bot's own `<@UBOT>` tag."""
    if user_id:
        text = re.sub(rf"<@{re.escape(user_id)}(?:\|[^>]*)?>", " ", text)
    return " ".join(text.split(" ")).strip()


def mentions(text: str, user_id: str | None) -> bool:
    return bool(user_id) and f"<@{user_id}" in text


def has_user_mention(text: str) -> bool:
    return bool(_MENTION.search(text))


_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6}\s+(.*)$", re.MULTILINE)
_BULLET = re.compile(r"^(\s*)[-*+]\s+", re.MULTILINE)


def to_mrkdwn(markdown: str) -> str:
    """Knowledge Markdown (bold, links, headings, bullets) as Slack mrkdwn, escaped."""
    text = escape(markdown.strip())
    text = _LINK.sub(lambda m: f"<{m.group(2)}|{m.group(1)}>", text)
    text = _HEADING.sub(lambda m: f"*{m.group(1).strip()}*", text)
    text = _BULLET.sub(lambda m: f"{m.group(1)}• ", text)
    return _BOLD.sub(lambda m: f"*{m.group(1) or m.group(2)}*", text)


_SLACK_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]+)>")
_SLACK_BARE = re.compile(r"<(https?://[^|>]+)>")


def from_slack(text: str) -> str:
    """A member's message (Slack markup) as knowledge Markdown: labelled links become
    `[label](url)`, bare links `<url>`, mass mentions defused, Slack escapes undone."""
    text = neutralise(text)
    text = _SLACK_LINK.sub(lambda m: f"[{m.group(2)}]({m.group(1)})", text)
    text = _SLACK_BARE.sub(lambda m: f"<{m.group(1)}>", text)
    return unescape(text).strip()
