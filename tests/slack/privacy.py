"""Helpers for the privacy tests: scan every recorded Web API call, read tickets, build the
report as the lead would see it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.core.report import build_report, render_report
from bot.db.models import CommunityThread, Question, Ticket
from bot.db.types import utcnow
from tests.slack.conftest import ASKER, LEAD, ONCALL, SlackEnv

PRIVATE_PLACES = {"D0LEAD", "D0ONCALL", "D0ASKER", LEAD, ONCALL, ASKER}


def only_in_private(slack: SlackEnv, *needles: str, allowed: set[str] | None = None) -> None:
    """Every call whose content holds a needle goes to the asker's, the lead's or on-call's DM
    (a form opened for one person is private too)."""
    private = PRIVATE_PLACES | (allowed or set())
    for call in slack.fake.all_calls():
        target = call.params.get("channel") or call.params.get("users") or ""
        blob = call.blob()
        for needle in needles:
            if needle in blob:
                assert target in private or call.method == "views.open", (call.method, target)


def report_text(slack: SlackEnv) -> str:
    with slack.sessions() as s:
        report = build_report(s, utcnow() + timedelta(minutes=1), days=30, limit=100)
    return render_report(report, 30)


def tickets(slack: SlackEnv) -> list[Ticket]:
    with slack.sessions() as s:
        return list(s.scalars(select(Ticket).order_by(Ticket.id)))


def questions(slack: SlackEnv) -> list[Question]:
    with slack.sessions() as s:
        return list(s.scalars(select(Question).order_by(Question.id)))


def threads(slack: SlackEnv) -> list[CommunityThread]:
    with slack.sessions() as s:
        return list(s.scalars(select(CommunityThread).order_by(CommunityThread.id)))
