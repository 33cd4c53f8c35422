"""Private tickets: opening with SLA deadlines, the lead's card, replies, waiting, closing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.core import sla_bridge, validation
from bot.core.base import DeskBase, from_iso, iso
from bot.core.community import make_private
from bot.core.questions import invalid_text
from bot.core.views import InvalidInput, TicketView
from bot.db.models import ClosedDay, Question, Ticket, TicketMessage
from bot.db.results import rowcount
from bot.db.upsert import insert_ignore

URGENCIES = ("normal", "urgent", "major")


def check_text(text: str) -> str:
    key = validation.problem(text)
    if key:
        raise InvalidInput(key, invalid_text(key, text))
    return text.strip()


class TicketsMixin(DeskBase):
    def open_ticket(
        self,
        *,
        asker: str,
        text: str,
        urgency: str = "normal",
        question_id: int | None = None,
        details: dict[str, Any] | None = None,
    ) -> TicketView:
        """A private ticket for the support lead. Bad text -> InvalidInput; DB down -> spooled,
        then StoreUnavailable. `details`: what the base's intake form asked (label -> value)."""
        if urgency not in URGENCIES:
            raise ValueError(f"urgency must be one of {URGENCIES}, not {urgency!r}")
        payload = {
            "asker": asker,
            "text": check_text(text),
            "urgency": urgency,
            "question_id": question_id,
            "details": details or None,
            "at": iso(self.now()),
        }
        return self._write("ticket", payload)

    def _apply_ticket(self, s: Session, p: dict[str, Any]) -> TicketView:
        created = from_iso(p["at"])
        kind, target, due = sla_bridge.plan(created, p["urgency"], self.settings, s)
        question = s.get(Question, p["question_id"]) if p.get("question_id") else None
        if question is not None and question.asker != p["asker"]:
            question = None  # only its asker can make a question private
        withdrawn = make_private(s, question) if question is not None else None
        ticket = Ticket(
            question_id=question.id if question else None,
            asker=p["asker"],
            text=p["text"],
            urgency=p["urgency"],
            status="open",
            calendar=kind,
            created_at=created,
            target_at=target,
            due_at=due,
            details=p.get("details") or None,
        )
        s.add(ticket)
        view = self._view(s, ticket)
        if withdrawn is None:
            return view
        return replace(view, withdrawn_channel=withdrawn.channel, withdrawn_ts=withdrawn.ts)

    def record_ticket_card(self, ticket_id: int, channel: str, ts: str) -> None:
        """Where the lead's card was posted (its thread carries the conversation)."""
        payload = {"ticket_id": ticket_id, "channel": channel, "ts": ts}
        self._write("ticket_card", payload, raise_when_down=False)

    def _apply_ticket_card(self, s: Session, p: dict[str, Any]) -> None:
        ticket = self._ticket(s, p["ticket_id"])
        ticket.lead_channel, ticket.lead_ts = p["channel"], p["ts"]

    def record_asker_channel(self, ticket_id: int, channel: str, ts: str | None = None) -> None:
        """Where the asker's confirmation is (its thread is the ticket's conversation)."""
        payload = {"ticket_id": ticket_id, "channel": channel, "ts": ts}
        self._write("asker_channel", payload, raise_when_down=False)

    def _apply_asker_channel(self, s: Session, p: dict[str, Any]) -> None:
        ticket = self._ticket(s, p["ticket_id"])
        ticket.asker_channel = p["channel"]
        if p.get("ts"):
            ticket.asker_ts = p["ts"]

    def lead_reply(self, ticket_id: int, lead: str, text: str) -> TicketView:
        """The lead answered: recorded; the first answer stops the SLA clock; status answered."""
        text = validation.clean(text)
        if not text:
            raise InvalidInput("input.empty_reply", invalid_text("input.empty_reply", text))
        payload = {
            "ticket_id": ticket_id,
            "role": "lead",
            "author": lead,
            "text": text,
            "at": iso(self.now()),
        }
        return self._write("ticket_message", payload)

    def asker_followup(self, asker: str, text: str) -> TicketView | None:
        """The asker wrote again: goes to their newest ticket that is not closed (None if none).
        A ticket waiting for the customer gets its clock back."""
        payload = {
            "asker": asker,
            "role": "asker",
            "author": asker,
            "text": check_text(text),
            "at": iso(self.now()),
        }
        return self._write("ticket_message", payload)

    def _apply_ticket_message(self, s: Session, p: dict[str, Any]) -> TicketView | None:
        at = from_iso(p["at"])
        ticket: Ticket | None
        if p["role"] == "lead" or p.get("ticket_id"):
            ticket = self._locked_ticket(s, p["ticket_id"])
            if p["role"] == "asker" and ticket.asker != p["asker"]:
                return None
        elif p.get("thread"):
            found = s.scalar(
                select(Ticket.id).where(
                    Ticket.asker == p["asker"],
                    Ticket.asker_channel == p["channel"],
                    Ticket.asker_ts == p["thread"],
                )
            )
            if found is None:
                return None
            ticket = self._locked_ticket(s, found)
            if ticket.status == "closed":
                return self._view(s, ticket)
        else:
            found = s.scalar(
                select(Ticket.id)
                .where(Ticket.asker == p["asker"], Ticket.status != "closed")
                .order_by(Ticket.created_at.desc(), Ticket.id.desc())
                .limit(1)
            )
            if found is None:
                return None
            ticket = self._locked_ticket(s, found)
            if ticket.status == "closed":  # closed meanwhile: nothing to add it to
                return None
        s.add(
            TicketMessage(
                ticket_id=ticket.id,
                author=p["author"],
                role=p["role"],
                text=p["text"],
                created_at=at,
            )
        )
        if p["role"] == "lead":
            if ticket.first_answered_at is None:
                ticket.first_answered_at = at
            ticket.clock_paused_at = None
            if ticket.status != "closed":
                ticket.status = "answered"
        elif ticket.status == "waiting_customer":
            sla_bridge.resume(ticket, at, self.settings, s)
        elif ticket.status == "answered":
            ticket.status = "open"  # the asker wrote again: the lead has something to read
        return self._view(s, ticket, last=p["text"])

    def wait_for_customer(self, ticket_id: int) -> TicketView:
        """The lead waits for the asker: the SLA clock stands still until the asker writes."""
        return self._write("ticket_wait", {"ticket_id": ticket_id, "at": iso(self.now())})

    def _apply_ticket_wait(self, s: Session, p: dict[str, Any]) -> TicketView:
        ticket = self._locked_ticket(s, p["ticket_id"])
        if ticket.status not in ("closed", "waiting_customer"):
            sla_bridge.pause(ticket, from_iso(p["at"]))
        return self._view(s, ticket)

    def close_ticket(self, ticket_id: int, by: str) -> TicketView:
        payload = {"ticket_id": ticket_id, "by": by, "at": iso(self.now())}
        return self._write("ticket_close", payload)

    def _apply_ticket_close(self, s: Session, p: dict[str, Any]) -> TicketView:
        ticket = self._locked_ticket(s, p["ticket_id"])
        if ticket.status != "closed":
            ticket.status, ticket.closed_at = "closed", from_iso(p["at"])
            ticket.clock_paused_at = None
        return self._view(s, ticket)

    # --- look-ups for adapters ----------------------------------------------------------------

    def get_ticket(self, ticket_id: int) -> TicketView:
        return self._read(lambda s: self._view(s, self._ticket(s, ticket_id)))

    def find_ticket_by_card(self, channel: str, ts: str) -> TicketView | None:
        """The ticket whose lead card is at (channel, ts), e.g. for a reply in its thread."""

        def find(s: Session) -> TicketView | None:
            ticket = s.scalar(
                select(Ticket).where(Ticket.lead_channel == channel, Ticket.lead_ts == ts)
            )
            return self._view(s, ticket) if ticket else None

        return self._read(find)

    def unannounced_tickets(self) -> list[TicketView]:
        """Open tickets nobody has announced yet (e.g. created by a spool replay)."""

        def find(s: Session) -> list[TicketView]:
            rows = s.scalars(
                select(Ticket)
                .where(Ticket.announced_at.is_(None), Ticket.status != "closed")
                .order_by(Ticket.id)
            )
            return [self._view(s, ticket) for ticket in rows]

        return self._read(find)

    def claim_announcement(self, ticket_id: int) -> bool:
        """True for exactly one caller, whatever the number of instances: the one that must
        announce the ticket (lead's card, emergency alert). One conditional UPDATE. A crash
        between the claim and the post leaves the ticket unannounced; the SLA sweep still
        reminds and escalates it. DB down -> StoreUnavailable."""

        def claim(s: Session) -> bool:
            done = s.execute(
                update(Ticket)
                .where(Ticket.id == ticket_id, Ticket.announced_at.is_(None))
                .values(announced_at=self.now())
            )
            return rowcount(done) == 1

        return self._read(claim, claim=True)

    def release_announcement(self, ticket_id: int) -> None:
        """The announcement failed (the card could not be posted): a later sweep tick claims it
        again. A ticket counts as announced only once its card is out."""

        def release(s: Session) -> None:
            s.execute(
                update(Ticket)
                .where(Ticket.id == ticket_id, Ticket.lead_ts.is_(None))
                .values(announced_at=None)
            )

        self._read(release)

    def declare_closed_days(self, days: list[date], reason: str, by: str) -> list[date]:
        """The lead is away on `days`: the SLA clock stands still then. Returns the days that
        were new; unanswered tickets keep the open time they had left."""
        payload = {
            "days": sorted({d.isoformat() for d in days}),
            "reason": validation.clean(reason),
            "by": by,
            "at": iso(self.now()),
        }
        return self._write("closed_days", payload)

    def _apply_closed_days(self, s: Session, p: dict[str, Any]) -> list[date]:
        before = sla_bridge.calendar_now(self.settings, s)
        added: list[date] = []
        for raw in p["days"]:
            day = date.fromisoformat(raw)
            # insert-or-ignore: concurrent declarations of the same day are fine, and the whole
            # declaration (days + deadline shifts) stays one transaction on every database
            row = {
                "day": day,
                "reason": p["reason"][:200],
                "declared_by": p["by"],
                "created_at": from_iso(p["at"]),
            }
            if insert_ignore(s, ClosedDay, **row):
                added.append(day)
        if added and before is not None:
            s.flush()
            now = from_iso(p["at"])
            # locked (PostgreSQL; on SQLite this transaction already holds the write lock):
            # a customer's answer resuming a ticket meanwhile waits for the shift
            open_rows = s.scalars(
                select(Ticket)
                .where(
                    Ticket.status.in_(("open", "waiting_customer")),
                    Ticket.first_answered_at.is_(None),
                )
                .with_for_update()
                .execution_options(populate_existing=True)
            )
            for ticket in open_rows:
                sla_bridge.shift_for_closed_days(ticket, now, self.settings, s, before)
        return added
