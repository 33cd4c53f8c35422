"""Community support bot: FAQ matching, community hand-over, private tickets with an SLA clock."""

__version__ = "0.1.0"
