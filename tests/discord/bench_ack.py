"""How long the real `python -m bot discord` takes to acknowledge interactions (Discord allows
3 s), measured against the stand-in: from the INTERACTION_CREATE dispatch to the callback
request, for /question (public and private) and for button clicks, while the flows behind them
run. Prints figures; asserts nothing.

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


def main(count: int = 40) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        running = start(f"sqlite:///{Path(tmp) / 'bot.db'}", Path(tmp))
        fake = running.fake
        try:
            sent = []
            for n in range(count):
                private = n % 2 == 0
                sent.append(fake.slash(ASKER, GENERAL, f"Question {n} sur la fibre", private))
            message = fake.user_message(None, ASKER, "ok")
            sent += [fake.click(ASKER, message, f"helped:{n}") for n in range(count)]
            delays = sorted(ack_delays(fake, sent))
        finally:
            running.stop()
            fake.stop()
    ms = [d * 1000 for d in delays]
    print(f"interactions acknowledged: {len(ms)} (half /question, half button clicks)")
    print(
        f"ack delay ms: median {statistics.median(ms):.1f}, "
        f"p95 {ms[int(len(ms) * 0.95) - 1]:.1f}, max {ms[-1]:.1f} (Discord's limit: 3000)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 40))
