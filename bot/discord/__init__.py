"""Discord adapter (hikari): the Transport and Renderer ports for Discord, the gateway events
translated into the shared flows, and `python -m bot discord`."""
