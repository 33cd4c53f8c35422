"""The command line's syntax: every command, its arguments and their help (texts in
bot/messages/fr_cli.py). `build_parser(handlers)` binds each command to its handler from
bot/cli.py, so this module knows the words and cli.py what they do."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from typing import Any

from bot.messages import t

Handler = Callable[..., int]


def positive(raw: str) -> int:
    """A whole number of at least 1 (argparse type)."""
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(t("cli.positive", value=raw))
    return value


def _kb(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kb", default="all", help=t("cli.help.kb_option"))


def build_parser(handlers: Mapping[str, Handler]) -> argparse.ArgumentParser:
    """The parser of `python -m bot`; `handlers` maps each command's name to its function."""
    parser = argparse.ArgumentParser(prog="python -m bot", description=t("cli.description"))
    sub = parser.add_subparsers(dest="command", required=True, metavar=t("cli.help.metavar"))

    def command(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        found = sub.add_parser(name, help=t(f"cli.help.{name}"), **kwargs)
        if name in handlers:
            found.set_defaults(func=handlers[name])
        return found

    ask = command("ask")
    ask.add_argument("question", help=t("cli.help.ask.question"))
    ask.add_argument("--json", action="store_true", help=t("cli.help.ask.json"))
    _kb(ask)

    ev = command("eval")
    ev.add_argument("file", nargs="+", help=t("cli.help.eval.file"))
    ev.add_argument("--curve", action="store_true", help=t("cli.help.eval.curve"))
    ev.add_argument("--fit", metavar="GATE.json", help=t("cli.help.eval.fit"))
    _kb(ev)

    kb = command("kb")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True, metavar=t("cli.help.action"))
    check = kb_sub.add_parser("check", help=t("cli.help.kb.check"))
    check.add_argument("--dir", help=t("cli.help.dir"))
    check.set_defaults(func=handlers["kb check"])

    from bot.learning_cli import add_parsers as add_learning

    add_learning(sub, kb_sub)

    command("chat")
    bench = command("bench")
    bench.add_argument("--sizes", default="1000,10000,100000", help=t("cli.help.bench.sizes"))
    bench.add_argument("--queries", type=int, default=2000, help=t("cli.help.bench.queries"))

    report = command("report")
    report.add_argument("--days", type=positive, default=30, help=t("cli.help.report.days"))
    report.add_argument("--limit", type=int, default=15, help=t("cli.help.report.limit"))

    try:
        from bot.sla.cli import add_parser as add_sla
    except ImportError:  # pragma: no cover - the SLA module ships with the bot
        pass
    else:
        add_sla(sub)

    command("run")
    command("discord")
    serve = command("serve")
    serve.add_argument("--port", type=int, default=3000)
    serve.add_argument("--host", default="0.0.0.0")
    serve.add_argument("--workers", type=int, default=None, help=t("cli.help.serve.workers"))
    return parser
