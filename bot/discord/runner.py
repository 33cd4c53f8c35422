"""`python -m bot discord`: the Discord bot in the foreground until SIGTERM (or Ctrl-C).

Start-up: the database (Alembic at start; if it is down the bot still runs on the spool), the
knowledge, the desk, the hikari bot on DISCORD_API_URL (the gateway address comes from
`GET /gateway/bot`), then the SLA scheduler: escalation sweep with the shared ChatNotifier on
the Discord transport, spool replay, and the cards of tickets created while the database was
down. Exit codes: 0 stopped, 1 Discord refused or unreachable, 2 a required setting missing.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable
from concurrent.futures import ThreadPoolExecutor

import aiohttp
import hikari

from bot.config import Settings
from bot.discord.gateway import Wiring, make_bot
from bot.discord.render import DiscordRenderer
from bot.discord.support import DiscordSupport
from bot.discord.transport import DiscordTransport
from bot.flows.notifier import ChatNotifier
from bot.messages import set_language, t
from bot.wiring import Core, build_core, start_jobs

log = logging.getLogger(__name__)
WORKERS = 8
OPTIONAL = {
    "DISCORD_COMMUNITY_CHANNEL": "discord_community_channel",
    "DISCORD_SUPPORT_LEAD": "discord_support_lead",
    "DISCORD_ESCALATION_TO": "discord_escalation_to",
}


def run_discord(settings: Settings) -> int:
    set_language(settings.language)
    if not settings.discord_bot_token:
        log.error(t("discord.run.missing", names="DISCORD_BOT_TOKEN"))
        return 2
    for name, attribute in OPTIONAL.items():
        if not getattr(settings, attribute):
            log.warning(t("discord.run.unset", name=name))
    return asyncio.run(_serve(settings))


async def _serve(settings: Settings) -> int:
    core = build_core(settings)
    try:
        bot = make_bot(settings)
    except ValueError as exc:  # hikari reads the bot id from the token: a malformed token
        log.error(t("discord.run.refused", error=exc))
        core.close()
        return 1
    pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="discord-flow")
    try:
        return await _run(settings, core, bot, pool)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        core.close()


async def _run(
    settings: Settings, core: Core, bot: hikari.GatewayBot, pool: ThreadPoolExecutor
) -> int:
    loop = asyncio.get_running_loop()
    transport = DiscordTransport(settings, bot.rest, loop)
    support = DiscordSupport(settings, core.desk, transport)
    core.desk.on_replayed = support.questions.replayed
    Wiring(bot, support, pool)
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    failed = await _connect(settings, bot, stop)
    if failed is not None:
        return failed
    notifier = ChatNotifier(settings, transport, DiscordRenderer())
    scheduler = start_jobs(core, notifier, support.tickets.announce_pending)
    try:
        await _first(bot.join(), stop.wait())  # the bot gave up, or SIGTERM
    finally:
        scheduler.shutdown(wait=False)
        if bot.is_alive:
            await bot.close()
    return 0


async def _connect(settings: Settings, bot: hikari.GatewayBot, stop: asyncio.Event) -> int | None:
    """None once the gateway is READY; otherwise the exit code (0: stopped while connecting)."""
    starting = asyncio.ensure_future(bot.start(check_for_updates=False))
    if not await _first(starting, stop.wait()):
        if bot.is_alive:
            await bot.close()
        return 0
    try:
        starting.result()
    except hikari.UnauthorizedError as exc:
        log.error(t("discord.run.refused", error=exc.message or exc.status))
        return 1
    except (hikari.HTTPError, aiohttp.ClientError, OSError) as exc:
        log.error(t("discord.run.unreachable", url=settings.discord_api_url, error=exc))
        return 1
    return None


async def _first(main: Awaitable[object], other: Awaitable[object]) -> bool:
    """Wait for whichever ends first; True when it was `main`. The other is cancelled."""
    first, second = asyncio.ensure_future(main), asyncio.ensure_future(other)
    await asyncio.wait({first, second}, return_when=asyncio.FIRST_COMPLETED)
    second.cancel()
    if not first.done():
        first.cancel()
        return False
    return True
