"""Block Kit builders for messages: answers, suggestions, choices, community posts, ticket and
escalation cards. Pure functions: values in, (fallback text, blocks) out. Modals and the home tab
are in `views.py`.

Customer text is always shown through `text.quote()` (mass mentions neutralised, links
unmasked); the ticket and escalation cards are only ever sent to private destinations (see
bot/flows/tickets.py, notifier.py). Button values carry ids only (`q` question, `tk` ticket,
`u`/`kb` a knowledge unit): who may click, and where things are, come from the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.knowledge.model import Unit
from bot.messages import t, t_link
from bot.slack import ids
from bot.slack.text import neutralise, quote, shorten, to_mrkdwn

Block = dict[str, Any]
Message = tuple[str, list[Block]]


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": shorten(text, 150), "emoji": True}


def section(text: str, **extra: Any) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": shorten(text)}, **extra}


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": shorten(text)}]}


def button(label: str, action_id: str, value: str, style: str | None = None) -> dict[str, Any]:
    element = {"type": "button", "text": plain(label), "action_id": action_id, "value": value}
    if style:
        element["style"] = style
    return element


def actions(block_id: str, *elements: dict[str, Any]) -> Block:
    return {"type": "actions", "block_id": block_id, "elements": list(elements)}


def choice_buttons(question_id: int | None, *, publish: bool = False) -> list[dict[str, Any]]:
    """Ask the community / ask the support privately (the form is prefilled from the
    database). `publish`: worded as the choice for a DM nothing answered."""
    value = ids.pack(q=question_id)
    community = "slack.button.publish" if publish else "slack.button.community"
    private = "slack.button.send_private" if publish else "slack.button.private"
    return [
        button(t(community), ids.ASK_COMMUNITY, value),
        button(t(private), ids.ASK_PRIVATE, value),
    ]


def answer_message(unit: Unit, answer: str, question_id: int | None) -> Message:
    """The answer (already Slack mrkdwn: `Knowledge.render(unit, "mrkdwn")`), its source and:
    it helped / not solved / community / private."""
    value = ids.pack(q=question_id)
    blocks = [
        section(f"*{to_mrkdwn(unit.title)}*\n{answer}"),
        context(t("slack.answer.source", source=to_mrkdwn(unit.source))),
        actions(
            "answer_actions",
            button(t("slack.button.helped"), ids.HELPED, value, "primary"),
            button(t("slack.button.not_solved"), ids.NOT_SOLVED, value),
            *choice_buttons(question_id),
        ),
    ]
    fallback = f"{unit.title}\n{shorten(answer, 2000)}\n" + t(
        "slack.answer.source", source=unit.source
    )
    return fallback, blocks


def suggestions_message(suggestions: Sequence[Any], question_id: int | None) -> Message:
    """Up to three possible answers, each with a "see" button, then the same two choices."""
    blocks: list[Block] = [section(t("slack.suggestions.intro"))]
    for index, item in enumerate(list(suggestions)[:3]):
        unit = item.unit
        value = ids.pack(q=question_id, u=unit.id, kb=unit.kb)
        preview = f"\n{to_mrkdwn(item.first_line)}" if index == 0 and item.first_line else ""
        blocks.append(
            section(
                f"• *{to_mrkdwn(unit.title)}*{preview}",
                accessory=button(
                    t("slack.suggestions.see"), f"{ids.SHOW_SUGGESTION}_{index}", value
                ),
            )
        )
    blocks.append(context(t("slack.choices.intro")))
    blocks.append(actions("choices", *choice_buttons(question_id)))
    titles = ", ".join(item.unit.title for item in list(suggestions)[:3])
    return f"{t('slack.suggestions.intro')} {titles}", blocks


def choices_message(intro: str, question_id: int | None, *, publish: bool = False) -> Message:
    buttons = choice_buttons(question_id, publish=publish)
    return neutralise(intro), [section(neutralise(intro)), actions("choices", *buttons)]


def private_choice_message(intro: str, question_id: int | None) -> Message:
    value = ids.pack(q=question_id)
    return intro, [
        section(intro),
        actions("choices", button(t("slack.button.private"), ids.ASK_PRIVATE, value)),
    ]


def add_to_ticket_message(intro: str, question_id: int | None, tickets: Sequence[int]) -> Message:
    """One "Ajouter à mon ticket n°N" button per open ticket (ids: ticket and question)."""
    choices = [
        button(
            t("slack.button.add_to_ticket", id=tk),
            f"{ids.ADD_TO_TICKET}_{n}",
            ids.pack(tk=tk, q=question_id),
        )
        for n, tk in enumerate(list(tickets)[:3])
    ]
    return intro, [section(intro), actions("add_to_ticket", *choices)]


def ticket_closed_message(text: str, ticket_id: int, *, reopen: bool) -> Message:
    """To the asker: the ticket is closed; a "reopen" button while that is allowed."""
    blocks: list[Block] = [section(text)]
    if reopen:
        value = ids.pack(tk=ticket_id)
        blocks.append(actions("ticket", button(t("slack.button.reopen"), ids.TICKET_REOPEN, value)))
    return text, blocks


def community_post(asker: str, text: str, question_id: int, *, solved: bool = False) -> Message:
    """The public post: asker named, question quoted (mentions neutralised, links unmasked)."""
    title = t("slack.community.solved_title" if solved else "slack.community.title", asker=asker)
    blocks = [section(f"*{title}*"), section(quote(text))]
    if solved:
        blocks.append(context(t("slack.community.solved")))
    else:
        blocks.append(context(t("slack.community.help", asker=asker)))
        blocks.append(
            actions(
                "community",
                button(
                    t("slack.button.solved"),
                    ids.SOLVED_IN_COMMUNITY,
                    ids.pack(q=question_id),
                    "primary",
                ),
            )
        )
    fallback = t("slack.community.fallback", asker=asker) + "\n" + quote(text, 1500)
    return fallback, blocks


def community_answered(responder: str, link: str, question_id: int) -> Message:
    """DM to the asker: someone answered (link), and a button to mark it solved."""
    text = t_link("slack.community.answered", link, responder=responder)
    value = ids.pack(q=question_id)
    return text, [
        section(text),
        actions(
            "community", button(t("slack.button.solved"), ids.SOLVED_IN_COMMUNITY, value, "primary")
        ),
    ]


def _urgency(urgency: str) -> str:
    return t(f"slack.urgency.{urgency}") if urgency in ids.URGENCIES else urgency


def ticket_card(ticket: Any, received: str) -> Message:
    """The lead's card: asker, question, received, due, state; reply / resolved buttons."""
    closed = ticket.status == "closed"
    urgency = _urgency(ticket.urgency)
    title = t("slack.ticket.title", id=ticket.id, urgency=urgency)
    fields = [
        {"type": "mrkdwn", "text": t("slack.ticket.asker", asker=ticket.asker)},
        {"type": "mrkdwn", "text": t("slack.ticket.urgency", urgency=urgency)},
        {"type": "mrkdwn", "text": t("slack.ticket.received", received=received)},
        {"type": "mrkdwn", "text": t("slack.ticket.due", due=ticket.due_text or "—")},
        {
            "type": "mrkdwn",
            "text": t("slack.ticket.status", status=t(f"slack.ticket.status.{ticket.status}")),
        },
    ]
    blocks: list[Block] = [
        {"type": "header", "text": plain(title)},
        {"type": "section", "fields": fields},
        section(quote(ticket.text)),
    ]
    if getattr(ticket, "details", None):
        blocks.append(section(details_text(ticket.details)))
    value = ids.pack(tk=ticket.id)
    buttons = []
    if not closed:
        buttons += [
            button(t("slack.button.reply"), ids.TICKET_REPLY, value, "primary"),
            button(t("slack.button.close"), ids.TICKET_CLOSE, value),
        ]
    if getattr(ticket, "first_answered_at", None) is not None:
        buttons.append(button(t("slack.draft.to_faq"), ids.TICKET_TO_FAQ, value))
    if buttons:
        blocks.append(actions("ticket", *buttons))
    fallback = t("slack.ticket.fallback", id=ticket.id, asker=ticket.asker)
    return fallback, blocks


def details_text(details: dict[str, Any]) -> str:
    """What the intake form asked (label -> text, or files as links), for the lead's card."""
    lines = []
    for label, value in details.items():
        if isinstance(value, list):
            links = [
                f"<{f['permalink']}|{neutralise(str(f.get('name') or 'fichier'))}>"
                if isinstance(f, dict) and f.get("permalink")
                else neutralise(str(f.get("name") if isinstance(f, dict) else f))
                for f in value
            ]
            shown = ", ".join(links)
        else:
            shown = neutralise(str(value))
        lines.append(f"*{neutralise(label)}* : {shown}")
    return "\n".join(lines)


def relay_message(ticket_id: int, text: str) -> Message:
    """The lead's answer, relayed to the asker in their DM."""
    body = t("slack.ticket.relay", id=ticket_id, text=quote(text))
    return body, [
        section(body),
        context(t("slack.ticket.relay_hint")),
        actions(
            "ticket",
            button(
                t("slack.button.solved"), ids.TICKET_ASKER_SOLVED, ids.pack(tk=ticket_id), "primary"
            ),
        ),
    ]


def escalation_card(
    ticket: Any, *, lead: str | None, received: str, due: str, show_text: bool, major: bool = False
) -> Message:
    """Posted to ESCALATION_TO: summary, question (private destinations only), buttons."""
    urgency = _urgency(ticket.urgency)
    lead_name = f"<@{lead}>" if lead else t("slack.nobody")
    key = "slack.escalation.major" if major else "slack.escalation.summary"
    summary = t(key, asker=ticket.asker, received=received, due=due, lead=lead_name)
    blocks: list[Block] = [
        {
            "type": "header",
            "text": plain(t("slack.escalation.title", id=ticket.id, urgency=urgency)),
        },
        section(summary),
        section(quote(ticket.text)) if show_text else context(t("slack.escalation.hidden")),
        actions(
            "ticket",
            button(t("slack.button.reply"), ids.TICKET_REPLY, ids.pack(tk=ticket.id), "primary"),
            button(t("slack.button.close"), ids.TICKET_CLOSE, ids.pack(tk=ticket.id)),
        ),
    ]
    return t("slack.escalation.fallback", id=ticket.id, asker=ticket.asker), blocks


def notice(text: str) -> Message:
    """A plain French notice (store down, thanks, errors...)."""
    return neutralise(text), [section(neutralise(text))]
