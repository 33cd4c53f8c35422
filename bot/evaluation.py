"""Score the matcher on a labelled JSONL file (`{"q": ..., "expect": [words] | null}` per line).

A question with `expect` words is answered right when the bot answers and the answer (title,
text or source) contains one of the words, accents and case ignored. A question with `expect:
null` must not be answered. A false answer is an answer to a null question or a wrong answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from bot.knowledge.registry import ALL, Knowledge
from bot.matching.normalize import fold
from bot.messages import t


class EvalFileError(ValueError):
    pass


@dataclass(frozen=True)
class Case:
    question: str
    expect: tuple[str, ...] | None
    line: int


@dataclass(frozen=True)
class Outcome:
    case: Case
    answered: bool
    unit_id: str | None
    score: float | None
    verdict: str  # right | wrong | false | routed-ok | missed


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    def _count(self, *verdicts: str) -> int:
        return sum(o.verdict in verdicts for o in self.outcomes)

    @property
    def answerable(self) -> int:
        return sum(o.case.expect is not None for o in self.outcomes)

    @property
    def correct_pct(self) -> float:
        return 100 * self._count("right") / self.answerable if self.answerable else 100.0

    @property
    def false_pct(self) -> float:
        n = len(self.outcomes)
        return 100 * self._count("wrong", "false") / n if n else 0.0

    @property
    def routed_pct(self) -> float:
        n = len(self.outcomes)
        return 100 * sum(not o.answered for o in self.outcomes) / n if n else 0.0

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.verdict in {"wrong", "false", "missed"}]


def read_cases(path: Path) -> list[Case]:
    cases: list[Case] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            question = row["q"]
            expect = row.get("expect")
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise EvalFileError(t("eval.unreadable", path=path, line=n, error=exc)) from exc
        if not isinstance(question, str) or not (expect is None or isinstance(expect, list)):
            raise EvalFileError(t("eval.shape", path=path, line=n))
        cases.append(Case(question, tuple(map(str, expect)) if expect is not None else None, n))
    return cases


def judge(case: Case, answered: bool, text: str) -> str:
    if case.expect is None:
        return "false" if answered else "routed-ok"
    if not answered:
        return "missed"
    haystack = fold(text)
    return "right" if any(fold(word) in haystack for word in case.expect) else "wrong"


def evaluate(cases: list[Case], knowledge: Knowledge, kb: str = ALL) -> Report:
    report = Report()
    for case in cases:
        result = knowledge.match(case.question, kb)
        unit = result.unit
        text = f"{unit.title}\n{unit.answer}\n{unit.source}" if unit else ""
        report.outcomes.append(
            Outcome(
                case,
                result.answered,
                unit.id if unit else None,
                result.best.score if result.best else None,
                judge(case, result.answered, text),
            )
        )
    return report
