"""Every user-facing text, by language. French is the default; add a language by adding
catalogue modules (`en_*.py`) with the same keys and setting BOT_LANGUAGE.

Catalogues are split by area (core, slack, sla, cli) only to keep each file short; `t()` looks
them all up. A missing key falls back to French, then to the key itself, so a half-translated
language still works.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

DEFAULT_LANGUAGE = "fr"
_language = DEFAULT_LANGUAGE


@cache
def catalogue(language: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    prefix = f"{language}_"
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith(prefix):
            module = importlib.import_module(f"{__name__}.{info.name}")
            merged.update(module.MESSAGES)
    return merged


def set_language(language: str) -> None:
    global _language
    _language = language or DEFAULT_LANGUAGE


class _Keep(dict[str, object]):
    """A missing value shows as its placeholder instead of raising."""

    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


def t_link(key: str, /, link: str, **values: object) -> str:
    """`key` with its `{link}`; without a link (a place the chat could not link to), the text
    of `<key>.nolink`, written without one."""
    return t(key, link=link, **values) if link else t(f"{key}.nolink", **values)


def t(key: str, /, **values: object) -> str:
    """The text for `key` in the current language, formatted with `values` (`{{` is a brace)."""
    text = catalogue(_language).get(key) or catalogue(DEFAULT_LANGUAGE).get(key) or key
    return text.format_map(_Keep(values))
