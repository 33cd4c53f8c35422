"""Matching benchmark: latency (median, p99) per question, build time and memory, for the
shipped knowledge and for synthetic bases. Prints figures; asserts nothing.

Synthetic units are made of words drawn with a Zipf-like law from the shipped vocabulary plus
generated French-looking words, so that frequent and rare terms coexist as in real bases.
Questions are phrasings of random units with a dropped word, a typo and filler words; chat
messages wrap such a question in a greeting, context sentences, thanks and a signature (40 to 80
words over several lines).
"""

from __future__ import annotations

import gc
import itertools
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

from bot.config import Settings
from bot.knowledge.model import KnowledgeBase, Unit
from bot.knowledge.registry import ALL, Knowledge
from bot.matching import Matcher
from bot.matching.persist import cached_index
from bot.messages import t

# fmt: off
SYLLABLES = [
    "ba", "be", "bi", "bo", "bu", "ca", "ce", "ci", "co", "cu", "da", "de", "di", "do", "du",
    "fa", "fe", "fi", "fo", "la", "le", "li", "lo", "lu", "ma", "me", "mi", "mo", "mu", "na",
    "ne", "ni", "no", "nu", "pa", "pe", "pi", "po", "pu", "ra", "re", "ri", "ro", "ru", "sa",
    "se", "si", "so", "su", "ta", "te", "ti", "to", "tu", "va", "ve", "vi", "vo", "an", "en",
    "in", "on", "ou", "oi", "eu", "ai", "ar", "er", "ir", "or", "ur", "ant", "ent", "ion",
    "eur", "age", "ure",
]
# fmt: on
FILLERS = ["comment", "je", "voudrais", "savoir", "svp", "où", "est-ce que", "mon", "la", "les"]
# the frame of a chat message: greeting, context, the question, thanks, signature
CHAT_OPENINGS = ["Bonjour à tous,", "Salut <!here> :wave:", "Hello,", "Bonsoir,", "Re bonjour,"]
CHAT_CONTEXT = [
    "je suis indépendante depuis quelques mois et je prépare plusieurs dossiers pour des clients",
    "hier soir j'ai passé un long moment à chercher dans la documentation sans rien trouver",
    "un collègue m'a conseillé de poser la question ici parce que vous connaissez bien l'outil",
    "ma cliente attend une réponse de ma part avant la fin de la semaine et elle s'impatiente",
]
CHAT_CLOSINGS = ["Merci d'avance pour votre aide !", "Bonne journée,\nNadia", "Merci :pray:"]


def _rss_mb() -> float:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):  # pragma: no cover - non-Linux
        return float("nan")


def synthetic_base(size: int, seed: int = 7, vocab_size: int | None = None) -> KnowledgeBase:
    rng = random.Random(seed)
    vocab_size = vocab_size or max(2000, size // 2)
    words = sorted(
        {
            "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
            for _ in range(vocab_size)
        }
    )
    cumulative = list(itertools.accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(words))))

    def phrase(lo: int, hi: int) -> str:
        return " ".join(rng.choices(words, cum_weights=cumulative, k=rng.randint(lo, hi)))

    units = [
        Unit(
            id=f"synth/u{n}",
            kb="synth",
            title=phrase(3, 7),
            answer=phrase(20, 40),
            source=f"Synthétique › {n}",
            phrasings=tuple(phrase(3, 7) for _ in range(3)),
        )
        for n in range(size)
    ]
    return KnowledgeBase("synth", "Synthétique", units)


def _typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def questions_for(kb: KnowledgeBase, count: int, seed: int = 11) -> list[tuple[str, str]]:
    """(question, id of the unit it was made from) pairs."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        unit = rng.choice(kb.units)
        words = rng.choice((unit.title, *unit.phrasings)).split()
        if len(words) > 3:
            words.pop(rng.randrange(len(words)))
        k = rng.randrange(len(words))
        words[k] = _typo(words[k], rng)
        out.append((" ".join([rng.choice(FILLERS), *words, "?"]), unit.id))
    return out


def chat_questions_for(kb: KnowledgeBase, count: int, seed: int = 13) -> list[tuple[str, str]]:
    """Chat-length messages (40 to 80 words): a greeting, one or two context sentences over
    several lines, a perturbed phrasing as the question, thanks and a signature."""
    rng = random.Random(seed)
    out = []
    for question, unit_id in questions_for(kb, count, seed):
        while True:
            context = rng.sample(CHAT_CONTEXT, rng.randint(1, 3))
            text = "\n".join(
                [
                    rng.choice(CHAT_OPENINGS),
                    ". ".join(c.capitalize() for c in context) + ".",
                    question,
                    rng.choice(CHAT_CLOSINGS),
                ]
            )
            if 40 <= len(text.split()) <= 80 or len(context) == 3:
                break
        out.append((text, unit_id))
    return out


def measure(
    matcher: Matcher, questions: list[tuple[str, str]]
) -> tuple[float, float, float, float]:
    """(median µs, p99 µs, answered share, right share) over the questions; times are the CPU
    time of the matching thread, so a busy machine does not inflate them."""
    times = []
    answered = right = 0
    for q, expected in questions:
        start = time.thread_time_ns()  # CPU time: other processes on the machine do not count
        result = matcher.match(q)
        times.append((time.thread_time_ns() - start) / 1000)
        answered += result.answered
        right += result.unit is not None and result.unit.id == expected
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    return statistics.median(times), p99, answered / len(questions), right / len(questions)


HEADER = (
    "base",
    "unités",
    "build s",
    "mém. Mo",
    "méd. ms",
    "p99 ms",
    "répondu %",
    "juste %",
    "chat méd.",
    "chat p99",
    "chat juste",
)


def _row(*cells: object) -> str:
    name, *rest = cells
    return f"{name:<22}" + "".join(f" {c:>9}" for c in rest)


def _report(
    name: str, matcher: Matcher, build_s: float, mem_mb: float, kb: KnowledgeBase, count: int
) -> None:
    med, p99, answered, right = measure(matcher, questions_for(kb, count))
    chat_med, chat_p99, _, chat_right = measure(matcher, chat_questions_for(kb, count // 2))
    print(
        _row(
            name,
            len(matcher.index.units),
            f"{build_s:.2f}",
            f"{mem_mb:.1f}",
            f"{med / 1000:.3f}",
            f"{p99 / 1000:.3f}",
            f"{answered * 100:.1f}",
            f"{right * 100:.1f}",
            f"{chat_med / 1000:.3f}",
            f"{chat_p99 / 1000:.3f}",
            f"{chat_right * 100:.1f}",
        ),
        flush=True,
    )


def run_bench(settings: Settings, sizes: list[int], queries: int = 2000) -> int:
    """Print one row per base: build time, memory, latency median and p99, answer rates, then
    the same for chat-length messages (40 to 80 words: greeting, context, question, thanks).

    "juste %" counts answers naming the unit the question was made from; memory is the growth
    of the process's resident size while building.
    """
    print(_row(*HEADER))
    gc.collect()
    before = _rss_mb()
    start = time.perf_counter()
    knowledge = Knowledge.from_settings(settings)
    build = time.perf_counter() - start
    gc.collect()
    shipped = knowledge.matchers[ALL]
    # questions are made from the units, never from the known gaps (those are not answered)
    kb = KnowledgeBase(ALL, units=[u for u in shipped.index.units if u.kind != "gap"])
    _report("connaissances livrées", shipped, build, _rss_mb() - before, kb, queries)
    for size in sizes:
        kb = synthetic_base(size)
        gc.collect()
        before = _rss_mb()
        start = time.perf_counter()
        matcher = Matcher.build(kb)
        build = time.perf_counter() - start
        gc.collect()
        mem = _rss_mb() - before
        # the built index out of the collector's reach while it is timed: a full collection
        # (set off by the build's own garbage) walking its millions of objects would otherwise
        # land inside some question; a serving process, past its start, rarely runs one
        gc.freeze()
        _report(f"synthétique {size}", matcher, build, mem, kb, queries)
        gc.unfreeze()
        del matcher
        _report_cached(kb)
        del kb
    return 0


def _report_cached(kb: KnowledgeBase) -> None:
    """Save the base's index (INDEX_CACHE_DIR) and time loading it back in a fresh state."""
    with tempfile.TemporaryDirectory() as folder:
        cached_index(kb, Path(folder))  # builds and saves
        gc.collect()
        before = _rss_mb()
        start = time.perf_counter()
        index = cached_index(kb, Path(folder))  # loads
        load = time.perf_counter() - start
        gc.collect()
        mem = _rss_mb() - before
        del index
    print(t("cli.bench.cached", seconds=load, mb=mem), flush=True)
