"""The Slack Transport (bot.flows.ports): chat.postMessage, DMs, updates, deletes, ephemeral
messages, permalinks, and "is this destination private?" (private text may only ever go to one).
Who leads, who gets escalations and where the community is come from the settings.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.config import Settings
from bot.flows.ports import Posted
from bot.slack.blocks import Message

log = logging.getLogger(__name__)


class SlackTransport:
    def __init__(self, client: WebClient, settings: Settings) -> None:
        self.client = client
        self.settings = settings
        self._dm: dict[str, str] = {}
        self._private: dict[str, bool] = {}
        self._lock = threading.Lock()

    def post(
        self, channel: str, message: Message, *, thread: str | None = None, broadcast: bool = False
    ) -> Posted:
        """chat.postMessage; returns where Slack says it landed."""
        text, blocks = message
        extra: dict[str, Any] = {"reply_broadcast": True} if broadcast and thread else {}
        response = self.client.chat_postMessage(
            channel=channel,
            text=text,
            blocks=blocks,
            thread_ts=thread,
            unfurl_links=False,
            unfurl_media=False,
            **extra,
        )
        return Posted(str(response.get("channel") or channel), str(response.get("ts") or ""))

    def update(self, channel: str, ts: str, message: Message) -> None:
        text, blocks = message
        self.client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)

    def dm_channel(self, user: str) -> str:
        """The bot's DM channel with `user` (conversations.open, cached)."""
        with self._lock:
            known = self._dm.get(user)
        if known:
            return known
        response = self.client.conversations_open(users=user)
        channel = str((response.get("channel") or {}).get("id") or user)
        with self._lock:
            self._dm[user] = channel
        return channel

    def dm(self, user: str, message: Message, *, thread: str | None = None) -> Posted:
        return self.post(self.dm_channel(user), message, thread=thread)

    def delete(self, channel: str, ts: str) -> None:
        self.client.chat_delete(channel=channel, ts=ts)

    def whisper(self, channel: str | None, user: str, message: Message) -> None:
        """Only `user` sees it; in a DM (or without a channel) a normal DM message."""
        if not channel or channel.startswith("D"):
            self.post(channel or self.dm_channel(user), message)
            return
        try:
            self.client.chat_postEphemeral(channel=channel, user=user, text=message[0])
        except SlackApiError as exc:  # e.g. the bot left the channel: fall back to a DM
            log.warning("ephemeral failed (%s), sending a DM", exc.response.get("error"))
            self.dm(user, message)

    def link(self, channel: str, ts: str) -> str:
        try:
            response = self.client.chat_getPermalink(channel=channel, message_ts=ts)
            return str(response.get("permalink") or "")
        except SlackApiError as exc:
            log.warning("chat.getPermalink failed: %s", exc.response.get("error"))
            return ""

    def is_user(self, destination: str) -> bool:
        return destination.startswith(("U", "W"))

    def is_private(self, destination: str) -> bool:
        """True for a user (we DM them), a DM, or a channel Slack says is private. Unknown or
        public -> False: private text is then left out."""
        if destination.startswith(("U", "W", "D")):
            return True
        with self._lock:
            if destination in self._private:
                return self._private[destination]
        try:
            info = self.client.conversations_info(channel=destination).get("channel") or {}
            private = bool(info.get("is_private") or info.get("is_im") or info.get("is_mpim"))
        except SlackApiError as exc:
            log.warning("conversations.info %s: %s", destination, exc.response.get("error"))
            return False
        with self._lock:
            self._private[destination] = private
        return private

    def post_to(self, destination: str, message: Message) -> Posted:
        """A user id -> their DM; a channel id -> the channel."""
        if self.is_user(destination):
            return self.dm(destination, message)
        return self.post(destination, message)

    def lead(self) -> str | None:
        return self.settings.support_lead

    def escalation_target(self) -> str | None:
        return self.settings.escalation_to

    def community_channel(self) -> str | None:
        return self.settings.community_channel
