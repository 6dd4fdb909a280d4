"""Count what the graph holds: concepts and links per class, evidence, sources, triples."""

from collections import Counter

import networkx as nx
from rdflib import Dataset, Graph
from rdflib.namespace import RDF

from graphkit.graph.namespaces import GRAPH, SMP
from graphkit.routes.analysis import bridge_roles, transferable_skills

__all__ = ["COUNTED_CLASSES", "EVIDENCE_LEVELS", "LINK_CLASSES", "graph_stats"]

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
        ``transferable_skills`` and ``bridge_roles`` (see :mod:`graphkit.routes.analysis`).

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> s = graph_stats(tiny_graph())
    >>> s["classes"]["Role"], s["classes"]["Transition"]
    (4, 4)
    >>> s["evidence"]["Transition"]
    {'stated': 3, 'curated': 1, 'groupstated': 0, 'inferred': 0}
    >>> from graphkit.routes.projection import to_transition_graph
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
