"""INDEX_CACHE_DIR: a built index is saved, loaded back, and never used once stale."""

import dataclasses
from pathlib import Path

from bot.knowledge.model import KnowledgeBase, Unit
from bot.matching import Matcher
from bot.matching.persist import cached_index, fingerprint


def base(answer: str = "Dans l'onglet Factures.") -> KnowledgeBase:
    units = [
        Unit("kb/factures", "kb", "Où sont mes factures ?", answer, "FAQ", "faq", ("facturation",)),
        Unit("kb/rib", "kb", "Changer de compte bancaire", "Voir la FAQ.", "FAQ", "faq"),
    ]
    return KnowledgeBase("kb", units=units)


def test_a_saved_index_is_loaded_and_answers_alike(tmp_path: Path) -> None:
    kb = base()
    built = cached_index(kb, tmp_path)
    [saved] = list(tmp_path.glob("index-kb-*.pickle"))
    loaded = cached_index(kb, tmp_path)
    assert loaded is not built and loaded.idf == built.idf
    matcher = Matcher.build(kb, cache_dir=tmp_path)
    unit = matcher.match("où sont mes factures").unit
    assert unit is not None and unit.id == "kb/factures"
    assert list(tmp_path.glob("index-kb-*.pickle")) == [saved]


def test_an_edited_base_gets_a_new_index(tmp_path: Path) -> None:
    kb, edited = base(), base("Dans « Voir vos factures ».")
    assert fingerprint(kb) != fingerprint(edited)
    assert fingerprint(kb) != fingerprint(
        dataclasses.replace(kb, vocabulary=(("recu", "facture"),))
    )
    cached_index(kb, tmp_path)
    cached_index(edited, tmp_path)
    assert len(list(tmp_path.glob("index-kb-*.pickle"))) == 2


def test_a_damaged_or_unwritable_cache_is_rebuilt(tmp_path: Path) -> None:
    kb = base()
    cached_index(kb, tmp_path)
    [saved] = list(tmp_path.glob("index-kb-*.pickle"))
    saved.write_bytes(b"not a pickle")
    assert cached_index(kb, tmp_path).units == list(kb.units)
    blocked = tmp_path / "file"
    blocked.write_text("x")
    assert cached_index(kb, blocked / "sub").units == list(kb.units)  # cannot write: still works
