"""Custom ids of buttons and forms: an action and ids, nothing else (`helped:42`,
`see:42:sfr-acn/delai-validation`, `add:7:42` ticket 7 and question 42). Who may act, the
question's text and its asker are looked up again in the database when the button is used.
"""

from __future__ import annotations

from dataclasses import dataclass

COMMAND = "question"  # the application command
HELPED, NOT_SOLVED, COMMUNITY, PRIVATE, SEE = "helped", "notsolved", "community", "private", "see"
SOLVED, TICKET_SOLVED, REPLY, CLOSE = "solved", "tsolved", "reply", "close"
SEND_PRIVATE, ADD_TO_TICKET, REOPEN = "sendprivate", "add", "reopen"
REPLY_FORM, PRIVATE_FORM = "replyform", "privateform"
FORM_TEXT = "texte"  # the text input of both forms
ACTIONS = {
    HELPED,
    NOT_SOLVED,
    COMMUNITY,
    PRIVATE,
    SEE,
    SOLVED,
    TICKET_SOLVED,
    REPLY,
    CLOSE,
    SEND_PRIVATE,
    ADD_TO_TICKET,
    REOPEN,
    REPLY_FORM,
    PRIVATE_FORM,
}
MAX_LENGTH = 100  # Discord's limit for a custom id


@dataclass(frozen=True)
class Action:
    """A parsed custom id: `number` is a question or ticket id; `extra` a unit id, or the
    question id of an "add to my ticket" button."""

    name: str
    number: int | None
    extra: str = ""


def make(name: str, number: int | None, extra: str = "") -> str:
    raw = f"{name}:{'' if number is None else number}" + (f":{extra}" if extra else "")
    if name not in ACTIONS or len(raw) > MAX_LENGTH:
        raise ValueError(f"custom id not allowed: {raw[:MAX_LENGTH]}")
    return raw


def parse(raw: str) -> Action | None:
    """The action, or None for anything this bot did not make."""
    name, _, rest = raw.partition(":")
    number, _, extra = rest.partition(":")
    if name not in ACTIONS or len(raw) > MAX_LENGTH:
        return None
    if number and not (number.isascii() and number.isdigit()):
        return None
    return Action(name, int(number) if number else None, extra)
