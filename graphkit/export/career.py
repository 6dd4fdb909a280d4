"""The career map's layout and next moves: roles placed for careers, moves ranked as next does.

Positions are computed in Python with networkx, so the page draws at once (no physics): each
role sits on a row by seniority (``smp:seniority`` → ``smp:rank`` when the dataset states it)
or else by its progression depth along the stated and curated moves, and in a column band by
its cluster (seeded Louvain communities of the moves). Other concepts sit near the roles they
are linked to, hidden until they are asked for.
"""

import math

import networkx as nx

__all__ = ["ROW", "career_positions", "next_moves_for_viewer", "progression_depth"]

#: Vertical distance between two levels of the map, in canvas units.
ROW = 170
_COLUMN = 170
_BAND_GAP = 120


def progression_depth(moves: nx.DiGraph) -> dict[str, int]:
    """Return each role's depth along the moves: 0 for a role no move leads to.

    Cycles (two roles leading to each other) are collapsed first, so a depth is the
    longest chain of moves, between groups of mutually reachable roles, that ends at it.

    Examples
    --------
    >>> moves = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "c")])
    >>> sorted(progression_depth(moves).items())
    [('a', 0), ('b', 1), ('c', 2), ('d', 2)]
    """
    dag = nx.condensation(moves)
    level: dict[int, int] = {}
    for group in nx.topological_sort(dag):
        level[group] = max((level[p] + 1 for p in dag.predecessors(group)), default=0)
    mapping = dag.graph["mapping"]
    return {role: level[mapping[role]] for role in moves}


def _moves(H: nx.MultiDiGraph) -> nx.DiGraph:
    moves = nx.DiGraph()
    moves.add_nodes_from(n for n in H if H.nodes[n]["kind"] == "role")
    for u, v, key, d in H.edges(keys=True, data=True):
        if key == "leadsTo" and u in moves and v in moves and d.get("evidence") != "inferred":
            moves.add_edge(u, v, weight=d.get("weight", 1.0))
    return moves


def career_positions(H: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """Lay the display graph out as a career map: levels down, clusters across.

    Parameters
    ----------
    H : networkx.MultiDiGraph
        A :func:`graphkit.export.network.display_graph`; a role's ``seniority`` attribute
        (a rank, 1 for entry level), when set, is its level, else its
        :func:`progression_depth` is.

    Returns
    -------
    dict
        Node → ``(x, y)``, integers, the same for the same graph.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.export.network import display_graph
    >>> where = career_positions(display_graph(tiny_graph()))
    >>> role = "https://w3id.org/smp/role/"
    >>> where[role + "writer"][1] < where[role + "community-manager"][1]  # a move goes down
    True
    """
    from graphkit.routes.analysis import role_clusters

    moves = _moves(H)
    depth = progression_depth(moves)
    ranked = {r: H.nodes[r].get("seniority") or 0 for r in moves}
    if any(ranked.values()):  # seniority stated: it is the level, depth breaks ties
        depth = {r: (ranked[r] - 1 if ranked[r] else depth[r]) for r in moves}
    clusters = [c for c in role_clusters(moves) if len(c) > 1]
    alone = sorted(r for c in role_clusters(moves) if len(c) == 1 for r in c)
    for i in range(0, len(alone), 4):  # roles without moves: a band of rows of four
        clusters.append(alone[i : i + 4])
        for j, role in enumerate(alone[i : i + 4]):
            depth[role] = j
    target = math.sqrt(len(moves)) * _COLUMN * 1.6  # wrap bands onto shelves past this width
    where: dict[str, tuple[float, float]] = {}
    left = top = 0.0
    shelf = 0
    for cluster in clusters:
        rows: dict[int, list[str]] = {}
        for role in sorted(cluster, key=lambda r: (depth[r], H.nodes[r].get("label", r))):
            rows.setdefault(depth[role], []).append(role)
        width = max(len(r) for r in rows.values()) * _COLUMN
        if left and left + width > target:
            left, top, shelf = 0.0, top + (shelf + 1) * ROW + _BAND_GAP, 0
        shelf = max(shelf, max(rows))
        for level, row in rows.items():
            offset = (width - len(row) * _COLUMN) / 2
            for i, role in enumerate(row):
                shift = (i % 3) * 45  # stagger neighbours so their labels clear
                where[role] = (left + offset + (i + 0.5) * _COLUMN, top + level * ROW + shift)
        left += width + _BAND_GAP
    golden = math.pi * (3 - math.sqrt(5))
    for i, node in enumerate(n for n in H if n not in where):
        near = [where[m] for m in nx.all_neighbors(H, node) if m in moves]
        x = sum(p[0] for p in near) / len(near) if near else left / 2
        y = sum(p[1] for p in near) / len(near) if near else -ROW
        step = 40.0 * math.sqrt(i % 60 + 1)
        where[node] = (x + step * math.cos(i * golden), y + step * math.sin(i * golden))
    return {n: (round(x), round(y)) for n, (x, y) in where.items()}


def next_moves_for_viewer(T: nx.DiGraph, role: str, *, limit: int = 6) -> list[dict]:
    """List a role's next moves for the viewer's panel, in the order ``graphkit next`` gives.

    The ranking is :func:`graphkit.routes.paths.next_moves` with its defaults (one move, the
    documented moves only, by cost less the levels climbed), so that the page and the CLI agree;
    this reduces each route to what the panel shows.

    Parameters
    ----------
    T : networkx.DiGraph
        A transition graph (:func:`graphkit.routes.projection.to_transition_graph`).
    role : str
        A role IRI of `T`.
    limit : int
        At most this many moves.

    Returns
    -------
    list of dict
        ``to``, ``cost`` (rounded), ``years`` (None when no source gives them), ``assumed``
        (the years the cost model assumes then), ``evidence`` and ``kind``.

    Examples
    --------
    >>> moves = next_moves_for_viewer(G, role + "writer")
    >>> [(m["to"].rsplit("/", 1)[1], m["evidence"]) for m in moves]
    [('community-manager', 'stated'), ('strategist', 'curated')]
    """
    from graphkit.routes.paths import next_moves

    found = []
    for route in next_moves(T, role, limit=limit, inferred=False):
        step = route["steps"][0]
        found.append(
            {
                "to": route["roles"][-1],
                "cost": round(route["cost"], 3),
                "years": step["years"],
                "assumed": step.get("assumed_years"),
                "evidence": step["evidence"],
                "kind": step["kind"],
            }
        )
    return found
