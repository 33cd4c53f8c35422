"""Private questions: tickets between one asker and the support lead.

PRIVATE TEXT NEVER GOES TO A PUBLIC CHANNEL: the ticket card goes to the lead's DM, the
confirmation and the lead's answers to the asker's DM, follow-ups into the card's thread (the
lead's DM). The major-emergency card goes to the escalation target: a person gets it in DM with
the text; a channel gets the text only if the chat says it is private (otherwise a summary).

Opening: record -> claim the announcement (exactly one caller, whatever the number of
instances) -> announce (card, emergency) -> confirm to the asker -> record where. A question
made private after it was published has its community post deleted (or, failing that, its text
replaced by a neutral line), and the asker is told.

One ticket, one conversation: the thread of the asker's confirmation (their DM) and the thread
of the lead's card carry it, both ways. A closed ticket can be reopened by its asker from the
closing message within REOPEN_WINDOW_DAYS (the SLA clock starts again; the lead is told).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Generic

from bot.core import InvalidInput, NotFound, StoreUnavailable, TicketView
from bot.flows.chat import Chat
from bot.flows.ports import Asked, M, TicketFacts
from bot.messages import t

log = logging.getLogger(__name__)


class TicketFlows(Generic[M]):
    def __init__(self, chat: Chat[M]) -> None:
        self.chat = chat
        self.desk = chat.desk
        self.io = chat.transport
        self.render = chat.render

    # --- opening ------------------------------------------------------------------------------
    def open(
        self,
        *,
        user: str,
        text: str,
        urgency: str,
        question_id: int | None,
        details: dict[str, Any] | None = None,
    ) -> TicketView | None:
        """Open the ticket, post the lead's card, confirm to the asker (all in DMs).
        `details`: what the base's intake form asked (shown on the lead's card only)."""
        try:
            ticket = self.desk.open_ticket(
                asker=user, text=text, urgency=urgency, question_id=question_id, details=details
            )
        except StoreUnavailable:
            self.io.dm(user, self.render.notice(t("store.down")))
            return None
        except InvalidInput as exc:
            self.io.dm(user, self.render.notice(exc.text))
            return None
        withdrawn = self._withdraw(ticket)
        try:
            claimed = self.desk.claim_announcement(ticket.id)
        except StoreUnavailable:
            claimed = False  # a later sweep tick announces it
        if claimed:
            self.announce_claimed(ticket)
        self._confirm(ticket, withdrawn=withdrawn)
        return ticket

    def _confirm(self, ticket: TicketView, *, withdrawn: bool = False) -> None:
        """The asker's confirmation; its thread is the ticket's conversation."""
        if ticket.emergency:  # 24/7: no "48 h" promise, the people on call are told at once
            text = t("flow.ticket.confirm_major", id=ticket.id, reply=self.render.hint("reply"))
        else:
            text = t(
                "flow.ticket.confirm",
                id=ticket.id,
                due=ticket.due_text,
                reply=self.render.hint("reply"),
            )
        if withdrawn:
            text += "\n" + t("flow.ticket.withdrawn")
        posted = self.io.dm(ticket.asker, self.render.notice(text))
        self.desk.record_asker_channel(ticket.id, posted.channel, posted.ts)

    def _withdraw(self, ticket: TicketView) -> bool:
        """Delete the community post of a question that just became private (or blank it)."""
        channel, ts = ticket.withdrawn_channel, ticket.withdrawn_ts
        if not channel or not ts:
            return False
        try:
            self.io.delete(channel, ts)
        except Exception:  # noqa: BLE001 - not deletable: its text is replaced instead
            log.warning("ticket %s: community post not deleted, blanked", ticket.id)
            self.io.update(channel, ts, self.render.notice(t("flow.community.withdrawn_post")))
        return True

    def announce_claimed(self, ticket: TicketView) -> None:
        """`announce`, after winning the claim. If the card cannot be posted the claim is given
        back, so that the next sweep tick announces the ticket: a ticket counts as announced
        only once its card is out."""
        try:
            self.announce(ticket)
        except Exception:
            try:
                self.desk.release_announcement(ticket.id)
            except Exception as exc:  # noqa: BLE001 - the database is failing too
                log.warning("ticket %s: announcement not released (%s)", ticket.id, exc)
            raise

    def announce(self, ticket: TicketView) -> None:
        """The card in the lead's DM (its thread carries the conversation); emergencies also go
        to the escalation target at once."""
        lead = self.io.lead() or self.io.escalation_target()
        if not lead:
            log.error("ticket %s: no support lead nor escalation target is set", ticket.id)
            return
        if self.io.is_private(lead):
            card = self.render.ticket_card(ticket, self.chat.when(ticket.created_at))
            posted = self.io.post_to(lead, card)
            self.desk.record_ticket_card(ticket.id, posted.channel, posted.ts)
        if ticket.emergency:
            self.escalate(ticket, due=ticket.due_text, major=True)

    def escalate(self, ticket: TicketFacts, *, due: str, major: bool = False) -> bool:
        """The escalation card to the escalation target; False when there is none."""
        target = self.io.escalation_target()
        if not target:
            return False
        created = getattr(ticket, "created_at", None)
        card = self.render.escalation_card(
            ticket,
            lead=self.io.lead(),
            received=self.chat.when(created) if created else "—",
            due=due or "—",
            show_text=self.io.is_private(target),
            major=major,
        )
        self.io.post_to(target, card)
        return True

    def announce_pending(self) -> int:
        """Announce tickets nobody has announced yet (created by a spool replay, or whose live
        announcement failed); each is claimed first, so every instance may run this."""
        try:
            pending = self.desk.unannounced_tickets()
        except StoreUnavailable:
            return 0
        announced = 0
        for ticket in pending:
            try:
                if not self.desk.claim_announcement(ticket.id):
                    continue  # another instance (or the live flow) is announcing it
            except StoreUnavailable:
                return announced
            self.announce_claimed(ticket)
            if ticket.asker_channel is None:  # the asker was never told (spool replay)
                self._confirm(ticket)
            announced += 1
        return announced

    # --- conversation -------------------------------------------------------------------------
    def reply(self, ticket_id: int, lead: str, text: str) -> TicketView:
        """The lead's answer: recorded, relayed to the asker's DM, noted in the card thread."""
        ticket = self.desk.lead_reply(ticket_id, lead, text)
        channel = ticket.asker_channel or self.io.dm_channel(ticket.asker)
        self.io.post(channel, self.render.relay(ticket, text), thread=ticket.asker_ts)
        self.refresh_card(ticket)
        note = t(
            "flow.ticket.reply_sent",
            asker=self.render.mention(ticket.asker),
            lead=self.render.mention(lead),
            text=self.render.quote(text),
        )
        self.card_thread(ticket, note)
        return ticket

    def thread_followup(self, *, user: str, channel: str, thread: str, text: str) -> bool:
        """A reply in the thread of the asker's ticket confirmation goes to that ticket's lead
        (card thread). True when the thread is one of `user`'s tickets. DB down ->
        StoreUnavailable (the desk spooled it, still bound to that thread)."""
        try:
            ticket = self.desk.thread_followup(user, channel, thread, text)
        except InvalidInput as exc:
            self.io.post(channel, self.render.notice(exc.text), thread=thread)
            return True
        if ticket is None:
            return False
        if ticket.status == "closed":
            closed = t(
                "flow.ticket.closed_followup", id=ticket.id, new=self.render.hint("new_question")
            )
            self._tell_closed(ticket, closed)
            return True
        self._relay_followup(ticket, user, text)
        return True

    def add_question(self, user: str, ticket_id: int, question_id: int) -> bool:
        """ "Ajouter à mon ticket": the question goes to the ticket (and becomes private)."""
        ticket = self.desk.add_to_ticket(ticket_id, question_id, user)
        if ticket is None:
            return False
        self._relay_followup(ticket, user, ticket.last_message or "")
        return True

    def offer_addition(
        self,
        asked: Asked,
        *,
        channel: str,
        thread: str | None,
        open_ids: Sequence[int] | None = None,
    ) -> None:
        """After a new question in a DM: "Ajouter à mon ticket n°N" for each open ticket
        (`open_ids`: already read with the question, newest first)."""
        if asked.question_id is None:
            return
        if open_ids is None:
            try:
                open_ids = [ticket.id for ticket in self.desk.open_tickets(asked.asker)]
            except StoreUnavailable:
                return
        open_ids = list(open_ids)[:3]
        if open_ids:
            message = self.render.add_to_ticket(t("flow.ticket.offer_add"), asked, open_ids)
            self.io.post(channel, message, thread=thread)

    def _relay_followup(self, ticket: TicketView, user: str, text: str) -> None:
        note = t(
            "flow.ticket.followup",
            asker=self.render.mention(user),
            id=ticket.id,
            text=self.render.quote(text),
        )
        self.card_thread(ticket, note, broadcast=True)
        self.refresh_card(ticket)
        ack = self.render.notice(t("flow.ticket.followup_ack", id=ticket.id))
        self.io.post(self._asker_channel(ticket), ack, thread=ticket.asker_ts)

    def _asker_channel(self, ticket: TicketView) -> str:
        return ticket.asker_channel or self.io.dm_channel(ticket.asker)

    def _tell_closed(self, ticket: TicketView, text: str) -> None:
        reopen = self.desk.settings.reopen_window_days > 0
        message = self.render.ticket_closed(text, ticket, reopen=reopen)
        self.io.post(self._asker_channel(ticket), message, thread=ticket.asker_ts, broadcast=True)

    def close(self, ticket_id: int, by: str) -> TicketView | None:
        """Close the ticket (None: no such ticket); the card, the lead and the asker are told."""
        try:
            before = self.desk.get_ticket(ticket_id)
        except NotFound:
            return None
        if before.status == "closed":
            return before
        ticket = self.desk.close_ticket(ticket_id, by)
        self.refresh_card(ticket)
        self.card_thread(
            ticket, t("flow.ticket.closed_lead", id=ticket.id, by=self.render.mention(by))
        )
        text = t("flow.ticket.closed_asker", id=ticket.id, command=self.render.ask_command)
        self._tell_closed(ticket, text)
        return ticket

    def reopen(self, ticket_id: int, user: str) -> str | None:
        """The asker reopens their ticket: None when done (the lead and the asker are told),
        else why not (French)."""
        ticket, why = self.desk.reopen_ticket(ticket_id, user)
        if ticket is None:
            days = self.desk.settings.reopen_window_days
            return t(why, days=days, open=self.render.hint("open_ticket"))
        self.refresh_card(ticket)
        note = t("flow.ticket.reopened_lead", id=ticket.id, asker=self.render.mention(user))
        self.card_thread(ticket, note, broadcast=True)
        text = t("flow.ticket.reopened", id=ticket.id, due=ticket.due_text)
        self.io.post(self._asker_channel(ticket), self.render.notice(text), thread=ticket.asker_ts)
        return None

    def refresh_card(self, ticket: TicketView) -> None:
        if ticket.lead_channel and ticket.lead_ts:
            card = self.render.ticket_card(ticket, self.chat.when(ticket.created_at))
            self.io.update(ticket.lead_channel, ticket.lead_ts, card)

    def card_thread(self, ticket: TicketView, text: str, *, broadcast: bool = False) -> None:
        """A note in the card's thread (the lead's DM); no card yet: a DM to the lead."""
        if ticket.lead_channel and ticket.lead_ts:
            self.io.post(
                ticket.lead_channel,
                self.render.notice(text),
                thread=ticket.lead_ts,
                broadcast=broadcast,
            )
        elif lead := self.io.lead():
            self.io.dm(lead, self.render.notice(text))
