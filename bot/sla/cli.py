"""`python -m bot sla`: when is the reminder, when is the deadline, which days were skipped.

    python -m bot sla --from 2026-12-24T17:00
    python -m bot sla --from 2026-04-02T10:00 --calendar always --hours 24
    python -m bot sla --closed 2026-08-03..2026-08-21 --db

Wired into bot/cli.py by `add_parser(subparsers)`; `run(args, settings)` returns the exit code.
Also runnable alone: `python -m bot.sla.cli ...`.
"""

from __future__ import annotations

import argparse
import math
import sys
from datetime import UTC, datetime

from sqlalchemy.exc import SQLAlchemyError

from bot.config import Settings
from bot.errors import SettingsError
from bot.messages import t
from bot.sla.calendar import SlaCalendar, deadline, parse_closed_days, skipped_days
from bot.sla.policy import calendar_kind_for, closed_day_rows, next_office_time
from bot.sla.wording import due_phrase, weekday_name, when_phrase


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("sla", help=t("sla.cli.help"), description=t("sla.cli.help"))
    parser.add_argument("--from", dest="start", metavar="DATE", help=t("sla.cli.from"))
    parser.add_argument("--calendar", choices=("business", "always"), help=t("sla.cli.calendar"))
    parser.add_argument(
        "--urgency",
        choices=("normal", "urgent", "major"),
        default="normal",
        help=t("sla.cli.urgency"),
    )
    parser.add_argument("--hours", type=float, help=t("sla.cli.hours"))
    parser.add_argument("--target-hours", type=float, help=t("sla.cli.target_hours"))
    parser.add_argument("--closed", default="", metavar="JOURS", help=t("sla.cli.closed"))
    parser.add_argument("--db", action="store_true", help=t("sla.cli.db"))
    return parser


MAX_HOURS = 24 * 365  # a year of open time: beyond that the question is not an SLA


def _start(raw: str | None, cal: SlaCalendar) -> datetime:
    if not raw:
        return datetime.now(UTC)
    try:
        value = datetime.fromisoformat(raw)
    except ValueError as exc:
        raise SettingsError(t("sla.cli.bad_from", value=raw)) from exc
    if value.tzinfo is None:
        value = value.replace(tzinfo=cal.zone)
    return value.astimezone(UTC)


def _calendar(args: argparse.Namespace, settings: Settings) -> SlaCalendar:
    extra = parse_closed_days(args.closed)
    if args.db:
        from bot.db.engine import open_database

        engine, sessions = open_database(settings.database_url)
        try:
            with sessions() as session:
                for day, reason in closed_day_rows(session).items():
                    extra.setdefault(day, reason)
        finally:
            engine.dispose()
    kind = args.calendar or calendar_kind_for(args.urgency, settings)
    if args.urgency == "major":
        kind = "always"
    return SlaCalendar.from_settings(settings, extra, kind=kind)


def _hours(value: float) -> str:
    return f"{value:g}"


def run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        cal = _calendar(args, settings)
        start = _start(args.start, cal)
    except SettingsError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:  # --db and the database cannot be read
        print(t("sla.cli.db_error", error=str(exc).splitlines()[0]), file=sys.stderr)
        return 1
    due_hours = settings.sla_deadline_hours if args.hours is None else args.hours
    target_hours = settings.sla_target_hours if args.target_hours is None else args.target_hours
    if not all(math.isfinite(h) and 0 <= h <= MAX_HOURS for h in (due_hours, target_hours)):
        print(t("sla.cli.bad_hours"), file=sys.stderr)
        return 2
    try:
        target = deadline(start, target_hours, cal)
        due = deadline(start, due_hours, cal)
    except SettingsError as exc:  # e.g. no open day left within the search horizon
        print(str(exc), file=sys.stderr)
        return 2
    iso = lambda instant: cal.local(instant).isoformat(timespec="minutes")  # noqa: E731
    print(t("sla.cli.start", iso=iso(start), when=when_phrase(start, cal)))
    print(
        t(
            "sla.cli.calendar_line",
            kind=cal.kind,
            country=cal.country,
            subdivision=f"-{cal.subdivision}" if cal.subdivision else "",
            tz=cal.zone.key,
        )
    )
    print(t("sla.cli.target", iso=iso(target), hours=_hours(target_hours)))
    opening, closing = settings.sla_opening_hour, settings.sla_closing_hour
    sent = target if cal.kind == "always" else next_office_time(target, cal, opening, closing)
    if sent != target and sent < due:  # a deferred reminder later than the due time never goes
        print(t("sla.cli.reminder_sent", iso=iso(sent), opening=opening, closing=closing))
    print(t("sla.cli.due", iso=iso(due), hours=_hours(due_hours)))
    print(t("sla.cli.phrase", phrase=due_phrase(due, cal)))
    skipped = skipped_days(start, max(target, due), cal)
    if not skipped:
        print(t("sla.cli.none_skipped"))
        return 0
    print(t("sla.cli.skipped", count=len(skipped)))
    for day, reason in skipped:
        print(
            t("sla.cli.skipped_day", day=day.isoformat(), weekday=weekday_name(day), reason=reason)
        )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.sla.cli")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["sla", *(sys.argv[1:] if argv is None else argv)])
    return run(args, Settings.from_env())


if __name__ == "__main__":
    raise SystemExit(main())
