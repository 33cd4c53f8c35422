"""A loopback stand-in for Discord: the REST API (recording every call: method, path, JSON body)
and the gateway (fake_gateway.py), on one aiohttp server in a background thread.

Tests drive it from their own thread: `user_message`, `slash`, `click` dispatch gateway events;
`wait_for` blocks (on a condition, no polling sleep) until a recorded call matches.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.discord import payloads as p
from tests.discord.fake_gateway import Gateway
from tests.discord.fake_rest import Rest

BOT, APP, GUILD = "100000000000000001", "100000000000000001", "200000000000000001"
# Discord's token shape: base64(bot id) . timestamp . signature (hikari reads the id from it)
TOKEN = base64.b64encode(BOT.encode()).decode().rstrip("=") + ".GfAkE0.stand-in-signature"
COMMUNITY, HELP, GENERAL = "300000000000000001", "300000000000000002", "300000000000000003"
ASKER, LEAD, ESCALATION = "400000000000000001", "400000000000000002", "400000000000000003"
MEMBER, OTHER_BOT = "400000000000000004", "400000000000000009"
NAMES = {ASKER: "camille", LEAD: "sam-lead", ESCALATION: "alex-n2", MEMBER: "dominique"}


@dataclass
class Call:
    method: str
    path: str
    json: Any
    query: dict[str, str]
    auth: str | None
    at: float = field(default_factory=time.monotonic)


class FakeDiscord:
    def __init__(self, *, community_kind: int = p.TEXT, heartbeat_ms: int = 41250) -> None:
        self.calls: list[Call] = []
        self.gateway_log: list[tuple[str, dict[str, Any]]] = []
        self.dispatched_at: dict[str, float] = {}
        self._cond = threading.Condition()
        self._ids = itertools.count(500000000000000001)
        self.users = {u: p.user(u, n) for u, n in NAMES.items()}
        self.users[OTHER_BOT] = p.user(OTHER_BOT, "autre-bot", bot=True)
        self.channels: dict[str, dict[str, Any]] = {
            COMMUNITY: p.guild_channel(COMMUNITY, GUILD, "entraide", community_kind, 1),
            HELP: p.guild_channel(HELP, GUILD, "aide", p.TEXT, 2),
            GENERAL: p.guild_channel(GENERAL, GUILD, "general", p.TEXT, 3),
        }
        self.messages: dict[str, dict[str, Any]] = {}
        self.rest = Rest(self)
        self.gateway = Gateway(
            token=TOKEN,
            ready=self._ready,
            guild=lambda: p.guild(GUILD, "Entraide SG", LEAD, list(self.channels.values())),
            heartbeat_ms=heartbeat_ms,
            log=lambda kind, data: self._record_gateway(kind, data),
        )
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.port = 0

    # --- life cycle ---------------------------------------------------------------------------
    def start(self) -> FakeDiscord:
        self._thread.start()
        self.port = self._run(self._serve())
        return self

    async def _serve(self) -> int:
        app = web.Application()
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_route("*", "/api/v10/{tail:.*}", self.rest.handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        return int(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]

    def stop(self) -> None:
        self._run(self._runner.cleanup())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(5)

    def _run(self, coro: Any, timeout: float = 10.0) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout + 1)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def new_id(self) -> str:
        return str(next(self._ids))

    # --- recording ----------------------------------------------------------------------------
    def record(self, call: Call) -> None:
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()

    def _record_gateway(self, kind: str, data: dict[str, Any]) -> None:
        with self._cond:
            self.gateway_log.append((kind, data))
            self._cond.notify_all()

    def wait_for(self, check: Callable[[FakeDiscord], Any], timeout: float = 15.0) -> Any:
        """Block until `check(self)` is truthy (re-checked on every recorded call)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not (result := check(self)):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out; calls: {[c.path for c in self.calls]}")
                self._cond.wait(left)
            return result

    def posts(self, channel: str | None = None) -> list[Call]:
        """Every message the bot created (channel messages, forum posts, interaction replies)."""
        found = []
        for c in list(self.calls):
            match = re.fullmatch(r"/channels/(\d+)/(messages|threads)", c.path)
            if c.method == "POST" and match and (channel is None or match[1] == channel):
                found.append(c)
        return found

    # --- gateway events -----------------------------------------------------------------------
    def _ready(self, session_id: str) -> dict[str, Any]:
        return {
            "v": 10,
            "user": p.my_user(BOT, "Aide SG"),
            "guilds": [{"id": GUILD, "unavailable": True}],
            "session_id": session_id,
            "resume_gateway_url": self.gateway_url,
            "shard": [0, 1],
            "application": {"id": APP, "flags": 0},
        }

    def wait_connected(self, timeout: float = 20.0) -> None:
        self._run(asyncio.wait_for(self.gateway.connected.wait(), timeout), timeout)

    def dispatch(self, name: str, data: dict[str, Any]) -> None:
        self._run(self.gateway.dispatch(name, data))

    def drop_connection(self, *, hold: bool = False) -> None:
        self._run(self.gateway.drop(hold=hold))

    def reopen(self) -> None:
        self.loop.call_soon_threadsafe(self.gateway.reopen)

    def user_message(self, channel: str, author: str, content: str, **extra: Any) -> dict[str, Any]:
        """A MESSAGE_CREATE from `author` in `channel` (a DM channel or a guild channel)."""
        ch = self.channels.get(channel) or self.rest.dm_for(author)
        message = p.message(
            self.new_id(),
            ch["id"],
            self.users[author],
            content,
            guild_id=ch.get("guild_id"),
            **extra,
        )
        self.messages[message["id"]] = message
        self.dispatch("MESSAGE_CREATE", message)
        return message

    def interaction(
        self, kind: int, data: dict[str, Any], who: str, channel: str, **extra: Any
    ) -> str:
        ch = self.channels.get(channel) or self.rest.dm_for(who)
        interaction_id = self.new_id()
        token = f"token-{interaction_id}"
        payload = p.interaction(
            interaction_id,
            token,
            APP,
            kind,
            data,
            who=self.users[who],
            channel=ch,
            guild_id=ch.get("guild_id"),
            **extra,
        )
        self.dispatched_at[interaction_id] = time.monotonic()
        self.dispatch("INTERACTION_CREATE", payload)
        return interaction_id

    def slash(
        self,
        who: str,
        channel: str,
        texte: str,
        privee: bool | None = None,
        urgence: str | None = None,
    ) -> str:
        options: list[dict[str, Any]] = [{"name": "texte", "type": 3, "value": texte}]
        if privee is not None:
            options.append({"name": "privee", "type": 5, "value": privee})
        if urgence is not None:
            options.append({"name": "urgence", "type": 3, "value": urgence})
        command = self.rest.commands[0] if self.rest.commands else {"id": self.new_id()}
        data = {"id": command["id"], "name": "question", "type": 1, "options": options}
        return self.interaction(2, data, who, channel)

    def click(self, who: str, message: dict[str, Any], custom_id: str) -> str:
        data = {"custom_id": custom_id, "component_type": 2}
        return self.interaction(3, data, who, message["channel_id"], message=message)

    def submit(self, who: str, channel: str, custom_id: str, values: dict[str, str]) -> str:
        rows = [
            {
                "type": 1,
                "id": 2 * n + 1,
                "components": [{"type": 4, "id": 2 * n + 2, "custom_id": key, "value": value}],
            }
            for n, (key, value) in enumerate(values.items())
        ]
        return self.interaction(5, {"custom_id": custom_id, "components": rows}, who, channel)
