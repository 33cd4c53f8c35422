"""Settings: read from the environment and `.env`, refused at start when they cannot work."""

from __future__ import annotations

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
