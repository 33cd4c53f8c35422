"""Read `knowledge/<base>/*.md` into units, collecting problems instead of crashing.

File format (see knowledge/README.md)::

    ---
    kind: faq | chapter | gap
    source: Centre d'aide › Chapitre 1 « Acquérir de bonnes bases »
    ---
    # Optional title of the file

    ## Section title {#stable-id}

    Answer text, Markdown.

    Variantes :
    - how a customer asks it
    - another phrasing
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from bot.knowledge.model import KnowledgeBase, Problem, Unit
from bot.knowledge.vocabulary import FILE_NAME as VOCABULARY_FILE
from bot.knowledge.vocabulary import load_vocabulary
from bot.messages import t

HEADING = re.compile(r"^##\s+(?P<title>.+?)\s*(?:\{#(?P<anchor>[^}\s]*)\})?\s*$")
VARIANTS = re.compile(r"^\s*(?:variantes|phrasings)\s*:\s*$", re.IGNORECASE)
ANCHOR_OK = re.compile(r"^[a-z0-9][a-z0-9-]*$")
LINK = re.compile(r"\]\(#(?P<anchor>[^)\s]+)\)")
KINDS = {"faq", "chapter", "gap"}
MAX_FILE_BYTES = 2_000_000
MAX_ID = 128  # base/anchor, as stored with each question (questions.unit_id)
# a base's name (its folder) is stored with each question (questions.kb, 64 characters), and a
# published entry's id is `base/<slug of up to 60>-<proposal id>`: 48 leaves room for both
MAX_BASE_NAME = 48


def _front_matter(lines: list[str], rel: str, problems: list[Problem]) -> tuple[dict, int]:
    """Parse `key: value` lines between `---` fences; returns (meta, first body line index)."""
    if not lines or lines[0].strip() != "---":
        problems.append(Problem(rel, 1, t("kb.no_header")))
        return {}, 0
    meta: dict[str, str] = {}
    for i in range(1, len(lines)):
        line = lines[i].strip()
        if line == "---":
            return meta, i + 1
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep:
            problems.append(Problem(rel, i + 1, t("kb.bad_header_line", line=line)))
            continue
        meta[key.strip().lower()] = value.strip()
    problems.append(Problem(rel, 1, t("kb.unclosed_header")))
    return {}, len(lines)


def parse_file(path: Path, kb: str, rel: str) -> tuple[list[Unit], list[Problem]]:
    problems: list[Problem] = []
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return [], [Problem(rel, 0, t("kb.unreadable", error=exc))]
    if len(raw) > MAX_FILE_BYTES:
        return [], [Problem(rel, 0, t("kb.too_big", size=len(raw)))]
    try:
        text = raw.decode("utf-8-sig")  # a BOM (some editors add one) is not content
    except UnicodeDecodeError as exc:
        return [], [Problem(rel, 0, t("kb.not_utf8", reason=exc.reason))]
    if "\x00" in text:
        return [], [Problem(rel, 0, t("kb.binary"))]
    lines = text.splitlines()
    meta, start = _front_matter(lines, rel, problems)
    kind = meta.get("kind", "")
    if meta and kind not in KINDS:
        problems.append(Problem(rel, 2, t("kb.bad_kind", kind=kind)))
    if meta and not meta.get("source"):
        problems.append(Problem(rel, 2, t("kb.no_source")))
    if problems:
        return [], problems
    units: list[Unit] = []
    sections: list[tuple[int, re.Match[str]]] = []
    for i in range(start, len(lines)):
        m = HEADING.match(lines[i])
        if m:
            sections.append((i, m))
    if not sections:
        problems.append(Problem(rel, start + 1, t("kb.no_sections")))
    for n, (i, m) in enumerate(sections):
        end = sections[n + 1][0] if n + 1 < len(sections) else len(lines)
        unit, unit_problems = _section(lines, i, end, m, kb, kind, meta["source"], rel)
        problems.extend(unit_problems)
        if unit is not None:
            units.append(unit)
    return units, problems


def _section(
    lines: list[str], i: int, end: int, m: re.Match[str], kb: str, kind: str, source: str, rel: str
) -> tuple[Unit | None, list[Problem]]:
    problems: list[Problem] = []
    title, anchor = m["title"].strip(), m["anchor"]
    if not anchor:
        return None, [Problem(rel, i + 1, t("kb.no_id", title=title))]
    if len(f"{kb}/{anchor}") > MAX_ID:
        return None, [Problem(rel, i + 1, t("kb.long_id", id=f"{kb}/{anchor}", limit=MAX_ID))]
    if not ANCHOR_OK.match(anchor):
        problems.append(Problem(rel, i + 1, t("kb.bad_id", anchor=anchor)))
        return None, problems
    body: list[str] = []
    phrasings: list[str] = []
    in_variants = False
    for j in range(i + 1, end):
        line = lines[j]
        if VARIANTS.match(line):
            in_variants = True
            continue
        if in_variants:
            stripped = line.strip()
            if stripped.startswith(("- ", "* ")):
                phrasing = stripped[2:].strip()
                if phrasing:
                    phrasings.append(phrasing)
            elif stripped:
                problems.append(Problem(rel, j + 1, t("kb.variant_format")))
        else:
            body.append(line)
    answer = "\n".join(body).strip()
    if not answer:
        problems.append(Problem(rel, i + 1, t("kb.empty_answer", title=title)))
        return None, problems
    section_source = source if kind == "faq" else f"{source} › {title}"
    unit = Unit(
        id=f"{kb}/{anchor}",
        kb=kb,
        title=title,
        answer=answer,
        source=section_source,
        kind=kind,
        phrasings=tuple(phrasings),
        path=rel,
        line=i + 1,
    )
    return unit, problems


def load_base(folder: Path, root: Path) -> tuple[KnowledgeBase, list[Problem]]:
    name = folder.name
    problems: list[Problem] = []
    title = name
    names: tuple[str, ...] = ()
    meta_file = folder / "base.toml"
    if meta_file.is_file():
        try:
            meta = tomllib.loads(meta_file.read_text(encoding="utf-8"))
            title = str(meta.get("title", name))
            products = meta.get("products", [])
            if isinstance(products, list) and all(isinstance(p, str) for p in products):
                names = tuple(p.strip() for p in products if p.strip())
            else:
                problems.append(Problem(str(meta_file.relative_to(root)), 0, t("kb.base_products")))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            problems.append(
                Problem(str(meta_file.relative_to(root)), 0, t("kb.base_toml", error=exc))
            )
    vocabulary, vocab_problems = load_vocabulary(folder, root)
    problems.extend(vocab_problems)
    kb = KnowledgeBase(name=name, title=title, vocabulary=vocabulary, products={name: names})
    seen: dict[str, Unit] = {}
    for path in sorted(folder.glob("*.md")):
        if path.name.lower() in {"readme.md", VOCABULARY_FILE}:
            continue
        rel = str(path.relative_to(root))
        units, file_problems = parse_file(path, name, rel)
        problems.extend(file_problems)
        for unit in units:
            if unit.id in seen:
                first = seen[unit.id]
                problems.append(
                    Problem(
                        rel,
                        unit.line,
                        t("kb.duplicate_id", id=unit.id, path=first.path, line=first.line),
                    )
                )
                continue
            seen[unit.id] = unit
            (kb.gaps if unit.kind == "gap" else kb.units).append(unit)
    for unit in kb.units:
        for link in LINK.finditer(unit.answer):
            target = link["anchor"]
            target_id = target if "/" in target else f"{name}/{target}"
            if target_id not in seen or seen[target_id].kind == "gap":
                problems.append(Problem(unit.path, unit.line, t("kb.bad_link", target=target)))
    return kb, problems


def load_all(root: Path) -> tuple[dict[str, KnowledgeBase], list[Problem]]:
    """Every base under `root` (one folder each); problems never raise."""
    if not root.is_dir():
        return {}, [Problem(str(root), 0, t("kb.no_dir"))]
    bases: dict[str, KnowledgeBase] = {}
    problems: list[Problem] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if len(folder.name) > MAX_BASE_NAME:  # not loaded: its questions could not be recorded
            problems.append(
                Problem(
                    str(folder.relative_to(root)),
                    0,
                    t("kb.long_base", name=folder.name, limit=MAX_BASE_NAME),
                )
            )
            continue
        kb, kb_problems = load_base(folder, root)
        problems.extend(kb_problems)
        if kb.units:
            bases[kb.name] = kb
        else:
            problems.append(
                Problem(str(folder.relative_to(root)), 0, t("kb.empty_base"), "warning")
            )
    return bases, problems
