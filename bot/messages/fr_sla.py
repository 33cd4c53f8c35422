"""French texts of the SLA clock: due-time wording, closed-day reasons, notifier and CLI output."""

MESSAGES: dict[str, str] = {
    # calendar: why a day does not count
    "sla.reason.weekend": "week-end",
    "sla.reason.leave": "congé",
    # wording (weekday and month names, comma-separated, Monday first / January first)
    "sla.weekdays": "lundi,mardi,mercredi,jeudi,vendredi,samedi,dimanche",
    "sla.months": (
        "janvier,février,mars,avril,mai,juin,juillet,août,septembre,octobre,novembre,décembre"
    ),
    "sla.first_of_month": "1er",
    "sla.time": "{hour} h",
    "sla.time_minutes": "{hour} h {minute:02d}",
    "sla.when": "{weekday} {day} {month} à {time}",
    "sla.due.business": "au plus tard {when} ; week-ends et jours fériés exclus",
    "sla.due.always": "au plus tard {when} ; délai compté 24 h sur 24, 7 jours sur 7",
    # console notifier
    "sla.notify.remind": (
        "[rappel] Ticket #{id} ({urgency}) de {asker} : réponse attendue {due}.\n  {text}"
    ),
    "sla.notify.escalate": (
        "[escalade] Ticket #{id} ({urgency}) de {asker} : délai dépassé ({due}).\n  {text}"
    ),
    # CLI
    "sla.cli.help": "calcule le rappel et l'échéance d'une question privée",
    "sla.cli.from": (
        "arrivée de la question (ISO, heure locale si sans fuseau ; défaut : maintenant)"
    ),
    "sla.cli.calendar": "calendrier : business (jours ouvrés) ou always (24 h/24, 7 j/7)",
    "sla.cli.urgency": "urgence du ticket (major impose le calendrier always)",
    "sla.cli.hours": "délai d'escalade en heures (défaut : SLA_DEADLINE_HOURS)",
    "sla.cli.target_hours": "délai du rappel en heures (défaut : SLA_TARGET_HOURS)",
    "sla.cli.closed": "jours fermés en plus de SLA_CLOSED_DAYS (même format)",
    "sla.cli.db": "ajoute les absences déclarées depuis Slack (lit DATABASE_URL)",
    "sla.cli.bad_from": "--from : « {value} » n'est pas une date ISO (ex. 2026-12-24T17:00)",
    "sla.cli.bad_hours": (
        "--hours et --target-hours doivent être des nombres positifs d'au plus 8760 (un an)"
    ),
    "sla.cli.db_error": "Base de données illisible (--db) : {error}",
    "sla.cli.start": "Arrivée    : {iso}  ({when})",
    "sla.cli.calendar_line": "Calendrier : {kind} ({country}{subdivision}, {tz})",
    "sla.cli.target": "Rappel     : {iso}  ({hours} h)",
    "sla.cli.reminder_sent": "  envoyé   : {iso}  (heures d'ouverture {opening} h – {closing} h)",
    "sla.cli.due": "Échéance   : {iso}  ({hours} h)",
    "sla.cli.phrase": "Au demandeur : {phrase}",
    "sla.cli.skipped": "Jours non comptés ({count}) :",
    "sla.cli.skipped_day": "  {day}  {weekday:<9} {reason}",
    "sla.cli.none_skipped": "Jours non comptés : aucun",
}
