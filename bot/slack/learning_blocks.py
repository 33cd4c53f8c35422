"""Block Kit for the knowledge that grows and the training: the lead's card for a FAQ draft or a
phrasing (Publier / Modifier / Ignorer), the asker's consent request, the edit and anonymise
forms, and the training list. Pure functions; buttons carry the proposal id only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from bot.core.learning_views import CourseProgress, ProposalView, TicketLine
from bot.core.proposals import MAX_TITLE
from bot.core.training import chapter_name, render_progress
from bot.messages import t
from bot.slack import ids
from bot.slack.blocks import (
    Block,
    Message,
    actions,
    button,
    context,
    notice,
    plain,
    section,
)
from bot.slack.text import quote, shorten, to_mrkdwn, unescape

FORM_MAX = 3000
When = Callable[[datetime], str]


def lead_ticket_row(k: TicketLine, when: When) -> str:
    return t(
        "slack.tickets.row",
        flag=t("slack.tickets.overdue") if k.overdue else "",
        id=k.id,
        asker=f"<@{k.asker}>",
        urgency=t(f"slack.urgency.{k.urgency}"),
        due=when(k.due_at) if k.due_at else "—",
        status=t(f"slack.ticket.status.{k.status}"),
    )


def proposal_card(p: ProposalView, link: str = "") -> Message:
    """To the lead: what would be published, where it came from, and the three choices."""
    if p.kind == "phrasing":
        title = t("slack.draft.phrasing_title", id=p.id)
        body = t(
            "slack.draft.phrasing_body",
            wording=quote(p.question),
            unit=p.unit_title or p.unit_id or "—",
        )
    else:
        title = t("slack.draft.entry_title", id=p.id)
        body = t("slack.draft.entry_body", question=quote(p.question), answer=quote(p.answer))
    blocks: list[Block] = [{"type": "header", "text": plain(title)}, section(body)]
    if link:
        blocks.append(context(t("slack.draft.thread", link=link)))
    elif p.ticket_id is not None:
        blocks.append(context(t("slack.draft.from_ticket", id=p.ticket_id)))
    if p.status == "waiting":
        value = ids.pack(p=p.id)
        buttons = [button(t("slack.draft.publish"), ids.PROPOSAL_PUBLISH, value, "primary")]
        if p.kind == "entry":
            buttons.append(button(t("slack.draft.edit"), ids.PROPOSAL_EDIT, value))
        buttons.append(button(t("slack.draft.ignore"), ids.PROPOSAL_IGNORE, value))
        blocks.append(actions("proposal", *buttons))
    else:
        who = f"<@{p.decided_by}>" if p.decided_by else "—"
        blocks.append(context(t(f"slack.draft.status.{p.status}", by=who)))
    return f"{title} — {shorten(p.question, 200)}", blocks


def consent_request(p: ProposalView) -> Message:
    """To the ticket's asker: the lead's anonymised version, and their yes or no."""
    text = t(
        "slack.draft.consent", id=p.ticket_id, question=quote(p.question), answer=quote(p.answer)
    )
    value = ids.pack(p=p.id)
    return text, [
        section(text),
        actions(
            "consent",
            button(t("slack.draft.consent_yes"), ids.CONSENT_YES, value, "primary"),
            button(t("slack.draft.consent_no"), ids.CONSENT_NO, value),
        ),
    ]


def _input(block: str, label: str, value: str, *, multiline: bool, limit: int = FORM_MAX) -> Block:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": ids.DRAFT_INPUT,
        "multiline": multiline,
        "max_length": limit,
    }
    if value.strip():
        element["initial_value"] = unescape(value)[:limit]
    return {"type": "input", "block_id": block, "label": plain(label), "element": element}


def draft_form(
    callback: str, metadata: str, title: str, question: str, answer: str, hint: str = ""
) -> dict[str, Any]:
    """The lead edits (Modifier) or anonymises (a ticket) the entry before it goes further."""
    blocks: list[Block] = []
    if hint:
        blocks.append(section(hint))
    blocks += [
        _input(
            ids.DRAFT_Q_BLOCK,
            t("slack.draft.form_question"),
            question,
            multiline=False,
            limit=MAX_TITLE,  # an entry's title: what the desk accepts
        ),
        _input(ids.DRAFT_A_BLOCK, t("slack.draft.form_answer"), answer, multiline=True),
    ]
    return {
        "type": "modal",
        "callback_id": callback,
        "private_metadata": metadata,
        "title": plain(title[:24]),
        "submit": plain(t("slack.draft.form_submit")),
        "close": plain(t("slack.form.cancel")),
        "blocks": blocks,
    }


def read_draft_form(view: dict[str, Any]) -> tuple[str, str]:
    values = (view.get("state") or {}).get("values") or {}

    def value(block: str) -> str:
        found = (values.get(block) or {}).get(ids.DRAFT_INPUT) or {}
        return str(found.get("value") or "") if isinstance(found, dict) else ""

    return value(ids.DRAFT_Q_BLOCK), value(ids.DRAFT_A_BLOCK)


def progress_blocks(progress: CourseProgress, note: str = "") -> list[Block]:
    """The chapter list (one line each, 👁 / 🙈), the next chapter, and a select to mark one."""
    lines = render_progress(progress)
    blocks: list[Block] = []
    if note:
        blocks.append(section(note))
    blocks += [section(lines[0]), section("\n".join(lines[1:-1])), section(f"*{lines[-1]}*")]
    todo = [c for c in progress.chapters if not c.consulted]
    if todo:
        options = [
            {"text": plain(shorten(chapter_name(c), 75)), "value": str(c.number)} for c in todo
        ]
        blocks.append(
            actions(
                "formation",
                {
                    "type": "static_select",
                    "action_id": ids.FORMATION_MARK,
                    "placeholder": plain(t("slack.formation.mark")),
                    "options": options[:100],
                },
            )
        )
    blocks.append(context(t("slack.formation.hint", command=ids.SLASH_COMMAND)))
    return blocks


def progress_message(progress: CourseProgress, note: str = "") -> Message:
    lines = render_progress(progress)
    return "\n".join(([note] if note else []) + lines), progress_blocks(progress, note)


def tickets_message(tickets: tuple[TicketLine, ...], when: When) -> Message:
    """The lead's open tickets (`/question tickets`), overdue first, with their due time."""
    if not tickets:
        return notice(t("slack.tickets.none"))
    rows = [f"• {lead_ticket_row(k, when)}" for k in tickets]
    return notice("\n".join([t("slack.tickets.title", count=len(tickets)), *rows]))


class SlackLearningRenderer:
    """The learning flows' messages on Slack (bot.flows.learning.LearningRenderer)."""

    def __init__(self, when: When) -> None:
        self.when = when

    def proposal_card(self, proposal: ProposalView, link: str) -> Message:
        return proposal_card(proposal, link)

    def consent_request(self, proposal: ProposalView) -> Message:
        return consent_request(proposal)

    def progress(self, progress: CourseProgress, note: str) -> Message:
        return progress_message(progress, to_mrkdwn(note) if note else "")

    def tickets(self, tickets: tuple[TicketLine, ...]) -> Message:
        return tickets_message(tickets, self.when)
