"""The front door of the flows: routing an incoming message, and running any flow so that a
failure always ends with a French word to the person (database down: "store.down").

Message routing (`on_message`). Whose message it is decides, never what it says:
- the support lead or ESCALATION_TO: never a customer question. In the thread of a ticket card
  it is their answer, relayed to the asker; anywhere else the knowledge answers it, nothing is
  recorded, nothing is published.
- DM, in the thread of the sender's ticket confirmation: a message of that ticket (to the lead).
- DM, top level (or another thread): a new question answered in the DM; nothing found -> the
  asker chooses to publish it or send it privately; with open tickets the asker is offered to
  add it to one. DB down: the knowledge answers, the question waits in the spool, and nothing
  is published without the asker's choice.
- a help channel, top level, or a mention (already public): a question answered in its thread,
  handed over to the community automatically when nothing is found.
- a reply in a community thread: the asker is told (with a link), on the first answer.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Generic

from bot.config import Settings
from bot.core import Desk, Reply, StoreUnavailable, TryLater
from bot.flows.chat import Chat
from bot.flows.ports import (
    COMMUNITY_THREAD,
    DIRECT,
    HELP,
    MENTION,
    Asked,
    Inbound,
    M,
    Renderer,
    Transport,
)
from bot.flows.questions import AUTO, CONSENT, NONE, QuestionFlows
from bot.flows.tickets import TicketFlows
from bot.messages import t

log = logging.getLogger(__name__)


class SupportFlows(Generic[M]):
    def __init__(
        self,
        settings: Settings,
        desk: Desk,
        transport: Transport[M],
        render: Renderer[M],
        *,
        origin: str = "chat",
    ) -> None:
        self.chat = Chat(settings, desk, transport, render)
        self.settings = settings
        self.desk = desk
        self.io = transport
        self.render = render
        self.origin = origin
        self.questions = QuestionFlows(self.chat)
        self.tickets = TicketFlows(self.chat)

    def is_lead(self, user: str) -> bool:
        return self.chat.is_lead(user)

    @contextmanager
    def reporting(
        self, user: str | None, channel: str | None, thread: str | None = None
    ) -> Iterator[None]:
        """Run a flow; DB down -> "store.down", any other failure -> a French apology. Inside an
        inbox item TryLater goes up instead: the item is handled again later, nobody is told."""
        try:
            yield
        except TryLater:
            raise
        except StoreUnavailable:
            self._tell(user, channel, t("store.down"))
        except Exception:
            log.exception("flow failed")
            self._tell(user, channel, t("flow.error"))

    def _tell(self, user: str | None, channel: str | None, text: str) -> None:
        if not user:
            return
        try:
            self.io.whisper(channel, user, self.render.notice(text))
        except Exception as exc:  # noqa: BLE001 - the chat itself is failing: nothing more to do
            log.warning("could not tell the user: %s", type(exc).__name__)

    # --- incoming messages --------------------------------------------------------------------
    def on_message(self, message: Inbound) -> Reply | None:
        """Route one message; the reply when it was answered as a question."""
        reply: Reply | None = None
        if message.where == DIRECT:
            with self.reporting(message.user, message.channel, message.thread):
                reply = self._direct(message)
        elif message.where == COMMUNITY_THREAD and message.thread:
            with self.reporting(None, None):
                self.questions.community_reply(
                    channel=message.channel,
                    thread=message.thread,
                    ts=message.ts,
                    user=message.user,
                    text=message.text,
                )
        elif message.where in (HELP, MENTION):
            thread = message.thread or message.ts
            with self.reporting(message.user, message.channel, thread):
                lead = self.is_lead(message.user)
                handover = NONE if lead else AUTO
                reply = self._ask(message, thread=thread, record=not lead, handover=handover)
        return reply

    def _direct(self, message: Inbound) -> Reply | None:
        user, channel, thread = message.user, message.channel, message.thread
        if self.is_lead(user):
            try:
                ticket = self.desk.find_ticket_by_card(channel, thread) if thread else None
            except StoreUnavailable:  # nothing was kept: say so, the lead sends it again
                self.chat.tell(channel, t("flow.lead.store_down"), thread=thread)
                return None
            if ticket is not None:  # typed in the card's thread: the lead's answer
                self.tickets.reply(ticket.id, user, message.text)
                return None
            return self._ask(message, thread=thread, record=False, handover=NONE)
        if thread and self.tickets.thread_followup(
            user=user, channel=channel, thread=thread, text=message.text
        ):
            return None
        reply = self._ask(message, thread=thread, handover=CONSENT, open_tickets=True)
        if reply.kind in ("answer", "suggestions") and reply.stored:
            asked = Asked(reply.question_id, user, message.text)
            self.tickets.offer_addition(
                asked, channel=channel, thread=thread, open_ids=reply.open_tickets
            )
        return reply

    def _ask(
        self,
        message: Inbound,
        *,
        thread: str | None,
        record: bool = True,
        handover: str,
        open_tickets: bool = False,
    ) -> Reply:
        return self.questions.ask(
            user=message.user,
            text=message.text,
            channel=message.channel,
            thread=thread,
            kb_channel=message.kb_channel,
            match_text=message.match_text,
            origin=self.origin,
            record=record,
            handover=handover,
            open_tickets=open_tickets,
        )

    def on_solved_mark(self, *, user: str, channel: str, ts: str) -> None:
        """A "solved" mark (Slack: a ✅ reaction) on a message of the community channel: like
        the asker's "solved" button (the post is updated, the thanks posted once)."""
        if channel != self.io.community_channel():
            return
        with self.reporting(None, None):
            # on the question's post: solved; on a member's reply: that reply is the solution
            self.questions.solve(by=user, channel=channel, ts=ts)
