"""What a verified Slack request is, decided without the database or the Web API (pure).

- `inbox_key(payload)`: the id a request is recorded under, so that a retry is recognised:
  `ev:<event_id>`, `act:<trigger_id>`, `view:<view id>` (a modal is submitted once), `cmd:<...>`.
- `form_errors(payload, leads)`: the one synchronous answer, errors shown inside the modal.
- `help_answer(payload)`: `/question aide` answered in the ack (ephemeral, nothing stored).
- `opens_modal(payload)`: the interactions whose only effect is to open a modal. Slack's
  trigger_id is valid 3 seconds and can be used once: such a request cannot be handled later, and
  it changes nothing that could be lost, so it is handled at once after the ack (the "fast lane"),
  not through the inbox. A retry of it later would fail with an expired trigger anyway.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from bot.core.proposals import MAX_TITLE, checked_text
from bot.core.validation import MAX_QUESTION_CHARS, problem
from bot.core.views import InvalidInput
from bot.knowledge.intake import Intake
from bot.messages import t
from bot.slack import ids
from bot.slack.learning_blocks import read_draft_form
from bot.slack.views import read_details, read_question_form, read_reply_form

HELP_WORDS = {"aide", "help", "?"}
MODAL_BUTTONS = frozenset({ids.ASK_PRIVATE, ids.TICKET_REPLY, ids.PROPOSAL_EDIT, ids.TICKET_TO_FAQ})
DURABLE_WORDS = {"absence", "tickets"}  # `/question absence|tickets`: through the inbox


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def is_command(payload: dict[str, Any]) -> bool:
    return isinstance(payload.get("command"), str) and "type" not in payload


def command_words(payload: dict[str, Any]) -> list[str]:
    return _str(payload.get("text")).split()


def inbox_key(payload: dict[str, Any], raw: bytes) -> str:
    kind = _str(payload.get("type"))
    if kind == "event_callback" and _str(payload.get("event_id")):
        return "ev:" + payload["event_id"][:150]
    if kind == "view_submission" and _str(_dict(payload.get("view")).get("id")):
        return "view:" + payload["view"]["id"][:150]
    if _str(payload.get("trigger_id")):
        prefix = "cmd:" if is_command(payload) else "act:"
        return prefix + payload["trigger_id"][:150]
    return "raw:" + hashlib.sha256(raw).hexdigest()


def form_errors(
    payload: dict[str, Any],
    leads: set[str],
    *,
    lead: str | None = None,
    intakes: Mapping[str, Intake] | None = None,
) -> dict[str, str] | None:
    """`{block_id: French message}` for a form that cannot be taken as it is, else None: the
    same checks as the listeners, made at the door (no database, no Web API)."""
    if payload.get("type") != "view_submission":
        return None
    view = _dict(payload.get("view"))
    callback = view.get("callback_id")
    user = _str(_dict(payload.get("user")).get("id"))
    if callback == ids.QUESTION_FORM:
        raw, private, _ = read_question_form(view)
        key = problem(raw)
        if key is not None:
            return {ids.Q_BLOCK: t(key, length=len(raw.strip()), limit=MAX_QUESTION_CHARS)}
        names = ids.unpack(view.get("private_metadata")).get("i")
        known = intakes or {}
        chosen = [known[n] for n in names if n in known] if isinstance(names, list) else []
        return details_error(read_details(view, chosen), private, chosen)
    if callback == ids.LEAD_REPLY_FORM:
        if not read_reply_form(view).strip():
            return {ids.REPLY_BLOCK: t("slack.form.reply_empty")}
        if user not in leads:
            return {ids.REPLY_BLOCK: t("flow.lead_only")}
    if callback in (ids.PROPOSAL_FORM, ids.TICKET_DRAFT_FORM):
        return draft_errors(view, bool(user and user == lead))
    return None


def draft_errors(view: dict[str, Any], by_lead: bool) -> dict[str, str] | None:
    """The lead's draft form (Modifier, or a ticket made a draft): a title of at most MAX_TITLE
    characters, an answer, both readable; the lead's only."""
    errors = {}
    question, answer = read_draft_form(view)
    # the desk's own checks (what publish and draft_from_ticket accept), made before the ack
    for block, text, limit in (
        (ids.DRAFT_Q_BLOCK, question, MAX_TITLE),
        (ids.DRAFT_A_BLOCK, answer, None),
    ):
        try:
            checked_text(text, limit=limit)
        except InvalidInput as exc:
            errors[block] = exc.text
    if not errors and not by_lead:
        errors[ids.DRAFT_A_BLOCK] = t("flow.lead_only")
    return errors or None


def details_error(
    details: dict[str, Any], private: bool, intakes: list[Intake]
) -> dict[str, str] | None:
    """Personal details (a client's name, address...) travel with a private question only."""
    if not details or private:
        return None
    blocks = [f"{ids.INTAKE_PREFIX}{i.kb}__{f.id}" for i in intakes for f in i.fields]
    labels = [f.label for i in intakes for f in i.fields]
    first = next(b for b, label in zip(blocks, labels, strict=True) if label in details)
    return {first: t("slack.intake.private_only")}


def help_answer(payload: dict[str, Any]) -> str | None:
    words = command_words(payload) if is_command(payload) else []
    if len(words) == 1 and words[0].lower() in HELP_WORDS:
        return t("slack.help", command=ids.SLASH_COMMAND)
    return None


def opens_modal(payload: dict[str, Any]) -> bool:
    if is_command(payload):
        if payload.get("command") != ids.SLASH_COMMAND:
            return False  # /formation: a list in the DM, through the inbox
        words = command_words(payload)
        return not (words and words[0].lower() in DURABLE_WORDS)
    if payload.get("type") == "block_actions":
        actions = payload.get("actions")
        first = _dict(actions[0]) if isinstance(actions, list) and actions else {}
        return first.get("action_id") in MODAL_BUTTONS
    return False
