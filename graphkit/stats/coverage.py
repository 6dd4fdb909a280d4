"""Measure how complete the graph is: labels, definitions, sources and alignments per class."""

from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, SKOS

from graphkit.graph.namespaces import SMP
from graphkit.stats.summary import LINK_CLASSES, _local

__all__ = ["COVERAGE_CLASSES", "COVERAGE_LINKS", "SCHEMES", "coverage_report"]

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
    >>> from graphkit.graph.examples import tiny_graph
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
