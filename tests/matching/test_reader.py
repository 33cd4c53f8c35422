"""Reading a chat message: markup and chit-chat removed, question sentences found."""

from bot.matching.reader import read, role_of, strip_markup


def test_slack_markup_is_removed_and_link_labels_kept() -> None:
    text = strip_markup(
        "<@U012AB> <!here> voir <https://ex.fr/a|la page> et <https://ex.fr/b> :wave: "
        "*important* `code` _note_ &amp; co"
    )
    assert "U012AB" not in text and "here" not in text and "https" not in text
    assert "la page" in text and "wave" not in text
    assert "*" not in text and "`" not in text and "_" not in text
    assert "important" in text and "code" in text and "& co" in text


def test_signature_after_dashes_is_dropped() -> None:
    assert "Marc" not in strip_markup("Qui contacter ?\n-- \nMarc, EI Lyon")


def test_greetings_thanks_and_signatures_carry_no_weight() -> None:
    reading = read("Bonjour à tous,\nOù sont mes factures ?\nMerci d'avance !\nNadia B.")
    assert [s.role for s in reading.sentences] == ["chat", "question", "chat", "chat"]
    assert reading.text == "Où sont mes factures ?"


def test_self_introduction_is_chit_chat() -> None:
    reading = read("Bonjour ! Je m'appelle Sophie, ravie d'être parmi vous")
    assert reading.informative == ()


def test_problem_statements_are_questions() -> None:
    assert role_of("Impossible de valider la commande depuis ce matin.") == "question"
    assert role_of("Le paiement a été refusé deux fois") == "question"
    assert role_of("Je suis EI depuis deux ans.") == "context"


def test_a_short_question_asks_about_the_sentence_before() -> None:
    reading = read(
        "Le client n'a pas annulé son ancienne box chez un autre opérateur. Je fais quoi ?"
    )
    roles = [s.role for s in reading.sentences]
    assert roles[0] == "question"


def test_sentences_split_on_lines_and_punctuation_but_not_inside_words() -> None:
    reading = read("Je commande sur myacn.eu.\nÇa marche ? Oui")
    texts = [s.text for s in reading.sentences]
    assert texts[0] == "Je commande sur myacn.eu."
    assert "Ça marche ?" in texts


def test_empty_and_markup_only_messages_have_no_sentence() -> None:
    assert read("").sentences == ()
    assert read("<!channel> :tada:").informative == ()
