"""What the learning, training and overview parts of the desk hand back: plain frozen values."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


class NotAllowed(PermissionError):
    """Someone tried what only the support lead (or only the asker) may do."""


@dataclass(frozen=True)
class ProposalView:
    id: int
    kind: str  # entry | phrasing
    kb: str
    status: str  # consent | waiting | published | ignored | refused
    question: str
    answer: str
    unit_id: str | None
    unit_title: str | None = None  # the unit a phrasing belongs to
    link: str | None = None
    thread_channel: str | None = None  # the community post the entry came from
    thread_ts: str | None = None
    asker: str | None = None  # a ticket draft: whose consent it needs
    ticket_id: int | None = None
    lead_channel: str | None = None
    lead_ts: str | None = None
    decided_by: str | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class ChapterLine:
    number: int
    level: str
    title: str | None
    consulted: bool


@dataclass(frozen=True)
class CourseProgress:
    kb: str
    title: str
    chapters: tuple[ChapterLine, ...]
    next_chapter: ChapterLine | None
    end_of_chapter: str = ""
    just_marked: ChapterLine | None = None  # the chapter the customer marked just now

    @property
    def consulted(self) -> int:
        return sum(1 for c in self.chapters if c.consulted)


@dataclass(frozen=True)
class QuestionLine:
    id: int
    text: str
    status: str  # answered | suggested | community | solved
    created_at: datetime
    answers: int = 0  # community answers so far
    thread_channel: str | None = None
    thread_ts: str | None = None


@dataclass(frozen=True)
class TicketLine:
    id: int
    text: str
    status: str  # open | waiting_customer | answered | closed
    urgency: str
    created_at: datetime
    due_at: datetime | None
    overdue: bool
    asker: str = ""


@dataclass(frozen=True)
class CustomerOverview:
    questions: tuple[QuestionLine, ...]
    tickets: tuple[TicketLine, ...]


@dataclass(frozen=True)
class Stats:
    since: datetime
    until: datetime
    questions: int = 0
    by_bot: int = 0  # answered at once from the knowledge
    by_community: int = 0  # got a community answer
    median_first_answer: float | None = None  # seconds, community threads answered
    tickets: int = 0
    tickets_past_due: int = 0
    most_missed: tuple[tuple[str, int], ...] = ()  # public questions only
    drafts_waiting: int = 0

    @property
    def bot_pct(self) -> float:
        return 100 * self.by_bot / self.questions if self.questions else 0.0

    @property
    def community_pct(self) -> float:
        return 100 * self.by_community / self.questions if self.questions else 0.0

    @property
    def past_due_pct(self) -> float:
        return 100 * self.tickets_past_due / self.tickets if self.tickets else 0.0


@dataclass(frozen=True)
class LeadOverview:
    tickets: tuple[TicketLine, ...]  # open ones, overdue first, then by due time
    unanswered: tuple[QuestionLine, ...]  # community questions nobody answered yet
    proposals: tuple[ProposalView, ...]  # waiting for the lead
    stats: Stats = field(default_factory=lambda: Stats(datetime.min, datetime.min))
