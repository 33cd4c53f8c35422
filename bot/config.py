"""Settings read from the environment and an optional `.env` file (see `.env.example`)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot import env_values as ev
from bot.errors import SettingsError
from bot.messages import t
from bot.sla.calendar import SlaCalendar

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_DISCORD_API = "https://discord.com/api/v10"


@dataclass(frozen=True)
class Settings:
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = DEFAULT_SLACK_API_URL
    community_channel: str | None = None
    support_lead: str | None = None
    escalation_to: str | None = None
    discord_bot_token: str | None = None
    discord_api_url: str = DEFAULT_DISCORD_API
    discord_community_channel: str | None = None
    discord_support_lead: str | None = None
    discord_escalation_to: str | None = None
    discord_help_channels: frozenset[str] = frozenset()
    database_url: str = f"sqlite:///{ROOT / 'bot.db'}"
    knowledge_dir: Path = ROOT / "knowledge"
    default_kb: str = "all"
    channel_kbs: dict[str, str] = field(default_factory=dict)
    help_channels: frozenset[str] = frozenset()
    spool_dir: Path = ROOT / "var" / "spool"
    language: str = "fr"
    sla_country: str = "FR"
    sla_subdivision: str | None = None
    sla_timezone: str = "Europe/Paris"
    sla_closed_days: str = ""
    sla_target_hours: int = 12
    sla_deadline_hours: int = 48
    sla_urgent_hours: int = 12
    sla_calendar: str = "business"
    sla_opening_hour: int = 9
    sla_closing_hour: int = 18
    escalation_check_seconds: int = 60
    digest_day: str = "mon"
    digest_hour: int = 9
    flood_limit_per_minute: int = 5
    repeat_window_days: int = 30
    reopen_window_days: int = 7
    log_level: str = "INFO"
    # reliability: timeouts, inbox, outbox (see .env.example)
    db_connect_timeout: float = 3.0
    db_statement_timeout_ms: int = 5000
    inbox_ack_timeout_ms: int = 500
    inbox_workers: int = 4
    inbox_lease_seconds: int = 120
    slack_api_timeout: float = 10.0
    slack_retry_seconds: float = 60.0
    slack_channel_rate: float = 1.0
    slack_channel_burst: int = 4
    match_target_false_rate: float = 0.025
    index_cache_dir: Path | None = None

    @property
    def has_slack_socket(self) -> bool:
        return bool(self.slack_bot_token and self.slack_app_token)

    def kb_for_channel(self, channel: str | None) -> str:
        if channel and channel in self.channel_kbs:
            return self.channel_kbs[channel]
        return self.default_kb

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, dotenv: Path | None = None) -> Settings:
        """Read settings; real environment variables win over the `.env` file."""
        merged: dict[str, str] = {}
        if env is None:
            merged.update(ev.read_dotenv(dotenv or Path.cwd() / ".env"))
            merged.update(os.environ)
        else:
            merged.update(env)
        e = merged
        calendar = e.get("SLA_CALENDAR", "business").strip() or "business"
        if calendar not in {"business", "always"}:
            raise SettingsError(t("settings.calendar", value=calendar))
        defaults = cls()
        settings = cls(
            slack_bot_token=ev.optional(e, "SLACK_BOT_TOKEN"),
            slack_signing_secret=ev.optional(e, "SLACK_SIGNING_SECRET"),
            slack_app_token=ev.optional(e, "SLACK_APP_TOKEN"),
            slack_api_url=ev.optional(e, "SLACK_API_URL") or DEFAULT_SLACK_API_URL,
            community_channel=ev.optional(e, "COMMUNITY_CHANNEL"),
            support_lead=ev.optional(e, "SUPPORT_LEAD"),
            escalation_to=ev.optional(e, "ESCALATION_TO"),
            discord_bot_token=ev.optional(e, "DISCORD_BOT_TOKEN"),
            discord_api_url=(ev.optional(e, "DISCORD_API_URL") or DEFAULT_DISCORD_API).rstrip("/"),
            discord_community_channel=ev.optional(e, "DISCORD_COMMUNITY_CHANNEL"),
            discord_support_lead=ev.optional(e, "DISCORD_SUPPORT_LEAD"),
            discord_escalation_to=ev.optional(e, "DISCORD_ESCALATION_TO"),
            discord_help_channels=ev.ids(e, "DISCORD_HELP_CHANNELS"),
            database_url=ev.optional(e, "DATABASE_URL") or defaults.database_url,
            knowledge_dir=Path(ev.optional(e, "KNOWLEDGE_DIR") or defaults.knowledge_dir),
            default_kb=ev.optional(e, "KNOWLEDGE_DEFAULT") or defaults.default_kb,
            channel_kbs=ev.pairs(e.get("KNOWLEDGE_CHANNELS", ""), "KNOWLEDGE_CHANNELS"),
            help_channels=frozenset(
                c.strip() for c in e.get("HELP_CHANNELS", "").split(",") if c.strip()
            ),
            spool_dir=Path(ev.optional(e, "SPOOL_DIR") or defaults.spool_dir),
            language=ev.optional(e, "BOT_LANGUAGE") or "fr",
            sla_country=ev.optional(e, "SLA_COUNTRY") or "FR",
            sla_subdivision=ev.optional(e, "SLA_SUBDIVISION"),
            sla_timezone=ev.optional(e, "SLA_TIMEZONE") or "Europe/Paris",
            sla_closed_days=e.get("SLA_CLOSED_DAYS", "").strip(),
            sla_target_hours=ev.integer(e, "SLA_TARGET_HOURS", 12),
            sla_deadline_hours=ev.integer(e, "SLA_DEADLINE_HOURS", 48),
            sla_urgent_hours=ev.integer(e, "SLA_URGENT_HOURS", 12),
            sla_calendar=calendar,
            sla_opening_hour=ev.integer(e, "SLA_OPENING_HOUR", 9),
            sla_closing_hour=ev.integer(e, "SLA_CLOSING_HOUR", 18),
            escalation_check_seconds=ev.integer(e, "ESCALATION_CHECK_SECONDS", 60),
            digest_day=ev.weekday(ev.optional(e, "DIGEST_DAY") or "mon"),
            digest_hour=ev.integer(e, "DIGEST_HOUR", 9),
            flood_limit_per_minute=ev.integer(e, "FLOOD_LIMIT_PER_MINUTE", 5),
            repeat_window_days=ev.integer(e, "REPEAT_WINDOW_DAYS", 30),
            reopen_window_days=ev.integer(e, "REOPEN_WINDOW_DAYS", 7),
            log_level=ev.log_level(ev.optional(e, "LOG_LEVEL") or "INFO"),
            db_connect_timeout=ev.positive_number(e, "DB_CONNECT_TIMEOUT", 3.0),
            db_statement_timeout_ms=ev.integer(e, "DB_STATEMENT_TIMEOUT_MS", 5000),
            inbox_ack_timeout_ms=ev.integer(e, "INBOX_ACK_TIMEOUT_MS", 500),
            inbox_workers=ev.integer(e, "INBOX_WORKERS", 4),
            inbox_lease_seconds=ev.integer(e, "INBOX_LEASE_SECONDS", 120),
            slack_api_timeout=ev.positive_number(e, "SLACK_API_TIMEOUT", 10.0),
            slack_retry_seconds=ev.positive_number(e, "SLACK_RETRY_SECONDS", 60.0),
            slack_channel_rate=ev.positive_number(e, "SLACK_CHANNEL_RATE", 1.0),
            slack_channel_burst=ev.integer(e, "SLACK_CHANNEL_BURST", 4),
            match_target_false_rate=ev.share(e, "MATCH_TARGET_FALSE_RATE", 0.025),
            index_cache_dir=Path(p) if (p := ev.optional(e, "INDEX_CACHE_DIR")) else None,
        )
        settings.check()
        return settings

    def check(self) -> None:
        """Refuse at start what would otherwise fail later, silently, in the SLA sweep."""
        if not 0 <= self.sla_opening_hour < self.sla_closing_hour <= 24:
            raise SettingsError(
                t("settings.hours", opening=self.sla_opening_hour, closing=self.sla_closing_hour)
            )
        if not 0 < self.sla_target_hours <= self.sla_deadline_hours:
            raise SettingsError(
                t(
                    "settings.sla_hours",
                    target=self.sla_target_hours,
                    deadline=self.sla_deadline_hours,
                )
            )
        _check_discord(self)
        if not 0 <= self.digest_hour <= 23:
            raise SettingsError(t("settings.digest_hour", value=self.digest_hour))
        if not 0 < self.sla_urgent_hours <= self.sla_deadline_hours:
            raise SettingsError(
                t(
                    "settings.urgent_hours",
                    urgent=self.sla_urgent_hours,
                    deadline=self.sla_deadline_hours,
                )
            )
        positive = {
            "ESCALATION_CHECK_SECONDS": self.escalation_check_seconds,
            "FLOOD_LIMIT_PER_MINUTE": self.flood_limit_per_minute,
            "DB_STATEMENT_TIMEOUT_MS": self.db_statement_timeout_ms,
            "INBOX_ACK_TIMEOUT_MS": self.inbox_ack_timeout_ms,
            "INBOX_WORKERS": self.inbox_workers,
            "INBOX_LEASE_SECONDS": self.inbox_lease_seconds,
            "SLACK_CHANNEL_BURST": self.slack_channel_burst,
        }
        for name, value in positive.items():
            if value < 1:
                raise SettingsError(t("settings.positive", name=name))
        for name, value in {
            "REPEAT_WINDOW_DAYS": self.repeat_window_days,
            "REOPEN_WINDOW_DAYS": self.reopen_window_days,
        }.items():
            if value < 0:
                raise SettingsError(t("settings.not_negative", name=name))
        SlaCalendar.from_settings(self)  # closed days, country, subdivision, time zone


_SNOWFLAKE = re.compile(r"[0-9]{1,20}")


def _check_discord(settings: Settings) -> None:
    """Discord ids are numbers and the API URL is http(s): refuse anything else at start."""
    if not re.match(r"https?://[^/\s]+", settings.discord_api_url):
        raise SettingsError(t("settings.discord_url", value=settings.discord_api_url))
    single = {
        "DISCORD_COMMUNITY_CHANNEL": settings.discord_community_channel,
        "DISCORD_SUPPORT_LEAD": settings.discord_support_lead,
        "DISCORD_ESCALATION_TO": settings.discord_escalation_to,
    }
    pairs = [(name, value) for name, value in single.items() if value]
    pairs += [("DISCORD_HELP_CHANNELS", c) for c in sorted(settings.discord_help_channels)]
    for name, value in pairs:
        if not _SNOWFLAKE.fullmatch(value):
            raise SettingsError(t("settings.discord_id", name=name, value=value))
