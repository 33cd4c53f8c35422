"""The due time in French, as the asker reads it (local time of the SLA calendar).

"au plus tard mardi 29 décembre à 17 h ; week-ends et jours fériés exclus"; minutes only when
not zero ("à 17 h 30"); a deadline at local midnight is "à 24 h" of the day before (the end of the
last open day); the `always` calendar (emergencies) says the clock runs round the clock.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.messages import t
from bot.sla.calendar import SlaCalendar


def weekday_name(day: date) -> str:
    return t("sla.weekdays").split(",")[day.weekday()]


def month_name(day: date) -> str:
    return t("sla.months").split(",")[day.month - 1]


def clock_time(local: datetime) -> str:
    """17 h, 9 h 05, 0 h."""
    if local.minute:
        return t("sla.time_minutes", hour=local.hour, minute=local.minute)
    return t("sla.time", hour=local.hour)


def when_phrase(instant: datetime, cal: SlaCalendar, *, end_of_day: bool = False) -> str:
    """ "mardi 29 décembre à 17 h" in the calendar's time zone.

    With `end_of_day`, local midnight is told as 24 h of the day before ("mardi 2 juin à 24 h"
    rather than "mercredi 3 juin à 0 h"): a deadline at the end of the last open day.
    """
    local = cal.local(instant)
    when = local.date()
    time = clock_time(local)
    if end_of_day and (local.hour, local.minute, local.second) == (0, 0, 0):
        when -= timedelta(days=1)
        time = t("sla.time", hour=24)
    day = t("sla.first_of_month") if when.day == 1 else str(when.day)
    return t("sla.when", weekday=weekday_name(when), day=day, month=month_name(when), time=time)


def due_phrase(due_at: datetime, cal: SlaCalendar) -> str:
    """The promise shown to the asker, e.g. "au plus tard mardi 29 décembre à 17 h ; ..."."""
    key = "sla.due.always" if cal.kind == "always" else "sla.due.business"
    return t(key, when=when_phrase(due_at, cal, end_of_day=True))
