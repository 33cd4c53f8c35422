"""French texts of the domain core (answers, routing, tickets)."""

MESSAGES: dict[str, str] = {
    # how things are done in the console chat, inside the flows' texts (Renderer.hint)
    "console.hint.reply": "écrivez-moi : je vous proposerai d'ajouter votre message au ticket",
    "console.hint.open_ticket": (
        "écrivez-moi : je vous proposerai d'ajouter votre message au ticket"
    ),
    "console.hint.new_question": "en me l'écrivant",
    "answer.source": "Source : {source}",
    "answer.suggestions_intro": "Je ne suis pas sûr d'avoir compris. Vouliez-vous parler de :",
    "answer.nothing": "Je n'ai pas trouvé de réponse dans la documentation.",
    "input.empty": "Votre message est vide : écrivez votre question.",
    "input.empty_reply": "Votre réponse est vide : écrivez-la avant de l'envoyer.",
    "flood.notice": (
        "Vous envoyez beaucoup de messages ; patientez une minute avant d'en envoyer d'autres. "
        "Les messages envoyés entre-temps ne sont ni traités ni publiés."
    ),
    "input.too_long": (
        "Votre message est trop long ({length} caractères, {limit} au plus). "
        "Résumez votre question ; vous pourrez donner les détails ensuite."
    ),
    "input.binary": (
        "Votre message contient des caractères illisibles : renvoyez-le en texte simple."
    ),
    "smalltalk.greeting": "Bonjour ! Posez-moi votre question, je cherche la réponse dans l'aide.",
    "smalltalk.thanks": "Avec plaisir ! N'hésitez pas si vous avez une autre question.",
    "smalltalk.help": (
        "Je réponds aux questions à partir de l'aide : écrivez votre question en une phrase, "
        "par exemple « Où sont mes factures ? ». Si je ne trouve pas, la communauté ou le "
        "support prennent le relais."
    ),
    "smalltalk.noise": "Je n'ai pas compris votre message. Pouvez-vous formuler votre question ?",
    "store.down": (
        "Notre base de données est momentanément indisponible. Votre message est bien conservé "
        "et sera traité dès son retour."
    ),
    "ticket.due_fallback": "au plus tard le {date} à {hour}",
    "console.welcome": (
        "Bonjour ! Posez votre question (une par ligne). /aide pour les commandes, "
        "Ctrl-D pour quitter."
    ),
    "console.help": (
        "Commandes :\n"
        "  /privé <texte>   question privée : ticket pour le responsable du support\n"
        "  <numéro>         afficher la réponse proposée portant ce numéro\n"
        "  /communauté      publier la dernière question pour la communauté\n"
        "  /formation [N]   votre formation : chapitres consultés ; N marque le chapitre N\n"
        "  /ajouter <n°>    ajouter la dernière question à votre ticket n°<n°>\n"
        "  /aide            cette aide\n"
        "  /quitter         quitter (ou Ctrl-D)"
    ),
    "console.community": (
        "[#communauté] Question n°{id} publiée pour la communauté (dans Slack ou Discord : "
        "le canal d'entraide)."
    ),
    "console.community_answered": "{responder} a répondu à votre question : {link}",
    "console.link": "#{channel}, message {ts}",
    "console.publish_choice": (
        "Tapez /communauté pour la publier dans #communauté, ou /privé <texte> pour l'envoyer "
        "en privé au support."
    ),
    "console.add_to_ticket": "Tapez {commands} pour l'ajouter à votre ticket.",
    "console.choices": (
        "Tapez un numéro pour lire une réponse, /communauté pour demander à la communauté "
        "ou /privé <texte> pour écrire au support en privé."
    ),
    "console.private_choice": "Tapez /privé <texte> pour écrire au support en privé.",
    "console.no_question": "Posez d'abord votre question.",
    "console.ticket_card": "Ticket n°{id} pour le responsable du support (réponse {due}).",
    "console.relay": "Réponse du support (ticket n°{id}) :\n{text}",
    "console.no_kb": "Aucune base de connaissances chargée : vérifiez KNOWLEDGE_DIR ({path}).",
    "console.bad_choice": "Pas de réponse proposée n°{number}.",
    "console.unknown_command": "Commande inconnue : {command}. Tapez /aide.",
}
