from bot.bench import measure, questions_for, run_bench, synthetic_base
from bot.config import Settings
from bot.matching import Matcher


def test_synthetic_questions_find_their_unit() -> None:
    kb = synthetic_base(300)
    matcher = Matcher.build(kb)
    median, p99, answered, right = measure(matcher, questions_for(kb, 200))
    assert 0 < median <= p99
    assert right > 0.8  # the matcher finds the unit a perturbed phrasing came from
    assert answered >= right


def test_bench_prints_a_row_per_base(capsys) -> None:  # type: ignore[no-untyped-def]
    assert run_bench(Settings(), sizes=[200, 400], queries=50) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:2] == ["base", "unités"]
    assert [line.split()[-7] for line in lines[2:]] == ["200", "400"]
    assert all(len(line.split()) >= 8 for line in lines[1:])
