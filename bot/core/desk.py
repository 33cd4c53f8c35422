"""The desk: every operation of the domain core, for any adapter (console, Slack...).

`Desk(sessions, knowledge, settings, *, clock=utcnow, spool=None)`; see docs/CORE_API.md.
Writes run in one transaction each. When the database is down, what the user sent is appended
to the spool (bot.core.spool) and replayed later with `desk.spool.replay(desk)`.
"""

from __future__ import annotations

from bot.core.community import CommunityMixin
from bot.core.community_learning import CommunityLearningMixin
from bot.core.live_knowledge import LiveKnowledgeMixin
from bot.core.overview import OverviewMixin
from bot.core.questions import QuestionsMixin
from bot.core.ticket_drafts import TicketDraftsMixin
from bot.core.ticket_life import TicketLifeMixin
from bot.core.training import TrainingMixin


class Desk(
    LiveKnowledgeMixin,
    TrainingMixin,
    CommunityLearningMixin,
    TicketDraftsMixin,
    OverviewMixin,
    CommunityMixin,
    QuestionsMixin,
    TicketLifeMixin,
):
    """Questions, community threads, tickets (with their conversation, additions, reopening),
    feedback, events, closed days; what the community teaches (drafts, phrasings, published
    entries), training progress, the Homes' overviews."""

    def replay_spool(self) -> int:
        """Apply what the spool holds (the database is back); returns how many entries."""
        return self.spool.replay(self)
