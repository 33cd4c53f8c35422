"""Public questions on Discord: answered with their source, suggestions with id-only buttons,
handed to the community channel (a thread quoting the question, pinging nobody), the asker told
when someone answers, and only the asker can mark it solved."""

from __future__ import annotations

from tests.discord.fake_discord import ASKER, COMMUNITY, GUILD, HELP, MEMBER, Call, FakeDiscord
from tests.discord.harness import Running, custom_ids, dm_channel, text_of

FIBRE_Q = "Quel est le délai de validation d'une commande Fibre par SFR ?"
BROWSER_Q = "Quel navigateur utiliser pour l'espace client ?"
NOTHING_Q = "Quelle est la recette de la tarte tatin aux pommes ? @everyone @here <@&123>"
UNSURE_Q = "Comment changer la couleur de mon vélo ?"


def post_containing(fake: FakeDiscord, needle: str, channel: str | None = None) -> Call:
    return fake.wait_for(
        lambda f: next((c for c in f.posts(channel) if needle in text_of(c)), None)
    )


def test_a_dm_is_answered_with_its_source(bot: Running) -> None:
    fake = bot.fake
    fake.user_message(None, ASKER, FIBRE_Q)
    answer = post_containing(fake, "3 jours", dm_channel(fake, ASKER))
    body = answer.json
    assert "3 jours ouvrables" in body["content"]
    assert "Source : Aide-mémoire ACN" in body["content"]
    assert body["allowed_mentions"] == {"parse": []}
    assert all(
        cid.split(":")[0] in {"helped", "notsolved", "community", "private"}
        for cid in custom_ids(answer)
    )
    assert answer.auth == f"Bot {bot.fake.gateway.token}"


def test_a_help_channel_question_is_answered_as_a_reply(bot: Running) -> None:
    fake = bot.fake
    question = fake.user_message(HELP, ASKER, BROWSER_Q)
    answer = post_containing(fake, "navigateur", HELP)
    assert answer.json["message_reference"]["message_id"] == question["id"]
    assert answer.json["allowed_mentions"] == {"parse": []}


def test_nothing_found_goes_to_the_community_thread_pinging_nobody(bot: Running) -> None:
    fake = bot.fake
    question = fake.user_message(HELP, ASKER, NOTHING_Q)
    post = post_containing(fake, "tarte tatin", COMMUNITY)
    content = post.json["content"]
    assert post.json["allowed_mentions"] == {"parse": []}
    assert "@everyone" not in content and "@here" not in content and "<@&123>" not in content
    assert f"<@{ASKER}>" in content  # named, not pinged
    thread = fake.wait_for(
        lambda f: next((c for c in f.calls if c.path.endswith("/threads")), None)
    )
    assert "tatin" in thread.json["name"] and "@everyone" not in thread.json["name"]
    told = post_containing(fake, "communauté", HELP)
    assert told.json["message_reference"]["message_id"] == question["id"]

    # a member answers in the thread: the asker gets a DM with a link and a "solved" button
    thread_id = thread.path.split("/")[-2]
    fake.user_message(thread_id, MEMBER, "Il faut des pommes et du caramel.")
    notice = post_containing(fake, "a répondu", dm_channel(fake, ASKER))
    assert f"/channels/{GUILD}/{thread_id}" in notice.json["content"]
    solved_id = next(c for c in custom_ids(notice) if c.startswith("solved:"))

    # someone else clicks "solved" on the post: refused; the asker: the post is updated
    community_message = fake.messages[thread_id]
    fake.click(MEMBER, community_message, custom_ids(post)[0])
    fake.wait_for(lambda f: any("Seule la personne" in text_of(c) for c in f.calls))
    assert not any(
        c.method == "PATCH" and c.path.endswith(f"/messages/{thread_id}") for c in fake.calls
    )
    fake.click(ASKER, fake.messages[notice_id(fake, notice)], solved_id)
    edited = fake.wait_for(
        lambda f: next(
            (
                c
                for c in f.calls
                if c.method == "PATCH" and c.path == f"/channels/{COMMUNITY}/messages/{thread_id}"
            ),
            None,
        )
    )
    assert "Résolue" in edited.json["content"]


def notice_id(fake: FakeDiscord, call: Call) -> str:
    return next(
        m
        for m, body in fake.messages.items()
        if body["channel_id"] == call.path.split("/")[2] and body["content"] == call.json["content"]
    )


def test_unsure_gives_suggestions_whose_buttons_carry_ids_only(bot: Running) -> None:
    fake = bot.fake
    fake.user_message(None, ASKER, UNSURE_Q)
    suggestions = post_containing(fake, "Je ne suis pas sûr", dm_channel(fake, ASKER))
    see = [c for c in custom_ids(suggestions) if c.startswith("see:")]
    assert see and all("vélo" not in c and "couleur" not in c for c in custom_ids(suggestions))
    message = fake.messages[notice_id(fake, suggestions)]
    fake.click(ASKER, message, see[0])
    unit = see[0].split(":")[2]
    fake.wait_for(lambda f: len(f.posts(dm_channel(f, ASKER))) >= 2)
    shown = fake.posts(dm_channel(fake, ASKER))[-1]
    assert "Source" in shown.json["content"], unit
