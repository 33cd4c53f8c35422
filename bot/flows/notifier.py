"""The SLA sweep's Notifier (bot.sla.escalation) for any chat, through the ports.

- remind(ticket): a reminder to the lead, in the ticket card's thread (also shown in the DM) or,
  without a card, as a DM.
- escalate(ticket): the escalation card (summary, question, reply / resolved buttons) to the
  escalation target (a person: their DM; a channel: the question text only if it is private),
  or to the lead when there is no escalation target.
A failed post raises: the sweep then releases its claim and retries later.
"""

from __future__ import annotations

from typing import Generic

from bot.config import Settings
from bot.flows.ports import M, Renderer, Transport
from bot.messages import t
from bot.sla.calendar import SlaCalendar
from bot.sla.escalation import TicketSummary
from bot.sla.wording import due_phrase, when_phrase


class ChatNotifier(Generic[M]):
    def __init__(self, settings: Settings, transport: Transport[M], render: Renderer[M]) -> None:
        self.io = transport
        self.render = render
        self.calendar = SlaCalendar.from_settings(settings)

    def _due(self, ticket: TicketSummary) -> str:
        if ticket.due_at is None:
            return "—"
        return due_phrase(ticket.due_at, self.calendar.with_kind(ticket.calendar))

    def remind(self, ticket: TicketSummary) -> None:
        text = t(
            "flow.reminder.text",
            id=ticket.id,
            asker=self.render.mention(ticket.asker),
            due=self._due(ticket),
        )
        if ticket.lead_channel and ticket.lead_ts:
            self.io.post(
                ticket.lead_channel,
                self.render.notice(text),
                thread=ticket.lead_ts,
                broadcast=True,
            )
        elif lead := self.io.lead():
            self.io.dm(lead, self.render.notice(text))

    def escalate(self, ticket: TicketSummary) -> None:
        target = self.io.escalation_target() or self.io.lead()
        if not target:
            return
        card = self.render.escalation_card(
            ticket,
            lead=self.io.lead(),
            received=when_phrase(ticket.created_at, self.calendar),
            due=self._due(ticket),
            show_text=self.io.is_private(target),
        )
        self.io.post_to(target, card)
        lead = self.io.lead()
        if lead and target != lead:  # the lead hears of it too
            text = t("flow.ticket.escalated_lead", id=ticket.id, target=self._name(target))
            if ticket.lead_channel and ticket.lead_ts:
                self.io.post(ticket.lead_channel, self.render.notice(text), thread=ticket.lead_ts)
            else:
                self.io.dm(lead, self.render.notice(text))

    def _name(self, destination: str) -> str:
        if self.io.is_user(destination):
            return self.render.mention(destination)
        return self.render.channel_ref(destination)
