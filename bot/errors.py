"""Errors shared by modules that must not import each other (settings and the SLA calendar)."""


class SettingsError(ValueError):
    """A setting has a value the bot cannot use; the message names it."""
