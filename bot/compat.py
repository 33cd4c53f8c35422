"""Standard modules that only exist on some systems (e.g. `fcntl`, POSIX only)."""

from __future__ import annotations

import importlib
from types import ModuleType


def optional_module(name: str) -> ModuleType | None:
    """The module, or None where this system has no such module."""
    try:
        return importlib.import_module(name)
    except ImportError:  # pragma: no cover - e.g. fcntl on Windows
        return None
