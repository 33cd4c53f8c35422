"""Issue 8 on Discord: nothing found in a DM asks the asker first (publish in the community
channel, pinging nobody, links unmasked / send it privately, to the lead only); a published
question can still be made private (its post is deleted); buttons carry ids only and are checked
against the database; a ticket's conversation is the reply thread of its confirmation; a new DM
while a ticket is open can be added to it; a closed ticket can be reopened by its asker."""

from __future__ import annotations

from tests.discord.fake_discord import ASKER, COMMUNITY, GENERAL, LEAD, MEMBER, Call, FakeDiscord
from tests.discord.harness import Running, custom_ids, dm_channel, leaks, message_of, text_of

NOTHING_Q = (
    "Quelle est la recette de la tarte tatin aux pommes ? @everyone @here <@&123> "
    "voir [https://recettes.example.fr](https://evil.example/x)"
)
SECRET = "La recette secrète de tarte tatin de mamie 4417 : quel beurre ?"
BROWSER_Q = "Quel navigateur utiliser pour l'espace client ?"


def dm_post(fake: FakeDiscord, user: str, needle: str, after: int = 0) -> Call:
    channel = dm_channel(fake, user)
    return fake.wait_for(
        lambda f: next((c for c in f.posts(channel)[after:] if needle in text_of(c)), None)
    )


def button(call: Call, action: str) -> str:
    return next(c for c in custom_ids(call) if c.split(":")[0] == action)


def community_calls(fake: FakeDiscord) -> list[Call]:
    return [c for c in fake.calls if c.path.startswith(f"/channels/{COMMUNITY}")]


def consent(fake: FakeDiscord, text: str) -> Call:
    fake.user_message(None, ASKER, text)
    return dm_post(fake, ASKER, "publique par défaut")


def test_a_dm_nothing_answers_is_published_only_on_the_askers_choice(bot: Running) -> None:
    fake = bot.fake
    choice = consent(fake, NOTHING_Q)
    assert sorted(c.split(":")[0] for c in custom_ids(choice)) == ["community", "sendprivate"]
    assert community_calls(fake) == []  # nothing public before the asker chose

    # someone else clicking "publish" with the asker's question id is refused
    fake.click(MEMBER, message_of(fake, choice), button(choice, "community"))
    fake.wait_for(lambda f: any("Seule la personne" in text_of(c) for c in f.calls))
    assert community_calls(fake) == []

    fake.click(ASKER, message_of(fake, choice), button(choice, "community"))
    post = fake.wait_for(
        lambda f: next((c for c in f.posts(COMMUNITY) if "tarte tatin" in text_of(c)), None)
    )
    content = post.json["content"]
    assert post.json["allowed_mentions"] == {"parse": []}
    assert "@everyone" not in content and "@here" not in content and "<@&123>" not in content
    assert "https://recettes.example.fr (<https://evil.example/x>)" in content  # unmasked
    assert "](" not in content
    assert f"<@{ASKER}>" in content  # named, not pinged
    told = dm_post(fake, ASKER, "est publiée")
    assert [c.split(":")[0] for c in custom_ids(told)] == ["private"]

    # private after public: the form left empty sends the question as asked; the post goes
    private = fake.click(ASKER, message_of(fake, told), button(told, "private"))
    modal = fake.wait_for(
        lambda f: next((c for c in f.calls if f"/interactions/{private}/" in c.path), None)
    )
    field = modal.json["data"]["components"][0]["components"][0]
    assert field["required"] is False and "Laissez vide" in field["placeholder"]
    fake.submit(ASKER, dm_channel(fake, ASKER), modal.json["data"]["custom_id"], {"texte": ""})
    card = dm_post(fake, LEAD, "tarte tatin")
    assert "ticket" in text_of(card).lower()
    thread = post.path.split("/")[2] if "/threads" in post.path else None
    fake.wait_for(
        lambda f: any(
            c.method == "DELETE" and c.path.startswith(f"/channels/{thread or COMMUNITY}/")
            for c in f.calls
        )
    )
    dm_post(fake, ASKER, "retirée du canal")


def test_the_private_choice_reaches_only_the_lead(bot: Running) -> None:
    fake = bot.fake
    choice = consent(fake, SECRET)
    fake.click(ASKER, message_of(fake, choice), button(choice, "sendprivate"))
    card = dm_post(fake, LEAD, "mamie 4417")
    assert card.json["embeds"][0]["description"] == SECRET  # the question as asked
    dm_post(fake, ASKER, "ticket n°")
    # a second click opens no second ticket
    fake.click(ASKER, message_of(fake, choice), button(choice, "sendprivate"))
    fake.wait_for(lambda f: any("déjà transmise en privé" in text_of(c) for c in f.calls))
    assert len([c for c in fake.posts(dm_channel(fake, LEAD)) if "mamie 4417" in text_of(c)]) == 1
    assert community_calls(fake) == []
    assert leaks(fake, "mamie 4417") == []


def test_a_ticket_is_one_conversation_that_its_asker_can_reopen(bot: Running) -> None:
    fake = bot.fake
    lead_dm = dm_channel(fake, LEAD)
    fake.slash(ASKER, GENERAL, SECRET, privee=True)
    card = dm_post(fake, LEAD, "mamie 4417")
    confirm = dm_post(fake, ASKER, "ticket n°")
    ticket = button(card, "reply").split(":")[1]

    # a new top-level DM is a new question (answered), with "add to my ticket n°N"
    fake.user_message(None, ASKER, BROWSER_Q)
    offer = dm_post(fake, ASKER, "Ajouter à mon ticket")
    add = button(offer, "add")
    assert add.split(":")[1] == ticket and "navigateur" not in add
    fake.click(MEMBER, message_of(fake, offer), add)  # a stranger: refused
    fake.wait_for(lambda f: any("Seule la personne" in text_of(c) for c in f.calls))
    fake.click(ASKER, message_of(fake, offer), add)
    added = dm_post(fake, LEAD, "navigateur")
    assert added.json["message_reference"]["message_id"] == message_of(fake, card)["id"]

    # the lead closes it: the asker is told, with "reopen" (theirs only)
    fake.click(LEAD, message_of(fake, card), button(card, "close"))
    closed = dm_post(fake, ASKER, "est résolu")
    reopen = button(closed, "reopen")
    assert reopen == f"reopen:{ticket}"
    # a reply to the old confirmation is not relayed while the ticket is closed
    count = len(fake.posts(lead_dm))
    fake.user_message(None, ASKER, "Encore une chose", reference=message_of(fake, confirm)["id"])
    dm_post(fake, ASKER, "votre message n'a pas été transmis")
    assert not any("Encore une chose" in text_of(c) for c in fake.posts(lead_dm)[count:])

    fake.click(ASKER, message_of(fake, closed), reopen)
    dm_post(fake, LEAD, "rouvert par")
    dm_post(fake, ASKER, "est rouvert")
    assert leaks(fake, "mamie 4417") == []
