from pathlib import Path

from bot.knowledge.loader import load_all

ROOT = Path(__file__).resolve().parents[2]

GOOD = """---
kind: faq
source: Espace client › FAQ
---
## Où sont mes factures ? {#factures}

Dans « Voir vos factures ». Voir aussi [le RIB](#rib).

Variantes :
- ou est ma facture
- facturation

## Je change de compte bancaire {#rib}

Voir la FAQ.
"""


def write(root: Path, name: str, text: str | bytes, base: str = "kb") -> Path:
    folder = root / base
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def test_units_have_ids_titles_sources_and_phrasings(tmp_path: Path) -> None:
    write(tmp_path, "faq.md", GOOD)
    bases, problems = load_all(tmp_path)
    assert problems == []
    units = {u.id: u for u in bases["kb"].units}
    assert set(units) == {"kb/factures", "kb/rib"}
    assert units["kb/factures"].phrasings == ("ou est ma facture", "facturation")
    assert units["kb/factures"].source == "Espace client › FAQ"
    assert units["kb/factures"].line == 5
    assert "Variantes" not in units["kb/factures"].answer


def test_chapter_sources_name_the_section(tmp_path: Path) -> None:
    write(tmp_path, "ch.md", GOOD.replace("kind: faq", "kind: chapter"))
    bases, _ = load_all(tmp_path)
    assert bases["kb"].units[0].source == "Espace client › FAQ › Où sont mes factures ?"


def test_problems_are_reported_with_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "a.md", GOOD)
    write(tmp_path, "b.md", GOOD.replace("(#rib)", "(#nowhere)"))
    write(
        tmp_path, "c.md", "---\nkind: faq\nsource: x\n---\n## Vide {#vide}\n\n## Sans id\n\ntexte\n"
    )
    write(tmp_path, "d.md", "pas d'en-tête\n## T {#t}\nx\n")
    write(tmp_path, "e.md", b"\xff\xfe\x00binaire")
    write(tmp_path, "f.md", "---\nkind: recette\nsource: x\n---\n## T {#t2}\nx\n")
    _, problems = load_all(tmp_path)
    text = "\n".join(map(str, problems))
    assert "kb/b.md:5: erreur : identifiant kb/factures déjà utilisé (kb/a.md:5)" in text
    assert "kb/c.md:5: erreur : « Vide » : réponse vide" in text
    assert "kb/c.md:7: erreur : section « Sans id » sans identifiant" in text
    assert "kb/d.md:1: erreur : en-tête manquant" in text
    assert "kb/e.md:0: erreur : le fichier n'est pas en UTF-8" in text
    assert "kb/f.md:2: erreur : kind doit valoir faq ou chapter" in text


def test_bad_reference_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "a.md", GOOD.replace("(#rib)", "(#nowhere)"))
    _, problems = load_all(tmp_path)
    assert [str(p) for p in problems] == ["kb/a.md:5: erreur : lien vers #nowhere introuvable"]


def test_broken_file_does_not_hide_the_good_ones(tmp_path: Path) -> None:
    write(tmp_path, "a.md", GOOD)
    write(tmp_path, "z.md", "---\nkind: faq\n")
    bases, problems = load_all(tmp_path)
    assert len(bases["kb"].units) == 2
    assert any("en-tête non fermé" in p.message for p in problems)


def test_shipped_knowledge_is_valid() -> None:
    bases, problems = load_all(ROOT / "knowledge")
    assert problems == []
    assert set(bases) == {"sg-autorepondeur", "sfr-acn"}
    for kb in bases.values():
        for unit in kb.units:
            assert unit.answer and unit.title and unit.source and len(unit.phrasings) >= 5


def test_an_id_longer_than_the_database_column_is_refused(tmp_path: Path) -> None:
    anchor = "a" * 130
    write(tmp_path, "a.md", GOOD.replace("{#rib}", "{#" + anchor + "}"))
    bases, problems = load_all(tmp_path)
    assert [u.id for u in bases["kb"].units] == ["kb/factures"]
    assert any("trop long (128 caractères au plus)" in p.message for p in problems)


def test_a_base_name_longer_than_the_database_allows_is_refused(tmp_path: Path) -> None:
    long_name = "centre-d-aide-" + "x" * 40  # 54 characters: a published entry would not fit
    write(tmp_path, "a.md", GOOD, base=long_name)
    write(tmp_path, "a.md", GOOD, base="kb")
    bases, problems = load_all(tmp_path)
    assert sorted(bases) == ["kb"]
    [problem] = problems
    assert problem.path == long_name and "trop long (48 caractères au plus)" in problem.message
    assert problem.severity == "error"


def test_a_file_saved_with_a_bom_and_crlf_loads(tmp_path: Path) -> None:
    write(tmp_path, "a.md", ("\ufeff" + GOOD).replace("\n", "\r\n").encode("utf-8"))
    bases, problems = load_all(tmp_path)
    assert problems == [] and len(bases["kb"].units) == 2
