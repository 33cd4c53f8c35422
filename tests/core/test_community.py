from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import select

from bot.core import CommunityPost, NotFound
from bot.db.models import CommunityThread, Question
from tests.core.conftest import GIBBERISH, KB, T0


def _posted(desk, asker: str = "U1", ts: str = "100.1") -> int:
    reply = desk.ask(asker=asker, text=GIBBERISH, kb=KB)
    post = desk.to_community(reply.question_id)
    assert post == CommunityPost(reply.question_id, asker, GIBBERISH, KB)
    desk.record_community_post(reply.question_id, "CCOMM", ts)
    return reply.question_id


def test_to_community_marks_the_question_and_records_the_thread(desk, sessions) -> None:
    qid = _posted(desk)
    with sessions() as s:
        assert s.get(Question, qid).status == "community"
        thread = s.scalar(select(CommunityThread))
    assert (thread.question_id, thread.channel, thread.ts, thread.status) == (
        qid,
        "CCOMM",
        "100.1",
        "open",
    )


def test_to_community_of_an_unknown_question(desk) -> None:
    with pytest.raises(NotFound):
        desk.to_community(999)


def test_replies_notify_the_asker_first_once(desk, sessions, clock) -> None:
    qid = _posted(desk)
    first = desk.community_reply("CCOMM", "100.1", "U2")
    second = desk.community_reply("CCOMM", "100.1", "U3")
    assert (first.asker, first.question_id, first.first, first.responder) == ("U1", qid, True, "U2")
    assert (second.first, second.responder) == (False, "U3")
    assert desk.community_reply("CCOMM", "100.1", "U1") is None  # the asker in their thread
    assert desk.community_reply("CCOMM", "999.9", "U2") is None  # unknown thread
    with sessions() as s:
        thread = s.scalar(select(CommunityThread))
    assert (thread.answers, thread.first_answerer, thread.first_answer_at) == (2, "U2", T0)


def test_only_the_asker_solves(desk, sessions) -> None:
    qid = _posted(desk)
    assert desk.solve_community(qid, by="U2") is False
    assert desk.solve_community(channel="CCOMM", ts="100.1", by="U3") is False
    with sessions() as s:
        assert s.get(Question, qid).status == "community"
    assert desk.solve_community(channel="CCOMM", ts="100.1", by="U1") is True
    assert desk.solve_community(qid, by="U1") is True  # clicking twice is harmless
    with sessions() as s:
        assert s.get(Question, qid).status == "solved"
        thread = s.scalar(select(CommunityThread))
    assert thread.status == "solved" and thread.solved_at is not None
    assert desk.community_reply("CCOMM", "100.1", "U2") is None  # solved: nobody to notify


def test_solving_something_unknown_is_false(desk) -> None:
    assert desk.solve_community(12345, by="U1") is False
    assert desk.solve_community(channel="C", ts="1", by="U1") is False


def test_exactly_one_first_answer_under_concurrency(desk) -> None:
    _posted(desk)
    with ThreadPoolExecutor(8) as pool:
        notices = list(
            pool.map(lambda i: desk.community_reply("CCOMM", "100.1", f"U{i + 10}"), range(16))
        )
    assert sum(n.first for n in notices) == 1


def test_a_private_question_cannot_be_solved_as_a_community_one(desk, sessions) -> None:
    reply = desk.ask(asker="U1", text=GIBBERISH, kb="test-kb")
    desk.open_ticket(asker="U1", text="détails privés", question_id=reply.question_id)
    assert desk.solve_community(reply.question_id, by="U1") is False
    with sessions() as s:
        assert s.get(Question, reply.question_id).status == "private"
