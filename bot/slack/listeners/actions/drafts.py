"""Buttons of the knowledge that grows and the training. Every handler acks first. A button
carries an id only; who may act comes from the database and the settings: only SUPPORT_LEAD
publishes, edits, ignores or turns a ticket into a draft; only the ticket's asker consents;
the chapter select marks the clicker's own progress."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.core import NotFound
from bot.core.learning_views import NotAllowed
from bot.messages import t
from bot.slack import ids
from bot.slack.learning_blocks import draft_form
from bot.slack.support import Support

Handler = Callable[[Support, str, str, Any, dict[str, Any], WebClient], None]


def _listener(fn: Handler) -> Callable[..., None]:
    def listener(
        ack: Ack,
        body: dict[str, Any],
        action: dict[str, Any],
        context: dict[str, Any],
        client: WebClient,
    ) -> None:
        ack()
        support: Support = context["support"]
        user = str((body.get("user") or {}).get("id") or "")
        channel = str((body.get("channel") or {}).get("id") or "")
        value = (
            action.get("selected_option", {}).get("value") if "selected_option" in action else None
        )
        key = value if value is not None else ids.unpack(action.get("value")).get("p")
        with support.reporting(user, channel):
            try:
                fn(support, user, channel, key, body, client)
            except NotAllowed:
                _tell(support, channel, user, t("flow.lead_only"))
            except NotFound:
                _tell(support, channel, user, t("flow.draft.already"))

    listener.__name__ = fn.__name__
    return listener


def _tell(support: Support, channel: str, user: str, text: str) -> None:
    support.io.whisper(channel or None, user, support.render.notice(text))


def _id(key: Any) -> int:
    if not isinstance(key, int):
        raise NotFound("no proposal id")
    return key


def publish(support: Support, user: str, channel: str, key: Any, body: Any, client: Any) -> None:
    support.learning.decided(support.desk.publish(_id(key), user), user, channel)


def ignore(support: Support, user: str, channel: str, key: Any, body: Any, client: Any) -> None:
    support.learning.decided(support.desk.ignore(_id(key), user), user, channel)


def edit(support: Support, user: str, channel: str, key: Any, body: Any, client: Any) -> None:
    if not support.desk.is_lead(user):
        raise NotAllowed(user)
    p = support.desk.get_proposal(_id(key))
    if p.status != "waiting":
        raise NotFound(f"proposal {p.id}")
    form = draft_form(
        ids.PROPOSAL_FORM, ids.pack(p=p.id), t("slack.draft.form_title"), p.question, p.answer
    )
    client.views_open(trigger_id=body.get("trigger_id"), view=form)


def ticket_to_faq(
    support: Support, user: str, channel: str, key: Any, body: Any, client: Any
) -> None:
    if not support.desk.is_lead(user):
        raise NotAllowed(user)
    ticket_id = ids.unpack(((body.get("actions") or [{}])[0]).get("value")).get("tk")
    ticket = support.desk.get_ticket(ticket_id if isinstance(ticket_id, int) else 0)
    form = draft_form(
        ids.TICKET_DRAFT_FORM,
        ids.pack(tk=ticket.id),
        t("slack.draft.ticket_form_title"),
        ticket.text,
        "",
        hint=t("slack.draft.ticket_form_hint"),
    )
    form["submit"]["text"] = t("slack.draft.ticket_form_submit")
    client.views_open(trigger_id=body.get("trigger_id"), view=form)


def consent(agree: bool) -> Handler:
    def answer(support: Support, user: str, channel: str, key: Any, body: Any, client: Any) -> None:
        try:
            support.desk.consent(_id(key), user, agree)
        except NotFound:
            _tell(support, channel, user, t("flow.draft.consent_done"))
            return
        done = "flow.draft.consent_thanks" if agree else "flow.draft.consent_refused"
        _tell(support, channel, user, t(done))
        if agree:
            support.learning.announce_pending()

    answer.__name__ = "consent_yes" if agree else "consent_no"
    return answer


def mark_chapter(
    support: Support, user: str, channel: str, key: Any, body: Any, client: Any
) -> None:
    number = int(key) if isinstance(key, str) and key.isdigit() else 0
    try:
        support.io.dm(user, support.learning.mark(user, number))
    except NotFound:
        _tell(support, channel, user, support.learning.unknown_chapter())


def register(app: App) -> None:
    app.action(ids.PROPOSAL_PUBLISH)(_listener(publish))
    app.action(ids.PROPOSAL_IGNORE)(_listener(ignore))
    app.action(ids.PROPOSAL_EDIT)(_listener(edit))
    app.action(ids.TICKET_TO_FAQ)(_listener(ticket_to_faq))
    app.action(ids.CONSENT_YES)(_listener(consent(True)))
    app.action(ids.CONSENT_NO)(_listener(consent(False)))
    app.action(ids.FORMATION_MARK)(_listener(mark_chapter))
