"""The learning flows' messages in the console (bot.flows.learning.LearningRenderer): plain text.
The console has no support lead, so only `/formation` really shows here; the rest is written for
completeness (the same flows as Slack)."""

from __future__ import annotations

from bot.core.learning_views import CourseProgress, ProposalView, TicketLine
from bot.core.training import render_progress
from bot.messages import t


class ConsoleLearningRenderer:
    def proposal_card(self, proposal: ProposalView, link: str) -> str:
        kind = t(f"console.learning.{proposal.kind}", id=proposal.id)
        return "\n".join(filter(None, [kind, proposal.question, proposal.answer, link]))

    def consent_request(self, proposal: ProposalView) -> str:
        return t("console.learning.consent", question=proposal.question, answer=proposal.answer)

    def progress(self, progress: CourseProgress, note: str) -> str:
        lines = render_progress(progress)
        lines[0] = lines[0].replace("*", "")
        return "\n".join([*([note] if note else []), *lines, t("console.learning.mark")])

    def tickets(self, tickets: tuple[TicketLine, ...]) -> str:
        rows = [
            t("console.learning.ticket", id=k.id, status=t(f"slack.ticket.status.{k.status}"))
            for k in tickets
        ]
        return "\n".join(rows) or t("slack.tickets.none")
