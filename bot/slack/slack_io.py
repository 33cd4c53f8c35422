"""Small Web API helpers shared by the flows and the notifier: post, DM, ephemeral, permalink,
and "is this destination private?" (private text may only ever go to one).

Every call that changes something goes through the outbox (bot/slack/outbox.py: recorded,
retried, paced, never sent twice); lookups (conversations.open / .info, auth.test) are cached.
Permalinks are built from the workspace URL (auth.test, once), never asked for one by one.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from slack_sdk.errors import SlackApiError

from bot.slack.blocks import Message
from bot.slack.outbox import SlackOutbox

log = logging.getLogger(__name__)


class SlackIO:
    def __init__(self, outbox: SlackOutbox) -> None:
        self.outbox = outbox
        self._dm: dict[str, str] = {}
        self._private: dict[str, bool] = {}
        self._team_url: str | None = None
        self._lock = threading.Lock()

    def post(
        self, channel: str, message: Message, *, thread_ts: str | None = None, **extra: Any
    ) -> tuple[str, str]:
        """chat.postMessage; returns (channel, ts) as Slack answered them."""
        text, blocks = message
        params = {
            "channel": channel,
            "text": text,
            "blocks": blocks,
            "thread_ts": thread_ts,
            "unfurl_links": False,
            "unfurl_media": False,
            **extra,
        }
        response = self.outbox.call("chat.postMessage", params, channel=channel)
        return str(response.get("channel") or channel), str(response.get("ts") or "")

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

    def dm(self, user: str, message: Message, *, thread_ts: str | None = None) -> tuple[str, str]:
        return self.post(self.dm_channel(user), message, thread_ts=thread_ts)

    def ephemeral(self, channel: str | None, user: str, text: str) -> None:
        """Only `user` sees it; in a DM (or without a channel) a normal DM message."""
        notice = (text, [{"type": "section", "text": {"type": "mrkdwn", "text": text}}])
        if not channel or channel.startswith("D"):
            self.dm(user, notice)
            return
        try:
            params = {"channel": channel, "user": user, "text": text}
            self.outbox.call("chat.postEphemeral", params, channel=channel)
        except SlackApiError as exc:  # e.g. the bot left the channel: fall back to a DM
            log.warning("ephemeral failed (%s), sending a DM", exc.response.get("error"))
            self.dm(user, notice)

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

    def permalink(self, channel: str, ts: str, thread_ts: str | None = None) -> str:
        """The message's link, built as Slack builds it (no chat.getPermalink call)."""
        base = self.team_url()
        if not base or not channel or not ts:
            return ""
        link = f"{base}archives/{channel}/p{ts.replace('.', '')}"
        if thread_ts and thread_ts != ts:
            link += f"?thread_ts={thread_ts}&cid={channel}"
        return link

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

    def post_to(self, destination: str, message: Message, **extra: Any) -> tuple[str, str]:
        """A user id -> their DM; a channel id -> the channel."""
        if destination.startswith(("U", "W")):
            return self.dm(destination, message, **extra)
        return self.post(destination, message, **extra)
