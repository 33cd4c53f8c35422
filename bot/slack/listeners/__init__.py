"""Bolt listeners by kind (events, actions, commands, views), each package with register(app)."""
