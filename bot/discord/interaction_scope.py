"""The interaction a worker thread is answering, so that `Transport.whisper` to the person who
clicked or typed the command becomes an ephemeral reply instead of a DM.

An interaction is acknowledged at once (deferred); the first thing said then replaces the
"thinking" placeholder (PATCH @original), later ones are ephemeral follow-ups.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass

import hikari


@dataclass
class Scope:
    application: int
    token: str
    user: str
    pending: bool  # a deferred placeholder is waiting to be replaced

    async def say(self, rest: hikari.api.RESTClient, content: str) -> None:
        if self.pending:
            self.pending = False
            await rest.edit_interaction_response(
                self.application,
                self.token,
                content,
                mentions_everyone=False,
                user_mentions=False,
                role_mentions=False,
            )
            return
        await rest.execute_webhook(
            self.application,
            self.token,
            content,
            flags=hikari.MessageFlag.EPHEMERAL,
            mentions_everyone=False,
            user_mentions=False,
            role_mentions=False,
        )


_scope: ContextVar[Scope | None] = ContextVar("discord_interaction", default=None)


def current_scope() -> Scope | None:
    return _scope.get()


def enter(scope: Scope | None) -> None:
    """Set in the worker thread that handles the interaction (each task runs in its own
    context copy, so this never leaks to another task)."""
    _scope.set(scope)
