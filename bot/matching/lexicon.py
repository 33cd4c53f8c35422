"""French word lists for matching: SMS spelling, synonyms, stop words, small talk.

Every key and value is lower-case and accent-free (the normaliser folds accents first).
Synonym values are canonical words; several keys may share one, which makes them equal.
"""

from __future__ import annotations

# SMS / chat spelling -> plain French (may expand to several words)
SMS: dict[str, str] = {
    "cmt": "comment", "cmnt": "comment", "koment": "comment", "komment": "comment",
    "pk": "pourquoi", "pq": "pourquoi", "pkoi": "pourquoi", "pourkoi": "pourquoi",
    "kel": "quel", "kelle": "quelle", "kels": "quels", "kelles": "quelles",
    "koi": "quoi", "kwa": "quoi", "ke": "que", "k": "que", "ki": "qui", "kan": "quand",
    "c": "c'est", "cest": "c'est", "sa": "ca", "g": "j'ai", "jai": "j'ai", "ya": "il y a",
    "pdt": "pendant", "qd": "quand", "tjs": "toujours", "tjrs": "toujours", "bcp": "beaucoup",
    "msg": "message", "ds": "dans", "dc": "donc", "pr": "pour", "ac": "avec", "avc": "avec",
    "tt": "tout", "ts": "tous", "vs": "vous", "ns": "nous", "nn": "non", "mm": "meme",
    "jsp": "je sais pas", "stp": "svp", "slt": "salut", "bjr": "bonjour", "bsr": "bonsoir",
    "cc": "coucou", "mrc": "merci", "mci": "merci", "thx": "merci", "ty": "merci",
    "mdp": "mot de passe", "tel": "telephone", "num": "numero", "no": "numero",
    "dispo": "disponible", "pb": "probleme", "pbm": "probleme", "pblm": "probleme",
    "rdv": "rendez-vous", "adr": "adresse", "appli": "application", "infos": "information",
    "info": "information", "qqn": "quelqu'un", "qqch": "quelque chose", "auj": "aujourd'hui",
    "jours": "jour", "j": "jour", "h": "heure", "hrs": "heure", "hr": "heure", "mn": "minute",
    "fe": "fais", "fai": "fais", "fo": "faut", "sai": "sais", "pa": "pas", "pr1": "pour",
    "cb": "carte bancaire", "ie": "internet explorer", "ff": "firefox",
}

# synonyms -> canonical word (applied after SMS expansion, before stemming)
SYNONYMS: dict[str, str] = {
    # bank details
    "rib": "bancaire", "iban": "bancaire", "banque": "bancaire", "bancaires": "bancaire",
    "banquaire": "bancaire",
    # deleting / closing an account
    "fermer": "supprimer", "fermeture": "supprimer", "cloturer": "supprimer",
    "cloture": "supprimer", "suppression": "supprimer", "effacer": "supprimer",
    "desinscrire": "supprimer", "desinscription": "supprimer", "resilier": "supprimer",
    # e-mail
    "mail": "email", "mails": "email", "courriel": "email", "courriels": "email",
    "mel": "email", "emails": "email", "e-mail": "email", "e-mails": "email",
    "envoyeur": "expediteur", "emetteur": "expediteur",
    # browsers
    "browser": "navigateur", "navigateurs": "navigateur", "chromes": "chrome",
    "mozilla": "firefox", "explorer": "explorer",
    # money
    "prix": "tarif", "cout": "tarif", "coute": "tarif", "couter": "tarif", "tarifs": "tarif",
    "payer": "paiement", "paye": "paiement", "payement": "paiement", "reglement": "paiement",
    "regler": "paiement",
    # time
    "temps": "delai", "duree": "delai", "longtemps": "delai", "delais": "delai",
    # affiliation
    "parrainage": "affiliation", "parrain": "affiliation", "parrainer": "affiliation",
    "filleul": "affiliation", "filleuls": "affiliation", "affilie": "affiliation",
    "affiliations": "affiliation",
    # what the support handles
    "occupe": "couvrir", "occuper": "couvrir", "occupez": "couvrir", "occupent": "couvrir",
    "gere": "couvrir", "gerer": "couvrir", "gerez": "couvrir", "traite": "couvrir",
    "traiter": "couvrir", "couvre": "couvrir", "couvrez": "couvrir", "intervient": "couvrir",
    "intervenir": "couvrir", "intervention": "couvrir", "comprend": "couvrir",
    # public / private
    "publique": "public", "publiques": "public", "publics": "public", "visible": "public",
    "visibles": "public", "confidentiel": "prive", "confidentielle": "prive",
    "privee": "prive", "privees": "prive", "prives": "prive",
    # misc
    "ftth": "fibre", "fiber": "fibre", "rafraichir": "actualiser", "recharger": "actualiser",
    "refresh": "actualiser", "f5": "actualiser", "exporter": "telecharger",
    "export": "telecharger", "download": "telecharger", "abonnement": "forfait",
    "formule": "forfait", "telephoner": "appeler", "joindre": "contacter",
    "factures": "facture", "facturation": "facture", "souci": "probleme", "bug": "probleme",
    "beug": "probleme", "fonctionne": "marche", "fonctionner": "marche", "marcher": "marche",
    "compatibilite": "compatible", "incompatible": "compatible", "incompatibilite": "compatible",
    "incompatibilites": "compatible",
}

# words that carry no topic (after folding accents); question words included
STOP_WORDS: frozenset[str] = frozenset(
    """
    a au aux avec ce ces cet cette c'est ca cela ceci celle celui ci d de des du dans donc
    elle elles en et est etes etre eu il ils je j j'ai la le les leur leurs lui l ma mais me
    meme mes moi mon m n ne ni nos notre nous on ou par pas pour qu que quel quelle quelles
    quels qui quoi sa se ses si son sur ta te tes toi ton tu un une uns vos votre vous y
    comment pourquoi quand combien ou est-ce est-il est-elle t-il t-elle s sont suis es ont
    as ai avez avons avoir fait faire fais faut peut peux pouvez pouvons puis puisse dois doit
    devez veux veut voudrais voudrait voulais souhaite souhaiterais aimerais savoir sais sait
    connaitre dire dit svp merci bonjour bonsoir salut hello coucou hey re alors bien tres
    tout tous toute toutes ici la-bas aussi encore deja juste vraiment quelqu'un quelque
    chose besoin aide aider il y a-t-il vais va vont ya-t-il lorsque
    non oui ok okay please plait s'il ceux celles chez moi-meme trouver trouve voir vois
    svp stp merci mieux possible jamais rien soit soient sera seront serait etait etaient
    etre sois aurai aura aurait auront avait pourrai pourrait pourrais peuvent vais serai
    """.split()
)

GREETINGS: frozenset[str] = frozenset(
    "bonjour bonsoir salut hello coucou hey hi yo re bjr bsr slt cc allo".split()
)
THANKS: frozenset[str] = frozenset(
    """merci mrc mci thx thanks ty super parfait genial top cool nickel ok okay d'accord dac
    daccord entendu bien impeccable excellent bravo beaucoup bcp infiniment""".split()
)
POLITE: frozenset[str] = frozenset(
    """bonne journee soiree svp stp s'il vous te plait a tous toutes tout le monde la equipe
    madame monsieur""".split()
)
