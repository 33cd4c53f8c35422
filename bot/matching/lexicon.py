"""French word lists for matching: SMS spelling, synonyms, stop words, small talk.

Every key and value is lower-case and accent-free (the normaliser folds accents first).
Synonym values are canonical words; several keys may share one, which makes them equal.
"""

from __future__ import annotations

# fmt: off
# SMS / chat spelling -> plain French (may expand to several words)
SMS: dict[str, str] = {
    "cmt": "comment", "cmnt": "comment", "koment": "comment", "komment": "comment",
    "pk": "pourquoi", "pq": "pourquoi", "pkoi": "pourquoi", "pourkoi": "pourquoi", "kel": "quel",
    "kelle": "quelle", "kels": "quels", "kelles": "quelles", "koi": "quoi", "kwa": "quoi",
    "ke": "que", "k": "que", "ki": "qui", "kan": "quand", "c": "c'est", "cest": "c'est",
    "sa": "ca", "g": "j'ai", "jai": "j'ai", "ya": "il y a", "pdt": "pendant", "qd": "quand",
    "tjs": "toujours", "tjrs": "toujours", "bcp": "beaucoup", "msg": "message", "ds": "dans",
    "dc": "donc", "pr": "pour", "ac": "avec", "avc": "avec", "tt": "tout", "ts": "tous",
    "vs": "vous", "ns": "nous", "nn": "non", "mm": "meme", "jsp": "je sais pas", "stp": "svp",
    "slt": "salut", "bjr": "bonjour", "bsr": "bonsoir", "cc": "coucou", "mrc": "merci",
    "mci": "merci", "thx": "merci", "ty": "merci", "mdp": "motdepasse", "tel": "telephone",
    "num": "numero", "no": "numero", "dispo": "disponible", "pb": "probleme", "pbm": "probleme",
    "pblm": "probleme", "rdv": "rendezvous", "adr": "adresse", "appli": "application",
    "infos": "information", "info": "information", "qqn": "quelqu'un", "qqch": "quelque chose",
    "auj": "aujourd'hui", "jours": "jour", "j": "jour", "h": "heure", "hrs": "heure",
    "hr": "heure", "mn": "minute", "fe": "fais", "fai": "fais", "fo": "faut", "sai": "sais",
    "pa": "pas", "pr1": "pour", "cb": "carte bancaire", "ie": "internet explorer",
    "ff": "firefox", "promo": "promotion", "pub": "promotion", "ordi": "ordinateur",
    "ordis": "ordinateur", "pc": "ordinateur", "mobil": "mobile",
}

# generic synonyms -> canonical word (applied after SMS expansion, before stemming); a base's own
# words (product names, its synonyms) live in knowledge/<base>/vocabulaire.md
SYNONYMS: dict[str, str] = {
    "fermer": "supprimer", "fermeture": "supprimer", "cloturer": "supprimer",
    "cloture": "supprimer", "suppression": "supprimer", "effacer": "supprimer",
    "desinscrire": "supprimer", "desinscription": "supprimer", "resilier": "supprimer",
    "mail": "email", "mails": "email", "courriel": "email", "courriels": "email", "mel": "email",
    "emails": "email", "e-mail": "email", "e-mails": "email", "envoyeur": "expediteur",
    "emetteur": "expediteur", "explorer": "explorer", "prix": "tarif", "cout": "tarif",
    "coute": "tarif", "couter": "tarif", "tarifs": "tarif", "payer": "paiement", "paye": "paiement",
    "payement": "paiement", "reglement": "paiement", "regler": "paiement", "temps": "delai",
    "duree": "delai", "longtemps": "delai", "delais": "delai", "rafraichir": "actualiser",
    "recharger": "actualiser", "refresh": "actualiser", "f5": "actualiser",
    "exporter": "telecharger", "export": "telecharger", "download": "telecharger",
    "abonnement": "forfait", "formule": "forfait", "telephoner": "appeler", "joindre": "contacter",
    "factures": "facture", "facturation": "facture", "souci": "probleme", "bug": "probleme",
    "beug": "probleme", "fonctionne": "marche", "fonctionner": "marche", "marcher": "marche",
    "compatibilite": "compatible", "incompatible": "compatible", "incompatibilite": "compatible",
    "incompatibilites": "compatible", "samedi": "weekend", "dimanche": "weekend", "we": "weekend",
    "checker": "verifier", "check": "verifier", "verif": "verifier", "promouvoir": "promotion",
    "rep": "reponse", "semaines": "delai", "semaine": "delai", "long": "delai",
    "brancher": "connecter", "relier": "connecter", "beugue": "probleme", "bugue": "probleme",
    "beuge": "probleme", "bugge": "probleme", "plante": "probleme", "buggue": "probleme",
    "beugs": "probleme", "bugs": "probleme", "recoit": "recevoir", "recu": "recevoir",
    "recue": "recevoir", "recus": "recevoir", "recues": "recevoir", "recevra": "recevoir",
    "recoivent": "recevoir", "recevez": "recevoir", "assurer": "verifier", "assurez": "verifier",
    "assure": "verifier", "verifie": "verifier", "precaution": "attention",
    "precautions": "attention",
}

# words that carry no topic (after folding accents); question words included
STOP_WORDS: frozenset[str] = frozenset(
    """
    a a-t-il actuellement ai aide aider aidez aidez-moi aimerais aller alors  arret arrive
    arrivent arriver as assez attendre attends attention au aujourd'hui aura aurai aurait auront
    aussi   aux avait avance  avec avez avoir avons bah beaucoup ben besoin bien
    bloque bloquee bon bonjour bonne bonsoir bref c'est ca ce ceci cela celle celles celui
    cependant certain certaine certaines certains ces cet cette ceux chaque chez chose chui
    chuis ci coince coincee combien comme comment connaitre cordialement correspond
    correspondent coucou d d'avance dans de dedans dehors deja demain dernier derniere derniers
    des dessus devez devoir dire dit dois doit donc donner du egalement elle elles en encore
    ensuite es est est-ce est-elle est-il et etaient etait etc ete etes etre eu euh exact
    exactement faire fais fait falloir faut fini finir flemme fois franchement galere galerer
    genre grave hein hello help hey hier ici il ils j j'ai jamais je jeudi jsais juste l la
    la-bas laisser lance lancer le les leur leurs lorsque lui lundi m ma machin maintenant mais
    marche mardi matin me meme merci mercredi mes met mets mettre midi mieux moi moi-meme moins
    mon n ne ni non normal normalement nos notre nous nuit nul nulle ok okay on ont ou oui par
    parfois part particulier particuliere partout pas perdu perdue perso peu peut peut-etre
    peuvent peux pire plait please plus  possible pour pourquoi pourrai pourrais
    pourrait pourtant pouvez pouvons precisement prendre ptet puis puisse qu qu'est qu'est-ce
    quand que quel quelle quelles quelqu'un quelque quelques quels qui quoi rapidement re
    represente representent rien s s'il sa sais sait salut sans savoir se sera serai serait
    seront ses seul seule seulement si signifie signifient simple simplement sinon soient soir
    sois soit son sont souhaite souhaiterais souvent souvienne souviens special speciale stp
    suis sur surement svp t-elle t-il ta tape taper te tes toi ton total totale toujours tous
    tout toute toutes tres trop trouve trouver truc trucs tu un une uniquement uns urgent
    urgente va vais vendredi venir veulent veut veut-dire veux vite voir vois vont vos votre
    voudrais voudrait voulais voulait vouloir voulu vous vraiment y ya-t-il vers mme eux pareil
    chacun chacune bizarre bizarrement inquiet inquiete peur honnetement idee
    savez saviez savais savait connaissez connais connait
    """.split()
)

# small talk
GREETINGS: frozenset[str] = frozenset(
    """
    allo bjr bonjour bonsoir bsr cc coucou hello hey hi re salut slt yo
    """.split()
)
THANKS: frozenset[str] = frozenset(
    """
    bcp beaucoup bien bravo cool d'accord dac daccord entendu excellent genial impeccable
    infiniment mci merci mrc nickel ok okay parfait super thanks thx top ty
    """.split()
)
POLITE: frozenset[str] = frozenset(
    """
    a bonne equipe journee la le madame monde monsieur plait s'il soiree stp svp te tous tout
    toutes vous
    """.split()
)
HELP: frozenset[str] = frozenset("aide aidez assistance help sos".split())
# fmt: on
