"""What the Discord renderer makes and the transport sends: text, an optional embed for long
text, and rows of buttons. Buttons carry ids only (see `ids.py`).

Discord limits: 2,000 characters of content, 4,096 in an embed's description, 5 buttons a row,
80 characters a button label. Every message goes out with `allowed_mentions` that ping nobody,
so a quoted `@everyone` or `<@id>` stays text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CONTENT_MAX = 2000
EMBED_MAX = 4096
LABEL_MAX = 80
ROW_MAX = 5
NO_PINGS: dict[str, Any] = {"parse": []}
PRIMARY, SECONDARY, SUCCESS, DANGER, LINK = 1, 2, 3, 4, 5


@dataclass(frozen=True)
class Button:
    label: str
    custom_id: str = ""
    style: int = SECONDARY
    url: str = ""  # a link button (no custom id)


@dataclass(frozen=True)
class DiscordMessage:
    content: str
    detail: str = ""  # long text (a question as asked): shown in an embed, never cut
    buttons: tuple[Button, ...] = field(default_factory=tuple)
    title: str = ""  # the thread (or forum post) name when this opens a community thread

    def fitted(self) -> tuple[str, str]:
        """(content, embed text) within Discord's limits: content too long for a message
        moves into the embed, whole."""
        content, detail = self.content, self.detail
        if len(content) > CONTENT_MAX:
            content, detail = shorten(content, 200), content + ("\n\n" + detail if detail else "")
        return content, shorten(detail, EMBED_MAX)

    def rows(self) -> list[tuple[Button, ...]]:
        """The buttons in action rows of at most five."""
        return [self.buttons[i : i + ROW_MAX] for i in range(0, len(self.buttons), ROW_MAX)]


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
