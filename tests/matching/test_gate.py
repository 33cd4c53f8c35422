"""The answer gate: a logistic model fitted on labelled samples, thresholds for a target
false-answer rate, the fixed rules kept, and a file that cannot break the bot."""

import json
import random
from pathlib import Path

from bot.matching.fit import Sample, curve, fit, leave_one_set_out, out_of_fold, rates
from bot.matching.gate import FEATURES, RULES, Gate, kind_of, load_gate

N = len(FEATURES)


def features(score: float, *, chat: bool = False, rule: bool = False) -> tuple[float, ...]:
    row = [0.0] * N
    row[FEATURES.index("score")] = score
    row[FEATURES.index("coverage")] = score
    row[FEATURES.index("sentences")] = 3 / 6 if chat else 1 / 6
    if rule:
        row[RULES[0]] = 1.0
    return tuple(row)


def samples(n: int = 200, seed: int = 3) -> list[Sample]:
    """Right answers score high, wrong and unanswerable ones low, with some overlap."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        right = i % 2 == 0
        score = rng.gauss(0.7 if right else 0.4, 0.12)
        out.append(
            Sample(features(score, chat=i % 3 == 0), "right" if right else "null", f"s{i % 4}")
        )
    return out


def test_the_model_learns_that_a_higher_score_is_more_often_right() -> None:
    gate = fit(samples())
    assert gate.probability(features(0.8)) > 0.8 > 0.2 > gate.probability(features(0.3))


def test_out_of_fold_probabilities_never_come_from_a_model_that_saw_the_sample() -> None:
    data = samples(120)
    oof = out_of_fold(data, folds=4)
    loso = leave_one_set_out(data)
    assert len(oof) == len(loso) == len(data)
    assert all(0.0 <= p <= 1.0 for p in oof + loso)
    # a mislabelled outlier is not learnt by heart: its out-of-fold probability stays low
    data[0] = Sample(features(0.05), "right", "s0")
    assert out_of_fold(data, folds=4)[0] < 0.5


def test_the_threshold_is_the_lowest_meeting_the_target_for_each_kind() -> None:
    data = samples()
    oof = out_of_fold(data)
    curves = {
        kind: curve(
            [s for s in data if kind_of(s.features) == kind],
            [p for p, s in zip(oof, data, strict=True) if kind_of(s.features) == kind],
            sum(s.kind == "right" and kind_of(s.features) == kind for s in data),
            sum(kind_of(s.features) == kind for s in data),
        )
        for kind in ("query", "chat")
    }
    model = fit(data)
    strict = Gate(model.weights, model.bias, model.mean, model.scale, curves).for_target(0.01)
    loose = Gate(model.weights, model.bias, model.mean, model.scale, curves).for_target(0.2)
    for kind in ("query", "chat"):
        assert loose.thresholds[kind] < strict.thresholds[kind]
        ok = [th for th, _, false in curves[kind] if false <= 20]
        assert loose.thresholds[kind] == min(ok)


def test_rates_count_right_false_and_handed_over() -> None:
    kinds = ["right", "wrong", "null", "right"]
    assert rates(kinds, [0.9, 0.8, 0.1, 0.2], 0.5, answerable=3, total=5) == (
        100 / 3,
        20.0,
        60.0,
    )


def test_the_fixed_rules_still_answer_whatever_the_model_says() -> None:
    gate = Gate((-5.0,) + (0.0,) * (N - 1), -5.0, (0.0,) * N, (1.0,) * N)
    assert gate.probability(features(0.9, rule=True)) < 0.01
    assert gate.confidence(features(0.9, rule=True)) == 1.0


def test_a_weak_best_unit_is_never_an_answer_whatever_the_model_says() -> None:
    eager = Gate((5.0,) * N, 5.0, (0.0,) * N, (1.0,) * N)  # says yes to everything
    assert eager.confidence(features(0.6)) > 0.99
    assert eager.confidence(features(0.3)) == 0.0  # score and coverage under the floors
    low_coverage = list(features(0.6))
    low_coverage[FEATURES.index("coverage")] = 0.2
    assert eager.confidence(tuple(low_coverage)) == 0.0


def test_a_gate_file_round_trips_and_a_bad_one_falls_back(tmp_path: Path) -> None:
    gate = fit(samples())
    gate = Gate(gate.weights, gate.bias, gate.mean, gate.scale, {"query": ((0.5, 90.0, 1.0),)})
    path = tmp_path / "gate.json"
    path.write_text(json.dumps(gate.to_json()), encoding="utf-8")
    loaded = load_gate(0.02, path)
    assert loaded is not None and loaded.thresholds == {"query": 0.5}
    assert abs(loaded.probability(features(0.6)) - gate.probability(features(0.6))) < 1e-4
    no_weights = json.dumps({"features": list(FEATURES)})
    for broken in ("{", '{"features": ["autre"]}', "[]", no_weights):
        path.write_text(broken, encoding="utf-8")
        assert load_gate(0.02, path) is None
    assert load_gate(0.02, tmp_path / "absent.json") is None
