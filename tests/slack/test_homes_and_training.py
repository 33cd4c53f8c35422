"""Over HTTP: the customer's and the lead's App Home, /formation after an answer cited chapter 1,
marking a chapter, /question tickets for the lead, and the intake fields of an SFR question."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest

from bot.knowledge.course import Chapter, Course
from bot.sla.calendar import SlaCalendar
from bot.sla.wording import when_phrase
from bot.slack.runtime import start_runtime
from tests.slack.conftest import (
    ASKER,
    BROWSER_Q,
    KB,
    LEAD,
    NOTHING_Q,
    PASSWORD_Q,
    SFR_CHANNEL,
    SlackEnv,
    knowledge,
    serve,
)
from tests.slack.harness import Sender, buttons, payload

VIEWS = itertools.count(1)


def course() -> Course:
    first = Chapter(
        1, "Apprentissage", "Acquérir de bonnes bases", (f"{KB}/navigateur", f"{KB}/factures")
    )
    chapters = (first, *(Chapter(n, "Apprentissage") for n in (2, 3)), Chapter(4, "Maîtrise"))
    return Course(KB, "Formation SG", "", (("Apprentissage", 3), ("Maîtrise", 1)), chapters, "")


@pytest.fixture
def trained(slack: SlackEnv) -> Iterator[Sender]:
    """An instance whose knowledge declares a course (chapter 1 = navigateur, factures)."""
    k = knowledge()
    k.courses = {KB: course()}
    runtime = start_runtime(slack.settings, knowledge=k, scheduler=False, wait=True, poll=0.1)
    server, _ = serve(runtime)
    slack.fake.reset()
    yield Sender(server.server_port)
    server.shutdown()
    server.server_close()
    runtime.close()


def home_of(send: Sender, slack: SlackEnv, user: str) -> dict[str, Any]:
    response = send.event("event_app_home_opened", user=user, channel="D" + user[1:])
    assert response.status == 200
    call = slack.fake.last("views.publish")
    assert call.params["user_id"] == user
    view = call.params["view"]
    return json.loads(view) if isinstance(view, str) else view


def text_of(view: dict[str, Any]) -> str:
    return json.dumps(view, ensure_ascii=False)


def test_formation_shows_chapter_1_consulted_after_an_answer_cited_it(slack, trained) -> None:
    fields = payload("slash_command")
    fields.update(command="/formation", user_id=ASKER, text="", trigger_id="t1")
    before = trained.post_form({k: str(v) for k, v in fields.items()})
    assert before.status == 200 and before.body == ""  # the ack waits for nothing
    listing = slack.posts("D0ASKER")[-1].blob()
    assert "Chapitre 1 « Acquérir de bonnes bases » (Apprentissage) — 🙈 à consulter" in listing
    trained.dm(BROWSER_Q)
    fields.update(trigger_id="t2")  # Slack: a new trigger for each command (the inbox key)
    trained.post_form({k: str(v) for k, v in fields.items()})
    listing = slack.posts("D0ASKER")[-1].blob()
    assert "Chapitre 1 « Acquérir de bonnes bases » (Apprentissage) — 👁 consulté" in listing
    assert "Chapitre 2 (Apprentissage) — 🙈 à consulter" in listing
    assert "Prochain chapitre : Chapitre 2 (Apprentissage)" in listing
    assert "1 / 4 chapitres consultés" in listing


def test_the_last_section_of_a_chapter_reminds_that_questions_are_welcome(slack, trained) -> None:
    trained.dm("Où trouver mes factures ?")
    posts = slack.posts("D0ASKER")
    assert "Dans l'onglet Factures." in posts[0].blob()
    assert "avant d'avancer" in posts[1].blob()


def test_marking_a_chapter_from_the_list(slack, trained) -> None:
    response = trained.action("formation_mark", "", user=ASKER, channel="D0ASKER")
    assert response.status == 200  # no chapter chosen: told, nothing marked
    assert "choisissez un numéro de 1 à 4" in slack.posts("D0ASKER")[-1].blob()
    body = payload("block_actions")
    body["user"]["id"] = ASKER
    body["channel"]["id"] = "D0ASKER"
    body["actions"][0] = {
        "type": "static_select",
        "action_id": "formation_mark",
        "block_id": "formation",
        "selected_option": {"text": {"type": "plain_text", "text": "Chapitre 3"}, "value": "3"},
    }
    trained.post_form({"payload": json.dumps(body)})
    reply = slack.posts("D0ASKER")[-1].blob()
    assert "Chapitre 3 (Apprentissage) est marqué comme consulté." in reply
    assert "avant d'avancer" in reply
    assert "Chapitre 3 (Apprentissage) — 👁 consulté" in reply
    assert "Prochain chapitre : Chapitre 1 « Acquérir de bonnes bases »" in reply


def publish_from_dm(slack: SlackEnv, text: str, user: str = ASKER) -> None:
    """A DM question nothing answers, published by its asker's choice (issue 8: consent first)."""
    dm = "D" + user[1:]
    slack.send.dm(text, user=user)
    choice = buttons(slack.posts(dm)[-1])["ask_community"]
    slack.send.click(choice, user=user, channel=dm)


def test_the_customers_home_lists_their_question_and_ticket(slack) -> None:
    slack.send.dm(BROWSER_Q)
    publish_from_dm(slack, NOTHING_Q)
    slack.send.submit_question("Ma question privée", private=True)
    slack.send.dm(PASSWORD_Q, user="U0OTHER")
    home = text_of(home_of(slack.send, slack, ASKER))
    assert BROWSER_Q in home and "réponse du bot" in home
    assert NOTHING_Q in home and "dans la communauté" in home
    due = when_phrase(slack.desk.get_ticket(1).due_at, SlaCalendar.from_settings(slack.settings))
    assert "Ma question privée" in home and f"ouverte, réponse attendue {due}" in home
    assert PASSWORD_Q not in home
    assert "/question" in home  # how to ask


def test_the_leads_home_lists_open_tickets_with_their_due_time(slack) -> None:
    slack.send.submit_question("Question privée à traiter", private=True)
    publish_from_dm(slack, NOTHING_Q, user="U0OTHER")
    home = text_of(home_of(slack.send, slack, LEAD))
    assert "Tableau de bord du support" in home
    ticket = slack.desk.get_ticket(1)
    due = SlaCalendar.from_settings(slack.settings)
    assert f"n°1 — <@U0ASKER> — Normale — échéance {when_phrase(ticket.due_at, due)}" in home
    assert "Question privée à traiter" not in home  # the dashboard names, it does not quote
    assert NOTHING_Q in home  # a community question nobody answered yet
    assert "Questions publiques : 1" in home and "Questions privées : 1" in home


def test_question_tickets_is_for_the_lead(slack) -> None:
    slack.send.submit_question("Question privée à traiter", private=True)
    assert slack.send.command("tickets", user=ASKER).status == 200
    assert "Seul le responsable" in slack.posts("D0ASKER")[-1].blob()
    assert slack.send.command("tickets", user=LEAD).status == 200
    listing = slack.posts("D0LEAD")[-1].blob()
    assert "Tickets ouverts* (1)" in listing and "n°1 — <@U0ASKER>" in listing
    assert not slack.fake.of("views.open")  # no longer opens the form with «tickets» in it


def _sfr_form(slack) -> dict[str, Any]:
    slack.send.command("", user=ASKER, channel=SFR_CHANNEL)
    view = slack.fake.last("views.open").params["view"]
    return json.loads(view) if isinstance(view, str) else view


def test_an_sfr_question_form_asks_what_the_ei_assistance_needs(slack) -> None:
    from pathlib import Path

    from bot.knowledge.intake import load_intakes

    root = Path(__file__).resolve().parents[2] / "knowledge"
    intakes, _ = load_intakes(root, {"sfr-acn": knowledge().bases["sfr-acn"]})
    slack.desk.knowledge.intakes = intakes
    form = _sfr_form(slack)
    labels = [b["label"]["text"] for b in form["blocks"] if b["type"] == "input"]
    assert labels[-4:] == [
        "Nom du client",
        "Adresse de service",
        "Numéro de téléphone fixe",
        "Captures d'écran indiquant l'erreur",
    ]
    assert form["blocks"][-1]["element"]["type"] == "file_input"
    values = form_values(form, "Le Bon Client", "3 rue de la Paix, Paris", "0102030405")
    public = slack.send.submit_question("Ma commande SFR bloque", metadata=form["private_metadata"])
    assert public.status == 200  # nothing personal: fine in public
    refused = submit_with(slack, form, values, private=False)
    assert refused.json()["response_action"] == "errors"
    assert "Question privée" in json.dumps(refused.json(), ensure_ascii=False)
    assert submit_with(slack, form, values, private=True).status == 200
    card = slack.posts("D0LEAD")[-1].blob()
    assert "*Nom du client* : Le Bon Client" in card
    assert "*Numéro de téléphone fixe* : 0102030405" in card
    assert "ecran.png" in card and "https://files.example/ecran.png" in card


def form_values(form: dict[str, Any], name: str, address: str, phone: str) -> dict[str, Any]:
    blocks = [b["block_id"] for b in form["blocks"] if b["type"] == "input"][-4:]
    text = {"type": "plain_text_input"}
    return {
        blocks[0]: {"text": {**text, "value": name}},
        blocks[1]: {"text": {**text, "value": address}},
        blocks[2]: {"text": {**text, "value": phone}},
        blocks[3]: {
            "text": {
                "type": "file_input",
                "files": [
                    {
                        "id": "F1",
                        "name": "ecran.png",
                        "permalink": "https://files.example/ecran.png",
                    }
                ],
            }
        },
    }


def submit_with(slack, form: dict[str, Any], extra: dict[str, Any], *, private: bool):  # type: ignore[no-untyped-def]
    body = payload("view_submission")
    body["user"]["id"] = ASKER
    body["view"]["id"] = f"V{next(VIEWS)}"  # Slack: one id per modal (the inbox key)
    values = body["view"]["state"]["values"]
    values["question"]["text"]["value"] = "Ma commande SFR bloque"
    if private:
        values["private"]["private"]["selected_options"] = [
            {"text": {"type": "plain_text", "text": "privée"}, "value": "private"}
        ]
    values.update(extra)
    body["view"]["private_metadata"] = form["private_metadata"]
    return slack.send.post_form({"payload": json.dumps(body)})
