"""French texts of the knowledge that grows, training progress, the Homes and the weekly figures."""

MESSAGES: dict[str, str] = {
    # published entries
    "learning.source": "FAQ de la communauté (validée par le support)",
    "learning.path": "base de données (publié depuis Slack)",
    "learning.file_title": "FAQ de la communauté",
    # training
    "training.title": "*{title}* : {done} / {total} chapitres consultés",
    "training.chapter_titled": "Chapitre {number} « {title} » ({level})",
    "training.chapter": "Chapitre {number} ({level})",
    "training.line": "{chapter} — {mark}",
    "training.consulted": "👁 consulté",
    "training.to_consult": "🙈 à consulter",
    "training.next": "Prochain chapitre : {chapter}",
    "training.all_done": "Vous avez consulté tous les chapitres. Bravo !",
    "training.marked": "{chapter} est marqué comme consulté.",
    "training.end_of_chapter": (
        "Si tout est clair, passez au chapitre suivant ; sinon, posez votre question avant "
        "d'avancer."
    ),
    "training.no_course": "Aucune formation n'est déclarée dans la base de connaissances.",
    "training.unknown_chapter": "Ce chapitre n'existe pas : choisissez un numéro de 1 à {total}.",
    # console
    "console.learning.entry": "[brouillon de FAQ n°{id}]",
    "console.learning.phrasing": "[nouvelle formulation n°{id}]",
    "console.learning.consent": (
        "Le support aimerait publier votre question, anonymisée :\n{question}\n{answer}"
    ),
    "console.learning.ticket": "Ticket n°{id} : {status}",
    "console.learning.mark": "Tapez /formation N pour marquer le chapitre N comme consulté.",
    # weekly figures
    "stats.period": "Période du {since} au {until}",
    "stats.questions": "Questions publiques : {count}",
    "stats.by_bot": "Répondues par le bot : {count} ({pct:.0f} %)",
    "stats.by_community": "Répondues par la communauté : {count} ({pct:.0f} %)",
    "stats.median": "Délai médian de la première réponse de la communauté : {delay}",
    "stats.tickets": "Questions privées : {count}, dont {late} hors délai ({pct:.0f} %)",
    "stats.drafts": "Brouillons de FAQ et formulations en attente : {count}",
    "stats.missed": "Questions le plus souvent sans réponse (réponses à rédiger en priorité) :",
    "stats.missed_row": "  {times} × {question}",
    "stats.none": "  (aucune)",
    "stats.minutes": "{minutes} min",
    "stats.hours": "{hours} h {minutes}",
    "stats.db": "Base de données inaccessible : {error}",
    "digest.title": "Le point de la semaine",
    # kb export
    "export.written": "{count} entrée(s) publiée(s) écrite(s) dans {path}",
    "export.none": "Aucune entrée publiée à exporter.",
    "export.phrasings": (
        "Formulations approuvées pour les unités des fichiers (à ajouter sous « Variantes : ») :"
    ),
    "export.phrasing_row": "  {unit} : - {text}",
}
