"""The tables: questions, community threads, tickets, messages, feedback, events, absences."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from bot.db.types import UTCDateTime, utcnow


class Base(DeclarativeBase):
    pass


class Question(Base):
    """Every question a customer asked, whatever became of it."""

    __tablename__ = "questions"
    __table_args__ = (Index("ix_questions_asker", "asker", "created_at"),)  # the flood check

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    asker: Mapped[str] = mapped_column(String(64))
    origin: Mapped[str] = mapped_column(String(32), default="console")  # slack, console, ...
    channel: Mapped[str | None] = mapped_column(String(64))
    thread_ts: Mapped[str | None] = mapped_column(String(32))
    kb: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    # answered | suggested | community | private | solved | smalltalk
    status: Mapped[str] = mapped_column(String(16), default="answered")
    unit_id: Mapped[str | None] = mapped_column(String(128))
    score: Mapped[float | None] = mapped_column(Float)
    # the suggestion the asker chose to see (a 👍 on it proposes this wording as a phrasing)
    chosen_unit_id: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # may be quoted (report): asked in a public place, or published by its asker's choice
    public: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    community: Mapped[CommunityThread | None] = relationship(back_populates="question")


class CommunityThread(Base):
    """A question posted publicly in the community channel."""

    __tablename__ = "community_threads"
    __table_args__ = (UniqueConstraint("channel", "ts", name="uq_community_channel_ts"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"), unique=True)
    channel: Mapped[str | None] = mapped_column(String(64))
    ts: Mapped[str | None] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | solved | withdrawn
    answers: Mapped[int] = mapped_column(Integer, default=0)
    first_answer_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_answerer: Mapped[str | None] = mapped_column(String(64))
    solved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    question: Mapped[Question] = relationship(back_populates="community")


class Ticket(Base):
    """A private question: only the asker and the support lead ever see its text."""

    __tablename__ = "tickets"
    __table_args__ = (
        Index("ix_tickets_sweep", "status", "due_at"),
        Index("ix_tickets_asker", "asker", "status"),  # an asker's open tickets
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int | None] = mapped_column(ForeignKey("questions.id"))
    asker: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    urgency: Mapped[str] = mapped_column(String(16), default="normal")  # normal | urgent | major
    # open | waiting_customer | answered | closed
    status: Mapped[str] = mapped_column(String(20), default="open")
    calendar: Mapped[str] = mapped_column(String(16), default="business")  # business | always
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    target_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # SLA clock: set while the ticket waits for the customer (the clock stands still)
    clock_paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # when the clock last started running: reopened, or the customer answered after a wait
    # (None: since created_at); days declared closed later give back open time from there
    clock_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # the sweep's claim: which instance took the row and when (for crash recovery)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # set once by the one instance that announces the ticket to the lead (card, emergency alert)
    announced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lead_channel: Mapped[str | None] = mapped_column(String(64))
    lead_ts: Mapped[str | None] = mapped_column(String(32))
    asker_channel: Mapped[str | None] = mapped_column(String(64))
    # what the base's intake form asked for (e.g. an SFR order: client name, address...)
    details: Mapped[dict | None] = mapped_column(JSON)
    # the asker's confirmation message: its thread is the ticket's conversation
    asker_ts: Mapped[str | None] = mapped_column(String(32))

    messages: Mapped[list[TicketMessage]] = relationship(
        back_populates="ticket", order_by="TicketMessage.id"
    )


class TicketMessage(Base):
    __tablename__ = "ticket_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    author: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))  # asker | lead
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    ticket: Mapped[Ticket] = relationship(back_populates="messages")


class Feedback(Base):
    __tablename__ = "feedback"
    # one vote per person and answer (a second one replaces the first); votes on no question
    # (NULL) are not limited
    __table_args__ = (Index("uq_feedback_question_user", "question_id", "user", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int | None] = mapped_column(ForeignKey("questions.id"))
    unit_id: Mapped[str | None] = mapped_column(String(128))
    user: Mapped[str] = mapped_column(String(64))
    helpful: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ProcessedEvent(Base):
    """Slack retries events; the unique key makes a retry a no-op."""

    __tablename__ = "processed_events"

    event_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ClosedDay(Base):
    """Leave or closure days declared at run time (in addition to SLA_CLOSED_DAYS)."""

    __tablename__ = "closed_days"
    __table_args__ = (UniqueConstraint("day", name="uq_closed_days_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200), default="")
    declared_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SpooledMessage(Base):
    """Spool entries already replayed, keyed so that a replay after a crash is applied once."""

    __tablename__ = "replayed_spool"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    payload: Mapped[dict] = mapped_column(JSON)
    replayed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class InboxItem(Base):
    """A request the bot acknowledged: recorded before the ack, handled once by a worker.

    `id` is the sender's own key (Slack: the event id, or the interaction's trigger / view id),
    so a retry of a recorded request is recognised. A worker holds `claimed_by` while it handles
    the item (a crashed worker's claim expires after a lease); `done_at` marks it handled.
    """

    __tablename__ = "inbox"
    __table_args__ = (Index("ix_inbox_pending", "done_at", "claimed_at"),)

    id: Mapped[str] = mapped_column(String(160), primary_key=True)
    body: Mapped[str] = mapped_column(Text)  # the raw payload, as received (may hold private text)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime)  # retry back-off
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(String(200))  # why it was given up (never text)


class OutboxCall(Base):
    """A Web API call that must happen: recorded before it is sent, marked sent after.

    `key` is deterministic (the inbox item's id and the call's rank in its handling), so handling
    an item again after a crash finds the calls already sent and does not send them twice.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status", "status", "created_at"),)

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    method: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str | None] = mapped_column(String(64))
    # pending | sent | failed
    status: Mapped[str] = mapped_column(String(16), default="pending", server_default="pending")
    response: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # what the caller needs
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# the learning tables (FAQ drafts, phrasings, training progress) share this Base
from bot.db import models_learning  # noqa: E402,F401
