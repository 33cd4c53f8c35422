"""Is this question written in another language than French? A cheap, pure check on common
short words: several English (or Spanish, German) function words and no French one."""

from __future__ import annotations

import re

from bot.matching.normalize import fold

FRENCH = frozenset(
    "le la les un une des du de et est sont je j tu il elle nous vous ils mon ma mes ton ta "
    "votre vos pour pas ne que qui quoi comment pourquoi ou dans sur avec au aux ce cette "
    "ces ai as avez peux puis faire fait bonjour merci svp".split()
)
FOREIGN = (
    frozenset(
        "the is are was how what why where when can could does do my your i you it this that "
        "please with from have has not which "  # English
        "el los las es como que por donde tengo puedo mi "  # Spanish
        "der die das ist wie was warum ich nicht mein kann bitte".split()  # German
    )
    - FRENCH
)
_WORD = re.compile(r"[a-z]+")


def looks_foreign(text: str) -> bool:
    words = _WORD.findall(fold(text))
    foreign = sum(word in FOREIGN for word in words)
    french = sum(word in FRENCH for word in words)
    return foreign >= 2 and french == 0
