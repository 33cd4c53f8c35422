"""Block Kit views: the question form (help center wording), the lead's reply form, App Home.

`read_question_form(view)` and `read_reply_form(view)` read a view_submission's state back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.knowledge.intake import Intake
from bot.messages import t
from bot.slack import ids
from bot.slack.blocks import context, plain, section
from bot.slack.text import quote

FORM_MAX = 3000  # Slack's limit for a plain_text_input


def _option(value: str, text: str, description: str | None = None) -> dict[str, Any]:
    option: dict[str, Any] = {"text": plain(text), "value": value}
    if description:
        option["description"] = plain(description)
    return option


def question_form(
    *,
    prefill: str = "",
    private: bool = False,
    question_id: int | None = None,
    channel: str | None = None,
    intakes: Sequence[Intake] = (),
    urgent_hours: int = 12,
    deadline_hours: int = 48,
) -> dict[str, Any]:
    """The help center's form: question, "Question privée" checkbox, urgency (what "Urgente"
    means is said: SLA_URGENT_HOURS), then what each base in `intakes` asks for (optional
    fields, sent with a private question only)."""
    private_option = _option(
        ids.PRIVATE_VALUE, t("slack.form.private_option"), t("slack.form.private_option_hint")
    )
    checkbox: dict[str, Any] = {
        "type": "checkboxes",
        "action_id": ids.PRIVATE_INPUT,
        "options": [private_option],
    }
    if private:
        checkbox["initial_options"] = [private_option]
    urgencies = [
        _option(
            u,
            t(f"slack.urgency.{u}"),
            t(f"slack.urgency_hint.{u}", hours=urgent_hours, deadline=deadline_hours),
        )
        for u in ids.URGENCIES
    ]
    question: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": ids.Q_INPUT,
        "multiline": True,
        "max_length": FORM_MAX,
        "min_length": 1,
    }
    if prefill.strip():
        question["initial_value"] = prefill.strip()[:FORM_MAX]
    return {
        "type": "modal",
        "callback_id": ids.QUESTION_FORM,
        "private_metadata": ids.pack(q=question_id, c=channel, i=[i.kb for i in intakes] or None),
        "title": plain(t("slack.form.title")),
        "submit": plain(t("slack.form.submit")),
        "close": plain(t("slack.form.cancel")),
        "blocks": [
            {
                "type": "input",
                "block_id": ids.Q_BLOCK,
                "label": plain(t("slack.form.question")),
                "hint": plain(t("slack.form.question_hint")),
                "element": question,
            },
            section(f"*{t('slack.form.private_label')}*\n{t('slack.form.private_wording')}"),
            {
                "type": "input",
                "block_id": ids.PRIVATE_BLOCK,
                "optional": True,
                "label": plain(t("slack.form.private_label")),
                "element": checkbox,
                "hint": {"type": "plain_text", "text": t("slack.form.private_description")},
            },
            {
                "type": "input",
                "block_id": ids.URGENCY_BLOCK,
                "label": plain(t("slack.form.urgency")),
                "hint": plain(t("slack.form.urgency_hint")),
                "element": {
                    "type": "radio_buttons",
                    "action_id": ids.URGENCY_INPUT,
                    "options": urgencies,
                    "initial_option": urgencies[0],
                },
            },
            *intake_blocks(intakes),
        ],
    }


INTAKE_MAX = 300  # a name, an address, a phone number


def intake_blocks(intakes: Sequence[Intake]) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    for intake in intakes:
        blocks.append(section(f"*{intake.title}*\n{intake.hint}"))
        for f in intake.fields:
            element: dict[str, Any]
            if f.type == "files":
                element = {
                    "type": "file_input",
                    "action_id": ids.Q_INPUT,
                    "filetypes": ["png", "jpg", "jpeg", "gif", "pdf"],
                    "max_files": 5,
                }
            else:
                element = {
                    "type": "plain_text_input",
                    "action_id": ids.Q_INPUT,
                    "max_length": INTAKE_MAX,
                }
            blocks.append(
                {
                    "type": "input",
                    "block_id": f"{ids.INTAKE_PREFIX}{intake.kb}__{f.id}",
                    "optional": True,
                    "label": plain(f.label),
                    "element": element,
                }
            )
    return blocks


def read_details(view: dict[str, Any], intakes: Sequence[Intake]) -> dict[str, Any]:
    """label -> text (or a list of {name, permalink} for files), filled fields only."""
    details: dict[str, Any] = {}
    for intake in intakes:
        for f in intake.fields:
            state = _state(view, f"{ids.INTAKE_PREFIX}{intake.kb}__{f.id}", ids.Q_INPUT)
            if f.type == "files":
                files = [
                    {"name": str(x.get("name") or ""), "permalink": str(x.get("permalink") or "")}
                    for x in state.get("files") or []
                    if isinstance(x, dict)
                ]
                if files:
                    details[f.label] = files
            elif str(state.get("value") or "").strip():
                details[f.label] = str(state["value"]).strip()[:INTAKE_MAX]
    return details


def _state(view: dict[str, Any], block: str, action: str) -> dict[str, Any]:
    state = view.get("state")
    values = state.get("values") if isinstance(state, dict) else None
    row = values.get(block) if isinstance(values, dict) else None
    found = row.get(action) if isinstance(row, dict) else None
    return found if isinstance(found, dict) else {}


def read_question_form(view: dict[str, Any]) -> tuple[str, bool, str]:
    """(question text as typed, private?, urgency)."""
    text = _state(view, ids.Q_BLOCK, ids.Q_INPUT).get("value") or ""
    chosen = _state(view, ids.PRIVATE_BLOCK, ids.PRIVATE_INPUT).get("selected_options") or []
    private = any(isinstance(o, dict) and o.get("value") == ids.PRIVATE_VALUE for o in chosen)
    option = _state(view, ids.URGENCY_BLOCK, ids.URGENCY_INPUT).get("selected_option") or {}
    urgency = option.get("value") if isinstance(option, dict) else None
    return str(text), private, urgency if urgency in ids.URGENCIES else "normal"


def reply_form(ticket: Any) -> dict[str, Any]:
    """The lead's answer to a ticket (only the lead sees this modal)."""
    return {
        "type": "modal",
        "callback_id": ids.LEAD_REPLY_FORM,
        "private_metadata": ids.pack(tk=ticket.id),
        "title": plain(t("slack.ticket.reply_title", id=ticket.id)[:24]),
        "submit": plain(t("slack.form.submit")),
        "close": plain(t("slack.form.cancel")),
        "blocks": [
            section(
                t("slack.ticket.reply_question", asker=ticket.asker, question=quote(ticket.text))
            ),
            {
                "type": "input",
                "block_id": ids.REPLY_BLOCK,
                "label": plain(t("slack.ticket.reply_label")),
                "element": {
                    "type": "plain_text_input",
                    "action_id": ids.REPLY_INPUT,
                    "multiline": True,
                    "max_length": FORM_MAX,
                },
            },
        ],
    }


def read_reply_form(view: dict[str, Any]) -> str:
    return str(_state(view, ids.REPLY_BLOCK, ids.REPLY_INPUT).get("value") or "")


def home_view() -> dict[str, Any]:
    command = ids.SLASH_COMMAND
    return {
        "type": "home",
        "blocks": [
            {"type": "header", "text": plain(t("slack.home.title"))},
            section(t("slack.home.intro")),
            {"type": "divider"},
            section(t("slack.home.how", command=command)),
            section(t("slack.home.public")),
            section(t("slack.home.private", command=command)),
            context(t("slack.help", command=command)),
        ],
    }
