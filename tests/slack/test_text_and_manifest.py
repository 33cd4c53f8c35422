"""Pure pieces: mention neutralising, quoting, Markdown -> mrkdwn, absence dates, manifest."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from bot.flows.absence import days_text, parse_days
from bot.slack import ids
from bot.slack.blocks import community_post
from bot.slack.text import (
    for_matching,
    from_form,
    neutralise,
    quote,
    strip_mention,
    to_mrkdwn,
    unescape,
)
from bot.slack.views import question_form, read_question_form

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"


def test_mass_mentions_are_neutralised() -> None:
    raw = (
        "<!channel> <!here|here> <!everyone> <!subteam^S012AB|@support> <!subteam^S9> "
        "@channel @Here @everyone <@U123> <!date^1392734382^{date}|Feb 18> <!group> <!foo^x>"
    )
    safe = neutralise(raw)
    for bad in (
        "<!channel>",
        "<!here",
        "<!everyone>",
        "<!subteam",
        "@channel",
        "@Here",
        "@everyone",
    ):
        assert bad not in safe
    # issue 8: EVERY <!…> is defused (a date keeps its fallback text); user mentions stay
    assert "<!" not in safe and "Feb 18" in safe and "@\u2060group" in safe
    assert "<@U123>" in safe
    assert "@\u2060support" in safe


def test_masked_links_show_their_real_target() -> None:
    quoted = quote("voir <https://evil.example|https://support.example.fr> ou <https://a.fr|a.fr>")
    assert "https://support.example.fr (<https://evil.example>)" in quoted
    assert "|https://support.example.fr>" not in quoted
    assert "<https://a.fr|" not in quoted


def test_form_text_is_escaped_then_quoted() -> None:
    typed = "a < b & <!channel>\nligne 2"
    stored = from_form(typed)
    assert stored == "a &lt; b &amp; &lt;!channel&gt;\nligne 2"
    assert unescape(stored) == typed
    assert quote(stored) == "> a &lt; b &amp; &lt;!channel&gt;\n> ligne 2"
    assert quote("x" * 5000).endswith("…") and len(quote("x" * 5000)) < 3000


def test_quote_drops_control_characters() -> None:
    assert quote("a\x00b\x07c") == "> abc"


def test_markdown_becomes_mrkdwn() -> None:
    md = "## Titre\n- **gras** et [lien](https://x.example/a?b=1&c=2)\n* point"
    assert to_mrkdwn(md) == ("*Titre*\n• *gras* et <https://x.example/a?b=1&amp;c=2|lien>\n• point")


def test_strip_mention() -> None:
    assert strip_mention("<@UBOT> Bonjour <@UBOT|aide>", "UBOT") == "Bonjour"


def test_community_post_blocks() -> None:
    fallback, blocks = community_post("U1", "Aidez-moi <!here>", 7)
    assert "<!here>" not in fallback + str(blocks)
    assert "<@U1>" in fallback


def test_question_form_round_trip() -> None:
    form = question_form(prefill="ma question", private=True, question_id=3, channel="C1")
    state = {
        "values": {
            ids.Q_BLOCK: {ids.Q_INPUT: {"value": "ma question"}},
            ids.PRIVATE_BLOCK: {ids.PRIVATE_INPUT: {"selected_options": [{"value": "private"}]}},
            ids.URGENCY_BLOCK: {ids.URGENCY_INPUT: {"selected_option": {"value": "major"}}},
        }
    }
    assert read_question_form({**form, "state": state}) == ("ma question", True, "major")
    assert read_question_form({"state": {}}) == ("", False, "normal")
    assert ids.unpack(form["private_metadata"]) == {"q": 3, "c": "C1"}
    for block in form["blocks"]:
        for option in (block.get("element") or {}).get("options", []):
            assert len(option["text"]["text"]) <= 75  # Slack's limit for an option


def test_days_are_said_as_runs_of_consecutive_days() -> None:
    days, _ = parse_days(["2026-12-24..2026-12-26", "2027-01-02", "2026-12-30"])
    assert days_text(days) == "du 24/12/2026 au 26/12/2026, le 30/12/2026 et le 02/01/2027"
    assert days_text(days[:3]) == "du 24/12/2026 au 26/12/2026"
    assert days_text(days[3:4]) == "le 30/12/2026"


def test_parse_days() -> None:
    days, reason = parse_days(["2026-12-24..2026-12-26", "2027-01-02", "fêtes", "de", "fin"])
    assert days == [date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 26), date(2027, 1, 2)]
    assert reason == "fêtes de fin"
    assert parse_days(["2026-12-31..2026-12-24"]) == ([], "")
    assert parse_days(["2026-02-30"]) == ([], "")
    assert parse_days(["2026-01-01..2030-01-01"]) == ([], "")
    assert parse_days(["demain"]) == ([], "demain")


def test_pack_keeps_values_under_slack_limit() -> None:
    value = ids.pack(q=1, a="U1", t="é" * 5000)
    assert len(value) <= 2000 and ids.unpack(value)["q"] == 1
    assert ids.unpack("not json") == {} and ids.unpack("[1]") == {}


def test_manifest_matches_the_code() -> None:
    text = MANIFEST.read_text(encoding="utf-8")
    commands = re.findall(r"^\s*- command: (\S+)", text, re.MULTILINE)
    assert commands == list(ids.COMMANDS) == [ids.SLASH_COMMAND, ids.FORMATION_COMMAND]
    for scope in (
        "app_mentions:read",
        "chat:write",
        "im:history",
        "im:write",
        "im:read",
        "channels:history",
        "groups:history",
        "reactions:read",
        "users:read",
        "commands",
        "channels:read",
        "groups:read",
    ):
        assert re.search(rf"^\s*- {re.escape(scope)}$", text, re.MULTILINE), scope
    for event in (
        "app_mention",
        "message.im",
        "message.channels",
        "message.groups",
        "reaction_added",
        "app_home_opened",
    ):
        assert re.search(rf"^\s*- {re.escape(event)}$", text, re.MULTILINE), event
    assert "socket_mode_enabled: true" in text
    assert "https://YOUR-HOST/slack/events" in text
    assert "is_enabled: true" in text  # interactivity


def test_for_matching_keeps_only_what_a_person_reads() -> None:
    raw = (
        "<!channel> <@U0ASKER> où sont mes factures &amp; mon RIB ? voir "
        "<https://aide.example/f|la page> et <#C0HELP|aide> <!subteam^S1|@support>"
    )
    assert " ".join(for_matching(raw).split()) == (
        "où sont mes factures & mon RIB ? voir la page et aide"
    )
    assert for_matching("<https://x.example>").strip() == "https://x.example"
