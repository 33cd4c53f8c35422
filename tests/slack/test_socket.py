"""Socket Mode over a loopback WebSocket stand-in: requests go through the same intake as HTTP,
acks come at once even right after a connection refresh, and a refused app token or a network
error is a clear French message, not a traceback."""

from __future__ import annotations

import dataclasses
import socket

from bot.config import Settings
from bot.slack.runtime import start_runtime
from bot.slack.socket import connect_socket
from tests.slack.conftest import BROWSER_Q, knowledge, settle
from tests.slack.fake_slack import FakeSlack
from tests.slack.fake_socket import FakeSocket
from tests.slack.harness import payload


def test_socket_mode_acks_at_once_right_after_a_refresh(fake_slack: FakeSlack, settings) -> None:  # type: ignore[no-untyped-def]
    sock = FakeSocket().start()
    fake_slack.respond("apps.connections.open", url=sock.url)
    config = dataclasses.replace(settings, slack_app_token="xapp-test")
    runtime = start_runtime(config, knowledge=knowledge(), scheduler=False, poll=0.1)
    client = connect_socket(config, runtime.intake)
    try:
        assert client is not None and sock.wait_opened(1)
        # the client reads its connection (it acks), then Slack asks for a new one
        help_command = dict(payload("slash_command"), text="aide")
        assert sock.ack_time(sock.send(help_command, "slash_commands")) is not None
        opened = sock.opened
        sock.refresh()  # Slack asks for a new connection
        assert sock.wait_opened(opened + 1, timeout=30)  # its monitor retries a failed reconnect
        event = payload("event_message_im")
        event["event"].update(text=BROWSER_Q, ts="1767309000.000001")
        envelope = sock.send(event, "events_api")
        command = sock.send(help_command, "slash_commands")
        for sent in (envelope, command):
            elapsed = sock.ack_time(sent)
            assert elapsed is not None and elapsed < 1.0
        settle(runtime)
        [answer] = fake_slack.delivered_to("D0ASKER")
        assert "Firefox" in answer.blob()
    finally:
        if client is not None:
            client.close()
        runtime.close()
        sock.stop()


def test_a_refused_app_token_is_a_french_message(fake_slack: FakeSlack, settings, caplog) -> None:  # type: ignore[no-untyped-def]
    fake_slack.respond("apps.connections.open", ok=False, error="invalid_auth")
    config = dataclasses.replace(settings, slack_app_token="xapp-revoked")
    runtime = start_runtime(config, knowledge=knowledge(), scheduler=False)
    try:
        assert connect_socket(config, runtime.intake) is None
    finally:
        runtime.close()
    assert "Slack refuse la connexion Socket Mode (invalid_auth)" in caplog.text
    assert "Traceback" not in caplog.text


def test_a_network_error_while_connecting_is_a_french_message(fake_slack, settings, caplog) -> None:  # type: ignore[no-untyped-def]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    offline: Settings = dataclasses.replace(
        settings, slack_app_token="xapp-test", slack_api_url=f"http://127.0.0.1:{closed}/api/"
    )
    runtime = start_runtime(settings, knowledge=knowledge(), scheduler=False)
    try:  # apps.connections.open cannot be reached
        assert connect_socket(offline, runtime.intake) is None
    finally:
        runtime.close()
    assert "Impossible de joindre Slack" in caplog.text
    assert "Traceback" not in caplog.text
