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
    if len(days) > 1:
        shown = t("flow.absence.range", start=f"{days[0]:%d/%m/%Y}", end=f"{days[-1]:%d/%m/%Y}")
    else:
        shown = t("flow.absence.single", day=f"{days[0]:%d/%m/%Y}")
    count = t(
        "flow.absence.count_one" if len(days) == 1 else "flow.absence.count_many", count=len(days)
    )
    return t("flow.absence.done", days=shown, count=count)


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
