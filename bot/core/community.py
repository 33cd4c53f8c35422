"""Community threads: the hand-off of a question (posted once), the post's place, members'
answers, and the asker marking it solved."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.core.base import DeskBase, from_iso, iso
from bot.core.repeats import find_repeat
from bot.core.views import (
    CommunityNotice,
    CommunityPost,
    CommunitySolved,
    NotFound,
    PrivateQuestion,
)
from bot.db.models import CommunityThread, Question, Ticket
from bot.db.results import rowcount


class CommunityMixin(DeskBase):
    def to_community(self, question_id: int) -> CommunityPost:
        """Mark the question "community" and return what to post. Private -> PrivateQuestion.

        A question is posted once: the thread row (unique per question) is claimed here, so a
        second click, or another instance, gets `already=True` with the existing post's place.
        The same asker's question already published within REPEAT_WINDOW_DAYS (same words, give
        or take a typo): `repeat=True` with that post's place, nothing new is posted.
        """

        def mark(s: Session) -> CommunityPost:
            question = _public_question(s, question_id)
            thread = s.scalar(
                select(CommunityThread).where(CommunityThread.question_id == question.id)
            )
            if thread is not None:
                return _post(question, already=True, place=thread)
            earlier = find_repeat(s, question, self.now(), self.settings.repeat_window_days)
            if earlier is not None:
                return _post(question, already=True, place=earlier, repeat=True)
            if question.status not in ("solved", "community"):
                question.status = "community"
            question.public = True  # the asker chose to publish it
            s.add(CommunityThread(question_id=question.id, created_at=self.now()))
            s.flush()
            return _post(question)

        try:
            return self._read(mark, claim=True)
        except IntegrityError:  # a concurrent claim won: report its post
            return self._read(mark, claim=True)

    def record_community_post(self, question_id: int, channel: str | None, ts: str | None) -> None:
        """The adapter posted the question publicly at (channel, ts). Spooled if the DB is down."""
        payload = {"question_id": question_id, "channel": channel, "ts": ts, "at": iso(self.now())}
        self._write("community_post", payload, raise_when_down=False)

    def _apply_community_post(self, s: Session, p: dict[str, Any]) -> int:
        question = _public_question(s, p["question_id"])
        if question.status != "solved":
            question.status = "community"
        thread = s.scalar(select(CommunityThread).where(CommunityThread.question_id == question.id))
        if thread is None:
            thread = CommunityThread(question_id=question.id, created_at=from_iso(p["at"]))
            s.add(thread)
        thread.channel, thread.ts = p["channel"], p["ts"]
        s.flush()
        return thread.id

    def community_reply(
        self, channel: str, thread_ts: str, responder: str
    ) -> CommunityNotice | None:
        """A message in a community thread. Returns whom to notify, or None (unknown thread,
        solved, or the asker writing in their own thread). DB down: spooled, None."""
        payload = {
            "channel": channel,
            "ts": thread_ts,
            "responder": responder,
            "at": iso(self.now()),
        }
        return self._write("community_reply", payload, raise_when_down=False)

    def _apply_community_reply(self, s: Session, p: dict[str, Any]) -> CommunityNotice | None:
        row = s.execute(
            select(CommunityThread.id, CommunityThread.status, Question.id, Question.asker)
            .join(Question, Question.id == CommunityThread.question_id)
            .where(CommunityThread.channel == p["channel"], CommunityThread.ts == p["ts"])
        ).first()
        if row is None:
            return None
        thread_id, status, question_id, asker = row
        if status in ("solved", "withdrawn") or p["responder"] == asker:
            return None
        s.execute(
            update(CommunityThread)
            .where(CommunityThread.id == thread_id)
            .values(answers=CommunityThread.answers + 1)
        )
        # one conditional UPDATE: exactly one reply is "first", even with concurrent replies
        first = (
            rowcount(
                s.execute(
                    update(CommunityThread)
                    .where(
                        CommunityThread.id == thread_id, CommunityThread.first_answer_at.is_(None)
                    )
                    .values(first_answer_at=from_iso(p["at"]), first_answerer=p["responder"])
                )
            )
            == 1
        )
        return CommunityNotice(asker, question_id, first, p["responder"], p["channel"], p["ts"])

    def solve_community(
        self,
        question_id: int | None = None,
        *,
        channel: str | None = None,
        ts: str | None = None,
        by: str,
    ) -> bool:
        """Mark the question solved; only its asker may. True when it is (now) solved by them.
        DB down: spooled, then StoreUnavailable."""
        return self.close_community(question_id, channel=channel, ts=ts, by=by) is not None

    def close_community(
        self,
        question_id: int | None = None,
        *,
        channel: str | None = None,
        ts: str | None = None,
        by: str,
    ) -> CommunitySolved | None:
        """`solve_community` telling which post it is (from the database, whatever the caller
        passed) and whether this call solved it (`newly`) or it already was."""
        payload = {
            "question_id": question_id,
            "channel": channel,
            "ts": ts,
            "by": by,
            "at": iso(self.now()),
        }
        result = self._write("community_solve", payload)
        return result if isinstance(result, CommunitySolved) else None

    def _apply_community_solve(self, s: Session, p: dict[str, Any]) -> CommunitySolved | None:
        if p.get("question_id") is not None:
            question = s.get(Question, p["question_id"])
        else:
            question = s.scalar(
                select(Question)
                .join(CommunityThread, CommunityThread.question_id == Question.id)
                .where(CommunityThread.channel == p["channel"], CommunityThread.ts == p["ts"])
            )
        if question is None or question.asker != p["by"]:
            return None
        thread = s.scalar(select(CommunityThread).where(CommunityThread.question_id == question.id))
        if thread is None or question.status == "private" or thread.status == "withdrawn":
            return None  # only a question handed to the community can be solved there
        question.status = "solved"
        newly = thread.status != "solved"
        if newly:
            thread.status, thread.solved_at = "solved", from_iso(p["at"])
        return CommunitySolved(
            question.id, question.asker, question.text, thread.channel, thread.ts, newly
        )


def make_private(s: Session, question: Question) -> CommunityThread | None:
    """The question becomes private; its community thread, if any, is withdrawn (returned: the
    flows delete the post)."""
    question.status, question.public = "private", False
    thread = s.scalar(select(CommunityThread).where(CommunityThread.question_id == question.id))
    if thread is None or thread.status == "withdrawn":
        return None
    thread.status = "withdrawn"
    return thread


def _post(
    question: Question,
    *,
    already: bool = False,
    place: CommunityThread | None = None,
    repeat: bool = False,
) -> CommunityPost:
    return CommunityPost(
        question.id,
        question.asker,
        question.text,
        question.kb,
        already=already,
        channel=place.channel if place else None,
        ts=place.ts if place else None,
        repeat=repeat,
    )


def _public_question(s: Session, question_id: int) -> Question:
    """The question, refusing it if it is private (status private or a ticket points at it)."""
    question = s.get(Question, question_id)
    if question is None:
        raise NotFound(f"question {question_id}")
    has_ticket = s.scalar(select(Ticket.id).where(Ticket.question_id == question_id).limit(1))
    if question.status == "private" or has_ticket is not None:
        raise PrivateQuestion(f"question {question_id} is private")
    return question
