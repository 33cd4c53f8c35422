"""Published entries and approved phrasings are answered from at once, on every instance.

Publishing bumps `knowledge_state.version` in the same transaction. Before matching, each
instance reads that one row by primary key (in the flood check's statement when the question is
recorded; see `python -m bot bench-learning` for its cost) and, when it changed, rebuilds its
matchers from the files plus the database. The database down:
the instance keeps answering with what it has.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, cast

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from bot.core.questions import FLOOD_AND_TICKETS, QuestionsMixin
from bot.core.views import Reply, StoreUnavailable
from bot.db.models_learning import KnowledgeState, Proposal
from bot.db.results import rowcount
from bot.knowledge.learned import LearnedEntry, LearnedPhrasing, merge

log = logging.getLogger(__name__)
STATE_ID = 1


STATE = cast(Table, KnowledgeState.__table__)
READ_VERSION = select(STATE.c.version).where(STATE.c.id == STATE_ID)
# built once, run for every recorded question: the version, the flood check and the asker's open
# tickets in one statement
VERSION_FLOOD_AND_TICKETS = select(READ_VERSION.scalar_subquery(), *FLOOD_AND_TICKETS)


def read_version(s: Session) -> int:
    return int(s.execute(READ_VERSION).scalar() or 0)


def bump_version(s: Session) -> None:
    """+1, in the caller's transaction (the row is created if a wipe removed it)."""
    done = rowcount(
        s.execute(
            update(KnowledgeState)
            .where(KnowledgeState.id == STATE_ID)
            .values(version=KnowledgeState.version + 1)
        )
    )
    if not done:
        s.add(KnowledgeState(id=STATE_ID, version=1))


def load_learned(s: Session) -> tuple[list[LearnedEntry], list[LearnedPhrasing]]:
    rows = s.scalars(
        select(Proposal).where(Proposal.status == "published").order_by(Proposal.id)
    ).all()
    entries = [
        LearnedEntry(r.unit_id, r.kb, r.question, r.answer, r.link)
        for r in rows
        if r.kind == "entry" and r.unit_id
    ]
    phrasings = [
        LearnedPhrasing(r.unit_id, r.question) for r in rows if r.kind == "phrasing" and r.unit_id
    ]
    return entries, phrasings


class LiveKnowledgeMixin(QuestionsMixin):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.file_knowledge = self.knowledge
        self.knowledge_version = 0  # what self.knowledge holds: 0 = the files alone
        self._rebuild_lock = threading.Lock()

    def refresh_knowledge(self) -> bool:
        """Rebuild the matchers if something was published since; True when it did."""
        try:
            version = self._read(read_version)
        except StoreUnavailable:
            return False
        return self._refresh_to(version)

    def _refresh_to(self, version: int) -> bool:
        if version == self.knowledge_version:
            return False
        with self._rebuild_lock:
            if version == self.knowledge_version:
                return False  # another thread rebuilt meanwhile
            try:
                entries, phrasings = self._read(load_learned)
            except StoreUnavailable:
                return False
            files = self.file_knowledge
            self.knowledge = files.rebuilt(merge(files.bases, entries, phrasings))
            self.knowledge_version = version
            log.info(
                "knowledge v%d: %d published entries, %d phrasings",
                version,
                len(entries),
                len(phrasings),
            )
        return True

    def ask(self, **kwargs: Any) -> Reply:
        if not kwargs.get("record", True):  # recorded: the flood check reads the version too
            self.refresh_knowledge()
        return super().ask(**kwargs)

    def _flood_check(self, s: Session, asker: str) -> tuple[int, tuple[int, ...]]:
        """The version read rides on the flood check (one statement, in the recorded question's
        transaction); the matchers are rebuilt before matching if something was published."""
        row = s.execute(VERSION_FLOOD_AND_TICKETS, self._flood_values(asker)).one()
        self._refresh_to(int(row[0] or 0))
        return int(row[1] or 0), tuple(int(i) for i in row[2:] if i is not None)
