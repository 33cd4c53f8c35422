"""Small Web API helpers shared by the flows and the notifier: post, DM, ephemeral, permalink,
and "is this destination private?" (private text may only ever go to one).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack.blocks import Message

log = logging.getLogger(__name__)


class SlackIO:
    def __init__(self, client: WebClient) -> None:
        self.client = client
        self._dm: dict[str, str] = {}
        self._private: dict[str, bool] = {}
        self._lock = threading.Lock()

    def post(
        self, channel: str, message: Message, *, thread_ts: str | None = None, **extra: Any
    ) -> tuple[str, str]:
        """chat.postMessage; returns (channel, ts) as Slack answered them."""
        text, blocks = message
        response = self.client.chat_postMessage(
            channel=channel,
            text=text,
            blocks=blocks,
            thread_ts=thread_ts,
            unfurl_links=False,
            unfurl_media=False,
            **extra,
        )
        return str(response.get("channel") or channel), str(response.get("ts") or "")

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

    def dm(self, user: str, message: Message, *, thread_ts: str | None = None) -> tuple[str, str]:
        return self.post(self.dm_channel(user), message, thread_ts=thread_ts)

    def ephemeral(self, channel: str | None, user: str, text: str) -> None:
        """Only `user` sees it; in a DM (or without a channel) a normal DM message."""
        if not channel or channel.startswith("D"):
            self.dm(user, (text, [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]))
            return
        try:
            self.client.chat_postEphemeral(channel=channel, user=user, text=text)
        except SlackApiError as exc:  # e.g. the bot left the channel: fall back to a DM
            log.warning("ephemeral failed (%s), sending a DM", exc.response.get("error"))
            self.dm(user, (text, [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]))

    def permalink(self, channel: str, ts: str) -> str:
        try:
            response = self.client.chat_getPermalink(channel=channel, message_ts=ts)
            return str(response.get("permalink") or "")
        except SlackApiError as exc:
            log.warning("chat.getPermalink failed: %s", exc.response.get("error"))
            return ""

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

    def post_to(self, destination: str, message: Message, **extra: Any) -> tuple[str, str]:
        """A user id -> their DM; a channel id -> the channel."""
        if destination.startswith(("U", "W")):
            return self.dm(destination, message, **extra)
        return self.post(destination, message, **extra)
