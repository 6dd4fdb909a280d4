"""Analyse the transition graph: skill gaps, transferable skills, bridges, clusters.

Role suggestions are in :mod:`graphkit.routes.suggestions`.

Doctests start from ``G`` and ``role``, the tiny graph's (set up in ``conftest.py``).
"""

from collections.abc import Iterable

import networkx as nx

from graphkit.errors import TermNotFound
from graphkit.routes.scoring import IMPORTANCE, coverage

__all__ = [
    "bridge_roles",
    "role_clusters",
    "skill_gap",
    "transferable_skills",
]


def _check_role(G: nx.DiGraph, role: str) -> None:
    if role not in G:
        raise TermNotFound(role)


def _requirements(skills: dict, keep: Iterable[str]) -> list[dict]:
    """List the requirements of `skills` whose skill is in `keep`, essential and heaviest first."""
    rows = [{"skill": s, **skills[s]} for s in keep]
    return sorted(rows, key=lambda r: (-IMPORTANCE[r["importance"]], -r["weight"], r["skill"]))


def _weighted(items: dict, keep: Iterable[str], key: str) -> list[dict]:
    rows = [{key: i, "weight": items[i]} for i in keep]
    return sorted(rows, key=lambda r: (-r["weight"], r[key]))


def skill_gap(G: nx.DiGraph, source: str, target: str, *, held: dict | None = None) -> dict:
    """Tell what someone in `source` must learn, and can carry over, to work as `target`.

    Parameters
    ----------
    G : networkx.DiGraph
        A transition graph (:func:`graphkit.routes.projection.to_transition_graph`).
    source, target : str
        Role IRIs.
    held : dict, optional
        What the person holds besides `source`'s profile, gathered on a route so far:
        ``{"skills", "tools", "platforms"}``, each a collection of IRIs. Held items count as
        carried over, never as to gain (cumulative gaps along a route).

    Returns
    -------
    dict
        ``coverage`` (weighted share of the target's requirements the source role already
        has), ``gap`` (1 - coverage), ``to_gain`` and ``carried`` (the target's requirements,
        essential first then by weight, each ``{"skill", "weight", "importance", "evidence",
        "sources"}``),
        ``tools_to_learn`` and ``platforms_to_learn`` (the target's, by weight, that the source
        role does not use).

    Raises
    ------
    TermNotFound
        If a role is not in `G`.

    Examples
    --------
    >>> gap = skill_gap(G, role + "community-manager", role + "strategist")
    >>> [g["skill"].rsplit("/", 1)[1] for g in gap["to_gain"]]
    ['strategy']
    >>> [c["skill"].rsplit("/", 1)[1] for c in gap["carried"]]
    ['analytics', 'writing']
    >>> round(gap["gap"], 4)  # strategy 1.0 of 1.0 + 0.8 + 0.5 x 0.5
    0.4878
    """
    _check_role(G, source)
    _check_role(G, target)
    need = G.nodes[target]
    have = {key: set(G.nodes[source][key]) for key in ("skills", "tools", "platforms")}
    for key, items in (held or {}).items():
        have[key] |= set(items)
    share = coverage(need["skills"], have["skills"])
    return {
        "source": source,
        "target": target,
        "coverage": share,
        "gap": 1.0 - share,
        "to_gain": _requirements(need["skills"], need["skills"].keys() - have["skills"]),
        "carried": _requirements(need["skills"], need["skills"].keys() & have["skills"]),
        "tools_to_learn": _weighted(need["tools"], need["tools"].keys() - have["tools"], "tool"),
        "platforms_to_learn": _weighted(
            need["platforms"], need["platforms"].keys() - have["platforms"], "platform"
        ),
    }


def transferable_skills(G: nx.DiGraph, *, limit: int | None = None) -> list[dict]:
    """Rank skills by weighted degree centrality in the role–skill graph.

    A skill's centrality is the sum, over the (non-deprecated) roles requiring it, of
    ``weight × importance``, divided by the number of roles: 1 for a skill every role holds as
    essential with full weight.

    Returns
    -------
    list of dict
        ``{"skill", "centrality", "roles"}`` (``roles``: how many require it), most central
        first.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.routes.projection import to_transition_graph
    >>> top = transferable_skills(to_transition_graph(tiny_graph()), limit=2)
    >>> [(t["skill"].rsplit("/", 1)[1], round(t["centrality"], 4), t["roles"]) for t in top]
    [('writing', 0.525, 4), ('analytics', 0.275, 3)]
    """
    bipartite = nx.Graph()
    roles = [r for r, d in G.nodes(data=True) if not d["deprecated"]]
    for role in roles:
        for skill, req in G.nodes[role]["skills"].items():
            bipartite.add_edge(role, skill, weight=req["weight"] * IMPORTANCE[req["importance"]])
    ranked = [
        {
            "skill": skill,
            "centrality": bipartite.degree(skill, weight="weight") / len(roles),
            "roles": bipartite.degree(skill),
        }
        for skill in bipartite
        if skill not in G
    ]
    ranked.sort(key=lambda r: (-r["centrality"], r["skill"]))
    return ranked[:limit] if limit is not None else ranked


def bridge_roles(G: nx.DiGraph, *, limit: int | None = None) -> list[dict]:
    """Rank roles by betweenness centrality on the transition graph (hops, all evidence).

    A bridge role lies on many of the shortest moves between other roles.

    Returns
    -------
    list of dict
        ``{"role", "betweenness"}`` for the roles with betweenness above zero, highest first.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.routes.projection import to_transition_graph
    >>> [(b["role"].rsplit("/", 1)[1], round(b["betweenness"], 3))
    ...  for b in bridge_roles(to_transition_graph(tiny_graph()))]
    [('writer', 0.25), ('community-manager', 0.083)]
    """
    scores = nx.betweenness_centrality(G)
    ranked = [{"role": r, "betweenness": b} for r, b in scores.items() if b > 0]
    ranked.sort(key=lambda r: (-r["betweenness"], r["role"]))
    return ranked[:limit] if limit is not None else ranked


def role_clusters(G: nx.DiGraph, *, seed: int = 42, resolution: float = 1.0) -> list[list[str]]:
    """Group roles into communities (Louvain, on the undirected transition graph by weight).

    Parameters
    ----------
    G : networkx.DiGraph
        A transition graph.
    seed : int
        Louvain's random seed: the same seed gives the same clusters.
    resolution : float
        Above 1 favours smaller clusters.

    Returns
    -------
    list of list of str
        Clusters of role IRIs, each sorted, largest first.

    Examples
    --------
    The tiny graph's writers (web writer, video editor) and its community manager and
    strategist make two clusters:

    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.routes.projection import to_transition_graph
    >>> [[r.rsplit("/", 1)[1] for r in c] for c in role_clusters(to_transition_graph(tiny_graph()))]
    [['community-manager', 'strategist'], ['editor', 'writer']]

    Two pairs joined by one weak move make two clusters:

    >>> H = nx.DiGraph()
    >>> H.add_weighted_edges_from([("a", "b", 1.0), ("b", "a", 1.0), ("c", "d", 1.0),
    ...                            ("d", "c", 1.0), ("b", "c", 0.1)])
    >>> role_clusters(H)
    [['a', 'b'], ['c', 'd']]
    """
    undirected = nx.Graph()
    undirected.add_nodes_from(G)
    for u, v, data in G.edges(data=True):
        previous = undirected.get_edge_data(u, v, {"weight": 0.0})["weight"]
        undirected.add_edge(u, v, weight=previous + data["weight"])
    communities = nx.community.louvain_communities(
        undirected, weight="weight", resolution=resolution, seed=seed
    )
    return sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c))
