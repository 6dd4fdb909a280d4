"""The view of what ``graphkit show`` opens: a concept with its links, or a record.

A record is a source (what it supports), a claim, or a qualified link (its two ends, weight,
evidence, sources and quotes); :func:`graphkit.graph.concepts.describe` gives the data.
"""

from graphkit.graph.prefixes import curie, local_name
from graphkit.views.tables import _label, _value_name, local_source, table
from graphkit.views.words import HEADERS, RELATIONS, WORDS, kind_name

__all__ = ["LINK_COLUMNS", "concept_rows", "concept_text"]

#: The relation (:data:`graphkit.views.words.RELATIONS`) of each qualified-link type.
_RELATION = {
    "SkillRequirement": "requiresSkill",
    "PlatformUse": "usesPlatform",
    "ToolUse": "usesTool",
    "CredentialPath": "typicalCredential",
    "Transition": "leadsTo",
    "ToolSkill": "servesSkill",
    "ToolPlatform": "integratesWith",
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

#: The columns whose values are controlled values' codes, shown by their labels in tables.
_CODED = ("kind", "importance", "trend", "evidence")

#: How many rows of each kind a source's table shows (``-f json`` gives them all).
_SHOWN = 10


def _source_names(sources: list[dict]) -> str:
    return ", ".join(local_source(s["iri"]) for s in sources)


def _row(link: dict, **fields) -> dict:
    return {
        **{k: link.get(k, "") for k in LINK_COLUMNS},
        "sources": _source_names(link.get("sources", [])),
        **fields,
    }


def concept_rows(concept: dict, lang: str = "en") -> list[dict]:
    """One row per link of what is shown (see :func:`graphkit.graph.concepts.describe`).

    A concept gives a row per qualified link it takes part in; a source, a row per link it
    supports; a qualified link or a claim, one row: itself. Codes (``essential``,
    ``stated``…) stay codes: the rows are for programs.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.graph.concepts import describe
    >>> row = concept_rows(describe(tiny_graph(), "https://w3id.org/smp/skill/editing"))[0]
    >>> row["other"], row["label"], row["importance"], row["sources"]
    ('role:editor', 'video editor', 'essential', 'tiny')
    >>> row = concept_rows(describe(tiny_graph(), "https://w3id.org/smp/source/tiny"))[0]
    >>> row["type"], row["other"], row["label"]
    ('PlatformUse', 'platformuse:community-manager--tiktok', 'community manager → TikTok')
    """
    if "links" in concept:
        return [
            _row(
                link,
                other=curie(link["other"]),
                label=_label(link["other_label"], lang),
            )
            for link in concept["links"]
        ]
    if "supports" in concept:
        return [_record_row(link, lang, "out") for link in concept["supports"]["links"]]
    if "from" in concept:
        return [_record_row(concept, lang, "")]
    if "statement" in concept:
        return [_row(concept, type="Claim", other=concept["curie"], label=_claim(concept, lang))]
    return []


def _record_row(link: dict, lang: str, direction: str) -> dict:
    return _row(
        link,
        direction=direction,
        other=curie(link["iri"]),
        label=_label(link["label"], lang),
        kind=link.get("transition_kind", ""),
    )


def _coded(rows: list[dict], values: dict, lang: str) -> list[dict]:
    """Name the controlled values of `rows` (``essential`` → ``essentielle``) for a table."""
    return [{**r, **{c: _value_name(r[c], values, lang) for c in _CODED if r.get(c)}} for r in rows]


def _links_table(rows: list[dict], columns: list[str], lang: str) -> str:
    shown = [c for c in columns if any(r.get(c, "") != "" for r in rows)]
    return table(rows, shown, indent="  ", headers=HEADERS[lang])


def _heading(text: str) -> str:
    return text[:1].upper() + text[1:]


def _claim(claim: dict, lang: str) -> str:
    date = f" [{claim['date']}]" if "date" in claim else ""
    return f"{_label(claim['statement'], lang)}{date}"


def concept_text(concept: dict, lang: str = "en") -> str:
    """Render what ``graphkit show`` opens: a head line, its facts, then its links by kind.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.graph.concepts import describe
    >>> text = concept_text(describe(tiny_graph(), "https://w3id.org/smp/role/editor"), "fr")
    >>> for line in text.splitlines()[:3]:
    ...     print(line)
    monteur vidéo  (métier, role:editor)
      fr: monteur vidéo
      en: video editor
    >>> text = concept_text(describe(tiny_graph(), "https://w3id.org/smp/claim/tiny-tiktok"))
    >>> print(text.splitlines()[0])
    TikTok is emerging.  (claim, claim:tiny-tiktok)
    """
    words = WORDS[lang]
    title = _label(concept["label"], lang) or _label(concept.get("statement", {}), lang)
    lines = [
        f"{title or concept['curie']}  ({kind_name(concept['kind'], lang)}, {concept['curie']})"
    ]
    if "links" in concept:
        lines += _concept_lines(concept, lang)
    elif "supports" in concept:
        lines += _source_lines(concept, lang)
    elif "from" in concept:
        lines += _link_lines(concept, lang)
    elif "statement" in concept:
        lines += _claim_lines(concept, lang)
    elif concept.get("definition"):
        lines.append(f"  {words['definition']}: {_label(concept['definition'], lang)}")
    return "\n".join(lines) + "\n"


def _both(labels: dict, lang: str, prefix: str = "") -> list[str]:
    """List one line per language, `lang` first: ``  fr: …``."""
    other = "fr" if lang == "en" else "en"
    return [f"  {prefix}{code}: {labels[code]}" for code in (lang, other) if code in labels]


def _concept_lines(concept: dict, lang: str) -> list[str]:
    words, values = WORDS[lang], concept["values"]
    lines = _both(concept["label"], lang)
    alt = "; ".join(f"{', '.join(v)} ({k})" for k, v in concept["alt_labels"].items())
    if alt:
        lines.append(f"  {words['alt']}: {alt}")
    other = "fr" if lang == "en" else "en"
    for code in (lang, other):
        if code in concept["definition"]:
            lines.append(f"  {words['definition']} ({code}): {concept['definition'][code]}")
    for key, direction in (("broader", "out"), ("narrower", "in")):
        if concept[key]:
            names = ", ".join(_label(r["label"], lang) for r in concept[key])
            lines.append(f"  {RELATIONS['broader'][direction][lang]}: {names}")
    if concept["deprecated"]:
        names = ", ".join(_label(r["label"], lang) for r in concept["replaced_by"])
        lines.append(f"  {words['replaced_by']}: {names or '-'}")
    for link in concept["links"]:
        if link["type"] == "RoleSeniority":
            level = _label(link["other_label"], lang) or local_name(link["other"])
            facts = [level, _value_name(link.get("evidence"), values, lang)]
            lines.append(f"  {words['seniority']}: {', '.join(filter(None, facts))}")
    if concept["sources"]:
        lines.append(f"  {words['sources']}: {_source_names(concept['sources'])}")
    groups: dict[tuple[str, str], list[dict]] = {}
    for link, row in zip(concept["links"], concept_rows(concept, lang), strict=True):
        if link["type"] in _RELATION:
            groups.setdefault((_RELATION[link["type"]], link["direction"]), []).append(row)
    for (relation, direction), rows in sorted(groups.items(), key=lambda g: _ORDER.index(g[0])):
        columns = ["label", *LINK_COLUMNS[4:]]
        heading = f"{_heading(RELATIONS[relation][direction][lang])} ({len(rows)})"
        lines += ["", heading, _links_table(_coded(rows, values, lang), columns, lang)]
    if concept["claims"]:
        lines += ["", f"{words['claims']} ({len(concept['claims'])})"]
        for claim in concept["claims"]:
            lines.append(f"  - {_claim(claim, lang)} ({_source_names(claim['sources'])})")
    return lines


#: The order of a concept's link blocks.
_ORDER = [
    (relation, direction)
    for relation in (*_RELATION.values(), "broader")
    for direction in ("out", "in")
]


#: The word (or column title) that names a field of a record, where it is not the field's key.
_FIELD_NAMES = {
    "title": "title_of",
    "note": "note_of",
    "evidence": "evidence_level",
    "transition_kind": "kind",
    "source_type": "source type",
}


def _facts(record: dict, lang: str, keys) -> list[str]:
    """List ``  name: value`` lines for the fields of `record` that it has, codes named."""
    words, values = WORDS[lang], record.get("values", {})
    lines = []
    for key in keys:
        value = record.get(key)
        if value in (None, "", [], {}):
            continue
        if isinstance(value, dict):
            value = _label(value, lang)
        elif isinstance(value, list):
            value = ", ".join(map(str, value))
        elif isinstance(value, float):
            value = f"{value:g}"
        elif key in ("importance", "trend", "evidence", "transition_kind", "source_type"):
            value = _value_name(value, values, lang)
        field = _FIELD_NAMES.get(key, key)
        name = words.get(field) or HEADERS[lang].get(field, field)
        lines.append(f"  {name}: {value}")
    return lines


def _evidence_lines(record: dict, lang: str) -> list[str]:
    words = WORDS[lang]
    lines = []
    if record.get("sources"):
        lines.append(f"  {words['sources']}: {_source_names(record['sources'])}")
    lines += [f"  {words['quote']}: « {quote} »" for quote in record.get("quotes", [])]
    return lines


def _link_lines(link: dict, lang: str) -> list[str]:
    lines = [
        f"  {HEADERS[lang].get(end, end)}: {_label(link[end]['label'], lang)} "
        f"({kind_name(link[end]['kind'], lang)}, {curie(link[end]['iri'])})"
        for end in ("from", "to")
    ]
    keys = ("transition_kind", "importance", "weight", "typical_years", "trend", "evidence")
    lines += _facts(link, lang, keys)
    lines += _evidence_lines(link, lang)
    return lines + _facts(link, lang, ("identifier", "note"))


def _claim_lines(claim: dict, lang: str) -> list[str]:
    words = WORDS[lang]
    lines = _both(claim["statement"], lang, f"{words['statement']} ")
    if "figure" in claim:
        unit = _label(claim.get("unit", {}), lang)
        lines.append(f"  {words['figure']}: {claim['figure']} {unit}".rstrip())
    lines += _facts(claim, lang, ("date", "trend"))
    about = ", ".join(_label(r["label"], lang) for r in claim["about"])
    if about:
        lines.append(f"  {words['about']}: {about}")
    return lines + _evidence_lines(claim, lang)


def _source_lines(source: dict, lang: str) -> list[str]:
    words = WORDS[lang]
    lines = _both(source["label"], lang)
    keys = (
        "title",
        "publisher",
        "language",
        "date",
        "source_type",
        "identifier",
        "version",
        "note",
    )
    lines += _facts(source, lang, keys)
    supports = source["supports"]
    if supports["claims"]:
        lines += ["", f"{words['claims']} ({len(supports['claims'])})"]
        lines += [f"  - {_claim(c, lang)}" for c in supports["claims"][:_SHOWN]]
        lines += _more(len(supports["claims"]), lang)
    by_kind: dict[str, list[dict]] = {}
    for link in supports["links"]:
        by_kind.setdefault(link["kind"], []).append(link)
    for kind, links in by_kind.items():
        rows = _coded(
            [_record_row(link, lang, "") for link in links[:_SHOWN]], source["values"], lang
        )
        columns = ["label", "kind", "importance", "weight", "typical_years", "evidence"]
        heading = f"{words['supports']}: {kind_name(kind, lang)} ({len(links)})"
        lines += ["", heading, _links_table(rows, columns, lang), *_more(len(links), lang)]
    if supports["concepts"]:
        names = ", ".join(_label(c["label"], lang) for c in supports["concepts"][:_SHOWN])
        lines += ["", f"{words['derived_concepts']} ({len(supports['concepts'])})", f"  {names}"]
        lines += _more(len(supports["concepts"]), lang)
    return lines


def _more(count: int, lang: str) -> list[str]:
    return [f"  {WORDS[lang]['more'].format(n=count - _SHOWN)}"] if count > _SHOWN else []
