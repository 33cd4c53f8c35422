"""The console chat: lines from stdin become flow calls (the same flows as Slack and Discord),
what the flows say prints on stdout.

- a question: answered with its source, or numbered suggestions (type the number to read one),
  or, when nothing is found, the choice: publish it or send it privately;
- `/communauté`: the last question goes to the community (a question nothing answers waits for
  this choice, as in a Slack DM);
- `/ajouter N`: the last question is added to the open ticket n°N;
- `/privé <texte>`: a private ticket for the support lead;
- `/formation`: the training chapters (👁 / 🙈) and the next one; `/formation N` marks one;
- `/aide`, `/quitter`.
"""

from __future__ import annotations

from typing import TextIO

from bot.config import Settings
from bot.core import Desk, NotFound, Reply
from bot.flows.clicks import Click, Clicks
from bot.flows.learning import LearningFlows
from bot.flows.ports import DIRECT, Asked, Inbound
from bot.flows.support import SupportFlows
from bot.messages import t

from .io import ASKER, ConsoleRenderer, ConsoleTransport
from .learning import ConsoleLearningRenderer

PRIVATE_PREFIXES = ("/privé", "/prive")
COMMUNITY_COMMANDS = ("/communauté", "/communaute")


class ConsoleChat:
    """Turns lines into flow calls; the flows print through the console transport."""

    def __init__(self, settings: Settings, desk: Desk, kb: str, out: TextIO) -> None:
        self.io = ConsoleTransport(out)
        self.flows = SupportFlows(settings, desk, self.io, ConsoleRenderer(), origin="console")
        self.clicks = Clicks(self.flows)
        self.learning = LearningFlows(self.flows.chat, ConsoleLearningRenderer())
        self.flows.questions.on_learned = self.learning.announce_pending
        self.kb = kb
        self.last: Reply | None = None
        self.last_text = ""
        self._replies = 0
        self._lines = 0

    def say(self, text: str) -> None:
        self.io.say(text)

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
        here = Click(ASKER, ASKER)
        if lowered in PRIVATE_PREFIXES:
            with self.flows.reporting(ASKER, ASKER):
                self.clicks.question_form(
                    user=ASKER,
                    text=rest,
                    private=True,
                    urgency="normal",
                    question_id=None,
                    kb_channel=None,
                )
        elif lowered in ("/aide", "/help", "/?"):
            self.say(t("console.help"))
        elif lowered == "/formation":
            self.formation(rest.strip())
        elif lowered in COMMUNITY_COMMANDS and not rest:
            self.community(here)
        elif lowered == "/ajouter" and rest.strip().isdecimal():
            self.add_to_ticket(here, int(rest))
        elif text.startswith("/") and " " not in text and len(text) < 20:
            self.say(t("console.unknown_command", command=text))
        elif text.isdecimal() and text.isascii() and len(text) < 3:
            self.choose(here, int(text))
        else:
            self.ask(text)
        return True

    def ask(self, text: str) -> None:
        self._lines += 1
        message = Inbound(ASKER, ASKER, text, str(self._lines), DIRECT, kb_channel=None)
        self.last = self.flows.on_message(message)
        self.last_text = text

    def formation(self, number: str) -> None:
        with self.flows.reporting(ASKER, ASKER):
            if not number:
                self.say(self.learning.formation(ASKER))
            elif number.isdecimal() and number.isascii() and len(number) < 4:
                try:
                    self.say(self.learning.mark(ASKER, int(number)))
                except NotFound:
                    self.say(self.learning.unknown_chapter())
            else:
                self.say(self.learning.unknown_chapter())

    def community(self, here: Click) -> None:
        if self.last is None or self.last.question_id is None:
            self.say(t("console.no_question"))
            return
        with self.flows.reporting(ASKER, ASKER):
            self.clicks.ask_community(here, self.last.question_id)

    def add_to_ticket(self, here: Click, ticket_id: int) -> None:
        if self.last is None or self.last.question_id is None:
            self.say(t("console.no_question"))
            return
        with self.flows.reporting(ASKER, ASKER):
            self.clicks.add_to_ticket(here, ticket_id, self.last.question_id)

    def choose(self, here: Click, number: int) -> None:
        suggestions = self.last.suggestions if self.last else ()
        if not 1 <= number <= len(suggestions):
            self.say(t("console.bad_choice", number=number))
            return
        unit = suggestions[number - 1].unit
        question_id = self.last.question_id if self.last else None
        with self.flows.reporting(ASKER, ASKER):
            if question_id is None:  # not recorded (database down): shown all the same
                asked = Asked(None, ASKER, self.last_text)
                self.flows.questions.show_unit(
                    kb=unit.kb, unit_id=unit.id, asked=asked, channel=ASKER, thread=None
                )
            else:
                self.clicks.show_suggestion(here, question_id, kb=unit.kb, unit_id=unit.id)
