"""French texts of the support flows, for every chat (bot/flows). People and channels arrive
already written the chat's way: `{asker}` is a mention made by the renderer."""

MESSAGES: dict[str, str] = {
    "flow.nothing.community": (
        "Je n'ai pas trouvé de réponse dans l'aide : j'ai publié votre question dans {channel} "
        "pour que la communauté vous aide. Je vous préviendrai dès qu'un membre répondra : {link}"
    ),
    "flow.nothing.community.nolink": (
        "Je n'ai pas trouvé de réponse dans l'aide : j'ai publié votre question dans {channel} "
        "pour que la communauté vous aide. Je vous préviendrai dès qu'un membre répondra."
    ),
    "flow.nothing.no_community": (
        "Je n'ai pas trouvé de réponse dans l'aide. Vous pouvez poser votre question au support "
        "en privé :"
    ),
    "flow.community.posted": (
        "Votre question est publiée dans {channel} : {link}\n"
        "Je vous préviendrai quand un membre répondra."
    ),
    "flow.community.posted.nolink": (
        "Votre question est publiée dans {channel}.\nJe vous préviendrai quand un membre répondra."
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
        "Pour compléter votre demande, {reply}."
    ),
    "flow.ticket.confirm_major": (
        "🚨 Urgence majeure transmise au support (ticket n°{id}) : le responsable du support et "
        "l'astreinte sont prévenus tout de suite. Personne d'autre ne verra votre question.\n"
        "Pour compléter votre demande, {reply}."
    ),
    "flow.ticket.withdrawn": (
        "Votre question a été retirée du canal de la communauté : elle n'y est plus visible."
    ),
    "flow.ticket.offer_add": (
        "Cette question concerne votre demande en cours ? Vous pouvez l'ajouter à votre ticket :"
    ),
    "flow.ticket.closed_followup": (
        "Le ticket n°{id} est résolu : votre message n'a pas été transmis. Rouvrez le ticket "
        "avec le bouton, ou posez une nouvelle question {new}."
    ),
    "flow.ticket.reopened": (
        "Votre ticket n°{id} est rouvert et transmis à nouveau au support. Réponse {due}."
    ),
    "flow.ticket.reopened_lead": "🔁 Ticket n°{id} rouvert par {asker} : le délai repart de zéro.",
    "flow.ticket.not_closed": "Ce ticket est encore ouvert : {open}.",
    "flow.ticket.reopen_too_late": (
        "Ce ticket est résolu depuis plus de {days} jours : posez une nouvelle question."
    ),
    "flow.ticket.escalated_lead": "🚨 Le ticket n°{id} a été escaladé à {target} (délai dépassé).",
    "flow.nothing.consent": (
        "Je n'ai pas trouvé de réponse dans l'aide. Comme sur le centre d'aide, une question est "
        "publique par défaut : je peux la publier dans {channel}, où les membres de la "
        "communauté s'entraident (votre nom et votre question y seront visibles). Vous pouvez "
        "aussi l'envoyer en privé au support. Que préférez-vous ?"
    ),
    "flow.lead.store_down": (
        "La base de données est indisponible : ce message n'a pas été transmis. Renvoyez-le "
        "dans un instant."
    ),
    "flow.lead.not_a_question": (
        "Je n'ai pas trouvé de réponse dans l'aide. Vos messages ne sont jamais publiés : pour "
        "répondre à un ticket, écrivez dans le fil de sa carte ou utilisez le bouton Répondre."
    ),
    "flow.foreign": (
        "Cette aide est en français : votre question sera transmise telle quelle, mais vous "
        "aurez plus de chances d'obtenir une réponse en la reformulant en français."
    ),
    "flow.community.repeat": "Vous avez déjà posé cette question : {link}",
    "flow.community.repeat.nolink": (
        "Vous avez déjà posé cette question : elle est dans le canal de la communauté."
    ),
    "flow.community.withdrawn_post": "_Question retirée par son auteur._",
    "flow.feedback.already": "Votre avis sur cette réponse est mis à jour (un avis par personne).",
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
        "C'est noté : support fermé {days} ({count}). Les délais en tiennent compte."
    ),
    "flow.absence.count_one": "1 jour",
    "flow.absence.count_many": "{count} jours",
    "flow.absence.usage": (
        "Usage : `{command} absence AAAA-MM-JJ..AAAA-MM-JJ [motif]` (ou une liste de dates "
        "séparées par des espaces)."
    ),
    "flow.absence.reason": "Absence du responsable du support",
    "flow.absence.range": "du {start} au {end}",
    "flow.absence.single": "le {day}",
    "flow.absence.list": "{first} et {last}",
    "flow.error": "Désolé, une erreur est survenue. Réessayez dans un instant.",
    "flow.community.thanks": "✅ Question résolue — merci à toutes celles et ceux qui ont aidé !",
}
