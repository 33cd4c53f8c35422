import json
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import sessionmaker

from bot.core import Desk, Spool, StoreUnavailable
from bot.db.models import (
    CommunityThread,
    Feedback,
    Question,
    SpooledMessage,
    Ticket,
    TicketMessage,
)
from tests.core.conftest import BROWSER, KB, T0

DOWN_URLS = {
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:1/x?connect_timeout=1",
    # a SQLite file "inside" a regular file: cannot be opened, even by root
    "sqlite": "sqlite:///{tmp}/a-file/bot.db",
}


@pytest.fixture(params=sorted(DOWN_URLS))
def down_desk(request, knowledge, settings, clock, tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "a-file").write_text("not a folder")
    engine = create_engine(DOWN_URLS[request.param].format(tmp=tmp_path))
    yield Desk(
        sessionmaker(engine), knowledge, settings, clock=clock, spool=Spool(settings.spool_dir)
    )
    engine.dispose()


def _count(sessions, model) -> int:  # type: ignore[no-untyped-def]
    with sessions() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_ask_still_answers_when_the_database_is_down(down_desk) -> None:
    reply = down_desk.ask(asker="U1", text=BROWSER, kb=KB)
    assert reply.kind == "answer" and "Firefox" in reply.text
    assert reply.stored is False and reply.question_id is None
    [entry] = down_desk.spool.entries()
    assert entry.kind == "question" and entry.payload["text"] == BROWSER
    assert len(entry.key) == 32 and entry.created_at.endswith("+00:00")


def test_open_ticket_is_spooled_then_refused(down_desk) -> None:
    with pytest.raises(StoreUnavailable) as caught:
        down_desk.open_ticket(asker="U1", text="Secret", urgency="urgent")
    assert "Secret" not in str(caught.value)
    [entry] = down_desk.spool.entries()
    assert (entry.kind, entry.payload["text"], entry.payload["urgency"]) == (
        "ticket",
        "Secret",
        "urgent",
    )
    assert (down_desk.spool.path.stat().st_mode & 0o777) == 0o600


def test_other_writes_while_down(down_desk) -> None:
    assert down_desk.first_time_event("Ev1") is True  # better twice than lost
    assert down_desk.community_reply("C", "1", "U2") is None
    down_desk.feedback(None, "U1", True)
    down_desk.record_ticket_card(1, "D", "1.1")
    for call in (
        lambda: down_desk.lead_reply(1, "L", "ok"),
        lambda: down_desk.asker_followup("U1", "encore"),
        lambda: down_desk.solve_community(1, by="U1"),
        lambda: down_desk.close_ticket(1, "L"),
        lambda: down_desk.to_community(1),
        lambda: down_desk.get_ticket(1),
    ):
        with pytest.raises(StoreUnavailable):
            call()
    kinds = [e.kind for e in down_desk.spool.entries()]
    assert kinds == [
        "community_reply",
        "feedback",
        "ticket_card",
        "ticket_message",
        "ticket_message",
        "community_solve",
        "ticket_close",
    ]


def test_replay_applies_everything_exactly_once(down_desk, desk, sessions) -> None:
    assert down_desk.spool.path == desk.spool.path  # same spool folder
    down_desk.ask(asker="U1", text=BROWSER, kb=KB)
    with pytest.raises(StoreUnavailable):
        down_desk.open_ticket(asker="U2", text="Secret")
    with pytest.raises(StoreUnavailable):
        down_desk.asker_followup("U2", "Précision")
    backup = desk.spool.path.with_name("backup.jsonl")
    shutil.copy(desk.spool.path, backup)

    assert desk.spool.replay(desk) == 3
    assert desk.spool.entries() == []
    with sessions() as s:
        question = s.scalar(select(Question))
        ticket = s.scalar(select(Ticket))
        message = s.scalar(select(TicketMessage))
    assert (question.text, question.status, question.created_at) == (BROWSER, "answered", T0)
    assert (ticket.asker, ticket.text, ticket.created_at, ticket.status) == (
        "U2",
        "Secret",
        T0,
        "open",
    )
    assert (message.ticket_id, message.role, message.text) == (ticket.id, "asker", "Précision")
    assert [t.id for t in desk.unannounced_tickets()] == [ticket.id]

    # a crash before the spool file was rewritten: the same entries come back
    shutil.copy(backup, desk.spool.path)
    assert desk.replay_spool() == 0
    assert desk.spool.entries() == []
    assert (
        _count(sessions, Question),
        _count(sessions, Ticket),
        _count(sessions, TicketMessage),
        _count(sessions, SpooledMessage),
    ) == (1, 1, 1, 3)


def test_replay_while_still_down_keeps_everything(down_desk) -> None:
    down_desk.ask(asker="U1", text=BROWSER, kb=KB)
    down_desk.feedback(None, "U1", True)
    assert down_desk.spool.replay(down_desk) == 0
    assert [e.kind for e in down_desk.spool.entries()] == ["question", "feedback"]


def test_entries_with_nowhere_to_go_are_set_aside(desk, sessions) -> None:
    desk.spool.append(
        "ticket_message",
        {"asker": "U9", "role": "asker", "author": "U9", "text": "orphelin", "at": T0.isoformat()},
    )
    desk.spool.append(
        "feedback", {"question_id": None, "user": "U1", "helpful": True, "at": T0.isoformat()}
    )
    assert desk.spool.replay(desk) == 1
    assert desk.spool.entries() == []
    rejected = [json.loads(line) for line in desk.spool.rejected_path.read_text().splitlines()]
    assert [r["payload"]["text"] for r in rejected] == ["orphelin"]
    assert _count(sessions, Feedback) == 1 and _count(sessions, SpooledMessage) == 1


def test_concurrent_replays_apply_each_entry_once(desk, sessions) -> None:
    for i in range(20):
        desk.spool.append(
            "question",
            {
                "asker": f"U{i}",
                "text": f"q{i}",
                "kb": KB,
                "status": "suggested",
                "at": T0.isoformat(),
            },
        )
    with ThreadPoolExecutor(4) as pool:
        applied = sum(pool.map(lambda _: desk.spool.replay(desk), range(4)))
    assert applied == 20
    assert _count(sessions, Question) == 20 and desk.spool.entries() == []


def test_a_torn_last_line_does_not_spoil_the_next_entry(tmp_path) -> None:
    spool = Spool(tmp_path)
    spool.append("feedback", {"n": 1})
    with open(spool.path, "a") as handle:
        handle.write('{"key": "torn", "ki')  # the process died mid-write
    spool.append("feedback", {"n": 2})
    assert [e.payload["n"] for e in spool.entries()] == [1, 2]


def test_community_post_recorded_while_down_is_replayed(down_desk, desk, sessions) -> None:
    reply = desk.ask(asker="U1", text="xqzt wvbn plok", kb=KB)
    desk.to_community(reply.question_id)
    down_desk.record_community_post(reply.question_id, "CCOMM", "9.9")
    assert desk.replay_spool() == 1
    with sessions() as s:
        thread = s.scalar(select(CommunityThread))
    assert (thread.question_id, thread.channel, thread.ts) == (reply.question_id, "CCOMM", "9.9")


def test_short_reason_drops_the_statement_and_its_parameters() -> None:
    from sqlalchemy.exc import OperationalError

    from bot.core.store import is_db_down, short_reason

    exc = OperationalError(
        "INSERT INTO tickets (text) VALUES (?)",
        ("Secret",),
        ConnectionRefusedError("connection refused"),
    )
    assert is_db_down(exc)
    assert short_reason(exc) == "ConnectionRefusedError: connection refused"
    assert not is_db_down(ValueError("bad value"))
