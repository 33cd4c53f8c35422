"""A base's vocabulary applied to words: customers' expressions replaced by the base's words
("logiciel de navigation" -> "navigateur", "colis" -> "livraison"), the longest expression
first. Applied alike to the units and to the messages, after folding and before analysis."""

from __future__ import annotations

from collections.abc import Iterable

from bot.matching.normalize import raw_words


class Vocabulary:
    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self.rules: dict[tuple[str, ...], tuple[str, ...]] = {}
        for left, right in pairs:
            key = tuple(raw_words(left))
            if key:
                self.rules.setdefault(key, tuple(raw_words(right)))
        self.longest = max((len(k) for k in self.rules), default=0)
        self.starts = {k[0] for k in self.rules}

    def __bool__(self) -> bool:
        return bool(self.rules)

    def rewrite(self, words: list[str]) -> list[str]:
        """`words` with every known expression replaced, longest match first."""
        if not self.rules:
            return words
        out: list[str] = []
        i = 0
        while i < len(words):
            if words[i] in self.starts:
                for size in range(min(self.longest, len(words) - i), 0, -1):
                    target = self.rules.get(tuple(words[i : i + size]))
                    if target is not None:
                        out.extend(target)
                        i += size
                        break
                else:
                    out.append(words[i])
                    i += 1
            else:
                out.append(words[i])
                i += 1
        return out

    def fold(self, text: str) -> list[str]:
        """raw_words(text), rewritten."""
        return self.rewrite(raw_words(text))
