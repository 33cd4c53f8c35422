"""Questions: validation, matching, recording; feedback; duplicate events."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.core import validation
from bot.core.base import DeskBase, from_iso, iso
from bot.core.handling import in_handling
from bot.core.store import is_db_down, short_reason
from bot.core.views import (
    NotFound,
    Reply,
    Suggestion,
    TryLater,
)
from bot.db.models import Feedback, ProcessedEvent, Question, Ticket
from bot.db.upsert import insert_ignore
from bot.messages import t

log = logging.getLogger(__name__)
FLOOD_WINDOW = timedelta(minutes=1)

# the hot path of every recorded question, as Core statements built once (no ORM unit of work,
# no statement built and keyed per message)
QUESTIONS = cast(Table, Question.__table__)
TICKETS = cast(Table, Ticket.__table__)
INSERT_QUESTION = insert(QUESTIONS).returning(QUESTIONS.c.id)
COUNT_RECENT = (
    select(func.count())
    .select_from(QUESTIONS)
    .where(QUESTIONS.c.asker == bindparam("asker"), QUESTIONS.c.created_at > bindparam("since"))
)
OPEN_TICKET_IDS = (
    select(TICKETS.c.id)
    .where(TICKETS.c.asker == bindparam("asker"), TICKETS.c.status != "closed")
    .order_by(TICKETS.c.created_at.desc(), TICKETS.c.id.desc())
)
OFFERED_TICKETS = 3  # "Ajouter à mon ticket": the asker's newest open tickets
# the flood check and the asker's open tickets (newest first, NULL when fewer) in ONE statement:
# one round trip before the question is written
FLOOD_AND_TICKETS = (
    COUNT_RECENT.scalar_subquery(),
    *(OPEN_TICKET_IDS.limit(1).offset(n).scalar_subquery() for n in range(OFFERED_TICKETS)),
)
SELECT_FLOOD_AND_TICKETS = select(*FLOOD_AND_TICKETS)

SMALLTALK = {
    "greeting": "smalltalk.greeting",
    "thanks": "smalltalk.thanks",
    "help": "smalltalk.help",
    "noise": "smalltalk.noise",
    "empty": "smalltalk.noise",
}


def invalid_text(key: str, text: str | None) -> str:
    return t(key, length=validation.visible_length(text), limit=validation.MAX_QUESTION_CHARS)


class QuestionsMixin(DeskBase):
    def ask(
        self,
        *,
        asker: str,
        text: str,
        kb: str,
        origin: str = "slack",
        channel: str | None = None,
        thread_ts: str | None = None,
        match_text: str | None = None,
        record: bool = True,
        public: bool = False,
        open_tickets: bool = False,
    ) -> Reply:
        """Answer `text` from base `kb`; record the question (spooled if the DB is down).

        `match_text`: what to match when the adapter's text carries markup (Slack's `<@U1>`,
        `&amp;`...); `text` is what gets recorded and, for the community, reposted.
        `record=False`: answer only, write nothing (e.g. the support lead's own messages).
        `public`: asked where everyone sees it (a help channel, a mention), so it may be quoted.
        `open_tickets`: also read the asker's open tickets (`Reply.open_tickets`, newest first,
        at most 3) once the question is recorded.
        More than FLOOD_LIMIT_PER_MINUTE questions from one asker in a minute: kind "flood",
        with the notice text the first time, "" after (the flows then say nothing).

        A recorded question costs ONE transaction: the flood check (and the knowledge version),
        the question with its once-only key, and the open tickets."""
        key = validation.problem(text)
        if key:
            return Reply("invalid", text=invalid_text(key, text), reason=key)
        text = text.strip()
        kb = self._known_kb(kb)
        payload: dict[str, Any] = {
            "asker": asker,
            "text": text,
            "kb": kb,
            "origin": origin,
            "channel": channel,
            "thread_ts": thread_ts,
            "public": public,
            "at": iso(self.now()),
        }
        match = (match_text or text).strip() or text
        if not record:
            return self._answer(payload, match, None, record=False)
        try:
            with self.sessions.begin() as session:
                recent, tickets = self._flood_check(session, asker)
                return self._answer(
                    payload,
                    match,
                    session,
                    recent=recent,
                    tickets=tickets if open_tickets else None,
                )
        except Exception as exc:
            if not is_db_down(exc):
                raise
            if in_handling():  # the inbox item is the durable record: handled again later
                raise TryLater(short_reason(exc)) from exc
        # the database is down: answered all the same, the question goes to the spool
        return self._answer(payload, match, None)

    def _answer(
        self,
        payload: dict[str, Any],
        match_text: str,
        session: Session | None,
        *,
        recent: int | None = None,
        record: bool = True,
        tickets: tuple[int, ...] | None = None,
    ) -> Reply:
        """Match and record (in `session`, or in a transaction of its own when it is None)."""
        if recent is not None and recent >= self.settings.flood_limit_per_minute:
            payload.update(status="flooded", unit_id=None, score=None)
            qid = self._record_question(session, payload)
            notice = t("flood.notice") if recent == self.settings.flood_limit_per_minute else ""
            return Reply("flood", qid, text=notice, stored=qid is not None, reason="flood")
        result = self.knowledge.match(match_text, payload["kb"])
        if result.reason in SMALLTALK:
            return Reply("smalltalk", text=t(SMALLTALK[result.reason]), reason=result.reason)
        if result.answered and result.best is not None:
            unit, score = result.best.unit, float(result.best.score)
            payload.update(status="answered", unit_id=unit.id, score=score)
            # rendered before the write: the transaction holds the write lock (SQLite) as
            # briefly as it can
            answer = self.knowledge.render(unit).strip()
            qid = self._record_question(session, payload) if record else None
            body = f"{answer}\n\n{t('answer.source', source=unit.source)}"
            return Reply(
                "answer",
                qid,
                unit,
                score,
                text=body,
                stored=qid is not None,
                reason=result.reason,
                open_tickets=tickets if qid is not None else None,
            )
        suggestions = tuple(Suggestion(m.unit, float(m.score)) for m in result.suggestions)
        payload.update(status="suggested", unit_id=None, score=None)
        qid = self._record_question(session, payload) if record else None
        intro = t("answer.suggestions_intro") if suggestions else t("answer.nothing")
        return Reply(
            "suggestions",
            qid,
            suggestions=suggestions,
            text=intro,
            stored=qid is not None,
            reason=result.reason,
            open_tickets=tickets if qid is not None else None,
        )

    def _record_question(self, session: Session | None, payload: dict[str, Any]) -> int | None:
        if session is None:
            return self._write("question", payload, raise_when_down=False)
        return self._once(session, lambda: self._apply("question", session, payload), payload)

    def _flood_check(self, s: Session, asker: str) -> tuple[int, tuple[int, ...]]:
        """How many questions `asker` sent in the last minute, and their open tickets (ids,
        newest first, at most 3): one statement, in the question's transaction (the live
        knowledge reads its version in it too)."""
        row = s.execute(SELECT_FLOOD_AND_TICKETS, self._flood_values(asker)).one()
        return int(row[0] or 0), tuple(int(i) for i in row[1:] if i is not None)

    def _flood_values(self, asker: str) -> dict[str, Any]:
        return {"asker": asker, "since": self.now() - FLOOD_WINDOW}

    def _known_kb(self, kb: str) -> str:
        """`kb` if the knowledge has a matcher for it, else the default base, else "all"."""
        known = getattr(self.knowledge, "matchers", self.knowledge.bases)
        if kb in known:
            return kb
        for fallback in (self.settings.default_kb, "all"):
            if fallback in known:
                log.warning("unknown knowledge base %s, using %s", kb, fallback)
                return fallback
        return kb

    def _apply_question(self, s: Session, p: dict[str, Any]) -> int:
        values = {
            "asker": p["asker"],
            "origin": p.get("origin") or "slack",
            "channel": p.get("channel"),
            "thread_ts": p.get("thread_ts"),
            "kb": p["kb"],
            "text": p["text"],
            "status": p["status"],
            "unit_id": p.get("unit_id"),
            "score": p.get("score"),
            "chosen_unit_id": None,
            "created_at": from_iso(p["at"]),
            "public": bool(p.get("public")),
        }
        return int(s.execute(INSERT_QUESTION, values).scalar_one())

    def get_question(self, question_id: int) -> Question:
        """The question row (detached); NotFound if there is none."""

        def read(s: Session) -> Question:
            question = s.get(Question, question_id)
            if question is None:
                raise NotFound(f"question {question_id}")
            return question

        return self._read(read)

    def feedback(self, question_id: int | None, user: str, helpful: bool) -> bool:
        """Was the answer useful? One vote per person and answer: a second vote replaces the
        first (False then). Spooled (never raises, True) when the DB is down."""
        payload = {
            "question_id": question_id,
            "user": user,
            "helpful": bool(helpful),
            "at": iso(self.now()),
        }
        return self._write("feedback", payload, raise_when_down=False) is not False

    def _apply_feedback(self, s: Session, p: dict[str, Any]) -> bool:
        question = s.get(Question, p["question_id"]) if p.get("question_id") else None
        vote = {
            "question_id": question.id if question else None,
            "unit_id": question.unit_id if question else None,
            "user": p["user"],
            "helpful": p["helpful"],
            "created_at": from_iso(p["at"]),
        }
        if question is None:
            s.add(Feedback(**vote))
            return True
        # the unique (question, user) key decides, even for two clicks handled at once
        if insert_ignore(s, Feedback, **vote):
            return True
        s.execute(
            update(Feedback)
            .where(Feedback.question_id == question.id, Feedback.user == p["user"])
            .values(helpful=p["helpful"])
        )
        return False

    def first_time_event(self, event_id: str) -> bool:
        """True the first time `event_id` is seen (exact under concurrency: primary key).
        When the DB is down this says True: better handle a retry twice than lose a message."""
        try:
            with self.sessions.begin() as s:
                s.add(ProcessedEvent(event_id=event_id, received_at=self.now()))
            return True
        except IntegrityError:
            return False
        except Exception as exc:
            if is_db_down(exc):
                log.warning("database down: event %s not deduplicated", event_id)
                return True
            raise
