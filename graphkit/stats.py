"""Count what the graph holds: concepts and links per class, evidence, sources, triples."""

from collections import Counter

import networkx as nx
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import PROV, RDF, SKOS

from graphkit.analysis import bridge_roles, transferable_skills
from graphkit.namespaces import GRAPH, SMP

__all__ = [
    "COUNTED_CLASSES",
    "COVERAGE_CLASSES",
    "COVERAGE_LINKS",
    "LINK_CLASSES",
    "SCHEMES",
    "coverage_report",
    "graph_stats",
]

#: The link classes, whose members are counted by evidence.
LINK_CLASSES = (
    SMP.SkillRequirement,
    SMP.PlatformUse,
    SMP.ToolUse,
    SMP.CredentialPath,
    SMP.Transition,
)
#: The classes counted, in display order.
COUNTED_CLASSES = (
    SMP.Role,
    SMP.Skill,
    SMP.Platform,
    SMP.Tool,
    SMP.Credential,
    *LINK_CLASSES,
    SMP.Claim,
    SMP.Source,
)


def _local(iri) -> str:
    return str(iri).rsplit("/", 1)[-1]


#: The evidence levels, weakest last (DESIGN.md §4), as their codes.
EVIDENCE_LEVELS = ("stated", "curated", "groupstated", "inferred")


def graph_stats(graph: Graph, transitions: nx.DiGraph | None = None, *, top: int = 5) -> dict:
    """Count the concepts, links, evidence levels, sources and triples of `graph`.

    Parameters
    ----------
    graph : rdflib.Graph
        A loaded graph or dataset.
    transitions : networkx.DiGraph, optional
        Its transition graph: adds the `top` transferable skills and bridge roles.
    top : int
        How many skills and roles to list.

    Returns
    -------
    dict
        ``classes``: members per class; ``evidence``: links per class and evidence level
        (``stated``, ``curated``, ``inferred``); ``sources``: sources per type; ``triples``;
        ``graphs``: triples per named graph (datasets only); with `transitions`,
        ``transferable_skills`` and ``bridge_roles`` (see :mod:`graphkit.analysis`).

    Examples
    --------
    >>> from graphkit.examples import tiny_graph
    >>> s = graph_stats(tiny_graph())
    >>> s["classes"]["Role"], s["classes"]["Transition"]
    (4, 4)
    >>> s["evidence"]["Transition"]
    {'stated': 3, 'curated': 1, 'groupstated': 0, 'inferred': 0}
    >>> from graphkit.project import to_transition_graph
    >>> s = graph_stats(tiny_graph(), to_transition_graph(tiny_graph()), top=1)
    >>> s["transferable_skills"][0]["skill"], s["bridge_roles"][0]["role"]
    ('https://w3id.org/smp/skill/writing', 'https://w3id.org/smp/role/writer')
    """
    classes = {_local(c): len(set(graph.subjects(RDF.type, c))) for c in COUNTED_CLASSES}
    evidence = {}
    for cls in LINK_CLASSES:
        levels = Counter(
            _local(graph.value(link, SMP.evidence)).lower()
            for link in set(graph.subjects(RDF.type, cls))
        )
        evidence[_local(cls)] = {k: levels.get(k, 0) for k in EVIDENCE_LEVELS}
    sources = Counter(
        _local(graph.value(s, SMP.sourceType)).lower()
        for s in set(graph.subjects(RDF.type, SMP.Source))
    )
    stats = {
        "classes": classes,
        "evidence": evidence,
        "sources": dict(sorted(sources.items())),
        "triples": len(graph),
    }
    if isinstance(graph, Dataset):
        stats["graphs"] = {
            str(g.identifier).removeprefix(str(GRAPH)): len(g)
            for g in sorted(graph.graphs(), key=lambda g: str(g.identifier))
            if str(g.identifier).startswith(str(GRAPH))
        }
    if transitions is not None:
        stats["transferable_skills"] = transferable_skills(transitions, limit=top)
        stats["bridge_roles"] = bridge_roles(transitions, limit=top)
    return stats


#: The concept classes of the coverage report, in display order.
COVERAGE_CLASSES = (SMP.Role, SMP.Skill, SMP.Platform, SMP.Tool, SMP.Credential)
#: The link classes of the coverage report: each must derive from a source.
COVERAGE_LINKS = (*LINK_CLASSES, SMP.ToolSkill, SMP.ToolPlatform, SMP.Claim)
#: The alignment schemes and the IRI prefixes of their identifiers.
SCHEMES = {
    "esco": ("http://data.europa.eu/esco/occupation/", "http://data.europa.eu/esco/skill/"),
    "isco": ("http://data.europa.eu/esco/isco/",),
    "rome": ("https://w3id.org/smp/ext/rome-",),
    "onet": ("https://www.onetonline.org/link/summary/",),
    "wikidata": ("http://www.wikidata.org/entity/",),
}
_MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch)


def _share(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


def _languages(graph: Graph, node, predicate) -> list[str]:
    return [o.language for o in graph.objects(node, predicate) if isinstance(o, Literal)]


def _sourced(graph: Graph, node) -> bool:
    return any((s, RDF.type, SMP.Source) in graph for s in graph.objects(node, PROV.wasDerivedFrom))


def coverage_report(graph: Graph) -> dict:
    """Measure how complete the graph is, per class: labels, definitions, sources, alignments.

    Parameters
    ----------
    graph : rdflib.Graph
        A loaded graph or dataset.

    Returns
    -------
    dict
        ``concepts``: per concept class, ``count`` and the shares (0–1) of its members with one
        French and one English ``skos:prefLabel`` (``bilingual``), a French and an English
        ``skos:definition`` (``defined``), a ``prov:wasDerivedFrom`` source (``sourced``), and
        ``aligned``: per scheme (esco, isco, rome, onet, wikidata), the share with a
        ``skos:exactMatch``, ``closeMatch`` or ``broadMatch`` into it. ``links``: per link class,
        ``count`` and the share derived from a source (``sourced``).

    Examples
    --------
    >>> from graphkit.examples import tiny_graph
    >>> report = coverage_report(tiny_graph())
    >>> report["concepts"]["Role"]["count"], report["concepts"]["Role"]["bilingual"]
    (4, 1.0)
    >>> report["concepts"]["Role"]["aligned"]["esco"]
    0.0
    >>> report["links"]["Transition"]["sourced"]
    1.0
    """
    concepts = {}
    for cls in COVERAGE_CLASSES:
        members = sorted(set(graph.subjects(RDF.type, cls)))
        n = len(members)
        bilingual = sum(
            sorted(_languages(graph, m, SKOS.prefLabel)) == ["en", "fr"] for m in members
        )
        defined = sum({"en", "fr"} <= set(_languages(graph, m, SKOS.definition)) for m in members)
        targets = {m: [str(o) for p in _MATCHES for o in graph.objects(m, p)] for m in members}
        aligned = {
            scheme: _share(sum(any(t.startswith(prefixes) for t in targets[m]) for m in members), n)
            for scheme, prefixes in SCHEMES.items()
        }
        concepts[_local(cls)] = {
            "count": n,
            "bilingual": _share(bilingual, n),
            "defined": _share(defined, n),
            "sourced": _share(sum(_sourced(graph, m) for m in members), n),
            "aligned": aligned,
        }
    links = {}
    for cls in COVERAGE_LINKS:
        members = set(graph.subjects(RDF.type, cls))
        links[_local(cls)] = {
            "count": len(members),
            "sourced": _share(sum(_sourced(graph, m) for m in members), len(members)),
        }
    return {"concepts": concepts, "links": links}
