"""What every flow works with: the settings, the desk, one chat's transport and renderer, and the
SLA calendar used to tell times in French."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic

from bot.config import Settings
from bot.core import Desk
from bot.flows.ports import M, Renderer, Transport
from bot.sla.calendar import SlaCalendar
from bot.sla.wording import when_phrase


@dataclass
class Chat(Generic[M]):
    settings: Settings
    desk: Desk
    transport: Transport[M]
    render: Renderer[M]
    calendar: SlaCalendar = field(init=False)

    def __post_init__(self) -> None:
        self.calendar = SlaCalendar.from_settings(self.settings)

    def when(self, instant: datetime) -> str:
        """ "mardi 29 décembre à 17 h" (local time of the SLA calendar)."""
        return when_phrase(instant, self.calendar)

    def leads(self) -> set[str]:
        """The people who may answer and close tickets: the lead and ESCALATION_TO (when it is
        a person, not a channel)."""
        people = {self.transport.lead(), self.transport.escalation_target()}
        return {p for p in people if p and self.transport.is_user(p)}

    def is_lead(self, user: str) -> bool:
        return user in self.leads()

    def tell(self, channel: str, text: str, *, thread: str | None = None) -> None:
        """A plain notice where the person is talking to the bot."""
        self.transport.post(channel, self.render.notice(text), thread=thread)
