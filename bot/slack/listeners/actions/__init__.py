"""Button clicks (block_actions). Every handler acks first, then works; buttons about a question
check that the clicker is its asker, ticket buttons that the clicker is the support lead (or
ESCALATION_TO), "c'est résolu" on a relayed answer that the clicker is the ticket's asker."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.core import NotFound
from bot.messages import t
from bot.slack import blocks, ids
from bot.slack.listeners.actions import drafts
from bot.slack.support import Support
from bot.slack.text import unescape
from bot.slack.views import question_form, reply_form


class Click:
    """Who clicked what, where: read from a block_actions payload."""

    def __init__(self, body: dict[str, Any], action: dict[str, Any]) -> None:
        container = body.get("container") or {}
        message = body.get("message") or {}
        self.user: str = str((body.get("user") or {}).get("id") or "")
        self.channel: str = str(
            (body.get("channel") or {}).get("id") or container.get("channel_id") or ""
        )
        self.message_ts: str | None = container.get("message_ts") or message.get("ts")
        self.thread_ts: str | None = container.get("thread_ts") or message.get("thread_ts")
        self.trigger_id: str | None = body.get("trigger_id")
        self.value = ids.unpack(action.get("value"))

    @property
    def question_id(self) -> int | None:
        q = self.value.get("q")
        return q if isinstance(q, int) else None

    def is_asker(self) -> bool:
        return self.value.get("a") == self.user


Handler = Callable[[Support, Click, WebClient], None]


def handler(fn: Handler, *, asker_only: bool = False) -> Callable[..., None]:
    def listener(
        ack: Ack,
        body: dict[str, Any],
        action: dict[str, Any],
        context: dict[str, Any],
        client: WebClient,
    ) -> None:
        ack()
        support: Support = context["support"]
        click = Click(body, action)
        if asker_only and not click.is_asker():
            support.io.ephemeral(click.channel, click.user, t("slack.not_yours"))
            return
        with support.reporting(click.user, click.channel, click.thread_ts):
            fn(support, click, client)

    listener.__name__ = fn.__name__
    return listener


def helped(support: Support, click: Click, client: WebClient) -> None:
    support.questions.feedback(click.question_id, click.user, True)
    support.io.ephemeral(click.channel, click.user, t("slack.feedback.thanks"))


def not_solved(support: Support, click: Click, client: WebClient) -> None:
    support.questions.feedback(click.question_id, click.user, False)
    message = blocks.choices_message(
        t("slack.feedback.not_solved"),
        click.question_id,
        click.user,
        str(click.value.get("t") or ""),
    )
    support.io.post(click.channel, message, thread_ts=click.thread_ts)


def ask_community(support: Support, click: Click, client: WebClient) -> None:
    if click.question_id is not None:
        support.questions.to_community(
            click.question_id,
            user=click.user,
            reply_channel=click.channel,
            reply_thread=click.thread_ts,
        )


def ask_private(support: Support, click: Click, client: WebClient) -> None:
    form = question_form(
        prefill=unescape(str(click.value.get("t") or "")),
        private=True,
        question_id=click.question_id,
        channel=click.channel,
        intakes=support.learning.intakes_for(click.channel, click.question_id),
    )
    client.views_open(trigger_id=click.trigger_id, view=form)


def show_suggestion(support: Support, click: Click, client: WebClient) -> None:
    support.questions.show_unit(
        kb=str(click.value.get("kb") or ""),
        unit_id=str(click.value.get("u") or ""),
        question_id=click.question_id,
        user=click.user,
        text=str(click.value.get("t") or ""),
        channel=click.channel,
        thread_ts=click.thread_ts,
    )


def community_solved(support: Support, click: Click, client: WebClient) -> None:
    channel = str(click.value.get("c") or click.channel)
    ts = str(click.value.get("ts") or click.message_ts or "")
    solved = support.questions.solve(
        by=click.user, channel=channel, ts=ts, question_id=click.question_id
    )
    if solved and channel != click.channel:
        support.io.ephemeral(click.channel, click.user, t("slack.community.solved_ack"))


def _ticket_id(click: Click) -> int | None:
    tk = click.value.get("tk")
    return tk if isinstance(tk, int) else None


def ticket_reply(support: Support, click: Click, client: WebClient) -> None:
    if not support.tickets.is_lead(click.user):
        support.io.ephemeral(click.channel, click.user, t("slack.lead_only"))
        return
    try:
        ticket = support.desk.get_ticket(_ticket_id(click) or 0)
    except NotFound:
        support.io.ephemeral(click.channel, click.user, t("slack.ticket.unknown"))
        return
    if ticket.status == "closed":
        support.io.ephemeral(click.channel, click.user, t("slack.ticket.closed_already"))
        return
    client.views_open(trigger_id=click.trigger_id, view=reply_form(ticket))


def ticket_close(support: Support, click: Click, client: WebClient) -> None:
    if not support.tickets.is_lead(click.user):
        support.io.ephemeral(click.channel, click.user, t("slack.lead_only"))
        return
    if support.tickets.close(_ticket_id(click) or 0, click.user) is None:
        support.io.ephemeral(click.channel, click.user, t("slack.ticket.unknown"))


def ticket_asker_solved(support: Support, click: Click, client: WebClient) -> None:
    try:
        ticket = support.desk.get_ticket(_ticket_id(click) or 0)
    except NotFound:
        return
    if ticket.asker != click.user:
        support.io.ephemeral(click.channel, click.user, t("slack.not_yours"))
        return
    support.tickets.close(ticket.id, click.user)


def register(app: App) -> None:
    app.action(ids.HELPED)(handler(helped, asker_only=True))
    app.action(ids.NOT_SOLVED)(handler(not_solved, asker_only=True))
    app.action(ids.ASK_COMMUNITY)(handler(ask_community, asker_only=True))
    app.action(ids.ASK_PRIVATE)(handler(ask_private, asker_only=True))
    app.action(re.compile(rf"^{ids.SHOW_SUGGESTION}_\d+$"))(
        handler(show_suggestion, asker_only=True)
    )
    app.action(ids.SOLVED_IN_COMMUNITY)(handler(community_solved, asker_only=True))
    app.action(ids.TICKET_REPLY)(handler(ticket_reply))
    app.action(ids.TICKET_CLOSE)(handler(ticket_close))
    app.action(ids.TICKET_ASKER_SOLVED)(handler(ticket_asker_solved))
    drafts.register(app)
