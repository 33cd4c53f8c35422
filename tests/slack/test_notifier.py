"""SlackNotifier (the SLA sweep's Notifier) against the loopback Web API."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.config import Settings
from bot.sla.escalation import TicketSummary
from bot.slack.app import make_client
from bot.slack.notifier import SlackNotifier
from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import buttons

CREATED = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
TICKET = TicketSummary(
    id=12,
    asker="U0ASKER",
    text="Secret : contrat Dupont",
    urgency="urgent",
    created_at=CREATED,
    target_at=CREATED + timedelta(hours=12),
    due_at=CREATED + timedelta(hours=48),
    lead_channel="D0LEAD",
    lead_ts="1700000000.000009",
)


@pytest.fixture
def fake() -> FakeSlack:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


def notifier(fake: FakeSlack, escalation_to: str | None = "U0ONCALL") -> SlackNotifier:
    settings = Settings(
        slack_bot_token="xoxb-t",
        slack_api_url=fake.api_url,
        support_lead="U0LEAD",
        escalation_to=escalation_to,
    )
    return SlackNotifier(settings, make_client(settings))


def test_reminder_goes_to_the_lead_in_the_card_thread(fake) -> None:
    notifier(fake).remind(TICKET)
    [call] = fake.of("chat.postMessage")
    assert call.params["channel"] == "D0LEAD" and call.params["thread_ts"] == TICKET.lead_ts
    assert "ticket n°12" in call.params["text"] and "au plus tard" in call.params["text"]
    assert call.headers["authorization"] == "Bearer xoxb-t"


def test_reminder_without_a_card_is_a_dm(fake) -> None:
    notifier(fake).remind(replace(TICKET, lead_channel=None, lead_ts=None))
    assert fake.last("conversations.open").params["users"] == "U0LEAD"
    assert fake.last("chat.postMessage").params["channel"] == "D0LEAD"


def test_escalation_to_a_person_has_summary_question_and_buttons(fake) -> None:
    notifier(fake).escalate(TICKET)
    call, told = fake.of("chat.postMessage")
    assert call.params["channel"] == "D0ONCALL"
    # issue 8: the lead hears of it too, in the card's thread, without the private text
    assert (told.params["channel"], told.params["thread_ts"]) == ("D0LEAD", TICKET.lead_ts)
    assert "escaladé" in told.blob() and "Dupont" not in told.blob()
    blob = call.blob()
    assert "Escalade" in blob and "Dupont" in blob and "<@U0LEAD>" in blob
    assert set(buttons(call)) == {"ticket_reply", "ticket_close"}


def test_escalation_to_a_public_channel_leaves_the_private_text_out(fake) -> None:
    notifier(fake, escalation_to="C0ALERTS").escalate(TICKET)
    call, _told_the_lead = fake.of("chat.postMessage")
    assert call.params["channel"] == "C0ALERTS"
    assert "Dupont" not in call.blob() and "ticket n°12" in call.blob().lower()


def test_escalation_to_a_private_channel_shows_the_text(fake) -> None:
    notifier(fake, escalation_to="G0ALERTS").escalate(TICKET)
    assert "Dupont" in fake.posts_to("G0ALERTS")[0].blob()


def test_a_failed_post_raises_so_the_sweep_retries(fake) -> None:
    fake.respond("chat.postMessage", ok=False, error="channel_not_found")
    with pytest.raises(Exception, match="channel_not_found"):
        notifier(fake).escalate(TICKET)
