"""The two ports every chat implements: a Transport (where messages go) and a Renderer (what
they look like). The support flows (`bot.flows`) are written once against them; Slack, the
console chat and Discord each provide one of both.

`M` is the chat's own message type: Slack `(fallback text, blocks)`, Discord a JSON payload,
the console a plain string. The flows never look inside one: the renderer makes it, the
transport sends it.

Ids are opaque strings (user, channel, message). A message's place is `Posted(channel, ts)`;
`ts` is whatever id the chat gives a message (Slack's ts, a Discord snowflake). A "thread" is
the id of the message a conversation hangs from (Slack thread_ts, a Discord thread or reply).

Private text may only ever go to a destination for which `Transport.is_private` is true: a user
(sent to their DM), a DM channel, or a channel the chat says is private.

Extended since the first version (nothing renamed): `Transport.is_user`; `Renderer.
publish_choice`, `add_to_ticket`, `ticket_closed` (issue 8: consent, ticket threads, reopening).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from bot.core.views import Suggestion, TicketView
from bot.knowledge.model import Unit

M = TypeVar("M")
MIn = TypeVar("MIn", contravariant=True)  # a transport takes messages
MOut = TypeVar("MOut", covariant=True)  # a renderer makes them

# where an incoming message was written (Inbound.where)
DIRECT = "dm"  # a private conversation between one person and the bot
HELP = "help"  # a top-level message in a help channel: every message is a question
MENTION = "mention"  # the bot was mentioned in a channel
COMMUNITY_THREAD = "community"  # a reply in a thread of the community channel
PLACES = (DIRECT, HELP, MENTION, COMMUNITY_THREAD)


@dataclass(frozen=True)
class Posted:
    """Where a message landed: its channel and its id in that channel."""

    channel: str
    ts: str


@dataclass(frozen=True)
class Asked:
    """The question a rendered message is about. Buttons carry `question_id` only; the asker
    and the text are for display (authority always comes back from the database)."""

    question_id: int | None
    asker: str
    text: str


@dataclass(frozen=True)
class Inbound:
    """A message as any chat delivers it, already stripped of the chat's own envelope.

    `text` is what gets recorded (and, with consent, reposted); `match_text` the words to
    match when `text` carries markup (mentions, entities); `thread` the conversation it belongs
    to (None: top level); `kb_channel` the channel that picks the knowledge base."""

    user: str
    channel: str
    text: str
    ts: str
    where: str
    thread: str | None = None
    match_text: str | None = None
    kb_channel: str | None = None


class TicketFacts(Protocol):
    """What an escalation shows of a ticket (a TicketView or the SLA sweep's TicketSummary)."""

    @property
    def id(self) -> int: ...
    @property
    def asker(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def urgency(self) -> str: ...


class Transport(Protocol[MIn]):
    """Sending, changing and locating messages on one chat, and who plays which role there."""

    def post(
        self, channel: str, message: MIn, *, thread: str | None = None, broadcast: bool = False
    ) -> Posted:
        """Post in `channel` (in `thread` when given; `broadcast`: also shown in the channel)."""
        ...

    def dm(self, user: str, message: MIn, *, thread: str | None = None) -> Posted:
        """Post in the bot's direct conversation with `user`."""
        ...

    def dm_channel(self, user: str) -> str:
        """The id of the bot's direct conversation with `user`."""
        ...

    def post_to(self, destination: str, message: MIn) -> Posted:
        """A user id -> their DM; a channel id -> that channel."""
        ...

    def update(self, channel: str, ts: str, message: MIn) -> None:
        """Replace a message the bot posted."""
        ...

    def delete(self, channel: str, ts: str) -> None:
        """Remove a message the bot posted."""
        ...

    def whisper(self, channel: str | None, user: str, message: MIn) -> None:
        """Something only `user` sees: ephemeral where the chat has it, otherwise their DM."""
        ...

    def link(self, channel: str, ts: str) -> str:
        """A link to a message ("" when the chat cannot give one)."""
        ...

    def is_private(self, destination: str) -> bool:
        """True for a user, a DM, or a channel the chat says is private; unknown -> False."""
        ...

    def is_user(self, destination: str) -> bool:
        """True when `destination` is a person (not a channel)."""
        ...

    def lead(self) -> str | None:
        """The support lead's user id (receives ticket cards)."""
        ...

    def escalation_target(self) -> str | None:
        """Who gets escalations and major emergencies (a user or a channel id)."""
        ...

    def community_channel(self) -> str | None:
        """Where public questions are posted (None: no community on this chat)."""
        ...


class Renderer(Protocol[MOut]):
    """What the flows' messages look like on one chat. Every customer text a renderer shows in
    a public place must have its mass mentions neutralised."""

    markup: str  # the format Knowledge.render gives answers in for this chat ("text", "mrkdwn")
    ask_command: str  # how a person opens the question form here (Slack "/question")

    def hint(self, name: str) -> str:
        """How to do `name` on this chat, as a phrase for the flows' texts: "reply" (add to a
        ticket), "open_ticket" (write to an open ticket), "new_question" (ask anew, not in the
        ticket's conversation). Slack says "fil", Discord "Répondre", the console neither."""
        ...

    def mention(self, user: str) -> str:
        """A user named in a text (Slack `<@U1>`)."""
        ...

    def channel_ref(self, channel: str) -> str:
        """A channel named in a text (Slack `<#C1>`)."""
        ...

    def quote(self, text: str) -> str:
        """Customer text quoted, mass mentions neutralised, shortened to fit."""
        ...

    def notice(self, text: str) -> MOut:
        """A plain notice (French text already formatted)."""
        ...

    def answer(self, unit: Unit, body: str, asked: Asked) -> MOut:
        """An answer (`body`: the unit rendered in `markup`) with its source and the choices:
        it helped / not solved / ask the community / ask the support privately."""
        ...

    def suggestions(self, suggestions: Sequence[Suggestion], asked: Asked) -> MOut:
        """Up to three possible answers (each can be shown) and the two choices."""
        ...

    def choices(self, intro: str, asked: Asked) -> MOut:
        """`intro`, then: ask the community / ask the support privately."""
        ...

    def private_choice(self, intro: str, asked: Asked) -> MOut:
        """`intro`, then: ask the support privately."""
        ...

    def community_post(self, asked: Asked, *, solved: bool = False) -> MOut:
        """The public post: asker named, question quoted; a "solved" button for the asker."""
        ...

    def community_answered(self, responder: str, link: str, asked: Asked, post: Posted) -> MOut:
        """To the asker: someone answered in the community (link), and a "solved" button."""
        ...

    def publish_choice(self, intro: str, asked: Asked) -> MOut:
        """`intro`, then the asker's choice for a question nothing answered in private: publish
        it in the community channel / send it privately to the support."""
        ...

    def add_to_ticket(self, intro: str, asked: Asked, tickets: Sequence[int]) -> MOut:
        """`intro`, then one "add to my ticket n°N" choice per open ticket of the asker."""
        ...

    def ticket_closed(self, text: str, ticket: TicketView, *, reopen: bool) -> MOut:
        """To the asker: `text` (their ticket is closed), with a "reopen" choice if `reopen`."""
        ...

    def ticket_card(self, ticket: TicketView, received: str) -> MOut:
        """The lead's card: asker, question, received, due, state; reply / resolved buttons."""
        ...

    def relay(self, ticket: TicketView, text: str) -> MOut:
        """The lead's answer relayed to the asker, with a "solved" button."""
        ...

    def escalation_card(
        self,
        ticket: TicketFacts,
        *,
        lead: str | None,
        received: str,
        due: str,
        show_text: bool,
        major: bool = False,
    ) -> MOut:
        """Escalation or major emergency: summary, the question only if `show_text`."""
        ...


__all__ = [
    "COMMUNITY_THREAD",
    "DIRECT",
    "HELP",
    "MENTION",
    "PLACES",
    "Asked",
    "Inbound",
    "M",
    "Posted",
    "Renderer",
    "TicketFacts",
    "Transport",
]
