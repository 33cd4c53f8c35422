"""`python -m bot ...`: ask, eval, kb check, chat, bench, report, sla, run, serve, discord."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli_parser import build_parser
from bot.config import Settings
from bot.errors import SettingsError
from bot.messages import set_language, t

if TYPE_CHECKING:
    from bot.evaluation import Scored
    from bot.knowledge.registry import Knowledge
    from bot.matching import MatchResult


def _knowledge(settings: Settings) -> Knowledge:
    from bot.knowledge.registry import Knowledge

    return Knowledge.from_settings(settings)


def _check_kb(knowledge: Knowledge, kb: str) -> str | None:
    if kb in knowledge.matchers:
        return None
    return t("cli.kb.unknown", kb=kb, names=", ".join(["all", *knowledge.names()]))


def result_json(result: MatchResult) -> dict[str, Any]:
    """The JSON shape of `ask --json`."""
    unit = result.unit
    return {
        "answered": result.answered,
        "id": unit.id if unit else None,
        "title": unit.title if unit else None,
        "answer": unit.answer if unit else None,
        "source": unit.source if unit else None,
        "score": result.best.score if result.answered and result.best else None,
        "reason": result.reason,
        "suggestions": [
            {"id": m.unit.id, "title": m.unit.title, "score": m.score, "first_line": m.first_line}
            for m in result.suggestions
            if not unit or m.unit.id != unit.id
        ],
    }


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    knowledge = _knowledge(settings)
    if error := _check_kb(knowledge, args.kb):
        print(error, file=sys.stderr)
        return 2
    questions = sys.stdin if args.question == "-" else [args.question]
    for raw in questions:
        question = raw.rstrip("\n")
        if args.question == "-" and not question.strip():
            continue
        result = knowledge.match(question, args.kb)
        if args.json:
            print(json.dumps(result_json(result), ensure_ascii=False), flush=True)
        elif result.answered and result.unit and result.best:
            u = result.unit
            print(
                t(
                    "cli.ask.answer",
                    answer=knowledge.render(u),
                    source=u.source,
                    score=result.best.score,
                    unit_id=u.id,
                )
            )
        elif result.reason in {"greeting", "thanks", "help", "noise", "empty"}:
            print(t("cli.ask.smalltalk", reason=result.reason))
        elif result.suggestions:
            print(t("cli.ask.suggestions"))
            for n, m in enumerate(result.suggestions, 1):
                print(
                    t(
                        "cli.ask.suggestion",
                        n=n,
                        title=m.unit.title,
                        score=m.score,
                        unit_id=m.unit.id,
                    )
                )
        else:
            print(t("cli.ask.nothing"))
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from bot.evaluation import EvalFileError, read_cases, report_of, run

    try:
        files = {Path(f).stem: read_cases(Path(f)) for f in args.file}
    except (OSError, EvalFileError) as exc:
        print(t("cli.error", error=exc), file=sys.stderr)
        return 2
    knowledge = _knowledge(settings)
    if error := _check_kb(knowledge, args.kb):
        print(error, file=sys.stderr)
        return 2
    runs = {name: run(cases, knowledge, args.kb) for name, cases in files.items()}
    if args.fit:
        return _fit(runs, settings, Path(args.fit))
    for name, scored in runs.items():
        report = report_of(scored)
        if not args.curve:
            for o in report.misses:
                print(
                    t(
                        "cli.eval.miss",
                        line=o.case.line,
                        verdict=o.verdict,
                        question=o.case.question,
                        unit=o.unit_id or "-",
                        score=o.score if o.score is not None else "-",
                    )
                )
        else:
            _print_curve(scored, knowledge)
        print(
            (f"{name} : " if len(runs) > 1 else "")
            + t(
                "cli.eval.summary",
                total=len(report.outcomes),
                answerable=report.answerable,
                correct=report.correct_pct,
                false=report.false_pct,
                routed=report.routed_pct,
            )
        )
    return 0


def _print_curve(scored: list[Scored], knowledge: Knowledge) -> None:
    from bot.evaluation import curve_lines

    gate = next(iter(knowledge.matchers.values())).gate if knowledge.matchers else None
    print(*curve_lines(scored, gate.thresholds if gate else {}), sep="\n")


def _fit(runs: dict[str, list[Scored]], settings: Settings, out: Path) -> int:
    from bot.evaluation import fit_gate, fit_lines

    gate, figures = fit_gate(runs, settings.match_target_false_rate)
    out.write_text(json.dumps(gate.to_json(), indent=1) + "\n", encoding="utf-8")
    print(t("cli.eval.fit", path=out, query=gate.thresholds["query"], chat=gate.thresholds["chat"]))
    print(*fit_lines(figures), sep="\n")
    return 0


def cmd_kb_check(args: argparse.Namespace, settings: Settings) -> int:
    from bot.knowledge.course import load_courses
    from bot.knowledge.intake import load_intakes
    from bot.knowledge.loader import load_all

    root = Path(args.dir) if args.dir else settings.knowledge_dir
    bases, problems = load_all(root)
    courses, course_problems = load_courses(root, bases)
    problems += course_problems + load_intakes(root, bases)[1]
    for problem in problems:
        print(problem)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        print(t("cli.kb.problems", count=len(errors)))
        return 1
    summary = ", ".join(
        t("cli.kb.base_summary", name=name, count=len(kb.units), gaps=len(kb.gaps))
        for name, kb in bases.items()
    )
    print(t("cli.kb.ok", summary=summary or "aucune base"))
    for name, course in courses.items():
        known = sum(1 for c in course.chapters if c.sections)
        print(t("cli.kb.course", name=name, chapters=len(course.chapters), known=known))
    return 0


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.console import run_chat

    return run_chat(settings)


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    from bot.bench import run_bench

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    return run_bench(settings, sizes=sizes, queries=args.queries)


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from bot.core.report import build_report, render_report
    from bot.db.types import utcnow
    from bot.wiring import reading_store

    try:
        with reading_store(settings) as sessions, sessions() as session:
            r = build_report(session, utcnow(), days=args.days, limit=args.limit)
    except SQLAlchemyError as exc:
        print(t("cli.report.db", error=str(exc).splitlines()[0]), file=sys.stderr)
        return 1
    print(render_report(r, args.days))
    return 0


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.has_slack_socket:
        print(t("cli.no_slack"), file=sys.stderr)
        return cmd_chat(args, settings)
    from bot.slack.runner import run_socket

    return run_socket(settings)


def cmd_discord(args: argparse.Namespace, settings: Settings) -> int:
    from bot.discord.runner import run_discord

    return run_discord(settings)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from bot.slack.runner import serve_http

    workers = args.workers
    if workers is None:
        from bot.slack.gunicorn_app import default_workers

        workers = default_workers()
    return serve_http(settings, port=args.port, host=args.host, workers=workers)


HANDLERS = {
    "ask": cmd_ask,
    "eval": cmd_eval,
    "kb check": cmd_kb_check,
    "chat": cmd_chat,
    "bench": cmd_bench,
    "report": cmd_report,
    "run": cmd_run,
    "discord": cmd_discord,
    "serve": cmd_serve,
}


def main(argv: Sequence[str] | None = None) -> int:
    try:
        settings = Settings.from_env()
    except SettingsError as exc:
        print(t("cli.settings", error=exc), file=sys.stderr)
        return 2
    set_language(settings.language)
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    args = build_parser(HANDLERS).parse_args(argv)
    if args.command == "sla":
        from bot.sla.cli import run as run_sla

        return run_sla(args, settings)
    return int(args.func(args, settings))
