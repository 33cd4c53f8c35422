"""SlackNotifier: the SLA sweep's Notifier (bot.sla.escalation) posting to Slack.

- remind(ticket): a reminder to SUPPORT_LEAD, in the ticket card's thread (broadcast to the DM)
  or, without a card, as a DM.
- escalate(ticket): the escalation card (summary, question, reply / resolved buttons) to
  ESCALATION_TO (a user: their DM; a channel: the question text only if the channel is private),
  or to the lead when no ESCALATION_TO is set.
A failed post raises (SlackApiError): the sweep then releases its claim and retries later.
"""

from __future__ import annotations

from datetime import datetime

from bot.config import Settings
from bot.messages import t
from bot.sla.calendar import SlaCalendar
from bot.sla.escalation import TicketSummary
from bot.sla.wording import due_phrase, when_phrase
from bot.slack import blocks
from bot.slack.slack_io import SlackIO


class SlackNotifier:
    def __init__(self, settings: Settings, io: SlackIO) -> None:
        self.settings = settings
        self.io = io
        self.calendar = SlaCalendar.from_settings(settings)

    def _when(self, instant: datetime) -> str:
        return when_phrase(instant, self.calendar)

    def _due(self, ticket: TicketSummary) -> str:
        if ticket.due_at is None:
            return "—"
        return due_phrase(ticket.due_at, self.calendar.with_kind(ticket.calendar))

    def remind(self, ticket: TicketSummary) -> None:
        lead = self.settings.support_lead
        text = t("slack.reminder.text", id=ticket.id, asker=ticket.asker, due=self._due(ticket))
        if ticket.lead_channel and ticket.lead_ts:
            self.io.post(
                ticket.lead_channel,
                blocks.notice(text),
                thread_ts=ticket.lead_ts,
                reply_broadcast=True,
            )
        elif lead:
            self.io.post_to(lead, blocks.notice(text))

    def escalate(self, ticket: TicketSummary) -> None:
        target = self.settings.escalation_to or self.settings.support_lead
        if not target:
            return
        card = blocks.escalation_card(
            ticket,
            lead=self.settings.support_lead,
            when=self._when,
            due=self._due(ticket),
            show_text=self.io.is_private(target),
        )
        self.io.post_to(target, card)
