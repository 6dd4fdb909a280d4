"""Every word graphkit writes for people, in English and French: one table, two languages.

The text views (``graphkit show``, ``path``, ``suggest``…) and the HTML viewer both take their
words from here; the names of concepts and of controlled values (essential, stated,
progression…) come from the data's labels instead. :data:`WORDS` holds one entry per key and
language; :data:`VIEWER_KEYS` says which of them the viewer's page carries.
"""

__all__ = [
    "HEADERS",
    "KINDS",
    "MESSAGES",
    "RELATIONS",
    "VIEWER_KEYS",
    "WORDS",
    "header",
    "kind_name",
]

#: Link headings by relation and direction (``out`` from the concept shown).
RELATIONS = {
    "requiresSkill": {
        "out": {"en": "requires skills", "fr": "compétences requises"},
        "in": {"en": "required by", "fr": "requise par"},
    },
    "usesPlatform": {
        "out": {"en": "works on", "fr": "travaille sur"},
        "in": {"en": "used by", "fr": "utilisée par"},
    },
    "usesTool": {
        "out": {"en": "uses tools", "fr": "utilise les outils"},
        "in": {"en": "used by", "fr": "utilisé par"},
    },
    "leadsTo": {
        "out": {"en": "leads to", "fr": "mène à"},
        "in": {"en": "comes from", "fr": "vient de"},
    },
    "typicalCredential": {
        "out": {"en": "typical credentials", "fr": "diplômes et certifications"},
        "in": {"en": "held in", "fr": "détenu dans"},
    },
    "broader": {
        "out": {"en": "part of", "fr": "fait partie de"},
        "in": {"en": "includes", "fr": "comprend"},
    },
    "servesSkill": {
        "out": {"en": "serves skills", "fr": "sert les compétences"},
        "in": {"en": "served by tools", "fr": "servie par les outils"},
    },
    "integratesWith": {
        "out": {"en": "integrates with", "fr": "s’intègre à"},
        "in": {"en": "integrated by tools", "fr": "intégrée par les outils"},
    },
}

#: What each kind of thing is called: (noun, noun with its article), by language.
KINDS = {
    "en": {
        "role": ("role", "a role"),
        "skill": ("skill", "a skill"),
        "platform": ("platform", "a platform"),
        "tool": ("tool", "a tool"),
        "credential": ("credential", "a credential"),
        "source": ("source", "a source"),
        "claim": ("claim", "a claim"),
        "requirement": ("skill requirement", "a skill requirement"),
        "platform-use": ("platform use", "a platform use"),
        "tool-use": ("tool use", "a tool use"),
        "credential-path": ("credential path", "a credential path"),
        "transition": ("transition", "a transition"),
        "tool-skill": ("tool serves skill", "a tool-skill link"),
        "tool-platform": ("tool integrates with platform", "a tool-platform link"),
        "role-seniority": ("role seniority", "a role seniority"),
    },
    "fr": {
        "role": ("métier", "un métier"),
        "skill": ("compétence", "une compétence"),
        "platform": ("plateforme", "une plateforme"),
        "tool": ("outil", "un outil"),
        "credential": ("formation", "une formation"),
        "source": ("source", "une source"),
        "claim": ("affirmation", "une affirmation"),
        "requirement": ("exigence de compétence", "une exigence de compétence"),
        "platform-use": ("usage de plateforme", "un usage de plateforme"),
        "tool-use": ("usage d'outil", "un usage d'outil"),
        "credential-path": ("voie de formation", "une voie de formation"),
        "transition": ("transition", "une transition"),
        "tool-skill": ("outil au service d'une compétence", "un lien outil-compétence"),
        "tool-platform": ("outil connecté à une plateforme", "un lien outil-plateforme"),
        "role-seniority": ("niveau d'un métier", "un niveau de métier"),
    },
}

#: Column titles of the tables, by language; a column missing here is titled by its key.
HEADERS = {
    "en": {
        "missing_essential": "missing essential",
        "typical_years": "years",
        "label_en": "label (en)",
        "label_fr": "label (fr)",
        "moves_in": "moves in",
        "moves_out": "moves out",
        "to_gain": "skills to gain",
        "net_cost": "net",
    },
    "fr": {
        "rank": "rang",
        "role": "métier",
        "cost": "coût",
        "net_cost": "net",
        "level": "niveau",
        "years": "années",
        "typical_years": "années",
        "moves": "étapes",
        "via": "par",
        "to_gain": "compétences à acquérir",
        "evidence": "preuve",
        "label": "libellé",
        "kind": "nature",
        "importance": "importance",
        "weight": "poids",
        "trend": "tendance",
        "sources": "sources",
        "coverage": "couverture",
        "missing_essential": "essentielles manquantes",
        "transition": "transition",
        "label_en": "libellé (en)",
        "label_fr": "libellé (fr)",
        "skills": "compétences",
        "moves_in": "arrivées",
        "moves_out": "départs",
        "cluster": "famille",
        "deprecated": "obsolète",
        "name": "nom",
        "question": "question",
        "class": "classe",
        "count": "nombre",
        "link": "lien",
        "source type": "type de source",
        "transferable skill": "compétence transférable",
        "centrality": "centralité",
        "roles": "métiers",
        "bridge role": "métier passerelle",
        "betweenness": "intermédiarité",
        "fr+en labels": "libellés fr+en",
        "fr+en definition": "définition fr+en",
        "source": "source",
        "from": "de",
        "to": "vers",
    },
}

#: Everything else, by key and language.
WORDS = {
    "en": {
        # the viewer's page
        "title": "Social-media careers: a map of roles",
        "search": "Search a role, skill, platform, tool…",
        "show": "Show",
        "evidence": "Moves by evidence",
        "role": "roles",
        "skill": "skills",
        "platform": "platforms",
        "tool": "tools",
        "credential": "credentials",
        "stated": "stated (a source says it)",
        "curated": "curated (editorial)",
        "groupstated": "stated between groups (a taxonomy)",
        "inferred": "inferred (skill similarity)",
        "around": "around the selected role",
        "note": "Rows: seniority or progression depth (entry at the top); "
        "bands: clusters of roles. Click a role for its next moves.",
        "png": "Save as PNG",
        "next": "next moves",
        "route": "Route",
        "totals": "Totals",
        "cost": "cost",
        "years": "years",
        "known": "known",
        "assumed": "assumed",
        "gain": "skills to gain",
        "cumulative": "gap so far",
        "tools": "tools to learn",
        "platforms": "platforms to learn",
        "none": "none",
        "inferred_move": "inferred move",
        "sources": "sources",
        "aligned": "aligned with",
        "deprecated": "deprecated",
        "concepts": "concepts",
        "links": "links",
        "ontology": "ontology",
        "offline": "data CC BY 4.0 · works offline",
        "close": "Close",
        # routes, gaps, next moves
        "route_title": "Route {i} of {n}",
        "moves": "moves",
        "move": "move",
        "evidence_level": "evidence",
        "to_gain": "to gain",
        "carried": "carried over",
        "quote": "quote",
        "similarity": "skill similarity",
        "coverage": "already covered",
        "nothing": "nothing",
        "and_more": "and {n} more",
        "jump": "jumps {n} seniority levels",
        "skill_jump": "jumps {n} ISCO skill levels",
        "isco": "ISCO-08 {a} → {b}",
        "skill_levels": "skill level {a} → {b}",
        "next_title": "Where {role} can go next, best first: cost less the levels climbed",
        "total": "in all, to gain once",
        "wrote": "wrote {path}",
        # suggestions
        "missing": "missing",
        "has": "has",
        "no_fit": "no role calls for any of these: {terms}",
        # a concept, a source, a link
        "alt": "also",
        "definition": "definition",
        "claims": "Claims",
        "replaced_by": "deprecated, replaced by",
        "seniority": "seniority",
        "title_of": "title",
        "publisher": "publisher",
        "language": "language",
        "date": "date",
        "identifier": "identifier",
        "version": "version",
        "note_of": "note",
        "about": "about",
        "figure": "figure",
        "statement": "statement",
        "supports": "Supports",
        "derived_concepts": "Concepts it names",
        "more": "… and {n} more (-f json lists them all)",
        # graph statistics
        "triples": "{triples} triples in {graphs} graphs",
        "yes": "yes",
    },
    "fr": {
        "title": "Métiers des réseaux sociaux : la carte des rôles",
        "search": "Chercher un rôle, une compétence, une plateforme, un outil…",
        "show": "Afficher",
        "evidence": "Évolutions selon la preuve",
        "role": "rôles",
        "skill": "compétences",
        "platform": "plateformes",
        "tool": "outils",
        "credential": "diplômes",
        "stated": "attestée (une source le dit)",
        "curated": "éditoriale",
        "groupstated": "attestée entre groupes (une nomenclature)",
        "inferred": "déduite (compétences proches)",
        "around": "autour du rôle choisi",
        "note": "Lignes : séniorité ou profondeur de progression (débutant en haut) ; "
        "bandes : familles de rôles. Cliquez un rôle pour ses évolutions.",
        "png": "Enregistrer en PNG",
        "next": "évolutions possibles",
        "route": "Parcours",
        "totals": "Totaux",
        "cost": "coût",
        "years": "ans",
        "known": "connues",
        "assumed": "supposées",
        "gain": "compétences à acquérir",
        "cumulative": "écart cumulé",
        "tools": "outils à apprendre",
        "platforms": "plateformes à apprendre",
        "none": "aucune",
        "inferred_move": "évolution déduite",
        "sources": "sources",
        "aligned": "aligné avec",
        "deprecated": "obsolète",
        "concepts": "concepts",
        "links": "liens",
        "ontology": "ontologie",
        "offline": "données CC BY 4.0 · fonctionne hors ligne",
        "close": "Fermer",
        "route_title": "Parcours {i} sur {n}",
        "moves": "étapes",
        "move": "étape",
        "evidence_level": "preuve",
        "to_gain": "à acquérir",
        "carried": "déjà acquis",
        "quote": "citation",
        "similarity": "similarité des compétences",
        "coverage": "déjà couvert",
        "nothing": "rien",
        "and_more": "et {n} de plus",
        "jump": "saute {n} niveaux de séniorité",
        "skill_jump": "saute {n} niveaux de compétence CITP",
        "isco": "CITP-08 {a} → {b}",
        "skill_levels": "niveau de compétence {a} → {b}",
        "next_title": "Où aller depuis {role}, les meilleurs d'abord : coût moins les niveaux "
        "gravis",
        "total": "en tout, à acquérir une fois",
        "wrote": "fichier écrit : {path}",
        "missing": "manque",
        "has": "acquis",
        "no_fit": "aucun métier ne demande l'un de ces éléments : {terms}",
        "alt": "aussi",
        "definition": "définition",
        "claims": "Affirmations",
        "replaced_by": "obsolète, remplacé par",
        "seniority": "séniorité",
        "title_of": "titre",
        "publisher": "éditeur",
        "language": "langue",
        "date": "date",
        "identifier": "identifiant",
        "version": "version",
        "note_of": "note",
        "about": "concerne",
        "figure": "chiffre",
        "statement": "énoncé",
        "supports": "Appuie",
        "derived_concepts": "Concepts qu'elle nomme",
        "more": "… et {n} de plus (-f json les donne tous)",
        "triples": "{triples} triplets dans {graphs} graphes",
        "yes": "oui",
    },
}

#: The errors people meet on the command line, in the languages other than English, by the
#: error's code (:attr:`graphkit.errors.GraphkitError.code`); the English is the library's
#: own message. Values in braces are the error's fields, already named in the language.
MESSAGES = {
    "fr": {
        "not_found": "aucun concept nommé « {name} »",
        "did_you_mean": " ; vouliez-vous dire {names} ?",
        "wrong_kind": "« {name} » est {kind}, pas {wanted}",
        "closest": " ; métiers les plus proches : {names}",
        "ambiguous": "« {name} » désigne plusieurs concepts : {names} ; donnez l'IRI de l'un d'eux",
        "no_way_in": "aucun métier ne mène à « {target} »{avoiding}",
        "no_way_in_within": "aucun métier ne mène à « {target} »{within}{avoiding}",
        "no_route": "aucun parcours de « {source} » à « {target} »{within}{avoiding}",
        "too_long": "aucun parcours de « {source} » à « {target} »{within}{avoiding} "
        "(le plus court compte {shortest} étapes)",
        "not_through": "aucun parcours de « {source} » à « {target} » en passant par {via}{within}",
        "avoiding": " en évitant {roles}",
        "within": " en {steps} au plus",
        "step": "{n} étape",
        "steps": "{n} étapes",
        "then": ", puis ",
        "or": " ou ",
        "same_ends": "« {role} » est à la fois le départ et l'arrivée du parcours",
        "on_and_avoided": "{roles} ne peut pas être à la fois sur le parcours et évité",
        "nothing_held": "donnez au moins une compétence, un outil ou une plateforme, ou votre "
        "métier actuel",
    },
}

#: The keys of :data:`WORDS` that the viewer's page carries (its script looks them up).
VIEWER_KEYS = (
    "title",
    "search",
    "show",
    "evidence",
    "role",
    "skill",
    "platform",
    "tool",
    "credential",
    "stated",
    "curated",
    "groupstated",
    "inferred",
    "around",
    "note",
    "png",
    "next",
    "route",
    "totals",
    "cost",
    "years",
    "known",
    "assumed",
    "gain",
    "cumulative",
    "tools",
    "platforms",
    "none",
    "inferred_move",
    "sources",
    "aligned",
    "deprecated",
    "concepts",
    "links",
    "ontology",
    "offline",
    "close",
)


def header(column: str, lang: str) -> str:
    """Title a table column in `lang` (its key when no title is given).

    Examples
    --------
    >>> header("missing_essential", "en"), header("missing_essential", "fr")
    ('missing essential', 'essentielles manquantes')
    >>> header("rank", "en")
    'rank'
    """
    return HEADERS[lang].get(column, column)


def kind_name(kind: str, lang: str, *, article: bool = False) -> str:
    """Name a kind of thing (``role``, ``tool``, ``requirement``…) in `lang`.

    Examples
    --------
    >>> kind_name("tool", "fr", article=True), kind_name("requirement", "en")
    ('un outil', 'skill requirement')
    >>> kind_name("smp:Thing", "en")
    'smp:Thing'
    """
    names = KINDS[lang].get(kind)
    if names is None:
        return kind
    return names[1] if article else names[0]
