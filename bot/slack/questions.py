"""Public questions: answer from the knowledge, suggest, hand over to the community.

Routing decisions (flow 1 and 2 of the issue):
- answered: the answer with its source, in the thread when asked in a channel; buttons: it helped
  / not solved / ask the community / ask the support privately.
- unsure: up to 3 suggestions ("see the answer" buttons) and the same two choices; the ASKER
  decides whether the question goes to the community ("Demander à la communauté").
- nothing found at all: the question is posted to COMMUNITY_CHANNEL automatically and the asker
  is told where (with a link); they can still ask the support privately. Without a community
  channel configured they are offered the private form instead.
- smalltalk / invalid input (empty, too long, binary): the desk's French text, nothing else.
- DB down: the knowledge still answers (the desk spools the record) and the asker is told with
  "store.down"; nothing is posted to the community (it could not be recorded).
A DM from someone with an open private ticket is a follow-up to it (see `tickets.py`), never a
new public question: a private conversation stays private.
"""

from __future__ import annotations

import logging

from bot.config import Settings
from bot.core import (
    CommunityNotice,
    Desk,
    NotFound,
    PrivateQuestion,
    Reply,
    StoreUnavailable,
)
from bot.messages import t
from bot.slack import blocks
from bot.slack.learning import Learning
from bot.slack.slack_io import SlackIO
from bot.slack.text import for_matching, from_slack

log = logging.getLogger(__name__)


class Questions:
    def __init__(self, settings: Settings, desk: Desk, io: SlackIO, learning: Learning) -> None:
        self.settings = settings
        self.desk = desk
        self.io = io
        self.learning = learning

    def ask(
        self,
        *,
        user: str,
        text: str,
        channel: str,
        thread_ts: str | None,
        kb_channel: str | None,
        record: bool = True,
    ) -> Reply:
        """Answer `text` where it was asked (`thread_ts`: reply in that thread). `record=False`:
        answer from the knowledge only; nothing is stored, so nothing can go public."""
        kb = self.settings.kb_for_channel(kb_channel)
        reply = self.desk.ask(
            asker=user,
            text=text,
            kb=kb,
            origin="slack",
            channel=channel,
            thread_ts=thread_ts,
            match_text=for_matching(text),
            record=record,
        )
        qid = reply.question_id
        if reply.kind == "answer" and reply.unit is not None:
            answer = self.desk.knowledge.render(reply.unit, "mrkdwn")
            self.io.post(
                channel,
                blocks.answer_message(reply.unit, answer, qid, user, text),
                thread_ts=thread_ts,
            )
            self.learning.end_of_chapter(reply.unit.id, channel, thread_ts)
        elif reply.kind == "suggestions" and reply.suggestions:
            self.io.post(
                channel,
                blocks.suggestions_message(reply.suggestions, qid, user, text),
                thread_ts=thread_ts,
            )
        elif reply.kind == "suggestions":
            self.nothing_found(reply, user=user, text=text, channel=channel, thread_ts=thread_ts)
        else:  # smalltalk, invalid
            self.io.post(channel, blocks.notice(reply.text), thread_ts=thread_ts)
        if not reply.stored and reply.kind in {"answer", "suggestions"}:
            self.io.post(channel, blocks.notice(t("store.down")), thread_ts=thread_ts)
        return reply

    def nothing_found(
        self, reply: Reply, *, user: str, text: str, channel: str, thread_ts: str | None
    ) -> None:
        qid = reply.question_id
        if qid is None:  # not recorded (DB down): store.down follows, nothing goes public
            self.io.post(
                channel,
                blocks.private_choice_message(t("slack.nothing.no_community"), None, user, text),
                thread_ts=thread_ts,
            )
            return
        if not self.settings.community_channel:
            self.io.post(
                channel,
                blocks.private_choice_message(t("slack.nothing.no_community"), qid, user, text),
                thread_ts=thread_ts,
            )
            return
        self.to_community(
            qid,
            user=user,
            reply_channel=channel,
            reply_thread=thread_ts,
            key="slack.nothing.community",
        )

    def to_community(
        self,
        question_id: int,
        *,
        user: str,
        reply_channel: str,
        reply_thread: str | None,
        key: str = "slack.community.posted",
    ) -> bool:
        """Post the question in the community channel and tell the asker where."""
        community = self.settings.community_channel
        if not community:
            self.io.ephemeral(reply_channel, user, t("slack.community.not_configured"))
            return False
        try:
            post = self.desk.to_community(question_id)
        except PrivateQuestion:
            log.info("question %s is private: not posted", question_id)
            return False
        except NotFound:
            return False
        except StoreUnavailable:
            self.io.post(reply_channel, blocks.notice(t("store.down")), thread_ts=reply_thread)
            return False
        if post.already:  # a second click, or another instance: link to the existing post
            link = self.io.permalink(post.channel, post.ts) if post.channel and post.ts else ""
            self.io.post(
                reply_channel,
                blocks.notice(t("slack.community.already") + (f" {link}" if link else "")),
                thread_ts=reply_thread,
            )
            return False
        message = blocks.community_post(post.asker, post.text, post.question_id)
        channel, ts = self.io.post(community, message)
        self.desk.record_community_post(post.question_id, channel, ts)
        link = self.io.permalink(channel, ts)
        text = t(key, channel=f"<#{community}>", link=link)
        message = blocks.private_choice_message(text, post.question_id, post.asker, post.text)
        self.io.post(reply_channel, message, thread_ts=reply_thread)
        return True

    def community_reply(
        self, *, channel: str, thread_ts: str, ts: str, user: str, text: str = ""
    ) -> None:
        """Someone answered in a community thread: kept (it may become a FAQ entry), and the
        asker is told, with a link."""
        notice = self.desk.community_reply(channel, thread_ts, user)
        if text.strip():
            self.desk.record_community_answer(
                channel=channel, thread_ts=thread_ts, ts=ts, responder=user, text=from_slack(text)
            )
        if notice is None:
            return
        link = self.io.permalink(channel, ts) or self.io.permalink(channel, thread_ts)
        self.io.dm(
            notice.asker,
            blocks.community_answered(
                user, link, notice.question_id, notice.asker, channel, thread_ts
            ),
        )

    def replayed(self, kind: str, result: object) -> None:
        """A spooled entry was applied once the database came back: a community answer that
        arrived meanwhile is announced to the asker now (the desk's `on_replayed` hook)."""
        if kind != "community_reply" or not isinstance(result, CommunityNotice):
            return
        if result.channel and result.ts:
            link = self.io.permalink(result.channel, result.ts)
            self.io.dm(
                result.asker,
                blocks.community_answered(
                    result.responder,
                    link,
                    result.question_id,
                    result.asker,
                    result.channel,
                    result.ts,
                ),
            )

    def solve(self, *, by: str, channel: str, ts: str, question_id: int | None = None) -> bool:
        """The asker marks their community question solved (button or ✅ reaction);
        (`channel`, `ts`) is the community post. Anyone else: False, nothing changes."""
        if not self.desk.solve_community(question_id, channel=channel, ts=ts, by=by):
            return False
        if question_id is not None:
            try:
                question = self.desk.get_question(question_id)
                self.io.update(
                    channel,
                    ts,
                    blocks.community_post(question.asker, question.text, question.id, solved=True),
                )
            except (NotFound, StoreUnavailable):
                log.warning("question %s: community post not updated", question_id)
        self.io.post(channel, blocks.notice(t("slack.community.solved")), thread_ts=ts)
        self.learning.announce_pending()
        return True

    def accept(self, *, by: str, channel: str, ts: str) -> bool:
        """The asker's ✅ on a member's reply: solved, and that reply proposed to the lead."""
        if not self.desk.accept_answer(channel=channel, ts=ts, by=by):
            return False
        self.io.post(channel, blocks.notice(t("slack.community.solved")), thread_ts=ts)
        self.learning.announce_pending()
        return True

    def feedback(self, question_id: int | None, user: str, helpful: bool) -> None:
        if question_id is not None:
            self.desk.feedback(question_id, user, helpful)
            if helpful:  # a chosen suggestion confirmed: its wording may wait for the lead
                self.learning.announce_pending()

    def show_unit(
        self,
        *,
        kb: str,
        unit_id: str,
        question_id: int | None,
        user: str,
        text: str,
        channel: str,
        thread_ts: str | None,
    ) -> None:
        base = self.desk.knowledge.bases.get(kb)
        unit = base.get(unit_id) if base else None
        if unit is None:
            return
        if question_id is not None:  # remembered: a 👍 next proposes the wording
            self.desk.choose_suggestion(question_id, unit.id, user)
        answer = self.desk.knowledge.render(unit, "mrkdwn")
        self.io.post(
            channel,
            blocks.answer_message(unit, answer, question_id, user, text),
            thread_ts=thread_ts,
        )
        self.learning.end_of_chapter(unit.id, channel, thread_ts)
