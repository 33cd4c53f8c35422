"""French texts of the command line."""

MESSAGES: dict[str, str] = {
    "cli.description": "Bot de support communautaire : FAQ, communauté, tickets privés.",
    "cli.ask.answer": "{answer}\n\nSource : {source}  (score {score:.0f}, {unit_id})",
    "cli.ask.suggestions": "Pas de réponse sûre. Suggestions :",
    "cli.ask.suggestion": "  {n}. {title}  (score {score:.0f}, {unit_id})",
    "cli.ask.nothing": "Pas de réponse dans les connaissances : la question irait aux humains.",
    "cli.ask.smalltalk": "(message sans question : {reason})",
    "cli.kb.ok": "Connaissances valides : {summary}.",
    "cli.kb.problems": "{count} problème(s) trouvé(s).",
    "cli.kb.unknown": "Base inconnue : {kb}. Bases disponibles : {names}.",
    "cli.eval.summary": (
        "{total} questions ({answerable} avec réponse attendue) : "
        "{correct:.1f} % correctes, {false:.1f} % fausses réponses, {routed:.1f} % transmises"
    ),
    "cli.bench.cached": (
        "  index enregistré (INDEX_CACHE_DIR) : rechargé en {seconds:.2f} s, {mb:.0f} Mo"
    ),
    "cli.eval.curve_header": "seuil  correctes %  fausses %  transmises %",
    "cli.eval.curve_row": "{threshold:5.2f}  {right:11.1f}  {false:9.1f}  {routed:12.1f}",
    "cli.eval.fit": (
        "Barrière écrite dans {path} (seuils : requête {query:.2f}, message de chat {chat:.2f})."
    ),
    "cli.eval.curve_chosen": "seuil retenu ({kinds})",
    "cli.eval.fit_header": (
        "ensemble        ajusté (correctes / fausses %)   k-fold   ensemble laissé de côté"
    ),
    "cli.eval.fit_row": (
        "{name:<15} {right_in:5.1f} / {false_in:4.1f}                  "
        "{right_k:5.1f} / {false_k:4.1f}   {right_out:5.1f} / {false_out:4.1f}"
    ),
    "cli.eval.miss": "  ligne {line} [{verdict}] {question!r} -> {unit} ({score})",
    "cli.error": "Erreur : {error}",
    "cli.settings": "Réglage invalide : {error}",
    "cli.no_slack": (
        "Pas de jetons Slack (SLACK_BOT_TOKEN, SLACK_APP_TOKEN) : chat local en console."
    ),
    "cli.report.title": "Activité depuis le {since} ({days} jours)",
    "cli.report.questions": (
        "Questions publiques : {questions}, dont {answered} répondues par le bot ({pct:.0f} %) "
        "et {unanswered} sans réponse sûre."
    ),
    "cli.report.community": (
        "Communauté : publiées {threads}, avec au moins une réponse {answered}, résolues {solved}."
    ),
    "cli.report.tickets": (
        "Tickets privés : {tickets}, encore ouverts {open}, répondus {answered}, "
        "escaladés {escalated}, urgences majeures {emergency}."
    ),
    "cli.report.to_improve": "Questions sans réponse sûre (à couvrir dans knowledge/) :",
    "cli.report.to_improve_row": "  {times}× {question}",
    "cli.report.feedback": "Avis sur les réponses (👍 / 👎) :",
    "cli.report.feedback_row": "  {unit}  👍 {helped}  👎 {not_helped}",
    "cli.report.none": "  (rien)",
    "cli.report.db": "Base de données injoignable : {error}",
    # settings (shown to whoever runs the bot)
    "settings.pairs": "{name} : « {item} » n'est pas de la forme CANAL=base",
    "settings.rate": "{name} doit être une part entre 0 et 1, par exemple 0.03 (reçu « {raw} »)",
    "settings.int": "{name} doit être un nombre entier (reçu « {raw} »)",
    "settings.number": "{name} doit être un nombre (reçu « {raw} »)",
    "settings.calendar": "SLA_CALENDAR doit valoir business ou always (reçu « {value} »)",
    "settings.country": (
        "SLA_COUNTRY/SLA_SUBDIVISION : « {country}/{subdivision} » inconnu du paquet holidays "
        "({error})"
    ),
    "settings.closed_day": (
        "SLA_CLOSED_DAYS : « {item} » n'est ni une date AAAA-MM-JJ ni une plage "
        "AAAA-MM-JJ..AAAA-MM-JJ"
    ),
    "settings.closed_range": "SLA_CLOSED_DAYS : la plage « {item} » finit avant de commencer",
    "settings.hours": (
        "SLA_OPENING_HOUR et SLA_CLOSING_HOUR : il faut 0 ≤ ouverture < fermeture ≤ 24 "
        "(reçu {opening} et {closing})"
    ),
    "settings.sla_hours": (
        "SLA_TARGET_HOURS et SLA_DEADLINE_HOURS : il faut 0 < rappel ≤ échéance "
        "(reçu {target} et {deadline})"
    ),
    "cli.positive": "{value} : un nombre entier d'au moins 1 est attendu",
    "settings.positive": "{name} doit être un nombre entier positif",
    "settings.not_negative": "{name} doit être un nombre entier positif ou nul",
    "settings.urgent_hours": (
        "SLA_URGENT_HOURS ({urgent}) doit être compris entre 1 et SLA_DEADLINE_HOURS ({deadline})"
    ),
    "settings.log_level": "LOG_LEVEL doit valoir DEBUG, INFO, WARNING ou ERROR (reçu « {value} »)",
    "settings.timezone": "SLA_TIMEZONE : fuseau « {tz} » inconnu",
    "settings.no_open_day": "aucun jour ouvré dans les dix ans : vérifiez SLA_CLOSED_DAYS",
    # evaluation files
    "eval.unreadable": "{path}:{line}: ligne illisible ({error})",
    "eval.shape": "{path}:{line}: q doit être un texte et expect une liste ou null",
    "cli.kb.base_summary": "{name} ({count} unités, {gaps} lacunes connues)",
    "cli.kb.course": (
        "Formation de {name} : {chapters} chapitres, dont {known} avec leurs sections dans la base."
    ),
    "settings.digest_day": (
        "DIGEST_DAY doit être un jour (mon..sun ou lundi..dimanche), reçu « {value} »"
    ),
    "settings.digest_hour": "DIGEST_HOUR doit être une heure de 0 à 23 (reçu {value})",
    # python -m bot --help: commands and their arguments (bot/cli_parser.py)
    "cli.help.metavar": "COMMANDE",
    "cli.help.action": "ACTION",
    "cli.help.kb_option": "base de connaissances (défaut : toutes)",
    "cli.help.dir": "dossier (défaut : KNOWLEDGE_DIR)",
    "cli.help.ask": "répondre à une question (ou '-' : une par ligne sur stdin)",
    "cli.help.ask.question": "la question, ou - pour lire stdin",
    "cli.help.ask.json": "une ligne JSON par question",
    "cli.help.eval": "mesurer le matching sur un fichier JSONL étiqueté",
    "cli.help.eval.file": "fichier(s) au format de shared/eval/dev.jsonl",
    "cli.help.eval.curve": (
        "afficher %% correctes et %% fausses réponses à chaque seuil de la barrière"
    ),
    "cli.help.eval.fit": (
        "ajuster la barrière sur ces fichiers et l'écrire (bot/matching/gate.json)"
    ),
    "cli.help.kb": "outils des connaissances",
    "cli.help.kb.check": "valider les fichiers de connaissances",
    "cli.help.kb.export": "écrire les entrées publiées en fichiers",
    "cli.help.chat": "chat local en console (une question par ligne)",
    "cli.help.bench": "mesurer latence, construction et mémoire du matching",
    "cli.help.bench.sizes": "tailles synthétiques",
    "cli.help.bench.queries": "questions par mesure",
    "cli.help.report": "activité : réponses, questions à couvrir, tickets",
    "cli.help.report.days": "période en jours (défaut : 30)",
    "cli.help.report.limit": "lignes par liste (défaut : 15)",
    "cli.help.run": "Slack en Socket Mode si jetons, sinon chat console",
    "cli.help.discord": "bot Discord (DISCORD_BOT_TOKEN), jusqu'à SIGTERM",
    "cli.help.serve": "Slack en mode HTTP (POST /slack/events, GET /healthz)",
    "cli.help.serve.workers": (
        "processus gunicorn (défaut : un par cœur ; 0 : serveur intégré, un seul processus)"
    ),
    "cli.help.stats": "chiffres de la semaine (comme le point hebdomadaire)",
    "cli.help.stats.days": "période en jours (défaut : 7)",
    "cli.help.stats.limit": "questions manquées listées",
    "cli.help.bench_learning": "coût de la fraîcheur des entrées publiées",
    "cli.help.bench_learning.db": "URL de base (défaut : un fichier SQLite temporaire)",
}
