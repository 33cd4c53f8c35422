"""Public questions: answer from the knowledge, suggest, hand over to the community, solve.

Routing decisions:
- answered: the answer with its source (in the thread when asked in a channel) and the choices:
  it helped / not solved / ask the community / ask the support privately.
- unsure: up to 3 suggestions and the same two choices; the ASKER decides whether the question
  goes to the community.
- nothing found, `handover`:
  - AUTO (help channels, mentions: already public): posted to the community channel, the asker
    is told where (with a link) and can still make it private;
  - CONSENT (a DM feels private): the asker chooses, publish in the community channel (the
    help center's default) or send it privately to the support; nothing is posted before;
  - NONE (the support lead's own messages): a notice, never published.
  Without a community channel the asker is offered the private form instead. A question that
  looks written in another language gets a notice before it is handed over.
- flood (more than FLOOD_LIMIT_PER_MINUTE questions a minute): one notice, then silence.
- smalltalk / invalid input (empty, too long, binary): the desk's French text, nothing else.
- DB down: the knowledge still answers (the desk spools the record) and the asker is told with
  "store.down"; nothing is posted to the community (it could not be recorded).
- publishing: once per question; the same asker's same question published recently is not
  posted again, they get the link to the first post.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Generic

from bot.core import CommunityNotice, NotFound, PrivateQuestion, Reply, StoreUnavailable
from bot.core.language import looks_foreign
from bot.flows.chat import Chat
from bot.flows.ports import Asked, M, Posted
from bot.messages import t, t_link

log = logging.getLogger(__name__)
AUTO, CONSENT, NONE = "auto", "consent", "none"  # what happens when nothing is found


class QuestionFlows(Generic[M]):
    def __init__(self, chat: Chat[M]) -> None:
        self.chat = chat
        self.desk = chat.desk
        self.io = chat.transport
        self.render = chat.render
        # called when the desk may have a new FAQ draft or phrasing for the lead (an answer
        # accepted, a suggestion confirmed): the chat's learning flows announce it
        self.on_learned: Callable[[], object] | None = None

    def ask(
        self,
        *,
        user: str,
        text: str,
        channel: str,
        thread: str | None,
        kb_channel: str | None,
        match_text: str | None = None,
        origin: str = "chat",
        record: bool = True,
        handover: str = CONSENT,
        open_tickets: bool = False,
    ) -> Reply:
        """Answer `text` where it was asked (`thread`: reply in that thread). `record=False`:
        answer from the knowledge only; nothing is stored, so nothing can go public. AUTO
        hand-over means the question was asked in public (it may be quoted)."""
        reply = self.desk.ask(
            asker=user,
            text=text,
            kb=self.chat.settings.kb_for_channel(kb_channel),
            origin=origin,
            channel=channel,
            thread_ts=thread,
            match_text=match_text,
            record=record,
            public=handover == AUTO,
            open_tickets=open_tickets,
        )
        asked = Asked(reply.question_id, user, text)
        if reply.kind == "flood":
            if reply.text:  # the first message over the limit only
                self.chat.tell(channel, reply.text, thread=thread)
            return reply
        if reply.kind == "answer" and reply.unit is not None:
            body = self.desk.knowledge.render(reply.unit, self.render.markup)
            self.io.post(channel, self.render.answer(reply.unit, body, asked), thread=thread)
            self.end_of_chapter(reply.unit.id, channel, thread)
        elif reply.kind == "suggestions" and reply.suggestions:
            self.io.post(channel, self.render.suggestions(reply.suggestions, asked), thread=thread)
        elif reply.kind == "suggestions":
            self.nothing_found(asked, channel=channel, thread=thread, handover=handover)
        else:  # smalltalk, invalid
            self.chat.tell(channel, reply.text, thread=thread)
        if record and not reply.stored and reply.kind in {"answer", "suggestions"}:
            self.chat.tell(channel, t("store.down"), thread=thread)
        return reply

    def nothing_found(
        self, asked: Asked, *, channel: str, thread: str | None, handover: str
    ) -> None:
        if handover == NONE:
            self.chat.tell(channel, t("flow.lead.not_a_question"), thread=thread)
            return
        community = self.io.community_channel()
        if asked.question_id is not None and community and looks_foreign(asked.text):
            self.chat.tell(channel, t("flow.foreign"), thread=thread)
        if asked.question_id is not None and community and handover == CONSENT:
            intro = t("flow.nothing.consent", channel=self.render.channel_ref(community))
            self.io.post(channel, self.render.publish_choice(intro, asked), thread=thread)
            return
        if asked.question_id is None or not community:
            # not recorded (DB down: store.down follows) or no community: nothing goes public
            message = self.render.private_choice(t("flow.nothing.no_community"), asked)
            self.io.post(channel, message, thread=thread)
            return
        self.to_community(
            asked.question_id,
            user=asked.asker,
            reply_channel=channel,
            reply_thread=thread,
            key="flow.nothing.community",
        )

    def to_community(
        self,
        question_id: int,
        *,
        user: str,
        reply_channel: str,
        reply_thread: str | None,
        key: str = "flow.community.posted",
    ) -> bool:
        """Post the question in the community channel and tell the asker where."""
        community = self.io.community_channel()
        if not community:
            self.io.whisper(
                reply_channel, user, self.render.notice(t("flow.community.not_configured"))
            )
            return False
        try:
            post = self.desk.to_community(question_id)
        except PrivateQuestion:
            log.info("question %s is private: not posted", question_id)
            return False
        except NotFound:
            return False
        except StoreUnavailable:
            self.chat.tell(reply_channel, t("store.down"), thread=reply_thread)
            return False
        if post.already:  # a second click, another instance, or a repeat: link to the post
            link = self.io.link(post.channel, post.ts) if post.channel and post.ts else ""
            if post.repeat:
                text = t_link("flow.community.repeat", link)
            else:
                text = t("flow.community.already") + (f" {link}" if link else "")
            self.chat.tell(reply_channel, text, thread=reply_thread)
            return False
        asked = Asked(post.question_id, post.asker, post.text)
        posted = self.io.post(community, self.render.community_post(asked))
        self.desk.record_community_post(post.question_id, posted.channel, posted.ts)
        link = self.io.link(posted.channel, posted.ts)
        text = t_link(key, link, channel=self.render.channel_ref(community))
        self.io.post(reply_channel, self.render.private_choice(text, asked), thread=reply_thread)
        return True

    def community_reply(
        self, *, channel: str, thread: str, ts: str, user: str, text: str = ""
    ) -> None:
        """Someone answered in a community thread: tell the asker, with a link; the reply is
        kept (accepted by the asker, it becomes a FAQ draft)."""
        notice = self.desk.community_reply(channel, thread, user)
        if text.strip():
            self.desk.record_community_answer(
                channel=channel, thread_ts=thread, ts=ts, responder=user, text=text
            )
        if notice is None or not notice.first:  # only the first answer is announced
            return
        link = self.io.link(channel, ts) or self.io.link(channel, thread)
        asked = Asked(notice.question_id, notice.asker, "")
        message = self.render.community_answered(user, link, asked, Posted(channel, thread))
        self.io.dm(notice.asker, message)

    def replayed(self, kind: str, result: object) -> None:
        """A spooled entry was applied once the database came back: a community answer that
        arrived meanwhile is announced to the asker now (the desk's `on_replayed` hook)."""
        if kind != "community_reply" or not isinstance(result, CommunityNotice):
            return
        if not result.first:
            return
        if result.channel and result.ts:
            link = self.io.link(result.channel, result.ts)
            asked = Asked(result.question_id, result.asker, "")
            place = Posted(result.channel, result.ts)
            self.io.dm(
                result.asker, self.render.community_answered(result.responder, link, asked, place)
            )

    def solve(
        self,
        *,
        by: str,
        channel: str | None = None,
        ts: str | None = None,
        question_id: int | None = None,
    ) -> bool:
        """The asker marks their community question solved: a button (`question_id`), a ✅ on
        the post (`channel`, `ts`), or a ✅ on a member's reply in its thread (`channel`, `ts` of
        that reply, then the accepted answer). The post to update comes from the database.
        Anyone else: False, nothing changes. Marking it again changes nothing either."""
        solved = self.desk.close_community(question_id, channel=channel, ts=ts, by=by)
        if solved is None:
            return False
        if solved.newly and solved.channel and solved.ts:
            asked = Asked(solved.question_id, solved.asker, solved.text)
            post = self.render.community_post(asked, solved=True)
            self.io.update(solved.channel, solved.ts, post)
            self.chat.tell(solved.channel, t("flow.community.thanks"), thread=solved.ts)
        self.learned()
        return True

    def learned(self) -> None:
        if self.on_learned is not None:
            self.on_learned()

    def end_of_chapter(self, unit_id: str, channel: str, thread: str | None) -> None:
        """After an answer from a chapter's last section: questions are welcome before moving on."""
        note = self.desk.ends_chapter(unit_id)
        if note:
            self.chat.tell(channel, note, thread=thread)

    def feedback(self, question_id: int | None, user: str, helpful: bool) -> bool:
        """One vote per person and answer: False when this one replaced an earlier vote."""
        if question_id is None:
            return False
        first = self.desk.feedback(question_id, user, helpful)
        if helpful:  # a chosen suggestion confirmed: its wording may now wait for the lead
            self.learned()
        return first

    def show_unit(
        self,
        *,
        kb: str,
        unit_id: str,
        asked: Asked,
        channel: str,
        thread: str | None,
    ) -> bool:
        """Show one suggested answer in full; False when the unit is unknown."""
        base = self.desk.knowledge.bases.get(kb)
        unit = base.get(unit_id) if base else None
        if unit is None:
            return False
        if asked.question_id is not None:  # remembered: a 👍 next proposes the wording
            self.desk.choose_suggestion(asked.question_id, unit.id, asked.asker)
        body = self.desk.knowledge.render(unit, self.render.markup)
        self.io.post(channel, self.render.answer(unit, body, asked), thread=thread)
        self.end_of_chapter(unit.id, channel, thread)
        return True
