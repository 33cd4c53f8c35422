"""The front door of the flows: routing an incoming message, and running any flow so that a
failure always ends with a French word to the person (database down: "store.down").

Message routing (`on_message`):
- DM: a follow-up to the sender's open ticket if they have one (it goes to the lead,
  privately), otherwise a question answered in the DM. DB down: the desk spools it as a possible
  follow-up and the knowledge answers, with the "store.down" notice; nothing is recorded as a
  question, so the text can never reach the community.
- a help channel, top level, or a mention: a question answered in its thread.
- a reply in a community thread: the asker is told (with a link).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Generic

from bot.config import Settings
from bot.core import Desk, Reply, StoreUnavailable
from bot.flows.chat import Chat
from bot.flows.ports import COMMUNITY_THREAD, DIRECT, HELP, MENTION, Inbound, M, Renderer, Transport
from bot.flows.questions import QuestionFlows
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
        """Run a flow; DB down -> "store.down", any other failure -> a French apology."""
        try:
            yield
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
        except Exception:  # noqa: BLE001 - the chat itself is failing: nothing more to do
            log.exception("could not tell the user")

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
                )
        elif message.where in (HELP, MENTION):
            thread = message.thread or message.ts
            with self.reporting(message.user, message.channel, thread):
                reply = self._ask(message, thread=thread)
        return reply

    def _direct(self, message: Inbound) -> Reply | None:
        record = True
        try:
            if self.tickets.followup(user=message.user, text=message.text):
                return None
        except StoreUnavailable:
            # spooled as a follow-up in case there is an open ticket; meanwhile the knowledge
            # still answers, and nothing is recorded as a question: the text may be private,
            # so it must never reach the community, even if the database is back a moment later
            log.warning("database down: DM from %s answered from the knowledge", message.user)
            record = False
        return self._ask(message, thread=message.thread, record=record)

    def _ask(self, message: Inbound, *, thread: str | None, record: bool = True) -> Reply:
        return self.questions.ask(
            user=message.user,
            text=message.text,
            channel=message.channel,
            thread=thread,
            kb_channel=message.kb_channel,
            match_text=message.match_text,
            origin=self.origin,
            record=record,
        )

    def on_solved_mark(self, *, user: str, channel: str, ts: str) -> None:
        """A "solved" mark (Slack: a ✅ reaction) on a message of the community channel."""
        if channel != self.io.community_channel():
            return
        with self.reporting(None, None):
            self.questions.solve(by=user, channel=channel, ts=ts)
