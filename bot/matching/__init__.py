"""French fuzzy matching of a question against a knowledge base."""

from bot.matching.matcher import Matcher, match
from bot.matching.result import Match, MatchResult

__all__ = ["Match", "MatchResult", "Matcher", "match"]
