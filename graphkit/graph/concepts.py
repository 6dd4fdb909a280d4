"""Read concepts from the RDF graph: their names, labels, and a full description."""

from collections import defaultdict

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from graphkit.errors import TermNotFound
from graphkit.graph.names import NameEntry, NameIndex
from graphkit.graph.namespaces import PREFIXES, SMP, curie

__all__ = [
    "CONCEPT_KINDS",
    "LINK_ENDS",
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
_KIND_OF_CLASS = {cls: kind for kind, cls in CONCEPT_KINDS.items()}

#: Each qualified-link class with its two end properties (the "from" end first).
LINK_ENDS = {
    SMP.SkillRequirement: (SMP.role, SMP.skill),
    SMP.PlatformUse: (SMP.role, SMP.platform),
    SMP.ToolUse: (SMP.role, SMP.tool),
    SMP.CredentialPath: (SMP.role, SMP.credential),
    SMP.Transition: (SMP.fromRole, SMP.toRole),
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
    """Name what `node` is: a concept kind (``role``…), else its class as a CURIE.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> G = tiny_graph()
    >>> kind_of(G, PREFIXES["skill"]["writing"])
    'skill'
    >>> kind_of(G, PREFIXES["source"]["tiny"])
    'smp:Source'
    """
    types = set(graph.objects(node, RDF.type))
    for cls, kind in _KIND_OF_CLASS.items():
        if cls in types:
            return kind
    return min((curie(str(t)) for t in types), default="resource")


def name_entries(graph: Graph) -> list[NameEntry]:
    """List the prefLabels and altLabels of every concept of `graph`, for a :class:`NameIndex`.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> [e.label for e in name_entries(tiny_graph()) if e.iri.endswith("/writer")]
    ['web writer', 'rédacteur web', 'rédactrice web']
    """
    entries = []
    for kind, cls in CONCEPT_KINDS.items():
        for concept in sorted(graph.subjects(RDF.type, cls)):
            iri = str(concept)
            display = labels(graph, concept).get("en", curie(iri))
            for rank, predicate in enumerate((SKOS.prefLabel, SKOS.altLabel)):
                for label in sorted(graph.objects(concept, predicate)):
                    entries.append(NameEntry(iri, kind, str(label), rank, display))
    return entries


def resolve(graph: Graph, name: str, *, kind: str | None = None) -> str:
    """Find the concept of `graph` that `name` names; see :meth:`NameIndex.resolve`.

    Builds the index for one lookup: to resolve many names, build a
    :class:`graphkit.graph.names.NameIndex` from :func:`name_entries` once.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> G = tiny_graph()
    >>> resolve(G, "Rédactrice Web")
    'https://w3id.org/smp/role/writer'
    >>> resolve(G, "role:editor")
    'https://w3id.org/smp/role/editor'
    >>> resolve(G, "web writr")
    Traceback (most recent call last):
    ...
    graphkit.errors.TermNotFound: no concept named 'web writr'; did you mean web writer?
    """
    return NameIndex(name_entries(graph)).resolve(name, kind=kind)


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


def _refs(graph: Graph, nodes) -> list[dict]:
    return [
        {"iri": str(n), "label": labels(graph, n) or labels(graph, n, RDFS.label)}
        for n in sorted(nodes)
    ]


def _link(graph: Graph, link: URIRef, cls: URIRef, concept: URIRef) -> dict:
    """Describe one qualified link as seen from `concept`."""
    start, end = LINK_ENDS[cls]
    outgoing = graph.value(link, start) == concept
    other = graph.value(link, end if outgoing else start)
    found = {
        "iri": str(link),
        "type": str(cls).removeprefix(str(PREFIXES["smp"])),
        "direction": "out" if outgoing else "in",
        "other": str(other),
        "other_kind": kind_of(graph, other),
        "other_label": labels(graph, other),
    }
    for key, predicate in (
        ("kind", SMP.transitionKind),
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
    found["sources"] = _refs(graph, graph.objects(link, PROV.wasDerivedFrom))
    quotes = [str(q) for q in graph.objects(link, SMP.quote)]
    if quotes:
        found["quotes"] = sorted(quotes)
    return found


def describe(graph: Graph, iri: str) -> dict:
    """Describe a concept: its labels, definition, sources, links and the claims about it.

    Parameters
    ----------
    graph : rdflib.Graph
        A loaded graph or dataset.
    iri : str
        The concept, as returned by :func:`resolve`.

    Returns
    -------
    dict
        Plain JSON data; ``links`` lists the qualified links in which the concept takes part,
        each with the concept at the other end, its weight, evidence and sources.

    Raises
    ------
    TermNotFound
        If `iri` is not a subject of the graph.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> d = describe(tiny_graph(), "https://w3id.org/smp/role/writer")
    >>> d["kind"], d["label"]["fr"]
    ('role', 'rédacteur web')
    >>> [(link["type"], link["direction"], link["other_label"]["en"]) for link in d["links"]][:2]
    [('SkillRequirement', 'out', 'writing'), ('SkillRequirement', 'out', 'moderation')]
    >>> d["links"][0]["importance"], d["links"][0]["evidence"], d["links"][0]["weight"]
    ('essential', 'stated', 0.9)
    """
    node = URIRef(iri)
    if (node, None, None) not in graph:
        raise TermNotFound(iri)
    links = []
    for cls, ends in LINK_ENDS.items():
        for end in ends:
            for link in graph.subjects(end, node):
                if (link, RDF.type, cls) in graph:
                    links.append(_link(graph, link, cls, node))
    links.sort(key=lambda k: (k["type"], k["direction"], -k.get("weight", 0), k["other"]))
    claims = []
    for claim in sorted(graph.subjects(SMP.about, node)):
        entry = {"iri": str(claim), "statement": labels(graph, claim, SMP.statement)}
        for key, predicate in (("figure", SMP.figure), ("unit", SMP.unit), ("date", DCTERMS.date)):
            value = graph.value(claim, predicate)
            if value is not None:
                entry[key] = labels(graph, claim, predicate) if key == "unit" else _value(value)
        entry["sources"] = _refs(graph, graph.objects(claim, PROV.wasDerivedFrom))
        claims.append(entry)
    alt: dict[str, list[str]] = defaultdict(list)
    for value in sorted(graph.objects(node, SKOS.altLabel)):
        alt[value.language or ""].append(str(value))
    return {
        "iri": iri,
        "curie": curie(iri),
        "kind": kind_of(graph, node),
        "label": labels(graph, node) or labels(graph, node, RDFS.label),
        "alt_labels": dict(sorted(alt.items())),
        "definition": labels(graph, node, SKOS.definition),
        "deprecated": bool(graph.value(node, OWL.deprecated)),
        "replaced_by": _refs(graph, graph.objects(node, DCTERMS.isReplacedBy)),
        "broader": _refs(graph, graph.objects(node, SKOS.broader)),
        "narrower": _refs(graph, graph.subjects(SKOS.broader, node)),
        "sources": _refs(graph, graph.objects(node, PROV.wasDerivedFrom)),
        "links": links,
        "claims": claims,
    }
