"""Private questions: tickets between one asker and the support lead.

PRIVATE TEXT NEVER GOES TO A PUBLIC CHANNEL: the ticket card goes to the lead's DM, the
confirmation and the lead's answers to the asker's DM, follow-ups into the card's thread (the
lead's DM). The major-emergency card goes to the escalation target: a person gets it in DM with
the text; a channel gets the text only if the chat says it is private (otherwise a summary).

Opening: record -> claim the announcement (exactly one caller, whatever the number of
instances) -> announce (card, emergency) -> confirm to the asker -> record where.
"""

from __future__ import annotations

import logging
from typing import Generic

from bot.core import InvalidInput, NotFound, StoreUnavailable, TicketView
from bot.flows.chat import Chat
from bot.flows.ports import M, TicketFacts
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
        self, *, user: str, text: str, urgency: str, question_id: int | None
    ) -> TicketView | None:
        """Open the ticket, post the lead's card, confirm to the asker (all in DMs)."""
        try:
            ticket = self.desk.open_ticket(
                asker=user, text=text, urgency=urgency, question_id=question_id
            )
        except StoreUnavailable:
            self.io.dm(user, self.render.notice(t("store.down")))
            return None
        except InvalidInput as exc:
            self.io.dm(user, self.render.notice(exc.text))
            return None
        try:
            claimed = self.desk.claim_announcement(ticket.id)
        except StoreUnavailable:
            claimed = False  # a later sweep tick announces it
        if claimed:
            self.announce(ticket)
        posted = self.io.dm(user, self.render.notice(self._confirmation(ticket)))
        self.desk.record_asker_channel(ticket.id, posted.channel)
        if ticket.emergency:
            self.io.dm(user, self.render.notice(t("flow.ticket.emergency")))
        return ticket

    def _confirmation(self, ticket: TicketView) -> str:
        return t("flow.ticket.confirm", id=ticket.id, due=ticket.due_text)

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
            self.announce(ticket)
            if ticket.asker_channel is None:  # the asker was never told (spool replay)
                self.io.dm(ticket.asker, self.render.notice(self._confirmation(ticket)))
            announced += 1
        return announced

    # --- conversation -------------------------------------------------------------------------
    def reply(self, ticket_id: int, lead: str, text: str) -> TicketView:
        """The lead's answer: recorded, relayed to the asker's DM, noted in the card thread."""
        ticket = self.desk.lead_reply(ticket_id, lead, text)
        channel = ticket.asker_channel or self.io.dm_channel(ticket.asker)
        self.io.post(channel, self.render.relay(ticket, text))
        self.refresh_card(ticket)
        note = t(
            "flow.ticket.reply_sent",
            asker=self.render.mention(ticket.asker),
            lead=self.render.mention(lead),
            text=self.render.quote(text),
        )
        self.card_thread(ticket, note)
        return ticket

    def followup(self, *, user: str, text: str) -> bool:
        """A DM from an asker with an open ticket goes to the lead (card thread). True if so.
        DB down -> StoreUnavailable (the desk spooled the message)."""
        try:
            ticket = self.desk.asker_followup(user, text)
        except InvalidInput:
            return False
        if ticket is None:
            return False
        note = t(
            "flow.ticket.followup",
            asker=self.render.mention(user),
            id=ticket.id,
            text=self.render.quote(text),
        )
        self.card_thread(ticket, note, broadcast=True)
        self.io.dm(user, self.render.notice(t("flow.ticket.followup_ack", id=ticket.id)))
        return True

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
        channel = ticket.asker_channel or self.io.dm_channel(ticket.asker)
        text = t("flow.ticket.closed_asker", id=ticket.id, command=self.render.ask_command)
        self.io.post(channel, self.render.notice(text))
        return ticket

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
