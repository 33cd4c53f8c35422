"""Slack adapter (Bolt): app factory, listeners, Block Kit, notifier, socket/HTTP runners."""
