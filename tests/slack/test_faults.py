"""Faults over real HTTP, the app in production mode (acks do not wait for the work): a database
that hangs or refuses (PostgreSQL behind a TCP proxy), SQLite unwritable then writable again,
Slack's Web API answering 429 / 500 / too late. After each, every message is handled once."""

from __future__ import annotations

import dataclasses
import sqlite3
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy.engine import make_url

from bot.config import Settings
from bot.slack.runtime import Runtime, start_runtime
from tests.slack.conftest import BROWSER_Q, COMMUNITY, NOTHING_Q, knowledge, serve, settle
from tests.slack.fake_slack import FakeSlack, dm_of
from tests.slack.harness import Sender, buttons
from tests.slack.tcp_proxy import TcpProxy

SLACK_DEADLINE = 3.0


@dataclasses.dataclass
class Live:
    runtime: Runtime
    send: Sender
    fake: FakeSlack

    def burst(self, users: list[str], *, retry: int | None = None, ids: dict | None = None):  # type: ignore[no-untyped-def]
        """One DM per user, 8 at a time; returns (status, seconds) per user and keeps the
        event ids in `ids` so that a second burst can be Slack's retries of the first."""
        ids = ids if ids is not None else {}

        def one(user: str) -> tuple[int, float]:
            started = time.monotonic()
            ts = f"1767301000.{int(user[3:]):06d}"
            event_id = ids.setdefault(user, f"EvF{user}")
            answer = self.send.dm(BROWSER_Q, user=user, ts=ts, event_id=event_id, retry=retry)
            return answer.status, time.monotonic() - started

        with ThreadPoolExecutor(8) as pool:
            return dict(zip(users, pool.map(one, users), strict=True))

    def replies(self, user: str) -> int:
        return len(self.fake.delivered_to(dm_of(user)))


@pytest.fixture
def live(fake_slack: FakeSlack, settings: Settings) -> Iterator:  # type: ignore[type-arg]
    started: list[tuple[Runtime, object]] = []

    def start(**changes: object) -> Live:
        config = dataclasses.replace(settings, **changes)
        runtime = start_runtime(config, knowledge=knowledge(), scheduler=False, poll=0.1)
        server, _ = serve(runtime)
        started.append((runtime, server))
        return Live(runtime, Sender(server.server_port), fake_slack)

    yield start
    for runtime, server in started:
        server.shutdown()  # type: ignore[attr-defined]
        server.server_close()  # type: ignore[attr-defined]
        runtime.close()


def users(prefix: int, count: int) -> list[str]:
    return [f"U0B{prefix:02d}{n:04d}" for n in range(count)]


def _proxied(url: str, proxy: TcpProxy) -> str:
    return make_url(url).set(host="127.0.0.1", port=proxy.port).render_as_string(False)


@pytest.fixture
def proxy(db_url: str) -> Iterator[TcpProxy]:
    if not db_url.startswith("postgresql"):
        pytest.skip("the TCP proxy stands in front of PostgreSQL")
    parsed = make_url(db_url)
    proxy = TcpProxy(parsed.host or "127.0.0.1", parsed.port or 5432).start()
    yield proxy
    proxy.stop()


def test_a_database_hang_during_a_burst_keeps_acks_fast_and_loses_nothing(live, proxy, db_url):  # type: ignore[no-untyped-def]
    app = live(database_url=_proxied(db_url, proxy), inbox_ack_timeout_ms=300)
    before = users(1, 5)
    assert all(s == 200 for s, _ in app.burst(before).values())
    settle(app.runtime)
    proxy.hang()
    during = users(2, 40)
    ids: dict[str, str] = {}
    acks = app.burst(during, ids=ids)
    retries = app.burst(during, retry=1, ids=ids)  # Slack retries while it still hangs
    started = time.monotonic()
    health = app.send.request("GET", "/healthz")
    assert health.status == 503 and time.monotonic() - started < 1.5
    proxy.heal()
    settle(app.runtime, 40)
    for outcome in (acks, retries):
        assert all(status == 200 for status, _ in outcome.values())
        assert max(seconds for _, seconds in outcome.values()) < SLACK_DEADLINE
    assert [app.replies(u) for u in before + during] == [1] * 45
    assert app.send.request("GET", "/healthz").json()["inbox"] == 0


def test_a_refusing_database_loses_nothing_and_hands_over_later(live, proxy, db_url):  # type: ignore[no-untyped-def]
    app = live(database_url=_proxied(db_url, proxy))
    app.send.dm(NOTHING_Q, user="U0B030000")  # warm the pools
    settle(app.runtime)
    app.fake.reset()
    proxy.refuse()
    answered = app.burst(users(3, 10))
    nothing = app.send.dm(NOTHING_Q + " bis", user="U0B039999")
    assert nothing.status == 200 and all(s == 200 for s, _ in answered.values())
    assert app.send.request("GET", "/healthz").status == 503
    assert not app.fake.delivered_to("D0B039999")  # nothing yet: it waits, it is not lost
    proxy.heal()
    settle(app.runtime, 30)
    assert [app.replies(u) for u in users(3, 10)] == [1] * 10
    # the nothing-found question gets its one hand-over (the offer to publish it), late, and
    # never a "database down" notice; from a DM nothing goes public without the asker's consent
    [told] = app.fake.delivered_to("D0B039999")
    assert "indisponible" not in told.blob()
    assert not app.fake.delivered_to(COMMUNITY)
    # the asker agrees to publish it while the database refuses again: done once it is back
    proxy.refuse()
    click = app.send.click(buttons(told)["ask_community"], user="U0B039999", channel="D0B039999")
    assert click.status == 200
    proxy.heal()
    settle(app.runtime, 30)
    [post] = app.fake.delivered_to(COMMUNITY)
    assert "bis" in post.blob()


def test_sqlite_write_outage_recovers_without_a_restart(live, db_url):  # type: ignore[no-untyped-def]
    if not db_url.startswith("sqlite"):
        pytest.skip("SQLite only")
    app = live(inbox_ack_timeout_ms=300)
    app.burst(users(4, 3))
    settle(app.runtime)
    # the outage: another writer holds the file, and the pooled connections went read-only
    # (as when the file was unwritable while they were opened)
    for engine in (app.runtime.engine, app.runtime.ack_engine):
        held = [engine.raw_connection() for _ in range(3)]
        for conn in held:
            conn.cursor().execute("PRAGMA query_only=1")
        for conn in held:
            conn.close()
    blocker = sqlite3.connect(make_url(db_url).database, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    acks = app.burst(users(5, 10))
    assert all(s == 200 and t < SLACK_DEADLINE for s, t in acks.values())
    assert app.send.request("GET", "/healthz").status == 503
    blocker.execute("ROLLBACK")
    blocker.close()
    settle(app.runtime, 30)
    assert [app.replies(u) for u in users(4, 3) + users(5, 10)] == [1] * 13
    assert app.send.request("GET", "/healthz").status == 200
    later = app.burst(users(6, 3))  # and it keeps working, without a restart
    settle(app.runtime)
    assert all(s == 200 for s, _ in later.values())
    assert [app.replies(u) for u in users(6, 3)] == [1] * 3


def test_web_api_429_500_and_timeouts_deliver_every_reply_exactly_once(live):  # type: ignore[no-untyped-def]
    app = live(slack_api_timeout=0.5, slack_retry_seconds=20)
    app.fake.fail_for(2.0, status=429)
    storm = app.burst(users(7, 6))
    command = app.send.command("aide")  # interactive requests are acked at once meanwhile
    assert command.status == 200 and "/question" in command.body
    settle(app.runtime, 30)
    app.fake.fail_for(1.5, status=500)
    outage = app.burst(users(8, 6))
    settle(app.runtime, 30)
    app.fake.stall_next("chat.postMessage", 1.0, done=True)  # posted, but answered too late
    app.fake.stall_next("chat.postMessage", 1.0, done=False)  # not posted, answered too late
    late = app.burst(users(9, 4))
    settle(app.runtime, 30)
    for outcome in (storm, outage, late):
        assert all(s == 200 and t < SLACK_DEADLINE for s, t in outcome.values())
    assert [app.replies(u) for u in users(7, 6) + users(8, 6) + users(9, 4)] == [1] * 16
    assert app.send.request("GET", "/healthz").json()["outbox"] == 0


def test_interactive_requests_are_acked_within_3_s_while_slack_is_rate_limiting(live):  # type: ignore[no-untyped-def]
    app = live(slack_retry_seconds=20)
    app.fake.fail_for(3.0, status=429)
    timings: list[float] = []

    def click(n: int) -> None:
        user = f"U0C{n:06d}"
        started = time.monotonic()
        value = f'{{"q": 1, "a": "{user}"}}'
        answer = app.send.action("answer_helped", value, user=user, channel=dm_of(user))
        assert answer.status == 200
        assert app.send.submit_question("Où sont mes factures ?", user=user).status == 200
        timings.append(time.monotonic() - started)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(click, range(12)))
    assert len(timings) == 12 and max(timings) < SLACK_DEADLINE
    settle(app.runtime, 30)  # and the work they asked for is done once the storm is over
    for n in range(12):
        assert len(app.fake.delivered_to(dm_of(f"U0C{n:06d}"))) == 2  # thanks + the answer
