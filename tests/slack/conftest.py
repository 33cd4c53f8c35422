"""The Slack adapter end to end: the whole runtime (desk, Bolt app, inbox, outbox) on SQLite and
PostgreSQL (the `db_url` fixture), served by `make_server` on 127.0.0.1:0 in a thread, a
loopback Web API (`FakeSlack`), and a `Sender` posting signed requests. The intake runs with
`wait=True`: when a request returns, its work is done, so the recorded Web API calls can be
asserted at once (the fault tests start their own runtime without it).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.config import Settings
from bot.core import Desk
from bot.knowledge.model import KnowledgeBase, Unit
from bot.knowledge.registry import Knowledge
from bot.matching import Match, MatchResult
from bot.slack.runtime import Runtime, start_runtime
from bot.slack.server import ThreadingWSGIServer, make_server
from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import SECRET, Sender

KB = "sg-autorepondeur"
SFR = "sfr-acn"
BROWSER_Q = "Quel navigateur utiliser pour l'espace client ?"
PASSWORD_Q = "Comment réinitialiser mon mot de passe ?"
UNSURE_Q = "mon mot de passe ne marche pas"
NOTHING_Q = "xqzt wvbn plok"
ASKER, MEMBER, LEAD, ONCALL = "U0ASKER", "U0MEMBER", "U0LEAD", "U0ONCALL"
HELP, COMMUNITY, GENERAL, SFR_CHANNEL = "C0HELP", "C0COMMUNITY", "C0GENERAL", "C0SFR"


class ScriptedKnowledge(Knowledge):
    """The real registry, with the outcomes these tests rely on pinned down, so that tuning the
    French matcher never changes what the adapter tests exercise: a unit's title or phrasing ->
    answered; "mot de passe" otherwise -> unsure with the two password units; NOTHING_Q ->
    nothing; anything else (greetings...) -> the real matcher."""

    def match(self, question: str, kb: str) -> MatchResult:
        text = question.strip()
        units = self.bases[kb].units
        for unit in units:
            if text == unit.title or text in unit.phrasings:
                return MatchResult(True, Match(unit, 100.0), (Match(unit, 100.0),), "answered")
        if "mot de passe" in text.lower():
            close = tuple(Match(u, 70.0) for u in units if "mot-de-passe" in u.id)
            return MatchResult(False, close[0], close, "unsure")
        if text.startswith(NOTHING_Q):
            return MatchResult(False, None, (), "nothing")
        return super().match(question, kb)


def knowledge() -> Knowledge:
    units = [
        Unit(
            id=f"{KB}/navigateur",
            kb=KB,
            title=BROWSER_Q,
            kind="faq",
            answer="Utilisez **Firefox** ou Chrome à jour. "
            "Voir [le guide](https://aide.example/nav) et [les factures](#factures) ; "
            "support : <https://aide.example/support>.",
            source="FAQ espace client › Navigateur",
            phrasings=("quel navigateur utiliser",),
        ),
        Unit(
            id=f"{KB}/mot-de-passe",
            kb=KB,
            title=PASSWORD_Q,
            kind="faq",
            answer="Cliquez sur « Mot de passe oublié ».",
            source="FAQ espace client › Mot de passe",
        ),
        Unit(
            id=f"{KB}/factures",
            kb=KB,
            title="Où trouver mes factures ?",
            kind="faq",
            answer="Dans l'onglet Factures.",
            source="FAQ espace client › Factures",
        ),
        Unit(
            id=f"{KB}/mot-de-passe-appli",
            kb=KB,
            title="Mot de passe de l'application mobile",
            kind="faq",
            answer="Dans l'application, menu Compte.",
            source="FAQ › Appli",
        ),
    ]
    sfr = [
        Unit(
            id=f"{SFR}/navigateurs-commande",
            kb=SFR,
            title="Navigateurs conseillés pour commander",
            kind="chapter",
            answer="Chrome ou Firefox pour le site SFR.",
            source="Aide-mémoire SFR › Navigateurs",
            phrasings=("quel navigateur pour commander",),
        ),
    ]
    bases = {KB: KnowledgeBase(KB, "SG", units), SFR: KnowledgeBase(SFR, "SFR", sfr)}
    return ScriptedKnowledge(bases)


@dataclass
class SlackEnv:
    fake: FakeSlack
    desk: Desk
    settings: Settings
    sessions: sessionmaker[Session]
    server: ThreadingWSGIServer
    send: Sender
    runtime: Runtime

    def posts(self, channel: str) -> list:  # type: ignore[type-arg]
        return self.fake.posts_to(channel)

    def settle(self, seconds: float = 15.0) -> None:
        """Wait until every recorded or spooled request is handled (retries included)."""
        settle(self.runtime, seconds)


def settle(runtime: Runtime, seconds: float = 15.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        runtime.workers.wake()
        try:
            backlog = runtime.store.backlog()
        except Exception:  # noqa: BLE001 - the database may still be coming back
            backlog = None
        idle = runtime.workers.room == runtime.workers.capacity  # nothing in flight here
        if backlog is not None and backlog.inbox == 0 and backlog.spooled == 0 and idle:
            return
        time.sleep(0.05)
    raise AssertionError(f"inbox not drained after {seconds} s: {backlog}")


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@pytest.fixture
def settings(fake_slack: FakeSlack, db_url: str, tmp_path) -> Settings:  # type: ignore[no-untyped-def]
    return Settings(
        slack_bot_token="xoxb-test-token",
        slack_signing_secret=SECRET,
        slack_api_url=fake_slack.api_url,
        community_channel=COMMUNITY,
        support_lead=LEAD,
        escalation_to=ONCALL,
        database_url=db_url,
        knowledge_dir=tmp_path / "kb",
        default_kb=KB,
        channel_kbs={SFR_CHANNEL: SFR},
        help_channels=frozenset({HELP}),
        spool_dir=tmp_path / "spool",
        inbox_lease_seconds=3,
        slack_retry_seconds=15,
    )


def serve(runtime: Runtime) -> tuple[ThreadingWSGIServer, threading.Thread]:
    server = make_server(runtime.wsgi(), "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    return server, thread


@pytest.fixture
def slack(fake_slack: FakeSlack, settings: Settings) -> Iterator[SlackEnv]:
    runtime = start_runtime(settings, knowledge=knowledge(), scheduler=False, wait=True, poll=0.1)
    server, _ = serve(runtime)
    fake_slack.reset()  # forget auth.test at start
    yield SlackEnv(
        fake_slack,
        runtime.desk,
        settings,
        runtime.sessions,
        server,
        Sender(server.server_port),
        runtime,
    )
    server.shutdown()
    server.server_close()
    runtime.close()
