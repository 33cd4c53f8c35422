"""What the desk hands back to adapters: plain frozen values, no ORM objects, no Slack."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.knowledge.model import Unit
from bot.matching.result import first_line


class StoreUnavailable(RuntimeError):
    """The database cannot be reached. Whatever the user sent was spooled before this is raised;
    the adapter tells the user with t("store.down")."""


class InvalidInput(ValueError):
    """The text cannot be processed (empty, too long, binary); `text` is the French explanation."""

    def __init__(self, key: str, text: str) -> None:
        super().__init__(text)
        self.key = key
        self.text = text


class NotFound(LookupError):
    """No question / ticket with that id."""


class PrivateQuestion(PermissionError):
    """A private question may never be posted anywhere public."""


@dataclass(frozen=True)
class Suggestion:
    """A possible answer: the unit and its score; `.title`, `.id`... read through to the unit."""

    unit: Unit
    score: float

    @property
    def id(self) -> str:
        return self.unit.id

    @property
    def title(self) -> str:
        return self.unit.title

    @property
    def answer(self) -> str:
        return self.unit.answer

    @property
    def first_line(self) -> str:
        """The answer's first sentence (Markdown), so the asker recognises the suggestion."""
        return first_line(self.unit.answer)

    @property
    def source(self) -> str:
        return self.unit.source

    @property
    def kb(self) -> str:
        return self.unit.kb


@dataclass(frozen=True)
class Reply:
    """kind: answer | suggestions | smalltalk | invalid. `text` is ready to show (French)."""

    kind: str
    question_id: int | None = None
    unit: Unit | None = None
    score: float | None = None
    suggestions: tuple[Suggestion, ...] = ()
    text: str = ""
    stored: bool = True  # False: the DB was down, the question waits in the spool
    reason: str = ""  # the matcher's reason (answered, unsure, nothing, greeting...) or input.*
    # the asker's open tickets (ids, newest first, at most 3), read with the question when asked
    open_tickets: tuple[int, ...] | None = None


@dataclass(frozen=True)
class CommunityPost:
    """What the adapter posts in the community channel (never built for a private question)."""

    question_id: int
    asker: str
    text: str
    kb: str = ""
    # already posted (or being posted): where, so that the adapter links to it instead
    already: bool = False
    channel: str | None = None
    ts: str | None = None
    repeat: bool = False  # the same asker published the same question recently: at (channel, ts)


@dataclass(frozen=True)
class CommunityNotice:
    """Someone answered in a community thread: tell `asker` (first: the first answer)."""

    asker: str
    question_id: int
    first: bool
    responder: str = ""
    channel: str | None = None
    ts: str | None = None


@dataclass(frozen=True)
class CommunitySolved:
    """A community question marked solved by its asker: its post, and whether this mark did it
    (`newly`) or it was solved already."""

    question_id: int
    asker: str
    text: str
    channel: str | None
    ts: str | None
    newly: bool


@dataclass(frozen=True)
class TicketView:
    id: int
    asker: str
    text: str
    urgency: str
    status: str
    created_at: datetime
    target_at: datetime | None
    due_at: datetime | None
    due_text: str
    emergency: bool
    lead_channel: str | None
    lead_ts: str | None
    asker_channel: str | None
    question_id: int | None = None
    calendar: str = "business"
    first_answered_at: datetime | None = None
    closed_at: datetime | None = None
    last_message: str | None = None  # the message just recorded (lead_reply, asker_followup)
    # what the base's intake form asked for (label -> text, or a list of file links)
    details: dict[str, Any] | None = None
    asker_ts: str | None = None  # the asker's confirmation: its DM thread is the conversation
    # the community post of the question this ticket made private: the flows delete it
    withdrawn_channel: str | None = None
    withdrawn_ts: str | None = None


class TryLater(RuntimeError):
    """While a recorded request is being handled: the database or the chat platform cannot take
    it right now. Nothing is spooled and nobody is told: the whole request is handled again later
    from the inbox (the calls already sent are not sent again)."""
