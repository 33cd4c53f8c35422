"""Score the matcher on a labelled JSONL file (`{"q": ..., "expect": [words] | null}` per line).

A question with `expect` words is answered right when the bot answers and the answer (title,
text or source) contains one of the words, accents and case ignored. A question with `expect:
null` must not be answered. A false answer is an answer to a null question or a wrong answer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from bot.knowledge.model import Unit
from bot.knowledge.registry import ALL, Knowledge
from bot.matching.fit import THRESHOLDS, Sample, curve, fit, leave_one_set_out, out_of_fold, rates
from bot.matching.gate import KINDS, Gate, kind_of
from bot.matching.normalize import fold
from bot.matching.result import MatchResult
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


def _text(unit: Unit) -> str:
    return f"{unit.title}\n{unit.answer}\n{unit.source}"


@dataclass(frozen=True)
class Scored:
    """One labelled message run through the matcher."""

    case: Case
    result: MatchResult
    kind: str | None  # the best candidate is: right | wrong | null (no answer expected); None
    # when there is no candidate at all (small talk, nothing found)


def run(cases: list[Case], knowledge: Knowledge, kb: str = ALL) -> list[Scored]:
    out = []
    for case in cases:
        result = knowledge.match(case.question, kb)
        kind = None
        if result.top is not None and result.features:
            verdict = judge(case, True, _text(result.top.unit))
            kind = {"right": "right", "wrong": "wrong"}.get(verdict, "null")
        out.append(Scored(case, result, kind))
    return out


def evaluate(cases: list[Case], knowledge: Knowledge, kb: str = ALL) -> Report:
    return report_of(run(cases, knowledge, kb))


def report_of(scored: list[Scored]) -> Report:
    report = Report()
    for s in scored:
        result = s.result
        unit = result.unit
        report.outcomes.append(
            Outcome(
                s.case,
                result.answered,
                unit.id if unit else None,
                result.best.score if result.best else None,
                judge(s.case, result.answered, _text(unit) if unit else ""),
            )
        )
    return report


def samples_of(scored: list[Scored], group: str = "") -> list[Sample]:
    """The gate's training samples: the messages that reached the gate."""
    return [Sample(s.result.features, s.kind, group) for s in scored if s.kind is not None]


def curve_rows(
    scored: list[Scored], probs: list[float] | None = None
) -> list[tuple[float, float, float, float]]:
    """(threshold, right %, false %, handed-over %) at each threshold of the gate."""
    reached = [s for s in scored if s.kind is not None]
    kinds = [s.kind or "" for s in reached]
    probs = probs if probs is not None else [s.result.confidence for s in reached]
    answerable = sum(s.case.expect is not None for s in scored)
    return [(th, *rates(kinds, probs, th, answerable, len(scored))) for th in THRESHOLDS]


@dataclass(frozen=True)
class SetFigures:
    """One labelled set's (right %, false %, handed-over %) with the fitted gate's threshold:
    in-sample, out of fold (k-fold) and with the set left out of the fit."""

    name: str
    in_sample: tuple[float, float, float]
    k_fold: tuple[float, float, float]
    left_out: tuple[float, float, float]


def fit_gate(
    sets: dict[str, list[Scored]], target: float, folds: int = 5
) -> tuple[Gate, list[SetFigures]]:
    """Fit the gate on every set; its curve and the threshold come from out-of-fold
    probabilities, so the target false-answer rate is met on messages not used to fit."""
    samples = [x for name, scored in sets.items() for x in samples_of(scored, name)]
    oof = out_of_fold(samples, folds)
    loso = leave_one_set_out(samples)
    gate = fit(samples)
    curves = {}
    for kind in KINDS:
        rows = [n for n, s in enumerate(samples) if kind_of(s.features) == kind]
        mine = [samples[n] for n in rows]
        answerable = sum(s.kind != "null" for s in mine)
        curves[kind] = curve(mine, [oof[n] for n in rows], answerable, len(mine))
    gate = Gate(gate.weights, gate.bias, gate.mean, gate.scale, curves).for_target(target)
    figures = []
    offset = 0
    for name, scored in sets.items():
        n = len(samples_of(scored))
        own = samples[offset : offset + n]
        inside = [gate.confidence(s.features) for s in own]
        by = {"in": inside, "k": oof[offset : offset + n], "out": loso[offset : offset + n]}
        offset += n
        answerable = sum(s.case.expect is not None for s in scored)
        kinds = [s.kind for s in own]
        # each message against its own kind's threshold: shifted so that one cut (0.5) applies
        shift = [0.5 - gate.threshold(s.features) for s in own]
        row = {
            k: rates(
                kinds,
                [p + d for p, d in zip(probs, shift, strict=True)],
                0.5,
                answerable,
                len(scored),
            )
            for k, probs in by.items()
        }
        figures.append(SetFigures(name, row["in"], row["k"], row["out"]))
    return gate, figures


def curve_lines(scored: list[Scored], chosen: dict[str, float]) -> list[str]:
    """`eval --curve`: one line per threshold, the thresholds in use marked."""
    lines = [t("cli.eval.curve_header")]
    for threshold, right, false, routed in curve_rows(scored):
        kinds = [k for k, th in chosen.items() if abs(threshold - th) < 1e-9]
        mark = f"  < {t('cli.eval.curve_chosen', kinds=', '.join(kinds))}" if kinds else ""
        row = t("cli.eval.curve_row", threshold=threshold, right=right, false=false, routed=routed)
        lines.append(row + mark)
    return lines


def fit_lines(figures: list[SetFigures]) -> list[str]:
    """`eval --fit`: each set's figures fitted on it, out of fold, and left out."""
    return [t("cli.eval.fit_header")] + [
        t(
            "cli.eval.fit_row",
            name=f.name,
            right_in=f.in_sample[0],
            false_in=f.in_sample[1],
            right_k=f.k_fold[0],
            false_k=f.k_fold[1],
            right_out=f.left_out[0],
            false_out=f.left_out[1],
        )
        for f in figures
    ]
