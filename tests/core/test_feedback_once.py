"""Two clicks on 👍 handled at the same moment (two workers, two instances) are one vote: the
unique (question, user) key decides, not a read before the insert."""

from __future__ import annotations

from sqlalchemy import select

import bot.core.questions as questions_module
from bot.db.models import Feedback
from tests.core.conftest import GIBBERISH, KB
from tests.interleave import interleave


def test_two_clicks_at_once_are_one_vote(desk, sessions, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The first click's transaction holds its new vote a while; the second, which saw no vote
    either, finds the key taken and replaces the vote instead of adding one."""
    question_id = desk.ask(asker="U1", text=GIBBERISH, kb=KB).question_id
    interleave(
        monkeypatch,
        questions_module,
        "insert_ignore",
        lambda: desk.feedback(question_id, "U1", True),
        lambda: desk.feedback(question_id, "U1", False),
    )
    with sessions() as s:
        votes = [(f.user, f.helpful) for f in s.scalars(select(Feedback))]
    assert votes == [("U1", False)]
