from bot.bench import chat_questions_for, measure, questions_for, run_bench, synthetic_base
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
    out = capsys.readouterr().out
    assert out.count("index enregistré") == 2  # each synthetic base is also loaded from disk
    lines = [line for line in out.splitlines() if "index enregistré" not in line]
    assert lines[0].split()[:2] == ["base", "unités"]
    assert [line.split()[-10] for line in lines[2:]] == ["200", "400"]
    assert all(len(line.split()) >= 11 for line in lines[1:])


def test_chat_messages_are_chat_length_and_name_their_unit() -> None:
    kb = synthetic_base(300)
    messages = chat_questions_for(kb, 50)
    assert all(40 <= len(text.split()) <= 80 for text, _ in messages)
    assert all("\n" in text for text, _ in messages)
    ids = {u.id for u in kb.units}
    assert all(unit_id in ids for _, unit_id in messages)
    matcher = Matcher.build(kb)
    _, _, _, right = measure(matcher, messages)
    assert right > 0.3  # the question inside the chatter is still found
