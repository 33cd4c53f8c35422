"""What a message asks for, beyond its topic: generic French cues the answer gate weighs.

- `acts_on_account`: the message asks the support to do or look at something on the asker's own
  account, order or invoice («Vous pouvez vérifier mon compte ?», «pourriez-vous regarder la
  commande de ma cliente», «mon ID 4821»). The knowledge explains how things work; it cannot
  look at one person's account, so such a message is for people.
- `asked_figure`: the message asks for a price, an amount or a measured figure («combien
  coûte», «quel tarif», «combien je touche», «quel débit»), or for a phone number or an address
  («quel est le numéro de téléphone…»), or when something will happen or how long it takes
  («quand est-ce que Safari sera compatible ?», «on a combien de temps pour… ?»), or how many
  («combien de crédits sont inclus ?»): the knowledge rarely holds one, and a unit on the same
  topic that states no such figure (`states`) is then a wrong answer.
- `chapters_asked`: the numbers of the training chapters a question sentence names («le
  chapitre 6 parle de quoi ?»); a unit about the course's chapters that does not describe that
  one (`describes`) does not answer it, however close its words.

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
    r"\b(?:mon|ma|mes)(?: [a-z]+)? (?:compte|commande|commandes|facture|factures|abonnement|"
    r"forfait|dossier|"
    r"paiement|prelevement|remboursement|identifiant|numero|id|liste|solde|commission|client|"
    r"cliente|clients|envoi|campagne)\b"
)
_IDENTIFIER = re.compile(
    r"\b(?:id|n°|no|numero|num|ref|reference|compte|commande|dossier|client|ei|facture)"
    r"\s*(?:client\s*|ei\s*|de commande\s*|d'entreprise\s*)?[:#°]?\s*\d{3,}\b"
)

_AMOUNT = re.compile(
    r"\b(?:combien (?:coute|coutent|ca coute|je touche|on touche|je gagne|on gagne|ca rapporte|"
    r"rapporte)|quel (?:est le )?(?:prix|tarif|montant|debit|cout|pourcentage|taux)|"
    r"combien de (?:pourcent|pour cent|%)|quelle (?:est la )?commission|"
    r"(?:le|les|au) (?:prix|tarifs?|montant) (?:du|de la|des|exact)|combien d'euros|"
    r"(?:debit|vitesse) (?:reel|exact|reelle)|montant minimum|a quel prix|"
    r"(?:touche|touchent|gagne|gagnent|rapporte)(?:-t-on)? combien)\b"
)


_PHONE = re.compile(
    r"\b(?:quel est|c'est quoi|vous avez|avez-vous|il y a|donnez-moi|connaitre|avoir) "
    r"(?:le |un |leur |votre |son )?(?:numero de (?:telephone|tel)|telephone|numero a appeler|"
    r"adresse (?:e-?mail|mail)|e-?mail)\b"
)
# when something will happen: «quand est-ce que Safari sera compatible ?»
_DATE = re.compile(
    r"\b(?:quand|a partir de quand|pour quand|quelle date|d'ici quand)\b[^?.!]*"
    r"\b(?:sera|seront|va etre|vont etre|sortira|sortiront|arrivera|prevu|prevue)\b"
    # or how long something takes or may wait: «on a combien de temps pour…»
    r"|\b(?:combien de (?:temps|jours|semaines|mois|heures)|(?:en|sous|dans|au bout de|"
    r"pendant) combien de|quel (?:est le )?delai|(?:cb|cbien) de temps|a quelle date|"
    r"(?:a |vers )?quel jour du mois|"
    # or when a service is open: «horaires du service», «ouvert le samedi ?»
    r"horaires?|heures? d'ouverture|a quelle heure|(?:ouvert|ouverte|joignable) (?:le |la )?"
    r"(?:samedi|dimanche|week-?end|soir|nuit|jours? feries?))\b"
)
# what an answer must state to answer each kind of figure
# how many of something: «combien de crédits sont inclus ?», «quel nombre de contacts ?»
_COUNT = re.compile(
    r"\b(?:combien (?:de |d')(?!temps\b|jours?\b|semaines?\b|mois\b|heures?\b|euros?\b)"
    r"[a-z]+|quel (?:est le )?nombre (?:de |d'))"
)
_STATES = {
    "count": re.compile(r"\b\d+\b"),
    "amount": re.compile(r"\d\s*(?:%|€|euros?\b|eur\b|mb|gb|mbit|gbit|mo/s|go/s)"),
    "date": re.compile(
        r"\b\d{4}\b|\b\d+ ?(?:h|heures?|jours?|semaines?|mois)\b|\b(?:janvier|fevrier|mars|"
        r"avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)\b"
    ),
    "phone": re.compile(r"\b\d{4,}\b|\b\d{2}(?: \d{2}){4}\b|\S+@\S+|https?://"),
}


_CHAPTER = re.compile(r"\bchap(?:itre|\.)?s? ?(?:n ?°? ?|numero )?(\d{1,2})\b")


def chapters_asked(text: str) -> frozenset[int]:
    """The chapter numbers named in `text` («chapitre 6», «chap. 12», «chapitre n°3»)."""
    return frozenset(int(n) for n in _CHAPTER.findall(fold(text)))


def describes(chapters: frozenset[int], text: str) -> bool:
    """False when `text` (a unit's title and answer) speaks of chapters but names none of these
    (a unit on the course's chapters, asked about one it does not describe); a unit that does
    not speak of chapters at all is not judged («j'ai fini le chapitre 3, qui contacter ?»)."""
    folded = fold(text)
    return "chapitre" not in folded or bool(chapters & chapters_asked(folded))


def asked_figure(text: str) -> str | None:
    """ "amount" when the message asks for a price, an amount or a measured figure, "phone"
    when it asks for a phone number or an address to write to, "date" when it asks when something
    will happen or how long it takes, "count" when it asks how many, else None."""
    folded = fold(text)
    if _AMOUNT.search(folded):
        return "amount"
    if _PHONE.search(folded):
        return "phone"
    if _DATE.search(folded):
        return "date"
    if _COUNT.search(folded):
        return "count"
    return None


def states(figure: str, answer: str) -> bool:
    """True when `answer` states that kind of figure (a percentage or price; a number to call
    or an address to write to; a date or a delay)."""
    return bool(_STATES[figure].search(fold(answer)))


def acts_on_account(text: str) -> float:
    """1 for a request to act on the asker's own account or order («vous pouvez vérifier mon
    compte»), 0.5 for an account identifier or a request to act without the other, else 0."""
    folded = fold(text)
    request = bool(_REQUEST.search(folded))
    mine = bool(_IDENTIFIER.search(folded)) or (request and bool(_MINE.search(folded)))
    if request and mine:
        return 1.0
    return 0.5 if request or _IDENTIFIER.search(folded) else 0.0
