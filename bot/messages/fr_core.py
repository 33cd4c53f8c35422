"""French texts of the domain core (answers, routing, tickets)."""

MESSAGES: dict[str, str] = {
    "answer.source": "Source : {source}",
    "answer.suggestions_intro": "Je ne suis pas sûr d'avoir compris. Vouliez-vous parler de :",
    "answer.nothing": "Je n'ai pas trouvé de réponse dans la documentation.",
    "input.empty": "Votre message est vide : écrivez votre question en toutes lettres.",
    "input.too_long": (
        "Votre message est trop long ({length} caractères, {limit} au plus). "
        "Résumez votre question ; vous pourrez donner les détails ensuite."
    ),
    "input.binary": "Votre message contient des caractères illisibles : renvoyez-le en texte simple.",
    "smalltalk.greeting": "Bonjour ! Posez-moi votre question, je cherche la réponse dans l'aide.",
    "smalltalk.thanks": "Avec plaisir ! N'hésitez pas si vous avez une autre question.",
    "smalltalk.noise": "Je n'ai pas compris votre message. Pouvez-vous formuler votre question ?",
    "store.down": (
        "Notre base de données est momentanément indisponible. Votre message est bien conservé "
        "et sera traité dès son retour."
    ),
}
