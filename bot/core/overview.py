"""The two Homes: a customer's questions and tickets; the lead's open tickets (overdue first),
unanswered community questions, proposals waiting and this week's figures."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from bot.core.learning_views import (
    CustomerOverview,
    LeadOverview,
    QuestionLine,
    Stats,
    TicketLine,
)
from bot.core.proposals import ProposalsMixin
from bot.core.stats import build_stats
from bot.db.models import CommunityThread, Question, Ticket

OPEN = ("open", "waiting_customer")
HOME_ROWS = 10


def _ticket_line(ticket: Ticket, now: datetime) -> TicketLine:
    overdue = ticket.status == "open" and ticket.due_at is not None and ticket.due_at < now
    return TicketLine(
        ticket.id,
        ticket.text,
        ticket.status,
        ticket.urgency,
        ticket.created_at,
        ticket.due_at,
        overdue,
        ticket.asker,
    )


def _question_lines(
    s: Session, *where: ColumnElement[bool], newest: bool = True
) -> list[QuestionLine]:
    order = Question.id.desc() if newest else Question.id
    rows = s.execute(
        select(Question, CommunityThread)
        .outerjoin(CommunityThread, CommunityThread.question_id == Question.id)
        .where(*where)
        .order_by(order)
        .limit(HOME_ROWS)
    ).all()
    return [
        QuestionLine(
            q.id,
            q.text,
            q.status,
            q.created_at,
            thread.answers if thread else 0,
            thread.channel if thread else None,
            thread.ts if thread else None,
        )
        for q, thread in rows
    ]


class OverviewMixin(ProposalsMixin):
    def customer_overview(self, user: str) -> CustomerOverview:
        now = self.now()

        def read(s: Session) -> CustomerOverview:
            questions = _question_lines(
                s, Question.asker == user, Question.status.not_in(("private", "smalltalk"))
            )
            tickets = s.scalars(
                select(Ticket)
                .where(Ticket.asker == user)
                .order_by(Ticket.id.desc())
                .limit(HOME_ROWS)
            ).all()
            return CustomerOverview(tuple(questions), tuple(_ticket_line(k, now) for k in tickets))

        return self._read(read)

    def week_stats(self, days: int = 7) -> Stats:
        """The figures of the last `days` days (the weekly digest, `python -m bot stats`)."""
        now = self.now()
        return self._read(lambda s: build_stats(s, now, days=days))

    def lead_overview(self) -> LeadOverview:
        now = self.now()

        def read(s: Session) -> LeadOverview:
            tickets = [
                _ticket_line(k, now)
                for k in s.scalars(select(Ticket).where(Ticket.status.in_(OPEN))).all()
            ]
            far = datetime.max.replace(tzinfo=UTC)
            tickets.sort(key=lambda k: (not k.overdue, k.due_at or far, k.id))
            unanswered = _question_lines(
                s,
                CommunityThread.status == "open",
                CommunityThread.answers == 0,
                CommunityThread.ts.is_not(None),
                newest=False,
            )
            return LeadOverview(
                tuple(tickets),
                tuple(unanswered),
                (),
                build_stats(s, now),
            )

        overview = self._read(read)
        return LeadOverview(
            overview.tickets, overview.unanswered, tuple(self.waiting_proposals()), overview.stats
        )
