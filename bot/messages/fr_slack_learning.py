"""French texts of the Slack side of the knowledge that grows, the training and the Homes."""

MESSAGES: dict[str, str] = {
    # drafts and phrasings (to the lead)
    "slack.draft.entry_title": "Brouillon de FAQ n°{id}",
    "slack.draft.phrasing_title": "Nouvelle formulation n°{id}",
    "slack.draft.entry_body": (
        "Une réponse de la communauté a été acceptée comme solution.\n"
        "*Question*\n{question}\n*Réponse acceptée*\n{answer}"
    ),
    "slack.draft.phrasing_body": (
        "Un client a trouvé sa réponse dans une entrée existante. Sa formulation :\n{wording}\n"
        "*Entrée* : « {unit} ». Approuvée, elle sera reconnue directement la prochaine fois."
    ),
    "slack.draft.thread": "Fil de la communauté : {link}",
    "slack.draft.from_ticket": (
        "Depuis le ticket privé n°{id}, anonymisé par vous, avec l'accord du client."
    ),
    "slack.draft.publish": "Publier",
    "slack.draft.edit": "Modifier",
    "slack.draft.ignore": "Ignorer",
    "slack.draft.status.published": "✅ Publié par {by} : le bot y répond désormais.",
    "slack.draft.status.ignored": "Ignoré par {by}.",
    "slack.draft.status.refused": "Le client n'a pas donné son accord : rien n'est publié.",
    "slack.draft.status.consent": "En attente de l'accord du client.",
    "flow.draft.published": "Publié : le bot répond désormais à cette question.",
    "flow.draft.already": "Ce brouillon a déjà été traité.",
    "slack.draft.form_title": "Modifier le brouillon",
    "slack.draft.form_question": "Question (titre de l'entrée)",
    "slack.draft.form_answer": "Réponse",
    "slack.draft.form_submit": "Publier",
    # a resolved private ticket -> FAQ (anonymised by the lead, with the asker's consent)
    "slack.draft.to_faq": "Proposer en FAQ",
    "slack.draft.ticket_form_title": "Ticket en FAQ",
    "slack.draft.ticket_form_hint": (
        "Anonymisez la question et la réponse : aucun nom, numéro, adresse ni détail personnel. "
        "Le client verra ce texte et devra donner son accord avant que le brouillon vous revienne."
    ),
    "slack.draft.ticket_form_submit": "Demander l'accord",
    "flow.draft.consent_sent": (
        "Le texte anonymisé est envoyé au client (ticket n°{id}) : le brouillon vous reviendra "
        "s'il est d'accord."
    ),
    "slack.draft.consent": (
        "Le responsable du support aimerait ajouter votre question (ticket n°{id}) à la FAQ, "
        "sous cette forme anonymisée :\n*Question*\n{question}\n*Réponse*\n{answer}\n"
        "Êtes-vous d'accord ? Sans votre accord, rien n'est publié."
    ),
    "slack.draft.consent_yes": "J'accepte",
    "slack.draft.consent_no": "Je refuse",
    "flow.draft.consent_thanks": (
        "Merci ! Le responsable du support relira l'entrée avant de la publier."
    ),
    "flow.draft.consent_refused": "C'est noté : votre question ne sera pas publiée.",
    "flow.draft.consent_done": "Vous avez déjà répondu à cette demande.",
    # intake
    "slack.intake.private_only": (
        "Ces informations sont personnelles : cochez « Question privée » pour les transmettre "
        "au seul support, ou videz ces champs."
    ),
    # training
    "slack.formation.mark": "Marquer un chapitre comme consulté",
    "slack.formation.hint": (
        "Une question sur un chapitre ? Posez-la avant de passer au suivant : "
        "message privé au bot ou {command}."
    ),
    "slack.formation.none": "Aucune formation n'est déclarée pour le moment.",
    # the lead's ticket list (/question tickets)
    "slack.tickets.none": "Aucun ticket ouvert. 🎉",
    "slack.tickets.title": "*Tickets ouverts* ({count}), les plus en retard d'abord :",
    "slack.tickets.row": "{flag}n°{id} — {asker} — {urgency} — échéance {due} — {status}",
    "slack.tickets.overdue": "⚠️ en retard — ",
    # Homes
    "slack.home.mine": "*Vos questions*",
    "slack.home.no_questions": "Vous n'avez pas encore posé de question.",
    "slack.home.question_row": "{status} — {text}",
    "slack.home.q.answered": "✅ réponse du bot",
    "slack.home.q.suggested": "💡 sans réponse sûre",
    "slack.home.q.flooded": "⏸️ non traitée (trop de messages à la fois)",
    "slack.home.q.community": "👥 dans la communauté",
    "slack.home.q.community_answered_one": "👥 dans la communauté (1 réponse)",
    "slack.home.q.community_answered": "👥 dans la communauté ({count} réponses)",
    "slack.home.q.solved": "✅ résolue",
    "slack.home.my_tickets": "*Vos questions privées*",
    "slack.home.ticket_row": "n°{id} — {status} — {text}",
    "slack.home.t.open": "🟡 ouverte, réponse attendue {due}",
    "slack.home.t.waiting_customer": "💬 en attente de votre réponse",
    "slack.home.t.answered": "✉️ réponse reçue",
    "slack.home.t.closed": "✔️ résolue",
    "slack.home.training": "*Votre formation*",
    "slack.home.lead_title": "Tableau de bord du support",
    "slack.home.lead_tickets": "*Tickets ouverts* (les plus en retard d'abord)",
    "slack.home.lead_unanswered": "*Questions de la communauté sans réponse*",
    "slack.home.lead_drafts": "*Brouillons et formulations en attente*",
    "slack.home.lead_week": "*Les chiffres de la semaine*",
    "slack.home.none": "Rien pour le moment.",
    "slack.home.draft_row": "{kind} n°{id} — {text}",
    "slack.home.kind.entry": "FAQ",
    "slack.home.kind.phrasing": "Formulation",
}
