"""The door of HTTP mode: a Slack request's signature is checked on the raw bytes BEFORE anything
is parsed, then the body is parsed defensively (pure functions, no I/O).

- `verify(raw, headers, secret, now)`: `v0=` HMAC-SHA256 of `v0:{timestamp}:{body}`; the
  timestamp must be digits only and within 5 minutes. False for anything else.
- `parse(raw, content_type)`: the payload dict (JSON events; form-encoded slash commands; the
  `payload` field of interactivity), or None for junk: bad UTF-8 or JSON, not an object, nested
  deeper than Slack ever nests (a recursion bomb), wrong field types at the top.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any
from urllib.parse import parse_qsl

MAX_AGE = 300  # seconds: older signed requests are replays
MAX_DEPTH = 40  # Slack's payloads (blocks, views) nest about 15 deep


def verify(raw: bytes, headers: dict[str, str], secret: str, now: float) -> bool:
    stamp = headers.get("x-slack-request-timestamp", "")
    signature = headers.get("x-slack-signature", "")
    if not secret or not stamp.isascii() or not stamp.isdigit() or len(stamp) > 12:
        return False
    if abs(now - int(stamp)) > MAX_AGE:
        return False
    base = b"v0:" + stamp.encode() + b":" + raw
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))


def parse(raw: bytes, content_type: str) -> dict[str, Any] | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "application/x-www-form-urlencoded" in content_type.lower():
        fields = dict(parse_qsl(text, keep_blank_values=True))
        if "payload" in fields:
            return _object(fields["payload"])
        if "ssl_check" in fields:
            return {"type": "ssl_check"}
        return fields if isinstance(fields.get("command"), str) else None
    return _object(text)


def _object(text: str) -> dict[str, Any] | None:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, dict) or not _shallow(value):
        return None
    for key in ("authorizations", "actions"):  # lists in every Slack payload that has them
        if key in value and not isinstance(value[key], list):
            return None
    for key in ("event", "view", "user", "team", "channel", "container", "message"):
        if key in value and value[key] is not None and not isinstance(value[key], dict):
            return None
    return value


def _shallow(value: Any) -> bool:
    """True when `value` nests at most MAX_DEPTH levels (checked without recursion)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        if isinstance(node, dict):
            stack.extend((child, depth + 1) for child in node.values())
        elif isinstance(node, list):
            stack.extend((child, depth + 1) for child in node)
    return True
