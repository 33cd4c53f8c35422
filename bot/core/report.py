"""The support lead's activity report: what the bot answered, what it could not, which answers
did not help, how the community and the private tickets fared. Read-only; pure queries.

Private questions are counted, never quoted: the report may be shared with the team. Only a
question asked in a public place, or published by its asker's choice, is ever quoted: never one
from a DM the asker did not publish, never one that became a ticket.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from bot.db.models import CommunityThread, Feedback, Question, Ticket
from bot.messages import t

# public questions the bot could not answer itself (solved = answered by the community)
PUBLIC_UNANSWERED = ("suggested", "community", "solved")


@dataclass(frozen=True)
class UnitFeedback:
    unit_id: str
    helped: int
    not_helped: int


@dataclass
class Report:
    since: datetime
    questions: int = 0
    answered: int = 0  # answered at once from the knowledge
    unanswered: int = 0  # suggestions only or handed to the community
    community_threads: int = 0
    community_answered: int = 0
    community_solved: int = 0
    tickets: int = 0
    tickets_open: int = 0
    tickets_answered: int = 0
    tickets_escalated: int = 0
    tickets_emergency: int = 0
    to_improve: list[tuple[str, int]] = field(default_factory=list)  # (question, times asked)
    feedback: list[UnitFeedback] = field(default_factory=list)

    @property
    def answered_pct(self) -> float:
        return 100 * self.answered / self.questions if self.questions else 0.0


def build_report(session: Session, now: datetime, days: int = 30, limit: int = 15) -> Report:
    since = now - timedelta(days=days)
    report = Report(since=since)

    def window(column: InstrumentedAttribute[datetime]) -> ColumnElement[bool]:
        return column.between(since, now)

    by_status = dict(
        session.execute(
            select(Question.status, func.count())
            .where(window(Question.created_at), Question.status != "private")
            .group_by(Question.status)
        ).all()
    )
    report.questions = sum(by_status.values())
    report.answered = by_status.get("answered", 0)
    report.unanswered = sum(by_status.get(s, 0) for s in PUBLIC_UNANSWERED)

    threads = session.execute(
        select(
            func.count(),
            func.count(CommunityThread.first_answer_at),
            func.count(CommunityThread.solved_at),
        ).where(window(CommunityThread.created_at))
    ).one()
    report.community_threads, report.community_answered, report.community_solved = threads

    tickets = session.execute(
        select(
            func.count(),
            func.sum(case((Ticket.status.in_(("open", "waiting_customer")), 1), else_=0)),
            func.count(Ticket.first_answered_at),
            func.count(Ticket.escalated_at),
            func.sum(case((Ticket.urgency == "major", 1), else_=0)),
        ).where(window(Ticket.created_at))
    ).one()
    report.tickets = tickets[0]
    report.tickets_open = int(tickets[1] or 0)
    report.tickets_answered, report.tickets_escalated = tickets[2], tickets[3]
    report.tickets_emergency = int(tickets[4] or 0)

    # the public questions the knowledge could not answer, most asked first (same wording)
    asked = func.count().label("asked")
    report.to_improve = [
        (text, n)
        for text, n in session.execute(
            select(Question.text, asked)
            .where(
                window(Question.created_at),
                Question.status.in_(PUBLIC_UNANSWERED),
                Question.public.is_(True),
                ~select(Ticket.id).where(Ticket.question_id == Question.id).exists(),
            )
            .group_by(Question.text)
            .order_by(asked.desc(), func.max(Question.created_at).desc())
            .limit(limit)
        ).all()
    ]

    helped = func.sum(case((Feedback.helpful.is_(True), 1), else_=0))
    not_helped = func.sum(case((Feedback.helpful.is_(False), 1), else_=0))
    report.feedback = [
        UnitFeedback(unit_id, int(h or 0), int(n or 0))
        for unit_id, h, n in session.execute(
            select(Feedback.unit_id, helped, not_helped)
            .where(window(Feedback.created_at), Feedback.unit_id.is_not(None))
            .group_by(Feedback.unit_id)
            .order_by(not_helped.desc(), Feedback.unit_id)
            .limit(limit)
        ).all()
    ]
    return report


def readable(text: str, limit: int = 160) -> str:
    """A stored question as the person wrote it, on one line: chat escapes (`&lt;`) undone."""
    plain = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return " ".join(plain.split())[:limit]


def render_report(r: Report, days: int) -> str:
    """The report as French text for the terminal."""
    to_improve = [
        t("cli.report.to_improve_row", times=n, question=readable(q)) for q, n in r.to_improve
    ]
    feedback = [
        t("cli.report.feedback_row", unit=f.unit_id, helped=f.helped, not_helped=f.not_helped)
        for f in r.feedback
    ]
    lines = [
        t("cli.report.title", since=r.since.date().isoformat(), days=days),
        t(
            "cli.report.questions",
            questions=r.questions,
            answered=r.answered,
            pct=r.answered_pct,
            unanswered=r.unanswered,
        ),
        t(
            "cli.report.community",
            threads=r.community_threads,
            answered=r.community_answered,
            solved=r.community_solved,
        ),
        t(
            "cli.report.tickets",
            tickets=r.tickets,
            open=r.tickets_open,
            answered=r.tickets_answered,
            escalated=r.tickets_escalated,
            emergency=r.tickets_emergency,
        ),
        "",
        t("cli.report.to_improve"),
        *(to_improve or [t("cli.report.none")]),
        "",
        t("cli.report.feedback"),
        *(feedback or [t("cli.report.none")]),
    ]
    return "\n".join(lines)
