"""Loaded by the bot process under test (PYTHONPATH): every name lookup other than the loopback
is refused and written to DISCORD_TEST_DNS_LOG, so a test can prove that nothing tried to reach
a real Discord host (or any other) while DISCORD_API_URL pointed at the stand-in."""

import os
import socket

_LOG = os.environ.get("DISCORD_TEST_DNS_LOG")
_ALLOWED = {"127.0.0.1", "localhost", "::1"}
_real_getaddrinfo = socket.getaddrinfo


def _guarded(host, *args, **kwargs):  # type: ignore[no-untyped-def]
    name = host.decode() if isinstance(host, bytes) else str(host)
    if name not in _ALLOWED:
        with open(_LOG or os.devnull, "a", encoding="utf-8") as log:
            log.write(name + "\n")
        raise socket.gaierror(socket.EAI_NONAME, f"lookup refused by the test: {name}")
    return _real_getaddrinfo(host, *args, **kwargs)


if _LOG:
    socket.getaddrinfo = _guarded
