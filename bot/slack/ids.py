"""Names shared by the listeners, the Block Kit builders and manifest.yml."""

from __future__ import annotations

import json
from typing import Any

SLASH_COMMAND = "/question"  # also declared in manifest.yml (a test checks they agree)
EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"

# block_actions
HELPED = "answer_helped"
NOT_SOLVED = "answer_not_solved"
ASK_COMMUNITY = "ask_community"
ASK_PRIVATE = "ask_private"
SHOW_SUGGESTION = "show_suggestion"  # suffixed _0, _1, _2 (ids are unique per block)
SOLVED_IN_COMMUNITY = "community_solved"
TICKET_REPLY = "ticket_reply"
TICKET_CLOSE = "ticket_close"
TICKET_ASKER_SOLVED = "ticket_asker_solved"
TICKET_REOPEN = "ticket_reopen"
ADD_TO_TICKET = "add_to_ticket"  # suffixed _0, _1, _2 (one per open ticket)

# views
QUESTION_FORM = "question_form"
LEAD_REPLY_FORM = "lead_reply_form"
Q_BLOCK, Q_INPUT = "question", "text"
PRIVATE_BLOCK, PRIVATE_INPUT = "private", "private"
PRIVATE_VALUE = "private"
URGENCY_BLOCK, URGENCY_INPUT = "urgency", "urgency"
URGENCIES = ("normal", "urgent", "major")
REPLY_BLOCK, REPLY_INPUT = "reply", "text"

MAX_VALUE = 1900  # a button value holds at most 2000 characters


def pack(**values: Any) -> str:
    """A compact JSON button value / private_metadata."""
    kept = {k: v for k, v in values.items() if v is not None}
    data = json.dumps(kept, ensure_ascii=False)
    if len(data) > MAX_VALUE and isinstance(kept.get("t"), str):
        kept["t"] = kept["t"][:600]  # the prefill text is a convenience: shorten it
        data = json.dumps(kept, ensure_ascii=False)
    return data


def unpack(raw: str | None) -> dict[str, Any]:
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
