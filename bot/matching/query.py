"""A message analysed for matching: its informative terms, what each weighs, and the windows
(sentences) where similarity is measured.

Terms of question sentences weigh fully; terms of context sentences weigh CONTEXT_WEIGHT, and
those the base does not know at all weigh CONTEXT_UNKNOWN_WEIGHT (a name, a town, a detail of
the story: they should not make a question look foreign to the base); so do numbers the base
does not know, wherever they are («4 jours», «6 % d'ouverture»). Greetings, signatures and
other chit-chat are gone before this point (see reader.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.matching.intent import acts_on_account, asked_figure, chapters_asked
from bot.matching.normalize import intents_of, raw_words, word_terms
from bot.matching.reader import Reading

MAX_WORDS = 200  # a message longer than this is matched on its first words
CONTEXT_WEIGHT = 0.5
CONTEXT_UNKNOWN_WEIGHT = 0.15
FOCUS_UNKNOWN_WEIGHT = 1.0
INTENT_WEIGHT = 1.0  # weight of a question-word marker (où, comment...) in the similarity
MAX_WINDOWS = 4  # similarity is measured on at most this many windows

Fold = Callable[[str], list[str]]


@dataclass(frozen=True)
class Window:
    """A stretch of the message compared with the units' phrasings."""

    text: str  # intent markers + terms, space separated
    weights: dict[str, float]
    total: float


@dataclass
class Query:
    weights: dict[str, float] = field(default_factory=dict)  # term -> weight for coverage
    focus: frozenset[str] = frozenset()  # terms of the question sentences
    windows: list[Window] = field(default_factory=list)
    sentences: int = 0  # informative sentences
    questions: int = 0  # question / problem sentences among them
    chat: int = 0  # chit-chat sentences dropped
    unknown: float = 0.0  # share of the focus weight the base knows nothing of
    account: float = 0.0  # a request to act on the asker's own account (intent.py)
    figure: str | None = None  # asks for an amount or a phone number (intent.py)
    chapters: frozenset[int] = frozenset()  # training chapters its questions name (intent.py)
    products: frozenset[str] = frozenset()  # the bases whose product it names (base.toml)

    @property
    def terms(self) -> list[str]:
        return list(self.weights)


def _window(folded: list[str], terms: list[str], idf: dict[str, float], unknown: float) -> Window:
    query = intents_of(folded) + terms
    weights = {t: idf.get(t, unknown) for t in terms}
    weights.update((t, INTENT_WEIGHT) for t in query if t not in weights)
    return Window(" ".join(query), weights, sum(weights.values()))


def analyse_query(
    reading: Reading,
    idf: dict[str, float],
    unknown_idf: float,
    correct: Callable[[str], str | None],
    fold: Fold = raw_words,
) -> Query:
    """Terms and windows of the informative sentences of `reading`."""
    informative = reading.informative
    q = Query(chat=len(reading.sentences) - len(informative), sentences=len(informative))
    questions = [s for s in informative if s.role == "question"]
    q.questions = len(questions)
    focus_sentences = questions or list(informative)
    budget = MAX_WORDS
    analysed: list[tuple[list[str], list[str], bool]] = []
    for sentence in informative:
        folded = fold(sentence.text)[:budget]
        budget -= len(folded)
        terms = [
            t if t in idf else (correct(word) or t) for word in folded for t in word_terms(word)
        ]
        analysed.append((folded, terms, sentence in focus_sentences))
        if budget <= 0:
            break
    focus = {t for _, terms, is_focus in analysed if is_focus for t in terms}
    q.focus = frozenset(focus)
    for _, terms, _ in analysed:
        for t in terms:
            if t in focus and (t in idf or not t.isdigit()):
                q.weights[t] = idf[t] if t in idf else unknown_idf * FOCUS_UNKNOWN_WEIGHT
            elif t not in q.weights:
                known = t in idf
                share = CONTEXT_WEIGHT if known else CONTEXT_UNKNOWN_WEIGHT
                q.weights[t] = idf.get(t, unknown_idf) * share
    focus_weight = sum(idf.get(t, unknown_idf) for t in focus)
    unknown_weight = sum(unknown_idf for t in focus if t not in idf)
    q.unknown = unknown_weight / focus_weight if focus_weight else 0.0
    q.windows = _windows(analysed, idf, unknown_idf)
    text = reading.text
    q.account = acts_on_account(text)
    q.figure = asked_figure(text)
    q.chapters = chapters_asked(" ".join(s.text for s in focus_sentences))
    return q


def _windows(
    analysed: list[tuple[list[str], list[str], bool]], idf: dict[str, float], unknown: float
) -> list[Window]:
    """The focus sentences together, each focus sentence with the one before it, and the
    whole message: similarity is taken on the best of them."""
    spans: list[tuple[int, int]] = []
    focus_rows = [n for n, (_, terms, is_focus) in enumerate(analysed) if is_focus and terms]
    if len(analysed) > 1:
        spans.append((0, len(analysed)))
    for n in focus_rows:
        spans.append((max(n - 1, 0), n + 1))
        spans.append((n, n + 1))
    windows: list[Window] = []
    seen: set[str] = set()
    if focus_rows:
        folded = [w for n in focus_rows for w in analysed[n][0]]
        terms = [t for n in focus_rows for t in analysed[n][1]]
        windows.append(_window(folded, terms, idf, unknown))
        seen.add(windows[0].text)
    for start, end in spans:
        folded = [w for row in analysed[start:end] for w in row[0]]
        terms = [t for row in analysed[start:end] for t in row[1]]
        window = _window(folded, terms, idf, unknown)
        if terms and window.text not in seen:
            seen.add(window.text)
            windows.append(window)
        if len(windows) >= MAX_WINDOWS:
            break
    return windows
