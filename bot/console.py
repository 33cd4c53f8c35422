"""Local console chat: the desk on stdin/stdout (SQLite), one question per line.

Answers print with their source; when the bot is unsure, the suggestions print numbered and the
question is recorded for the community (there is no community channel in the console, and the
chat says so). `/privé <texte>` opens a private ticket for the support lead.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from sqlalchemy import create_engine

from bot.config import Settings
from bot.core import Desk, InvalidInput, Reply, StoreUnavailable, Suggestion
from bot.core.store import is_db_down, short_reason
from bot.db.engine import make_engine, migrate, session_factory
from bot.knowledge.registry import Knowledge
from bot.knowledge.render import to_text
from bot.messages import set_language, t

log = logging.getLogger(__name__)
ASKER = "console"
PRIVATE_PREFIXES = ("/privé", "/prive")


class ConsoleChat:
    """Turns lines into desk calls and desk results into plain text."""

    def __init__(self, desk: Desk, kb: str, out: TextIO) -> None:
        self.desk = desk
        self.kb = kb
        self.out = out
        self.suggestions: tuple[Suggestion, ...] = ()
        self._replies = 0

    def say(self, text: str) -> None:
        self.out.write(text.rstrip("\n") + "\n")
        self.out.flush()

    def handle(self, line: str) -> bool:
        """Answer one line; False when the user asked to quit."""
        text = line.strip()
        if not text:
            return True
        if text.lower() in ("/quitter", "/quit", "/exit"):
            return False
        if self._replies:
            self.say("")
        self._replies += 1
        command, _, rest = text.partition(" ")
        lowered = command.lower()
        if lowered in PRIVATE_PREFIXES:
            self.private(rest)
        elif lowered in ("/aide", "/help", "/?"):
            self.say(t("console.help"))
        elif text.startswith("/") and " " not in text and len(text) < 20:
            self.say(t("console.unknown_command", command=text))
        elif text.isdecimal() and text.isascii() and len(text) < 3:
            self.choose(int(text))
        else:
            self.ask(text)
        return True

    def ask(self, text: str) -> None:
        reply = self.desk.ask(asker=ASKER, text=text, kb=self.kb, origin="console")
        self.suggestions = reply.suggestions
        if reply.kind != "suggestions":
            self.say(reply.text)
            return
        self.say(reply.text)
        for number, suggestion in enumerate(reply.suggestions, 1):
            self.say(f"  {number}. {suggestion.title}")
            if number == 1 and suggestion.first_line:
                self.say(f"     {to_text(suggestion.first_line)}")
        self.to_community(reply)

    def to_community(self, reply: Reply) -> None:
        if not reply.stored or reply.question_id is None:
            self.say(t("store.down"))
            return
        try:
            post = self.desk.to_community(reply.question_id)
        except StoreUnavailable:
            self.say(t("store.down"))
            return
        self.say(t("console.community", id=post.question_id))

    def choose(self, number: int) -> None:
        if not 1 <= number <= len(self.suggestions):
            self.say(t("console.bad_choice", number=number))
            return
        unit = self.suggestions[number - 1].unit
        answer = self.desk.knowledge.render(unit).strip()
        self.say(f"{answer}\n\n{t('answer.source', source=unit.source)}")

    def private(self, text: str) -> None:
        try:
            view = self.desk.open_ticket(asker=ASKER, text=text)
        except InvalidInput as exc:
            self.say(exc.text)
        except StoreUnavailable:
            self.say(t("store.down"))
        else:
            self.say(t("ticket.opened", id=view.id, due=view.due_text))


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
    try:
        engine = make_engine(settings.database_url)
    except OSError as exc:  # e.g. the SQLite folder cannot be created: run on the spool
        log.warning("database folder unusable, messages go to the spool: %s", exc)
        engine = create_engine(settings.database_url)
    try:
        migrate(engine)
    except Exception as exc:
        if not is_db_down(exc):
            raise
        log.warning("database unreachable, messages go to the spool: %s", short_reason(exc))
    desk = Desk(session_factory(engine), knowledge, settings)
    try:
        desk.replay_spool()
    except Exception:  # noqa: BLE001 - the chat must start even if the spool cannot be replayed
        log.exception("spool replay failed")
    tty = _is_tty(stdin)
    chat = ConsoleChat(desk, kb, stdout)
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
        engine.dispose()
    return 0


def main() -> int:
    return run_chat(Settings.from_env())


if __name__ == "__main__":
    raise SystemExit(main())
