"""The viewer's words in English and French: headings, legend, relations as people say them.

Every string the page shows comes from here or from the data's labels, so the page's
language switch changes every word of it.
"""

__all__ = ["RELATIONS", "WORDS"]

#: Panel headings of each link, by relation and direction (``out`` from the shown concept).
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

#: Everything else the page writes, by key.
WORDS = {
    "en": {
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
    },
}
