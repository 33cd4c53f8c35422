"""French texts of the knowledge checker (`python -m bot kb check`), read by the support lead."""

MESSAGES: dict[str, str] = {
    "kb.no_header": "en-tête manquant : le fichier doit commencer par ---",
    "kb.bad_header_line": "ligne d'en-tête illisible : « {line} »",
    "kb.unclosed_header": "en-tête non fermé : il manque la ligne ---",
    "kb.unreadable": "lecture impossible : {error}",
    "kb.too_big": "fichier trop gros ({size} octets)",
    "kb.not_utf8": "le fichier n'est pas en UTF-8 ({reason})",
    "kb.binary": "fichier binaire : caractère NUL",
    "kb.bad_kind": "kind doit valoir faq ou chapter (reçu « {kind} »)",
    "kb.no_source": "source manquante dans l'en-tête",
    "kb.no_sections": "aucune section « ## Titre {{#id}} »",
    "kb.no_id": "section « {title} » sans identifiant {{#id}}",
    "kb.long_id": "identifiant {id} trop long ({limit} caractères au plus)",
    "kb.severity.error": "erreur",
    "kb.severity.warning": "avertissement",
    "kb.long_base": (
        "nom de base « {name} » trop long ({limit} caractères au plus) : base non chargée, "
        "renommez le dossier"
    ),
    "kb.bad_id": "identifiant « {anchor} » : minuscules, chiffres, -",
    "kb.variant_format": "sous « Variantes : », une variante par ligne « - ... »",
    "kb.empty_answer": "« {title} » : réponse vide",
    "kb.base_toml": "base.toml : {error}",
    "kb.base_products": "base.toml : `products` doit être une liste de noms entre guillemets",
    "kb.bad_link": "lien vers #{target} introuvable",
    "kb.vocab_format": (
        "vocabulaire : une règle par ligne « - mot du client, autre mot -> mot de la base »"
    ),
    "kb.vocab_empty": "vocabulaire : un côté de la règle est vide (ou sans lettres)",
    "kb.vocab_same": "vocabulaire : « {word} » renvoie à lui-même",
    "kb.vocab_twice": (
        "vocabulaire : « {word} » renvoie déjà à « {first} » (ligne {line}) ; un mot du client "
        "ne peut renvoyer qu'à un seul mot de la base"
    ),
    "kb.no_dir": "dossier de connaissances introuvable",
    "kb.empty_base": "base sans aucune unité",
    "kb.duplicate_id": "identifiant {id} déjà utilisé ({path}:{line})",
}

MESSAGES.update(
    {
        "kb.course.unreadable": "course.toml illisible : {error}",
        "kb.course.no_levels": "course.toml : aucun niveau [[levels]]",
        "kb.course.bad_level": (
            "course.toml : chaque niveau a un nom et un nombre de chapitres (≥ 1)"
        ),
        "kb.course.bad_number": "course.toml : numéro de chapitre entre 1 et {total} attendu",
        "kb.course.duplicate": "course.toml : chapitre {number} déclaré deux fois",
        "kb.course.bad_section": "course.toml : section #{anchor} introuvable dans la base",
        "kb.intake.unreadable": "intake.toml illisible : {error}",
        "kb.intake.bad_field": (
            "intake.toml : champ « {id} » invalide (id en minuscules, label, type text ou files)"
        ),
        "kb.intake.duplicate": "intake.toml : champ « {id} » déclaré deux fois",
        "kb.intake.no_fields": "intake.toml : aucun champ [[fields]]",
    }
)
