"""Button clicks (block_actions). Every handler acks first, then works; buttons about a question
check that the clicker is its asker, ticket buttons that the clicker is the support lead (or
ESCALATION_TO), "c'est résolu" on a relayed answer that the clicker is the ticket's asker."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.flows.clicks import Click
from bot.flows.ports import Asked
from bot.messages import t
from bot.slack import ids
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

    def asked(self) -> Asked:
        return Asked(self.question_id, self.user, str(self.value.get("t") or ""))

    def is_asker(self) -> bool:
        return self.value.get("a") == self.user


Handler = Callable[[Support, SlackClick, WebClient], None]


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
        click = SlackClick(body, action)
        if asker_only and not click.is_asker():
            support.clicks.whisper(click.click, t("flow.not_yours"))
            return
        with support.reporting(click.user, click.channel, click.thread_ts):
            fn(support, click, client)

    listener.__name__ = fn.__name__
    return listener


def helped(support: Support, click: SlackClick, client: WebClient) -> None:
    support.clicks.helped(click.click, click.question_id)


def not_solved(support: Support, click: SlackClick, client: WebClient) -> None:
    support.clicks.not_solved(click.click, click.asked())


def ask_community(support: Support, click: SlackClick, client: WebClient) -> None:
    support.clicks.ask_community(click.click, click.question_id)


def ask_private(support: Support, click: SlackClick, client: WebClient) -> None:
    form = question_form(
        prefill=unescape(str(click.value.get("t") or "")),
        private=True,
        question_id=click.question_id,
        channel=click.channel,
    )
    client.views_open(trigger_id=click.trigger_id, view=form)


def show_suggestion(support: Support, click: SlackClick, client: WebClient) -> None:
    support.clicks.show_suggestion(
        click.click,
        kb=str(click.value.get("kb") or ""),
        unit_id=str(click.value.get("u") or ""),
        asked=click.asked(),
    )


def community_solved(support: Support, click: SlackClick, client: WebClient) -> None:
    channel = str(click.value.get("c") or click.channel)
    ts = str(click.value.get("ts") or click.message_ts or "")
    support.clicks.community_solved(click.click, click.question_id, channel=channel, ts=ts)


def ticket_reply(support: Support, click: SlackClick, client: WebClient) -> None:
    ticket = support.clicks.ticket_to_answer(click.click, click.number("tk"))
    if ticket is not None:
        client.views_open(trigger_id=click.trigger_id, view=reply_form(ticket))


def ticket_close(support: Support, click: SlackClick, client: WebClient) -> None:
    support.clicks.ticket_close(click.click, click.number("tk"))


def ticket_asker_solved(support: Support, click: SlackClick, client: WebClient) -> None:
    support.clicks.ticket_asker_solved(click.click, click.number("tk"))


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
