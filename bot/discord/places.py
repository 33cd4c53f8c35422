"""What the adapter knows of the guild's channels: each one's kind and parent, the DM channel of
each person, and so where an incoming message was written (the `where` of an Inbound).

Filled from GUILD_CREATE, from the threads the bot opens and from DMs it sees; a channel it has
never seen is asked once from the REST API (`lookup`) and remembered. Discord ids of users and
channels are both plain numbers: an id that is no channel is taken for a person.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.flows.ports import COMMUNITY_THREAD, DIRECT, HELP, MENTION

TEXT, DM, FORUM = 0, 1, 15
THREADS = {10, 11, 12}


@dataclass(frozen=True)
class ChannelInfo:
    kind: int
    parent: str | None = None


Lookup = Callable[[str], ChannelInfo | None]


class Places:
    def __init__(self, *, community: str | None, help_channels: Iterable[str]) -> None:
        self.community = community
        self.help_channels = frozenset(help_channels)
        self.guild: str | None = None
        self._channels: dict[str, ChannelInfo | None] = {}
        self._dms: dict[str, str] = {}  # user -> DM channel
        self._lock = threading.Lock()
        self.lookup: Lookup = lambda channel: None

    # --- learning -----------------------------------------------------------------------------
    def learn_guild(self, guild: str, channels: Iterable[tuple[str, int, str | None]]) -> None:
        with self._lock:
            self.guild = guild
            for channel, kind, parent in channels:
                self._channels[channel] = ChannelInfo(kind, parent)

    def learn(self, channel: str, info: ChannelInfo) -> None:
        with self._lock:
            self._channels[channel] = info

    def learn_dm(self, user: str, channel: str) -> None:
        with self._lock:
            self._dms[user] = channel
            self._channels[channel] = ChannelInfo(DM)

    def dm_of(self, user: str) -> str | None:
        with self._lock:
            return self._dms.get(user)

    # --- asking -------------------------------------------------------------------------------
    def info(self, channel: str) -> ChannelInfo | None:
        """The channel's kind and parent; None when Discord knows no such channel."""
        with self._lock:
            if channel in self._channels:
                return self._channels[channel]
        found = self.lookup(channel)
        with self._lock:
            self._channels[channel] = found
        return found

    def is_channel(self, destination: str) -> bool:
        return self.info(destination) is not None

    def is_dm(self, channel: str) -> bool:
        info = self.info(channel)
        return info is not None and info.kind == DM

    def is_forum(self, channel: str) -> bool:
        info = self.info(channel)
        return info is not None and info.kind == FORUM

    def thread_parent(self, channel: str) -> str | None:
        info = self.info(channel)
        return info.parent if info is not None and info.kind in THREADS else None

    def where(self, *, channel: str, in_guild: bool, mentions_bot: bool) -> str | None:
        """DIRECT, HELP, COMMUNITY_THREAD, MENTION, or None (not for the bot)."""
        if not in_guild:
            return DIRECT
        if channel in self.help_channels:
            return HELP
        if self.community and self.thread_parent(channel) == self.community:
            return COMMUNITY_THREAD
        return MENTION if mentions_bot else None
