"""Settings: read from the environment and `.env`, refused at start when they cannot work."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import Settings, SettingsError
from bot.env_values import read_dotenv


def test_defaults_work_without_any_setting() -> None:
    settings = Settings.from_env({})
    assert settings.database_url.startswith("sqlite:///")
    assert (settings.sla_target_hours, settings.sla_deadline_hours) == (12, 48)
    assert settings.default_kb == "all" and not settings.has_slack_socket


def test_channel_knowledge_bases_and_help_channels() -> None:
    settings = Settings.from_env(
        {"KNOWLEDGE_CHANNELS": "C1=sfr-acn, C2=sg-autorepondeur", "HELP_CHANNELS": "C1, C3"}
    )
    assert settings.kb_for_channel("C1") == "sfr-acn"
    assert settings.kb_for_channel("C9") == "all"
    assert settings.help_channels == {"C1", "C3"}


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SLA_TARGET_HOURS": "douze"}, "SLA_TARGET_HOURS doit être un nombre entier"),
        ({"SLA_CALENDAR": "parfois"}, "SLA_CALENDAR doit valoir business ou always"),
        ({"SLA_CLOSED_DAYS": "2026-12-32"}, "SLA_CLOSED_DAYS : « 2026-12-32 »"),
        ({"SLA_TIMEZONE": "Europe/Nulle-Part"}, "SLA_TIMEZONE"),
        ({"SLA_OPENING_HOUR": "25"}, "SLA_OPENING_HOUR et SLA_CLOSING_HOUR"),
        ({"SLA_TARGET_HOURS": "60"}, "SLA_TARGET_HOURS et SLA_DEADLINE_HOURS"),
        ({"SLA_TARGET_HOURS": "-1"}, "SLA_TARGET_HOURS et SLA_DEADLINE_HOURS"),
        ({"ESCALATION_CHECK_SECONDS": "0"}, "ESCALATION_CHECK_SECONDS"),
        ({"LOG_LEVEL": "bavard"}, "LOG_LEVEL doit valoir"),
        ({"KNOWLEDGE_CHANNELS": "C1"}, "n'est pas de la forme CANAL=base"),
        ({"MATCH_TARGET_FALSE_RATE": "3 %"}, "MATCH_TARGET_FALSE_RATE doit être une part"),
        ({"MATCH_TARGET_FALSE_RATE": "3"}, "MATCH_TARGET_FALSE_RATE doit être une part"),
    ],
)
def test_unworkable_settings_are_refused_at_start_in_french(env: dict, message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        Settings.from_env(env)


def test_target_false_rate_is_a_share() -> None:
    assert Settings.from_env({}).match_target_false_rate == 0.025
    assert Settings.from_env({"MATCH_TARGET_FALSE_RATE": "0,01"}).match_target_false_rate == 0.01


def test_log_level_is_case_insensitive() -> None:
    assert Settings.from_env({"LOG_LEVEL": "debug"}).log_level == "DEBUG"
    assert Settings.from_env({"LOG_LEVEL": "warn"}).log_level == "WARNING"


def test_dotenv_comments_quotes_and_bom(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text(
        "\ufeffSLACK_BOT_TOKEN='xoxb-1' # prod\n"
        'SLA_TIMEZONE="Europe/Paris"  # fuseau\n'
        "SLA_SUBDIVISION= # vide\n"
        "ESCALATION_TO=C0ESC\t# astreinte\n"
        "export SUPPORT_LEAD=U0LEAD\n"
        "# a comment\n"
        'COMMUNITY_CHANNEL="C0#communauté"\n',
        encoding="utf-8",
    )
    values = read_dotenv(env)
    assert values["SLACK_BOT_TOKEN"] == "xoxb-1"
    assert values["SLA_TIMEZONE"] == "Europe/Paris"
    assert values["SLA_SUBDIVISION"] == ""
    assert values["ESCALATION_TO"] == "C0ESC"
    assert values["SUPPORT_LEAD"] == "U0LEAD"
    assert values["COMMUNITY_CHANNEL"] == "C0#communauté"  # a # inside quotes stays


def test_real_environment_wins_over_dotenv(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    env = tmp_path / ".env"
    env.write_text("SUPPORT_LEAD=UFILE\nESCALATION_TO=CFILE\n", encoding="utf-8")
    monkeypatch.setenv("SUPPORT_LEAD", "UENV")
    monkeypatch.delenv("ESCALATION_TO", raising=False)
    settings = Settings.from_env(dotenv=env)
    assert (settings.support_lead, settings.escalation_to) == ("UENV", "CFILE")


def _read_by_settings() -> set[str]:
    """The variables Settings.from_env reads: string constants named like a variable in it."""
    import ast
    import inspect
    import textwrap

    source = textwrap.dedent(inspect.getsource(Settings.from_env))
    return {
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.fullmatch(r"[A-Z][A-Z0-9]*(_[A-Z0-9]+)+", node.value)
    }


def test_every_setting_is_documented_in_env_example_and_nothing_else() -> None:
    example = Path(__file__).resolve().parents[1] / ".env.example"
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", example.read_text(), re.MULTILINE))
    read = _read_by_settings()
    assert "SLACK_BOT_TOKEN" in read and "INBOX_WORKERS" in read  # the walk finds them
    assert read - documented == set(), "read by Settings, missing from .env.example"
    assert documented - read == set(), "in .env.example, read by nothing"


def test_env_example_as_shipped_gives_the_defaults() -> None:
    """Copied to .env unchanged, the example changes nothing (its paths are written relative to
    the repository, where `make run` starts)."""
    root = Path(__file__).resolve().parents[1]
    shipped = Settings.from_env(read_dotenv(root / ".env.example"))
    defaults = Settings.from_env({})
    paths = {"database_url", "knowledge_dir", "spool_dir"}
    assert {k: v for k, v in vars(shipped).items() if k not in paths} == {
        k: v for k, v in vars(defaults).items() if k not in paths
    }
    assert shipped.database_url.replace("sqlite:///", f"sqlite:///{root}/") == defaults.database_url
    assert (root / shipped.knowledge_dir).resolve() == Path(defaults.knowledge_dir).resolve()
    assert (root / shipped.spool_dir).resolve() == Path(defaults.spool_dir).resolve()
