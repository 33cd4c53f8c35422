"""Domain core: the desk (questions, community, tickets) and its spool for database outages."""

from bot.core.desk import Desk
from bot.core.spool import Spool, SpoolEntry
from bot.core.validation import MAX_QUESTION_CHARS
from bot.core.views import (
    CommunityNotice,
    CommunityPost,
    CommunitySolved,
    InvalidInput,
    NotFound,
    PrivateQuestion,
    Reply,
    StoreUnavailable,
    Suggestion,
    TicketView,
)

__all__ = [
    "MAX_QUESTION_CHARS",
    "CommunityNotice",
    "CommunityPost",
    "CommunitySolved",
    "Desk",
    "InvalidInput",
    "NotFound",
    "PrivateQuestion",
    "Reply",
    "Spool",
    "SpoolEntry",
    "StoreUnavailable",
    "Suggestion",
    "TicketView",
]
