"""What the question form asks for, per base (`intake.toml`): e.g. for an SFR order that blocks,
what the procedure says the EI assistance must receive. Personal data: private questions only.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.model import KnowledgeBase, Problem
from bot.messages import t

INTAKE_FILE = "intake.toml"
FIELD_ID = re.compile(r"^[a-z][a-z0-9_]{0,30}$")
FIELD_TYPES = ("text", "files")


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    type: str = "text"  # text | files


@dataclass(frozen=True)
class Intake:
    kb: str
    title: str
    hint: str
    fields: tuple[Field, ...]


def parse_intake(path: Path, kb: str, rel: str) -> tuple[Intake | None, list[Problem]]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return None, [Problem(rel, 0, t("kb.intake.unreadable", error=exc))]
    fields: list[Field] = []
    problems: list[Problem] = []
    for item in data.get("fields") or []:
        item = item if isinstance(item, dict) else {}
        field = Field(
            str(item.get("id") or ""),
            str(item.get("label") or "").strip(),
            str(item.get("type") or "text"),
        )
        if not FIELD_ID.match(field.id) or not field.label or field.type not in FIELD_TYPES:
            problems.append(Problem(rel, 0, t("kb.intake.bad_field", id=field.id or "?")))
        elif any(f.id == field.id for f in fields):
            problems.append(Problem(rel, 0, t("kb.intake.duplicate", id=field.id)))
        else:
            fields.append(field)
    if not fields and not problems:
        problems.append(Problem(rel, 0, t("kb.intake.no_fields")))
    intake = Intake(kb, str(data.get("title") or kb), str(data.get("hint") or ""), tuple(fields))
    return (intake if fields else None), problems


def load_intakes(
    root: Path, bases: dict[str, KnowledgeBase]
) -> tuple[dict[str, Intake], list[Problem]]:
    intakes: dict[str, Intake] = {}
    problems: list[Problem] = []
    for name in sorted(bases):
        path = root / name / INTAKE_FILE
        if path.is_file():
            intake, found = parse_intake(path, name, str(path.relative_to(root)))
            problems.extend(found)
            if intake is not None:
                intakes[name] = intake
    return intakes, problems
