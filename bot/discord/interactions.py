"""INTERACTION_CREATE: the /question command, buttons and forms.

`acknowledge` runs on the event loop and answers Discord at once, before any database work:
a deferred ephemeral reply (command, form), a deferred update (button), or the form itself
("ask privately", "reply"). The work then runs in a worker thread (`handle_*`), where whatever
is said to the person who acted is an ephemeral reply (see interaction_scope.py).

Buttons carry ids only: the asker of a question, the lead, the ticket's asker are looked up
again (bot.flows.clicks: the database, the settings) before anything is done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import hikari

from bot.discord import ids
from bot.discord.message import DiscordMessage
from bot.discord.support import DiscordSupport
from bot.flows.clicks import Click, Clicks
from bot.messages import t

EPHEMERAL = hikari.MessageFlag.EPHEMERAL
URGENCIES = ("normal", "urgent", "major")


@dataclass(frozen=True)
class Acted:
    """Who acted where, and what they sent (command options, form text, button action)."""

    user: str
    channel: str
    action: ids.Action | None = None
    message: str | None = None  # the message the button was on
    thread: str | None = None  # the message that one replies to
    options: tuple[tuple[str, Any], ...] = ()
    form_text: str = ""

    def option(self, name: str) -> Any:
        return dict(self.options).get(name)


async def acknowledge(interaction: hikari.PartialInteraction) -> Acted | None:
    """Answer within Discord's 3 s; the facts for the worker, or None when nothing follows."""
    if isinstance(interaction, hikari.CommandInteraction):
        await interaction.create_initial_response(
            hikari.ResponseType.DEFERRED_MESSAGE_CREATE, flags=EPHEMERAL
        )
        options = tuple((o.name, o.value) for o in interaction.options or ())
        return Acted(str(interaction.user.id), str(interaction.channel_id), options=options)
    if isinstance(interaction, hikari.ComponentInteraction):
        action = ids.parse(interaction.custom_id)
        if action is not None and action.name in (ids.PRIVATE, ids.REPLY):
            await _open_form(interaction, action)
            return None
        await interaction.create_initial_response(hikari.ResponseType.DEFERRED_MESSAGE_UPDATE)
        message = interaction.message
        reference = message.message_reference
        return Acted(
            str(interaction.user.id),
            str(interaction.channel_id),
            action=action,
            message=str(message.id),
            thread=str(reference.id) if reference and reference.id else None,
        )
    if isinstance(interaction, hikari.ModalInteraction):
        await interaction.create_initial_response(
            hikari.ResponseType.DEFERRED_MESSAGE_CREATE, flags=EPHEMERAL
        )
        return Acted(
            str(interaction.user.id),
            str(interaction.channel_id),
            action=ids.parse(interaction.custom_id),
            form_text=_form_text(interaction.components),
        )
    return None


async def _open_form(interaction: hikari.ComponentInteraction, action: ids.Action) -> None:
    if action.name == ids.PRIVATE:
        custom_id, title = (
            ids.make(ids.PRIVATE_FORM, action.number),
            t("discord.form.private_title"),
        )
        label = t("discord.form.private_label")
        about_question = action.number is not None  # empty: the stored question goes as asked
        placeholder = t("discord.form.private_placeholder") if about_question else hikari.UNDEFINED
    else:
        about_question, placeholder = False, hikari.UNDEFINED
        custom_id = ids.make(ids.REPLY_FORM, action.number)
        title, label = (
            t("discord.form.reply_title", id=action.number),
            t("discord.form.reply_label"),
        )
    row = interaction.app.rest.build_modal_action_row().add_text_input(
        ids.FORM_TEXT,
        label[:45],
        style=hikari.TextInputStyle.PARAGRAPH,
        placeholder=placeholder,
        required=not about_question,
        max_length=4000,
    )
    await interaction.create_modal_response(title[:45], custom_id, component=row)


def _form_text(components: Any) -> str:
    """The value of the form's text input, wherever Discord nests it."""
    for item in components or ():
        if getattr(item, "custom_id", None) == ids.FORM_TEXT:
            return str(getattr(item, "value", "") or "")
        nested = getattr(item, "components", None) or (
            [item.component] if getattr(item, "component", None) is not None else []
        )
        found = _form_text(nested)
        if found:
            return found
    return ""


# --- the work, in a worker thread ----------------------------------------------------------
def handle_command(support: DiscordSupport, acted: Acted) -> str:
    """/question texte:… privee:… urgence:… -> the question form's flow; the ephemeral ack."""
    text = str(acted.option("texte") or "")
    if acted.option("privee"):
        urgency = str(acted.option("urgence") or "normal")
        return _private(support, acted.user, text, urgency, None)
    support.clicks.question_form(
        user=acted.user,
        text=text,
        private=False,
        urgency="normal",
        question_id=None,
        kb_channel=acted.channel,
    )
    return t("discord.ack.public")


def _private(
    support: DiscordSupport, user: str, text: str, urgency: str, question_id: int | None
) -> str:
    """Open the ticket; the ephemeral ack only says it went through when it did (otherwise
    the asker's DM already says why: database down, empty or too long)."""
    ticket = support.tickets.open(
        user=user,
        text=text,
        urgency=urgency if urgency in URGENCIES else "normal",
        question_id=question_id,
    )
    return t("discord.ack.private" if ticket is not None else "discord.ack.dm")


def handle_form(support: DiscordSupport, acted: Acted) -> str:
    action = acted.action
    if action is None:
        return ""
    if action.name == ids.PRIVATE_FORM:
        known = support.asker_of(action.number)
        mine = known is not None and known[0] == acted.user
        question = action.number if mine else None
        text = acted.form_text if acted.form_text.strip() or not known or not mine else known[1]
        return _private(support, acted.user, text, "normal", question)
    if action.name == ids.REPLY_FORM:
        click = Click(acted.user, acted.channel)
        if support.clicks.ticket_to_answer(click, action.number) is None:
            return ""  # the clicker was told why
        support.clicks.lead_reply(acted.user, action.number, acted.form_text)
        return t("discord.ack.reply_sent")
    return ""


def handle_click(support: DiscordSupport, acted: Acted) -> None:
    """A button: its ids go to the shared clicks, which check the clicker against the
    database (a question's asker, the lead, a ticket's asker)."""
    action = acted.action
    if action is None:
        return
    click = Click(acted.user, acted.channel, acted.thread, acted.message)
    clicks, number = support.clicks, action.number
    if action.name == ids.SEND_PRIVATE:
        _send_private(support, click, number)
    elif action.name == ids.ADD_TO_TICKET:
        question = int(action.extra) if action.extra.isascii() and action.extra.isdigit() else None
        clicks.add_to_ticket(click, number, question)
    elif action.name == ids.SEE:
        kb = action.extra.partition("/")[0]
        clicks.show_suggestion(click, number, kb=kb, unit_id=action.extra)
    elif handler := _CLICKS.get(action.name):
        handler(clicks, click, number)


def _send_private(support: DiscordSupport, click: Click, question_id: int | None) -> None:
    """ "Envoyer en privé au support" on a DM nothing answered: the stored question becomes a
    ticket as it was asked (the asker checked first; nothing was published)."""
    asked = support.clicks.owned(click, question_id)
    if asked is None or asked.question_id is None:
        return
    if support.desk.get_question(asked.question_id).status == "private":  # a second click
        support.clicks.whisper(click, t("discord.ack.already_private"))
        return
    support.tickets.open(
        user=click.user, text=asked.text, urgency="normal", question_id=asked.question_id
    )


_CLICKS: dict[str, Callable[[Clicks[DiscordMessage], Click, int | None], None]] = {
    ids.HELPED: Clicks.helped,
    ids.NOT_SOLVED: Clicks.not_solved,
    ids.COMMUNITY: Clicks.ask_community,
    ids.SOLVED: Clicks.community_solved,
    ids.CLOSE: Clicks.ticket_close,
    ids.TICKET_SOLVED: Clicks.ticket_asker_solved,
    ids.REOPEN: Clicks.ticket_reopen,
}
