"""Modal submissions. The form is checked BEFORE the ack (errors go back into the modal with
response_action "errors"); the ack closes the modal, then the work runs.

- question form: "Question privée" checked -> a ticket (lead's DM card + asker's confirmation);
  unchecked -> the public flow in the asker's DM (answer, suggestions, or the community). Opened
  from "ask the support privately" on an answer, then unchecked with the text unchanged: the
  question goes straight to the community (the answer did not help).
- lead reply form: the support lead's answer, relayed to the asker's DM.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.core.validation import MAX_QUESTION_CHARS, problem
from bot.messages import t
from bot.slack import ids
from bot.slack.listeners.views import drafts
from bot.slack.requests import details_error
from bot.slack.support import Support
from bot.slack.text import for_matching, from_form
from bot.slack.views import read_details, read_question_form, read_reply_form


def _error(text: str, block: str) -> dict[str, str] | None:
    key = problem(text)
    if key is None:
        return None
    message = t(key, length=len(text.strip()), limit=MAX_QUESTION_CHARS)
    return {block: message}


def on_question(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: dict[str, Any]
) -> None:
    support: Support = context["support"]
    user = str((body.get("user") or {}).get("id") or "")
    raw, private, urgency = read_question_form(view)
    meta = ids.unpack(view.get("private_metadata"))
    intakes = support.learning.chosen_intakes(meta.get("i"))
    details = read_details(view, intakes)
    errors = _error(raw, ids.Q_BLOCK) or details_error(details, private, intakes)
    if errors:
        ack(response_action="errors", errors=errors)
        return
    ack()
    question_id = meta.get("q") if isinstance(meta.get("q"), int) else None
    text = from_form(raw)
    with support.reporting(user, None):
        support.clicks.question_form(
            user=user,
            text=text,
            private=private,
            urgency=urgency,
            question_id=question_id,
            kb_channel=meta.get("c"),
            match_text=for_matching(text),
            details={k: from_form(v) if isinstance(v, str) else v for k, v in details.items()},
        )


def on_lead_reply(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: dict[str, Any]
) -> None:
    support: Support = context["support"]
    user = str((body.get("user") or {}).get("id") or "")
    text = read_reply_form(view)
    if not text.strip():
        ack(response_action="errors", errors={ids.REPLY_BLOCK: t("slack.form.reply_empty")})
        return
    if not support.is_lead(user):
        ack(response_action="errors", errors={ids.REPLY_BLOCK: t("flow.lead_only")})
        return
    ack()
    ticket_id = ids.unpack(view.get("private_metadata")).get("tk")
    with support.reporting(user, None):
        support.clicks.lead_reply(
            user, ticket_id if isinstance(ticket_id, int) else None, from_form(text)
        )


def register(app: App) -> None:
    app.view(ids.QUESTION_FORM)(on_question)
    app.view(ids.LEAD_REPLY_FORM)(on_lead_reply)
    drafts.register(app)
