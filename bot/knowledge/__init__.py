"""Knowledge bases: FAQ entries and training chapters, loaded from Markdown files."""

from bot.knowledge.model import KnowledgeBase, Problem, Unit

__all__ = ["KnowledgeBase", "Problem", "Unit"]
