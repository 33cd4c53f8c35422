"""What a message asks for beyond its topic: a request to act on one's own account, a figure."""

from pathlib import Path

import pytest

from bot.knowledge.registry import Knowledge
from bot.matching.intent import acts_on_account, asked_figure, chapters_asked, describes, states

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    "message",
    [
        "Vous pouvez vérifier ce qui cloche sur mon compte ? Merci",
        "Pourriez-vous regarder ma facture d'avril, elle me paraît fausse",
        "Merci de rembourser mon dernier prélèvement",
        "Pouvez-vous me dire si ma commande est bien rattachée à mon numéro EI 55012 ?",
    ],
)
def test_a_request_to_act_on_my_own_account_is_recognised(message: str) -> None:
    assert acts_on_account(message) == 1.0


@pytest.mark.parametrize(
    "message",
    [
        "Comment supprimer mon compte ?",
        "Où sont mes factures ?",
        "Vous pouvez m'expliquer comment changer l'email expéditeur ?",
        "Le client doit confirmer la commande lui-même ?",
    ],
)
def test_a_how_to_question_is_not_a_request_to_act(message: str) -> None:
    assert acts_on_account(message) < 1.0


def test_an_identifier_alone_is_half_the_cue() -> None:
    assert acts_on_account("Mon compte ID 90321 affiche une erreur") == 0.5


@pytest.mark.parametrize(
    ("message", "figure"),
    [
        ("Combien coûte le forfait par mois ?", "amount"),
        ("je touche combien sur une vente ?", "amount"),
        ("Quel est le débit réel de la fibre ?", "amount"),
        ("Quel est le numéro de téléphone du service client ?", "phone"),
        ("Quand est-ce que l'application mobile sera disponible ?", "date"),
        # a duration: answered by a unit that states one (the delivery unit does)
        ("Combien de temps prend la livraison ?", "date"),
        ("Comment se passe la livraison ?", None),
        ("Comment changer de forfait ?", None),
    ],
)
def test_questions_asking_for_a_figure(message: str, figure: str | None) -> None:
    assert asked_figure(message) == figure


def test_an_answer_states_a_figure_or_not() -> None:
    assert states("amount", "Vous touchez 23 % de commission chaque mois.")
    assert not states("amount", "Consultez le Guide de la procédure de commande.")
    assert states("phone", "Contactez SFR en composant le 1023.")
    assert not states("phone", "Contactez le Service d'assistance aux EI.")
    assert states("date", "Les commandes de la Fibre sont validées dans les 3 jours ouvrables.")
    assert not states("date", "Safari est en cours de mise en compatibilité.")
    # a month's name inside a word («e-mail», «domaine») is not a date
    assert not states("date", "Le lien est dans l'e-mail de confirmation du domaine.")
    assert asked_figure("On a combien de temps pour remplir le formulaire ?") == "date"
    assert asked_figure("La commission est versée à quelle date ?") == "date"
    assert asked_figure("Le service est ouvert le samedi ?") == "date"
    assert asked_figure("Horaires du service client") == "date"
    assert asked_figure("Combien de crédits sont inclus dans mon forfait ?") == "count"
    assert asked_figure("Combien de temps ça prend ?") == "date"
    assert states("count", "29 chapitres en 3 niveaux") and not states("count", "Voir la FAQ.")
    assert states("date", "Ouvert du lundi au vendredi de 9 h à 18 h.")


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return Knowledge.load(ROOT / "knowledge")


def test_a_request_to_check_my_account_goes_to_people_though_words_match(
    knowledge: Knowledge,
) -> None:
    message = (
        "Bonjour,\nmon indice de délivrabilité a chuté depuis mon dernier envoi.\n"
        "Vous pouvez vérifier ce qui se passe sur mon compte ID 77031 ?"
    )
    result = knowledge.match(message)
    assert not result.answered
    assert result.top is not None and result.confidence == 0.0


def test_a_figure_the_knowledge_states_is_still_answered(knowledge: Knowledge) -> None:
    result = knowledge.match("Si je recommande SG Autorépondeur, ça me rapporte combien ?")
    assert result.answered and result.unit is not None
    assert "23" in result.unit.answer
    # the same kind of question about a figure no unit states goes to people
    assert not knowledge.match("Combien coûte le forfait Eldorado par mois ?").answered


def test_chapters_named_in_a_question() -> None:
    assert chapters_asked("Le chapitre 6 parle de quoi ?") == {6}
    assert chapters_asked("chap. 12 et chapitre n°3 ?") == {12, 3}
    assert chapters_asked("Comment sont rangés les chapitres ?") == frozenset()
    assert describes(frozenset({1}), "Le chapitre 1 « Acquérir de bonnes bases »")
    assert not describes(frozenset({2}), "Le chapitre 1 « Acquérir de bonnes bases »")
    # a unit that does not speak of chapters is not judged on them
    assert describes(frozenset({3}), "Contactez le support depuis votre espace client.")


def test_a_chapter_the_knowledge_does_not_describe_goes_to_people(knowledge: Knowledge) -> None:
    # the knowledge describes chapter 1 only: the levels unit shares the words, not the answer
    result = knowledge.match("De quoi parle le chapitre 7 du niveau Maîtrise de la formation ?")
    assert not result.answered
    assert result.top is not None and result.confidence == 0.0
