"""The alignments as an SSSOM mapping set: ``exports/mappings.sssom.tsv``.

SSSOM (Simple Standard for Sharing Ontological Mappings) TSV is a table with one row per
mapping, preceded by its metadata as YAML in ``#`` comment lines: the CURIE map, the mapping
set's id, licence and version. Each skos:exactMatch, closeMatch or broadMatch of a concept to
ESCO, ISCO, ROME, O*NET or Wikidata is one row; its justification is a manual curation
(``semapv:ManualMappingCuration``) and its comment the concept's editorial note on that
mapping (``ontology/data/alignments.ttl`` writes one per mapping, opening with the scheme, the
match kind and the target's name).
"""

import re

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from graphkit.graph.concepts import labels
from graphkit.graph.prefixes import BASE, PREFIX_IRIS

__all__ = ["MAPPING_COLUMNS", "MAPPING_SET_ID", "mapping_rows", "sssom_bytes"]

#: The IRI of the mapping set.
MAPPING_SET_ID = BASE + "mappings.sssom.tsv"
#: The columns of the table, in order.
MAPPING_COLUMNS = (
    "subject_id", "subject_label", "predicate_id", "object_id", "object_label",
    "mapping_justification", "comment",
)  # fmt: skip

_PREDICATES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch)
#: The target schemes: (CURIE prefix, IRI prefix, the name its editorial notes open with).
_SCHEMES = (
    ("ESCO.occupation", "http://data.europa.eu/esco/occupation/", "ESCO"),
    ("ESCO.skill", "http://data.europa.eu/esco/skill/", "ESCO"),
    ("ISCO", "http://data.europa.eu/esco/isco/C", "ISCO-08"),
    ("ROME.fiche", PREFIX_IRIS["smp"] + "ext/rome-fiche/", "ROME"),
    ("ROME.appellation", PREFIX_IRIS["smp"] + "ext/rome-appellation/", "ROME"),
    ("ONET", "https://www.onetonline.org/link/summary/", "O*NET"),
    ("wikidata", "http://www.wikidata.org/entity/", "Wikidata"),
)
_OURS = ("role", "skill", "platform", "tool", "credential")
_CURIE_MAP = {
    **{p: PREFIX_IRIS[p] for p in _OURS},
    **{p: iri for p, iri, _ in _SCHEMES},
    "semapv": "https://w3id.org/semapv/vocab/",
    "skos": PREFIX_IRIS["skos"],
}


def _curie(iri: str) -> str:
    best = max(
        ((p, ns) for p, ns in _CURIE_MAP.items() if iri.startswith(ns)), key=lambda x: len(x[1])
    )
    return f"{best[0]}:{iri[len(best[1]) :]}"


def _scheme(iri: str) -> str | None:
    return next((name for _, prefix, name in _SCHEMES if iri.startswith(prefix)), None)


def _note(notes: list[str], predicate: str, target: str, label: str) -> str:
    """Pick the note that opens with the scheme and match kind of a mapping, and names it.

    The notes open ``<scheme> <kind> <target>: <why>``, the target named by its label, its
    code and label, or a longer name; the closest naming wins.
    """
    scheme, kind = _scheme(target), predicate.rsplit("#", 1)[1]
    found = []
    for note in notes:
        words = note.split(": ", 1)[0].split()
        if note.startswith(scheme + " ") and kind in words[:3]:
            found.append((" ".join(words[words.index(kind) + 1 :]).lower(), note))
    code, name = re.split(r"[/#]", target)[-1].removeprefix("C").lower(), label.lower()
    for fits in (
        lambda tail: True,
        lambda tail: tail in (name, f"{code} {name}"),
        lambda tail: tail.split()[0] == code if tail else False,
        lambda tail: name in tail,
    ):
        chosen = [note for tail, note in found if fits(tail)]
        if len(chosen) == 1:
            return chosen[0]
    return ""


def mapping_rows(dataset: Graph) -> list[dict[str, str]]:
    """List the alignments of the graph's concepts as SSSOM rows, sorted.

    Parameters
    ----------
    dataset : rdflib.Graph
        A loaded graph or dataset.

    Returns
    -------
    list of dict
        One dict per mapping, keyed by :data:`MAPPING_COLUMNS`, in (subject, predicate,
        object) order; ``comment`` is the editorial note justifying the mapping, or empty when
        no note names it.

    Examples
    --------
    >>> from rdflib import Graph
    >>> g = Graph().parse(format="turtle", data='''
    ... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ... <https://w3id.org/smp/role/vlogger> skos:prefLabel "vlogger"@en ;
    ...     skos:exactMatch <http://www.wikidata.org/entity/Q1> ;
    ...     skos:editorialNote "Wikidata exactMatch Q1 vlogger: same occupation."@en .
    ... ''')
    >>> row = mapping_rows(g)[0]
    >>> row["subject_id"], row["predicate_id"], row["object_id"], row["comment"]
    ('role:vlogger', 'skos:exactMatch', 'wikidata:Q1', 'Wikidata exactMatch Q1 vlogger: same occupation.')
    """  # noqa: E501
    rows = []
    for p in _PREDICATES:
        for s, o in dataset.subject_objects(p):
            subject, target = str(s), str(o)
            if not subject.startswith(BASE) or "/ext/" in subject or _scheme(target) is None:
                continue
            label = str(dataset.value(o, RDFS.label) or "")
            notes = sorted(str(n) for n in dataset.objects(s, SKOS.editorialNote))
            rows.append(
                {
                    "subject_id": _curie(subject),
                    "subject_label": labels(dataset, s).get("en", ""),
                    "predicate_id": "skos:" + str(p).rsplit("#", 1)[1],
                    "object_id": _curie(target),
                    "object_label": label,
                    "mapping_justification": "semapv:ManualMappingCuration",
                    "comment": _note(notes, str(p), target, label),
                }
            )
    return sorted(rows, key=lambda r: (r["subject_id"], r["predicate_id"], r["object_id"]))


def _cell(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ")


def sssom_bytes(dataset: Graph, version: str) -> bytes:
    """Write the alignments of `dataset` as SSSOM TSV, with its YAML metadata header.

    Parameters
    ----------
    dataset : rdflib.Graph
        A loaded graph or dataset.
    version : str
        The ontology's version (``owl:versionInfo``): the mapping set's version.

    Returns
    -------
    bytes
        The TSV file, UTF-8, byte-stable.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> text = sssom_bytes(tiny_graph(), "0.1.0").decode()
    >>> text.splitlines()[0]
    '# curie_map:'
    >>> "# mapping_set_version: 0.1.0" in text.splitlines()
    True
    """
    ontology = URIRef(BASE)
    licence = dataset.value(ontology, DCTERMS.license)
    title = labels(dataset, ontology, DCTERMS.title).get("en", "graphkit")
    lines = ["# curie_map:"]
    lines += [f"#   {prefix}: {iri}" for prefix, iri in sorted(_CURIE_MAP.items())]
    lines += [
        f"# mapping_set_id: {MAPPING_SET_ID}",
        f"# mapping_set_title: {title}, alignments to ESCO, ISCO, ROME, O*NET and Wikidata",
        f"# mapping_set_version: {version}",
        f"# license: {licence or 'https://creativecommons.org/licenses/by/4.0/'}",
        "# mapping_set_description: Generated by `graphkit build` from"
        " ontology/data/alignments.ttl; do not edit.",
        "\t".join(MAPPING_COLUMNS),
    ]
    for row in mapping_rows(dataset):
        lines.append("\t".join(_cell(row[c]) for c in MAPPING_COLUMNS))
    return ("\n".join(lines) + "\n").encode()
