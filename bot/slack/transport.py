"""The Slack Transport (bot.flows.ports): chat.postMessage, DMs, updates, deletes, ephemeral
messages, permalinks, and "is this destination private?" (private text may only ever go to one).
Who leads, who gets escalations and where the community is come from the settings.

Every call that changes something goes through the outbox (bot/slack/outbox.py: recorded
before it is sent, retried on 429 / 5xx / timeouts, paced per channel, never sent twice);
lookups (conversations.open / .info, auth.test) are cached. Links are built from the workspace
URL (auth.test, once), as Slack builds them: no chat.getPermalink call per link.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.config import Settings
from bot.flows.ports import Posted
from bot.slack.blocks import Message
from bot.slack.outbox import SlackOutbox

log = logging.getLogger(__name__)


class SlackTransport:
    def __init__(self, outbox: SlackOutbox, settings: Settings) -> None:
        self.outbox = outbox
        self.settings = settings
        self._dm: dict[str, str] = {}
        self._private: dict[str, bool] = {}
        self._team_url: str | None = None
        self._lock = threading.Lock()

    def post(
        self, channel: str, message: Message, *, thread: str | None = None, broadcast: bool = False
    ) -> Posted:
        """chat.postMessage; returns where Slack says it landed."""
        text, blocks = message
        params: dict[str, Any] = {
            "channel": channel,
            "text": text,
            "blocks": blocks,
            "thread_ts": thread,
            "unfurl_links": False,
            "unfurl_media": False,
        }
        if broadcast and thread:
            params["reply_broadcast"] = True
        response = self.outbox.call("chat.postMessage", params, channel=channel)
        return Posted(str(response.get("channel") or channel), str(response.get("ts") or ""))

    def update(self, channel: str, ts: str, message: Message) -> None:
        text, blocks = message
        params = {"channel": channel, "ts": ts, "text": text, "blocks": blocks}
        self.outbox.call("chat.update", params, channel=channel)

    def dm_channel(self, user: str) -> str:
        """The bot's DM channel with `user` (conversations.open, cached)."""
        with self._lock:
            known = self._dm.get(user)
        if known:
            return known
        response = self.outbox.read("conversations.open", {"users": user})
        channel = str((response.get("channel") or {}).get("id") or user)
        with self._lock:
            self._dm[user] = channel
        return channel

    def dm(self, user: str, message: Message, *, thread: str | None = None) -> Posted:
        return self.post(self.dm_channel(user), message, thread=thread)

    def delete(self, channel: str, ts: str) -> None:
        self.outbox.call("chat.delete", {"channel": channel, "ts": ts}, channel=channel)

    def whisper(self, channel: str | None, user: str, message: Message) -> None:
        """Only `user` sees it; in a DM (or without a channel) a normal DM message."""
        if not channel or channel.startswith("D"):
            self.post(channel or self.dm_channel(user), message)
            return
        try:
            params = {"channel": channel, "user": user, "text": message[0]}
            self.outbox.call("chat.postEphemeral", params, channel=channel)
        except SlackApiError as exc:  # e.g. the bot left the channel: fall back to a DM
            log.warning("ephemeral failed (%s), sending a DM", exc.response.get("error"))
            self.dm(user, message)

    def team_url(self) -> str:
        """The workspace URL (https://x.slack.com/), from auth.test once; "" if unknown."""
        if self._team_url is None:
            try:
                url = str(self.outbox.read("auth.test", {}).get("url") or "")
            except SlackApiError as exc:
                log.warning("auth.test failed: %s", exc.response.get("error"))
                return ""
            self._team_url = url if not url or url.endswith("/") else url + "/"
        return self._team_url

    def link(self, channel: str, ts: str, thread: str | None = None) -> str:
        """The message's permalink, built as Slack builds it (no chat.getPermalink call)."""
        base = self.team_url()
        if not base or not channel or not ts:
            return ""
        link = f"{base}archives/{channel}/p{ts.replace('.', '')}"
        if thread and thread != ts:
            link += f"?thread_ts={thread}&cid={channel}"
        return link

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
            response = self.outbox.read("conversations.info", {"channel": destination})
            info = response.get("channel") or {}
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
