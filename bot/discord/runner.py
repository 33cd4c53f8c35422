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
from concurrent.futures import ThreadPoolExecutor

import aiohttp
import hikari

from bot.config import Settings
from bot.core import Desk
from bot.db.engine import Schema, make_engine, session_factory
from bot.discord.gateway import Wiring, make_bot
from bot.discord.render import DiscordRenderer
from bot.discord.support import DiscordSupport
from bot.discord.transport import DiscordTransport
from bot.flows.notifier import ChatNotifier
from bot.knowledge.registry import Knowledge
from bot.messages import set_language, t
from bot.sla.scheduler import start_scheduler

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
    engine = make_engine(settings.database_url)
    schema = Schema(engine)
    if not schema.ensure():
        log.error("database unavailable at start: running on the spool until it is back")
    sessions = session_factory(engine)
    desk = Desk(sessions, Knowledge.load(settings.knowledge_dir), settings)
    try:
        bot = make_bot(settings)
    except ValueError as exc:  # hikari reads the bot id from the token: a malformed token
        log.error(t("discord.run.refused", error=exc))
        return 1
    loop = asyncio.get_running_loop()
    transport = DiscordTransport(settings, bot.rest, loop)
    support = DiscordSupport(settings, desk, transport)
    desk.on_replayed = support.questions.replayed
    pool = ThreadPoolExecutor(WORKERS, thread_name_prefix="discord-flow")
    Wiring(bot, support, pool)
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    starting = asyncio.ensure_future(bot.start(check_for_updates=False))
    stopped = asyncio.ensure_future(stop.wait())
    await asyncio.wait({starting, stopped}, return_when=asyncio.FIRST_COMPLETED)
    if not starting.done():  # SIGTERM while connecting
        starting.cancel()
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
    notifier = ChatNotifier(settings, transport, DiscordRenderer())
    jobs = [
        schema.ensure,
        lambda: schema.ready and desk.replay_spool(),
        lambda: schema.ready and support.tickets.announce_pending(),
    ]
    scheduler = start_scheduler(sessions, settings, notifier, extra_jobs=jobs)
    closed = asyncio.ensure_future(bot.join())
    try:
        await asyncio.wait({closed, stopped}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        scheduler.shutdown(wait=False)
        stopped.cancel()
        if bot.is_alive:
            await bot.close()
        closed.cancel()
        pool.shutdown(wait=False, cancel_futures=True)
        engine.dispose()
    return 0
