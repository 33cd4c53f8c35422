"""The App Home tab, per person: a customer sees their questions, tickets (status, due time),
their training and how to ask; the support lead sees open tickets (overdue first), community
questions nobody answered, drafts and phrasings waiting, and this week's figures."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from bot.core import Desk, NotFound
from bot.core.learning_views import (
    CourseProgress,
    CustomerOverview,
    LeadOverview,
    QuestionLine,
    TicketLine,
)
from bot.core.stats import render_stats
from bot.messages import t
from bot.slack.blocks import Block, plain, section
from bot.slack.learning_blocks import lead_ticket_row, progress_blocks
from bot.slack.text import neutralise, shorten
from bot.slack.views import home_view

When = Callable[[datetime], str]
MAX_HOME_BLOCKS = 100


def _one_line(text: str, limit: int = 120) -> str:
    return shorten(" ".join(neutralise(text).split()), limit)


def question_status(q: QuestionLine) -> str:
    if q.status == "community" and q.answers:
        key = "slack.home.q.community_answered" + ("_one" if q.answers == 1 else "")
        return t(key, count=q.answers)
    return t(f"slack.home.q.{q.status if q.status in _Q else 'suggested'}")


_Q = {"answered", "suggested", "community", "solved", "flooded"}


def ticket_row(k: TicketLine, when: When) -> str:
    due = when(k.due_at) if k.due_at else "—"
    status = t(f"slack.home.t.{k.status}", due=due)
    return t("slack.home.ticket_row", id=k.id, status=status, text=_one_line(k.text))


def _list(title: str, rows: list[str]) -> list[Block]:
    body = "\n".join(f"• {row}" for row in rows) if rows else t("slack.home.none")
    return [section(title), section(body), {"type": "divider"}]


def customer_home(
    overview: CustomerOverview, progress: CourseProgress | None, when: When
) -> dict[str, Any]:
    questions = [
        t("slack.home.question_row", status=question_status(q), text=_one_line(q.text))
        for q in overview.questions
    ]
    blocks: list[Block] = [{"type": "header", "text": plain(t("slack.home.title"))}]
    if questions:
        blocks += _list(t("slack.home.mine"), questions)
    else:
        blocks += [section(t("slack.home.mine")), section(t("slack.home.no_questions"))]
        blocks.append({"type": "divider"})
    if overview.tickets:
        blocks += _list(t("slack.home.my_tickets"), [ticket_row(k, when) for k in overview.tickets])
    if progress is not None:
        blocks += [section(t("slack.home.training")), *progress_blocks(progress)]
        blocks.append({"type": "divider"})
    blocks += home_view()["blocks"][1:]  # how to ask (public, private), from the static page
    return {"type": "home", "blocks": blocks[:MAX_HOME_BLOCKS]}


def lead_home(overview: LeadOverview, when: When) -> dict[str, Any]:
    tickets = [lead_ticket_row(k, when) for k in overview.tickets]
    unanswered = [_one_line(q.text) for q in overview.unanswered]
    drafts = [
        t(
            "slack.home.draft_row",
            kind=t(f"slack.home.kind.{p.kind}"),
            id=p.id,
            text=_one_line(p.question),
        )
        for p in overview.proposals
    ]
    blocks: list[Block] = [{"type": "header", "text": plain(t("slack.home.lead_title"))}]
    blocks += _list(t("slack.home.lead_tickets"), tickets)
    blocks += _list(t("slack.home.lead_unanswered"), unanswered)
    blocks += _list(t("slack.home.lead_drafts"), drafts)
    blocks += [section(t("slack.home.lead_week")), section("\n".join(render_stats(overview.stats)))]
    return {"type": "home", "blocks": blocks[:MAX_HOME_BLOCKS]}


def home_for(desk: Desk, lead: str | None, user: str, when: When) -> dict[str, Any]:
    """The Home of `user`: the support dashboard for the lead, their own page for a customer."""
    if lead and user == lead:
        return lead_home(desk.lead_overview(), when)
    try:
        progress: CourseProgress | None = desk.progress(user)
    except NotFound:
        progress = None
    return customer_home(desk.customer_overview(user), progress, when)
