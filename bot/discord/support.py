"""The Discord side of the flows: gateway messages translated into `bot.flows` calls.

Routing a MESSAGE_CREATE (after `Incoming.is_for_us`: no bots, no webhooks, no system messages):
- a DM: `Inbound(where=DIRECT)`, its thread the message it replies to (Discord's "thread" in a
  DM): the lead replying to a ticket card answers that ticket, the asker replying to a ticket's
  confirmation writes to that ticket (bot.flows.support decides whose message it is);
- a help channel (DISCORD_HELP_CHANNELS): HELP, answered as a reply to the message;
- a message in a thread of the community channel: COMMUNITY_THREAD (the asker is told);
- a message mentioning the bot elsewhere: MENTION;
- anything else: ignored. A message with no text (attachments only) is ignored in channels; in a
  DM the desk answers it with its French "write your question" text.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.config import Settings
from bot.core import Desk, NotFound
from bot.discord.message import DiscordMessage
from bot.discord.render import DiscordRenderer
from bot.discord.text import for_matching
from bot.discord.transport import DiscordTransport
from bot.flows.clicks import Clicks
from bot.flows.ports import COMMUNITY_THREAD, DIRECT, Inbound
from bot.flows.support import SupportFlows

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Incoming:
    """The facts of one MESSAGE_CREATE the flows need (read off hikari's Message)."""

    id: str
    user: str
    channel: str
    text: str
    in_guild: bool
    from_bot: bool
    human_kind: bool  # a plain message or a reply (not a join, pin, thread notice...)
    mentions_bot: bool
    reference: str | None = None

    def is_for_us(self) -> bool:
        return self.human_kind and not self.from_bot and (bool(self.text) or not self.in_guild)


class DiscordSupport(SupportFlows[DiscordMessage]):
    def __init__(self, settings: Settings, desk: Desk, transport: DiscordTransport) -> None:
        super().__init__(settings, desk, transport, DiscordRenderer(), origin="discord")
        self.transport = transport
        self.places = transport.places
        self.clicks = Clicks(self)

    def on_gateway_message(self, message: Incoming) -> None:
        if not message.is_for_us():
            return
        where = self.places.where(
            channel=message.channel, in_guild=message.in_guild, mentions_bot=message.mentions_bot
        )
        if where is None:
            return
        thread = message.channel if where == COMMUNITY_THREAD else None
        if where == DIRECT:
            self.places.learn_dm(message.user, message.channel)
            thread = message.reference  # a reply: to a ticket card or a ticket confirmation
        self.on_message(
            Inbound(
                user=message.user,
                channel=message.channel,
                text=message.text,
                ts=message.id,
                where=where,
                thread=thread,
                match_text=for_matching(message.text),
                kb_channel=message.channel,
            )
        )

    def on_solved_reaction(self, *, user: str, channel: str, message: str) -> None:
        """✅ on a community post: (message, message) is the post's place (its thread)."""
        if channel not in (self.transport.community_channel(), message):
            return
        with self.reporting(None, None):
            self.questions.solve(by=user, channel=message, ts=message)

    def tell_whisper(self, message: Incoming, text: str) -> None:
        self.transport.whisper(message.channel, message.user, self.render.notice(text))

    def asker_of(self, question_id: int | None) -> tuple[str, str] | None:
        """(asker, text) of a question, from the database; None when unknown."""
        if question_id is None:
            return None
        try:
            question = self.desk.get_question(question_id)
        except NotFound:
            return None
        return question.asker, question.text
