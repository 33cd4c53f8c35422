"""Published entries and phrasings laid over the files keep each base's vocabulary file
(vocabulaire.md): a customer's synonym still reaches the base's word after a publication."""

from __future__ import annotations

from bot.knowledge.learned import LearnedEntry, LearnedPhrasing, merge
from bot.knowledge.model import KnowledgeBase, Unit

KB = "kb"


def test_merged_bases_keep_their_vocabulary_units_and_new_entries() -> None:
    unit = Unit(f"{KB}/livraison", KB, "Suivre une livraison", "Menu Suivi.", "FAQ")
    base = KnowledgeBase(KB, "Base", [unit], vocabulary=(("colis", "livraison"),))
    merged = merge(
        {KB: base},
        [LearnedEntry(f"{KB}/export-1", KB, "Exporter en CSV ?", "Menu Contacts.")],
        [LearnedPhrasing(f"{KB}/livraison", "où est mon colis")],
    )[KB]
    assert merged.vocabulary == (("colis", "livraison"),)
    assert [u.id for u in merged.units] == [f"{KB}/livraison", f"{KB}/export-1"]
    assert merged.get(f"{KB}/livraison").phrasings == ("où est mon colis",)  # type: ignore[union-attr]
    assert base.units == [unit]  # the files' base is left as it was
