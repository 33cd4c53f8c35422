"""The command line, run as a user would: `python -m bot ...` in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def bot(*args: str, stdin: str = "", env: dict[str, str] | None = None, cwd: Path | None = None):
    full_env = {**os.environ, "DATABASE_URL": "sqlite:///:memory:", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=full_env,
        timeout=120,
    )


def test_ask_json_one_object_per_line() -> None:
    run = bot("ask", "--json", "-", stdin="Numéro à appeler chez SFR\nbonjour\n\nxqzkwv plop\n")
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(rows) == 3
    first = rows[0]
    assert set(first) >= {"answered", "id", "title", "answer", "source", "score", "suggestions"}
    assert first["answered"] and "1023" in first["answer"] and first["source"]
    assert first["id"].startswith("sfr-acn/")
    assert not rows[1]["answered"] and rows[1]["id"] is None
    assert not rows[2]["answered"]


def test_ask_prints_answer_and_source() -> None:
    run = bot("ask", "Où sont mes factures ?")
    assert run.returncode == 0
    assert "factures" in run.stdout and "Source :" in run.stdout
    assert "](#" not in run.stdout  # internal links are rendered


def test_ask_unknown_base_is_a_clear_error() -> None:
    run = bot("ask", "--kb", "nope", "factures")
    assert run.returncode == 2 and "Base inconnue : nope" in run.stderr


def test_eval_reports_rates_and_misses(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        '{"q": "Numéro à appeler chez SFR", "expect": ["1023"]}\n'
        '{"q": "Numéro à appeler chez SFR", "expect": ["introuvable"]}\n'
        '{"q": "bonjour", "expect": null}\n',
        encoding="utf-8",
    )
    run = bot("eval", str(cases))
    assert run.returncode == 0, run.stderr
    assert "3 questions (2 avec réponse attendue) : 50.0 % correctes" in run.stdout
    assert "33.3 % fausses réponses" in run.stdout
    assert "ligne 2 [wrong]" in run.stdout


def test_eval_curve_prints_right_and_false_rates_at_each_threshold(tmp_path: Path) -> None:
    cases = tmp_path / "chat.jsonl"
    cases.write_text(
        '{"q": "Bonjour,\\nle client a reçu l\'e-mail de confirmation, qui appeler ?\\nMerci", '
        '"expect": ["1023"]}\n'
        '{"q": "Quel est le prix de la fibre SFR ?", "expect": null}\n',
        encoding="utf-8",
    )
    run = bot("eval", str(cases), "--curve")
    assert run.returncode == 0, run.stderr
    rows = [line.split() for line in run.stdout.splitlines() if line[:3] in {" 0.", " 1."}]
    thresholds = [float(r[0]) for r in rows]
    assert thresholds == sorted(thresholds) and len(thresholds) > 10
    right = [float(r[1]) for r in rows]
    assert right == sorted(right, reverse=True)  # a higher threshold never answers more
    assert "seuil retenu" in run.stdout
    assert "2 questions (1 avec réponse attendue)" in run.stdout


def test_eval_fit_writes_a_gate_and_reports_out_of_fold_figures(tmp_path: Path) -> None:
    data = Path(__file__).resolve().parent / "data"
    out = tmp_path / "gate.json"
    run = bot(
        "eval", str(data / "eval_search.jsonl"), str(data / "eval_blind.jsonl"), "--fit", str(out)
    )
    assert run.returncode == 0, run.stderr
    assert '"weights"' in out.read_text(encoding="utf-8")
    assert "eval_search" in run.stdout and "eval_blind" in run.stdout and "k-fold" in run.stdout


def test_eval_rejects_malformed_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"q": "ok", "expect": null}\nnot json\n', encoding="utf-8")
    run = bot("eval", str(bad))
    assert run.returncode == 2 and "bad.jsonl:2" in run.stderr


def test_kb_check_passes_on_shipped_and_fails_with_location(tmp_path: Path) -> None:
    ok = bot("kb", "check")
    assert ok.returncode == 0 and "sfr-acn" in ok.stdout
    (tmp_path / "kb").mkdir()
    (tmp_path / "kb" / "a.md").write_text("---\nkind: faq\nsource: s\n---\n## T {#t}\n\n", "utf-8")
    broken = bot("kb", "check", "--dir", str(tmp_path))
    assert broken.returncode == 1
    assert "kb/a.md:5: erreur : « T » : réponse vide" in broken.stdout


def test_sla_command_prints_the_christmas_due_time() -> None:
    run = bot("sla", "--from", "2026-12-24T17:00")
    assert run.returncode == 0, run.stderr
    assert "2026-12-29T17:00" in run.stdout


def test_chat_answers_piped_questions_and_exits(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'chat.db'}", "SPOOL_DIR": str(tmp_path)}
    run = bot("chat", stdin="Quel navigateur ?\n", env=env)
    assert run.returncode == 0, run.stderr
    assert "Safari" in run.stdout and "Source :" in run.stdout


def test_bad_setting_is_reported_in_french() -> None:
    run = bot("ask", "x", env={"SLA_TARGET_HOURS": "douze"})
    assert run.returncode == 2
    assert "SLA_TARGET_HOURS doit être un nombre entier" in run.stderr


def test_help_everywhere() -> None:
    for args in (
        ["--help"],
        ["ask", "--help"],
        ["eval", "--help"],
        ["kb", "check", "--help"],
        ["chat", "--help"],
        ["report", "--help"],
        ["bench", "--help"],
        ["sla", "--help"],
        ["serve", "--help"],
    ):
        run = bot(*args)
        assert run.returncode == 0 and "usage" in run.stdout.lower(), args


def test_report_on_an_empty_database(tmp_path: Path) -> None:
    run = bot("report", "--days", "7", env={"DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}"})
    assert run.returncode == 0, run.stderr
    assert "Activité depuis le" in run.stdout and "(7 jours)" in run.stdout
    assert "Questions publiques : 0" in run.stdout and "(rien)" in run.stdout


def test_report_says_when_the_database_is_unreachable() -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:1/nope?connect_timeout=2"
    run = bot("report", env={"DATABASE_URL": url})
    assert run.returncode == 1
    assert "Base de données injoignable" in run.stderr


@pytest.mark.parametrize("days", ["-3", "0", "trois"])
def test_report_refuses_a_period_that_is_not_positive(tmp_path: Path, days: str) -> None:
    run = bot("report", "--days", days, env={"DATABASE_URL": f"sqlite:///{tmp_path / 'r.db'}"})
    assert run.returncode == 2
    assert f"{days} : un nombre entier d'au moins 1 est attendu" in run.stderr
    assert not (tmp_path / "r.db").exists()  # refused before touching anything
