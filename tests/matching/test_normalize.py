from bot.matching.normalize import analyse, fold, intents, stem


def test_fold_removes_case_accents_and_ligatures() -> None:
    assert fold("Délivrabilité ŒIL Évènement’s") == "delivrabilite oeil evenement's"


def test_elisions_are_cut() -> None:
    assert analyse("l'indice d'activation qu'il") == analyse("indice activation il")
    assert analyse("Où trouver l’email ?") == ["email"]


def test_sms_spelling_is_expanded() -> None:
    assert analyse("cmt changer mon rib pdt la commande") == analyse(
        "comment changer mon RIB pendant la commande"
    )
    assert analyse("kel navigateur c koi") == analyse("quel navigateur c'est quoi")


def test_synonyms_meet() -> None:
    assert analyse("fermer mon compte") == analyse("supprimer mon compte")
    # RIB / banque -> bancaire is the SG base's own vocabulary now (knowledge/.../vocabulaire.md)
    assert analyse("IE") == analyse("Internet Explorer")
    assert analyse("courriel") == analyse("e-mail") == analyse("mail") == ["email"]


def test_stop_words_and_question_words_are_dropped() -> None:
    assert analyse("Comment est-ce que je peux le faire ?") == []
    assert intents("Où sont mes factures ?") == ["qou"]
    assert intents("chrome ou firefox") == []


def test_light_stemming_joins_forms() -> None:
    assert stem("commandes") == stem("commander") == stem("commande")
    assert stem("factures") == stem("facture")
    assert stem("anciennes") == stem("ancienne") == stem("ancien")
    assert stem("12") == "12"
