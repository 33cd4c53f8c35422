"""The hot path of a DM question: what it costs the database, and that it still keeps its promises
(once-only inside an inbox item, the flood check, the spool when the database is down)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from bot.core.handling import handling
from bot.core.views import TryLater
from bot.db.models import Question, SpooledMessage
from tests.core.conftest import BROWSER, GIBBERISH, KB


@contextmanager
def commits(sessions) -> Iterator[list[int]]:  # type: ignore[no-untyped-def]
    engine = sessions.kw["bind"]
    count = [0]

    def seen(*_: object) -> None:
        count[0] += 1

    event.listen(engine, "commit", seen)
    try:
        yield count
    finally:
        event.remove(engine, "commit", seen)


def test_a_recorded_question_is_one_transaction_with_the_askers_open_tickets(
    desk, sessions
) -> None:
    older = desk.open_ticket(asker="U1", text="Ma facture est fausse")
    newer = desk.open_ticket(asker="U1", text="Ma box ne marche plus")
    closed = desk.open_ticket(asker="U1", text="Réglé depuis")
    desk.close_ticket(closed.id, by="U1")
    desk.open_ticket(asker="U2", text="Pas le même client")
    with commits(sessions) as count:
        reply = desk.ask(asker="U1", text=BROWSER, kb=KB, open_tickets=True)
    assert reply.kind == "answer" and reply.stored
    assert count[0] == 1
    assert reply.open_tickets == (newer.id, older.id)
    with commits(sessions) as count:
        suggested = desk.ask(asker="U2", text=GIBBERISH, kb=KB)
    assert count[0] == 1 and suggested.stored and suggested.open_tickets is None


def test_inside_an_inbox_item_the_question_is_written_once(desk, sessions) -> None:
    with handling("ev:Ev1"):
        first = desk.ask(asker="U1", text=BROWSER, kb=KB, open_tickets=True)
    with handling("ev:Ev1", again=True):  # the same item handled again (after a crash)
        again = desk.ask(asker="U1", text=BROWSER, kb=KB, open_tickets=True)
    assert first.question_id == again.question_id is not None
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Question)) == 1
        kept = s.get(SpooledMessage, "ev:Ev1@w1")
        assert kept is not None and kept.payload["ref"] == {"v": first.question_id}


def test_the_flood_check_still_counts_in_the_same_transaction(desk, settings) -> None:
    limit = settings.flood_limit_per_minute
    kinds = [desk.ask(asker="U1", text=BROWSER, kb=KB).kind for _ in range(limit + 2)]
    assert kinds[:limit] == ["answer"] * limit
    assert kinds[limit:] == ["flood", "flood"]


def test_database_down_outside_an_item_answers_and_spools_the_question(desk, monkeypatch) -> None:
    monkeypatch.setattr(desk, "sessions", Unreachable(desk.sessions))
    reply = desk.ask(asker="U1", text=BROWSER, kb=KB, open_tickets=True)
    assert reply.kind == "answer" and not reply.stored and reply.open_tickets is None
    assert len(desk.spool) == 1
    with handling("ev:Ev2"), pytest.raises(TryLater):  # inside an item: handled again later
        desk.ask(asker="U1", text=BROWSER, kb=KB)
    assert len(desk.spool) == 1


class Unreachable:
    """A session factory whose transactions fail as an unreachable database does."""

    def __init__(self, sessions) -> None:  # type: ignore[no-untyped-def]
        self.kw = sessions.kw

    def begin(self) -> None:
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    def __call__(self) -> None:
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))
