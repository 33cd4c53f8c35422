"""Learning from what customers and members did: a community answer the asker accepted becomes a
FAQ draft; a suggestion the asker chose then said 👍 to, or an accepted answer that points to an
existing entry (`#identifiant`), becomes a proposed phrasing of that entry.

Community answers are recorded as they arrive (public text: the community channel is public).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core import validation
from bot.core.base import from_iso, iso
from bot.core.community import CommunityMixin
from bot.core.proposals import ProposalsMixin
from bot.core.questions import QuestionsMixin
from bot.core.views import CommunitySolved
from bot.db.models import CommunityThread, Question
from bot.db.models_learning import CommunityAnswer
from bot.db.upsert import insert_ignore

# a member pointing to an entry: "#factures" or "sg-autorepondeur/factures"
POINTER = re.compile(r"(?<![\w/#])(?:#|(?P<kb>[a-z0-9][a-z0-9-]*)/)(?P<anchor>[a-z0-9][a-z0-9-]+)")
MAX_ANSWER = 4000


class CommunityLearningMixin(ProposalsMixin, CommunityMixin, QuestionsMixin):
    def record_community_answer(
        self, *, channel: str, thread_ts: str, ts: str, responder: str, text: str
    ) -> None:
        """A member's reply in a community thread, kept so that it can become a FAQ entry."""
        payload = {
            "channel": channel,
            "thread_ts": thread_ts,
            "ts": ts,
            "responder": responder,
            "text": validation.clean(text)[:MAX_ANSWER],
            "at": iso(self.now()),
        }
        self._write("community_answer", payload, raise_when_down=False)

    def _apply_community_answer(self, s: Session, p: dict[str, Any]) -> int | None:
        row = s.execute(
            select(CommunityThread.id, Question.asker)
            .join(Question, Question.id == CommunityThread.question_id)
            .where(CommunityThread.channel == p["channel"], CommunityThread.ts == p["thread_ts"])
        ).first()
        if row is None or row.asker == p["responder"] or not p["text"].strip():
            return None
        insert_ignore(
            s,
            CommunityAnswer,
            thread_id=row.id,
            channel=p["channel"],
            ts=p["ts"],
            responder=p["responder"],
            text=p["text"],
            created_at=from_iso(p["at"]),
        )
        return int(row.id)

    def accept_answer(self, *, channel: str, ts: str, by: str) -> bool:
        """The asker marks one member's reply (`ts`) as the solution: the question is solved and
        that reply proposed to the lead. Anyone else, or an unknown reply: False, nothing
        changes. (Same as `solve_community(channel=, ts=)` with the reply's place.)"""
        return self.solve_community(channel=channel, ts=ts, by=by)

    def _apply_community_solve(self, s: Session, p: dict[str, Any]) -> CommunitySolved | None:
        """Solved by its asker (button, ✅ on the post, or ✅ on a reply): the accepted reply (the
        one marked, else the latest member's reply) is proposed to the lead."""
        if p.get("question_id") is None and not p.get("answer_ts"):
            marked = s.scalar(
                select(CommunityAnswer).where(
                    CommunityAnswer.channel == p["channel"], CommunityAnswer.ts == p["ts"]
                )
            )
            thread_of = s.get(CommunityThread, marked.thread_id) if marked else None
            if marked is not None and thread_of is not None:  # the mark is on a member's reply
                p = {**p, "question_id": thread_of.question_id, "answer_ts": marked.ts}
        solved = super()._apply_community_solve(s, p)
        if solved is None:
            return None
        question = s.get(Question, solved.question_id)
        thread = s.scalar(
            select(CommunityThread).where(CommunityThread.question_id == solved.question_id)
        )
        if question is None or thread is None:
            return solved
        chosen = select(CommunityAnswer).where(CommunityAnswer.thread_id == thread.id)
        if p.get("answer_ts"):
            chosen = chosen.where(CommunityAnswer.ts == p["answer_ts"])
        answer = s.scalar(chosen.order_by(CommunityAnswer.id.desc()).limit(1))
        if answer is not None:
            self._learn_from_answer(s, question, answer, from_iso(p["at"]))
        return solved

    def _learn_from_answer(
        self, s: Session, question: Question, answer: CommunityAnswer, at: datetime
    ) -> int | None:
        unit_id = self._pointed_unit(answer.text, question.kb)
        if unit_id is not None:
            return self._propose_phrasing(s, question, unit_id, answer.responder, at)
        kb = question.kb if question.kb in self.knowledge.bases else None
        kb = kb or next(iter(sorted(self.knowledge.bases)), question.kb)
        return self._propose(
            s,
            kind="entry",
            origin=f"q:{question.id}",
            kb=kb,
            question=" ".join(question.text.split()),
            answer=answer.text.strip(),
            question_id=question.id,
            proposed_by=answer.responder,
            created_at=at,
        )

    def _pointed_unit(self, text: str, kb: str) -> str | None:
        """The existing entry a reply points to, if it names exactly one."""
        found = set()
        for m in POINTER.finditer(text or ""):
            bases = [m["kb"]] if m["kb"] else ([kb] if kb in self.knowledge.bases else [])
            bases = bases or sorted(self.knowledge.bases)
            for name in bases:
                if self.knowledge.unit(f"{name}/{m['anchor']}") is not None:
                    found.add(f"{name}/{m['anchor']}")
        return found.pop() if len(found) == 1 else None

    # --- a suggestion chosen, then 👍 -----------------------------------------------------------
    def choose_suggestion(self, question_id: int, unit_id: str, by: str) -> None:
        """The asker opened suggestion `unit_id` (remembered: a 👍 next proposes the wording)."""
        payload = {"question_id": question_id, "unit_id": unit_id, "by": by}
        self._write("choose_suggestion", payload, raise_when_down=False)

    def _apply_choose_suggestion(self, s: Session, p: dict[str, Any]) -> None:
        question = s.get(Question, p["question_id"])
        known = self.knowledge.unit(p["unit_id"]) is not None
        if question is not None and question.asker == p["by"] and known:
            question.chosen_unit_id = p["unit_id"]

    def _apply_feedback(self, s: Session, p: dict[str, Any]) -> bool:
        counted = super()._apply_feedback(s, p)
        if not p.get("helpful") or not p.get("question_id"):
            return counted
        question = s.get(Question, p["question_id"])
        if (
            question is None
            or question.asker != p["user"]
            or not question.chosen_unit_id
            or question.status in ("answered", "private", "smalltalk")
        ):
            return counted
        self._propose_phrasing(s, question, question.chosen_unit_id, p["user"], from_iso(p["at"]))
        return counted
