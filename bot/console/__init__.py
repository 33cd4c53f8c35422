"""Local console chat adapter: the shared flows on stdin/stdout (SQLite by default)."""

from bot.console.chat import ConsoleChat
from bot.console.run import main, run_chat

__all__ = ["ConsoleChat", "main", "run_chat"]
