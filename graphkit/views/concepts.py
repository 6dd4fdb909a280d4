"""The view of one concept (``graphkit show``): labels, definition, sources, every link."""

from graphkit.graph.prefixes import curie
from graphkit.views.tables import _label, local_source, table

__all__ = ["LINK_COLUMNS", "concept_rows", "concept_text"]

_HEADINGS = {
    "en": {
        ("SkillRequirement", "out"): "Skills required",
        ("SkillRequirement", "in"): "Required by",
        ("PlatformUse", "out"): "Platforms",
        ("PlatformUse", "in"): "Used by",
        ("ToolUse", "out"): "Tools",
        ("ToolUse", "in"): "Used by",
        ("CredentialPath", "out"): "Credentials",
        ("CredentialPath", "in"): "Held in",
        ("Transition", "out"): "Leads to",
        ("Transition", "in"): "Comes from",
        "alt": "also",
        "definition": "definition",
        "sources": "sources",
        "claims": "Claims",
        "deprecated": "deprecated, replaced by",
        "broader": "broader",
        "narrower": "narrower",
    },
    "fr": {
        ("SkillRequirement", "out"): "Compétences requises",
        ("SkillRequirement", "in"): "Requise par",
        ("PlatformUse", "out"): "Plateformes",
        ("PlatformUse", "in"): "Utilisée par",
        ("ToolUse", "out"): "Outils",
        ("ToolUse", "in"): "Utilisé par",
        ("CredentialPath", "out"): "Formations",
        ("CredentialPath", "in"): "Suivie dans",
        ("Transition", "out"): "Mène à",
        ("Transition", "in"): "Vient de",
        "alt": "aussi",
        "definition": "définition",
        "sources": "sources",
        "claims": "Affirmations",
        "deprecated": "obsolète, remplacé par",
        "broader": "plus large",
        "narrower": "plus précis",
    },
}


LINK_COLUMNS = (
    "type",
    "direction",
    "other",
    "label",
    "kind",
    "importance",
    "weight",
    "typical_years",
    "trend",
    "evidence",
    "sources",
)


def _source_names(sources: list[dict]) -> str:
    return ", ".join(local_source(s["iri"]) for s in sources)


def concept_rows(concept: dict, lang: str = "en") -> list[dict]:
    """One row per link of a described concept (see :func:`graphkit.graph.concepts.describe`).

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.graph.concepts import describe
    >>> row = concept_rows(describe(tiny_graph(), "https://w3id.org/smp/skill/editing"))[0]
    >>> row["other"], row["label"], row["importance"], row["sources"]
    ('role:editor', 'video editor', 'essential', 'tiny')
    """
    return [
        {
            **{k: link.get(k, "") for k in LINK_COLUMNS},
            "other": curie(link["other"]),
            "label": _label(link["other_label"], lang),
            "sources": _source_names(link["sources"]),
        }
        for link in concept["links"]
    ]


def concept_text(concept: dict, lang: str = "en") -> str:
    """Render a described concept: labels, definition, sources, then one block per link type.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.graph.concepts import describe
    >>> text = concept_text(describe(tiny_graph(), "https://w3id.org/smp/role/editor"), "fr")
    >>> for line in text.splitlines()[:3]:
    ...     print(line)
    monteur vidéo  (role, role:editor)
      fr: monteur vidéo
      en: video editor
    """
    words = _HEADINGS[lang]
    other_lang = "fr" if lang == "en" else "en"
    head = f"{_label(concept['label'], lang)}  ({concept['kind']}, {concept['curie']})"
    lines = [head]
    for code in (lang, other_lang):
        if code in concept["label"]:
            lines.append(f"  {code}: {concept['label'][code]}")
    alt = "; ".join(f"{', '.join(v)} ({k})" for k, v in concept["alt_labels"].items())
    if alt:
        lines.append(f"  {words['alt']}: {alt}")
    for code in (lang, other_lang):
        if code in concept["definition"]:
            lines.append(f"  {words['definition']} ({code}): {concept['definition'][code]}")
    for key in ("broader", "narrower"):
        if concept[key]:
            names = ", ".join(_label(r["label"], lang) for r in concept[key])
            lines.append(f"  {words[key]}: {names}")
    if concept["deprecated"]:
        names = ", ".join(_label(r["label"], lang) for r in concept["replaced_by"])
        lines.append(f"  {words['deprecated']}: {names or '-'}")
    if concept["sources"]:
        lines.append(f"  {words['sources']}: {_source_names(concept['sources'])}")
    groups: dict[tuple[str, str], list[dict]] = {k: [] for k in words if isinstance(k, tuple)}
    for row in concept_rows(concept, lang):
        groups[(row["type"], row["direction"])].append(row)
    for key, rows in groups.items():
        if rows:
            columns = ["label", *(c for c in LINK_COLUMNS[4:] if any(r[c] != "" for r in rows))]
            block = table(rows, columns, indent="  ", headers={"typical_years": "years"})
            lines += ["", f"{words[key]} ({len(rows)})", block]
    if concept["claims"]:
        lines += ["", f"{words['claims']} ({len(concept['claims'])})"]
        for claim in concept["claims"]:
            date = f" [{claim['date']}]" if "date" in claim else ""
            statement = _label(claim["statement"], lang)
            lines.append(f"  - {statement}{date} ({_source_names(claim['sources'])})")
    return "\n".join(lines) + "\n"
