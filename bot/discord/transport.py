"""The Transport port for Discord, over hikari's REST client (every call to DISCORD_API_URL).

The flows are synchronous and run in worker threads; each call here is handed to the bot's
event loop and awaited from the worker (never call it from the loop itself).

Places on Discord (`Posted(channel, ts)`):
- a message: (its channel, its id); `thread=` an other message id: a reply to that message;
- a community post: (T, T), T the thread it opens (Discord gives a thread the id of the message
  it hangs from, and a forum post's first message the id of the post), so a reply in the thread
  arrives as (T, reply id) and `thread=T` posts in the thread.
Every message goes out with allowed_mentions that ping nobody.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

import hikari
from hikari.components import InteractiveButtonTypesT

from bot.config import Settings
from bot.discord.interaction_scope import current_scope
from bot.discord.message import DiscordMessage
from bot.discord.places import TEXT, ChannelInfo, Places
from bot.flows.ports import Posted

T = TypeVar("T")
STYLES: dict[int, InteractiveButtonTypesT] = {
    1: hikari.ButtonStyle.PRIMARY,
    2: hikari.ButtonStyle.SECONDARY,
    3: hikari.ButtonStyle.SUCCESS,
    4: hikari.ButtonStyle.DANGER,
}
TIMEOUT = 30.0
NO_PINGS: dict[str, Any] = {
    "mentions_everyone": False,
    "user_mentions": False,
    "role_mentions": False,
}


class DiscordTransport:
    def __init__(
        self, settings: Settings, rest: hikari.api.RESTClient, loop: asyncio.AbstractEventLoop
    ) -> None:
        self.settings = settings
        self.rest = rest
        self.loop = loop
        self.places = Places(
            community=settings.discord_community_channel,
            help_channels=settings.discord_help_channels,
        )
        self.places.lookup = self._lookup
        self.web = settings.discord_api_url.split("/api", 1)[0]

    # --- plumbing -----------------------------------------------------------------------------
    def call(self, coro: Coroutine[Any, Any, T]) -> T:
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is self.loop:
            raise RuntimeError("the transport is called from worker threads only")
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(TIMEOUT)

    def _parts(self, message: DiscordMessage) -> dict[str, Any]:
        content, detail = message.fitted()
        rows = []
        for row in message.rows():
            builder = self.rest.build_message_action_row()
            for b in row:
                if b.url:
                    builder.add_link_button(b.url, label=b.label[:80])
                else:
                    builder.add_interactive_button(
                        STYLES.get(b.style, hikari.ButtonStyle.SECONDARY),
                        b.custom_id,
                        label=b.label[:80],
                    )
            rows.append(builder)
        embeds = [hikari.Embed(description=detail)] if detail else []
        return {"content": content, "components": rows, "embeds": embeds, **NO_PINGS}

    def _lookup(self, channel: str) -> ChannelInfo | None:
        try:
            found = self.call(self.rest.fetch_channel(int(channel)))
        except (hikari.NotFoundError, hikari.ForbiddenError, hikari.BadRequestError, ValueError):
            return None
        parent = getattr(found, "parent_id", None)
        return ChannelInfo(int(found.type), str(parent) if parent else None)

    # --- the port -----------------------------------------------------------------------------
    def post(
        self,
        channel: str,
        message: DiscordMessage,
        *,
        thread: str | None = None,
        broadcast: bool = False,
    ) -> Posted:
        if channel == self.community_channel() and thread is None:
            return self._community_post(channel, message)
        reply = int(thread) if thread and thread != channel else hikari.UNDEFINED
        sent = self.call(
            self.rest.create_message(
                int(channel),
                reply=reply,
                reply_must_exist=False,
                mentions_reply=False,
                **self._parts(message),
            )
        )
        return Posted(channel, str(sent.id))

    def _community_post(self, community: str, message: DiscordMessage) -> Posted:
        """A forum post, or a message and the thread it opens: (T, T)."""
        name = message.title or "Question"
        if self.places.is_forum(community):
            post = self.call(
                self.rest.create_forum_post(int(community), name, **self._parts(message))
            )
            thread = str(post.id)
        else:
            sent = self.call(self.rest.create_message(int(community), **self._parts(message)))
            opened = self.call(self.rest.create_message_thread(int(community), sent.id, name))
            thread = str(opened.id)
        self.places.learn(thread, ChannelInfo(11, community))
        return Posted(thread, thread)

    def dm_channel(self, user: str) -> str:
        known = self.places.dm_of(user)
        if known:
            return known
        channel = str(self.call(self.rest.create_dm_channel(int(user))).id)
        self.places.learn_dm(user, channel)
        return channel

    def dm(self, user: str, message: DiscordMessage, *, thread: str | None = None) -> Posted:
        return self.post(self.dm_channel(user), message, thread=thread)

    def post_to(self, destination: str, message: DiscordMessage) -> Posted:
        if self.is_user(destination):
            return self.dm(destination, message)
        return self.post(destination, message)

    def _home(self, channel: str, ts: str) -> str:
        """Where message `ts` lives: a thread's first message lives in a text channel parent."""
        parent = self.places.thread_parent(channel) if channel == ts else None
        info = self.places.info(parent) if parent else None
        return parent if parent and info is not None and info.kind == TEXT else channel

    def update(self, channel: str, ts: str, message: DiscordMessage) -> None:
        self.call(
            self.rest.edit_message(int(self._home(channel, ts)), int(ts), **self._parts(message))
        )

    def delete(self, channel: str, ts: str) -> None:
        self.call(self.rest.delete_message(int(self._home(channel, ts)), int(ts)))

    def whisper(self, channel: str | None, user: str, message: DiscordMessage) -> None:
        """In an interaction by `user`: an ephemeral reply; otherwise a DM."""
        scope = current_scope()
        if scope is not None and scope.user == user:
            content, _ = message.fitted()
            self.call(scope.say(self.rest, content))
            return
        self.dm(user, message)

    def link(self, channel: str, ts: str) -> str:
        if self.places.is_dm(channel):
            return f"{self.web}/channels/@me/{channel}/{ts}"
        guild = self.places.guild
        if not guild:
            return ""
        if channel == ts:  # a community thread
            return f"{self.web}/channels/{guild}/{channel}"
        return f"{self.web}/channels/{guild}/{channel}/{ts}"

    def is_user(self, destination: str) -> bool:
        return not self.places.is_channel(destination)

    def is_private(self, destination: str) -> bool:
        return self.is_user(destination) or self.places.is_dm(destination)

    def lead(self) -> str | None:
        return self.settings.discord_support_lead

    def escalation_target(self) -> str | None:
        return self.settings.discord_escalation_to

    def community_channel(self) -> str | None:
        return self.settings.discord_community_channel
