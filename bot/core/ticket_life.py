"""A ticket's life after opening, as the asker sees it: writing in its DM thread, adding a
question to an open ticket, reopening a closed one within REOPEN_WINDOW_DAYS, listing one's open
tickets."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core import sla_bridge
from bot.core.base import from_iso, iso
from bot.core.community import make_private
from bot.core.tickets import TicketsMixin, check_text
from bot.core.views import TicketView
from bot.db.models import Question, Ticket


class TicketLifeMixin(TicketsMixin):
    def thread_followup(
        self, asker: str, channel: str, thread: str, text: str
    ) -> TicketView | None:
        """The asker wrote in the DM thread of one of their tickets' confirmation: that ticket
        (None: that thread is no ticket of theirs). A closed ticket records nothing and comes
        back with its status "closed" (the asker may reopen it)."""
        payload = {
            "asker": asker,
            "channel": channel,
            "thread": thread,
            "role": "asker",
            "author": asker,
            "text": check_text(text),
            "at": iso(self.now()),
        }
        return self._write("ticket_message", payload)

    def add_to_ticket(self, ticket_id: int, question_id: int, user: str) -> TicketView | None:
        """The asker adds a question they just asked to their open ticket: its text becomes a
        message of the ticket and the question private. None unless both are `user`'s and the
        ticket is open."""
        payload = {"ticket_id": ticket_id, "question_id": question_id, "user": user}
        return self._write("ticket_addition", {**payload, "at": iso(self.now())})

    def _apply_ticket_addition(self, s: Session, p: dict[str, Any]) -> TicketView | None:
        ticket = self._lock_ticket(s, p["ticket_id"])
        question = s.get(Question, p["question_id"])
        if ticket is None or question is None or ticket.status == "closed":
            return None
        if ticket.asker != p["user"] or question.asker != p["user"]:
            return None
        make_private(s, question)
        message = {"ticket_id": ticket.id, "role": "asker", "author": p["user"]}
        return self._apply_ticket_message(
            s, {**message, "asker": p["user"], "text": question.text, "at": p["at"]}
        )

    def reopen_ticket(self, ticket_id: int, by: str) -> tuple[TicketView | None, str]:
        """The asker reopens their closed ticket within REOPEN_WINDOW_DAYS of its closing: the
        SLA clock starts again from now. (view, "") or (None, why: a message key)."""
        payload = {"ticket_id": ticket_id, "by": by, "at": iso(self.now())}
        view = self._write("ticket_reopen", payload)
        if isinstance(view, TicketView):
            return view, ""
        return None, str(view)

    def _apply_ticket_reopen(self, s: Session, p: dict[str, Any]) -> TicketView | str:
        ticket = self._lock_ticket(s, p["ticket_id"])
        if ticket is None or ticket.asker != p["by"]:
            return "flow.not_yours"
        now = from_iso(p["at"])
        if ticket.status != "closed":
            return "flow.ticket.not_closed"
        window = timedelta(days=self.settings.reopen_window_days)
        if ticket.closed_at is None or now - ticket.closed_at > window:
            return "flow.ticket.reopen_too_late"
        kind, target, due = sla_bridge.plan(now, ticket.urgency, self.settings, s)
        ticket.calendar, ticket.target_at, ticket.due_at = kind, target, due
        ticket.status, ticket.closed_at, ticket.clock_paused_at = "open", None, None
        ticket.clock_started_at = now
        ticket.first_answered_at = ticket.reminded_at = ticket.escalated_at = None
        ticket.claimed_by = ticket.claimed_at = None
        return self._view(s, ticket)

    def open_tickets(self, asker: str) -> list[TicketView]:
        """The asker's tickets that are not closed, newest first."""

        def find(s: Session) -> list[TicketView]:
            rows = s.scalars(
                select(Ticket)
                .where(Ticket.asker == asker, Ticket.status != "closed")
                .order_by(Ticket.created_at.desc(), Ticket.id.desc())
            )
            return [self._view(s, ticket) for ticket in rows]

        return self._read(find)
