"""Values of settings as written in the environment or a `.env` file, turned into typed values;
a value that cannot be read raises SettingsError with a French message naming the setting."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from bot.errors import SettingsError
from bot.messages import t


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


def pairs(raw: str, name: str) -> dict[str, str]:
    """`C1=kb-a,C2=kb-b` -> {"C1": "kb-a", "C2": "kb-b"}."""
    result: dict[str, str] = {}
    for item in filter(None, (p.strip() for p in raw.split(","))):
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise SettingsError(t("settings.pairs", name=name, item=item))
        result[key.strip()] = value.strip()
    return result


def integer(env: Mapping[str, str], name: str, default: int) -> int:
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


def weekday(raw: str) -> str:
    day = DAYS.get(raw.strip().lower(), raw.strip().lower()[:3])
    if day not in DAYS.values():
        raise SettingsError(t("settings.digest_day", value=raw))
    return day


def share(env: Mapping[str, str], name: str, default: float) -> float:
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


def positive_number(env: Mapping[str, str], name: str, default: float) -> float:
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


def log_level(raw: str) -> str:
    level = {"WARN": "WARNING", "FATAL": "CRITICAL"}.get(raw.upper(), raw.upper())
    if level not in LOG_LEVELS:
        raise SettingsError(t("settings.log_level", value=raw))
    return level


def ids(env: Mapping[str, str], name: str) -> frozenset[str]:
    """A comma-separated list of ids (Discord's are numbers)."""
    return frozenset(c.strip() for c in env.get(name, "").split(",") if c.strip())


def optional(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name, "").strip()
    return value or None
