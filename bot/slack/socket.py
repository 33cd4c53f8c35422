"""Socket Mode: Slack's requests arrive over a WebSocket and go through the same intake as HTTP
(recorded in the inbox, acked at once; modal openings in the fast lane).

The connection uses slack_sdk's websocket-client adapter: after each connection refresh it reads
the new socket at once, where the built-in client keeps reading the old one until its blocking
read times out (~3 s late: a slash command in that window misses Slack's 3 s). See
docs/RELIABILITY.md for the measurement. A refused or revoked SLACK_APP_TOKEN, or a network
error while connecting, ends in a clear French message (None), never a traceback.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.web import WebClient

from bot.config import Settings
from bot.messages import t
from bot.slack.intake import Intake

log = logging.getLogger(__name__)


def socket_client(settings: Settings, intake: Intake) -> Any:
    from slack_sdk.socket_mode.websocket_client import SocketModeClient

    web = WebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=max(1, round(settings.slack_api_timeout)),
    )
    client = SocketModeClient(app_token=settings.slack_app_token or "", web_client=web)

    def on_request(client: Any, request: SocketModeRequest) -> None:
        payload = request.payload if isinstance(request.payload, dict) else {}
        raw = json.dumps(payload, sort_keys=True).encode("utf-8")
        try:
            ack = intake.receive(payload, raw)
            body = ack.body
        except Exception:  # noqa: BLE001 - acked anyway: Slack must not retry junk forever
            log.exception("socket mode request failed")
            body = None
        client.send_socket_mode_response(SocketModeResponse(request.envelope_id, body))

    client.socket_mode_request_listeners.append(on_request)
    return client


def connect_socket(settings: Settings, intake: Intake) -> Any | None:
    """The connected client, or None after a French error message."""
    client = socket_client(settings, intake)
    try:
        client.connect()
    except SlackApiError as exc:
        log.error(t("slack.run.app_token_refused", error=exc.response.get("error", "?")))
    except Exception as exc:  # noqa: BLE001 - websocket / network errors of any library
        log.error(t("slack.run.unreachable", url=settings.slack_api_url, error=type(exc).__name__))
    else:
        return client
    client.close()
    return None
