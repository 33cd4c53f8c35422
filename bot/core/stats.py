"""The lead's weekly figures (`python -m bot stats`, the Monday digest, the lead's Home).

Pure queries over one session. Private questions are counted, never quoted: the most-missed list
holds public questions only: asked in a public place or published by their asker (a question that
became a ticket is private; a DM its asker kept is never quoted).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from statistics import median

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bot.core.learning_views import Stats
from bot.db.models import CommunityThread, Question, Ticket
from bot.db.models_learning import Proposal
from bot.messages import t

MISSED = ("suggested", "community", "solved")  # the knowledge did not answer them at once


def build_stats(s: Session, until: datetime, days: int = 7, limit: int = 5) -> Stats:
    since = until - timedelta(days=days)
    public = (
        Question.created_at >= since,
        Question.created_at <= until,
        Question.status.not_in(("private", "smalltalk")),
    )
    questions = s.scalar(select(func.count()).select_from(Question).where(*public)) or 0
    by_bot = s.scalar(
        select(func.count()).select_from(Question).where(*public, Question.status == "answered")
    )
    threads = s.execute(
        select(CommunityThread.created_at, CommunityThread.first_answer_at)
        .join(Question, Question.id == CommunityThread.question_id)
        .where(*public, CommunityThread.first_answer_at.is_not(None))
    ).all()
    delays = [(first - created).total_seconds() for created, first in threads if first]
    ticket_window = (Ticket.created_at >= since, Ticket.created_at <= until)
    tickets = s.scalar(select(func.count()).select_from(Ticket).where(*ticket_window)) or 0
    past_due = s.scalar(
        select(func.count())
        .select_from(Ticket)
        .where(
            *ticket_window,
            Ticket.due_at.is_not(None),
            or_(
                Ticket.first_answered_at > Ticket.due_at,
                (Ticket.first_answered_at.is_(None)) & (Ticket.due_at < until),
            ),
        )
    )
    asked = func.count().label("asked")
    missed = s.execute(
        select(Question.text, asked)
        .where(*public, Question.status.in_(MISSED), Question.public.is_(True))
        .group_by(Question.text)
        .order_by(asked.desc(), func.max(Question.created_at).desc())
        .limit(limit)
    ).all()
    drafts = s.scalar(
        select(func.count()).select_from(Proposal).where(Proposal.status == "waiting")
    )
    return Stats(
        since=since,
        until=until,
        questions=questions,
        by_bot=by_bot or 0,
        by_community=len(threads),
        median_first_answer=median(delays) if delays else None,
        tickets=tickets,
        tickets_past_due=past_due or 0,
        most_missed=tuple((text, n) for text, n in missed),
        drafts_waiting=drafts or 0,
    )


def duration(seconds: float | None) -> str:
    """«3 h 05», «12 min», or «—»."""
    if seconds is None:
        return "—"
    minutes = round(seconds / 60)
    if minutes < 60:
        return t("stats.minutes", minutes=minutes)
    return t("stats.hours", hours=minutes // 60, minutes=f"{minutes % 60:02d}")


def render_stats(stats: Stats) -> list[str]:
    """French lines, shared by the CLI, the digest and the lead's Home."""
    lines = [
        t("stats.period", since=f"{stats.since:%d/%m/%Y}", until=f"{stats.until:%d/%m/%Y}"),
        t("stats.questions", count=stats.questions),
        t("stats.by_bot", count=stats.by_bot, pct=stats.bot_pct),
        t("stats.by_community", count=stats.by_community, pct=stats.community_pct),
        t("stats.median", delay=duration(stats.median_first_answer)),
        t(
            "stats.tickets",
            count=stats.tickets,
            late=stats.tickets_past_due,
            pct=stats.past_due_pct,
        ),
        t("stats.drafts", count=stats.drafts_waiting),
        t("stats.missed"),
    ]
    missed = [
        t("stats.missed_row", times=n, question=" ".join(q.split())[:160])
        for q, n in stats.most_missed
    ]
    return lines + (missed or [t("stats.none")])
