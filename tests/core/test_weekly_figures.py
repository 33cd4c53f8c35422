"""The week's figures: shares, median time to the first community answer, tickets past due,
most-missed public questions (never a private one), drafts waiting; and the digest sent once."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.core import Desk, Spool
from bot.core.digest import send_weekly_digest
from bot.core.stats import build_stats, duration, render_stats
from tests.core.conftest import BROWSER, GIBBERISH, KB


def _community(
    desk, clock, text: str, ts: str, answer_after: timedelta | None, asker: str = "U1"
) -> int:
    reply = desk.ask(asker=asker, text=text, kb=KB)
    desk.to_community(reply.question_id)
    desk.record_community_post(reply.question_id, "CCOMM", ts)
    if answer_after is not None:
        start = clock.now
        clock.now = start + answer_after
        desk.community_reply("CCOMM", ts, "U2")
        clock.now = start
    return reply.question_id


def test_figures_of_the_week(desk, sessions, clock) -> None:
    desk.ask(asker="U1", text=BROWSER, kb=KB)
    desk.ask(asker="U1", text=BROWSER, kb=KB)
    _community(desk, clock, GIBBERISH, "1.1", timedelta(minutes=10))
    # another asker (issue 8: the same asker's repeat is not published again, so not quoted)
    _community(desk, clock, GIBBERISH, "1.2", timedelta(minutes=30), asker="U3")
    _community(desk, clock, "zzkq vvbn", "1.3", None)
    secret = desk.ask(asker="U5", text="wxq secret privé", kb=KB)
    on_time = desk.open_ticket(asker="U5", text="wxq secret privé", question_id=secret.question_id)
    late = desk.open_ticket(asker="U6", text="autre", urgency="major")
    clock.now += timedelta(hours=5)
    desk.lead_reply(on_time.id, "ULEAD", "réponse")
    clock.now += timedelta(days=3)
    with sessions() as s:
        stats = build_stats(s, clock.now)
    assert (stats.questions, stats.by_bot, stats.by_community) == (5, 2, 2)
    assert stats.median_first_answer == 20 * 60
    assert (stats.tickets, stats.tickets_past_due) == (2, 1)  # unanswered past its due time
    assert stats.most_missed[0] == (GIBBERISH, 2)
    text = "\n".join(render_stats(stats))
    assert "Répondues par le bot : 2 (40 %)" in text
    assert "Délai médian de la première réponse de la communauté : 20 min" in text
    assert "Questions privées : 2, dont 1 hors délai (50 %)" in text
    assert "secret" not in text and late.text not in text.split("sans réponse (")[1]


def test_a_dm_its_asker_did_not_publish_is_counted_never_quoted(desk, sessions, clock) -> None:
    for _ in range(3):  # the most asked: it would top the list if DMs were quoted
        desk.ask(asker="U7", text="zzkq wwpl gardée pour moi", kb=KB)
    _community(desk, clock, GIBBERISH, "1.1", None)
    clock.now += timedelta(hours=1)
    with sessions() as s:
        stats = build_stats(s, clock.now)
    assert stats.questions == 4
    assert stats.most_missed == ((GIBBERISH, 1),)
    assert "gardée" not in "\n".join(render_stats(stats))


def test_durations_read_naturally() -> None:
    assert duration(None) == "—"
    assert duration(12 * 60) == "12 min"
    assert duration(3 * 3600 + 5 * 60) == "3 h 05"


def test_the_digest_goes_out_once_a_week_even_from_two_instances(
    sessions, knowledge, settings, clock
) -> None:
    settings = replace(settings, support_lead="ULEAD")
    desks = [
        Desk(sessions, knowledge, settings, clock=clock, spool=Spool(settings.spool_dir))
        for _ in range(2)
    ]
    sent: list[str] = []
    assert send_weekly_digest(desks[0], sent.append)
    assert not send_weekly_digest(desks[1], sent.append)
    clock.now += timedelta(days=7)
    assert send_weekly_digest(desks[1], sent.append)
    assert len(sent) == 2 and sent[0].startswith("*Le point de la semaine*")


def test_the_digest_job_runs_on_the_configured_day_and_local_hour() -> None:
    from datetime import UTC, datetime

    from apscheduler.schedulers.background import BackgroundScheduler

    from bot.config import Settings
    from bot.core.digest import JOB_ID, add_digest_job

    settings = Settings.from_env({"DIGEST_DAY": "mardi", "DIGEST_HOUR": "8"})
    scheduler = BackgroundScheduler(timezone=UTC)
    add_digest_job(scheduler, settings, lambda: None)
    trigger = scheduler.get_job(JOB_ID).trigger
    # Monday 30 November 2026, noon UTC -> Tuesday 1 December, 08:00 in Paris (07:00 UTC)
    after = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    fire = trigger.get_next_fire_time(None, after)
    assert fire.astimezone(UTC) == datetime(2026, 12, 1, 7, 0, tzinfo=UTC)


def test_digest_settings_are_checked() -> None:
    import pytest

    from bot.config import Settings, SettingsError

    assert Settings.from_env({}).digest_day == "mon" and Settings.from_env({}).digest_hour == 9
    with pytest.raises(SettingsError, match="DIGEST_DAY"):
        Settings.from_env({"DIGEST_DAY": "funday"})
    with pytest.raises(SettingsError, match="DIGEST_HOUR"):
        Settings.from_env({"DIGEST_HOUR": "25"})
