"""Settings read from the environment and an optional `.env` file (see `.env.example`)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import SettingsError
from bot.messages import t
from bot.sla.calendar import SlaCalendar

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_DISCORD_API_URL = "https://discord.com/api/v10"


def _dotenv_value(raw: str) -> str:
    """A value as written: quoted (single or double), or bare up to a ` #` comment."""
    value = raw.strip()
    if value[:1] in ("'", '"'):
        end = value.find(value[0], 1)
        return value[1:end] if end > 0 else value
    if value.startswith("#"):
        return ""
    comment = re.search(r"\s#", value)
    return value[: comment.start()].rstrip() if comment else value


def read_dotenv(path: Path) -> dict[str, str]:
    """Parse a `.env` file: KEY=VALUE lines, `export` allowed, `#` comments (whole lines, or
    after a value), values optionally in single or double quotes; a BOM is ignored."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for raw in path.read_text(encoding="utf-8-sig").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        values[key.strip().removeprefix("export ").strip()] = _dotenv_value(value)
    return values


def _pairs(raw: str, name: str) -> dict[str, str]:
    """`C1=kb-a,C2=kb-b` -> {"C1": "kb-a", "C2": "kb-b"}."""
    result: dict[str, str] = {}
    for item in filter(None, (p.strip() for p in raw.split(","))):
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise SettingsError(t("settings.pairs", name=name, item=item))
        result[key.strip()] = value.strip()
    return result


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SettingsError(t("settings.int", name=name, raw=raw)) from exc


DAYS = {
    "lundi": "mon",
    "mardi": "tue",
    "mercredi": "wed",
    "jeudi": "thu",
    "vendredi": "fri",
    "samedi": "sat",
    "dimanche": "sun",
}


def _day(raw: str) -> str:
    day = DAYS.get(raw.strip().lower(), raw.strip().lower()[:3])
    if day not in DAYS.values():
        raise SettingsError(t("settings.digest_day", value=raw))
    return day


def _rate(env: Mapping[str, str], name: str, default: float) -> float:
    """A share between 0 and 1 (a percentage such as 3 % is refused: write 0.03)."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw.replace(",", "."))
    except ValueError as exc:
        raise SettingsError(t("settings.rate", name=name, raw=raw)) from exc
    if not 0 <= value <= 1:
        raise SettingsError(t("settings.rate", name=name, raw=raw))
    return value


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError as exc:
        raise SettingsError(t("settings.number", name=name, raw=raw)) from exc
    if not value > 0:
        raise SettingsError(t("settings.positive", name=name))
    return value


LOG_LEVELS = {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}


def _log_level(raw: str) -> str:
    level = {"WARN": "WARNING", "FATAL": "CRITICAL"}.get(raw.upper(), raw.upper())
    if level not in LOG_LEVELS:
        raise SettingsError(t("settings.log_level", value=raw))
    return level


def _ids(env: Mapping[str, str], name: str) -> frozenset[str]:
    """A comma-separated list of ids (Discord's are numbers)."""
    return frozenset(c.strip() for c in env.get(name, "").split(",") if c.strip())


def _opt(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name, "").strip()
    return value or None


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
    discord_api_url: str = DEFAULT_DISCORD_API_URL
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
            merged.update(read_dotenv(dotenv or Path.cwd() / ".env"))
            merged.update(os.environ)
        else:
            merged.update(env)
        e = merged
        calendar = e.get("SLA_CALENDAR", "business").strip() or "business"
        if calendar not in {"business", "always"}:
            raise SettingsError(t("settings.calendar", value=calendar))
        defaults = cls()
        settings = cls(
            slack_bot_token=_opt(e, "SLACK_BOT_TOKEN"),
            slack_signing_secret=_opt(e, "SLACK_SIGNING_SECRET"),
            slack_app_token=_opt(e, "SLACK_APP_TOKEN"),
            slack_api_url=_opt(e, "SLACK_API_URL") or DEFAULT_SLACK_API_URL,
            community_channel=_opt(e, "COMMUNITY_CHANNEL"),
            support_lead=_opt(e, "SUPPORT_LEAD"),
            escalation_to=_opt(e, "ESCALATION_TO"),
            discord_bot_token=_opt(e, "DISCORD_BOT_TOKEN"),
            discord_api_url=(_opt(e, "DISCORD_API_URL") or DEFAULT_DISCORD_API_URL).rstrip("/"),
            discord_community_channel=_opt(e, "DISCORD_COMMUNITY_CHANNEL"),
            discord_support_lead=_opt(e, "DISCORD_SUPPORT_LEAD"),
            discord_escalation_to=_opt(e, "DISCORD_ESCALATION_TO"),
            discord_help_channels=_ids(e, "DISCORD_HELP_CHANNELS"),
            database_url=_opt(e, "DATABASE_URL") or defaults.database_url,
            knowledge_dir=Path(_opt(e, "KNOWLEDGE_DIR") or defaults.knowledge_dir),
            default_kb=_opt(e, "KNOWLEDGE_DEFAULT") or defaults.default_kb,
            channel_kbs=_pairs(e.get("KNOWLEDGE_CHANNELS", ""), "KNOWLEDGE_CHANNELS"),
            help_channels=frozenset(
                c.strip() for c in e.get("HELP_CHANNELS", "").split(",") if c.strip()
            ),
            spool_dir=Path(_opt(e, "SPOOL_DIR") or defaults.spool_dir),
            language=_opt(e, "BOT_LANGUAGE") or "fr",
            sla_country=_opt(e, "SLA_COUNTRY") or "FR",
            sla_subdivision=_opt(e, "SLA_SUBDIVISION"),
            sla_timezone=_opt(e, "SLA_TIMEZONE") or "Europe/Paris",
            sla_closed_days=e.get("SLA_CLOSED_DAYS", "").strip(),
            sla_target_hours=_int(e, "SLA_TARGET_HOURS", 12),
            sla_deadline_hours=_int(e, "SLA_DEADLINE_HOURS", 48),
            sla_urgent_hours=_int(e, "SLA_URGENT_HOURS", 12),
            sla_calendar=calendar,
            sla_opening_hour=_int(e, "SLA_OPENING_HOUR", 9),
            sla_closing_hour=_int(e, "SLA_CLOSING_HOUR", 18),
            escalation_check_seconds=_int(e, "ESCALATION_CHECK_SECONDS", 60),
            digest_day=_day(_opt(e, "DIGEST_DAY") or "mon"),
            digest_hour=_int(e, "DIGEST_HOUR", 9),
            flood_limit_per_minute=_int(e, "FLOOD_LIMIT_PER_MINUTE", 5),
            repeat_window_days=_int(e, "REPEAT_WINDOW_DAYS", 30),
            reopen_window_days=_int(e, "REOPEN_WINDOW_DAYS", 7),
            log_level=_log_level(_opt(e, "LOG_LEVEL") or "INFO"),
            db_connect_timeout=_float(e, "DB_CONNECT_TIMEOUT", 3.0),
            db_statement_timeout_ms=_int(e, "DB_STATEMENT_TIMEOUT_MS", 5000),
            inbox_ack_timeout_ms=_int(e, "INBOX_ACK_TIMEOUT_MS", 500),
            inbox_workers=_int(e, "INBOX_WORKERS", 4),
            inbox_lease_seconds=_int(e, "INBOX_LEASE_SECONDS", 120),
            slack_api_timeout=_float(e, "SLACK_API_TIMEOUT", 10.0),
            slack_retry_seconds=_float(e, "SLACK_RETRY_SECONDS", 60.0),
            slack_channel_rate=_float(e, "SLACK_CHANNEL_RATE", 1.0),
            slack_channel_burst=_int(e, "SLACK_CHANNEL_BURST", 4),
            match_target_false_rate=_rate(e, "MATCH_TARGET_FALSE_RATE", 0.025),
            index_cache_dir=Path(p) if (p := _opt(e, "INDEX_CACHE_DIR")) else None,
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
