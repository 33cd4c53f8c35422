import argparse
import subprocess
import sys
from datetime import date
from pathlib import Path

from bot.config import Settings
from bot.db.engine import open_database
from bot.db.models import ClosedDay
from bot.sla import cli

ROOT = Path(__file__).resolve().parents[2]


def run(argv: list[str], settings: Settings | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bot")
    cli.add_parser(parser.add_subparsers(dest="command"))
    return cli.run(parser.parse_args(["sla", *argv]), settings or Settings())


def test_christmas_example(capsys) -> None:
    assert run(["--from", "2026-12-24T17:00"]) == 0
    out = capsys.readouterr().out
    assert "Rappel     : 2026-12-28T05:00+01:00  (12 h)" in out
    assert "envoyé   : 2026-12-28T09:00+01:00" in out
    assert "Échéance   : 2026-12-29T17:00+01:00  (48 h)" in out
    assert "au plus tard mardi 29 décembre à 17 h ; week-ends et jours fériés exclus" in out
    assert "2026-12-25  vendredi  Noël" in out
    assert "2026-12-26  samedi    week-end" in out
    assert "2026-12-27  dimanche  week-end" in out


def test_always_calendar_and_hours(capsys) -> None:
    assert run(["--from", "2026-12-24T17:00", "--calendar", "always", "--hours", "24"]) == 0
    out = capsys.readouterr().out
    assert "Échéance   : 2026-12-25T17:00+01:00  (24 h)" in out
    assert "Jours non comptés : aucun" in out
    assert "7 jours sur 7" in out


def test_major_urgency_means_always(capsys) -> None:
    assert run(["--from", "2026-12-24T17:00", "--urgency", "major"]) == 0
    assert "Calendrier : always" in capsys.readouterr().out


def test_closed_days_subdivision_and_utc_input(capsys) -> None:
    settings = Settings(sla_subdivision="57")
    argv = ["--from", "2026-04-02T10:00+00:00", "--closed", "2026-04-07=Séminaire"]
    assert run(argv, settings) == 0
    out = capsys.readouterr().out
    assert "Arrivée    : 2026-04-02T12:00+02:00" in out
    assert "Calendrier : business (FR-57, Europe/Paris)" in out
    assert "Vendredi saint" in out and "Lundi de Pâques" in out and "Séminaire" in out


def test_db_absences(capsys, tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'bot.db'}"
    engine, sessions = open_database(url)
    with sessions.begin() as s:
        s.add(ClosedDay(day=date(2026, 6, 2), reason="Absence de Marie"))
    engine.dispose()
    assert run(["--from", "2026-06-01T10:00", "--db"], Settings(database_url=url)) == 0
    assert "2026-06-02  mardi     Absence de Marie" in capsys.readouterr().out


def test_bad_input(capsys) -> None:
    assert run(["--from", "demain"]) == 2
    assert "--from" in capsys.readouterr().err
    assert run(["--from", "2026-06-01", "--hours", "-1"]) == 2
    assert run(["--closed", "2026-99-01"]) == 2
    assert "SLA_CLOSED_DAYS" in capsys.readouterr().err


def test_runs_as_a_module() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot.sla.cli", "--from", "2026-12-24T17:00"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "2026-12-29T17:00+01:00" in done.stdout


def test_unusable_hours_are_refused_in_french(capsys) -> None:  # type: ignore[no-untyped-def]
    for hours in ("nan", "inf", "100000", "-1"):
        assert run(["--hours", hours]) == 2
        assert "--hours et --target-hours" in capsys.readouterr().err


def test_unreadable_database_is_a_clear_error(capsys) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(
        database_url="postgresql+psycopg://postgres@127.0.0.1:1/x?connect_timeout=2"
    )
    assert run(["--db"], settings) == 1
    assert "Base de données illisible (--db)" in capsys.readouterr().err


def test_a_reminder_deferred_past_the_due_time_is_not_announced(capsys) -> None:  # type: ignore[no-untyped-def]
    # Friday 12:00 + 12 h: target and due at midnight; the deferred reminder would be Monday
    assert run(["--from", "2026-06-05T12:00", "--target-hours", "12", "--hours", "12"]) == 0
    assert "envoyé" not in capsys.readouterr().out
