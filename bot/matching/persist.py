"""A built index saved to disk and loaded again: a 100,000-unit base loads in a few seconds
instead of being rebuilt (INDEX_CACHE_DIR).

The file name is a fingerprint of everything the index is made from (units, vocabulary, the
analysis code's version), so an edited knowledge base or a new release never loads a stale
index; a file that cannot be read is rebuilt. The folder must be the bot's own: the file is a
pickle, and loading a pickle runs what it says.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from pathlib import Path

from bot.knowledge.model import KnowledgeBase
from bot.matching.index import Index

log = logging.getLogger(__name__)

# bump when the analysis changes what an index holds (normalisation, lexicon, index layout)
INDEX_VERSION = "12"


def fingerprint(kb: KnowledgeBase) -> str:
    h = hashlib.sha256(INDEX_VERSION.encode())
    for unit in kb.indexed:
        h.update(unit.kind.encode())
        for part in (unit.id, unit.title, unit.answer, *unit.phrasings):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        h.update(b"\x01")
    for left, right in kb.vocabulary:
        h.update(f"{left}\x00{right}\x01".encode())
    return h.hexdigest()[:32]


def cached_index(kb: KnowledgeBase, folder: Path) -> Index:
    """The index of `kb`: loaded from `folder` when saved there before, else built and saved."""
    path = folder / f"index-{kb.name}-{fingerprint(kb)}.pickle"
    try:
        with path.open("rb") as f:
            index = pickle.load(f)
        if isinstance(index, Index) and len(index.links) == len(kb.indexed):
            index.units = kb.indexed  # the saved index holds no units of its own
            return index
    except FileNotFoundError:
        pass
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError) as exc:
        log.warning("index cache %s unreadable (%s): rebuilding", path, exc)
    index = Index.build(kb)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, delete=False, suffix=".tmp") as out:
            pickle.dump(index, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(out.name, path)  # readers never see a half-written file
    except OSError as exc:
        log.warning("index cache %s not written (%s)", path, exc)
    return index
