"""The knowledge that grows and the training, for any chat (written against the ports):

- FAQ drafts and phrasings go to the support lead, each card posted once (claimed in the
  database, so any instance, or the scheduler after a spool replay, may call `announce_pending`);
- the lead's decision updates the card; a ticket draft first asks the asker's consent;
- the training list, marking a chapter, the end-of-chapter reminder after an answer;
- what the question form asks per base (intake), the lead's ticket list, the weekly digest.

Its messages come from a `LearningRenderer` (Slack: Block Kit in bot/slack/learning_blocks.py).
"""

from __future__ import annotations

import contextlib
import logging
from typing import Generic, Protocol

from bot.core import NotFound, StoreUnavailable
from bot.core.learning_views import CourseProgress, ProposalView, TicketLine
from bot.core.training import marked_text
from bot.flows.chat import Chat
from bot.flows.ports import M, MOut
from bot.knowledge.intake import Intake
from bot.knowledge.registry import ALL
from bot.messages import t

log = logging.getLogger(__name__)


class LearningRenderer(Protocol[MOut]):
    def proposal_card(self, proposal: ProposalView, link: str) -> MOut:
        """To the lead: the draft or phrasing, where it came from; Publier / Modifier / Ignorer
        while it waits, its outcome once decided. Buttons carry the proposal id only."""
        ...

    def consent_request(self, proposal: ProposalView) -> MOut:
        """To a ticket's asker: the lead's anonymised text, and yes / no."""
        ...

    def progress(self, progress: CourseProgress, note: str) -> MOut:
        """The chapter list (👁 / 🙈), the next chapter, a way to mark one; `note` above it."""
        ...

    def tickets(self, tickets: tuple[TicketLine, ...]) -> MOut:
        """The lead's open tickets, overdue first, with their due time."""
        ...


class LearningFlows(Generic[M]):
    def __init__(self, chat: Chat[M], render: LearningRenderer[M]) -> None:
        self.chat = chat
        self.desk = chat.desk
        self.io = chat.transport
        self.render = render

    # --- drafts and phrasings ------------------------------------------------------------------
    def announce_pending(self) -> int:
        """Post the lead's card of every proposal nobody announced yet (claimed one by one)."""
        lead = self.io.lead()
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
                    continue  # another instance is posting it
            except StoreUnavailable:
                return posted
            link = self._thread_link(proposal)
            try:
                place = self.io.dm(lead, self.render.proposal_card(proposal, link))
            except Exception:
                log.exception("proposal %s: card not posted, retried at the next tick", proposal.id)
                self.desk.release_proposal_card(proposal.id)
                continue
            self.desk.record_proposal_card(proposal.id, place.channel, place.ts, link or None)
            posted += 1
        return posted

    def _thread_link(self, p: ProposalView) -> str:
        if p.link:
            return p.link
        if p.thread_channel and p.thread_ts:
            return self.io.link(p.thread_channel, p.thread_ts)
        return ""

    def decided(self, p: ProposalView, user: str, channel: str | None) -> None:
        """The lead decided: the card shows it; a publication is confirmed to them."""
        if p.lead_channel and p.lead_ts:
            self.io.update(p.lead_channel, p.lead_ts, self.render.proposal_card(p, p.link or ""))
        if p.status == "published":
            self.io.whisper(channel, user, self.chat.render.notice(t("flow.draft.published")))

    def ask_consent(self, p: ProposalView, lead: str, channel: str | None) -> None:
        if p.asker:
            self.io.dm(p.asker, self.render.consent_request(p))
        self.io.whisper(
            channel, lead, self.chat.render.notice(t("flow.draft.consent_sent", id=p.ticket_id))
        )

    # --- training --------------------------------------------------------------------------------
    def formation(self, user: str, note: str = "") -> M:
        try:
            progress = self.desk.progress(user)
        except NotFound:
            return self.chat.render.notice(t("training.no_course"))
        return self.render.progress(progress, note)

    def mark(self, user: str, number: int) -> M:
        """Mark chapter `number` consulted: the reminder, then the list. Unknown -> NotFound."""
        progress = self.desk.mark_chapter(user, number)
        return self.render.progress(progress, marked_text(progress))

    def unknown_chapter(self) -> str:
        courses = self.desk.knowledge.courses
        if not courses:
            return t("training.no_course")
        return t("training.unknown_chapter", total=len(self.desk.course().chapters))

    # --- intake: what the question form asks, per base -----------------------------------------
    def intakes_for(self, channel: str | None, question_id: int | None = None) -> list[Intake]:
        """The channel's base's intake; for a question, its base's; with every base at once
        ("all"), every base's intake (each field optional)."""
        intakes = self.desk.knowledge.intakes
        kb = self.chat.settings.kb_for_channel(channel)
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

    # --- the lead's ticket list, the digest -----------------------------------------------------
    def tickets(self, user: str) -> None:
        """`tickets`: the lead's open tickets in their DM; anyone else is told it is theirs only."""
        if not self.chat.is_lead(user):
            self.io.whisper(None, user, self.chat.render.notice(t("flow.lead_only")))
            return
        self.io.dm(user, self.render.tickets(self.desk.lead_overview().tickets))

    def send_digest(self, text: str) -> None:
        lead = self.io.lead()
        if lead:
            self.io.dm(lead, self.chat.render.notice(text))
