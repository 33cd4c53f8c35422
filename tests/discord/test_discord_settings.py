"""DISCORD_* settings: read from the environment with Discord's default API URL, and refused
in French when an id is not a Discord id or the URL is not http(s)."""

from __future__ import annotations

import pytest

from bot.config import Settings, SettingsError


def test_discord_settings_are_read_with_defaults() -> None:
    settings = Settings.from_env(
        {
            "DISCORD_BOT_TOKEN": "t",
            "DISCORD_COMMUNITY_CHANNEL": "123",
            "DISCORD_HELP_CHANNELS": " 1, 2 ,,",
            "DISCORD_SUPPORT_LEAD": "9",
        }
    )
    assert settings.discord_api_url == "https://discord.com/api/v10"
    assert settings.discord_help_channels == frozenset({"1", "2"})
    assert (settings.discord_community_channel, settings.discord_support_lead) == ("123", "9")
    assert settings.discord_escalation_to is None
    local = Settings.from_env({"DISCORD_API_URL": "http://127.0.0.1:9/api/v10/"})
    assert local.discord_api_url == "http://127.0.0.1:9/api/v10"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DISCORD_SUPPORT_LEAD", "U0LEAD"),
        ("DISCORD_HELP_CHANNELS", "1,#aide"),
        ("DISCORD_COMMUNITY_CHANNEL", "١٢٣"),
        ("DISCORD_API_URL", "discord.com/api"),
    ],
)
def test_unusable_discord_settings_are_refused_in_french(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        Settings.from_env({name: value})
