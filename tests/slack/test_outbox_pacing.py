"""Pacing per channel (Slack allows about one message per second per channel): a burst goes out
at once, then one message per second; channels do not hold each other up."""

from __future__ import annotations

from bot.slack.outbox import Pacer


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_goes_at_once_then_one_per_second() -> None:
    clock = Clock()
    pacer = Pacer(rate=1.0, burst=3, clock=clock)
    waits = [pacer.wait_time("C1") for _ in range(5)]
    assert waits == [0.0, 0.0, 0.0, 1.0, 2.0]


def test_channels_are_paced_separately_and_the_bucket_refills() -> None:
    clock = Clock()
    pacer = Pacer(rate=1.0, burst=1, clock=clock)
    assert pacer.wait_time("C1") == 0.0
    assert pacer.wait_time("C2") == 0.0  # another channel: not held up by C1
    assert pacer.wait_time("C1") == 1.0
    clock.now += 10  # a quiet while: the bucket is full again, but no fuller than `burst`
    assert [pacer.wait_time("C1") for _ in range(2)] == [0.0, 1.0]
