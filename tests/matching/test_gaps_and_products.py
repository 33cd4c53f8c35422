"""Known gaps (`kind: gap`) and product names (base.toml `products`): a close-but-different
question goes to people instead of getting the unit that shares its words."""

from __future__ import annotations

from pathlib import Path

from bot.knowledge.loader import load_all
from bot.knowledge.registry import Knowledge

UNITS = """---
kind: faq
source: Aide › FAQ
---
## Comment télécharger mes contacts ? {#telecharger-contacts}

Dans « Contacts », cliquez sur « Exporter » : le fichier CSV se télécharge.

Variantes :
- exporter mes contacts dans un fichier
- sauvegarder ma liste de contacts
"""

GAPS = """---
kind: gap
source: Lacunes connues
---
## Comment importer des contacts dans une liste ? {#lacune-importer-contacts}

La base ne traite pas de l'import de contacts.

Variantes :
- importer un fichier de contacts
- ajouter mes contacts depuis un fichier csv
"""

OTHER = """---
kind: faq
source: Aide-mémoire
---
## Comment résilier l'ancien fournisseur ? {#ancien-fournisseur}

Le client n'a rien à faire : SFR s'en charge.

Variantes :
- résilier l'ancienne box
"""


def make(tmp_path: Path) -> Path:
    for base, files, products in (
        ("outil", {"faq.md": UNITS, "lacunes.md": GAPS}, '["Outil", "OutilPro"]'),
        ("box", {"memo.md": OTHER}, '["SFR"]'),
    ):
        folder = tmp_path / base
        folder.mkdir()
        (folder / "base.toml").write_text(f'title = "{base}"\nproducts = {products}\n')
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_gaps_are_loaded_apart_from_the_units(tmp_path: Path) -> None:
    bases, problems = load_all(make(tmp_path))
    assert not problems
    kb = bases["outil"]
    assert [u.id for u in kb.units] == ["outil/telecharger-contacts"]
    assert [g.id for g in kb.gaps] == ["outil/lacune-importer-contacts"]
    assert kb.get("outil/lacune-importer-contacts") is None  # never an answer to look up
    assert kb.products == {"outil": ("Outil", "OutilPro")}


def test_a_question_closest_to_a_gap_goes_to_people(tmp_path: Path) -> None:
    knowledge = Knowledge.load(make(tmp_path))
    result = knowledge.match("Comment importer un fichier de contacts dans ma liste ?")
    assert not result.answered
    assert all(m.unit.kind != "gap" for m in result.suggestions)
    # the unit the gap stands beside still answers its own question
    answered = knowledge.match("Comment exporter mes contacts dans un fichier ?")
    assert answered.answered and answered.unit is not None
    assert answered.unit.id == "outil/telecharger-contacts"


def test_a_message_naming_only_another_product_is_not_answered_from_this_base(
    tmp_path: Path,
) -> None:
    knowledge = Knowledge.load(make(tmp_path))
    assert knowledge.match("Comment résilier l'ancienne box du client ?").answered
    vetoed = knowledge.match("Comment résilier l'ancienne box OutilPro ?")
    assert not vetoed.answered and vetoed.confidence == 0.0
    # naming the base's own product too lifts the veto
    both = knowledge.match("Comment résilier l'ancienne box SFR ?")
    assert both.answered


def test_a_bad_products_list_is_reported(tmp_path: Path) -> None:
    root = make(tmp_path)
    (root / "box" / "base.toml").write_text('title = "box"\nproducts = "SFR"\n')
    _, problems = load_all(root)
    assert any("products" in p.message for p in problems)


def test_suggestions_keep_to_the_product_named(tmp_path: Path) -> None:
    knowledge = Knowledge.load(make(tmp_path))
    result = knowledge.match("SFR : exporter les contacts de la box ou résilier l'ancienne ?")
    assert result.suggestions
    assert all(m.unit.kb == "box" for m in result.suggestions)
