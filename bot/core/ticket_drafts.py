"""A private ticket the lead answered becomes a FAQ draft only anonymised by the lead (they write
the question and answer again, without names, numbers or addresses) and with the asker's
consent: the draft waits in status "consent" until the ticket's asker says yes (then it reaches
the lead's drafts) or no (then its text is wiped). Nothing else of the ticket is ever used."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.base import from_iso, iso
from bot.core.learning_views import NotAllowed, ProposalView
from bot.core.proposals import MAX_TITLE, ProposalsMixin, checked_text
from bot.core.views import NotFound
from bot.db.models import Question, Ticket
from bot.db.models_learning import Proposal


class TicketDraftsMixin(ProposalsMixin):
    def draft_from_ticket(
        self, ticket_id: int, by: str, question: str, answer: str
    ) -> ProposalView:
        """The lead's anonymised version of a ticket they answered; it waits for the asker."""
        self._lead_only(by)
        payload = {
            "ticket_id": ticket_id,
            "by": by,
            "question": checked_text(question, limit=MAX_TITLE),
            "answer": checked_text(answer),
            "at": iso(self.now()),
        }
        return self._write("ticket_draft", payload)

    def _apply_ticket_draft(self, s: Session, p: dict[str, Any]) -> ProposalView:
        ticket = s.get(Ticket, p["ticket_id"])
        if ticket is None or ticket.first_answered_at is None:
            raise NotFound(f"ticket {p['ticket_id']} has no answer")
        question = s.get(Question, ticket.question_id) if ticket.question_id else None
        kb = question.kb if question else self.settings.default_kb
        if kb not in self.knowledge.bases:
            kb = next(iter(sorted(self.knowledge.bases)), kb)
        new = self._propose(
            s,
            kind="entry",
            origin=f"tk:{ticket.id}",
            kb=kb,
            status="consent",
            question=p["question"],
            answer=p["answer"],
            ticket_id=ticket.id,
            asker=ticket.asker,
            proposed_by=p["by"],
            created_at=from_iso(p["at"]),
        )
        row = s.scalar(select(Proposal).where(Proposal.origin == f"tk:{ticket.id}"))
        if new is None and row is not None and row.status == "consent":
            row.question, row.answer = p["question"], p["answer"]  # the lead reworded it
        assert row is not None
        s.flush()
        return self._proposal_view(s, row)

    def consent(self, proposal_id: int, by: str, agree: bool) -> ProposalView:
        """The asker's answer (only them): yes -> a draft for the lead; no -> nothing is kept."""
        return self._write(
            "consent", {"id": proposal_id, "by": by, "agree": bool(agree), "at": iso(self.now())}
        )

    def _apply_consent(self, s: Session, p: dict[str, Any]) -> ProposalView:
        row = s.get(Proposal, p["id"])
        if row is None or row.status != "consent":
            raise NotFound(f"proposal {p['id']}")
        if row.asker != p["by"]:
            raise NotAllowed(p["by"])
        row = self._decide(s, p["id"], "consent", "waiting" if p["agree"] else "refused")
        if not p["agree"]:
            row.question, row.answer = "", ""
            row.decided_at = from_iso(p["at"])
        s.flush()
        return self._proposal_view(s, row)
