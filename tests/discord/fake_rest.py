"""The REST half of the Discord stand-in: every call is recorded, then answered as Discord would
(objects with ids); an unknown route gets Discord's 404 JSON, so a missing case shows up."""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from tests.discord import payloads as p

if TYPE_CHECKING:
    from tests.discord.fake_discord import FakeDiscord

Handler = Callable[[re.Match[str], Any], Awaitable[web.StreamResponse]]


def _json(data: Any, status: int = 200) -> web.Response:
    return web.json_response(data, status=status)


def _numbered(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Discord numbers every component of a message it stores (1, 2, ... depth first)."""
    counter = iter(range(1, 1000))

    def number(component: dict[str, Any]) -> dict[str, Any]:
        done = {**component, "id": component.get("id") or next(counter)}
        if "components" in component:
            done["components"] = [number(c) for c in component["components"]]
        return done

    return [number(c) for c in components]


class Rest:
    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.commands: list[dict[str, Any]] = []
        self.dms: dict[str, dict[str, Any]] = {}
        self.routes: list[tuple[str, re.Pattern[str], Handler]] = [
            ("GET", re.compile(r"/gateway/bot"), self.gateway_bot),
            ("GET", re.compile(r"/users/@me"), self.me),
            ("GET", re.compile(r"/oauth2/applications/@me"), self.application),
            ("PUT", re.compile(r"/applications/(\d+)(?:/guilds/(\d+))?/commands"), self.put_cmds),
            ("POST", re.compile(r"/users/@me/channels"), self.open_dm),
            ("GET", re.compile(r"/channels/(\d+)"), self.get_channel),
            ("POST", re.compile(r"/channels/(\d+)/messages"), self.create_message),
            ("PATCH", re.compile(r"/channels/(\d+)/messages/(\d+)"), self.edit_message),
            ("DELETE", re.compile(r"/channels/(\d+)/messages/(\d+)"), self.delete_message),
            ("POST", re.compile(r"/channels/(\d+)/messages/(\d+)/threads"), self.message_thread),
            ("POST", re.compile(r"/channels/(\d+)/threads"), self.forum_post),
            ("POST", re.compile(r"/interactions/(\d+)/([^/]+)/callback"), self.callback),
            ("PATCH", re.compile(r"/webhooks/(\d+)/([^/]+)/messages/@original"), self.original),
            ("POST", re.compile(r"/webhooks/(\d+)/([^/]+)"), self.followup),
        ]

    async def handle(self, request: web.Request) -> web.StreamResponse:
        from tests.discord.fake_discord import Call

        path = "/" + request.match_info["tail"]
        raw = await request.read()
        body = json.loads(raw) if raw and request.content_type == "application/json" else None
        call = Call(
            request.method,
            path,
            body,
            dict(request.query),
            request.headers.get("Authorization"),
        )
        try:
            return await self._route(
                request.method, path, body, request.headers.get("Authorization")
            )
        finally:
            # Recorded once the handler has run, so a test that sees the call also sees its
            # effects (the stored message, the thread...).
            self.fake.record(call)

    async def _route(
        self, method: str, path: str, body: Any, auth: str | None
    ) -> web.StreamResponse:
        from tests.discord.fake_discord import TOKEN

        if auth is not None and auth != f"Bot {TOKEN}":
            return _json({"message": "401: Unauthorized", "code": 0}, 401)
        for verb, pattern, handler in self.routes:
            match = pattern.fullmatch(path)
            if verb == method and match:
                return await handler(match, body)
        return _json({"message": "404: Not Found", "code": 0}, 404)

    # --- identity and gateway ------------------------------------------------------------------
    async def gateway_bot(self, match: re.Match[str], body: Any) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
        return _json({"url": self.fake.gateway_url, "shards": 1, "session_start_limit": limit})

    async def me(self, match: re.Match[str], body: Any) -> web.Response:
        from tests.discord.fake_discord import BOT

        return _json(p.my_user(BOT, "Aide SG"))

    async def application(self, match: re.Match[str], body: Any) -> web.Response:
        from tests.discord.fake_discord import APP

        return _json({"id": APP, "name": "Aide SG", "flags": 0, "bot_public": False})

    async def put_cmds(self, match: re.Match[str], body: Any) -> web.Response:
        self.commands = [
            {
                **command,
                "id": self.fake.new_id(),
                "application_id": match[1],
                "guild_id": match[2],
                "version": "1",
                "default_member_permissions": None,
                "type": command.get("type", 1),
                "nsfw": False,
            }
            for command in body or []
        ]
        return _json(self.commands)

    # --- channels -----------------------------------------------------------------------------
    def dm_for(self, user_id: str) -> dict[str, Any]:
        if user_id not in self.dms:
            channel_id = "6" + user_id[1:]
            self.dms[user_id] = p.dm_channel(channel_id, self.fake.users[user_id])
            self.fake.channels[channel_id] = self.dms[user_id]
        return self.dms[user_id]

    def dm_owner(self, channel_id: str) -> str | None:
        return next((u for u, c in self.dms.items() if c["id"] == channel_id), None)

    async def open_dm(self, match: re.Match[str], body: Any) -> web.Response:
        recipient = str((body or {}).get("recipient_id"))
        if recipient not in self.fake.users:
            return _json({"message": "Unknown User", "code": 10013}, 404)
        return _json(self.dm_for(recipient))

    async def get_channel(self, match: re.Match[str], body: Any) -> web.Response:
        channel = self.fake.channels.get(match[1])
        if channel is None:
            return _json({"message": "Unknown Channel", "code": 10003}, 404)
        return _json(channel)

    # --- messages -----------------------------------------------------------------------------
    def _message(self, channel_id: str, body: Any, message_id: str | None = None) -> dict[str, Any]:
        from tests.discord.fake_discord import BOT

        channel = self.fake.channels.get(channel_id, {})
        message = p.message(
            message_id or self.fake.new_id(),
            channel_id,
            p.user(BOT, "Aide SG", bot=True),
            (body or {}).get("content") or "",
            guild_id=channel.get("guild_id"),
            components=_numbered((body or {}).get("components") or []),
        )
        message["embeds"] = [{"type": "rich", **e} for e in (body or {}).get("embeds") or []]
        self.fake.messages[message["id"]] = message
        return message

    async def create_message(self, match: re.Match[str], body: Any) -> web.Response:
        if match[1] not in self.fake.channels:
            return _json({"message": "Unknown Channel", "code": 10003}, 404)
        return _json(self._message(match[1], body))

    async def edit_message(self, match: re.Match[str], body: Any) -> web.Response:
        old = self.fake.messages.get(match[2])
        if old is None:
            return _json({"message": "Unknown Message", "code": 10008}, 404)
        return _json(self._message(match[1], {**old, **(body or {})}, match[2]))

    async def delete_message(self, match: re.Match[str], body: Any) -> web.StreamResponse:
        self.fake.messages.pop(match[2], None)
        return web.Response(status=204)

    async def message_thread(self, match: re.Match[str], body: Any) -> web.Response:
        from tests.discord.fake_discord import BOT, GUILD

        name = (body or {}).get("name", "")
        thread = p.thread(match[2], GUILD, match[1], name, BOT)  # a thread's id is its message's
        self.fake.channels[thread["id"]] = thread
        return _json(thread)

    async def forum_post(self, match: re.Match[str], body: Any) -> web.Response:
        from tests.discord.fake_discord import BOT, GUILD

        forum = self.fake.channels.get(match[1], {})
        if forum.get("type") != p.FORUM:
            return _json({"message": "Invalid Form Body", "code": 50035}, 400)
        thread = p.thread(self.fake.new_id(), GUILD, match[1], (body or {}).get("name", ""), BOT)
        self.fake.channels[thread["id"]] = thread
        starter = self._message(thread["id"], (body or {}).get("message"), thread["id"])
        return _json({**thread, "message": starter})

    # --- interactions -------------------------------------------------------------------------
    async def callback(self, match: re.Match[str], body: Any) -> web.Response:
        kind = (body or {}).get("type")
        response: dict[str, Any] = {
            "interaction": {"id": match[1], "type": 2, "response_message_loading": kind == 5}
        }
        if kind in (4, 7):
            message = self._message("0", (body or {}).get("data"))
            response["resource"] = {"type": kind, "message": message}
        return _json(response)

    async def original(self, match: re.Match[str], body: Any) -> web.Response:
        return _json(self._message("0", body))

    async def followup(self, match: re.Match[str], body: Any) -> web.Response:
        return _json(self._message("0", body))
