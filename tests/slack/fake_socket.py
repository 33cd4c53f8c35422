"""A loopback stand-in for Slack's Socket Mode server: a minimal WebSocket server (RFC 6455, text
frames, ping/pong, close) speaking Slack's envelope protocol.

`FakeSocket().start()`; point the Web API stand-in's `apps.connections.open` at `url`. Each new
connection gets `hello`. `refresh()` asks every open connection to reconnect (Slack's
`disconnect` / `refresh_requested`); `send(payload, type)` sends an envelope on the newest
connection and `ack_time(envelope_id)` waits for its ack (seconds from sending, or None).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import socket
import struct
import threading
import time
import uuid
from typing import Any

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class FakeSocket:
    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.connections: list[socket.socket] = []
        self.opened = 0  # connections ever opened
        self.sent_at: dict[str, float] = {}
        self.acked_at: dict[str, float] = {}
        self.connected = threading.Condition()
        self._write = threading.Lock()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/link"

    def start(self) -> FakeSocket:
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def stop(self) -> None:
        self.listener.close()
        for conn in list(self.connections):
            with contextlib.suppress(OSError):
                conn.close()

    # --- protocol -----------------------------------------------------------------------------
    def refresh(self) -> int:
        """Ask the open connections to reconnect; returns how many there were."""
        count = len(self.connections)
        for conn in list(self.connections):
            self._send(conn, {"type": "disconnect", "reason": "refresh_requested"})
        return count

    def wait_opened(self, count: int, timeout: float = 10.0) -> bool:
        """Wait until `count` connections were ever opened."""
        with self.connected:
            return self.connected.wait_for(lambda: self.opened >= count, timeout)

    def send(self, payload: dict[str, Any], kind: str = "slash_commands") -> str:
        envelope = str(uuid.uuid4())
        message = {
            "envelope_id": envelope,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": 0,
            "retry_reason": "",
        }
        self.sent_at[envelope] = time.monotonic()
        self._send(self.connections[-1], message)
        return envelope

    def ack_time(self, envelope: str, timeout: float = 10.0) -> float | None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if envelope in self.acked_at:
                return self.acked_at[envelope] - self.sent_at[envelope]
            time.sleep(0.005)
        return None

    # --- WebSocket ----------------------------------------------------------------------------
    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                request += chunk
            key = ""
            for line in request.decode("latin-1").split("\r\n"):
                if line.lower().startswith("sec-websocket-key:"):
                    key = line.split(":", 1)[1].strip()
            accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
            conn.sendall(
                (
                    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    f"Connection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
                ).encode()
            )
            self._send(conn, {"type": "hello", "num_connections": 1})
            with self.connected:
                self.connections.append(conn)
                self.opened += 1
                self.connected.notify_all()
            while True:
                opcode, data = _read_frame(conn)
                if opcode == 0x8:
                    break
                if opcode == 0x9:
                    self._frame(conn, 0xA, data)
                elif opcode == 0x1:
                    with contextlib.suppress(ValueError):
                        envelope = json.loads(data).get("envelope_id")
                        if envelope:
                            self.acked_at.setdefault(envelope, time.monotonic())
        except (OSError, ConnectionError):
            pass
        finally:
            with self.connected:
                if conn in self.connections:
                    self.connections.remove(conn)
            with contextlib.suppress(OSError):
                conn.close()

    def _send(self, conn: socket.socket, message: dict[str, Any]) -> None:
        with contextlib.suppress(OSError):
            self._frame(conn, 0x1, json.dumps(message).encode())

    def _frame(self, conn: socket.socket, opcode: int, data: bytes) -> None:
        size = len(data)
        if size < 126:
            header = struct.pack("!BB", 0x80 | opcode, size)
        elif size < 65536:
            header = struct.pack("!BBH", 0x80 | opcode, 126, size)
        else:
            header = struct.pack("!BBQ", 0x80 | opcode, 127, size)
        with self._write:
            conn.sendall(header + data)


def _read_exact(conn: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def _read_frame(conn: socket.socket) -> tuple[int, bytes]:
    first, second = _read_exact(conn, 2)
    size = second & 0x7F
    if size == 126:
        size = struct.unpack("!H", _read_exact(conn, 2))[0]
    elif size == 127:
        size = struct.unpack("!Q", _read_exact(conn, 8))[0]
    mask = _read_exact(conn, 4) if second & 0x80 else b"\0\0\0\0"
    data = bytes(b ^ mask[i % 4] for i, b in enumerate(_read_exact(conn, size)))
    return first & 0x0F, data
