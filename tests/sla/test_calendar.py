from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.config import Settings, SettingsError
from bot.sla.calendar import (
    SlaCalendar,
    deadline,
    normalise_subdivision,
    open_time_between,
    parse_closed_days,
    skipped_days,
)

PARIS = ZoneInfo("Europe/Paris")
BUSINESS = SlaCalendar()
ALWAYS = SlaCalendar(kind="always")


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def local(instant: datetime) -> datetime:
    return instant.astimezone(PARIS)


def test_christmas_example_from_the_issue() -> None:
    start = paris(2026, 12, 24, 17, 0)
    due = deadline(start, 48, BUSINESS)
    assert due.tzinfo == UTC
    assert local(due) == paris(2026, 12, 29, 17, 0)
    assert skipped_days(start, due, BUSINESS) == [
        (date(2026, 12, 25), "Noël"),
        (date(2026, 12, 26), "week-end"),
        (date(2026, 12, 27), "week-end"),
    ]
    assert local(deadline(start, 12, BUSINESS)) == paris(2026, 12, 28, 5, 0)


@pytest.mark.parametrize(
    ("start", "due", "holiday"),
    [
        # Ascension 2026: Thursday 14 May
        (paris(2026, 5, 13, 10), paris(2026, 5, 18, 10), date(2026, 5, 14)),
        # Ascension 2027: Thursday 6 May
        (paris(2027, 5, 5, 10), paris(2027, 5, 10, 10), date(2027, 5, 6)),
        # Easter Monday 2026: 6 April (Good Friday is a working day in Paris)
        (paris(2026, 4, 3, 9), paris(2026, 4, 8, 9), date(2026, 4, 6)),
        # Bastille Day: Tuesday 14 July 2026
        (paris(2026, 7, 13, 10), paris(2026, 7, 16, 10), date(2026, 7, 14)),
    ],
)
def test_public_holidays_stop_the_clock(start: datetime, due: datetime, holiday: date) -> None:
    assert local(deadline(start, 48, BUSINESS)) == due
    assert holiday in dict(skipped_days(start, due, BUSINESS))
    assert BUSINESS.closed_reason(holiday) not in (None, "week-end")


def test_holiday_names_are_french() -> None:
    assert BUSINESS.closed_reason(date(2026, 7, 14)) == "Fête nationale"
    assert BUSINESS.closed_reason(date(2027, 5, 6)) == "Ascension"
    assert BUSINESS.closed_reason(date(2026, 4, 6)) == "Lundi de Pâques"


@pytest.mark.parametrize("code", ["57", "67", "68", "FR-57", "FR-67", "Moselle", "Alsace-Moselle"])
def test_good_friday_and_saint_stephen_in_alsace_moselle(code: str) -> None:
    cal = SlaCalendar(subdivision=code)
    assert cal.closed_reason(date(2026, 4, 3)) == "Vendredi saint"
    assert cal.closed_reason(date(2025, 12, 26)) == "Saint-Étienne"  # a Friday
    # Good Friday closed: a question that Friday starts counting on Tuesday (after Easter Monday)
    assert local(deadline(paris(2026, 4, 3, 9), 48, cal)) == paris(2026, 4, 9, 0)


@pytest.mark.parametrize("code", [None, "", "75", "2A", "FR-75"])
def test_good_friday_is_a_working_day_elsewhere(code: str | None) -> None:
    cal = SlaCalendar(subdivision=code)
    assert cal.subdivision is None
    assert cal.is_open(date(2026, 4, 3))
    assert cal.is_open(date(2025, 12, 26))


def test_subdivision_codes_are_mapped_to_the_holidays_package() -> None:
    assert normalise_subdivision("FR", "67") == "6AE"
    assert normalise_subdivision("FR", "68") == "6AE"
    assert normalise_subdivision("FR", "57") == "57"
    assert normalise_subdivision("FR", "974") == "974"


def test_unknown_subdivision_or_timezone_is_a_settings_error() -> None:
    with pytest.raises(SettingsError, match="SLA_SUBDIVISION"):
        SlaCalendar(subdivision="XYZ")
    with pytest.raises(SettingsError, match="SLA_TIMEZONE"):
        SlaCalendar(tz="Europe/Nowhere")
    with pytest.raises(SettingsError, match="SLA_CALENDAR"):
        SlaCalendar(kind="sometimes")


def test_closure_ranges_from_settings() -> None:
    settings = Settings(sla_closed_days="2026-08-03..2026-08-21, 2026-06-12=Inventaire")
    cal = SlaCalendar.from_settings(settings)
    start = paris(2026, 7, 31, 12)
    due = deadline(start, 48, cal)
    assert local(due) == paris(2026, 8, 25, 12)
    skipped = dict(skipped_days(start, due, cal))
    assert len(skipped) == 23  # 1..23 August
    assert skipped[date(2026, 8, 3)] == "congé"
    assert skipped[date(2026, 8, 8)] == "week-end"
    assert skipped[date(2026, 8, 15)] == "Assomption"
    assert cal.closed_reason(date(2026, 6, 12)) == "Inventaire"
    assert cal.is_open(date(2026, 8, 24))


def test_extra_closed_days_with_or_without_reason() -> None:
    cal = SlaCalendar.from_settings(
        Settings(), [date(2026, 6, 10), (date(2026, 6, 11), "Absence de Marie")]
    )
    assert cal.closed_reason(date(2026, 6, 10)) == "congé"
    assert cal.closed_reason(date(2026, 6, 11)) == "Absence de Marie"


@pytest.mark.parametrize("raw", ["2026-13-01", "demain", "2026-08-21..2026-08-03", "2026-08-03.."])
def test_bad_closed_days_are_refused(raw: str) -> None:
    with pytest.raises(SettingsError, match="SLA_CLOSED_DAYS"):
        parse_closed_days(raw)


def test_closed_days_separators() -> None:
    days = parse_closed_days("2026-01-02;2026-01-05\n 2026-01-06 .. 2026-01-07 ")
    assert sorted(days) == [date(2026, 1, d) for d in (2, 5, 6, 7)]
    assert parse_closed_days("") == {}


def test_question_on_a_weekend_starts_monday_midnight() -> None:
    start = paris(2026, 6, 6, 15)  # Saturday
    assert local(deadline(start, 48, BUSINESS)) == paris(2026, 6, 10, 0)
    assert local(deadline(start, 0, BUSINESS)) == paris(2026, 6, 8, 0)
    assert [d for d, _ in skipped_days(start, deadline(start, 1, BUSINESS), BUSINESS)] == [
        date(2026, 6, 6),
        date(2026, 6, 7),
    ]


def test_question_on_a_holiday_starts_next_open_day() -> None:
    assert local(deadline(paris(2026, 12, 25, 11), 12, BUSINESS)) == paris(2026, 12, 28, 12)


def test_summer_time_business_deadline_keeps_wall_clock_time() -> None:
    # 29 March 2026 (Sunday, closed) has 23 hours; open days all have 24.
    start = paris(2026, 3, 27, 17)
    due = deadline(start, 48, BUSINESS)
    assert local(due) == paris(2026, 3, 31, 17)
    assert local(due).utcoffset() == timedelta(hours=2)
    assert open_time_between(start, due, BUSINESS) == timedelta(hours=48)
    assert due - start == timedelta(days=4, hours=-1)


def test_always_calendar_counts_real_hours_across_clock_changes() -> None:
    assert local(deadline(paris(2026, 3, 28, 12), 24, ALWAYS)) == paris(2026, 3, 29, 13)
    assert local(deadline(paris(2026, 10, 24, 12), 24, ALWAYS)) == paris(2026, 10, 25, 11)


def test_an_open_day_with_a_clock_change_counts_its_real_hours() -> None:
    # Egypt moves to summer time at local midnight on Friday 24 April 2026: a 23 h open day.
    cairo = ZoneInfo("Africa/Cairo")
    cal = SlaCalendar(tz=cairo)
    friday = datetime(2026, 4, 23, 22, tzinfo=UTC)  # Friday 01:00 local, the day's first instant
    saturday = datetime(2026, 4, 25, 0, tzinfo=cairo)
    assert open_time_between(friday, saturday, cal) == timedelta(hours=23)
    thursday = datetime(2026, 4, 23, 0, tzinfo=cairo)
    due = deadline(thursday, 48, cal)  # 24 h Thursday + 23 h Friday + 1 h Monday
    assert due.astimezone(cairo).replace(tzinfo=None) == datetime(2026, 4, 27, 1, 0)


def test_always_calendar_skips_nothing() -> None:
    start = paris(2026, 12, 24, 17)
    due = deadline(start, 48, ALWAYS)
    assert local(due) == paris(2026, 12, 26, 17)
    assert skipped_days(start, due, ALWAYS) == []
    assert ALWAYS.closed_reason(date(2026, 12, 25)) is None
    assert open_time_between(start, due, ALWAYS) == timedelta(hours=48)


def test_open_time_between() -> None:
    assert open_time_between(paris(2026, 12, 24, 17), paris(2026, 12, 28, 1), BUSINESS) == (
        timedelta(hours=8)
    )
    assert open_time_between(paris(2026, 12, 25, 0), paris(2026, 12, 28, 0), BUSINESS) == (
        timedelta(0)
    )
    assert open_time_between(paris(2026, 12, 28), paris(2026, 12, 24), BUSINESS) == timedelta(0)


def test_deadline_and_open_time_are_inverse() -> None:
    start = paris(2026, 3, 20, 0)
    for step in range(0, 24 * 40, 7):  # every 7 hours over 40 days, both clock changes incl.
        begin = start + timedelta(hours=step)
        for hours in (0.5, 12, 48):
            due = deadline(begin, hours, BUSINESS)
            assert open_time_between(begin, due, BUSINESS) == timedelta(hours=hours)


def test_timedelta_hours_and_naive_datetimes() -> None:
    start = paris(2026, 6, 1, 10)
    assert deadline(start, timedelta(minutes=90), BUSINESS) == deadline(start, 1.5, BUSINESS)
    with pytest.raises(ValueError, match="naive"):
        deadline(datetime(2026, 6, 1, 10), 1, BUSINESS)
    with pytest.raises(ValueError):
        deadline(start, -1, BUSINESS)


def test_everything_closed_is_reported() -> None:
    cal = SlaCalendar(closed={date(2026, 1, 1) + timedelta(days=i): "x" for i in range(4000)})
    with pytest.raises(SettingsError, match="SLA_CLOSED_DAYS"):
        deadline(paris(2026, 1, 1), 1, cal)
