"""Private questions (flow 3 and 4): tickets between one asker and the support lead.

PRIVATE TEXT NEVER GOES TO A PUBLIC CHANNEL: the ticket card goes to SUPPORT_LEAD's DM, the
confirmation and the lead's answers to the asker's DM, follow-ups into the card's thread (the
lead's DM). The major-emergency card goes to ESCALATION_TO: a user gets it in DM with the text; a
channel gets the text only if Slack says the channel is private (otherwise a summary without it).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from bot.config import Settings
from bot.core import Desk, InvalidInput, NotFound, StoreUnavailable, TicketView
from bot.messages import t
from bot.slack import blocks, ids
from bot.slack.slack_io import SlackIO
from bot.slack.text import quote

log = logging.getLogger(__name__)
MAX_ABSENCE_DAYS = 366
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Tickets:
    def __init__(
        self, settings: Settings, desk: Desk, io: SlackIO, when: Callable[[datetime], str]
    ) -> None:
        self.settings = settings
        self.desk = desk
        self.io = io
        self.when = when

    # --- who may do what ----------------------------------------------------------------------
    def leads(self) -> set[str]:
        people = {self.settings.support_lead, self.settings.escalation_to}
        return {p for p in people if p and p.startswith(("U", "W"))}

    def is_lead(self, user: str) -> bool:
        return user in self.leads()

    # --- opening ------------------------------------------------------------------------------
    def open(
        self,
        *,
        user: str,
        text: str,
        urgency: str,
        question_id: int | None,
        details: dict[str, Any] | None = None,
    ) -> None:
        """Open the ticket, post the lead's card, confirm to the asker (all in DMs)."""
        try:
            ticket = self.desk.open_ticket(
                asker=user, text=text, urgency=urgency, question_id=question_id, details=details
            )
        except StoreUnavailable:
            self.io.dm(user, blocks.notice(t("store.down")))
            return
        except InvalidInput as exc:
            self.io.dm(user, blocks.notice(exc.text))
            return
        try:
            claimed = self.desk.claim_announcement(ticket.id)
        except StoreUnavailable:
            claimed = False  # a later sweep tick announces it
        if claimed:
            self.announce(ticket)
        channel, _ = self.io.dm(
            user, blocks.notice(t("slack.ticket.confirm", id=ticket.id, due=ticket.due_text))
        )
        self.desk.record_asker_channel(ticket.id, channel)
        if ticket.emergency:
            self.io.dm(user, blocks.notice(t("slack.ticket.emergency")))

    def announce(self, ticket: TicketView) -> None:
        """The card in the lead's DM (its thread carries the conversation); emergencies also go
        to ESCALATION_TO at once."""
        lead = self.settings.support_lead or self.settings.escalation_to
        if not lead:
            log.error("ticket %s: neither SUPPORT_LEAD nor ESCALATION_TO is set", ticket.id)
            return
        if self.io.is_private(lead):
            channel, ts = self.io.post_to(lead, blocks.ticket_card(ticket, self.when))
            self.desk.record_ticket_card(ticket.id, channel, ts)
        if ticket.emergency:
            self.escalate(ticket, major=True)

    def escalate(self, ticket: object, *, major: bool = False) -> None:
        target = self.settings.escalation_to
        if not target:
            return
        due = getattr(ticket, "due_text", "") or "—"
        card = blocks.escalation_card(
            ticket,
            lead=self.settings.support_lead,
            when=self.when,
            due=due,
            show_text=self.io.is_private(target),
            major=major,
        )
        self.io.post_to(target, card)

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
                self.io.dm(
                    ticket.asker,
                    blocks.notice(t("slack.ticket.confirm", id=ticket.id, due=ticket.due_text)),
                )
            announced += 1
        return announced

    # --- conversation -------------------------------------------------------------------------
    def reply(self, ticket_id: int, lead: str, text: str) -> None:
        """The lead's answer: recorded, relayed to the asker's DM, noted in the card thread."""
        ticket = self.desk.lead_reply(ticket_id, lead, text)
        channel = ticket.asker_channel or self.io.dm_channel(ticket.asker)
        self.io.post(channel, blocks.relay_message(ticket.id, text))
        self._refresh_card(ticket)
        self._card_thread(
            ticket, t("slack.ticket.reply_sent", asker=ticket.asker, lead=lead, text=quote(text))
        )

    def followup(self, *, user: str, text: str) -> bool:
        """A DM from an asker with an open ticket goes to the lead (card thread). True if so.
        DB down -> StoreUnavailable (the desk spooled the message)."""
        try:
            ticket = self.desk.asker_followup(user, text)
        except InvalidInput:
            return False
        if ticket is None:
            return False
        self._card_thread(
            ticket,
            t("slack.ticket.followup", asker=user, id=ticket.id, text=quote(text)),
            broadcast=True,
        )
        self.io.dm(user, blocks.notice(t("slack.ticket.followup_ack", id=ticket.id)))
        return True

    def close(self, ticket_id: int, by: str) -> TicketView | None:
        try:
            before = self.desk.get_ticket(ticket_id)
        except NotFound:
            return None
        if before.status == "closed":
            return before
        ticket = self.desk.close_ticket(ticket_id, by)
        self._refresh_card(ticket)
        self._card_thread(ticket, t("slack.ticket.closed_lead", id=ticket.id, by=by))
        channel = ticket.asker_channel or self.io.dm_channel(ticket.asker)
        self.io.post(
            channel,
            blocks.notice(t("slack.ticket.closed_asker", id=ticket.id, command=ids.SLASH_COMMAND)),
        )
        return ticket

    def _refresh_card(self, ticket: TicketView) -> None:
        if ticket.lead_channel and ticket.lead_ts:
            self.io.update(
                ticket.lead_channel, ticket.lead_ts, blocks.ticket_card(ticket, self.when)
            )

    def _card_thread(self, ticket: TicketView, text: str, *, broadcast: bool = False) -> None:
        """A note in the card's thread (the lead's DM); no card yet: a DM to the lead."""
        if ticket.lead_channel and ticket.lead_ts:
            self.io.post(
                ticket.lead_channel,
                blocks.notice(text),
                thread_ts=ticket.lead_ts,
                reply_broadcast=broadcast,
            )
        elif self.settings.support_lead:
            self.io.dm(self.settings.support_lead, blocks.notice(text))

    # --- absence ------------------------------------------------------------------------------
    def absence(self, user: str, args: list[str]) -> str:
        """`absence 2026-12-24..2026-12-31 [motif]` (or several dates): lead only."""
        if not self.is_lead(user):
            return t("slack.lead_only")
        days, reason = parse_days(args)
        if not days:
            return t("slack.absence.usage", command=ids.SLASH_COMMAND)
        try:
            self.desk.declare_closed_days(days, reason or t("slack.absence.reason"), user)
        except StoreUnavailable:
            return t("store.down")
        if len(days) > 1:
            shown = t(
                "slack.absence.range", start=f"{days[0]:%d/%m/%Y}", end=f"{days[-1]:%d/%m/%Y}"
            )
        else:
            shown = t("slack.absence.single", day=f"{days[0]:%d/%m/%Y}")
        return t("slack.absence.done", days=shown, count=len(days))


def parse_days(args: list[str]) -> tuple[list[date], str]:
    """Dates and ranges (`a..b`) first, the rest is the reason; [] when none or invalid."""
    days: set[date] = set()
    rest: list[str] = []
    for word in args:
        if rest:
            rest.append(word)
            continue
        first, sep, last = word.partition("..")
        if not _DAY.match(first) or (sep and not _DAY.match(last)):
            rest.append(word)
            continue
        try:
            start = date.fromisoformat(first)
            end = date.fromisoformat(last) if sep else start
        except ValueError:
            return [], ""
        if end < start or (end - start).days >= MAX_ABSENCE_DAYS:
            return [], ""
        days.update(start + timedelta(days=n) for n in range((end - start).days + 1))
    return sorted(days), " ".join(rest).strip()
