"""The Slack side of the flows: Events API payloads translated into `bot.flows` calls.

`Support(settings, desk, transport)` holds the shared flows (`.questions`, `.tickets`, `.clicks`)
built on the Slack transport and renderer. Routing an event:
- DM (channel_type im): `Inbound(where=DIRECT)`;
- a help channel (settings.help_channels), top level: HELP, answered in its thread; a message
  that mentions the bot is left to the app_mention listener (no double answer);
- a reply in a community thread: COMMUNITY_THREAD;
- other bots, the bot itself, edits, deletions, joins...: ignored.
"""

from __future__ import annotations

from typing import Any

from bot.config import Settings
from bot.core import Desk
from bot.flows.clicks import Clicks
from bot.flows.learning import LearningFlows
from bot.flows.ports import COMMUNITY_THREAD, DIRECT, HELP, MENTION, Inbound
from bot.flows.support import SupportFlows
from bot.slack.blocks import Message
from bot.slack.learning_blocks import SlackLearningRenderer
from bot.slack.renderer import SlackRenderer
from bot.slack.text import for_matching, from_slack, mentions, strip_mention
from bot.slack.transport import SlackTransport

HUMAN_SUBTYPES = {None, "", "file_share", "thread_broadcast"}
SOLVED_REACTIONS = {"white_check_mark", "heavy_check_mark"}  # with any skin tone (`::skin-tone-N`)


class Support(SupportFlows[Message]):
    def __init__(self, settings: Settings, desk: Desk, transport: SlackTransport) -> None:
        super().__init__(settings, desk, transport, SlackRenderer(), origin="slack")
        self.clicks = Clicks(self)
        self.learning = LearningFlows(self.chat, SlackLearningRenderer(self.chat.when))
        self.questions.on_learned = self.learning.announce_pending

    # --- incoming messages --------------------------------------------------------------------
    def direct_message(self, payload: dict[str, Any]) -> bool:
        """A person's plain message in their DM with the bot (most of the traffic), handled
        without Bolt's dispatch (its middleware and listener matching cost about as much CPU as
        a database transaction): True when it was one. Nothing in a plain DM needs what Bolt
        adds (the bot's own messages carry a bot_id, and a DM needs no mention check)."""
        event = payload.get("event")
        if payload.get("type") != "event_callback" or not isinstance(event, dict):
            return False
        if event.get("type") != "message" or event.get("channel_type") != "im":
            return False
        if "subtype" in event or event.get("bot_id"):
            return False
        self.on_event_message(event, None)
        return True

    def on_event_message(self, event: dict[str, Any], bot_user_id: str | None) -> None:
        if event.get("bot_id") or event.get("subtype") not in HUMAN_SUBTYPES:
            return
        user, channel = event.get("user"), event.get("channel")
        text = event.get("text")
        if not isinstance(user, str) or not isinstance(channel, str) or not isinstance(text, str):
            return
        ts, thread = str(event.get("ts") or ""), event.get("thread_ts")
        where = None
        if event.get("channel_type") == "im" or channel.startswith("D"):
            where = DIRECT
        elif channel == self.settings.community_channel and thread and thread != ts:
            where = COMMUNITY_THREAD
        elif channel in self.settings.help_channels and (not thread or thread == ts):
            if mentions(text, bot_user_id):
                return  # the app_mention listener answers it
            where, thread = HELP, ts
        if where is None:
            return
        if where == COMMUNITY_THREAD:  # kept as knowledge Markdown (it may become a FAQ entry)
            text = from_slack(text)
        self.on_message(_inbound(user, channel, text, ts, where, thread))

    def on_mention(self, event: dict[str, Any], bot_user_id: str | None) -> None:
        user, channel, text = event.get("user"), event.get("channel"), event.get("text")
        if event.get("bot_id") or not isinstance(user, str) or not isinstance(channel, str):
            return
        if not isinstance(text, str):
            return
        if channel == self.settings.community_channel and event.get("thread_ts"):
            return  # a reply in a community thread: the message listener handles it
        ts = str(event.get("ts") or "")
        thread = event.get("thread_ts") or ts
        text = strip_mention(text, bot_user_id)
        self.on_message(_inbound(user, channel, text, ts, MENTION, thread))

    def on_reaction(self, event: dict[str, Any]) -> None:
        item = event.get("item") or {}
        reaction = str(event.get("reaction") or "").split("::")[0]
        if reaction not in SOLVED_REACTIONS or item.get("type") != "message":
            return
        channel, ts, user = item.get("channel"), item.get("ts"), event.get("user")
        if not isinstance(channel, str) or not ts or not isinstance(user, str):
            return
        self.on_solved_mark(user=user, channel=channel, ts=str(ts))


def _inbound(user: str, channel: str, text: str, ts: str, where: str, thread: Any) -> Inbound:
    return Inbound(
        user=user,
        channel=channel,
        text=text,
        ts=ts,
        where=where,
        thread=str(thread) if thread else None,
        match_text=for_matching(text),
        kb_channel=channel,
    )
