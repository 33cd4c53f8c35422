"""Button clicks (block_actions). Every handler acks first, then works. Buttons carry ids only
(`q`, `tk`, `u`/`kb`); the shared flows (bot.flows.clicks) check the clicker against the
database: a question's buttons are its asker's, ticket buttons the support lead's (or
ESCALATION_TO's), "c'est résolu" and "rouvrir" on a ticket its asker's."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.flows.clicks import Click
from bot.slack import ids
from bot.slack.listeners.actions import drafts
from bot.slack.support import Support
from bot.slack.text import unescape
from bot.slack.views import question_form, reply_form


class SlackClick:
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
        self.click = Click(self.user, self.channel, self.thread_ts, self.message_ts)

    def number(self, key: str) -> int | None:
        found = self.value.get(key)
        return found if isinstance(found, int) else None

    @property
    def question_id(self) -> int | None:
        return self.number("q")


Handler = Callable[[Support, SlackClick, WebClient], None]


def handler(fn: Handler) -> Callable[..., None]:
    def listener(
        ack: Ack,
        body: dict[str, Any],
        action: dict[str, Any],
        context: dict[str, Any],
        client: WebClient,
    ) -> None:
        ack()
        support: Support = context["support"]
        click = SlackClick(body, action)
        with support.reporting(click.user, click.channel, click.thread_ts):
            fn(support, click, client)

    listener.__name__ = fn.__name__
    return listener


def helped(support: Support, click: SlackClick, client: WebClient) -> None:
    support.clicks.helped(click.click, click.question_id)


def not_solved(support: Support, click: SlackClick, client: WebClient) -> None:
    support.clicks.not_solved(click.click, click.question_id)


def ask_community(support: Support, click: SlackClick, client: WebClient) -> None:
    support.clicks.ask_community(click.click, click.question_id)


def ask_private(support: Support, click: SlackClick, client: WebClient) -> None:
    asked = support.clicks.owned(click.click, click.question_id)
    if asked is None:
        return
    form = question_form(
        prefill=unescape(asked.text),
        private=True,
        question_id=asked.question_id,
        channel=click.channel,
        intakes=support.learning.intakes_for(click.channel, asked.question_id),
        urgent_hours=support.settings.sla_urgent_hours,
        deadline_hours=support.settings.sla_deadline_hours,
    )
    client.views_open(trigger_id=click.trigger_id, view=form)


def show_suggestion(support: Support, click: SlackClick, client: WebClient) -> None:
    support.clicks.show_suggestion(
        click.click,
        click.question_id,
        kb=str(click.value.get("kb") or ""),
        unit_id=str(click.value.get("u") or ""),
    )


def community_solved(support: Support, click: SlackClick, client: WebClient) -> None:
    support.clicks.community_solved(click.click, click.question_id)


def ticket_reply(support: Support, click: SlackClick, client: WebClient) -> None:
    ticket = support.clicks.ticket_to_answer(click.click, click.number("tk"))
    if ticket is not None:
        client.views_open(trigger_id=click.trigger_id, view=reply_form(ticket))


def ticket_close(support: Support, click: SlackClick, client: WebClient) -> None:
    support.clicks.ticket_close(click.click, click.number("tk"))


def ticket_reopen(support: Support, click: SlackClick, client: WebClient) -> None:
    support.clicks.ticket_reopen(click.click, click.number("tk"))


def add_to_ticket(support: Support, click: SlackClick, client: WebClient) -> None:
    support.clicks.add_to_ticket(click.click, click.number("tk"), click.question_id)


def ticket_asker_solved(support: Support, click: SlackClick, client: WebClient) -> None:
    support.clicks.ticket_asker_solved(click.click, click.number("tk"))


def register(app: App) -> None:
    app.action(ids.HELPED)(handler(helped))
    app.action(ids.NOT_SOLVED)(handler(not_solved))
    app.action(ids.ASK_COMMUNITY)(handler(ask_community))
    app.action(ids.ASK_PRIVATE)(handler(ask_private))
    app.action(re.compile(rf"^{ids.SHOW_SUGGESTION}_\d+$"))(handler(show_suggestion))
    app.action(ids.SOLVED_IN_COMMUNITY)(handler(community_solved))
    app.action(ids.TICKET_REPLY)(handler(ticket_reply))
    app.action(ids.TICKET_CLOSE)(handler(ticket_close))
    app.action(ids.TICKET_ASKER_SOLVED)(handler(ticket_asker_solved))
    drafts.register(app)
    app.action(ids.TICKET_REOPEN)(handler(ticket_reopen))
    app.action(re.compile(rf"^{ids.ADD_TO_TICKET}_\d+$"))(handler(add_to_ticket))
