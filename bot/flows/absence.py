"""The lead declares leave days (`absence 2026-12-24..2026-12-31 [motif]`): the SLA clock stands
still then. Parsing is pure; declaring goes through the desk."""

from __future__ import annotations

import re
from datetime import date, timedelta

from bot.core import Desk, StoreUnavailable
from bot.messages import t

MAX_ABSENCE_DAYS = 366
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def declare_absence(desk: Desk, user: str, args: list[str], *, command: str) -> str:
    """Record the days (the caller has checked `user` is a lead); the French answer."""
    days, reason = parse_days(args)
    if not days:
        return t("flow.absence.usage", command=command)
    try:
        desk.declare_closed_days(days, reason or t("flow.absence.reason"), user)
    except StoreUnavailable:
        return t("store.down")
    shown = days_text(days)
    count = t(
        "flow.absence.count_one" if len(days) == 1 else "flow.absence.count_many", count=len(days)
    )
    return t("flow.absence.done", days=shown, count=count)


def days_text(days: list[date]) -> str:
    """Sorted days as said: each run of consecutive days "du a au b", a lone day "le d",
    the last one after "et"."""
    runs: list[list[date]] = []
    for day in days:
        if runs and day - runs[-1][-1] == timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = [
        t("flow.absence.range", start=f"{run[0]:%d/%m/%Y}", end=f"{run[-1]:%d/%m/%Y}")
        if len(run) > 1
        else t("flow.absence.single", day=f"{run[0]:%d/%m/%Y}")
        for run in runs
    ]
    if len(parts) == 1:
        return parts[0]
    return t("flow.absence.list", first=", ".join(parts[:-1]), last=parts[-1])


def parse_days(args: list[str]) -> tuple[list[date], str]:
    """Dates and ranges (`a..b`) first, the rest is the reason; [] when none or invalid."""
    days: set[date] = set()
    rest: list[str] = []
    for word in args:
        if rest:
            rest.append(word)
            continue
        first, sep, last = word.partition("..")
        if not _DAY.match(first) or (sep and not _DAY.match(last)):
            rest.append(word)
            continue
        try:
            start = date.fromisoformat(first)
            end = date.fromisoformat(last) if sep else start
        except ValueError:
            return [], ""
        if end < start or (end - start).days >= MAX_ABSENCE_DAYS:
            return [], ""
        days.update(start + timedelta(days=n) for n in range((end - start).days + 1))
    return sorted(days), " ".join(rest).strip()
