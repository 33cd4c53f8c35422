"""Open days and the SLA clock.

Business calendar: Monday to Friday, minus the public holidays of SLA_COUNTRY/SLA_SUBDIVISION
(`holidays` package) and minus closure and leave days (SLA_CLOSED_DAYS and ClosedDay rows), all
in SLA_TIMEZONE. The clock runs 24 hours on each open day and stands still on closed days.

Decision on summer time: the clock counts *real elapsed hours* during open days. An open day
lasts from local midnight to the next local midnight, which is 23 h or 25 h of real time on the
day the clocks change. In France those days are Sundays, hence closed in the business calendar,
so a business deadline keeps its wall-clock time; the `always` calendar (24/7, emergencies) is
plain elapsed time: Saturday 12:00 + 24 h across the March change is Sunday 13:00 local.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

from bot.errors import SettingsError
from bot.messages import t

KINDS = ("business", "always")


class CalendarSettings(Protocol):
    """The settings a calendar is built from (bot.config.Settings has them)."""

    @property
    def sla_closed_days(self) -> str: ...
    @property
    def sla_calendar(self) -> str: ...
    @property
    def sla_timezone(self) -> str: ...
    @property
    def sla_country(self) -> str: ...
    @property
    def sla_subdivision(self) -> str | None: ...


MAX_SEARCH_DAYS = 3660  # ten years without an open day means the configuration is wrong

# Department numbers people use for Alsace-Moselle -> the codes of the `holidays` package
# (ISO 3166-2: FR-57 Moselle; FR-67 and FR-68 merged into FR-6AE, Collectivité européenne
# d'Alsace). Both get Good Friday and 26 December.
SUBDIVISION_ALIASES: dict[str, dict[str, str]] = {
    "FR": {
        "67": "6AE",
        "68": "6AE",
        "BAS-RHIN": "6AE",
        "HAUT-RHIN": "6AE",
        "ALSACE": "6AE",
        "ALSACE-MOSELLE": "57",
        "MOSELLE": "57",
    },
}

_METROPOLITAN = re.compile(r"^(\d{2}|2[ABab])$")
_ITEM = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:\s*\.\.\s*(\d{4}-\d{2}-\d{2}))?(?:\s*=\s*(.+))?$")


def normalise_subdivision(country: str, subdivision: str | None) -> str | None:
    """`57`, `FR-67`, `Alsace`... -> the code the `holidays` package knows.

    None for no subdivision and for metropolitan departments without local holidays (`75`).
    """
    if not subdivision or not subdivision.strip():
        return None
    code = subdivision.strip()
    prefix = f"{country.upper()}-"
    if code.upper().startswith(prefix):
        code = code[len(prefix) :]
    code = SUBDIVISION_ALIASES.get(country.upper(), {}).get(code.upper(), code)
    if country.upper() == "FR" and _METROPOLITAN.match(code) and code != "57":
        return None  # other metropolitan departments (75, 2A...) have only national holidays
    return code


@cache
def _holiday_table(country: str, subdivision: str | None, year: int) -> dict[date, str]:
    try:
        table = holidays.country_holidays(country, subdiv=subdivision, years=year, language="fr")
    except NotImplementedError as exc:
        raise SettingsError(
            t("settings.country", country=country, subdivision=subdivision, error=exc)
        ) from exc
    return dict(table.items())


def parse_closed_days(raw: str, default_reason: str | None = None) -> dict[date, str]:
    """`2026-05-15, 2026-08-03..2026-08-21=Fermeture d'été` -> {day: reason}.

    Items are separated by commas, semicolons or new lines; `=reason` is optional.
    """
    reason_default = default_reason or t("sla.reason.leave")
    days: dict[date, str] = {}
    for item in filter(None, (p.strip() for p in re.split(r"[,;\n]", raw or ""))):
        match = _ITEM.match(item)
        try:
            if not match:
                raise ValueError(item)
            first = date.fromisoformat(match.group(1))
            last = date.fromisoformat(match.group(2)) if match.group(2) else first
        except ValueError as exc:
            raise SettingsError(t("settings.closed_day", item=item)) from exc
        if last < first:
            raise SettingsError(t("settings.closed_range", item=item))
        reason = (match.group(3) or "").strip() or reason_default
        day = first
        while day <= last:
            days[day] = reason
            day += timedelta(days=1)
    return days


@dataclass(frozen=True, eq=False)
class SlaCalendar:
    """Which local days count. `closed` maps extra closure/leave days to their reason."""

    kind: str = "business"
    tz: ZoneInfo | str = "Europe/Paris"
    country: str = "FR"
    subdivision: str | None = None
    closed: Mapping[date, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise SettingsError(t("settings.calendar", value=self.kind))
        if isinstance(self.tz, str):
            try:
                object.__setattr__(self, "tz", ZoneInfo(self.tz))
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise SettingsError(t("settings.timezone", tz=self.tz)) from exc
        object.__setattr__(self, "country", self.country.upper())
        object.__setattr__(
            self, "subdivision", normalise_subdivision(self.country, self.subdivision)
        )
        object.__setattr__(self, "closed", dict(self.closed))
        if self.kind == "business":
            _holiday_table(self.country, self.subdivision, date.today().year)  # validates

    @property
    def zone(self) -> ZoneInfo:
        assert isinstance(self.tz, ZoneInfo)
        return self.tz

    @classmethod
    def from_settings(
        cls,
        settings: CalendarSettings,
        extra_closed: Iterable[date | tuple[date, str]] | Mapping[date, str] = (),
        *,
        kind: str | None = None,
    ) -> SlaCalendar:
        """The calendar of the settings plus `extra_closed` days (dates or (date, reason))."""
        closed = parse_closed_days(settings.sla_closed_days)
        items = extra_closed.items() if isinstance(extra_closed, Mapping) else extra_closed
        for item in items:
            day, reason = item if isinstance(item, tuple) else (item, "")
            closed.setdefault(day, reason or t("sla.reason.leave"))
        return cls(
            kind=kind or settings.sla_calendar,
            tz=settings.sla_timezone,
            country=settings.sla_country,
            subdivision=settings.sla_subdivision,
            closed=closed,
        )

    def with_kind(self, kind: str) -> SlaCalendar:
        return SlaCalendar(kind, self.zone, self.country, self.subdivision, self.closed)

    def closed_reason(self, day: date) -> str | None:
        """Why `day` does not count (holiday name, "week-end", leave reason), None if it is open."""
        if self.kind == "always":
            return None
        holiday = _holiday_table(self.country, self.subdivision, day.year).get(day)
        if holiday:
            return holiday
        if day.weekday() >= 5:
            return t("sla.reason.weekend")
        return self.closed.get(day)

    def is_open(self, day: date) -> bool:
        return self.closed_reason(day) is None

    def local(self, instant: datetime) -> datetime:
        return _aware(instant).astimezone(self.zone)

    def day_start(self, day: date) -> datetime:
        """Local midnight starting `day`, as aware UTC."""
        return datetime.combine(day, time(0), tzinfo=self.zone).astimezone(UTC)


def _aware(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("naive datetime given to the SLA clock; attach a timezone first")
    return instant


def _open_spans(start: datetime, cal: SlaCalendar) -> Iterable[tuple[datetime, datetime]]:
    """Open periods [from, to) in UTC from `start` on, in order (business calendar)."""
    day = cal.local(start).date()
    cursor = _aware(start).astimezone(UTC)
    for _ in range(MAX_SEARCH_DAYS):
        end = cal.day_start(day + timedelta(days=1))
        if cal.is_open(day) and end > cursor:
            yield cursor, end
        day += timedelta(days=1)
        cursor = max(cursor, end)
    raise SettingsError(t("settings.no_open_day"))


def deadline(start: datetime, hours: float | timedelta, cal: SlaCalendar) -> datetime:
    """The instant when `hours` of open time have elapsed since `start` (aware UTC in and out).

    A start on a closed day counts from 00:00 of the next open day.
    """
    remaining = hours if isinstance(hours, timedelta) else timedelta(hours=hours)
    if remaining < timedelta(0):
        raise ValueError("negative SLA duration")
    if cal.kind == "always":
        return _aware(start).astimezone(UTC) + remaining
    for span_start, span_end in _open_spans(start, cal):
        if remaining <= span_end - span_start:
            return span_start + remaining
        remaining -= span_end - span_start
    raise AssertionError("unreachable")  # pragma: no cover


def open_time_between(start: datetime, end: datetime, cal: SlaCalendar) -> timedelta:
    """Open time elapsed in [start, end) (zero when end <= start)."""
    if _aware(end) <= _aware(start):
        return timedelta(0)
    if cal.kind == "always":
        return end - start
    total = timedelta(0)
    for span_start, span_end in _open_spans(start, cal):
        if span_start >= end:
            break
        total += min(span_end, end) - span_start
    return total


def skipped_days(start: datetime, end: datetime, cal: SlaCalendar) -> list[tuple[date, str]]:
    """Closed local days overlapping [start, end), with the reason each one does not count."""
    if _aware(end) <= _aware(start) or cal.kind == "always":
        return []
    result: list[tuple[date, str]] = []
    day = cal.local(start).date()
    while cal.day_start(day) < end:
        reason = cal.closed_reason(day)
        if reason:
            result.append((day, reason))
        day += timedelta(days=1)
    return result
