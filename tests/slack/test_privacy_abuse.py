"""Issue 8, cases 7 to 9, over HTTP: flood and repeats, forged button values, masked links and
special mentions."""

from __future__ import annotations

import json

from tests.slack.conftest import ASKER, COMMUNITY, HELP, LEAD, MEMBER, NOTHING_Q
from tests.slack.harness import buttons
from tests.slack.privacy import questions, threads, tickets


def test_7_a_flood_gets_one_notice_and_nothing_more(slack) -> None:
    for n in range(30):
        assert slack.send.dm(f"{NOTHING_Q} message {n}").status == 200
    dms = slack.posts("D0ASKER")
    notices = [c for c in dms if "patientez une minute" in c.blob()]
    assert len(notices) == 1
    assert len(dms) == 5 + 1  # the first five get their answer (the choice), then one notice
    assert not slack.posts(COMMUNITY)
    assert sum(q.status == "flooded" for q in questions(slack)) == 25


def test_7_a_flood_in_a_help_channel_is_not_published(slack) -> None:
    words = ["facture", "export", "mot", "compte", "contrat", "livraison", "colis", "appli"]
    for word in words:  # different questions (not repeats), too many of them
        slack.send.channel_message(f"{NOTHING_Q} {word} {word} {word}", HELP)
    assert len(slack.posts(COMMUNITY)) == 5
    assert sum("patientez une minute" in c.blob() for c in slack.posts(HELP)) == 1


def test_7_the_same_question_is_posted_once_then_linked(slack) -> None:
    for n in range(5):
        text = f"{NOTHING_Q} mon export plante" + ("" if n % 2 else " !")
        slack.send.channel_message(text, HELP, ts=f"1767300300.00000{n}")
    [post] = slack.posts(COMMUNITY)
    link = f"https://sg-support.slack.com/archives/{COMMUNITY}/p" + post.response["ts"].replace(
        ".", ""
    )
    repeats = [c for c in slack.posts(HELP) if "déjà posé cette question" in c.blob()]
    assert len(repeats) == 4 and all(link in c.blob() for c in repeats)
    # someone else asking the same thing is not a repeat
    slack.send.channel_message(f"{NOTHING_Q} mon export plante", HELP, user=MEMBER)
    assert len(slack.posts(COMMUNITY)) == 2


def test_8_a_forged_value_cannot_publish_someone_elses_question(slack) -> None:
    slack.send.dm(f"{NOTHING_Q} secret de {MEMBER}", user=MEMBER)
    theirs = questions(slack)[0].id
    forged = json.dumps({"q": theirs, "a": ASKER})
    slack.send.action("ask_community", forged, user=ASKER, channel="D0ASKER")
    assert not slack.posts(COMMUNITY)
    assert "Seule la personne" in slack.posts("D0ASKER")[-1].blob()
    slack.send.action("answer_helped", forged, user=ASKER, channel="D0ASKER")
    slack.send.action("ask_private", forged, user=ASKER, channel="D0ASKER")
    assert not slack.fake.of("views.open")  # no form prefilled with someone else's text


def test_8_a_forged_place_cannot_overwrite_a_card_or_a_post(slack) -> None:
    slack.send.submit_question("Contrat Dupont", private=True, user=MEMBER)
    [card] = slack.posts("D0LEAD")
    slack.send.dm(NOTHING_Q)
    slack.send.click(buttons(slack.posts("D0ASKER")[-1])["ask_community"])
    [post] = slack.posts(COMMUNITY)
    mine = questions(slack)[-1].id
    forged = json.dumps({"q": mine, "a": ASKER, "c": "D0LEAD", "ts": card.response["ts"]})
    slack.send.action("community_solved", forged, user=ASKER, channel="D0ASKER")
    [update] = slack.fake.of("chat.update")
    assert (update.params["channel"], update.params["ts"]) == (COMMUNITY, post.response["ts"])
    # a form naming someone else's question links nothing and withdraws nothing
    slack.send.channel_message(f"{NOTHING_Q} question publique de Martin", HELP, user=MEMBER)
    theirs = threads(slack)[-1].question_id
    slack.send.submit_question("mine", private=True, metadata=json.dumps({"q": theirs}))
    assert tickets(slack)[-1].question_id is None
    assert threads(slack)[-1].status == "open" and not slack.fake.of("chat.delete")
    # ticket buttons: only the lead, whatever the value says
    slack.send.action("ticket_close", json.dumps({"tk": tickets(slack)[0].id}), user=ASKER)
    assert tickets(slack)[0].status == "open"
    slack.send.action("ticket_close", json.dumps({"tk": tickets(slack)[0].id}), user=LEAD)
    assert tickets(slack)[0].status == "closed"


def test_9_community_posts_show_real_link_targets_and_defuse_every_special_mention(slack) -> None:
    text = f"{NOTHING_Q} voir <https://evil.example|https://support.example.fr> <!group> <!here>"
    slack.send.channel_message(text, HELP)
    [post] = slack.posts(COMMUNITY)
    blob = post.blob()
    assert "https://support.example.fr (<https://evil.example>)" in blob
    assert "|https://support.example.fr>" not in blob
    for call in slack.fake.all_calls():
        assert "<!group>" not in call.blob() and "<!here>" not in call.blob()
