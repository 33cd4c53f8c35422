"""What a desk write returned, kept small so that the same write, repeated when an inbox item is
handled again (after a crash or a failure), returns the same thing instead of applying twice.

`encode(result)` -> JSON-able ref (ids and flags; for a small result of bot.core.views made of
plain values, such as a community post or notice, its fields); TypeError for anything else;
`decode(ref, load_ticket)` -> the value again (tickets are read back by id).
`write_key(scope, rank)`: the key stored in `replayed_spool` beside the rows the write created.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from datetime import date
from typing import Any

from bot.core import views
from bot.core.views import TicketView

KEY_LENGTH = 64  # replayed_spool.key
PLAIN = (str, int, float, bool, type(None))


def write_key(scope: str, rank: int) -> str:
    key = f"{scope}@w{rank}"
    if len(key) <= KEY_LENGTH:
        return key
    return "h:" + hashlib.sha256(key.encode()).hexdigest()[:60]


def encode(result: Any) -> Any:
    if result is None:
        return None
    if isinstance(result, bool | int | str):
        return {"v": result}
    if isinstance(result, TicketView):
        return {"ticket": result.id}
    if is_dataclass(result) and not isinstance(result, type):
        fields = asdict(result)
        if type(result).__module__ == views.__name__ and all(
            isinstance(v, PLAIN) for v in fields.values()
        ):
            return {"dc": type(result).__name__, "f": fields}
    if isinstance(result, list) and all(isinstance(d, date) for d in result):
        return {"dates": [d.isoformat() for d in result]}
    raise TypeError(f"cannot keep a {type(result).__name__}")


def decode(ref: Any, load_ticket: Callable[[int], TicketView]) -> Any:
    if ref is None:
        return None
    if "v" in ref:
        return ref["v"]
    if "ticket" in ref:
        return load_ticket(int(ref["ticket"]))
    if "dates" in ref:
        return [date.fromisoformat(d) for d in ref["dates"]]
    return getattr(views, ref["dc"])(**ref["f"])
