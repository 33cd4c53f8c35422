"""French texts of the support flows, for every chat (bot/flows). People and channels arrive
already written the chat's way: `{asker}` is a mention made by the renderer."""

MESSAGES: dict[str, str] = {
    "flow.nothing.community": (
        "Je n'ai pas trouvé de réponse dans l'aide : j'ai publié votre question dans {channel} "
        "pour que la communauté vous aide. Je vous préviendrai dès qu'un membre répondra : {link}"
    ),
    "flow.nothing.no_community": (
        "Je n'ai pas trouvé de réponse dans l'aide. Vous pouvez poser votre question au support "
        "en privé :"
    ),
    "flow.community.posted": (
        "Votre question est publiée dans {channel} : {link}\n"
        "Je vous préviendrai quand un membre répondra."
    ),
    "flow.community.already": "Cette question est déjà publiée dans la communauté.",
    "flow.community.solved_ack": "C'est noté : votre question est marquée comme résolue. Merci !",
    "flow.community.not_configured": (
        "Le canal de la communauté n'est pas configuré : posez votre question au support en privé."
    ),
    "flow.feedback.thanks": "Merci pour votre retour !",
    "flow.feedback.not_solved": (
        "Désolé que cette réponse ne suffise pas. Demandez à la communauté ou au support en privé :"
    ),
    "flow.not_yours": "Seule la personne qui a posé la question peut utiliser ce bouton.",
    "flow.lead_only": "Seul le responsable du support peut utiliser cette commande ou ce bouton.",
    "flow.ticket.confirm": (
        "Votre question privée est bien transmise au support (ticket n°{id}). Personne d'autre "
        "ne la verra. Vous aurez une réponse {due}.\n"
        "Vous pouvez compléter votre demande en écrivant ici."
    ),
    "flow.ticket.emergency": (
        "🚨 Urgence majeure : le responsable du support et l'astreinte sont prévenus."
    ),
    "flow.ticket.reply_sent": "Réponse envoyée à {asker} par {lead} :\n{text}",
    "flow.ticket.followup": "📨 Message de {asker} (ticket n°{id}) :\n{text}",
    "flow.ticket.followup_ack": "Votre message est transmis au support (ticket n°{id}).",
    "flow.ticket.closed_asker": (
        "Votre ticket n°{id} est résolu. Merci ! Pour une nouvelle question, écrivez-moi ou "
        "utilisez {command}."
    ),
    "flow.ticket.closed_lead": "✅ Ticket n°{id} résolu par {by}.",
    "flow.ticket.closed_already": "Ce ticket est déjà résolu.",
    "flow.ticket.unknown": "Ce ticket est introuvable.",
    "flow.reminder.text": "⏰ Rappel : le ticket n°{id} de {asker} attend une réponse {due}.",
    "flow.absence.done": (
        "C'est noté : support fermé {days} ({count} jour(s)). Les délais en tiennent compte."
    ),
    "flow.absence.usage": (
        "Usage : `{command} absence AAAA-MM-JJ..AAAA-MM-JJ [motif]` (ou une liste de dates "
        "séparées par des espaces)."
    ),
    "flow.absence.reason": "Absence du responsable du support",
    "flow.absence.range": "du {start} au {end}",
    "flow.absence.single": "le {day}",
    "flow.error": "Désolé, une erreur est survenue. Réessayez dans un instant.",
    "flow.community.thanks": "✅ Question résolue — merci à toutes celles et ceux qui ont aidé !",
}
