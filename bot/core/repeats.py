"""Has this person already published this question? Same asker, within the window, words that
match once folded (accents, case, punctuation) give or take a typo (rapidfuzz ratio)."""

from __future__ import annotations

from datetime import datetime, timedelta

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import CommunityThread, Question
from bot.matching.normalize import fold

SAME = 90.0  # ratio (0-100) from which two questions are the same question
SCAN = 50  # the asker's most recent published questions compared


def same_question(a: str, b: str) -> bool:
    left, right = " ".join(fold(a).split()), " ".join(fold(b).split())
    return bool(left) and fuzz.ratio(left, right) >= SAME


def find_repeat(s: Session, question: Question, now: datetime, days: int) -> CommunityThread | None:
    """The asker's earlier community post of the same question, if any (days=0: no check)."""
    if days <= 0:
        return None
    rows = s.execute(
        select(Question.text, CommunityThread)
        .join(CommunityThread, CommunityThread.question_id == Question.id)
        .where(
            Question.asker == question.asker,
            Question.id != question.id,
            CommunityThread.created_at >= now - timedelta(days=days),
            CommunityThread.ts.is_not(None),
            CommunityThread.status != "withdrawn",
        )
        .order_by(CommunityThread.created_at.desc())
        .limit(SCAN)
    ).all()
    for text, thread in rows:
        if same_question(text, question.text):
            return thread
    return None
