"""A loopback TCP proxy in front of PostgreSQL that can hang (a partition: connections stay open,
nothing flows, nothing is refused) or refuse (every connection is cut, new ones closed at once),
then heal. Bytes held during a hang flow again once it heals, as after a real partition.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading


class TcpProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.flowing = threading.Event()
        self.flowing.set()
        self.refusing = False
        self._sockets: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._stop = False

    def start(self) -> TcpProxy:
        threading.Thread(target=self._accept, daemon=True).start()
        return self

    def hang(self) -> None:
        self.flowing.clear()

    def refuse(self) -> None:
        self.refusing = True
        with self._lock:
            for sock in list(self._sockets):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._sockets.clear()

    def heal(self) -> None:
        self.refusing = False
        self.flowing.set()

    def stop(self) -> None:
        self._stop = True
        self.heal()
        self.refuse()
        self.listener.close()

    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.refusing:
                client.close()
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while not self._stop:
                self.flowing.wait()
                ready, _, _ = select.select([source], [], [], 0.1)
                if not ready:
                    continue
                data = source.recv(65536)
                if not data:
                    break
                self.flowing.wait()  # a hang holds what was already read
                sink.sendall(data)
        except (OSError, ValueError):
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.close()
