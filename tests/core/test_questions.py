from sqlalchemy import func, select

from bot.core import MAX_QUESTION_CHARS, Suggestion
from bot.db.models import Feedback, ProcessedEvent, Question
from bot.messages import t
from tests.core.conftest import BROWSER, GIBBERISH, KB, T0


def test_clear_question_is_answered_with_its_source_and_recorded(desk, sessions) -> None:
    reply = desk.ask(asker="U1", text=f"  {BROWSER}  ", kb=KB, channel="C1", thread_ts="1.2")
    assert reply.kind == "answer" and reply.stored
    assert reply.unit is not None and reply.unit.id == f"{KB}/navigateur"
    assert "Firefox" in reply.text and "Source : FAQ › Navigateur" in reply.text
    with sessions() as s:
        q = s.get(Question, reply.question_id)
    assert (q.asker, q.text, q.status, q.unit_id, q.kb) == (
        "U1",
        BROWSER,
        "answered",
        f"{KB}/navigateur",
        KB,
    )
    assert (q.origin, q.channel, q.thread_ts, q.created_at) == ("slack", "C1", "1.2", T0)


def test_gibberish_gives_suggestions_kind_and_a_suggested_row(desk, sessions) -> None:
    reply = desk.ask(asker="U1", text=GIBBERISH, kb=KB, origin="console")
    assert reply.kind == "suggestions" and reply.unit is None
    assert all(isinstance(s, Suggestion) for s in reply.suggestions)
    assert reply.text == (
        t("answer.suggestions_intro") if reply.suggestions else t("answer.nothing")
    )
    with sessions() as s:
        assert s.get(Question, reply.question_id).status == "suggested"


def test_suggestions_read_through_to_their_unit(desk) -> None:
    reply = desk.ask(asker="U1", text="mot de passe facture navigateur", kb=KB)
    for suggestion in reply.suggestions:
        assert suggestion.title == suggestion.unit.title and suggestion.id == suggestion.unit.id


def test_smalltalk_is_not_recorded(desk, sessions) -> None:
    hello = desk.ask(asker="U1", text="bonjour", kb=KB)
    thanks = desk.ask(asker="U1", text="merci beaucoup", kb=KB)
    assert (hello.kind, hello.text) == ("smalltalk", t("smalltalk.greeting"))
    assert (thanks.kind, thanks.text) == ("smalltalk", t("smalltalk.thanks"))
    help_ = desk.ask(asker="U1", text="aide", kb=KB)
    assert (help_.kind, help_.text) == ("smalltalk", t("smalltalk.help"))
    assert hello.question_id is None
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Question)) == 0


def test_invalid_inputs_are_refused_and_not_recorded(desk, sessions) -> None:
    cases = {
        "": "input.empty",
        "   \n\t ": "input.empty",
        "x" * (MAX_QUESTION_CHARS + 1): "input.too_long",
        "abc\x00def": "input.binary",
        "bonjour\x1b[31m": "input.binary",
        "\ufffd\ufffd\ufffd\ufffd question": "input.binary",
    }
    for text, key in cases.items():
        reply = desk.ask(asker="U1", text=text, kb=KB)
        assert (reply.kind, reply.reason, reply.question_id) == ("invalid", key, None), key
        assert reply.text
    long = desk.ask(asker="U1", text="x" * (MAX_QUESTION_CHARS + 1), kb=KB)
    assert str(MAX_QUESTION_CHARS) in long.text
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Question)) == 0


def test_ordinary_text_passes_validation(desk) -> None:
    text = "Ligne 1\n\tLigne 2 — « guillemets » é à ç 🙂 \r\n" + BROWSER
    assert desk.ask(asker="U1", text=text, kb=KB).kind != "invalid"
    assert desk.ask(asker="U1", text="x" * MAX_QUESTION_CHARS, kb=KB).kind != "invalid"


def test_feedback_is_recorded_with_the_unit(desk, sessions) -> None:
    reply = desk.ask(asker="U1", text=BROWSER, kb=KB)
    desk.feedback(reply.question_id, "U1", False)
    desk.feedback(None, "U2", True)
    with sessions() as s:
        rows = s.scalars(select(Feedback).order_by(Feedback.id)).all()
    assert [(f.question_id, f.unit_id, f.user, f.helpful) for f in rows] == [
        (reply.question_id, f"{KB}/navigateur", "U1", False),
        (None, None, "U2", True),
    ]


def test_first_time_event_is_true_once(desk, sessions) -> None:
    assert desk.first_time_event("Ev1") is True
    assert desk.first_time_event("Ev1") is False
    assert desk.first_time_event("Ev2") is True
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(ProcessedEvent)) == 2


def test_first_time_event_is_exact_under_concurrency(desk) -> None:
    from concurrent.futures import ThreadPoolExecutor

    ids = [f"Ev{i % 4}" for i in range(32)]
    with ThreadPoolExecutor(8) as pool:
        firsts = list(pool.map(desk.first_time_event, ids))
    assert sum(firsts) == 4
    assert sorted(i for i, first in zip(ids, firsts, strict=True) if first) == [
        "Ev0",
        "Ev1",
        "Ev2",
        "Ev3",
    ]


def test_length_counts_characters_as_typed_not_markup_entities(desk) -> None:
    typed = "a & b < c " * 390  # 3900 characters typed, about 5000 once escaped
    escaped = typed.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert len(escaped) > 4000
    assert desk.ask(asker="U1", text=escaped, kb=KB).kind != "invalid"
    ticket = desk.open_ticket(asker="U1", text=escaped)
    assert ticket.text == escaped.strip()
