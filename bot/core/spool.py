"""Append-only spool: what users sent while the database was down, replayed once it is back.

One JSON object per line in `<spool_dir>/spool.jsonl` (fsync'd, mode 0600: private text may be
in it): {"key": uuid, "kind": ..., "payload": {...}, "created_at": ISO UTC}. `replay(desk)`
applies the entries in order, each exactly once (its key is stored in `replayed_spool` in the
same transaction as the rows it creates), then rewrites the file without them. An entry the desk
refuses for good (e.g. a message for a ticket that does not exist) goes to `rejected.jsonl`.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol

from bot.compat import optional_module
from bot.db.types import utcnow

fcntl = optional_module("fcntl")  # None where not POSIX

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SpoolEntry:
    key: str
    kind: str
    payload: dict[str, Any]
    created_at: str


class Replayer(Protocol):
    def replay_entry(self, entry: SpoolEntry) -> bool: ...


class Spool:
    def __init__(self, directory: Path | str, name: str = "spool.jsonl") -> None:
        self.directory = Path(directory)
        self.path = self.directory / name
        self.rejected_path = self.directory / "rejected.jsonl"
        self._lock = threading.Lock()

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.directory.mkdir(parents=True, exist_ok=True)
        with self._lock, open(self.directory / ".lock", "a") as handle:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                if fcntl is not None:
                    fcntl.flock(handle, fcntl.LOCK_UN)

    def append(self, kind: str, payload: dict[str, Any], *, key: str | None = None) -> SpoolEntry:
        entry = SpoolEntry(key or uuid.uuid4().hex, kind, payload, utcnow().isoformat())
        with self._locked():
            _append_lines(self.path, [entry])
        return entry

    def entries(self) -> list[SpoolEntry]:
        with self._locked():
            return list(_read(self.path))

    def __len__(self) -> int:
        return len(self.entries())

    def replay(self, desk: Replayer) -> int:
        """Re-apply the spooled entries; returns how many were applied now (not skipped).
        Stops at the first entry the database cannot take (still down): the rest stay."""
        from bot.core.store import short_reason
        from bot.core.views import StoreUnavailable

        done: set[str] = set()
        rejected: list[SpoolEntry] = []
        applied = 0
        for entry in self.entries():
            try:
                applied += desk.replay_entry(entry)
            except StoreUnavailable:
                break
            except Exception as exc:  # noqa: BLE001 - set aside, never lost, never retried forever
                log.error(
                    "spool entry %s (%s) refused (%s); kept in %s",
                    entry.key,
                    entry.kind,
                    short_reason(exc),
                    self.rejected_path,
                )
                rejected.append(entry)
            done.add(entry.key)
        if done:
            with self._locked():
                if rejected:
                    _append_lines(self.rejected_path, rejected)
                kept = [e for e in _read(self.path) if e.key not in done]
                _rewrite(self.path, kept)
        return applied


def _read(path: Path) -> Iterator[SpoolEntry]:
    if not path.exists():
        return
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                yield SpoolEntry(raw["key"], raw["kind"], raw["payload"], raw["created_at"])
            except (ValueError, KeyError, TypeError):
                log.error("%s:%d: unreadable spool line skipped", path, number)


def _open_private(path: Path, flags: int) -> int:
    return os.open(path, flags | os.O_CREAT, 0o600)


def _append_lines(path: Path, entries: Iterable[SpoolEntry]) -> None:
    data = "".join(json.dumps(asdict(e), ensure_ascii=False) + "\n" for e in entries)
    created = not path.exists()
    fd = _open_private(path, os.O_RDWR | os.O_APPEND)
    try:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":  # a torn last line from a crash
            data = "\n" + data
        _write_all(fd, data.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    if created:
        _fsync_dir(path.parent)


def _rewrite(path: Path, entries: list[SpoolEntry]) -> None:
    tmp = path.with_suffix(".tmp")
    data = "".join(json.dumps(asdict(e), ensure_ascii=False) + "\n" for e in entries)
    fd = _open_private(tmp, os.O_WRONLY | os.O_TRUNC)
    try:
        _write_all(fd, data.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
