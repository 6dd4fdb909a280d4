"""Project the RDF graph onto networkx: a roles-only transition graph, a typed graph of all.

Both projections are pure: they read the RDF graph and never change it. Nodes are IRI
strings. Labels ride along as data (``label`` on nodes, ``G.graph["labels"]`` for the skills,
tools, platforms and sources the nodes refer to) so that a projection answers route queries
on its own, without the RDF graph.

Doctests start from ``G`` and ``role``, the tiny graph's (set up in ``conftest.py``).
"""

import networkx as nx
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from graphkit.graph.concepts import CONCEPT_KINDS, LINK_ENDS, _code, labels
from graphkit.graph.namespaces import SMP
from graphkit.routes.scoring import coverage

__all__ = [
    "INFERENCE",
    "inferred_move",
    "role_profiles",
    "role_seniority",
    "to_knowledge_graph",
    "to_transition_graph",
    "tool_links",
]

#: How inferred transitions are computed, recorded on every inferred edge and on the graph.
INFERENCE = {
    "method": "weighted-skill-coverage",
    "threshold": 0.6,
    "description": (
        "A role A is inferred to lead to a role B when A's skills cover at least `threshold` "
        "of B's requirements, each weighted by its weight times its importance (essential 1, "
        "optional 0.5). The coverage is asymmetric; it is recorded as the edge's similarity. "
        "No move is inferred between roles more than one seniority level apart: skills say "
        "nothing of rank, and no source gives such a move in one step."
    ),
}


def role_profiles(graph: Graph) -> dict[str, dict]:
    """Read each role's skills, platforms and tools from the qualified links.

    Returns
    -------
    dict
        Role IRI → ``{"skills": {iri: {"weight", "importance", "evidence", "sources"}},
        "platforms": {iri: weight}, "tools": {iri: weight}}``, roles in IRI order.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> p = role_profiles(tiny_graph())["https://w3id.org/smp/role/community-manager"]
    >>> p["skills"]["https://w3id.org/smp/skill/moderation"]  # doctest: +NORMALIZE_WHITESPACE
    {'weight': 0.9, 'importance': 'essential', 'evidence': 'stated',
     'sources': ['https://w3id.org/smp/source/tiny']}
    >>> p["platforms"]
    {'https://w3id.org/smp/platform/tiktok': 0.7}
    """
    profiles = {
        str(r): {"skills": {}, "platforms": {}, "tools": {}}
        for r in sorted(graph.subjects(RDF.type, SMP.Role))
    }
    for cls, key, end in (
        (SMP.SkillRequirement, "skills", SMP.skill),
        (SMP.PlatformUse, "platforms", SMP.platform),
        (SMP.ToolUse, "tools", SMP.tool),
    ):
        for link in sorted(graph.subjects(RDF.type, cls)):
            role, other = graph.value(link, SMP.role), graph.value(link, end)
            if str(role) not in profiles or other is None:
                continue
            weight = float(graph.value(link, SMP.weight).toPython())
            if key == "skills":
                profiles[str(role)][key][str(other)] = {
                    "weight": weight,
                    "importance": _code(graph.value(link, SMP.importance)),
                    "evidence": _code(graph.value(link, SMP.evidence)),
                    "sources": sorted(str(s) for s in graph.objects(link, PROV.wasDerivedFrom)),
                }
            else:
                profiles[str(role)][key][str(other)] = weight
    return profiles


def role_seniority(graph: Graph) -> dict[str, dict]:
    """Read each role's seniority level from its ``smp:RoleSeniority``.

    Returns
    -------
    dict
        Role IRI → ``{"level": code, "rank": int, "evidence": code, "sources": [IRI],
        "quotes": [str]}``; roles without a seniority are left out.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> s = role_seniority(tiny_graph())["https://w3id.org/smp/role/strategist"]
    >>> s["level"], s["rank"], s["evidence"]
    ('senior', 3, 'curated')
    """
    found = {}
    for link in sorted(graph.subjects(RDF.type, SMP.RoleSeniority)):
        role, level = graph.value(link, SMP.role), graph.value(link, SMP.level)
        if role is None or level is None:
            continue
        rank = graph.value(level, SMP.rank)
        found[str(role)] = {
            "level": _code(level),
            "rank": int(rank.toPython()) if rank is not None else _RANKS.get(_code(level)),
            "evidence": _code(graph.value(link, SMP.evidence)),
            "sources": sorted(str(s) for s in graph.objects(link, PROV.wasDerivedFrom)),
            "quotes": sorted(str(q) for q in graph.objects(link, SMP.quote)),
        }
    return found


#: Ranks of the seniority scale, for graphs without the TBox (smp.ttl gives them as smp:rank).
_RANKS = {"entry": 1, "confirmed": 2, "senior": 3, "lead": 4, "executive": 5}


def _levels(G: nx.DiGraph, u: str, v: str) -> int:
    """Seniority levels a move from `u` to `v` climbs (negative when it goes down, 0 if unknown)."""
    a, b = G.nodes[u].get("rank"), G.nodes[v].get("rank")
    return 0 if a is None or b is None else b - a


def tool_links(graph: Graph) -> dict[str, dict[str, dict[str, float]]]:
    """Read what each tool is for: the skills it serves and the platforms it integrates with.

    Returns
    -------
    dict
        ``{"skills": {tool: {skill: weight}}, "platforms": {tool: {platform: weight}}}``
        from the ``smp:ToolSkill`` and ``smp:ToolPlatform`` links, tools in IRI order.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> tool_links(tiny_graph())  # doctest: +NORMALIZE_WHITESPACE
    {'skills': {'https://w3id.org/smp/tool/canva': {'https://w3id.org/smp/skill/editing': 0.6}},
     'platforms': {'https://w3id.org/smp/tool/canva':
                   {'https://w3id.org/smp/platform/tiktok': 0.6}}}
    """
    found: dict[str, dict] = {"skills": {}, "platforms": {}}
    for cls, key, end in (
        (SMP.ToolSkill, "skills", SMP.skill),
        (SMP.ToolPlatform, "platforms", SMP.platform),
    ):
        for link in sorted(graph.subjects(RDF.type, cls)):
            tool, other = graph.value(link, SMP.tool), graph.value(link, end)
            weight = graph.value(link, SMP.weight)
            if tool is not None and other is not None and weight is not None:
                found[key].setdefault(str(tool), {})[str(other)] = float(weight.toPython())
    return found


def _label_table(graph: Graph) -> dict[str, dict[str, str]]:
    """Labels (fr, en) of every concept, source, controlled value and class of ours, by IRI."""
    classes = [*CONCEPT_KINDS.values(), SMP.Source]
    classes += graph.subjects(RDFS.subClassOf, SMP.ControlledValue)
    table = {}
    for cls in classes:
        for node in graph.subjects(RDF.type, cls):
            table[str(node)] = labels(graph, node) or labels(graph, node, RDFS.label)
    for cls in graph.subjects(RDF.type, OWL.Class):
        if str(cls).startswith(str(SMP)):
            table[str(cls)] = labels(graph, cls, RDFS.label)
    return dict(sorted(table.items()))


def to_transition_graph(
    graph: Graph, *, infer: bool = True, threshold: float = INFERENCE["threshold"]
) -> nx.DiGraph:
    """Project roles and the transitions between them onto a ``DiGraph``.

    Curated edges come from the ``smp:Transition`` nodes (evidence ``stated`` or ``curated``);
    when two transitions join the same roles, the heavier one is kept. With `infer`, an edge
    ``A → B`` is added wherever none exists and A's skills cover at least `threshold` of B's
    weighted requirements (see :data:`INFERENCE`); it has evidence ``inferred``, no kind and
    no typical years, and records its ``similarity`` and ``method``. Deprecated roles get no
    inferred edge, and none joins two roles more than one seniority level apart.

    Parameters
    ----------
    graph : rdflib.Graph
        A loaded graph or dataset.
    infer : bool
        Add the inferred transitions.
    threshold : float
        Smallest coverage that makes an inferred transition.

    Returns
    -------
    networkx.DiGraph
        Nodes: role IRIs with ``kind`` ("role"), ``label`` (English prefLabel), ``labels``
        (fr, en), ``deprecated``, ``seniority`` (level code or None), ``rank`` (1-5 or
        None), ``skills``, ``platforms``, ``tools``. Edges: ``predicate``,
        ``transition`` (IRI or None), ``kind``, ``years``, ``weight``, ``evidence``,
        ``sources``, ``quotes``, ``gap`` (weighted share of the target's requirements the
        source role lacks), ``levels`` (seniority levels the move climbs, negative going
        down), and for inferred edges ``similarity`` and ``method``.
        ``G.graph["labels"]`` holds the labels of every concept, source, controlled value
        and class; ``G.graph["tools"]`` what each tool is for (:func:`tool_links`);
        ``G.graph["inference"]`` the inference parameters.

    Examples
    --------
    >>> sorted((u.rsplit("/", 1)[1], v.rsplit("/", 1)[1], d["evidence"])
    ...        for u, v, d in G.edges(data=True))  # doctest: +NORMALIZE_WHITESPACE
    [('community-manager', 'strategist', 'stated'), ('community-manager', 'writer', 'inferred'),
     ('editor', 'community-manager', 'stated'), ('editor', 'writer', 'inferred'),
     ('writer', 'community-manager', 'stated'), ('writer', 'editor', 'inferred'),
     ('writer', 'strategist', 'curated')]

    The editor holds the writer's essential skill (writing, 0.9) and one optional one (editing
    0.2, counting half) but not the other (moderation 0.3): 1.0 / 1.15. The strategist holds
    the writing, 0.9 / 1.15, but is two levels above the writer: no move is inferred.

    >>> d = G.edges["https://w3id.org/smp/role/editor", "https://w3id.org/smp/role/writer"]
    >>> round(d["similarity"], 3), d["method"], d["years"], d["levels"]
    (0.87, 'weighted-skill-coverage', None, -1)
    """
    profiles = role_profiles(graph)
    seniority = role_seniority(graph)
    G = nx.DiGraph(
        labels=_label_table(graph),
        tools=tool_links(graph),
        inference={**INFERENCE, "threshold": threshold},
    )
    for role, profile in profiles.items():
        names = labels(graph, URIRef(role))
        G.add_node(
            role,
            kind="role",
            label=names.get("en", role),
            labels=names,
            deprecated=bool(graph.value(URIRef(role), OWL.deprecated)),
            seniority=seniority.get(role, {}).get("level"),
            rank=seniority.get(role, {}).get("rank"),
            **profile,
        )
    for link in sorted(graph.subjects(RDF.type, SMP.Transition)):
        u, v = str(graph.value(link, SMP.fromRole)), str(graph.value(link, SMP.toRole))
        if u not in G or v not in G:
            continue
        weight = float(graph.value(link, SMP.weight).toPython())
        if G.has_edge(u, v) and G.edges[u, v]["weight"] >= weight:
            continue
        kind = _code(graph.value(link, SMP.transitionKind))
        G.add_edge(
            u,
            v,
            predicate=str(SMP.progressesTo if kind == "progression" else SMP.leadsTo),
            transition=str(link),
            kind=kind,
            years=_years(graph.value(link, SMP.typicalYears)),
            weight=weight,
            evidence=_code(graph.value(link, SMP.evidence)),
            sources=sorted(str(s) for s in graph.objects(link, PROV.wasDerivedFrom)),
            quotes=sorted(str(q) for q in graph.objects(link, SMP.quote)),
            gap=1.0 - coverage(profiles[v]["skills"], profiles[u]["skills"]),
            levels=_levels(G, u, v),
        )
    if infer:
        _add_inferred(G, threshold)
    return G


def _years(value) -> float | None:
    """Return a transition's typical years as a float, or None when its source gives none."""
    return None if value is None else float(value.toPython())


def _add_inferred(G: nx.DiGraph, threshold: float) -> None:
    live = [r for r in G if not G.nodes[r]["deprecated"]]
    for u in live:
        for v in live:
            if u == v or G.has_edge(u, v):
                continue
            levels = _levels(G, u, v)
            if abs(levels) > 1:
                continue
            share = coverage(G.nodes[v]["skills"], G.nodes[u]["skills"])
            if share >= threshold:
                G.add_edge(u, v, **inferred_move(share, INFERENCE["method"], levels))


def inferred_move(share: float, method: str, levels: int = 0) -> dict:
    """Return the attributes of a move inferred from skill coverage `share` by `method`.

    An inferred move has no transition node, kind, years, sources or quotes; its weight and
    similarity are the coverage, its gap the rest; `levels` is the seniority levels it climbs.

    Examples
    --------
    >>> move = inferred_move(0.75, "weighted-skill-coverage")
    >>> move["evidence"], move["gap"], move["years"]
    ('inferred', 0.25, None)
    """
    return {
        "predicate": str(SMP.leadsTo),
        "transition": None,
        "kind": None,
        "years": None,
        "weight": share,
        "evidence": "inferred",
        "sources": [],
        "quotes": [],
        "gap": 1.0 - share,
        "similarity": share,
        "method": method,
        "levels": levels,
    }


#: Qualified-link classes projected as typed edges: (class, key, weight property).
_EDGE_KEYS = {
    SMP.SkillRequirement: "requiresSkill",
    SMP.PlatformUse: "usesPlatform",
    SMP.ToolUse: "usesTool",
    SMP.CredentialPath: "typicalCredential",
    SMP.Transition: "leadsTo",
}


def to_knowledge_graph(graph: Graph) -> nx.MultiDiGraph:
    """Project every concept and qualified link onto a ``MultiDiGraph`` keyed by predicate.

    Parameters
    ----------
    graph : rdflib.Graph
        A loaded graph or dataset.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes: concept IRIs with ``kind``, ``label`` (English), ``labels`` (fr, en) and
        ``deprecated``. Edges ``u → v`` keyed ``requiresSkill``, ``usesPlatform``,
        ``usesTool``, ``typicalCredential``, ``leadsTo`` (one per qualified link, with
        ``link``, ``predicate``, ``weight``, ``evidence``, ``sources`` and, where they apply,
        ``importance``, ``kind``, ``years``) and ``broader`` (``skos:broader``, weight 1).

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> K = to_knowledge_graph(tiny_graph())
    >>> K.number_of_nodes(), K.number_of_edges()
    (11, 18)
    >>> K.nodes["https://w3id.org/smp/tool/canva"]["kind"]
    'tool'
    >>> d = K.edges["https://w3id.org/smp/role/writer", "https://w3id.org/smp/skill/writing",
    ...             "requiresSkill"]
    >>> d["weight"], d["importance"], d["evidence"]
    (0.9, 'essential', 'stated')
    """
    K = nx.MultiDiGraph()
    for kind, cls in CONCEPT_KINDS.items():
        for node in sorted(graph.subjects(RDF.type, cls)):
            names = labels(graph, node)
            K.add_node(
                str(node),
                kind=kind,
                label=names.get("en", str(node)),
                labels=names,
                deprecated=bool(graph.value(node, OWL.deprecated)),
            )
    for cls, key in _EDGE_KEYS.items():
        start, end = LINK_ENDS[cls]
        for link in sorted(graph.subjects(RDF.type, cls)):
            u, v = str(graph.value(link, start)), str(graph.value(link, end))
            if u not in K or v not in K:
                continue
            attrs = {
                "link": str(link),
                "predicate": str(SMP[key]),
                "weight": float(graph.value(link, SMP.weight).toPython()),
                "evidence": _code(graph.value(link, SMP.evidence)),
                "sources": sorted(str(s) for s in graph.objects(link, PROV.wasDerivedFrom)),
            }
            for name, prop in (("importance", SMP.importance), ("kind", SMP.transitionKind)):
                if (value := graph.value(link, prop)) is not None:
                    attrs[name] = _code(value)
            if (years := graph.value(link, SMP.typicalYears)) is not None:
                attrs["years"] = float(years.toPython())
            K.add_edge(u, v, key=key, **attrs)
    for u, v in sorted(graph.subject_objects(SKOS.broader)):
        if str(u) in K and str(v) in K:
            K.add_edge(str(u), str(v), key="broader", predicate=str(SKOS.broader), weight=1.0)
    return K
