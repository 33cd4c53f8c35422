"""What a desk write returned is kept small and comes back the same when a request is handled
again (bot/core/memo.py)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.core import memo
from bot.core.views import CommunityNotice, CommunityPost


@pytest.mark.parametrize(
    "result",
    [
        None,
        7,
        True,
        "x",
        [date(2026, 12, 24), date(2026, 12, 25)],
        CommunityPost(3, "U0ASKER", "Où sont mes factures ?", "sg"),
        CommunityNotice("U0ASKER", 3, True, "U0MEMBER", "C0COMMUNITY", "1.2"),
    ],
)
def test_a_result_comes_back_the_same(result: object) -> None:
    assert memo.decode(memo.encode(result), lambda _: pytest.fail("no ticket")) == result


def test_a_ticket_is_read_back_by_its_id() -> None:
    from bot.core.views import TicketView

    view = TicketView.__new__(TicketView)
    object.__setattr__(view, "id", 42)
    assert memo.encode(view) == {"ticket": 42}
    assert memo.decode({"ticket": 42}, lambda tid: f"ticket {tid}") == "ticket 42"


def test_anything_else_is_refused() -> None:
    with pytest.raises(TypeError):
        memo.encode(object())


def test_long_keys_are_hashed_to_fit() -> None:
    assert memo.write_key("ev:Ev1", 2) == "ev:Ev1@w2"
    long = memo.write_key("raw:" + "a" * 64, 1)
    assert len(long) <= memo.KEY_LENGTH and long.startswith("h:")
    assert long == memo.write_key("raw:" + "a" * 64, 1)
