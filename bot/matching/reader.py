"""Read a chat message before matching it: what is markup, what is chit-chat, what is asked.

`read(message)` strips Slack markup (mentions, `<!here>`, links, emoji codes, `*bold*`,
`` `code` ``, quotes), splits the text into sentences (line breaks and end punctuation) and gives
each one a role:

- "chat": greetings, thanks, «merci d'avance», signatures, self-introductions: no weight;
- "question": a question (a "?" or a question word) or a problem statement («impossible de
  valider», «ça plante quand…», «rien reçu»): it weighs most;
- "context": anything else: it helps the ranking and never dilutes it.

Pure functions; the matcher decides what each role weighs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.matching.lexicon import GREETINGS, HELP, POLITE, STOP_WORDS, THANKS
from bot.matching.normalize import fold

# Slack markup (https://api.slack.com/reference/surfaces/formatting)
_MENTION = re.compile(r"<[@#!][^>]*>")  # <@U123>, <#C1|general>, <!here>, <!subteam^S1>
_LABELLED_LINK = re.compile(r"<(?:https?|mailto):[^>|]*\|([^>]*)>")
_LINK = re.compile(r"<(?:https?|mailto):[^>]*>|\bhttps?://\S+")
_EMOJI = re.compile(r":[a-z0-9_+'-]+:")
_FENCE = re.compile(r"```")
_MARKS = re.compile(r"(?<![\w*_~`])[*_~`]+|[*_~`]+(?![\w*_~`])")
_QUOTE = re.compile(r"^\s*(?:&gt;|>)+\s?", re.MULTILINE)
_ENTITIES = (("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"))
_SIGNATURE = re.compile(r"^\s*--\s*$", re.MULTILINE)  # "-- " opens an e-mail style signature

# a sentence ends at a line break or at ., !, ?, … followed by a space ("sfr.fr" is one word)
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")

_QUESTION_START = re.compile(
    r"^(?:comment|ou|pourquoi|combien|quand|quel|quels|quelle|quelles|qui|quoi|est-ce|"
    r"est ce|peut-on|peux-je|puis-je|dois-je|faut-il|y a-t-il|c'est quoi|a quoi|que faire|"
    r"je fais comment|on fait comment|je peux|on peut|je dois|on doit|il faut)\b"
)
_PROBLEM = re.compile(
    r"\b(?:impossible|n'arrive pas|arrive pas|ne marche|marche pas|ne fonctionne|"
    r"fonctionne pas|plante|bug|beug|bloque|erreur|refuse|rejete|rien recu|pas recu|"
    r"ne trouve pas|trouve pas|ne vois pas|vois pas|ne s'affiche|s'affiche pas|manque|"
    r"echec|echoue|perdu|probleme|souci)"
)
_SELF_INTRO = re.compile(r"^(?:je m'appelle|moi c'est|je me presente|ici \w+ de)\b")
_CHAT_PHRASES = re.compile(
    r"\b(?:merci d'avance|merci par avance|d'avance merci|bonne journee|bonne soiree|"
    r"bon week-?end|cordialement|bien a vous|a bientot|belle journee|"
    r"ravie? de (?:rejoindre|vous|etre)|content[e]? de (?:rejoindre|vous|etre))\b"
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)?")
_CHATTY = GREETINGS | THANKS | POLITE | HELP | STOP_WORDS
SHORT_QUESTION = 4  # «Je contacte qui ?», «Qui doit-il appeler ?»: about the sentence before


@dataclass(frozen=True)
class Sentence:
    text: str
    role: str  # question | context | chat


@dataclass(frozen=True)
class Reading:
    sentences: tuple[Sentence, ...]

    @property
    def informative(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.role != "chat")

    @property
    def questions(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.role == "question")

    @property
    def text(self) -> str:
        """The informative sentences, markup and chit-chat removed."""
        return " ".join(s.text for s in self.informative)


def strip_markup(message: str) -> str:
    """Plain text from Slack markup; line breaks kept, a signature after `-- ` dropped."""
    text = message.replace("\r\n", "\n").replace("\r", "\n")
    signature = _SIGNATURE.search(text)
    if signature:
        text = text[: signature.start()]
    text = _MENTION.sub(" ", text)
    text = _LABELLED_LINK.sub(r" \1 ", text)
    text = _LINK.sub(" ", text)
    text = _EMOJI.sub(" ", text)
    text = _FENCE.sub("\n", text)
    text = _QUOTE.sub("", text)
    for entity, char in _ENTITIES:
        text = text.replace(entity, char)
    return _MARKS.sub(" ", text)


def _is_chat(folded: str) -> bool:
    words = _WORD.findall(folded)
    if not words:
        return True
    if _SELF_INTRO.match(folded):
        return True
    rest = _CHAT_PHRASES.sub(" ", folded)
    rest_words = _WORD.findall(rest)
    if len(rest_words) < len(words) and all(w in _CHATTY for w in rest_words):
        return True
    # a greeting line, or a lone name at the end ("Julien", "Nadia B.")
    return all(w in _CHATTY for w in words)


def role_of(sentence: str) -> str:
    """question | context | chat, for one sentence of plain text."""
    folded = fold(sentence).strip()
    if _is_chat(folded):
        return "chat"
    bare = re.sub(r"^(?:(?:bonjour|salut|hello|coucou|re|bonsoir|hey)\b[ ,!]*)+", "", folded)
    bare = re.sub(r"^(?:et|mais|donc|alors|du coup|sinon|bref)\b[ ,]*", "", bare)
    if folded.rstrip().endswith("?") or _QUESTION_START.match(bare) or _PROBLEM.search(folded):
        return "question"
    return "context"


def _looks_like_name(sentence: str) -> bool:
    """A signature line: one to three capitalised words, maybe an initial ("Nadia B.")."""
    words = sentence.split()
    return 0 < len(words) <= 3 and all(w[:1].isupper() and w.rstrip(".,").isalpha() for w in words)


def read(message: str) -> Reading:
    """The message's sentences, each with its role."""
    text = strip_markup(message)
    lines = [line for line in text.split("\n") if line.strip()]
    sentences: list[Sentence] = []
    for n, line in enumerate(lines):
        stripped = line.strip()
        last = n == len(lines) - 1
        if last and n > 0 and _looks_like_name(stripped) and "?" not in stripped:
            sentences.append(Sentence(stripped, "chat"))
            continue
        for part in _SENTENCE_END.split(stripped):
            if part.strip():
                sentences.append(Sentence(part.strip(), role_of(part)))
    return Reading(tuple(_promote(sentences)))


def _promote(sentences: list[Sentence]) -> list[Sentence]:
    """A question without content or a very short one («Je fais quoi ?», «C'est normal ?»,
    «Je lui dis quoi ?») asks about the sentence before it, which becomes a question too."""
    out = list(sentences)
    for n, s in enumerate(out):
        short = s.role == "question" and len(_WORD.findall(fold(s.text))) <= SHORT_QUESTION
        asks = s.role == "chat" and s.text.rstrip().endswith("?") and not _greeting_only(s.text)
        if short or asks:
            previous = next((k for k in range(n - 1, -1, -1) if out[k].role != "chat"), None)
            if previous is not None and out[previous].role == "context":
                out[previous] = Sentence(out[previous].text, "question")
    return out


def _greeting_only(sentence: str) -> bool:
    """«Ça va ?», «Salut tout le monde ?»: small talk, not a question about something."""
    words = _WORD.findall(fold(sentence))
    return all(w in GREETINGS | THANKS | POLITE or w in {"ca", "va", "vas"} for w in words)
