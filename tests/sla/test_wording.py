from datetime import datetime
from zoneinfo import ZoneInfo

from bot.sla.calendar import SlaCalendar, deadline
from bot.sla.wording import due_phrase, when_phrase

PARIS = ZoneInfo("Europe/Paris")
BUSINESS = SlaCalendar()
ALWAYS = SlaCalendar(kind="always")


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def test_due_phrase_of_the_christmas_example() -> None:
    due = deadline(paris(2026, 12, 24, 17), 48, BUSINESS)
    assert due_phrase(due, BUSINESS) == (
        "au plus tard mardi 29 décembre à 17 h ; week-ends et jours fériés exclus"
    )


def test_minutes_only_when_not_zero() -> None:
    assert when_phrase(paris(2026, 12, 29, 17, 30), BUSINESS) == "mardi 29 décembre à 17 h 30"
    assert when_phrase(paris(2026, 6, 2, 9, 5), BUSINESS) == "mardi 2 juin à 9 h 05"


def test_first_of_the_month() -> None:
    assert when_phrase(paris(2027, 1, 1, 10), BUSINESS) == "vendredi 1er janvier à 10 h"


def test_local_time_is_shown_whatever_the_input_zone() -> None:
    utc_due = paris(2026, 7, 15, 16, 45).astimezone(ZoneInfo("UTC"))
    assert "mercredi 15 juillet à 16 h 45" in due_phrase(utc_due, BUSINESS)


def test_always_calendar_has_no_exclusion_clause() -> None:
    due = deadline(paris(2026, 12, 24, 17), 12, ALWAYS)
    phrase = due_phrase(due, ALWAYS)
    assert phrase == (
        "au plus tard vendredi 25 décembre à 5 h ; délai compté 24 h sur 24, 7 jours sur 7"
    )
    assert "exclus" not in phrase


def test_deadline_at_midnight_is_the_end_of_the_last_open_day() -> None:
    due = deadline(paris(2026, 6, 6, 15), 48, BUSINESS)  # Saturday -> Wednesday 00:00
    assert due_phrase(due, BUSINESS).startswith("au plus tard mardi 9 juin à 24 h ;")
    assert when_phrase(due, BUSINESS) == "mercredi 10 juin à 0 h"
