"""What a message asks for, beyond its topic: generic French cues the answer gate weighs.

- `acts_on_account`: the message asks the support to do or look at something on the asker's own
  account, order or invoice («Vous pouvez vérifier mon compte ?», «pourriez-vous regarder la
  commande de ma cliente», «mon ID 4821»). The knowledge explains how things work; it cannot
  look at one person's account, so such a message is for people.
- `asks_amount`: the message asks for a price, an amount or a measured figure («combien coûte»,
  «quel tarif», «combien je touche», «quel débit»): the knowledge rarely holds one, and a unit
  on the same topic that states no amount (`gives_amount`) is then a wrong answer.

The gate (gate.py) hands such messages to people whatever their score.

Pure functions over the plain text (markup already removed), accents and case folded.
"""

from __future__ import annotations

import re

from bot.matching.normalize import fold

# a request addressed to the support: "vous pouvez", "pourriez-vous", "merci de", "tu peux"...
_ASK_YOU = (
    r"(?:(?:est-ce que |est ce que )?(?:vous|tu) (?:pouvez|pourriez|peux|pourrais|pouvait)|"
    r"(?:pouvez|pourriez|peux|pourrais)[- ](?:vous|tu)|merci de|je vous demande de|"
    r"j'aimerais que vous|je voudrais que vous|il faudrait que vous)"
)
# what the support would do to one account or order
_ACT = (
    r"(?:me )?(?:regarder|verifier|controler|checker|jeter un (?:oeil|coup d'oeil)|examiner|"
    r"consulter|corriger|rectifier|rembourser|debloquer|reactiver|desactiver|annuler|"
    r"reinitialiser|renvoyer|relancer|valider|rattacher|attribuer|"
    r"transferer|faire un geste|me dire (?:si|pourquoi|combien|ou|quand)|me confirmer|"
    r"me rappeler|appeler|voir (?:si|pourquoi|ce qui))"
)
_REQUEST = re.compile(rf"\b{_ASK_YOU} {_ACT}\b")
# the asker's own things, or an identifier written out
_MINE = re.compile(
    r"\b(?:mon|ma|mes) (?:compte|commande|commandes|facture|factures|abonnement|forfait|dossier|"
    r"paiement|prelevement|remboursement|identifiant|numero|id|liste|solde|commission|client|"
    r"cliente|clients|envoi|campagne)\b"
)
_IDENTIFIER = re.compile(
    r"\b(?:id|n°|no|numero|num|ref|reference|compte|commande|dossier|client|ei|facture)"
    r"\s*(?:client\s*|ei\s*|de commande\s*|d'entreprise\s*)?[:#°]?\s*\d{3,}\b"
)

_AMOUNT = re.compile(
    r"\b(?:combien (?:coute|coutent|ca coute|je touche|on touche|je gagne|on gagne|ca rapporte|"
    r"rapporte)|quel (?:est le )?(?:prix|tarif|montant|debit|cout)|"
    r"(?:le|les|au) (?:prix|tarifs?|montant) (?:du|de la|des|exact)|combien d'euros|"
    r"(?:debit|vitesse) (?:reel|exact|reelle)|montant minimum|a quel prix|"
    r"(?:touche|touchent|gagne|gagnent|rapporte)(?:-t-on)? combien)\b"
)


_FIGURE = re.compile(r"\d\s*(?:%|€|euros?\b|eur\b|mb|gb|mbit|gbit|mo/s|go/s)")


def gives_amount(answer: str) -> bool:
    """True when an answer states an amount (a percentage, a price, a speed)."""
    return bool(_FIGURE.search(fold(answer)))


def acts_on_account(text: str) -> float:
    """1 for a request to act on the asker's own account or order («vous pouvez vérifier mon
    compte»), 0.5 for an account identifier or a request to act without the other, else 0."""
    folded = fold(text)
    request = bool(_REQUEST.search(folded))
    mine = bool(_IDENTIFIER.search(folded)) or (request and bool(_MINE.search(folded)))
    if request and mine:
        return 1.0
    return 0.5 if request or _IDENTIFIER.search(folded) else 0.0


def asks_amount(text: str) -> float:
    """1 when the message asks for a price, an amount or a measured figure."""
    return 1.0 if _AMOUNT.search(fold(text)) else 0.0
