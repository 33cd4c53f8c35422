"""The Slack Renderer (bot.flows.ports): Block Kit messages from `blocks.py`, mrkdwn answers,
`<@U1>` mentions, `<#C1>` channels, quotes with mass mentions neutralised."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.views import Suggestion, TicketView
from bot.flows.ports import Asked, Posted, TicketFacts
from bot.knowledge.model import Unit
from bot.messages import t
from bot.slack import blocks, ids
from bot.slack.blocks import Message
from bot.slack.text import quote


class SlackRenderer:
    markup = "mrkdwn"
    ask_command = ids.SLASH_COMMAND

    def hint(self, name: str) -> str:
        return t(f"slack.hint.{name}")

    def mention(self, user: str) -> str:
        return f"<@{user}>"

    def channel_ref(self, channel: str) -> str:
        return f"<#{channel}>"

    def quote(self, text: str) -> str:
        return quote(text)

    def notice(self, text: str) -> Message:
        return blocks.notice(text)

    def answer(self, unit: Unit, body: str, asked: Asked) -> Message:
        return blocks.answer_message(unit, body, asked.question_id)

    def suggestions(self, suggestions: Sequence[Suggestion], asked: Asked) -> Message:
        return blocks.suggestions_message(suggestions, asked.question_id)

    def choices(self, intro: str, asked: Asked) -> Message:
        return blocks.choices_message(intro, asked.question_id)

    def private_choice(self, intro: str, asked: Asked) -> Message:
        return blocks.private_choice_message(intro, asked.question_id)

    def publish_choice(self, intro: str, asked: Asked) -> Message:
        return blocks.choices_message(intro, asked.question_id, publish=True)

    def add_to_ticket(self, intro: str, asked: Asked, tickets: Sequence[int]) -> Message:
        return blocks.add_to_ticket_message(intro, asked.question_id, tickets)

    def ticket_closed(self, text: str, ticket: TicketView, *, reopen: bool) -> Message:
        return blocks.ticket_closed_message(text, ticket.id, reopen=reopen)

    def community_post(self, asked: Asked, *, solved: bool = False) -> Message:
        return blocks.community_post(asked.asker, asked.text, asked.question_id or 0, solved=solved)

    def community_answered(self, responder: str, link: str, asked: Asked, post: Posted) -> Message:
        return blocks.community_answered(responder, link, asked.question_id or 0)

    def ticket_card(self, ticket: TicketView, received: str) -> Message:
        return blocks.ticket_card(ticket, received)

    def relay(self, ticket: TicketView, text: str) -> Message:
        return blocks.relay_message(ticket.id, text)

    def escalation_card(
        self,
        ticket: TicketFacts,
        *,
        lead: str | None,
        received: str,
        due: str,
        show_text: bool,
        major: bool = False,
    ) -> Message:
        return blocks.escalation_card(
            ticket, lead=lead, received=received, due=due, show_text=show_text, major=major
        )
