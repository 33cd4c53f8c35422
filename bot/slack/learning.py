"""The Slack side of the knowledge that grows, the Homes and the training.

- drafts and phrasings go to SUPPORT_LEAD's DM, each card posted once (claimed in the database,
  so any instance, or the scheduler after a spool replay, may call `announce_pending`);
- the lead's decision updates the card; a ticket draft first asks the asker's consent by DM;
- the Home tab is built per person (the lead gets the support dashboard);
- `/formation` and the chapter select; the end-of-chapter reminder after an answer;
- the weekly digest goes to the lead's DM.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from bot.config import Settings
from bot.core import Desk, NotFound, StoreUnavailable
from bot.core.learning_views import ProposalView
from bot.core.training import marked_text
from bot.knowledge.intake import Intake
from bot.knowledge.registry import ALL
from bot.messages import t
from bot.slack import blocks
from bot.slack.home import customer_home, lead_home, lead_ticket_row
from bot.slack.learning_blocks import consent_request, progress_message, proposal_card
from bot.slack.slack_io import SlackIO
from bot.slack.text import to_mrkdwn

log = logging.getLogger(__name__)


class Learning:
    def __init__(
        self, settings: Settings, desk: Desk, io: SlackIO, when: Callable[[datetime], str]
    ) -> None:
        self.settings = settings
        self.desk = desk
        self.io = io
        self.when = when

    # --- drafts and phrasings ------------------------------------------------------------------
    def announce_pending(self) -> int:
        """Post the lead's card of every proposal nobody announced yet (claimed one by one)."""
        lead = self.settings.support_lead
        if not lead:
            return 0
        try:
            pending = self.desk.unannounced_proposals()
        except StoreUnavailable:
            return 0
        posted = 0
        for proposal in pending:
            try:
                if not self.desk.claim_proposal_card(proposal.id):
                    continue
            except StoreUnavailable:
                return posted
            link = self._thread_link(proposal)
            channel, ts = self.io.dm(lead, proposal_card(proposal, link))
            self.desk.record_proposal_card(proposal.id, channel, ts, link or None)
            posted += 1
        return posted

    def _thread_link(self, p: ProposalView) -> str:
        if p.link:
            return p.link
        if p.thread_channel and p.thread_ts:
            return self.io.permalink(p.thread_channel, p.thread_ts)
        return ""

    def refresh_card(self, p: ProposalView) -> None:
        if p.lead_channel and p.lead_ts:
            self.io.update(p.lead_channel, p.lead_ts, proposal_card(p, p.link or ""))

    def decided(self, p: ProposalView, user: str, channel: str) -> None:
        self.refresh_card(p)
        if p.status == "published":
            self.io.ephemeral(channel, user, t("slack.draft.published"))

    def ask_consent(self, p: ProposalView, lead: str, channel: str) -> None:
        if p.asker:
            self.io.dm(p.asker, consent_request(p))
        self.io.ephemeral(channel, lead, t("slack.draft.consent_sent", id=p.ticket_id))

    # --- training --------------------------------------------------------------------------------
    def formation(self, user: str, note: str = "") -> blocks.Message:
        try:
            progress = self.desk.progress(user)
        except NotFound:
            return blocks.notice(t("slack.formation.none"))
        return progress_message(progress, note)

    def mark(self, user: str, number: int) -> blocks.Message:
        progress = self.desk.mark_chapter(user, number)
        return progress_message(progress, to_mrkdwn(marked_text(progress)))

    def end_of_chapter(self, unit_id: str, channel: str, thread_ts: str | None) -> None:
        """After an answer from a chapter's last section: questions are welcome before moving on."""
        note = self.desk.ends_chapter(unit_id)
        if note:
            self.io.post(channel, blocks.notice(note), thread_ts=thread_ts)

    # --- intake: what the question form asks, per base -----------------------------------------
    def intakes_for(self, channel: str | None, question_id: int | None = None) -> list[Intake]:
        """The channel's base's intake; for a question, its base's; with every base at once
        ("all"), every base's intake (each field optional)."""
        intakes = self.desk.knowledge.intakes
        kb = self.settings.kb_for_channel(channel)
        if question_id is not None:
            with contextlib.suppress(NotFound, StoreUnavailable):
                kb = self.desk.get_question(question_id).kb
        if kb in intakes:
            return [intakes[kb]]
        if kb == ALL or kb not in self.desk.knowledge.bases:
            return [intakes[name] for name in sorted(intakes)]
        return []

    def chosen_intakes(self, names: object) -> list[Intake]:
        intakes = self.desk.knowledge.intakes
        return [intakes[n] for n in names if n in intakes] if isinstance(names, list) else []

    # --- the lead's ticket list, the Homes, the digest ------------------------------------------
    def tickets_text(self) -> str:
        tickets = self.desk.lead_overview().tickets
        if not tickets:
            return t("slack.tickets.none")
        rows = [f"• {lead_ticket_row(k, self.when)}" for k in tickets]
        return "\n".join([t("slack.tickets.title", count=len(tickets)), *rows])

    def home(self, user: str) -> dict[str, Any]:
        if user == self.settings.support_lead:
            return lead_home(self.desk.lead_overview(), self.when)
        try:
            progress = self.desk.progress(user)
        except NotFound:
            progress = None
        return customer_home(self.desk.customer_overview(user), progress, self.when)

    def send_digest(self, text: str) -> None:
        if self.settings.support_lead:
            self.io.dm(self.settings.support_lead, blocks.notice(text))
