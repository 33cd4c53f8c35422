"""What a button (or a form) does, for any chat. The adapter reads who clicked, where, and the
ids the button carries; the people allowed to act come from the desk and the transport.

`Click.user` clicked in `Click.channel` (in `Click.thread`); `Click.message` is the message the
button was on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic

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

    # --- about a question (the adapter has checked the clicker is its asker) ------------------
    def helped(self, click: Click, question_id: int | None) -> None:
        self.flows.questions.feedback(question_id, click.user, True)
        self.whisper(click, t("flow.feedback.thanks"))

    def not_solved(self, click: Click, asked: Asked) -> None:
        self.flows.questions.feedback(asked.question_id, click.user, False)
        message = self.render.choices(t("flow.feedback.not_solved"), asked)
        self.io.post(click.channel, message, thread=click.thread)

    def ask_community(self, click: Click, question_id: int | None) -> None:
        if question_id is not None:
            self.flows.questions.to_community(
                question_id, user=click.user, reply_channel=click.channel, reply_thread=click.thread
            )

    def show_suggestion(self, click: Click, kb: str, unit_id: str, asked: Asked) -> None:
        self.flows.questions.show_unit(
            kb=kb, unit_id=unit_id, asked=asked, channel=click.channel, thread=click.thread
        )

    def community_solved(
        self, click: Click, question_id: int | None, *, channel: str, ts: str
    ) -> None:
        """(`channel`, `ts`): the community post."""
        solved = self.flows.questions.solve(
            by=click.user, channel=channel, ts=ts, question_id=question_id
        )
        if solved and channel != click.channel:
            self.whisper(click, t("flow.community.solved_ack"))

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
    ) -> None:
        """The question form: private -> a ticket; public -> the question flow in the asker's
        DM. Opened from "ask privately" on an answer then sent public with the text unchanged:
        straight to the community (the answer did not help)."""
        if private:
            self.flows.tickets.open(user=user, text=text, urgency=urgency, question_id=question_id)
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
