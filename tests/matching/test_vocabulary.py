"""A base's vocabulary: customers' expressions replaced by the base's words, both sides."""

from bot.knowledge.model import KnowledgeBase, Unit
from bot.matching import Matcher
from bot.matching.vocabulary import Vocabulary


def test_longest_expression_is_replaced_first() -> None:
    vocab = Vocabulary([("logiciel de navigation", "navigateur"), ("logiciel", "application")])
    assert vocab.fold("Quel logiciel de navigation ?") == ["quel", "navigateur"]
    assert vocab.fold("un logiciel") == ["un", "application"]
    assert Vocabulary().fold("rien a changer") == ["rien", "a", "changer"]


def unit(anchor: str, title: str, answer: str) -> Unit:
    return Unit(f"kb/{anchor}", "kb", title, answer, f"Test › {title}", "faq")


def test_a_synonym_from_the_vocabulary_needs_no_release() -> None:
    units = [
        unit("livraison", "Délai de livraison", "La livraison prend 48 heures."),
        unit("paiement", "Rejet de paiement", "Utilisez le bouton Commander plus tard."),
    ]
    plain = Matcher.build(KnowledgeBase("kb", units=units))
    with_vocab = Matcher.build(
        KnowledgeBase("kb", units=units, vocabulary=(("colis", "livraison"),))
    )
    question = "délai du colis ?"
    assert not plain.score(question)[0] or plain.score(question)[0][0].coverage < 1.0
    best = with_vocab.score(question)[0][0]
    assert best.unit.id == "kb/livraison" and best.coverage == 1.0


def test_the_shipped_vocabulary_makes_rib_and_bank_meet() -> None:
    from pathlib import Path

    from bot.knowledge.registry import Knowledge

    knowledge = Knowledge.load(Path(__file__).resolve().parents[2] / "knowledge")
    vocab = knowledge.matchers["sg-autorepondeur"].index.vocabulary
    assert vocab.fold("mon RIB") == ["mon", "bancaire"]
    assert vocab.fold("ma banque") == ["ma", "bancaire"]
