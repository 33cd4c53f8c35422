"""Names shared by the listeners, the Block Kit builders and manifest.yml."""

from __future__ import annotations

import json
from typing import Any

SLASH_COMMAND = "/question"  # also declared in manifest.yml (a test checks they agree)
FORMATION_COMMAND = "/formation"  # the customer's training progress (also in manifest.yml)
COMMANDS = (SLASH_COMMAND, FORMATION_COMMAND)
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

# the knowledge that grows (buttons carry the proposal id only: p)
PROPOSAL_PUBLISH = "proposal_publish"
PROPOSAL_EDIT = "proposal_edit"
PROPOSAL_IGNORE = "proposal_ignore"
CONSENT_YES = "proposal_consent_yes"
CONSENT_NO = "proposal_consent_no"
TICKET_TO_FAQ = "ticket_to_faq"  # on a resolved ticket's card (tk)
FORMATION_MARK = "formation_mark"  # a select: the chapter number the customer marks consulted

# views
PROPOSAL_FORM = "proposal_form"  # Modifier: the lead edits, then publishes
TICKET_DRAFT_FORM = "ticket_draft_form"  # the lead anonymises a resolved ticket
DRAFT_Q_BLOCK, DRAFT_A_BLOCK, DRAFT_INPUT = "draft_question", "draft_answer", "text"
INTAKE_PREFIX = "intake_"  # question form blocks of a base's intake fields: intake_<field id>
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
