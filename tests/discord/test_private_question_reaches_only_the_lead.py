"""/question privee:True on Discord: acknowledged before anything else, a ticket card with the
question as asked in the lead's DM (with its due time), a confirmation in the asker's DM, the
lead's answer relayed by DM, the asker's reply to the confirmation sent to the lead, and the
private text nowhere but those DMs (the privacy scan)."""

from __future__ import annotations

from tests.discord.fake_discord import ASKER, GENERAL, LEAD, MEMBER, FakeDiscord
from tests.discord.harness import Running, custom_ids, dm_channel, leaks, message_of, text_of

SECRET = "Mon IBAN FR76 3000 6000 0112 3456 7890 189 @everyone est refusé, que faire ?"


def callbacks(fake: FakeDiscord, interaction: str) -> list[int]:
    return [
        i
        for i, c in enumerate(fake.calls)
        if c.path.startswith(f"/interactions/{interaction}/") and c.path.endswith("/callback")
    ]


def test_a_private_question_reaches_only_the_lead(bot: Running) -> None:
    fake = bot.fake
    interaction = fake.slash(ASKER, GENERAL, SECRET, privee=True)
    lead_dm, asker_dm = dm_channel(fake, LEAD), dm_channel(fake, ASKER)
    card = fake.wait_for(
        lambda f: next((c for c in f.posts(lead_dm) if SECRET in text_of(c)), None)
    )
    # the question as asked (in the card's embed), the due time, reply / close buttons
    assert card.json["embeds"][0]["description"] == SECRET
    assert "Réponse attendue : au plus tard" in card.json["content"]
    assert card.json["allowed_mentions"] == {"parse": []}
    assert sorted(c.split(":")[0] for c in custom_ids(card)) == ["close", "reply"]
    confirm = fake.wait_for(
        lambda f: next((c for c in f.posts(asker_dm) if "ticket n°" in text_of(c)), None)
    )
    assert "au plus tard" in confirm.json["content"]
    # how to add to it, said the Discord way (a reply to the message; DMs have no threads)
    assert "« Répondre »" in confirm.json["content"] and "fil" not in confirm.json["content"]
    # acknowledged first (deferred, ephemeral), before any database-backed work was sent
    acks = callbacks(fake, interaction)
    assert acks and acks[0] < fake.calls.index(card)
    ack = fake.calls[acks[0]]
    assert ack.json["type"] == 5 and ack.json["data"]["flags"] == 64
    fake.wait_for(lambda f: any(c.path.endswith("/messages/@original") for c in f.calls))

    # the lead replies to the card in their DM: relayed to the asker's DM
    card_id = next(
        m for m, b in fake.messages.items() if b["channel_id"] == lead_dm and SECRET in str(b)
    )
    fake.user_message(None, LEAD, "Votre IBAN doit être au nom du titulaire.", reference=card_id)
    relay = fake.wait_for(
        lambda f: next((c for c in f.posts(asker_dm) if "au nom du titulaire" in text_of(c)), None)
    )
    assert "Réponse du support" in relay.json["content"]

    # the asker replies to the ticket's confirmation (its conversation): it goes to the lead,
    # as a reply to the card, not to the knowledge
    confirmation = message_of(fake, confirm)
    fake.user_message(
        None, ASKER, "Merci, et pour le RIB de ma cliente ?", reference=confirmation["id"]
    )
    followup = fake.wait_for(
        lambda f: next((c for c in f.posts(lead_dm) if "RIB de ma cliente" in text_of(c)), None)
    )
    assert followup.json["message_reference"]["message_id"] == card_id

    # another member clicking the lead's buttons is refused
    fake.click(MEMBER, fake.messages[card_id], custom_ids(card)[1])
    fake.wait_for(lambda f: any("Seul le responsable" in text_of(c) for c in f.calls))
    assert leaks(fake, SECRET) == []
    assert leaks(fake, "RIB de ma cliente") == []


def test_the_forms_open_a_ticket_and_relay_the_leads_answer(bot: Running) -> None:
    """ "Ask privately" under an answer opens a form (no database before it is shown); the
    lead's "Répondre" form relays the answer by DM."""
    fake = bot.fake
    asker_dm, lead_dm = dm_channel(fake, ASKER), dm_channel(fake, LEAD)
    fake.user_message(None, ASKER, "Quel navigateur utiliser pour l'espace client ?")
    answer = fake.wait_for(lambda f: next(iter(f.posts(asker_dm)), None))
    private = next(c for c in custom_ids(answer) if c.startswith("private:"))
    message = next(m for m in fake.messages.values() if m["channel_id"] == asker_dm)
    click = fake.click(ASKER, message, private)
    modal = fake.wait_for(
        lambda f: next((c for c in f.calls if f"/interactions/{click}/" in c.path), None)
    )
    assert modal.json["type"] == 9
    form_id = modal.json["data"]["custom_id"]
    fake.submit(ASKER, asker_dm, form_id, {"texte": SECRET})
    card = fake.wait_for(
        lambda f: next((c for c in f.posts(lead_dm) if SECRET in text_of(c)), None)
    )
    reply = next(c for c in custom_ids(card) if c.startswith("reply:"))
    card_message = next(m for m in fake.messages.values() if m["channel_id"] == lead_dm)
    shown = fake.click(LEAD, card_message, reply)
    reply_form = fake.wait_for(
        lambda f: next((c for c in f.calls if f"/interactions/{shown}/" in c.path), None)
    )
    assert reply_form.json["type"] == 9
    fake.submit(LEAD, lead_dm, reply_form.json["data"]["custom_id"], {"texte": "Réglé."})
    fake.wait_for(lambda f: any("Réglé." in text_of(c) for c in f.posts(asker_dm)))
    assert leaks(fake, SECRET) == []
