"""Two transactions interleaved on purpose, to test what two workers or two instances do when
they handle related messages at the same moment.

`interleave(monkeypatch, owner, name, first, second)`: `owner.name` (a method or a module's
function) is wrapped so that, in the first call's thread, once it has returned, the first
transaction stays open a while (`hold` seconds); the second call starts meanwhile. Both are
joined before it returns; it returns what each call gave back or raised.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

FIRST = "interleave-first"


def interleave(
    monkeypatch: Any,
    owner: Any,
    name: str,
    first: Callable[[], Any],
    second: Callable[[], Any],
    *,
    hold: float = 0.3,
) -> tuple[Any, Any]:
    reached = threading.Event()
    original = getattr(owner, name)

    def held(*args: Any, **kwargs: Any) -> Any:
        found = original(*args, **kwargs)
        if threading.current_thread().name == FIRST:
            reached.set()
            time.sleep(hold)  # the first transaction is still open
        return found

    monkeypatch.setattr(owner, name, held)
    results: dict[str, Any] = {}

    def run(key: str, call: Callable[[], Any]) -> None:
        try:
            results[key] = call()
        except Exception as exc:  # noqa: BLE001 - the caller asserts on it
            results[key] = exc

    one = threading.Thread(target=run, name=FIRST, args=("first", first))
    two = threading.Thread(target=run, args=("second", second))
    one.start()
    assert reached.wait(5), f"{name} was not reached in the first call"
    two.start()
    one.join(10)
    two.join(10)
    return results.get("first"), results.get("second")
