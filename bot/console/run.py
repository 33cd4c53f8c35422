"""Starting the console chat: the core from the composition root, then one line at a time."""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from bot.config import Settings
from bot.console.chat import ConsoleChat
from bot.knowledge.registry import Knowledge
from bot.messages import set_language, t
from bot.wiring import build_core

log = logging.getLogger(__name__)


def _kb(settings: Settings, knowledge: Knowledge) -> str | None:
    """The base the chat answers from: KNOWLEDGE_DEFAULT, else every base ("all")."""
    if not knowledge.bases:
        return None
    known = getattr(knowledge, "matchers", knowledge.bases)
    for name in (settings.default_kb, "all"):
        if name in known:
            return name
    return knowledge.names()[0]


def _is_tty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # closed stream
        return False


def run_chat(
    settings: Settings,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    knowledge: Knowledge | None = None,
) -> int:
    """Chat until the end of input; 0 on success, 1 when there is no knowledge to answer from.
    stdin/stdout default to sys.stdin/sys.stdout (looked up at call time)."""
    stdin = stdin if stdin is not None else sys.stdin
    stdout = stdout if stdout is not None else sys.stdout
    set_language(settings.language)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # no migration chatter in the chat
    if knowledge is None:
        knowledge = Knowledge.from_settings(settings)
    kb = _kb(settings, knowledge)
    if kb is None:
        stdout.write(t("console.no_kb", path=settings.knowledge_dir) + "\n")
        return 1
    core = build_core(settings, knowledge=knowledge)
    try:
        core.desk.replay_spool()
    except Exception:  # noqa: BLE001 - the chat must start even if the spool cannot be replayed
        log.exception("spool replay failed")
    tty = _is_tty(stdin)
    chat = ConsoleChat(settings, core.desk, kb, stdout)
    if tty:
        chat.say(t("console.welcome"))
    try:
        while True:
            if tty:
                stdout.write("> ")
                stdout.flush()
            line = stdin.readline()
            if not line or not chat.handle(line):
                break
    except KeyboardInterrupt:
        stdout.write("\n")
    finally:
        core.close()
    return 0


def main() -> int:
    return run_chat(Settings.from_env())
