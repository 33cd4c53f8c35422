"""knowledge/<base>/vocabulaire.md: loaded with the base, checked by kb check, never a unit."""

from pathlib import Path

from bot.cli import main
from bot.knowledge.loader import load_all

FAQ = """---
kind: faq
source: FAQ
---
## Délai de livraison {#livraison}

La livraison prend 48 heures.
"""

VOCAB = """# Vocabulaire

Une règle par ligne.

- colis, carton -> livraison
- Logiciel de navigation → navigateur
"""


def base(root: Path, vocab: str) -> None:
    folder = root / "kb"
    folder.mkdir(parents=True)
    (folder / "faq.md").write_text(FAQ, encoding="utf-8")
    (folder / "vocabulaire.md").write_text(vocab, encoding="utf-8")


def test_rules_are_loaded_folded_and_the_file_is_not_a_unit(tmp_path: Path) -> None:
    base(tmp_path, VOCAB)
    bases, problems = load_all(tmp_path)
    assert problems == []
    assert [u.id for u in bases["kb"].units] == ["kb/livraison"]
    assert bases["kb"].vocabulary == (
        ("colis", "livraison"),
        ("carton", "livraison"),
        ("logiciel de navigation", "navigateur"),
    )


def test_kb_check_reports_each_bad_rule_with_its_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    base(
        tmp_path,
        "- colis livraison\n- colis -> livraison\n- colis -> facture\n"
        "- -> vide\n- fibre -> fibre\n",
    )
    assert main(["kb", "check", "--dir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "kb/vocabulaire.md:1: erreur" in out  # no arrow
    assert "kb/vocabulaire.md:3: erreur" in out and "« livraison »" in out  # two targets
    assert "kb/vocabulaire.md:4: erreur" in out  # empty side
    assert "kb/vocabulaire.md:5: erreur" in out  # maps to itself
    assert "kb/vocabulaire.md:2:" not in out


def test_an_unreadable_vocabulary_loses_no_unit(tmp_path: Path) -> None:
    folder = tmp_path / "kb"
    folder.mkdir()
    (folder / "faq.md").write_text(FAQ, encoding="utf-8")
    (folder / "vocabulaire.md").write_bytes(b"\xff\xfe\x00binary")
    bases, problems = load_all(tmp_path)
    assert [u.id for u in bases["kb"].units] == ["kb/livraison"]
    assert bases["kb"].vocabulary == ()
    assert [p.path for p in problems] == ["kb/vocabulaire.md"]


def test_shipped_vocabularies_are_valid() -> None:
    root = Path(__file__).resolve().parents[2] / "knowledge"
    bases, problems = load_all(root)
    assert [p for p in problems if p.severity == "error"] == []
    assert all(kb.vocabulary for kb in bases.values())
