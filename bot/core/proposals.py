"""FAQ drafts and phrasings waiting for the support lead: created, announced once, decided.

Authority comes from the database and the settings, never from a button: only SUPPORT_LEAD
publishes, edits or ignores; only the ticket's asker consents to a draft made from their ticket.
Publishing bumps the knowledge version in the same transaction (see live_knowledge.py).
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.core import validation
from bot.core.base import DeskBase, from_iso, iso
from bot.core.learning_views import NotAllowed, ProposalView
from bot.core.live_knowledge import bump_version
from bot.core.questions import invalid_text
from bot.core.views import InvalidInput, NotFound
from bot.db.models import CommunityThread, Question
from bot.db.models_learning import Proposal
from bot.db.results import rowcount
from bot.db.upsert import insert_ignore
from bot.knowledge.learned import entry_anchor
from bot.messages import t

MAX_TITLE = 300


def checked_text(value: str | None, *, limit: int | None = None) -> str:
    """`value` stripped; InvalidInput (its French text naming the right limit) otherwise."""
    key = validation.problem(value or "")
    if key is None and limit is not None and len((value or "").strip()) > limit:
        key = "input.too_long"
    if key == "input.too_long" and limit is not None:
        raise InvalidInput(key, t(key, length=len((value or "").strip()), limit=limit))
    if key:
        raise InvalidInput(key, invalid_text(key, value))
    return (value or "").strip()


def wording_origin(unit_id: str, wording: str) -> str:
    """The origin of a phrasing proposal: the unit and the wording (case and spaces folded)."""
    folded = " ".join(wording.lower().split())
    return "w:" + hashlib.sha256(f"{unit_id}\n{folded}".encode()).hexdigest()[:40]


class ProposalsMixin(DeskBase):
    # --- who may ------------------------------------------------------------------------------
    def is_lead(self, user: str) -> bool:
        return bool(user) and user == self.settings.support_lead

    def _lead_only(self, user: str) -> None:
        if not self.is_lead(user):
            raise NotAllowed(user)

    # --- reading ------------------------------------------------------------------------------
    def _proposal_view(self, s: Session, p: Proposal) -> ProposalView:
        channel = ts = None
        if p.question_id is not None:
            thread = s.scalar(
                select(CommunityThread).where(CommunityThread.question_id == p.question_id)
            )
            if thread is not None:
                channel, ts = thread.channel, thread.ts
        unit = self.knowledge.unit(p.unit_id) if p.unit_id else None
        return ProposalView(
            id=p.id,
            kind=p.kind,
            kb=p.kb,
            status=p.status,
            question=p.question,
            answer=p.answer,
            unit_id=p.unit_id,
            unit_title=unit.title if unit else None,
            link=p.link,
            thread_channel=channel,
            thread_ts=ts,
            asker=p.asker,
            ticket_id=p.ticket_id,
            lead_channel=p.lead_channel,
            lead_ts=p.lead_ts,
            decided_by=p.decided_by,
            created_at=p.created_at,
        )

    def get_proposal(self, proposal_id: int) -> ProposalView:
        def read(s: Session) -> ProposalView:
            row = s.get(Proposal, proposal_id)
            if row is None:
                raise NotFound(f"proposal {proposal_id}")
            return self._proposal_view(s, row)

        return self._read(read)

    def waiting_proposals(self) -> list[ProposalView]:
        def read(s: Session) -> list[ProposalView]:
            rows = s.scalars(
                select(Proposal).where(Proposal.status == "waiting").order_by(Proposal.id)
            ).all()
            return [self._proposal_view(s, r) for r in rows]

        return self._read(read)

    # --- creating (inside the caller's transaction) ---------------------------------------------
    def _propose(self, s: Session, **values: Any) -> int | None:
        """A new proposal unless one already came from the same origin; its id, or None."""
        values.setdefault("status", "waiting")
        values.setdefault("answer", "")
        if not insert_ignore(s, Proposal, **values):
            return None
        return s.scalar(
            select(Proposal.id).where(
                Proposal.kind == values["kind"], Proposal.origin == values["origin"]
            )
        )

    def _propose_phrasing(
        self, s: Session, question: Question, unit_id: str, by: str, at: Any
    ) -> int | None:
        unit = self.knowledge.unit(unit_id)
        if unit is None:
            return None
        wording = " ".join(question.text.split())
        known = {" ".join(x.lower().split()) for x in (unit.title, *unit.phrasings)}
        if wording.lower() in known:
            return None  # it is already answered directly
        same = s.scalar(
            select(Proposal.id).where(
                Proposal.kind == "phrasing",
                Proposal.unit_id == unit.id,
                Proposal.question == wording,
                Proposal.status.in_(("waiting", "published")),
            )
        )
        if same is not None:
            return None  # another customer's identical wording already waits (or is approved)
        # keyed by the wording, not by the question: the unique (kind, origin) key then makes
        # two customers' identical wordings handled at the same moment one draft (a SELECT sees
        # nothing the other transaction has not committed yet), and a wording the lead ignored
        # is not proposed again
        return self._propose(
            s,
            kind="phrasing",
            origin=wording_origin(unit.id, wording),
            kb=unit.kb,
            unit_id=unit.id,
            question=wording,
            question_id=question.id,
            proposed_by=by,
            created_at=at,
        )

    # --- announcing (once, from any instance) ------------------------------------------------
    def unannounced_proposals(self) -> list[ProposalView]:
        def read(s: Session) -> list[ProposalView]:
            rows = s.scalars(
                select(Proposal)
                .where(Proposal.status == "waiting", Proposal.lead_ts.is_(None))
                .order_by(Proposal.id)
            ).all()
            return [self._proposal_view(s, r) for r in rows]

        return self._read(read)

    def claim_proposal_card(self, proposal_id: int) -> bool:
        """True for exactly one caller: that one posts the lead's card."""

        def claim(s: Session) -> bool:
            claimed = s.execute(
                update(Proposal)
                .where(Proposal.id == proposal_id, Proposal.lead_ts.is_(None))
                .values(lead_ts="")
            )
            return bool(rowcount(claimed))

        return self._read(claim)

    def release_proposal_card(self, proposal_id: int) -> None:
        """Posting the claimed card failed: give the claim back (the next tick tries again)."""

        def release(s: Session) -> None:
            s.execute(
                update(Proposal)
                .where(Proposal.id == proposal_id, Proposal.lead_ts == "")
                .values(lead_ts=None)
            )

        self._read(release)

    def record_proposal_card(
        self, proposal_id: int, channel: str, ts: str, link: str | None = None
    ) -> None:
        payload = {"id": proposal_id, "channel": channel, "ts": ts, "link": link}
        self._write("proposal_card", payload, raise_when_down=False)

    def _apply_proposal_card(self, s: Session, p: dict[str, Any]) -> None:
        row = s.get(Proposal, p["id"])
        if row is not None:
            row.lead_channel, row.lead_ts = p["channel"], p["ts"]
            if p.get("link") and not row.link:
                row.link = p["link"]

    # --- the lead decides ----------------------------------------------------------------------
    def publish(
        self,
        proposal_id: int,
        by: str,
        *,
        question: str | None = None,
        answer: str | None = None,
    ) -> ProposalView:
        """Publier (Modifier: with the edited question and answer). Lead only; waiting only."""
        self._lead_only(by)
        payload = {
            "id": proposal_id,
            "by": by,
            "question": None if question is None else checked_text(question, limit=MAX_TITLE),
            "answer": None if answer is None else checked_text(answer),
            "at": iso(self.now()),
        }
        return self._write("publish", payload)

    def _apply_publish(self, s: Session, p: dict[str, Any]) -> ProposalView:
        row = self._decide(s, p["id"], "waiting", "published")
        if p.get("question"):
            row.question = p["question"]
        if p.get("answer") and row.kind == "entry":
            row.answer = p["answer"]
        if row.kind == "entry":
            row.unit_id = f"{row.kb}/{entry_anchor(row.question, row.id)}"
        row.decided_by, row.decided_at = p["by"], from_iso(p["at"])
        bump_version(s)
        s.flush()
        return self._proposal_view(s, row)

    def ignore(self, proposal_id: int, by: str) -> ProposalView:
        self._lead_only(by)
        return self._write("ignore", {"id": proposal_id, "by": by, "at": iso(self.now())})

    def _apply_ignore(self, s: Session, p: dict[str, Any]) -> ProposalView:
        row = self._decide(s, p["id"], "waiting", "ignored")
        row.decided_by, row.decided_at = p["by"], from_iso(p["at"])
        s.flush()
        return self._proposal_view(s, row)

    def _decide(self, s: Session, proposal_id: int, before: str, after: str) -> Proposal:
        """Move the proposal from status `before` to `after`, once: one conditional UPDATE, so
        that of two decisions at the same time (two clicks, two instances) exactly one wins, on
        SQLite too (where SELECT ... FOR UPDATE locks nothing). NotFound for the other one."""
        moved = s.execute(
            update(Proposal)
            .where(Proposal.id == proposal_id, Proposal.status == before)
            .values(status=after)
            .execution_options(synchronize_session=False)
        )
        row = s.get(Proposal, proposal_id, populate_existing=True)
        if row is None:
            raise NotFound(f"proposal {proposal_id}")
        if rowcount(moved) != 1:
            raise NotFound(f"proposal {proposal_id} is {row.status}")
        return row
