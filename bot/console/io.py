"""The console's Transport and Renderer (bot.flows.ports): one person ("console") talking to
the bot on stdin/stdout. Messages are plain strings. What the bot says to that person, and
what it publishes in the community channel, is printed; what goes to the support lead (ticket
cards, escalations) stays out of the chat: private text is only for the lead."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Sequence
from typing import TextIO

from bot.core.views import Suggestion, TicketView
from bot.flows.ports import Asked, Posted, TicketFacts
from bot.knowledge.model import Unit
from bot.knowledge.render import to_text
from bot.messages import t

log = logging.getLogger(__name__)
ASKER = "console"
COMMUNITY = "communauté"
LEAD = "responsable"


class ConsoleTransport:
    def __init__(self, out: TextIO) -> None:
        self.out = out
        self._ids = itertools.count(1)

    def say(self, text: str) -> None:
        self.out.write(text.rstrip("\n") + "\n")
        self.out.flush()

    def post(
        self, channel: str, message: str, *, thread: str | None = None, broadcast: bool = False
    ) -> Posted:
        if channel in (ASKER, COMMUNITY):
            self.say(message)
        else:
            log.debug("console: a message for %s is not shown", channel)
        return Posted(channel, str(next(self._ids)))

    def dm(self, user: str, message: str, *, thread: str | None = None) -> Posted:
        return self.post(self.dm_channel(user), message, thread=thread)

    def dm_channel(self, user: str) -> str:
        return user

    def post_to(self, destination: str, message: str) -> Posted:
        return self.post(destination, message)

    def update(self, channel: str, ts: str, message: str) -> None:
        if channel == COMMUNITY:
            self.say(message)

    def delete(self, channel: str, ts: str) -> None:
        log.debug("console: message %s of %s deleted", ts, channel)

    def whisper(self, channel: str | None, user: str, message: str) -> None:
        self.post(user, message)

    def link(self, channel: str, ts: str) -> str:
        return t("console.link", channel=channel, ts=ts)

    def is_user(self, destination: str) -> bool:
        return destination in (ASKER, LEAD)

    def is_private(self, destination: str) -> bool:
        return destination != COMMUNITY

    def lead(self) -> str | None:
        return LEAD

    def escalation_target(self) -> str | None:
        return None

    def community_channel(self) -> str | None:
        return COMMUNITY


class ConsoleRenderer:
    markup = "text"
    ask_command = "/privé"

    def hint(self, name: str) -> str:
        return t(f"console.hint.{name}")

    def mention(self, user: str) -> str:
        return user

    def channel_ref(self, channel: str) -> str:
        return f"#{channel}"

    def quote(self, text: str) -> str:
        return "\n".join(f"> {line}" for line in text.strip().splitlines())

    def notice(self, text: str) -> str:
        return text

    def answer(self, unit: Unit, body: str, asked: Asked) -> str:
        return f"{body.strip()}\n\n{t('answer.source', source=unit.source)}"

    def suggestions(self, suggestions: Sequence[Suggestion], asked: Asked) -> str:
        lines = [t("answer.suggestions_intro")]
        for n, item in enumerate(suggestions, 1):
            lines.append(f"  {n}. {item.title}")
            if n == 1 and item.first_line:  # enough of the answer to recognise it
                lines.append(f"     {to_text(item.first_line)}")
        return "\n".join([*lines, t("console.choices")])

    def choices(self, intro: str, asked: Asked) -> str:
        return f"{intro}\n{t('console.choices')}"

    def private_choice(self, intro: str, asked: Asked) -> str:
        return f"{intro}\n{t('console.private_choice')}"

    def publish_choice(self, intro: str, asked: Asked) -> str:
        return f"{intro}\n{t('console.publish_choice')}"

    def add_to_ticket(self, intro: str, asked: Asked, tickets: Sequence[int]) -> str:
        commands = ", ".join(f"/ajouter {tk}" for tk in tickets)
        return f"{intro}\n{t('console.add_to_ticket', commands=commands)}"

    def ticket_closed(self, text: str, ticket: TicketView, *, reopen: bool) -> str:
        return text

    def community_post(self, asked: Asked, *, solved: bool = False) -> str:
        return t("console.community", id=asked.question_id)

    def community_answered(self, responder: str, link: str, asked: Asked, post: Posted) -> str:
        return t("console.community_answered", responder=responder, link=link)

    def ticket_card(self, ticket: TicketView, received: str) -> str:
        return t("console.ticket_card", id=ticket.id, due=ticket.due_text)

    def relay(self, ticket: TicketView, text: str) -> str:
        return t("console.relay", id=ticket.id, text=self.quote(text))

    def escalation_card(
        self,
        ticket: TicketFacts,
        *,
        lead: str | None,
        received: str,
        due: str,
        show_text: bool,
        major: bool = False,
    ) -> str:
        return t("console.ticket_card", id=ticket.id, due=due)
