"""Career routes between roles: the best route, k alternatives, constraints, each step explained.

Doctests start from ``G`` and ``role``, the tiny graph's (set up in ``conftest.py``).
"""

import re
from collections.abc import Iterable
from itertools import islice, pairwise

import networkx as nx

from graphkit.errors import InvalidArgument, NoTransitionPath, TermNotFound
from graphkit.routes.analysis import skill_gap
from graphkit.routes.cost import DEFAULT_MODEL, CostModel

__all__ = [
    "explain_step",
    "next_moves",
    "route_steps",
    "transition_path",
    "transition_paths",
]

#: How many candidate routes Yen's algorithm may enumerate to satisfy `via` or `max_steps`.
MAX_CANDIDATES = 2000


def explain_step(
    G: nx.DiGraph,
    u: str,
    v: str,
    *,
    model: CostModel = DEFAULT_MODEL,
    held: dict | None = None,
) -> dict:
    """Explain one move: its kind, years, seniority, evidence and sources, and the skill gap.

    Parameters
    ----------
    G : networkx.DiGraph
        A transition graph.
    u, v : str
        The two ends of a move of `G`.
    model : CostModel
        Prices the move.
    held : dict, optional
        What the person gathered earlier on the route (see
        :func:`graphkit.routes.analysis.skill_gap`): those items are carried over, not to gain.

    Returns
    -------
    dict
        The edge's ``kind``, ``years`` (None when its source gives none, then
        ``assumed_years``, see :meth:`CostModel.years`), ``years_quote`` (the quote that
        gives the years, or None), ``evidence``, ``weight``, ``sources``, ``quotes``,
        ``transition`` (and ``similarity``, ``method`` when inferred), ``seniority`` (the two
        levels), ``levels`` (seniority levels climbed, negative going down), ``level_jump``
        (True when the move climbs or descends more than its years explain, see
        :meth:`CostModel.jump`), its ``cost`` under `model`, and from
        :func:`graphkit.routes.analysis.skill_gap`: ``gap``, ``to_gain``, ``carried``,
        ``tools_to_learn``, ``platforms_to_learn``. At ESCO scale, where both ends have
        ISCO-08 unit groups, also ``skill_levels`` (ILO skill levels climbed) and ``isco``:
        the two ends' ``groups`` and ``skill_levels``, and their ``distance``.

    Examples
    --------
    >>> step = explain_step(G, role + "writer", role + "community-manager")
    >>> step["kind"], step["years"], step["evidence"], round(step["cost"], 4)
    ('lateral', 2.0, 'stated', 1.7105)
    >>> [g["skill"].rsplit("/", 1)[1] for g in step["to_gain"]]
    ['analytics']

    Six years explain the writer's climb of two levels (see :meth:`CostModel.jump`):

    >>> step = explain_step(G, role + "writer", role + "strategist")
    >>> step["seniority"], step["levels"], step["level_jump"]
    (['entry', 'senior'], 2, False)
    >>> explain_step(G, role + "editor", role + "writer")["assumed_years"]
    2.5
    """
    data = G.edges[u, v]
    step = {
        "from": u,
        "to": v,
        "kind": data["kind"],
        "years": data["years"],
        "evidence": data["evidence"],
        "weight": data["weight"],
        "cost": model.cost(data),
        "transition": data["transition"],
        "sources": list(data["sources"]),
        "quotes": list(data["quotes"]),
        "years_quote": _years_quote(data),
        "seniority": [G.nodes[u].get("seniority"), G.nodes[v].get("seniority")],
        "levels": data.get("levels", 0),
        "level_jump": model.jump(data) > 0,
    }
    if data["years"] is None:
        step["assumed_years"] = model.years(data)
    for key in ("similarity", "method", "skill_levels"):
        if key in data:
            step[key] = data[key]
    if "isco_distance" in data:
        ends = (G.nodes[u], G.nodes[v])
        step["isco"] = {
            "groups": [list(n["isco"]) for n in ends],
            "skill_levels": [n["skill_level"] for n in ends],
            "distance": data["isco_distance"],
        }
    gap = skill_gap(G, u, v, held=held)
    for key in ("gap", "to_gain", "carried", "tools_to_learn", "platforms_to_learn"):
        step[key] = gap[key]
    return step


def _years_quote(data: dict) -> str | None:
    """Return the quote of a move that gives its typical years ("5 ans", "5 years"), if any."""
    if data["years"] is None:
        return None
    said = re.compile(rf"\b{data['years']:g}\s*(ans|années|years)\b", re.IGNORECASE)
    return next((q for q in data["quotes"] if said.search(q)), None)


def route_steps(G: nx.DiGraph, path: list[str], *, model: CostModel = DEFAULT_MODEL) -> list:
    """Explain each move of `path` with cumulative gaps: what was gained stays held.

    The person starts with the first role's skills, tools and platforms; after each move they
    also hold the new role's. A step never asks to gain what an earlier role gave.

    Examples
    --------
    >>> steps = route_steps(G, [role + "editor", role + "community-manager", role + "strategist"])
    >>> [[g["skill"].rsplit("/", 1)[1] for g in s["to_gain"]] for s in steps]
    [['moderation'], ['strategy']]
    """
    held = {key: set(G.nodes[path[0]][key]) for key in ("skills", "tools", "platforms")}
    steps = []
    for u, v in pairwise(path):
        steps.append(explain_step(G, u, v, model=model, held=held))
        for key in held:
            held[key] |= set(G.nodes[v][key])
    return steps


def _route(G: nx.DiGraph, path: list[str], weight: str, model: CostModel) -> dict:
    steps = route_steps(G, path, model=model)
    measure = model.weight_function(weight)
    known = sum(s["years"] for s in steps if s["years"] is not None)
    assumed = sum(s["assumed_years"] for s in steps if s["years"] is None)
    return {
        "roles": path,
        "hops": len(steps),
        "cost": sum(s["cost"] for s in steps),
        "years": known + assumed,
        "known_years": known,
        "assumed_years": assumed,
        "weight": weight,
        "total": sum(measure(u, v, G.edges[u, v]) for u, v in pairwise(path)),
        "evidence": sorted({s["evidence"] for s in steps}),
        "to_gain": [{**gain, "step": i} for i, s in enumerate(steps, 1) for gain in s["to_gain"]],
        "level_jumps": sum(s["level_jump"] for s in steps),
        "levels": sum(model.climb(G.edges[u, v]) for u, v in pairwise(path)),
        "steps": steps,
    }


def _visits_in_order(path: list[str], via: list[str]) -> bool:
    position = 0
    for role in via:
        try:
            position = path.index(role, position) + 1
        except ValueError:
            return False
    return True


def _name(G: nx.DiGraph, role: str) -> str:
    return repr(G.nodes[role].get("label", role))


def _no_path(H, G, source, target, *, via, avoid, max_steps) -> NoTransitionPath:
    """Say why no route satisfies the request, from the most to the least basic reason.

    The step limit, when there is one, is named in every reason it takes part in.
    """
    fields = {"source": source, "target": target, "via": via, "avoid": avoid}
    fields |= {"max_steps": max_steps}
    avoiding = f" avoiding {', '.join(_name(G, r) for r in avoid)}" if avoid else ""
    route = f"no route from {_name(G, source)} to {_name(G, target)}"
    if H.in_degree(target) == 0:
        return NoTransitionPath(
            f"no role leads to {_name(G, target)}{avoiding}", "no_way_in", **fields
        )
    if not nx.has_path(H, source, target):
        return NoTransitionPath(f"{route}{avoiding}", "no_route", **fields)
    within = ""
    if max_steps is not None:
        within = f" within {max_steps} step{'s' if max_steps != 1 else ''}"
        reach = nx.single_source_shortest_path_length(H.reverse(copy=False), target)
        shortest = reach[source]
        if shortest > max_steps:
            if not any(reach.get(r, max_steps + 1) <= max_steps for r in H if r != target):
                message = f"no role leads to {_name(G, target)}{within}{avoiding}"
                return NoTransitionPath(message, "no_way_in_within", **fields)
            message = f"{route}{within}{avoiding} (the shortest takes {shortest})"
            return NoTransitionPath(message, "too_long", shortest=shortest, **fields)
    if via:
        through = ", then ".join(_name(G, r) for r in via)
        return NoTransitionPath(f"{route} through {through}{within}", "not_through", **fields)
    return NoTransitionPath(f"{route}{within}{avoiding}", "no_route", **fields)


def transition_paths(
    G: nx.DiGraph,
    source: str,
    target: str,
    *,
    k: int = 1,
    weight: str = "cost",
    via: Iterable[str] = (),
    avoid: Iterable[str] = (),
    max_steps: int | None = None,
    model: CostModel = DEFAULT_MODEL,
) -> list[dict]:
    """Find the `k` best routes from `source` to `target` (Yen's algorithm), best first.

    Parameters
    ----------
    G : networkx.DiGraph
        A transition graph (:func:`graphkit.routes.projection.to_transition_graph`); it is
        not changed.
    source, target : str
        Role IRIs.
    k : int
        How many distinct routes (simple paths) to return at most.
    weight : {"cost", "years", "gap", "hops"}
        What a route minimises: the :class:`CostModel` cost, typical years, skill gap, or the
        number of moves.
    via : iterable of str
        Roles the route must pass through, in this order.
    avoid : iterable of str
        Roles the route must not pass through.
    max_steps : int, optional
        Longest route, in moves.
    model : CostModel
        The cost model, for ``weight="cost"`` and for each step's reported cost.

    Returns
    -------
    list of dict
        Each route: ``roles`` (IRIs), ``hops``, ``cost``, ``years`` (``known_years``, which
        the sources or editors give, plus ``assumed_years``, the model's for moves without),
        ``weight`` and ``total`` (the minimised sum), ``evidence`` (levels used), ``to_gain``
        (every skill the route asks to gain, once, with the ``step`` that asks it),
        ``level_jumps`` (moves that climb or descend more than their years explain),
        ``levels`` (the levels the route climbs, :meth:`CostModel.climb` of each move) and
        ``steps`` (see :func:`explain_step`; gaps are cumulative, see :func:`route_steps`).

    Raises
    ------
    TermNotFound
        If a role is not in `G`.
    InvalidArgument
        If `source` is `target`, `k` or `max_steps` is below 1, a role is both required and
        avoided, or `weight` is unknown.
    NoTransitionPath
        If no route satisfies the request; the message says why.

    Examples
    --------
    >>> routes = transition_paths(G, role + "editor", role + "strategist", k=3)
    >>> [([r.rsplit("/", 1)[1] for r in route["roles"]], round(route["cost"], 3))
    ...  for route in routes]  # doctest: +NORMALIZE_WHITESPACE
    [(['editor', 'community-manager', 'strategist'], 4.923),
     (['editor', 'writer', 'community-manager', 'strategist'], 7.265),
     (['editor', 'writer', 'strategist'], 8.149)]
    >>> transition_paths(G, role + "editor", role + "strategist", max_steps=1)
    Traceback (most recent call last):
    ...
    graphkit.errors.NoTransitionPath: no route from 'video editor' to 'social media \
strategist' within 1 step (the shortest takes 2)
    """
    via, avoid = list(via), list(avoid)
    for role in (source, target, *via, *avoid):
        if role not in G:
            raise TermNotFound(role)
    if source == target:
        raise InvalidArgument(
            f"{_name(G, source)} is both the start and the goal of the route",
            "same_ends",
            role=source,
        )
    if k < 1 or (max_steps is not None and max_steps < 1):
        raise InvalidArgument("k and max_steps must be at least 1")
    if clash := {source, target, *via} & set(avoid):
        names = ", ".join(sorted(_name(G, r) for r in clash))
        raise InvalidArgument(
            f"{names} cannot be both on the route and avoided",
            "on_and_avoided",
            roles=sorted(clash),
        )
    measure = model.weight_function(weight)
    H = nx.subgraph_view(G, filter_node=lambda n: n not in avoid) if avoid else G
    found = []
    if nx.has_path(H, source, target):
        candidates = islice(
            nx.shortest_simple_paths(H, source, target, weight=measure), MAX_CANDIDATES
        )
        for path in candidates:
            if max_steps is not None and len(path) - 1 > max_steps:
                continue
            if via and not _visits_in_order(path, via):
                continue
            found.append(_route(G, path, weight, model))
            if len(found) == k:
                break
    if not found:
        raise _no_path(H, G, source, target, via=via, avoid=avoid, max_steps=max_steps)
    return found


def transition_path(G: nx.DiGraph, source: str, target: str, **options) -> dict:
    """Find the best route from `source` to `target`; see :func:`transition_paths`.

    Examples
    --------
    >>> route = transition_path(G, role + "writer", role + "strategist")
    >>> [r.rsplit("/", 1)[1] for r in route["roles"]], route["years"]
    (['writer', 'community-manager', 'strategist'], 5.0)
    """
    return transition_paths(G, source, target, k=1, **options)[0]


def next_moves(
    G: nx.DiGraph,
    source: str,
    *,
    steps: int = 1,
    limit: int | None = None,
    inferred: bool = True,
    model: CostModel = DEFAULT_MODEL,
) -> list[dict]:
    """Rank the roles reachable from `source` in at most `steps` moves, best first.

    Each reachable live role comes with its cheapest route of at most `steps` moves under
    `model` (the same route dict as :func:`transition_paths`: years known and assumed, the
    cumulative gaps, the evidence of each step). The roles are ranked by ``net_cost``: the
    route's cost less what the levels it climbs are worth (:meth:`CostModel.level_value`; a
    descent adds to it). Between two given roles this changes no ranking of routes (every
    route climbs the same levels); across destinations, it keeps a progression whose years
    *are* its climb from ranking below a shorter lateral move only because it takes longer.
    Deprecated roles are left out, and so are alignment moves (a role and its ESCO occupation
    are one job described twice, not a move).

    Parameters
    ----------
    G : networkx.DiGraph
        A transition graph; it is not changed.
    source : str
        The role IRI to start from.
    steps : int
        Most moves per route.
    limit : int, optional
        How many roles to return at most.
    inferred : bool
        Use the moves inferred from skill similarity too; without, only the moves a source or
        the editors give.
    model : CostModel
        Prices the moves.

    Returns
    -------
    list of dict
        One route per reachable role (its ``roles[-1]``), with its ``net_cost``, by net cost,
        then by role IRI.

    Raises
    ------
    TermNotFound
        If `source` is not in `G`.
    InvalidArgument
        If `steps` or `limit` is below 1.

    Examples
    --------
    >>> [(r["roles"][-1].rsplit("/", 1)[1], round(r["cost"], 3), round(r["net_cost"], 3))
    ...  for r in next_moves(G, role + "writer")]  # doctest: +NORMALIZE_WHITESPACE
    [('community-manager', 1.711, 1.086), ('editor', 2.678, 2.053),
     ('strategist', 5.32, 4.07)]
    >>> [r["hops"] for r in next_moves(G, role + "editor", steps=2)]
    [1, 1, 2]
    >>> [r["roles"][-1].rsplit("/", 1)[1] for r in next_moves(G, role + "writer", inferred=False)]
    ['community-manager', 'strategist']
    """
    if source not in G:
        raise TermNotFound(source)
    if steps < 1 or (limit is not None and limit < 1):
        raise InvalidArgument("steps and limit must be at least 1")
    best = {source: (0.0, [source])}
    frontier = dict(best)
    for _ in range(steps):
        reached = {}
        for u, (cost, path) in frontier.items():
            for v, data in G[u].items():
                if v in path or data["kind"] == "alignment":
                    continue
                if not inferred and data["evidence"] == "inferred":
                    continue
                total = cost + model.cost(data)
                if v not in reached or total < reached[v][0]:
                    reached[v] = (total, [*path, v])
        frontier = {v: cp for v, cp in reached.items() if v not in best or cp[0] < best[v][0]}
        best.update(frontier)
    routes = [
        _route(G, path, "cost", model)
        for v, (_, path) in best.items()
        if v != source and not G.nodes[v].get("deprecated")
    ]
    for route in routes:
        route["net_cost"] = route["cost"] - model.level_value(route["levels"])
    routes.sort(key=lambda r: (r["net_cost"], r["roles"][-1]))
    return routes[:limit]
