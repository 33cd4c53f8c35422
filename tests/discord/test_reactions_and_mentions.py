"""A ✅ reaction on a community post marks it solved (a thank-you in its thread), only when its
asker adds it; a message that mentions the bot in any channel is answered there, as a reply."""

from __future__ import annotations

from tests.discord import payloads as p
from tests.discord.fake_discord import ASKER, BOT, COMMUNITY, GENERAL, GUILD, MEMBER, FakeDiscord
from tests.discord.harness import Running, custom_ids, dm_channel, message_of, text_of


def test_a_check_mark_from_the_asker_solves_the_community_question(bot: Running) -> None:
    fake = bot.fake
    fake.user_message(None, ASKER, "Quelle est la recette de la tarte tatin aux pommes ?")
    # nothing found in a DM: published once the asker chooses to
    choice = fake.wait_for(lambda f: next(iter(f.posts(dm_channel(f, ASKER))), None))
    publish = next(c for c in custom_ids(choice) if c.startswith("community:"))
    fake.click(ASKER, message_of(fake, choice), publish)
    post = fake.wait_for(
        lambda f: next((c for c in f.posts(COMMUNITY) if "tatin" in text_of(c)), None)
    )
    thread = fake.wait_for(
        lambda f: next((c for c in f.calls if c.path.endswith("/threads")), None)
    )
    message_id = thread.path.split("/")[-2]
    assert post.json["content"] == fake.messages[message_id]["content"]
    # the asker is told where it went once the post is recorded
    fake.wait_for(lambda f: any(message_id in text_of(c) for c in f.posts(dm_channel(f, ASKER))))

    def solved(f: FakeDiscord) -> bool:
        return any("Question résolue" in text_of(c) for c in f.posts(message_id))

    fake.dispatch("MESSAGE_REACTION_ADD", p.reaction(MEMBER, COMMUNITY, message_id, GUILD, "✅"))
    fake.dispatch("MESSAGE_REACTION_ADD", p.reaction(ASKER, COMMUNITY, message_id, GUILD, "👍"))
    fake.dispatch("MESSAGE_REACTION_ADD", p.reaction(ASKER, COMMUNITY, message_id, GUILD, "✅"))
    fake.wait_for(solved)
    assert len([c for c in fake.posts(message_id) if "Question résolue" in text_of(c)]) == 1


def test_a_mention_is_answered_where_it_was_written(bot: Running) -> None:
    fake = bot.fake
    me = fake.users.get(BOT) or p.user(BOT, "Aide SG", bot=True)
    question = fake.user_message(
        GENERAL,
        ASKER,
        f"<@{BOT}> Quel navigateur utiliser pour l'espace client ?",
        mentions=[me],
    )
    fake.user_message(GENERAL, ASKER, "Quel navigateur utiliser pour l'espace client ?")
    answer = fake.wait_for(lambda f: next(iter(f.posts(GENERAL)), None))
    assert answer.json["message_reference"]["message_id"] == question["id"]
    assert "navigateur" in answer.json["content"].lower()
