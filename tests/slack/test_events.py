"""Events plumbing: retries deduplicated, bots ignored, App Home, 429 retried, DB down."""

from __future__ import annotations

import threading
import time

from sqlalchemy import create_engine, select
from sqlalchemy.orm import sessionmaker

from bot.db.models import ProcessedEvent, Ticket
from bot.slack.app import build_app
from bot.slack.server import make_server
from tests.slack.conftest import BROWSER_Q, COMMUNITY, HELP, NOTHING_Q
from tests.slack.harness import Sender


def test_a_retry_of_a_handled_event_is_acked_and_ignored(slack) -> None:
    first = slack.send.dm(BROWSER_Q, ts="1767300200.000001", event_id="Ev0DUPLICATE")
    retry = slack.send.dm(BROWSER_Q, ts="1767300200.000001", event_id="Ev0DUPLICATE", retry=1)
    again = slack.send.dm(BROWSER_Q, ts="1767300200.000001", event_id="Ev0DUPLICATE", retry=2)
    assert (first.status, retry.status, again.status) == (200, 200, 200)
    assert len(slack.posts("D0ASKER")) == 1
    with slack.sessions() as s:
        assert s.scalars(select(ProcessedEvent.event_id)).all() == ["Ev0DUPLICATE"]


def test_the_bots_own_and_other_bots_messages_are_ignored(slack) -> None:
    slack.send.dm(BROWSER_Q, user="UBOT", bot_id="BBOT")  # ourselves
    slack.send.dm(BROWSER_Q, user="U0OTHERBOT", bot_id="B0OTHER")
    slack.send.channel_message(BROWSER_Q, HELP, subtype="bot_message", bot_id="B0OTHER")
    slack.send.dm(BROWSER_Q, subtype="message_changed")
    slack.send.dm(BROWSER_Q, subtype="message_deleted")
    slack.send.channel_message(BROWSER_Q, HELP, subtype="channel_join")
    assert not slack.fake.of("chat.postMessage")


def test_thread_replies_in_help_channels_are_left_to_humans(slack) -> None:
    slack.send.channel_message(BROWSER_Q, HELP, thread_ts="1767300300.000001")
    assert not slack.fake.of("chat.postMessage")


def test_app_home_is_published_in_french(slack) -> None:
    slack.send.event("event_app_home_opened")
    call = slack.fake.last("views.publish")
    assert call.params["user_id"] == "U0ASKER"
    blob = call.blob()
    assert "Public par défaut" in blob and "Question privée" in blob and "/question" in blob


def test_a_429_is_retried_after_retry_after(slack) -> None:
    slack.fake.fail_next("chat.postMessage", status=429, retry_after=1)
    started = time.monotonic()
    answer = slack.send.dm(BROWSER_Q)
    assert answer.status == 200
    attempts = slack.fake.of("chat.postMessage")
    assert len(attempts) == 2 and attempts[0].params == attempts[1].params
    assert time.monotonic() - started >= 1.0
    assert attempts[1].response["ok"] is True


def _kill_database(slack, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a-file").write_text("not a folder")
    slack.desk.sessions = sessionmaker(create_engine(f"sqlite:///{tmp_path}/a-file/x.db"))


def test_database_down_question_still_answered_and_user_told(slack, tmp_path) -> None:
    _kill_database(slack, tmp_path)
    answer = slack.send.dm(BROWSER_Q)
    assert answer.status == 200
    texts = [c.params["text"] for c in slack.posts("D0ASKER")]
    assert any("Firefox" in t for t in texts)
    assert any("momentanément indisponible" in t for t in texts)
    assert slack.desk.spool.entries()  # nothing lost


def test_database_down_nothing_goes_public_and_user_told(slack, tmp_path) -> None:
    _kill_database(slack, tmp_path)
    slack.send.dm(NOTHING_Q)
    assert not slack.posts(COMMUNITY)
    assert any("momentanément indisponible" in c.params["text"] for c in slack.posts("D0ASKER"))


def test_database_down_private_question_spooled_and_user_told(slack, tmp_path) -> None:
    sessions = slack.desk.sessions
    _kill_database(slack, tmp_path)
    slack.send.submit_question("Question privée pendant la panne", private=True)
    [told] = slack.posts("D0ASKER")
    assert "momentanément indisponible" in told.params["text"]
    assert not slack.posts("D0LEAD")
    # the database is back: the spool replays the ticket, its card is posted then
    slack.desk.sessions = sessions
    assert slack.desk.replay_spool() >= 1
    with sessions() as s:
        assert s.scalars(select(Ticket)).one().text == "Question privée pendant la panne"
    from bot.slack.support import Support

    Support(
        slack.settings, slack.desk, build_app(slack.settings, slack.desk).client
    ).tickets.announce_pending()
    [card] = slack.posts("D0LEAD")
    assert "pendant la panne" in card.blob()


def test_production_mode_acks_first_then_works(fake_slack, settings, slack) -> None:
    """process_before_response=False: the HTTP answer does not wait for the work."""
    app = build_app(settings, slack.desk)
    server = make_server(app, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        slack.fake.reset()
        answer = Sender(server.server_port).dm(BROWSER_Q)
        assert answer.status == 200
        for _ in range(100):
            if slack.posts("D0ASKER"):
                break
            time.sleep(0.05)
        assert "Firefox" in slack.posts("D0ASKER")[0].blob()
    finally:
        server.shutdown()
        server.server_close()
