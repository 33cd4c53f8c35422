"""The gateway half of the Discord stand-in: protocol v10, JSON encoding, optionally zlib-stream
(or zstd-stream, where Python has zstd) transport compression: what the client asks for in its
query string.

HELLO on connect; IDENTIFY -> READY then GUILD_CREATE; heartbeat -> HEARTBEAT_ACK; RESUME with
the right session -> the missed dispatches then RESUMED (a wrong one -> INVALID_SESSION).
`dispatch` queues an event with the next sequence number; `drop` closes the socket so the
client must reconnect and resume.
"""

from __future__ import annotations

import asyncio
import json
import zlib
from collections.abc import Callable
from typing import Any

from aiohttp import WSMsgType, web

try:  # what hikari asks for on Python 3.14, or with the backports.zstd package
    from compression import zstd  # type: ignore[import-not-found]
except ImportError:
    try:
        from backports import zstd  # type: ignore[import-not-found,no-redef]
    except ImportError:
        zstd = None

DISPATCH, HEARTBEAT, IDENTIFY, RESUME, RECONNECT, INVALID, HELLO, ACK = 0, 1, 2, 6, 7, 9, 10, 11


class _Stream:
    """Transport compression: one stream per connection, each message flushed whole."""

    def __init__(self, kind: str) -> None:
        self.zlib = kind == "zlib-stream"
        self.engine: Any = zlib.compressobj() if self.zlib else zstd.ZstdCompressor()

    def frame(self, data: bytes) -> bytes:
        if self.zlib:
            return bytes(self.engine.compress(data) + self.engine.flush(zlib.Z_SYNC_FLUSH))
        return bytes(
            self.engine.compress(data) + self.engine.flush(zstd.ZstdCompressor.FLUSH_BLOCK)
        )


class Gateway:
    def __init__(
        self,
        *,
        token: str,
        ready: Callable[[str], dict[str, Any]],
        guild: Callable[[], dict[str, Any]],
        heartbeat_ms: int,
        log: Callable[[str, dict[str, Any]], None],
    ) -> None:
        self.token = token
        self.ready, self.guild = ready, guild
        self.heartbeat_ms = heartbeat_ms
        self.log = log
        self.history: list[tuple[int, str, dict[str, Any]]] = []
        self.session_id = ""
        self.sessions = 0
        self.ws: web.WebSocketResponse | None = None
        self.compress: Any = None
        self.connected = asyncio.Event()
        self.open = asyncio.Event()  # cleared: new connections wait (see `drop`)
        self.open.set()

    # --- sending ------------------------------------------------------------------------------
    async def _send(self, payload: dict[str, Any]) -> None:
        ws = self.ws
        if ws is None or ws.closed:
            return
        data = json.dumps(payload)
        if self.compress is not None:
            await ws.send_bytes(self.compress.frame(data.encode()))
        else:
            await ws.send_str(data)

    async def _dispatch_now(self, seq: int, name: str, data: dict[str, Any]) -> None:
        await self._send({"op": DISPATCH, "s": seq, "t": name, "d": data})

    async def dispatch(self, name: str, data: dict[str, Any]) -> int:
        seq = len(self.history) + 1
        self.history.append((seq, name, data))
        if self.ws is not None and self.session_id:
            await self._dispatch_now(seq, name, data)
        return seq

    async def drop(self, *, hold: bool = False) -> None:
        """Close the connection as a network failure would (the client should resume);
        `hold`: reconnections wait until `reopen`, so what is dispatched meanwhile is missed."""
        if hold:
            self.open.clear()
        if self.ws is not None:
            self.connected.clear()
            await self.ws.close(code=4000, message=b"stand-in dropped the connection")

    def reopen(self) -> None:
        self.open.set()

    # --- the socket ---------------------------------------------------------------------------
    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        await self.open.wait()
        query = request.query
        self.log("connect", dict(query))
        if query.get("v") != "10" or query.get("encoding", "json") != "json":
            raise web.HTTPBadRequest(text="this stand-in speaks v10 json only")
        compress = query.get("compress")
        if compress not in (None, "zlib-stream") and not (compress == "zstd-stream" and zstd):
            raise web.HTTPBadRequest(text=f"unsupported compression {compress}")
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self.ws = ws
        self.compress = _Stream(compress) if compress else None
        await self._send({"op": HELLO, "d": {"heartbeat_interval": self.heartbeat_ms}})
        async for msg in ws:
            if msg.type not in (WSMsgType.TEXT, WSMsgType.BINARY):
                continue
            await self._receive(json.loads(msg.data))
        if self.ws is ws:
            self.ws = None
        return ws

    async def _receive(self, payload: dict[str, Any]) -> None:
        op, data = payload.get("op"), payload.get("d")
        self.log(f"op{op}", {"d": data if op != IDENTIFY else {"intents": data.get("intents")}})
        if op == HEARTBEAT:
            await self._send({"op": ACK})
        elif op == IDENTIFY:
            if data.get("token") != self.token:
                assert self.ws is not None
                await self.ws.close(code=4004, message=b"Authentication failed.")
                return
            self.sessions += 1
            self.session_id = f"session-{self.sessions}"
            self.history.clear()
            await self.dispatch("READY", self.ready(self.session_id))
            await self.dispatch("GUILD_CREATE", self.guild())
            self.connected.set()
        elif op == RESUME:
            if data.get("session_id") != self.session_id or data.get("token") != self.token:
                await self._send({"op": INVALID, "d": False})
                return
            for seq, name, event in self.history:
                if seq > int(data.get("seq") or 0):
                    await self._dispatch_now(seq, name, event)
            await self.dispatch("RESUMED", {})
            self.connected.set()
