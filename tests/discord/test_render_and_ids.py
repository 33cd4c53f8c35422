"""The pure parts of the Discord adapter: custom ids (ids only, anything else refused),
Discord's length limits, and customer text defused before it is shown in public."""

from __future__ import annotations

import pytest

from bot.core.views import TicketView
from bot.discord import ids
from bot.discord.message import CONTENT_MAX, EMBED_MAX, Button, DiscordMessage
from bot.discord.render import DiscordRenderer
from bot.discord.text import for_matching, neutralise, quote, thread_name
from bot.flows.ports import Asked


def test_custom_ids_round_trip_and_refuse_anything_else() -> None:
    raw = ids.make(ids.SEE, 42, "sfr-acn/delai-validation")
    assert ids.parse(raw) == ids.Action(ids.SEE, 42, "sfr-acn/delai-validation")
    assert ids.parse(ids.make(ids.HELPED, None)) == ids.Action(ids.HELPED, None)
    for bad in ("nimporte:1", "helped:abc", "helped:١٢", "x" * 101, "", "helped:1" + "0" * 100):
        assert ids.parse(bad) is None
    with pytest.raises(ValueError):
        ids.make(ids.SEE, 1, "u" * 100)


def test_long_text_moves_to_the_embed_whole() -> None:
    long = "mot " * 800
    content, detail = DiscordMessage(long).fitted()
    assert len(content) <= CONTENT_MAX and detail.startswith(long.strip()[:100])
    _, kept = DiscordMessage("carte", detail="q" * 4000).fitted()
    assert kept == "q" * 4000
    _, cut = DiscordMessage("carte", detail="q" * 5000).fitted()
    assert len(cut) == EMBED_MAX
    rows = DiscordMessage(
        "x", buttons=tuple(Button(str(n), f"helped:{n}") for n in range(7))
    ).rows()
    assert [len(r) for r in rows] == [5, 2]


def test_mass_mentions_are_defused_in_public_text() -> None:
    text = "@everyone @HERE <@&42> regardez <@7>"
    shown = neutralise(text)
    assert "@everyone" not in shown and "@HERE" not in shown and "<@&42>" not in shown
    assert quote("ligne 1\n\nligne 2 @here").splitlines() == [
        "> ligne 1",
        ">",
        "> ligne 2 @\u2060here",
    ]
    assert for_matching("<@123> le délai <#456> fibre <:sfr:789>") == "le délai  fibre sfr"
    assert len(thread_name("q " * 200)) <= 100 and "@everyone" not in thread_name("@everyone ?")


def test_the_community_post_names_the_asker_and_pings_nobody() -> None:
    render = DiscordRenderer()
    post = render.community_post(Asked(5, "77", "Aide @everyone"))
    assert "<@77>" in post.content and "@everyone" not in post.content
    assert [b.custom_id for b in post.buttons] == ["solved:5"]
    assert render.community_post(Asked(5, "77", "Aide"), solved=True).buttons == ()


def test_the_ticket_card_carries_the_question_as_asked() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 12, 24, 16, tzinfo=UTC)
    ticket = TicketView(
        id=3,
        asker="77",
        text="Mon IBAN @everyone *urgent*",
        urgency="normal",
        status="open",
        created_at=now,
        target_at=now,
        due_at=now,
        due_text="au plus tard mardi",
        emergency=False,
        lead_channel=None,
        lead_ts=None,
        asker_channel=None,
    )
    card = DiscordRenderer().ticket_card(ticket, "jeudi 24 décembre à 17 h")
    assert card.detail == "Mon IBAN @everyone *urgent*"
    assert "au plus tard mardi" in card.content
    assert [b.custom_id for b in card.buttons] == ["reply:3", "close:3"]
    hidden = DiscordRenderer().escalation_card(
        ticket, lead="9", received="hier", due="demain", show_text=False
    )
    assert "IBAN" not in hidden.content + hidden.detail


def test_masked_links_show_their_real_target_in_public_text() -> None:
    shown = quote(
        "voir [https://support.example.fr](https://evil.example/x) ou [ici](<https://a.fr>)"
    )
    assert (
        shown
        == "> voir https://support.example.fr (<https://evil.example/x>) ou ici (<https://a.fr>)"
    )
    assert quote("[https://a.fr/](https://a.fr)") == "> <https://a.fr>"


def test_the_consent_add_and_reopen_buttons_carry_ids_only() -> None:
    render = DiscordRenderer()
    asked = Asked(8, "77", "Ma question privée @here")
    choice = render.publish_choice("Rien trouvé @everyone", asked)
    assert [b.custom_id for b in choice.buttons] == ["community:8", "sendprivate:8"]
    assert "@everyone" not in choice.content
    offer = render.add_to_ticket("Ajouter ?", asked, [3, 4, 5, 6])
    assert [b.custom_id for b in offer.buttons] == ["add:3:8", "add:4:8", "add:5:8"]
    assert ids.parse("add:3:8") == ids.Action(ids.ADD_TO_TICKET, 3, "8")
    assert all("privée" not in b.custom_id for b in choice.buttons + offer.buttons)
    from datetime import UTC, datetime

    now = datetime(2026, 12, 24, 16, tzinfo=UTC)
    ticket = TicketView(
        id=3,
        asker="77",
        text="x",
        urgency="normal",
        status="closed",
        created_at=now,
        target_at=now,
        due_at=now,
        due_text="",
        emergency=False,
        lead_channel=None,
        lead_ts=None,
        asker_channel=None,
    )
    closed = render.ticket_closed("Votre ticket n°3 est résolu.", ticket, reopen=True)
    assert [b.custom_id for b in closed.buttons] == ["reopen:3"]
    assert render.ticket_closed("Résolu.", ticket, reopen=False).buttons == ()


def test_the_first_suggestion_shows_the_start_of_its_answer() -> None:
    from bot.core.views import Suggestion
    from bot.knowledge.model import Unit

    units = [
        Unit(f"kb/u{n}", "kb", f"Titre {n}", f"Réponse {n} complète. Suite {n}.", "FAQ")
        for n in (1, 2)
    ]
    shown = DiscordRenderer().suggestions([Suggestion(u, 0.5) for u in units], Asked(4, "77", "?"))
    assert "Réponse 1 complète." in shown.content and "Suite 1" not in shown.content
    assert "Réponse 2" not in shown.content
    assert [b.custom_id for b in shown.buttons][:2] == ["see:4:kb/u1", "see:4:kb/u2"]
