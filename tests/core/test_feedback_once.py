"""Two clicks on 👍 handled at the same moment (two workers, two instances) are one vote: the
unique (question, user) key decides, not a read before the insert."""

from __future__ import annotations

import threading
import time

from sqlalchemy import select

import bot.core.questions as questions_module
from bot.db.models import Feedback
from tests.core.conftest import GIBBERISH, KB


def test_two_clicks_at_once_are_one_vote(desk, sessions, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The first click's transaction holds its new vote a while; the second, which saw no vote
    either, finds the key taken and replaces the vote instead of adding one."""
    question_id = desk.ask(asker="U1", text=GIBBERISH, kb=KB).question_id
    inserted = threading.Event()
    original = questions_module.insert_ignore

    def slow_insert(session, model, **values):  # type: ignore[no-untyped-def]
        found = original(session, model, **values)
        if threading.current_thread().name == "first":
            inserted.set()
            time.sleep(0.3)  # not committed yet
        return found

    monkeypatch.setattr(questions_module, "insert_ignore", slow_insert)
    first = threading.Thread(target=desk.feedback, name="first", args=(question_id, "U1", True))
    second = threading.Thread(target=desk.feedback, args=(question_id, "U1", False))
    first.start()
    assert inserted.wait(5)
    second.start()
    first.join(10)
    second.join(10)
    with sessions() as s:
        votes = [(f.user, f.helpful) for f in s.scalars(select(Feedback))]
    assert votes == [("U1", False)]
