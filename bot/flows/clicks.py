"""What a button (or a form) does, for any chat. The adapter reads who clicked, where, and the
ids the button carries; the people allowed to act come from the desk and the transport.

`Click.user` clicked in `Click.channel` (in `Click.thread`); `Click.message` is the message the
button was on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic

from bot.core import NotFound, StoreUnavailable, TicketView
from bot.flows.absence import declare_absence
from bot.flows.ports import Asked, M
from bot.flows.support import SupportFlows
from bot.messages import t


@dataclass(frozen=True)
class Click:
    user: str
    channel: str
    thread: str | None = None
    message: str | None = None


class Clicks(Generic[M]):
    def __init__(self, flows: SupportFlows[M]) -> None:
        self.flows = flows
        self.desk = flows.desk
        self.io = flows.io
        self.render = flows.render

    def whisper(self, click: Click, text: str) -> None:
        self.io.whisper(click.channel, click.user, self.render.notice(text))

    # --- about a question: only its asker (from the database) may use these -----------------
    def owned(self, click: Click, question_id: int | None) -> Asked | None:
        """The question if `click.user` asked it; otherwise None, after telling them."""
        try:
            question = self.desk.get_question(question_id or 0)
        except NotFound:
            question = None
        if question is None or question.asker != click.user:
            self.whisper(click, t("flow.not_yours"))
            return None
        return Asked(question.id, question.asker, question.text)

    def helped(self, click: Click, question_id: int | None) -> None:
        self._feedback(click, question_id, True)

    def not_solved(self, click: Click, question_id: int | None) -> None:
        asked = self._feedback(click, question_id, False)
        if asked is not None:
            message = self.render.choices(t("flow.feedback.not_solved"), asked)
            self.io.post(click.channel, message, thread=click.thread)

    def _feedback(self, click: Click, question_id: int | None, helpful: bool) -> Asked | None:
        asked = self.owned(click, question_id)
        if asked is None:
            return None
        first = self.flows.questions.feedback(asked.question_id, click.user, helpful)
        if helpful or not first:
            self.whisper(click, t("flow.feedback.thanks" if first else "flow.feedback.already"))
        return asked

    def ask_community(self, click: Click, question_id: int | None) -> None:
        asked = self.owned(click, question_id)
        if asked is not None and asked.question_id is not None:
            self.flows.questions.to_community(
                asked.question_id,
                user=click.user,
                reply_channel=click.channel,
                reply_thread=click.thread,
            )

    def show_suggestion(
        self, click: Click, question_id: int | None, *, kb: str, unit_id: str
    ) -> None:
        asked = self.owned(click, question_id)
        if asked is not None:
            self.flows.questions.show_unit(
                kb=kb, unit_id=unit_id, asked=asked, channel=click.channel, thread=click.thread
            )

    def community_solved(self, click: Click, question_id: int | None) -> None:
        """The asker's "solved" button (on the post or in their DM); the post is found from the
        question, never from the button."""
        if self.owned(click, question_id) is None:
            return
        solved = self.flows.questions.solve(by=click.user, question_id=question_id)
        if solved and click.channel != self.io.community_channel():
            self.whisper(click, t("flow.community.solved_ack"))

    def add_to_ticket(self, click: Click, ticket_id: int | None, question_id: int | None) -> None:
        if self.owned(click, question_id) is None:
            return
        if not self.flows.tickets.add_question(click.user, ticket_id or 0, question_id or 0):
            self.whisper(click, t("flow.ticket.unknown"))

    # --- tickets --------------------------------------------------------------------------------
    def ticket_to_answer(self, click: Click, ticket_id: int | None) -> TicketView | None:
        """The ticket the lead wants to answer (the adapter then opens its form); None after
        telling the clicker why not (not a lead, unknown, closed)."""
        if not self.flows.is_lead(click.user):
            self.whisper(click, t("flow.lead_only"))
            return None
        try:
            ticket = self.desk.get_ticket(ticket_id or 0)
        except NotFound:
            self.whisper(click, t("flow.ticket.unknown"))
            return None
        if ticket.status == "closed":
            self.whisper(click, t("flow.ticket.closed_already"))
            return None
        return ticket

    def ticket_close(self, click: Click, ticket_id: int | None) -> None:
        if not self.flows.is_lead(click.user):
            self.whisper(click, t("flow.lead_only"))
            return
        if self.flows.tickets.close(ticket_id or 0, click.user) is None:
            self.whisper(click, t("flow.ticket.unknown"))

    def ticket_reopen(self, click: Click, ticket_id: int | None) -> None:
        why = self.flows.tickets.reopen(ticket_id or 0, click.user)
        if why:
            self.whisper(click, why)

    def ticket_asker_solved(self, click: Click, ticket_id: int | None) -> None:
        try:
            ticket = self.desk.get_ticket(ticket_id or 0)
        except NotFound:
            return
        if ticket.asker != click.user:
            self.whisper(click, t("flow.not_yours"))
            return
        self.flows.tickets.close(ticket.id, click.user)

    # --- forms ----------------------------------------------------------------------------------
    def lead_reply(self, user: str, ticket_id: int | None, text: str) -> None:
        """The lead's answer from the reply form (the adapter has checked `user` is a lead)."""
        if ticket_id is not None:
            self.flows.tickets.reply(ticket_id, user, text)

    def question_form(
        self,
        *,
        user: str,
        text: str,
        private: bool,
        urgency: str,
        question_id: int | None,
        kb_channel: str | None,
        match_text: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        """The question form: private -> a ticket; public -> the question flow in the asker's
        DM. Opened from "ask privately" on an answer then sent public with the text unchanged:
        straight to the community (the answer did not help). `details` (the intake fields)
        only ever travel with a private question: the adapter refuses them otherwise."""
        if question_id is not None and not self._asked_by(question_id, user):
            question_id = None  # a form can only refer to the sender's own question
        if private:
            self.flows.tickets.open(
                user=user, text=text, urgency=urgency, question_id=question_id, details=details
            )
            return
        dm = self.io.dm_channel(user)
        if question_id is not None and self._unchanged(question_id, text):
            self.flows.questions.to_community(
                question_id, user=user, reply_channel=dm, reply_thread=None
            )
            return
        self.flows.questions.ask(
            user=user,
            text=text,
            channel=dm,
            thread=None,
            kb_channel=kb_channel,
            match_text=match_text,
            origin=self.flows.origin,
        )

    def _asked_by(self, question_id: int, user: str) -> bool:
        try:
            return self.desk.get_question(question_id).asker == user
        except (NotFound, StoreUnavailable):
            return False

    def _unchanged(self, question_id: int, text: str) -> bool:
        try:
            return self.desk.get_question(question_id).text.strip() == text.strip()
        except (NotFound, StoreUnavailable):
            return False

    def absence(self, user: str, args: list[str]) -> str:
        """`absence 2026-12-24..2026-12-31 [motif]` (or several dates): leads only."""
        if not self.flows.is_lead(user):
            return t("flow.lead_only")
        return declare_absence(self.desk, user, args, command=self.render.ask_command)
