"""The hikari bot: its settings (REST base, intents, no compression surprises), the /question
command, and the gateway events handed to the flows.

- Every REST call goes to DISCORD_API_URL (`rest_url`); hikari asks `GET /gateway/bot` for the
  gateway address; the update check (which would reach PyPI) is off.
- READY gives the bot's own id and the application id; GUILD_CREATE the guild and its
  channels, and /question is registered there at once.
- Events run on the loop only as far as reading them and acknowledging interactions; the flows
  (database, several REST calls) run in a thread pool.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import hikari

from bot.config import Settings
from bot.discord import ids, interactions
from bot.discord.interaction_scope import Scope, enter
from bot.discord.support import DiscordSupport, Incoming
from bot.messages import t

log = logging.getLogger(__name__)
INTENTS = (
    hikari.Intents.GUILDS
    | hikari.Intents.GUILD_MESSAGES
    | hikari.Intents.DM_MESSAGES
    | hikari.Intents.MESSAGE_CONTENT
    | hikari.Intents.GUILD_MESSAGE_REACTIONS
)
SOLVED_EMOJI = {"✅", "✔️", "☑️"}
HUMAN_KINDS = {hikari.MessageType.DEFAULT, hikari.MessageType.REPLY}


def make_bot(settings: Settings) -> hikari.GatewayBot:
    return hikari.GatewayBot(
        str(settings.discord_bot_token),
        intents=INTENTS,
        rest_url=settings.discord_api_url,
        banner=None,
        logs=None,
        cache_settings=hikari.impl.CacheSettings(components=hikari.api.CacheComponents.NONE),
    )


def question_command(bot: hikari.GatewayBot) -> Any:
    return (
        bot.rest.slash_command_builder(ids.COMMAND, t("discord.command.description"))
        .add_option(
            hikari.CommandOption(
                type=hikari.OptionType.STRING,
                name="texte",
                description=t("discord.command.texte"),
                is_required=True,
                max_length=4000,
            )
        )
        .add_option(
            hikari.CommandOption(
                type=hikari.OptionType.BOOLEAN,
                name="privee",
                description=t("discord.command.privee"),
            )
        )
        .add_option(
            hikari.CommandOption(
                type=hikari.OptionType.STRING,
                name="urgence",
                description=t("discord.command.urgence"),
                choices=[
                    hikari.CommandChoice(name=t(f"discord.urgency.{u}"), value=u)
                    for u in interactions.URGENCIES
                ],
            )
        )
    )


class Wiring:
    """Subscribes the bot's events and runs the flows in worker threads."""

    def __init__(self, bot: hikari.GatewayBot, support: DiscordSupport, pool: ThreadPoolExecutor):
        self.bot, self.support, self.pool = bot, support, pool
        self.me: str | None = None
        self.application: int | None = None
        bot.subscribe(hikari.ShardReadyEvent, self.on_ready)
        bot.subscribe(hikari.GuildAvailableEvent, self.on_guild)
        bot.subscribe(hikari.GuildJoinEvent, self.on_guild)
        bot.subscribe(hikari.MessageCreateEvent, self.on_message)
        bot.subscribe(hikari.InteractionCreateEvent, self.on_interaction)
        bot.subscribe(hikari.GuildReactionAddEvent, self.on_reaction)

    def work(self, fn: Callable[[], None]) -> asyncio.Future[None]:
        loop = asyncio.get_running_loop()
        return loop.run_in_executor(self.pool, contextvars.copy_context().run, self._safe, fn)

    @staticmethod
    def _safe(fn: Callable[[], None]) -> None:
        try:
            fn()
        except Exception:  # noqa: BLE001 - a worker must never die silently
            log.exception("Discord flow failed")

    async def on_ready(self, event: hikari.ShardReadyEvent) -> None:
        self.me, self.application = str(event.my_user.id), int(event.application_id)

    async def on_guild(self, event: hikari.GuildAvailableEvent | hikari.GuildJoinEvent) -> None:
        channels = [
            (str(c.id), int(c.type), str(c.parent_id) if c.parent_id else None)
            for c in event.channels.values()
        ]
        self.support.places.learn_guild(str(event.guild_id), channels)
        log.info(t("discord.run.connected", guild=event.guild.name))
        if self.application is None:
            self.application = int((await self.bot.rest.fetch_application()).id)
        await self.bot.rest.set_application_commands(
            self.application, [question_command(self.bot)], event.guild_id
        )

    async def on_message(self, event: hikari.MessageCreateEvent) -> None:
        m = event.message
        incoming = Incoming(
            id=str(m.id),
            user=str(m.author.id),
            channel=str(m.channel_id),
            text=m.content or "",
            in_guild=m.guild_id is not None,
            from_bot=m.author.is_bot or m.webhook_id is not None or str(m.author.id) == self.me,
            human_kind=m.type in HUMAN_KINDS,
            mentions_bot=self._mentions_me(m.user_mentions_ids),
            reference=str(m.message_reference.id)
            if m.message_reference and m.message_reference.id
            else None,
        )
        if incoming.is_for_us():
            self.work(lambda: self.support.on_gateway_message(incoming))

    def _mentions_me(self, mentioned: object) -> bool:
        if self.me is None or not isinstance(mentioned, Sequence):
            return False
        return int(self.me) in mentioned

    async def on_reaction(self, event: hikari.GuildReactionAddEvent) -> None:
        if str(event.emoji_name) not in SOLVED_EMOJI or str(event.user_id) == self.me:
            return
        user, channel, message = str(event.user_id), str(event.channel_id), str(event.message_id)
        self.work(
            lambda: self.support.on_solved_reaction(user=user, channel=channel, message=message)
        )

    async def on_interaction(self, event: hikari.InteractionCreateEvent) -> None:
        interaction = event.interaction
        acted = await interactions.acknowledge(interaction)
        if acted is None:
            return
        pending = not isinstance(interaction, hikari.ComponentInteraction)
        token = getattr(interaction, "token", "")
        scope = Scope(int(interaction.application_id), token, acted.user, pending)
        self.work(lambda: self._interaction(interaction, acted, scope))

    def _interaction(
        self, interaction: hikari.PartialInteraction, acted: interactions.Acted, scope: Scope
    ) -> None:
        enter(scope)
        support = self.support
        with support.reporting(acted.user, acted.channel):
            if isinstance(interaction, hikari.CommandInteraction):
                done = interactions.handle_command(support, acted)
            elif isinstance(interaction, hikari.ModalInteraction):
                done = interactions.handle_form(support, acted)
            else:
                interactions.handle_click(support, acted)
                done = ""
            if done and scope.pending:
                support.transport.call(scope.say(self.bot.rest, done))
        if scope.pending:  # a failure was reported by DM, or nothing to say: end the wait
            support.transport.call(scope.say(self.bot.rest, t("discord.ack.done")))
