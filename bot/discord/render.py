"""The Renderer port for Discord: what each flow message looks like there (Markdown text, an
embed for a question as asked, buttons carrying ids only: a question's, a ticket's, a unit's).
Pure: values in, DiscordMessage out.

Customer text shown in a public place goes through `text.quote` (mass mentions defused, links
unmasked); the ticket card and the escalation card carry the question text as asked, and only
ever go to a DM.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.views import Suggestion, TicketView
from bot.discord import ids
from bot.discord.message import PRIMARY, SUCCESS, Button, DiscordMessage
from bot.discord.text import neutralise, quote, thread_name
from bot.flows.ports import Asked, Posted, TicketFacts
from bot.knowledge.model import Unit
from bot.messages import t, t_link


def _choices(asked: Asked) -> tuple[Button, ...]:
    return (
        Button(t("discord.button.community"), ids.make(ids.COMMUNITY, asked.question_id)),
        Button(t("discord.button.private"), ids.make(ids.PRIVATE, asked.question_id)),
    )


def _publish_choices(asked: Asked) -> tuple[Button, ...]:
    """A DM nothing answered: publish (the help center's default) or send it privately, as
    asked (no form: the stored question goes)."""
    return (
        Button(t("discord.button.publish"), ids.make(ids.COMMUNITY, asked.question_id), PRIMARY),
        Button(t("discord.button.send_private"), ids.make(ids.SEND_PRIVATE, asked.question_id)),
    )


def _private(asked: Asked) -> tuple[Button, ...]:
    return (Button(t("discord.button.private"), ids.make(ids.PRIVATE, asked.question_id)),)


def _ticket_buttons(ticket_id: int) -> tuple[Button, ...]:
    return (
        Button(t("discord.button.reply"), ids.make(ids.REPLY, ticket_id), PRIMARY),
        Button(t("discord.button.close"), ids.make(ids.CLOSE, ticket_id)),
    )


class DiscordRenderer:
    markup = "markdown"
    ask_command = f"/{ids.COMMAND}"

    def hint(self, name: str) -> str:
        return t(f"discord.hint.{name}")

    def mention(self, user: str) -> str:
        return f"<@{user}>"

    def channel_ref(self, channel: str) -> str:
        return f"<#{channel}>"

    def quote(self, text: str) -> str:
        return quote(text)

    def notice(self, text: str) -> DiscordMessage:
        return DiscordMessage(neutralise(text))

    def answer(self, unit: Unit, body: str, asked: Asked) -> DiscordMessage:
        source = t("discord.answer.source", source=unit.source)
        qid = asked.question_id
        buttons = (
            Button(t("discord.button.helped"), ids.make(ids.HELPED, qid), SUCCESS),
            Button(t("discord.button.not_solved"), ids.make(ids.NOT_SOLVED, qid)),
            *_choices(asked),
        )
        return DiscordMessage(f"**{unit.title}**\n{body}\n\n{source}", buttons=buttons)

    def suggestions(self, suggestions: Sequence[Suggestion], asked: Asked) -> DiscordMessage:
        shown = list(suggestions)[:3]
        lines = []
        for n, s in enumerate(shown, 1):
            lines.append(t("discord.suggestions.item", n=n, title=s.unit.title))
            if n == 1 and s.first_line:  # enough of the answer to recognise it
                lines.append(f"> {s.first_line}")
        see = tuple(
            Button(
                t("discord.button.see", n=n),
                ids.make(ids.SEE, asked.question_id, s.unit.id),
                PRIMARY,
            )
            for n, s in enumerate(shown, 1)
        )
        text = "\n".join([t("discord.suggestions.intro"), *lines])
        return DiscordMessage(text, buttons=see + _choices(asked))

    def choices(self, intro: str, asked: Asked) -> DiscordMessage:
        return DiscordMessage(neutralise(intro), buttons=_choices(asked))

    def private_choice(self, intro: str, asked: Asked) -> DiscordMessage:
        return DiscordMessage(neutralise(intro), buttons=_private(asked))

    def publish_choice(self, intro: str, asked: Asked) -> DiscordMessage:
        return DiscordMessage(neutralise(intro), buttons=_publish_choices(asked))

    def add_to_ticket(self, intro: str, asked: Asked, tickets: Sequence[int]) -> DiscordMessage:
        buttons = tuple(
            Button(
                t("discord.button.add_to_ticket", id=ticket),
                ids.make(ids.ADD_TO_TICKET, ticket, str(asked.question_id or "")),
            )
            for ticket in list(tickets)[:3]
        )
        return DiscordMessage(neutralise(intro), buttons=buttons)

    def ticket_closed(self, text: str, ticket: TicketView, *, reopen: bool) -> DiscordMessage:
        reopen_button = Button(t("discord.button.reopen"), ids.make(ids.REOPEN, ticket.id))
        return DiscordMessage(neutralise(text), buttons=(reopen_button,) if reopen else ())

    def community_post(self, asked: Asked, *, solved: bool = False) -> DiscordMessage:
        who = self.mention(asked.asker)
        if solved:
            title = t("discord.community.solved_title", asker=who)
            return DiscordMessage(f"{title}\n{quote(asked.text)}")
        text = "\n".join(
            [
                t("discord.community.title", asker=who),
                quote(asked.text),
                t("discord.community.help", asker=who),
            ]
        )
        solved_button = Button(
            t("discord.button.solved"), ids.make(ids.SOLVED, asked.question_id), SUCCESS
        )
        return DiscordMessage(text, buttons=(solved_button,), title=thread_name(asked.text))

    def community_answered(
        self, responder: str, link: str, asked: Asked, post: Posted
    ) -> DiscordMessage:
        text = t_link("discord.community.answered", link, responder=self.mention(responder))
        button = Button(
            t("discord.button.solved"), ids.make(ids.SOLVED, asked.question_id), SUCCESS
        )
        return DiscordMessage(text, buttons=(button,))

    def ticket_card(self, ticket: TicketView, received: str) -> DiscordMessage:
        urgency = t(f"discord.urgency.{ticket.urgency}")
        facts = t(
            "discord.ticket.facts",
            asker=self.mention(ticket.asker),
            received=received,
            due=ticket.due_text or "—",
            status=t(f"discord.status.{ticket.status}"),
        )
        text = "\n".join(
            [
                t("discord.ticket.title", id=ticket.id, urgency=urgency),
                facts,
                "",
                t("discord.ticket.how"),
            ]
        )
        buttons = () if ticket.status == "closed" else _ticket_buttons(ticket.id)
        return DiscordMessage(text, detail=ticket.text, buttons=buttons)

    def relay(self, ticket: TicketView, text: str) -> DiscordMessage:
        body = t("discord.ticket.relay", id=ticket.id, text=text)
        button = Button(t("discord.button.solved"), ids.make(ids.TICKET_SOLVED, ticket.id), SUCCESS)
        return DiscordMessage(f"{body}\n\n{t('discord.ticket.relay_hint')}", buttons=(button,))

    def escalation_card(
        self,
        ticket: TicketFacts,
        *,
        lead: str | None,
        received: str,
        due: str,
        show_text: bool,
        major: bool = False,
    ) -> DiscordMessage:
        urgency = t(f"discord.urgency.{ticket.urgency}")
        lead_name = self.mention(lead) if lead else t("discord.nobody")
        key = "discord.escalation.major" if major else "discord.escalation.summary"
        summary = t(
            key, asker=self.mention(ticket.asker), received=received, due=due, lead=lead_name
        )
        title = t("discord.escalation.title", id=ticket.id, urgency=urgency)
        detail = ticket.text if show_text else t("discord.escalation.hidden")
        return DiscordMessage(
            f"{title}\n{summary}", detail=detail, buttons=_ticket_buttons(ticket.id)
        )
