"""Every text key the code asks for exists in the French catalogue, and no catalogue entry is
dead; placeholders are well formed."""

from __future__ import annotations

import re
import string
from pathlib import Path

from bot.messages import catalogue, t

BOT = Path(__file__).resolve().parents[2] / "bot"
KEY = re.compile(r"""\bt\(\s*["']([a-z0-9_.]+)["']""")
# keys built at run time (f-strings, dict lookups): their prefixes
DYNAMIC = re.compile(r"""["']((?:[a-z0-9_]+\.)+[a-z0-9_]*)["']""")


def used_keys() -> set[str]:
    keys: set[str] = set()
    for path in BOT.rglob("*.py"):
        keys |= set(KEY.findall(path.read_text(encoding="utf-8")))
    return keys


def test_every_key_used_in_code_exists_in_french() -> None:
    french = catalogue("fr")
    missing = sorted(k for k in used_keys() if k not in french)
    assert not missing, missing


def test_every_french_entry_is_used_somewhere() -> None:
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in BOT.rglob("*.py") if "messages" not in p.parts
    )
    unused = [k for k in catalogue("fr") if k not in source and not _built(k, source)]
    assert not unused, unused


def _built(key: str, source: str) -> bool:
    """A key assembled at run time, e.g. f"slack.urgency.{level}": its prefix is in the code;
    or the wording without a link of a key shown through t_link."""
    if key.endswith(".nolink"):
        return f'"{key.removesuffix(".nolink")}"' in source
    prefix = key.rsplit(".", 1)[0] + "."
    return prefix in source


def test_placeholders_are_well_formed() -> None:
    for key, text in catalogue("fr").items():
        fields = [f for _, f, _, _ in string.Formatter().parse(text) if f]
        assert all(re.fullmatch(r"[a-z_]+(![rs])?", f) for f in fields), (key, fields)


def test_missing_key_falls_back_to_the_key() -> None:
    assert t("no.such.key") == "no.such.key"
    assert t("cli.error", error="x") == "Erreur : x"


def test_braces_and_missing_values() -> None:
    assert t("kb.no_sections") == "aucune section « ## Titre {#id} »"
    assert t("cli.error") == "Erreur : {error}"  # a forgotten value never crashes a reply


LINKED = re.compile(r"""\bt_link\(\s*["']([a-z0-9_.]+)["']""")


def test_every_text_shown_with_a_link_has_a_wording_without_one() -> None:
    """A place the chat cannot link to (no team URL yet, no guild) must not leave "… : " hanging:
    t_link then takes `<key>.nolink`, written without the link."""
    french = catalogue("fr")
    source = "\n".join(p.read_text(encoding="utf-8") for p in BOT.rglob("*.py"))
    linked = set(LINKED.findall(source)) | {"flow.nothing.community", "flow.community.posted"}
    assert linked >= {"slack.community.answered", "discord.community.answered"}
    for key in linked:
        assert "{link}" in french[key], key
        assert "{link}" not in french[f"{key}.nolink"], key
    for key in (k for k in french if k.endswith(".nolink")):
        assert key.removesuffix(".nolink") in linked, key


def test_t_link_falls_back_to_the_wording_without_a_link() -> None:
    from bot.messages import t_link

    with_link = t_link("flow.community.posted", "https://x/y", channel="#aide")
    assert "https://x/y" in with_link and "#aide" in with_link
    without = t_link("flow.community.posted", "", channel="#aide")
    assert "#aide" in without and not re.search(r":\s*(\n|$)", without)
