"""Typed helpers over SQLAlchemy results."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import CursorResult, Result


def rowcount(result: Result[Any]) -> int:
    """Rows matched by an UPDATE / DELETE (their results are CursorResults)."""
    return cast(CursorResult[Any], result).rowcount
