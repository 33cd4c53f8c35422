"""How long the real `python -m bot discord` takes to acknowledge interactions (Discord allows
3 s), measured against the stand-in: from the INTERACTION_CREATE dispatch to the callback
request, for /question (public and private) and for button clicks, while the flows behind them
run. One at a time (each waits for the previous acknowledgement), then all at once (a burst:
the last one waits for those before it). Prints figures; asserts nothing.

    .venv/bin/python -m tests.discord.bench_ack [N]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from tests.discord.fake_discord import ASKER, GENERAL, FakeDiscord
from tests.discord.harness import start


def ack_delays(fake: FakeDiscord, interactions: list[str]) -> list[float]:
    def all_acked(f: FakeDiscord) -> bool:
        paths = {c.path.split("/")[2] for c in f.calls if c.path.endswith("/callback")}
        return all(i in paths for i in interactions)

    fake.wait_for(all_acked, timeout=120)
    delays = []
    for interaction in interactions:
        callback = next(
            c
            for c in fake.calls
            if c.path.startswith(f"/interactions/{interaction}/") and c.path.endswith("/callback")
        )
        delays.append(callback.at - fake.dispatched_at[interaction])
    return delays


def send(fake: FakeDiscord, n: int, message: dict[str, object]) -> str:
    if n % 2:
        return fake.click(ASKER, message, f"helped:{n}")
    return fake.slash(ASKER, GENERAL, f"Question {n} sur la fibre", n % 4 == 0)


def report(name: str, delays: list[float]) -> None:
    ms = sorted(d * 1000 for d in delays)
    print(
        f"{name}: {len(ms)} interactions, ack delay ms median {statistics.median(ms):.1f}, "
        f"p95 {ms[int(len(ms) * 0.95) - 1]:.1f}, max {ms[-1]:.1f} (Discord's limit: 3000)"
    )


def main(count: int = 40) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        running = start(f"sqlite:///{Path(tmp) / 'bot.db'}", Path(tmp))
        fake = running.fake
        try:
            message = fake.user_message(None, ASKER, "ok")
            alone = []
            for n in range(count):
                alone += ack_delays(fake, [send(fake, n, message)])
            burst = ack_delays(fake, [send(fake, n, message) for n in range(count)])
        finally:
            running.stop()
            fake.stop()
    print("half /question (public and private), half button clicks; SQLite")
    report("one at a time", alone)
    report("burst", burst)
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 40))
