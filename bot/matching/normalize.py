"""French text normalisation for matching.

`analyse(text)` turns a question into topic tokens:
case and accents folded, elisions cut (l', d', qu'...), SMS spelling expanded (cmt, pk, kel...),
synonyms mapped to one word (RIB -> bancaire, fermer -> supprimer...), stop words dropped and each
word lightly stemmed (plural and common endings). Pure functions, cached per word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from bot.matching.lexicon import SMS, STOP_WORDS, SYNONYMS

_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "’": "'", "`": "'", "ʼ": "'"})
_ACCENTS = str.maketrans("àâäáãåçéèêëíìîïñóòôöõúùûüýÿ", "aaaaaaceeeeiiiinooooouuuuyy")
_ELISION = re.compile(r"\b(?:l|d|j|qu|n|s|t|m|c|jusqu|lorsqu|puisqu|quoiqu)'")
# chat contractions without apostrophe: jpeux, jsuis, jtrouve -> peux, suis, trouve
_CONTRACTION = re.compile(r"\bj(?=[bcdfgkmnpqrstvz][aeiouyrhl])")
_EMAIL = re.compile(r"\be-?mails?\b")
_JOINED = (  # (trigger substring, pattern, joined word)
    ("rendez", re.compile(r"\brendez[- ]vous\b"), "rendezvous"),
    ("week", re.compile(r"\bweek[- ]?ends?\b"), "weekend"),
    ("passe", re.compile(r"\bmots? de passe\b"), "motdepasse"),
    ("meme temps", re.compile(r"\ben meme temps\b"), "simultanement"),
)
_HOURS = re.compile(r"(\d+)\s*h\b")
_SPLIT = re.compile(r"[^a-z0-9]+")
_EXTRA_STOP = frozenset({"t", "quelqu", "un", "une", "ouloc"})

# endings stripped by the light stemmer, longest first; a stem keeps at least 4 letters
_SUFFIXES = (
    "issements",
    "issement",
    "ations",
    "ation",
    "ements",
    "ement",
    "ments",
    "ment",
    "euses",
    "euse",
    "eurs",
    "eur",
    "ables",
    "able",
    "iques",
    "ique",
    "ees",
    "ee",
    "es",
    "er",
    "ez",
    "e",
    "ait",
    "ant",
)


# question words kept as intent markers: they take part in similarity, not in coverage
INTENTS = {
    "ou": "qou",
    "comment": "qcomment",
    "pourquoi": "qpourquoi",
    "combien": "qcombien",
    "quand": "qquand",
}
_WHERE = re.compile(
    r"\bo[uù]\s+(?=est|sont|se|trouver|trouve|passer|puis|faire|voir|aller)|\bo[ù]\b"
)


def fold(text: str) -> str:
    """Lower-case, ligatures expanded, accents removed, typographic apostrophes unified."""
    text = text.lower().translate(_LIGATURES).translate(_ACCENTS)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light French stemmer: enough to make plurals and verb forms meet."""
    if word.isdigit() or len(word) <= 3:
        return word
    if word.endswith(("s", "x")) and not word.endswith("ss"):
        word = word[:-1]
    if word.endswith("ienne"):  # ancienne -> ancien
        return word[:-2]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def raw_words(text: str) -> list[str]:
    """Folded words with elisions cut; "où" (where) kept apart from "ou" (or)."""
    lowered = text.lower()
    if "o" in lowered:
        lowered = _WHERE.sub(" ouloc ", lowered)
    folded = fold(lowered)
    # each rewrite runs only when its trigger is present: most texts skip most of them, which
    # keeps building a 100,000-unit index fast
    if "mail" in folded:
        folded = _EMAIL.sub("email", folded)
    if "h" in folded and any(c.isdigit() for c in folded):
        folded = _HOURS.sub(r"\1 h", folded)
    for trigger, pattern, joined in _JOINED:
        if trigger in folded:
            folded = pattern.sub(joined, folded)
    if "'" in folded:
        folded = _ELISION.sub(" ", folded)
    if "j" in folded:
        folded = _CONTRACTION.sub("", folded)
    return [w for w in _SPLIT.split(folded) if w]


@lru_cache(maxsize=200_000)
def _expand(word: str) -> tuple[str, ...]:
    """SMS expansion then synonym mapping, as a tuple of folded words."""
    expansion = SMS.get(word)
    words = raw_words(expansion) if expansion else [word]
    return tuple(SYNONYMS.get(w, w) for w in words)


@lru_cache(maxsize=200_000)
def term(word: str) -> str | None:
    """The index term for one folded word, or None for a stop word."""
    if word in STOP_WORDS or word in _EXTRA_STOP:
        return None
    return stem(SYNONYMS.get(word, word))


@lru_cache(maxsize=200_000)
def word_terms(word: str) -> tuple[str, ...]:
    """The terms one folded word stands for (none for a stop word)."""
    return tuple(t for e in _expand(word) if (t := term(e)) is not None)


def intents(text: str) -> list[str]:
    """Intent markers of the question words in `text` (where, how, why...)."""
    return intents_of(raw_words(text))


def intents_of(folded: list[str]) -> list[str]:
    found = []
    for word in folded:
        for expanded in _expand(word):
            marker = "qou" if expanded == "ouloc" else INTENTS.get(expanded)
            if marker and expanded != "ou":
                found.append(marker)
    return found


def analyse(text: str) -> list[str]:
    """Topic terms of `text`, in order, duplicates kept."""
    return [t for word in raw_words(text) for t in word_terms(word)]
