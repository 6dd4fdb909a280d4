"""Read concepts from the RDF graph: their names, labels, and a full description.

A *record* is anything else a person may want to open: a source, a claim, a qualified link
(a skill requirement, a transition…). Records have names too (their IRI, CURIE and last IRI
segment, a source's label and title) and a description of their own.
"""

from collections import defaultdict
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from graphkit.errors import TermNotFound, WrongKind
from graphkit.graph.names import RECORD_RANK, NameEntry, NameIndex
from graphkit.graph.namespaces import PREFIXES, SMP, curie

__all__ = [
    "CONCEPT_KINDS",
    "LINK_ENDS",
    "RECORD_KINDS",
    "describe",
    "kind_of",
    "labels",
    "name_entries",
    "resolve",
]

#: The concept classes, by the short kind name used in output.
CONCEPT_KINDS = {
    "role": SMP.Role,
    "skill": SMP.Skill,
    "platform": SMP.Platform,
    "tool": SMP.Tool,
    "credential": SMP.Credential,
}

#: The record classes, by the kind name used in output (the segment of their IRIs).
RECORD_KINDS = {
    "source": SMP.Source,
    "claim": SMP.Claim,
    "requirement": SMP.SkillRequirement,
    "platform-use": SMP.PlatformUse,
    "tool-use": SMP.ToolUse,
    "credential-path": SMP.CredentialPath,
    "transition": SMP.Transition,
    "tool-skill": SMP.ToolSkill,
    "tool-platform": SMP.ToolPlatform,
    "role-seniority": SMP.RoleSeniority,
}
_KIND_OF_CLASS = {cls: kind for kind, cls in (CONCEPT_KINDS | RECORD_KINDS).items()}

#: Each qualified-link class with its two end properties (the "from" end first).
LINK_ENDS = {
    SMP.SkillRequirement: (SMP.role, SMP.skill),
    SMP.PlatformUse: (SMP.role, SMP.platform),
    SMP.ToolUse: (SMP.role, SMP.tool),
    SMP.CredentialPath: (SMP.role, SMP.credential),
    SMP.Transition: (SMP.fromRole, SMP.toRole),
    SMP.ToolSkill: (SMP.tool, SMP.skill),
    SMP.ToolPlatform: (SMP.tool, SMP.platform),
    SMP.RoleSeniority: (SMP.role, SMP.level),
}


def labels(graph: Graph, node: URIRef, predicate: URIRef = SKOS.prefLabel) -> dict[str, str]:
    """Return the labels of `node` by language (the first one per language).

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.graph.namespaces import PREFIXES
    >>> labels(tiny_graph(), PREFIXES["role"]["writer"])
    {'en': 'web writer', 'fr': 'rédacteur web'}
    """
    found: dict[str, str] = {}
    for value in sorted(graph.objects(node, predicate)):
        if isinstance(value, Literal):
            found.setdefault(value.language or "", str(value))
    return dict(sorted(found.items()))


def kind_of(graph: Graph, node: URIRef) -> str:
    """Name what `node` is: a concept or record kind (``role``, ``source``…), else its class.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> G = tiny_graph()
    >>> kind_of(G, PREFIXES["skill"]["writing"])
    'skill'
    >>> kind_of(G, PREFIXES["source"]["tiny"])
    'source'
    >>> kind_of(G, PREFIXES["scheme"]["tiny"])
    'skos:ConceptScheme'
    """
    types = set(graph.objects(node, RDF.type))
    for cls, kind in _KIND_OF_CLASS.items():
        if cls in types:
            return kind
    return min((curie(str(t)) for t in types), default="resource")


def name_entries(graph: Graph, *, records: Iterable[str] = tuple(RECORD_KINDS)) -> list[NameEntry]:
    """List the names of every concept and record of `graph`, for a :class:`NameIndex`.

    A concept answers to its prefLabels and altLabels; a record to its CURIE, and a source to
    its labels and titles too, all ranked after the concepts' names (:data:`RECORD_RANK`).

    Parameters
    ----------
    graph : rdflib.Graph
        A loaded graph or dataset.
    records : iterable of str
        The kinds of records to name (:data:`RECORD_KINDS`): all by default. The routes'
        cached index names only sources and claims, to stay small (it is read on every
        route query); ``graphkit show`` names them all.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> entries = name_entries(tiny_graph())
    >>> [e.label for e in entries if e.iri.endswith("/role/writer")]
    ['web writer', 'rédacteur web', 'rédactrice web']
    >>> [(e.kind, e.label) for e in entries if e.iri.endswith("/source/tiny")]
    [('source', 'source:tiny'), ('source', 'Tiny example article'), \
('source', "Petit article d'exemple")]
    """
    entries = []
    for kind, cls in CONCEPT_KINDS.items():
        for concept in sorted(graph.subjects(RDF.type, cls)):
            iri = str(concept)
            display = labels(graph, concept).get("en", curie(iri))
            for rank, predicate in enumerate((SKOS.prefLabel, SKOS.altLabel)):
                for label in sorted(graph.objects(concept, predicate)):
                    entries.append(NameEntry(iri, kind, str(label), rank, display))
    for kind in records:
        for record in sorted(graph.subjects(RDF.type, RECORD_KINDS[kind])):
            iri = str(record)
            display = labels(graph, record, RDFS.label).get("en", curie(iri))
            names = [curie(iri), *sorted(graph.objects(record, RDFS.label))]
            names += sorted(graph.objects(record, DCTERMS.title))
            entries += [NameEntry(iri, kind, str(n), RECORD_RANK, display) for n in names]
    return entries


def resolve(graph: Graph, name: str, *, kind: str | None = None) -> str:
    """Find the concept or record of `graph` that `name` names; see :meth:`NameIndex.resolve`.

    Without `kind`, any subject of `graph` given by its IRI or CURIE is found too (a
    controlled value such as ``smp:Essential``, a class).

    Builds the index for one lookup (of the concepts, then of the records too if need be): to
    resolve many names, build a :class:`graphkit.graph.names.NameIndex` from
    :func:`name_entries` once.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> G = tiny_graph()
    >>> resolve(G, "Rédactrice Web")
    'https://w3id.org/smp/role/writer'
    >>> resolve(G, "role:editor"), resolve(G, "tiny")
    ('https://w3id.org/smp/role/editor', 'https://w3id.org/smp/source/tiny')
    >>> resolve(G, "scheme:tiny")
    'https://w3id.org/smp/scheme/tiny'
    >>> resolve(G, "web writr")
    Traceback (most recent call last):
    ...
    graphkit.errors.TermNotFound: no concept named 'web writr'; did you mean web writer?
    """
    try:  # concepts first: their names win, and the records' are many
        return NameIndex(name_entries(graph, records=())).resolve(name, kind=kind)
    except WrongKind:
        raise
    except TermNotFound:
        pass
    try:
        return NameIndex(name_entries(graph)).resolve(name, kind=kind)
    except TermNotFound:
        if kind is None and (iri := _subject(graph, name.strip())):
            return iri
        raise


def _subject(graph: Graph, name: str) -> str | None:
    """Return the subject of `graph` that `name` gives as an IRI or a CURIE, if any."""
    if not name or any(c.isspace() for c in name):
        return None
    prefix, _, local = name.partition(":")
    iri = str(PREFIXES[prefix][local]) if prefix in PREFIXES and local else name
    return iri if (URIRef(iri), None, None) in graph else None


def _value(node):
    """Turn an RDF term into plain JSON data."""
    if isinstance(node, Literal):
        value = node.toPython()
        return value if isinstance(value, int | float | str | bool) else str(node)
    return str(node)


def _code(value: URIRef) -> str:
    """Name a controlled value by its lowercased local name (``smp:Essential`` → ``essential``).

    Examples
    --------
    >>> _code(SMP.Essential)
    'essential'
    """
    return str(value).rsplit("/", 1)[-1].lower()


def _names(graph: Graph, node) -> dict[str, str]:
    """Return a node's labels: its prefLabels, else its rdfs:labels."""
    return labels(graph, node) or labels(graph, node, RDFS.label)


def _refs(graph: Graph, nodes) -> list[dict]:
    return [{"iri": str(n), "label": _names(graph, n)} for n in sorted(nodes)]


def _qualifiers(graph: Graph, link: URIRef, kind_key: str = "kind") -> dict:
    """Read a qualified link's importance, kind, trend, evidence, weight and typical years."""
    found = {}
    for key, predicate in (
        (kind_key, SMP.transitionKind),
        ("importance", SMP.importance),
        ("trend", SMP.trend),
        ("evidence", SMP.evidence),
    ):
        value = graph.value(link, predicate)
        if value is not None:
            found[key] = _code(value)
    for key, predicate in (("weight", SMP.weight), ("typical_years", SMP.typicalYears)):
        value = graph.value(link, predicate)
        if value is not None:
            found[key] = float(value.toPython())
    return found


def _evidence(graph: Graph, node: URIRef) -> dict:
    """List the sources a link or claim is derived from, and its quotes if it has some."""
    found = {"sources": _refs(graph, graph.objects(node, PROV.wasDerivedFrom))}
    quotes = sorted(str(q) for q in graph.objects(node, SMP.quote))
    if quotes:
        found["quotes"] = quotes
    return found


def _link(graph: Graph, link: URIRef, cls: URIRef, concept: URIRef) -> dict:
    """Describe one qualified link as seen from `concept`."""
    start, end = LINK_ENDS[cls]
    outgoing = graph.value(link, start) == concept
    other = graph.value(link, end if outgoing else start)
    return {
        "iri": str(link),
        "type": str(cls).removeprefix(str(PREFIXES["smp"])),
        "direction": "out" if outgoing else "in",
        "other": str(other),
        "other_kind": kind_of(graph, other),
        "other_label": _names(graph, other),
        **_qualifiers(graph, link),
        **_evidence(graph, link),
    }


def _claim(graph: Graph, claim: URIRef) -> dict:
    """Describe a claim: its statement, figure, unit, date, trend, what it is about, evidence."""
    found = {"statement": labels(graph, claim, SMP.statement)}
    for key, predicate in (("figure", SMP.figure), ("unit", SMP.unit), ("date", DCTERMS.date)):
        value = graph.value(claim, predicate)
        if value is not None:
            found[key] = labels(graph, claim, predicate) if key == "unit" else _value(value)
    if (trend := graph.value(claim, SMP.trend)) is not None:
        found["trend"] = _code(trend)
    found["about"] = _refs(graph, graph.objects(claim, SMP.about))
    return {"iri": str(claim), **found, **_evidence(graph, claim)}


def _concept(graph: Graph, node: URIRef) -> dict:
    """Describe a concept: labels, definition, sources, links and the claims about it."""
    links = []
    for cls, ends in LINK_ENDS.items():
        for end in ends:
            for link in graph.subjects(end, node):
                if (link, RDF.type, cls) in graph:
                    links.append(_link(graph, link, cls, node))
    links.sort(key=lambda k: (k["type"], k["direction"], -k.get("weight", 0), k["other"]))
    alt: dict[str, list[str]] = defaultdict(list)
    for value in sorted(graph.objects(node, SKOS.altLabel)):
        alt[value.language or ""].append(str(value))
    return {
        "alt_labels": dict(sorted(alt.items())),
        "definition": labels(graph, node, SKOS.definition),
        "deprecated": bool(graph.value(node, OWL.deprecated)),
        "replaced_by": _refs(graph, graph.objects(node, DCTERMS.isReplacedBy)),
        "broader": _refs(graph, graph.objects(node, SKOS.broader)),
        "narrower": _refs(graph, graph.subjects(SKOS.broader, node)),
        "sources": _refs(graph, graph.objects(node, PROV.wasDerivedFrom)),
        "links": links,
        "claims": [_claim(graph, c) for c in sorted(graph.subjects(SMP.about, node))],
    }


def _ends(graph: Graph, link: URIRef, cls: URIRef) -> dict:
    """Name the two ends of a qualified link, ``from`` and ``to``, with their kinds, labels."""
    return {
        key: {"iri": str(end), "kind": kind_of(graph, end), "label": _names(graph, end)}
        for key, end in zip(
            ("from", "to"), (graph.value(link, p) for p in LINK_ENDS[cls]), strict=True
        )
    }


def _record_link(graph: Graph, node: URIRef, cls: URIRef) -> dict:
    """Describe a qualified link: its ends, qualifiers, sources, quotes and record."""
    found = {"type": str(cls).removeprefix(str(PREFIXES["smp"])), **_ends(graph, node, cls)}
    found["label"] = {
        lang: f"{_label_in(found['from'], lang)} → {_label_in(found['to'], lang)}"
        for lang in ("en", "fr")
    }
    found |= _qualifiers(graph, node, "transition_kind") | _evidence(graph, node)
    if (identifier := graph.value(node, DCTERMS.identifier)) is not None:
        found["identifier"] = str(identifier)
    if note := labels(graph, node, SKOS.editorialNote):
        found["note"] = note
    return found


def _label_in(end: dict, lang: str) -> str:
    return end["label"].get(lang) or end["label"].get("en") or curie(end["iri"])


def _source(graph: Graph, node: URIRef) -> dict:
    """Describe a source: title, publisher, languages, date, record, and what it supports."""
    found: dict = {"title": labels(graph, node, DCTERMS.title)}
    for key, predicate in (
        ("publisher", DCTERMS.publisher),
        ("date", DCTERMS.date),
        ("identifier", DCTERMS.identifier),
        ("version", OWL.versionInfo),
    ):
        if (value := graph.value(node, predicate)) is not None:
            found[key] = _value(value)
    found["language"] = sorted(str(lang) for lang in graph.objects(node, DCTERMS.language))
    if (kind := graph.value(node, SMP.sourceType)) is not None:
        found["source_type"] = _code(kind)
    found["note"] = labels(graph, node, RDFS.comment)
    supported = defaultdict(list)
    for item in sorted(graph.subjects(PROV.wasDerivedFrom, node)):
        kind = kind_of(graph, item)
        cls = RECORD_KINDS.get(kind)
        if kind == "claim":
            supported["claims"].append(_claim(graph, item))
        elif cls in LINK_ENDS:
            supported["links"].append(
                {"iri": str(item), "kind": kind, **_record_link(graph, item, cls)}
            )
        elif kind in CONCEPT_KINDS:
            supported["concepts"].append(
                {"iri": str(item), "kind": kind, "label": _names(graph, item)}
            )
    found["supports"] = {k: supported[k] for k in ("claims", "links", "concepts")}
    return found


def _value_labels(graph: Graph, found) -> dict:
    """Label the controlled values (essential, stated…) that a description names by code."""
    codes = set()

    def walk(data):
        if isinstance(data, dict):
            for key, value in data.items():
                if key in _VALUE_KEYS and isinstance(value, str):
                    codes.add(value)
                walk(value)
        elif isinstance(data, list):
            for value in data:
                walk(value)

    walk(found)
    values = {}
    for cls in graph.subjects(RDFS.subClassOf, SMP.ControlledValue):
        for value in graph.subjects(RDF.type, cls):
            if _code(value) in codes:
                values[str(value)] = _names(graph, value)
    return dict(sorted(values.items()))


#: The keys of a description whose values are controlled values' codes.
_VALUE_KEYS = {"kind", "transition_kind", "importance", "trend", "evidence", "source_type"}


def describe(graph: Graph, iri: str) -> dict:
    """Describe a concept or a record: what it is, its labels, and everything it links.

    Parameters
    ----------
    graph : rdflib.Graph
        A loaded graph or dataset.
    iri : str
        The concept or record, as returned by :func:`resolve`.

    Returns
    -------
    dict
        Plain JSON data: ``iri``, ``curie``, ``kind`` (:func:`kind_of`), ``label`` (by
        language) and ``values`` (the labels of the controlled values it names by code:
        ``essential``, ``stated``…), then by kind:

        - a concept: ``alt_labels``, ``definition``, ``deprecated``, ``replaced_by``,
          ``broader``, ``narrower``, ``sources``, ``links`` (the qualified links in which it
          takes part, each with the concept at the other end, its weight, evidence, sources
          and quotes) and ``claims`` (about it);
        - a source: ``title``, ``publisher``, ``date``, ``identifier``, ``version``,
          ``language``, ``source_type``, ``note``, and ``supports``: the ``claims``, ``links``
          and ``concepts`` derived from it;
        - a claim: ``statement``, ``figure``, ``unit``, ``date``, ``trend``, ``about``,
          ``sources``, ``quotes``;
        - a qualified link: ``type``, ``from`` and ``to`` (each ``iri``, ``kind``,
          ``label``), ``importance``, ``transition_kind``, ``trend``, ``weight``,
          ``typical_years``, ``evidence``, ``sources``, ``quotes``, ``identifier`` (the
          taxonomy's record) and ``note``, where it has them.

    Raises
    ------
    TermNotFound
        If `iri` is not a subject of the graph.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> G = tiny_graph()
    >>> d = describe(G, "https://w3id.org/smp/role/writer")
    >>> d["kind"], d["label"]["fr"]
    ('role', 'rédacteur web')
    >>> [(link["type"], link["direction"], link["other"]) for link in d["links"]][:2]
    [('RoleSeniority', 'out', 'https://w3id.org/smp/entry'), \
('SkillRequirement', 'out', 'https://w3id.org/smp/skill/writing')]
    >>> d["links"][1]["importance"], d["links"][1]["evidence"], d["links"][1]["weight"]
    ('essential', 'stated', 0.9)
    >>> t = describe(G, "https://w3id.org/smp/transition/writer--community-manager")
    >>> t["kind"], t["label"]["en"], t["transition_kind"], t["typical_years"]
    ('transition', 'web writer → community manager', 'lateral', 2.0)
    >>> s = describe(G, "https://w3id.org/smp/source/tiny")
    >>> s["kind"], s["language"], len(s["supports"]["links"]), len(s["supports"]["claims"])
    ('source', ['fr'], 16, 1)
    """
    node = URIRef(iri)
    if (node, None, None) not in graph:
        raise TermNotFound(iri)
    kind = kind_of(graph, node)
    found = {"iri": iri, "curie": curie(iri), "kind": kind, "label": _names(graph, node)}
    if kind in CONCEPT_KINDS:
        found |= _concept(graph, node)
    elif kind == "source":
        found |= _source(graph, node)
    elif kind == "claim":
        found |= _claim(graph, node)
    elif RECORD_KINDS.get(kind) in LINK_ENDS:
        found |= _record_link(graph, node, RECORD_KINDS[kind])
    else:
        found["definition"] = labels(graph, node, SKOS.definition) or labels(
            graph, node, RDFS.comment
        )
    found["values"] = _value_labels(graph, found)
    return found
