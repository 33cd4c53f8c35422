"""`python -m bot stats` (the week's figures) and `python -m bot kb export` (published entries as
knowledge files, for review in a pull request)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from bot.config import Settings
from bot.messages import t


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    from bot.core.stats import build_stats, render_stats
    from bot.db.engine import open_database
    from bot.db.types import utcnow

    try:
        engine, sessions = open_database(settings.database_url)
        with sessions() as session:
            stats = build_stats(session, utcnow(), days=args.days, limit=args.limit)
        engine.dispose()
    except SQLAlchemyError as exc:
        print(t("stats.db", error=str(exc).splitlines()[0]), file=sys.stderr)
        return 1
    print("\n".join(render_stats(stats)))
    return 0


def cmd_kb_export(args: argparse.Namespace, settings: Settings) -> int:
    from bot.core.live_knowledge import load_learned
    from bot.db.engine import open_database
    from bot.knowledge.learned import EXPORT_FILE, to_markdown
    from bot.knowledge.loader import load_all

    root = Path(args.dir) if args.dir else settings.knowledge_dir
    try:
        engine, sessions = open_database(settings.database_url)
        with sessions() as session:
            entries, phrasings = load_learned(session)
        engine.dispose()
    except SQLAlchemyError as exc:
        print(t("stats.db", error=str(exc).splitlines()[0]), file=sys.stderr)
        return 1
    bases, _ = load_all(root)
    in_files = {u.id for kb in bases.values() for u in kb.units}
    by_unit: dict[str, list[str]] = {}
    for p in phrasings:
        by_unit.setdefault(p.unit_id, []).append(p.text)
    learned_ids = {e.unit_id for e in entries}
    written = 0
    for kb in sorted({e.kb for e in entries}):
        mine = [e for e in entries if e.kb == kb]
        path = root / kb / EXPORT_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_markdown(mine, by_unit), encoding="utf-8")
        written += len(mine)
        print(t("export.written", count=len(mine), path=path))
    if not entries:
        print(t("export.none"))
    file_phrasings = [
        (unit, text)
        for unit, texts in sorted(by_unit.items())
        if unit not in learned_ids and unit in in_files
        for text in texts
    ]
    if file_phrasings:
        print(t("export.phrasings"))
        for unit, text in file_phrasings:
            print(t("export.phrasing_row", unit=unit, text=" ".join(text.split())))
    return 0


def cmd_bench_learning(args: argparse.Namespace, settings: Settings) -> int:
    from bot.learning_bench import run_learning_bench

    return run_learning_bench(settings, url=args.db, queries=args.queries, published=args.published)


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    kb_sub: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    stats = sub.add_parser("stats", help=t("cli.help.stats"))
    stats.add_argument("--days", type=int, default=7, help=t("cli.help.stats.days"))
    stats.add_argument("--limit", type=int, default=5, help=t("cli.help.stats.limit"))
    stats.set_defaults(func=cmd_stats)
    bench = sub.add_parser("bench-learning", help=t("cli.help.bench_learning"))
    bench.add_argument("--db", help=t("cli.help.bench_learning.db"))
    bench.add_argument("--queries", type=int, default=2000)
    bench.add_argument("--published", type=int, default=50)
    bench.set_defaults(func=cmd_bench_learning)
    export = kb_sub.add_parser("export", help=t("cli.help.kb.export"))
    export.add_argument("--dir", help=t("cli.help.dir"))
    export.set_defaults(func=cmd_kb_export)
