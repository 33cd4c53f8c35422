"""The lead's forms: Modifier (edit, then publish) and a resolved ticket turned into an anonymised
draft (sent to the asker for consent). Checked before the ack: a lead-only form from anyone
else, or an empty field, gets an error in the modal."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.core import InvalidInput, NotFound
from bot.messages import t
from bot.slack import ids
from bot.slack.learning_blocks import read_draft_form
from bot.slack.requests import draft_errors
from bot.slack.support import Support
from bot.slack.text import from_form


def _checked(ack: Ack, support: Support, user: str, view: dict[str, Any]) -> tuple[str, str] | None:
    errors = draft_errors(view, support.desk.is_lead(user))
    if errors:
        ack(response_action="errors", errors=errors)
        return None
    ack()
    question, answer = read_draft_form(view)
    return from_form(question), from_form(answer)


def on_edit(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: dict[str, Any]) -> None:
    support: Support = context["support"]
    user = str((body.get("user") or {}).get("id") or "")
    texts = _checked(ack, support, user, view)
    proposal_id = ids.unpack(view.get("private_metadata")).get("p")
    if texts is None or not isinstance(proposal_id, int):
        return
    with support.reporting(user, None):
        try:
            p = support.desk.publish(proposal_id, user, question=texts[0], answer=texts[1])
        except InvalidInput as exc:  # the form checks it first; the desk has the last word
            support.io.whisper(None, user, support.render.notice(exc.text))
            return
        except NotFound:
            support.io.whisper(None, user, support.render.notice(t("flow.draft.already")))
            return
        support.learning.decided(p, user, None)


def on_ticket_draft(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: dict[str, Any]
) -> None:
    support: Support = context["support"]
    user = str((body.get("user") or {}).get("id") or "")
    texts = _checked(ack, support, user, view)
    ticket_id = ids.unpack(view.get("private_metadata")).get("tk")
    if texts is None or not isinstance(ticket_id, int):
        return
    with support.reporting(user, None):
        try:
            p = support.desk.draft_from_ticket(ticket_id, user, texts[0], texts[1])
        except NotFound:
            support.io.whisper(None, user, support.render.notice(t("flow.ticket.unknown")))
            return
        support.learning.ask_consent(p, user, None)


def register(app: App) -> None:
    app.view(ids.PROPOSAL_FORM)(on_edit)
    app.view(ids.TICKET_DRAFT_FORM)(on_ticket_draft)
