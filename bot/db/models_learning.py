"""The tables of the knowledge that grows: community answers, FAQ drafts and phrasings waiting
for the lead, the published knowledge's version counter, and each customer's training progress.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.models import Base
from bot.db.types import UTCDateTime, utcnow


class CommunityAnswer(Base):
    """A member's reply in a community thread (public text: the channel is public)."""

    __tablename__ = "community_answers"
    __table_args__ = (UniqueConstraint("channel", "ts", name="uq_community_answers_channel_ts"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("community_threads.id"), index=True)
    channel: Mapped[str] = mapped_column(String(64))
    ts: Mapped[str] = mapped_column(String(32))
    responder: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Proposal(Base):
    """A FAQ draft (kind "entry") or a new phrasing of an existing unit (kind "phrasing"),
    waiting for the support lead: Publier / Modifier / Ignorer.

    status: consent (a ticket's draft waiting for the asker's yes) | waiting | published |
    ignored | refused. `unit_id`: the phrasing's unit, or the entry's id once published."""

    __tablename__ = "proposals"
    __table_args__ = (UniqueConstraint("kind", "origin", name="uq_proposals_kind_origin"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # entry | phrasing
    # what it came from, unique per kind: "q:<question id>" or "tk:<ticket id>"
    origin: Mapped[str] = mapped_column(String(64))
    kb: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="waiting")
    unit_id: Mapped[str | None] = mapped_column(String(128), index=True)
    question: Mapped[str] = mapped_column(Text)  # the entry's title, or the phrasing
    answer: Mapped[str] = mapped_column(Text, default="")  # entries only
    link: Mapped[str | None] = mapped_column(String(512))  # the community thread
    question_id: Mapped[int | None] = mapped_column(ForeignKey("questions.id"))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    asker: Mapped[str | None] = mapped_column(String(64))  # whose consent a ticket draft needs
    proposed_by: Mapped[str | None] = mapped_column(String(64))
    decided_by: Mapped[str | None] = mapped_column(String(64))
    lead_channel: Mapped[str | None] = mapped_column(String(64))
    lead_ts: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class KnowledgeState(Base):
    """One row: bumped in the transaction that publishes an entry or approves a phrasing, so that
    every instance notices with one primary-key read and rebuilds its matcher."""

    __tablename__ = "knowledge_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)


class ChapterProgress(Base):
    """A training chapter a customer consulted (cited in an answer, or marked by them)."""

    __tablename__ = "chapter_progress"
    __table_args__ = (UniqueConstraint("user", "kb", "chapter", name="uq_chapter_progress"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user: Mapped[str] = mapped_column(String(64), index=True)
    kb: Mapped[str] = mapped_column(String(64))
    chapter: Mapped[int] = mapped_column(Integer)
    how: Mapped[str] = mapped_column(String(16))  # answer | marked
    unit_id: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
