"""What the listeners call: one object holding the settings, the desk, the Web API helpers and the
two flows (public questions, private tickets), plus the routing of incoming messages.

Message routing:
- DM (channel_type im): a follow-up to the sender's open ticket if they have one (it goes to the
  lead, privately), otherwise a question answered in the DM. DB down: the desk spools it as a
  possible follow-up and the knowledge answers, with the "store.down" notice.
- a help channel (settings.help_channels), top level: a question answered in its thread.
  A message that mentions the bot is left to the app_mention listener (no double answer).
- a reply in a community thread: the asker is told (with a link).
- other bots, the bot itself, edits, deletions, joins...: ignored.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from slack_sdk import WebClient

from bot.config import Settings
from bot.core import Desk, StoreUnavailable
from bot.messages import t
from bot.sla.calendar import SlaCalendar
from bot.sla.wording import when_phrase
from bot.slack import blocks
from bot.slack.learning import Learning
from bot.slack.questions import Questions
from bot.slack.slack_io import SlackIO
from bot.slack.text import mentions, strip_mention
from bot.slack.tickets import Tickets

log = logging.getLogger(__name__)
HUMAN_SUBTYPES = {None, "", "file_share", "thread_broadcast"}
SOLVED_REACTIONS = {"white_check_mark", "heavy_check_mark", "white_check_mark::skin-tone-2"}


class Support:
    def __init__(self, settings: Settings, desk: Desk, client: WebClient) -> None:
        self.settings = settings
        self.desk = desk
        self.io = SlackIO(client)
        self.calendar = SlaCalendar.from_settings(settings)
        self.learning = Learning(settings, desk, self.io, self.when)
        self.questions = Questions(settings, desk, self.io, self.learning)
        self.tickets = Tickets(settings, desk, self.io, self.when)

    def when(self, instant: Any) -> str:
        return when_phrase(instant, self.calendar)

    @contextmanager
    def reporting(
        self, user: str | None, channel: str | None, thread_ts: str | None = None
    ) -> Iterator[None]:
        """Run a flow; DB down -> "store.down", any other failure -> a French apology."""
        try:
            yield
        except StoreUnavailable:
            self._tell(user, channel, thread_ts, t("store.down"))
        except Exception:
            log.exception("flow failed")
            self._tell(user, channel, thread_ts, t("slack.error"))

    def _tell(
        self, user: str | None, channel: str | None, thread_ts: str | None, text: str
    ) -> None:
        try:
            if channel and channel.startswith("D") or (user and not channel):
                target = channel or self.io.dm_channel(str(user))
                self.io.post(target, blocks.notice(text), thread_ts=thread_ts)
            elif user:
                self.io.ephemeral(channel, user, text)
        except Exception:  # noqa: BLE001 - Slack itself is failing: nothing more to do
            log.exception("could not tell the user")

    # --- incoming messages --------------------------------------------------------------------
    def on_message(self, event: dict[str, Any], bot_user_id: str | None) -> None:
        if event.get("bot_id") or event.get("subtype") not in HUMAN_SUBTYPES:
            return
        user, channel = event.get("user"), event.get("channel")
        text = event.get("text")
        if not isinstance(user, str) or not isinstance(channel, str) or not isinstance(text, str):
            return
        ts, thread_ts = event.get("ts"), event.get("thread_ts")
        if event.get("channel_type") == "im" or channel.startswith("D"):
            with self.reporting(user, channel, thread_ts):
                record = True
                try:
                    if self.tickets.followup(user=user, text=text):
                        return
                except StoreUnavailable:
                    # spooled as a follow-up in case there is an open ticket; meanwhile the
                    # knowledge still answers, and nothing is recorded as a question: the text
                    # may be private, so it must never reach the community, even if the
                    # database is back a moment later
                    log.warning("database down: DM from %s answered from the knowledge", user)
                    record = False
                self.questions.ask(
                    user=user,
                    text=text,
                    channel=channel,
                    thread_ts=thread_ts,
                    kb_channel=channel,
                    record=record,
                )
            return
        if channel == self.settings.community_channel and thread_ts and thread_ts != ts:
            with self.reporting(None, None):
                self.questions.community_reply(
                    channel=channel, thread_ts=str(thread_ts), ts=str(ts), user=user, text=text
                )
            return
        if channel in self.settings.help_channels and (not thread_ts or thread_ts == ts):
            if mentions(text, bot_user_id):
                return  # the app_mention listener answers it
            with self.reporting(user, channel, str(ts)):
                self.questions.ask(
                    user=user, text=text, channel=channel, thread_ts=str(ts), kb_channel=channel
                )

    def on_mention(self, event: dict[str, Any], bot_user_id: str | None) -> None:
        user, channel, text = event.get("user"), event.get("channel"), event.get("text")
        if event.get("bot_id") or not isinstance(user, str) or not isinstance(channel, str):
            return
        if not isinstance(text, str):
            return
        thread_ts = event.get("thread_ts") or event.get("ts")
        if channel == self.settings.community_channel and event.get("thread_ts"):
            return  # a reply in a community thread: the message listener handles it
        with self.reporting(user, channel, thread_ts):
            self.questions.ask(
                user=user,
                text=strip_mention(text, bot_user_id),
                channel=channel,
                thread_ts=thread_ts,
                kb_channel=channel,
            )

    def on_reaction(self, event: dict[str, Any]) -> None:
        item = event.get("item") or {}
        if event.get("reaction") not in SOLVED_REACTIONS or item.get("type") != "message":
            return
        channel, ts, user = item.get("channel"), item.get("ts"), event.get("user")
        if channel != self.settings.community_channel or not ts or not isinstance(user, str):
            return
        with self.reporting(None, None):
            # ✅ on the post: solved; ✅ on a member's reply: that reply is the solution
            if not self.questions.solve(by=user, channel=channel, ts=str(ts)):
                self.questions.accept(by=user, channel=channel, ts=str(ts))
