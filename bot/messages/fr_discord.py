"""French texts of the Discord adapter (buttons, cards, the /question command, start-up)."""

MESSAGES: dict[str, str] = {
    # how things are done on Discord, inside the flows' texts (Renderer.hint)
    "discord.hint.reply": "répondez à ce message (« Répondre »)",
    "discord.hint.open_ticket": "répondez simplement au message qui le confirme",
    "discord.hint.new_question": "en m'écrivant sans répondre à ce message",
    # answers and choices
    "discord.answer.source": "📖 Source : {source}",
    "discord.suggestions.intro": (
        "Je ne suis pas sûr d'avoir compris. Une de ces réponses correspond-elle à votre question ?"
    ),
    "discord.suggestions.item": "{n}. {title}",
    "discord.button.helped": "👍 Ça m'a aidé",
    "discord.button.not_solved": "👎 Pas résolu",
    "discord.button.community": "Demander à la communauté",
    "discord.button.private": "Demander au support en privé",
    "discord.button.publish": "Publier dans la communauté",
    "discord.button.send_private": "Envoyer en privé au support",
    "discord.button.add_to_ticket": "Ajouter à mon ticket n°{id}",
    "discord.button.reopen": "Rouvrir le ticket",
    "discord.button.see": "Voir la réponse {n}",
    "discord.button.solved": "✅ C'est résolu",
    "discord.button.reply": "Répondre",
    "discord.button.close": "Ticket résolu",
    # community
    "discord.community.title": "**Question de {asker}**",
    "discord.community.solved_title": "✅ **Résolue** — question de {asker}",
    "discord.community.help": (
        "Vous connaissez la réponse ? Répondez dans ce fil. {asker} pourra marquer la question "
        "comme résolue (bouton ou réaction ✅)."
    ),
    "discord.community.answered": (
        "{responder} a répondu à votre question dans la communauté : {link}\n"
        "Si c'est résolu, cliquez sur le bouton ou ajoutez la réaction ✅ à la question."
    ),
    "discord.community.answered.nolink": (
        "{responder} a répondu à votre question dans la communauté.\n"
        "Si c'est résolu, cliquez sur le bouton ou ajoutez la réaction ✅ à la question."
    ),
    # tickets
    "discord.ticket.title": "🎫 **Ticket n°{id}** — {urgency}",
    "discord.ticket.facts": (
        "Demandeur : {asker}\nReçu : {received}\nRéponse attendue : {due}\nÉtat : {status}"
    ),
    "discord.ticket.how": (
        "Pour répondre : bouton « Répondre », ou répondez à ce message (clic droit › Répondre). "
        "Votre réponse part en message privé au demandeur."
    ),
    "discord.ticket.relay": "💬 **Réponse du support** (ticket n°{id}) :\n{text}",
    "discord.ticket.relay_hint": (
        "Vous pouvez répondre ici ; cliquez sur « C'est résolu » quand tout est réglé."
    ),
    "discord.urgency.normal": "Normale",
    "discord.urgency.urgent": "Urgente",
    "discord.urgency.major": "Urgence majeure",
    "discord.status.open": "Ouvert",
    "discord.status.waiting_customer": "En attente du demandeur",
    "discord.status.answered": "Répondu",
    "discord.status.closed": "Résolu",
    "discord.escalation.title": "🚨 **Escalade — ticket n°{id}** ({urgency})",
    "discord.escalation.summary": (
        "Question privée de {asker} reçue {received}, toujours sans réponse "
        "(réponse attendue {due}). Responsable : {lead}."
    ),
    "discord.escalation.major": (
        "Urgence majeure déclarée par {asker} {received} : à traiter immédiatement. "
        "Responsable : {lead}."
    ),
    "discord.escalation.hidden": (
        "*Question privée : son texte n'est pas affiché ici ; il est dans le message privé du "
        "responsable.*"
    ),
    "discord.nobody": "non configuré",
    # forms and the command
    "discord.command.description": (
        "Poser une question au support (option « privee » : elle reste entre vous et le support)"
    ),
    "discord.command.texte": "Votre question",
    "discord.command.privee": "Question privée : seul le support la verra",
    "discord.command.urgence": "Pour une question privée : le délai de réponse du support",
    "discord.form.private_title": "Question privée au support",
    "discord.form.private_label": "Votre question (seul le support la verra)",
    "discord.form.private_placeholder": (
        "Laissez vide pour envoyer votre question telle que vous l'avez posée."
    ),
    "discord.form.reply_title": "Répondre au ticket n°{id}",
    "discord.form.reply_label": "Votre réponse (envoyée en privé au demandeur)",
    "discord.ack.private": (
        "C'est noté : votre question privée est transmise au support. La suite se passe dans "
        "vos messages privés avec le bot."
    ),
    "discord.ack.public": "Je vous réponds en message privé.",
    "discord.ack.done": "C'est fait.",
    "discord.ack.dm": "Je vous ai répondu en message privé.",
    "discord.ack.already_private": "Cette question est déjà transmise en privé au support.",
    "discord.ack.reply_sent": "Réponse envoyée au demandeur.",
    # start-up
    "discord.run.missing": "Paramètres manquants pour Discord : {names} (voir .env.example).",
    "discord.run.unset": (
        "{name} n'est pas réglé : la partie du bot qui en dépend restera muette "
        "(voir .env.example)."
    ),
    "discord.run.refused": (
        "Discord refuse la connexion ({error}) : vérifiez DISCORD_BOT_TOKEN (voir .env.example)."
    ),
    "discord.run.unreachable": (
        "Impossible de joindre Discord à {url} ({error}) : vérifiez le réseau et DISCORD_API_URL."
    ),
    "discord.run.connected": "Bot Discord connecté au serveur {guild}.",
    "settings.discord_url": "DISCORD_API_URL doit être une adresse http(s) (reçu « {value} »)",
    "settings.discord_id": "{name} : « {value} » n'est pas un identifiant Discord (un nombre)",
}
