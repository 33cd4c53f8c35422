"""Socket Mode adapters: how fast each acks, steadily and right after a connection refresh.

    .venv/bin/python -m tests.slack.socket_bench [builtin websocket_client aiohttp]

The Socket Mode server stand-in (fake_socket.py) sends a slash command on the connection the
client has just opened after a `refresh_requested` disconnect, and times the ack. Slack wants it
within 3 s. An adapter whose library is not installed (aiohttp) is skipped.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import subprocess
import sys
import threading
import time
from typing import Any

from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.web import WebClient

from tests.slack.fake_slack import FakeSlack
from tests.slack.fake_socket import FakeSocket

ROUNDS = 4


def _sync_client(name: str, api_url: str) -> Any:
    module = importlib.import_module(f"slack_sdk.socket_mode.{name}")
    client = module.SocketModeClient(
        app_token="xapp-bench", web_client=WebClient(token="xoxb", base_url=api_url)
    )

    def on_request(client: Any, request: Any) -> None:
        client.send_socket_mode_response(SocketModeResponse(request.envelope_id))

    client.socket_mode_request_listeners.append(on_request)
    client.connect()
    return client


def _aiohttp_client(api_url: str) -> Any:
    from slack_sdk.socket_mode.aiohttp import SocketModeClient
    from slack_sdk.web.async_client import AsyncWebClient

    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()

    async def start() -> Any:
        client = SocketModeClient(
            app_token="xapp-bench", web_client=AsyncWebClient(token="xoxb", base_url=api_url)
        )

        async def on_request(client: Any, request: Any) -> None:
            await client.send_socket_mode_response(SocketModeResponse(request.envelope_id))

        client.socket_mode_request_listeners.append(on_request)
        await client.connect()
        return client

    client = asyncio.run_coroutine_threadsafe(start(), loop).result(10)
    client.bench_loop = loop
    return client


def measure(name: str, fake: FakeSlack, sock: FakeSocket) -> str:
    before = sock.opened
    try:
        client = (
            _aiohttp_client(fake.api_url) if name == "aiohttp" else _sync_client(name, fake.api_url)
        )
    except ImportError as exc:
        return f"{name:<17} skipped ({exc.name} not installed)"
    sock.wait_opened(before + 1)
    time.sleep(0.3)
    steady = [sock.ack_time(sock.send({"command": "/question"})) for _ in range(3)]
    after: list[tuple[float, float | None]] = []
    for _ in range(ROUNDS):
        opened, started = sock.opened, time.monotonic()
        sock.refresh()
        sock.wait_opened(opened + 1)
        reconnect = time.monotonic() - started
        after.append((reconnect, sock.ack_time(sock.send({"command": "/question"}))))
        time.sleep(0.5)
    loop = getattr(client, "bench_loop", None)
    if loop is not None:
        asyncio.run_coroutine_threadsafe(client.close(), loop).result(10)
    else:
        client.close()
    ms = [f"{t * 1000:.0f}" if t is not None else "none" for t in steady]
    late = [f"{a * 1000:.0f}" if a is not None else "none" for _, a in after]
    reconnects = [f"{r * 1000:.0f}" for r, _ in after]
    return (
        f"{name:<17} steady ack {'/'.join(ms)} ms | after a refresh: reconnect "
        f"{'/'.join(reconnects)} ms, ack {'/'.join(late)} ms"
    )


def main() -> int:
    names = sys.argv[1:] or ["builtin", "websocket_client", "aiohttp"]
    if len(names) > 1:  # one process per adapter: nothing left over from the previous one
        for name in names:
            subprocess.run([sys.executable, "-m", "tests.slack.socket_bench", name], check=False)
        return 0
    fake, sock = FakeSlack().start(), FakeSocket().start()
    fake.respond("apps.connections.open", url=sock.url)
    logging.disable(logging.WARNING)  # the adapters log every reconnection
    try:
        for name in names:
            print(measure(name, fake, sock), flush=True)
            time.sleep(0.5)
    finally:
        sock.stop()
        fake.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
