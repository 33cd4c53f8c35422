"""French texts of the Slack adapter (buttons, cards, forms, home tab, notices)."""

MESSAGES: dict[str, str] = {
    # how things are done on Slack, inside the flows' texts (Renderer.hint)
    "slack.hint.reply": "répondez dans le fil de ce message",
    "slack.hint.open_ticket": "écrivez simplement dans son fil",
    "slack.hint.new_question": "en m'écrivant hors de ce fil",
    # answers and choices
    "slack.answer.source": "📖 Source : {source}",
    "slack.suggestions.intro": (
        "Je ne suis pas sûr d'avoir compris. Une de ces réponses correspond-elle à votre question ?"
    ),
    "slack.suggestions.see": "Voir la réponse",
    "slack.choices.intro": "Votre question n'est pas résolue ? Vous pouvez :",
    "slack.button.helped": "👍 Ça m'a aidé",
    "slack.button.not_solved": "👎 Pas résolu",
    "slack.button.community": "Demander à la communauté",
    "slack.button.private": "Demander au support en privé",
    "slack.button.publish": "Publier dans la communauté",
    "slack.button.send_private": "Envoyer en privé au support",
    "slack.button.add_to_ticket": "Ajouter à mon ticket n°{id}",
    "slack.button.reopen": "Rouvrir le ticket",
    "slack.button.solved": "✅ C'est résolu",
    "slack.button.reply": "Répondre",
    "slack.button.close": "Ticket résolu",
    # community
    "slack.community.title": "Question de <@{asker}>",
    "slack.community.help": (
        "Vous connaissez la réponse ? Répondez dans le fil de ce message. "
        "<@{asker}> pourra marquer la question comme résolue (bouton ou réaction ✅)."
    ),
    "slack.community.fallback": "Question de la communauté posée par <@{asker}>",
    "slack.community.answered": (
        "<@{responder}> a répondu à votre question dans la communauté : "
        "<{link}|voir la réponse>.\nSi c'est résolu, cliquez sur le bouton "
        "ou ajoutez la réaction ✅ au message de la question."
    ),
    "slack.community.answered.nolink": (
        "<@{responder}> a répondu à votre question dans la communauté.\nSi c'est résolu, "
        "cliquez sur le bouton ou ajoutez la réaction ✅ au message de la question."
    ),
    "slack.community.solved": "✅ Question résolue — merci à toutes celles et ceux qui ont aidé !",
    "slack.community.solved_title": "✅ Résolue — question de <@{asker}>",
    # question form (the help center's wording)
    "slack.form.title": "Poser une question",
    "slack.form.submit": "Envoyer",
    "slack.form.cancel": "Annuler",
    "slack.form.question": "Votre question",
    "slack.form.question_hint": "Décrivez votre problème le plus précisément possible.",
    "slack.form.private_label": "Question privée",
    "slack.form.private_option": "Ma question est privée",
    "slack.form.private_option_hint": "Seul le support SG la verra.",
    "slack.form.private_wording": (
        "Si vous ne souhaitez pas qu'elle soit diffusée au sein de la communauté SG, "
        "cochez cette case."
    ),
    "slack.form.private_description": (
        "En cochant cette case, aucun utilisateur ne pourra voir votre question : "
        "seul le support SG la recevra et vous répondra en message privé."
    ),
    "slack.form.urgency": "Urgence",
    "slack.urgency.normal": "Normale",
    "slack.urgency.urgent": "Urgente",
    "slack.urgency.major": "Urgence majeure",
    "slack.urgency_hint.normal": "Réponse sous {deadline} h ouvrées au plus",
    "slack.urgency_hint.urgent": "Réponse sous {hours} h ouvrées au plus",
    "slack.urgency_hint.major": "Tout est bloqué : l'astreinte est prévenue, jour et nuit",
    "slack.form.reply_empty": "Écrivez votre réponse.",
    # tickets
    "slack.ticket.title": "🎫 Ticket n°{id} — {urgency}",
    "slack.ticket.fallback": "Nouveau ticket privé n°{id} de <@{asker}>",
    "slack.ticket.asker": "*Demandeur*\n<@{asker}>",
    "slack.ticket.urgency": "*Urgence*\n{urgency}",
    "slack.ticket.received": "*Reçu*\n{received}",
    "slack.ticket.due": "*Réponse attendue*\n{due}",
    "slack.ticket.status": "*État*\n{status}",
    "slack.ticket.status.open": "Ouvert",
    "slack.ticket.status.waiting_customer": "En attente du demandeur",
    "slack.ticket.status.answered": "Répondu",
    "slack.ticket.status.closed": "Résolu",
    "slack.ticket.reply_title": "Réponse au n°{id}",  # Slack: 24 characters at most
    "slack.ticket.reply_label": "Votre réponse (envoyée en message privé au demandeur)",
    "slack.ticket.reply_question": "*Question de <@{asker}>*\n{question}",
    "slack.ticket.relay": "💬 *Réponse du support* (ticket n°{id}) :\n{text}",
    "slack.ticket.relay_hint": (
        "Répondez ici si vous avez besoin de précisions ; cliquez sur le bouton si c'est résolu."
    ),
    # escalation (SLA notifier)
    "slack.escalation.title": "🚨 Escalade — ticket n°{id} ({urgency})",
    "slack.escalation.fallback": "Escalade du ticket n°{id} de <@{asker}>",
    "slack.escalation.summary": (
        "Le ticket de <@{asker}> reçu {received} n'a pas eu de réponse dans les délais "
        "(réponse attendue {due}). Responsable : {lead}."
    ),
    "slack.escalation.major": (
        "Urgence majeure déclarée par <@{asker}> {received} : à traiter immédiatement. "
        "Responsable : {lead}."
    ),
    "slack.escalation.hidden": (
        "_Question privée : son texte n'est pas affiché dans ce canal ; "
        "il est dans le message privé du responsable._"
    ),
    "slack.nobody": "non configuré",
    # absence
    # running
    "slack.run.missing": "Paramètres manquants pour Slack : {names} (voir .env.example).",
    "slack.run.unset": (
        "{name} n'est pas réglé : la partie du bot qui en dépend restera muette "
        "(voir .env.example)."
    ),
    "slack.run.refused": (
        "Slack refuse la connexion ({error}) : vérifiez SLACK_BOT_TOKEN et SLACK_APP_TOKEN "
        "(voir .env.example)."
    ),
    "slack.run.unreachable": (
        "Impossible de joindre Slack à {url} ({error}) : vérifiez le réseau et SLACK_API_URL."
    ),
    "slack.run.app_token_refused": (
        "Slack refuse la connexion Socket Mode ({error}) : vérifiez SLACK_APP_TOKEN (un jeton "
        "xapp-… avec la portée connections:write, voir .env.example)."
    ),
    "slack.run.socket": "Bot Slack connecté en Socket Mode.",
    "slack.run.http": "Bot Slack à l'écoute sur http://{host}:{port}/slack/events",
    "slack.form.urgency_hint": (
        "Pour une question privée : l'urgence détermine le délai de réponse du support."
    ),
    # generic
    "slack.help": (
        "Posez votre question en message privé, en me mentionnant ou avec `{command}` "
        "(formulaire, question privée possible)."
    ),
    "slack.invalid_request": "Requête invalide.",
    "slack.invalid_signature": "Signature Slack absente, invalide ou périmée.",
    "slack.too_large": "Requête trop volumineuse.",
    "slack.ok": "ok",
    "slack.unavailable": "base de données indisponible",
    # App Home
    "slack.home.title": "Bienvenue dans l'aide du centre SG 👋",
    "slack.home.intro": (
        "Je réponds aux questions à partir de la documentation. Si je ne trouve pas, "
        "la communauté ou le support prennent le relais."
    ),
    "slack.home.how": (
        "*Comment poser une question ?*\n"
        "• en m'écrivant ici, dans l'onglet *Messages* ;\n"
        "• en me mentionnant dans un canal d'aide ;\n"
        "• avec la commande `{command}` (formulaire)."
    ),
    "slack.home.public": (
        "*Public par défaut* : une question sans réponse est publiée dans le canal de la "
        "communauté, votre nom et votre question sont visibles de tous les membres ; en message "
        "privé, je vous demande d'abord si vous voulez la publier. "
        "Vous êtes prévenu dès qu'un membre répond ; marquez-la résolue d'un clic ou d'un ✅."
    ),
    "slack.home.private": (
        "*Question privée* : dans le formulaire `{command}`, cochez « Question privée ». "
        "Seul le support la voit et vous répond en message privé, avec un délai garanti "
        "(week-ends et jours fériés exclus, sauf urgence majeure)."
    ),
}
