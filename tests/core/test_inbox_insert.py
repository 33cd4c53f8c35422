"""The acks' insert straight on the driver stores what the ORM would, and reports errors as
SQLAlchemy does (parameters hidden)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from bot.core.inbox import INBOX
from bot.core.inbox_insert import insert_rows
from bot.db.engine import make_engine
from bot.db.models import InboxItem


def row(item_id: str, at: datetime, claimed: bool = False) -> dict[str, object]:
    return {
        "id": item_id,
        "body": '{"text": "Bonjour, où est ma facture ? é ü 😀"}',
        "received_at": at,
        "attempts": 1 if claimed else 0,
        "claimed_by": "web-1" if claimed else None,
        "claimed_at": at if claimed else None,
    }


@pytest.mark.parametrize("autocommit", [True, False])
def test_rows_round_trip_as_the_orm_stores_them(db_url, sessions, autocommit) -> None:
    engine = make_engine(db_url, autocommit=autocommit)  # committed either way
    at = datetime(2026, 12, 2, 20, 31, 5, 123456, tzinfo=UTC)
    try:
        assert insert_rows(INBOX, engine, [row("ev:1", at), row("ev:2", at, True)]) == [
            "ev:1",
            "ev:2",
        ]
        # a known id is left as it is; only the new one comes back
        assert insert_rows(INBOX, engine, [row("ev:2", at), row("ev:3", at)]) == ["ev:3"]
    finally:
        engine.dispose()
    with sessions() as s:
        items = {i.id: i for i in s.scalars(select(InboxItem))}
        assert sorted(items) == ["ev:1", "ev:2", "ev:3"]
        assert items["ev:1"].received_at == at and items["ev:1"].claimed_by is None
        assert items["ev:2"].claimed_at == at and items["ev:2"].attempts == 1
        assert "😀" in items["ev:1"].body
        # compared in SQL as the ORM's own values are (the claim's lease, the sweep)
        later = s.scalars(
            select(InboxItem.id).where(InboxItem.received_at < at + timedelta(microseconds=1))
        ).all()
        assert sorted(later) == ["ev:1", "ev:2", "ev:3"]


def test_a_driver_error_is_sqlalchemys_with_the_parameters_hidden(tmp_path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}", autocommit=True)  # no tables
    try:
        with pytest.raises(OperationalError) as caught:
            insert_rows(INBOX, engine, [row("ev:1", datetime.now(UTC))])
        assert "no such table" in str(caught.value)
        assert "facture" not in str(caught.value)  # the message text never reaches a log
    finally:
        engine.dispose()
