"""The offline interactive HTML viewer: one self-contained file, built with pyvis.

pyvis holds the nodes, edges and options; the page comes from graphkit's own template
(``graphkit/assets/viewer.html``), because pyvis's templates load Bootstrap and tom-select
from a CDN. vis-network is inlined from the copy pyvis ships (with its licence header), and
so are graphkit's script and style: opening the file makes no network request at all.
"""

import json
import math
from importlib import resources
from itertools import pairwise
from pathlib import Path

import networkx as nx

__all__ = ["KIND_STYLES", "LARGE", "render_html", "route_view", "scaled_copy"]

#: Colour and vis-network shape of each kind of concept (the legend shows them).
KIND_STYLES = {
    "role": {"color": "#d64541", "shape": "dot", "name": "roles"},
    "skill": {"color": "#3478c6", "shape": "diamond", "name": "skills"},
    "platform": {"color": "#26a65b", "shape": "square", "name": "platforms"},
    "tool": {"color": "#e8911e", "shape": "triangle", "name": "tools"},
    "credential": {"color": "#8e44ad", "shape": "star", "name": "credentials"},
}
#: Colour of an edge by evidence; inferred edges are also dashed.
EVIDENCE_STYLES = {
    "stated": {"color": "#5d6d7e", "name": "stated (a source says it)"},
    "curated": {"color": "#a3b1bf", "name": "curated (editorial)"},
    "groupstated": {"color": "#c39bd3", "name": "stated between groups by a taxonomy"},
    "inferred": {"color": "#e67e22", "name": "inferred (skill similarity)"},
}
#: From this many nodes on, positions are computed in Python and physics is off.
LARGE = 500


def _vis_assets() -> tuple[str, str]:
    """Read the vis-network script and style that pyvis ships."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return (
        (lib / "vis-network.min.js").read_text(encoding="utf-8"),
        (lib / "vis-network.css").read_text(encoding="utf-8"),
    )


def _asset(name: str) -> str:
    return resources.files("graphkit.export").joinpath("assets", name).read_text(encoding="utf-8")


def _positions(H: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """Lay out without physics, deterministically: roles on a circle, the rest near them.

    Roles are placed cluster by cluster (seeded Louvain communities of their moves).

    Each other concept sits beyond the mean position of the roles it is linked to, spread
    by a golden-angle spiral so that neighbours do not overlap.
    """
    from graphkit.routes.analysis import role_clusters

    moves = nx.DiGraph()
    moves.add_nodes_from(n for n in H if H.nodes[n]["kind"] == "role")
    for u, v, key, d in H.edges(keys=True, data=True):
        if key == "leadsTo" and u in moves and v in moves:
            moves.add_edge(u, v, weight=d.get("weight", 1.0))
    roles = [r for cluster in role_clusters(moves) for r in cluster]  # neighbours side by side
    radius = 60.0 * max(len(roles), 1) ** 0.5 * 4
    where: dict[str, tuple[float, float]] = {}
    for i, role in enumerate(roles):
        angle = 2 * math.pi * i / max(len(roles), 1)
        where[role] = (radius * math.cos(angle), radius * math.sin(angle))
    golden = math.pi * (3 - math.sqrt(5))
    for i, node in enumerate(n for n in H if n not in where):
        near = [where[m] for m in nx.all_neighbors(H, node) if m in roles]
        if near:
            x = sum(p[0] for p in near) / len(near) * 1.35
            y = sum(p[1] for p in near) / len(near) * 1.35
        else:
            x, y = 0.0, 0.0
        step = 18.0 * math.sqrt(i % 400 + 1)
        where[node] = (x + step * math.cos(i * golden), y + step * math.sin(i * golden))
    return {n: (round(x), round(y)) for n, (x, y) in where.items()}


def scaled_copy(H: nx.MultiDiGraph, factor: int) -> nx.MultiDiGraph:
    """Return `factor` copies of `H`, chained together: a bigger graph of the same shape.

    Copy ``i`` suffixes its IRIs with ``-i`` and its labels with `` #i``; every fifth edge
    of copy ``i`` also leads into copy ``i + 1``, so the copies form one graph. It is meant
    to test the viewer on a graph larger than the real one.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.export.network import display_graph
    >>> H = display_graph(tiny_graph())
    >>> big = scaled_copy(H, 10)
    >>> big.number_of_nodes() == 10 * H.number_of_nodes()
    True
    """
    big = nx.MultiDiGraph()
    big.graph.update(H.graph)
    for i in range(factor):
        for node, data in H.nodes(data=True):
            names = {k: f"{data[k]} #{i}" for k in ("label", "label_en", "label_fr") if k in data}
            big.add_node(f"{node}-{i}", **{**data, **names})
    for i in range(factor):
        for n, (u, v, key, data) in enumerate(H.edges(keys=True, data=True)):
            big.add_edge(f"{u}-{i}", f"{v}-{i}", key=key, **data)
            if n % 5 == 0 and factor > 1:
                big.add_edge(f"{u}-{i}", f"{v}-{(i + 1) % factor}", key=key, **data)
    return big


def _split(value: str, sep: str = " ") -> list[str]:
    return [v for v in (value or "").split(sep) if v]


def route_view(route: dict, labels: dict) -> dict:
    """Reduce a route of :func:`graphkit.routes.paths.transition_paths` to what the viewer lists.

    Parameters
    ----------
    route : dict
        One route (``roles``, ``steps``…).
    labels : dict
        IRI → ``{"en": …, "fr": …}`` (a transition graph's ``G.graph["labels"]``).

    Returns
    -------
    dict
        ``roles`` (IRIs) and ``steps``, each with ``from``, ``to``, ``kind``, ``years``,
        ``evidence`` and the English names of the skills to gain (essential first), the
        tools and the platforms to learn.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.routes.paths import transition_path
    >>> from graphkit.routes.projection import to_transition_graph
    >>> G = to_transition_graph(tiny_graph())
    >>> role = "https://w3id.org/smp/role/"
    >>> view = route_view(transition_path(G, role + "writer", role + "strategist"),
    ...                   G.graph["labels"])
    >>> [(s["to"].rsplit("/", 1)[1], s["to_gain"]) for s in view["steps"]]
    [('community-manager', ['analytics']), ('strategist', ['strategy'])]
    """

    def name(iri: str) -> str:
        return labels.get(iri, {}).get("en", iri.rsplit("/", 1)[-1])

    steps = []
    for (u, v), step in zip(pairwise(route["roles"]), route["steps"], strict=True):
        steps.append(
            {
                "from": u,
                "to": v,
                "kind": step.get("kind"),
                "years": step.get("years"),
                "evidence": step["evidence"],
                "to_gain": [name(g["skill"]) for g in step["to_gain"]],
                "tools": [name(t["tool"]) for t in step["tools_to_learn"]],
                "platforms": [name(p["platform"]) for p in step["platforms_to_learn"]],
            }
        )
    return {"roles": list(route["roles"]), "steps": steps}


def _network(H: nx.MultiDiGraph, large: bool, route: dict | None):
    """Fill a pyvis Network from `H` (never mutated), in `H`'s node and edge order."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line", height="100%", width="100%")
    positions = _positions(H) if large else {}
    sources = H.graph.get("sources", {})
    for node, d in H.nodes(data=True):
        style = KIND_STYLES.get(d["kind"], {"color": "#7f8c8d", "shape": "dot"})
        extra = {"x": positions[node][0], "y": positions[node][1]} if node in positions else {}
        net.add_node(
            node,
            label=d.get("label_en") or d.get("label") or node,
            shape=style["shape"],
            color=style["color"],
            value=round(0.02 + d.get("centrality", 0.0), 4),
            kind=d["kind"],
            curie=d.get("curie", node),
            en=d.get("label_en", ""),
            fr=d.get("label_fr", ""),
            alt=d.get("alt_labels", ""),
            defEn=d.get("definition_en", ""),
            defFr=d.get("definition_fr", ""),
            deprecated=bool(d.get("deprecated", False)),
            sources=[[s, sources.get(s, s.rsplit("/", 1)[-1])] for s in _split(d.get("sources"))],
            matches=_split(d.get("matches")),
            **extra,
        )
    on_route = set(pairwise(route["roles"])) if route else set()
    for u, v, key, d in H.edges(keys=True, data=True):
        evidence = d.get("evidence", "curated")
        net.add_edge(
            u,
            v,
            id=f"{u}|{key}|{v}",
            rel=key,
            evidence=evidence,
            weight=d.get("weight", 1.0),
            importance=d.get("importance", ""),
            tkind=d.get("transition_kind", ""),
            years=d.get("years", ""),
            similarity=d.get("similarity", ""),
            color=EVIDENCE_STYLES.get(evidence, EVIDENCE_STYLES["curated"])["color"],
            dashes=evidence == "inferred",
            width=round(
                (0.3 + d.get("weight", 1.0)) if large else (0.5 + 2 * d.get("weight", 1.0)), 2
            ),
            route=key == "leadsTo" and (u, v) in on_route,
        )
    return net


def _options(large: bool, seed: int) -> dict:
    return {
        "autoResize": True,
        "layout": {"randomSeed": seed, "improvedLayout": not large},
        "physics": {
            "enabled": not large,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110},
            "stabilization": {"enabled": True, "iterations": 200, "fit": True},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
        },
        "nodes": {
            "scaling": {
                "min": 8,
                "max": 40,
                "label": {
                    "enabled": True,
                    "min": 14,
                    "max": 42,
                    "drawThreshold": 9 if large else 6,
                },
            },
            "font": {"face": "sans-serif"},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "smooth": False if large else {"type": "continuous"},
            "color": {"inherit": False},
        },
    }


def _script_json(data) -> str:
    """JSON that is safe inside a ``<script>`` element, with sorted keys (stable bytes)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("</", "<\\/")


def render_html(
    H: nx.MultiDiGraph,
    *,
    route: dict | None = None,
    version: str = "",
    title: str = "graphkit: social-media professions",
    large: bool | None = None,
    seed: int = 7,
) -> str:
    """Render the display graph as one self-contained HTML page.

    Parameters
    ----------
    H : networkx.MultiDiGraph
        A :func:`graphkit.export.network.display_graph` (it is not changed).
    route : dict, optional
        A :func:`route_view`: the page highlights its roles and moves and lists each step's
        skills to gain.
    version : str
        The ontology version, shown in the page's footer.
    title : str
        The page's title.
    large : bool, optional
        Lay the graph out in Python and turn physics off; by default when `H` has at least
        :data:`LARGE` nodes. Labels then show only once zoomed in.
    seed : int
        vis-network's layout seed: the same seed gives the same layout.

    Returns
    -------
    str
        The page; the same input gives the same text.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.export.network import display_graph
    >>> page = render_html(display_graph(tiny_graph()))
    >>> page.startswith("<!DOCTYPE html>"), "TikTok" in page, "https://cdn" in page
    (True, True, False)
    """
    from jinja2 import Environment

    large = H.number_of_nodes() >= LARGE if large is None else large
    net = _network(H, large, route)
    net.set_options(json.dumps(_options(large, seed)))
    nodes, edges, _, _, _, options = net.get_network_data()
    vis_js, vis_css = _vis_assets()
    data = {
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
        "kinds": KIND_STYLES,
        "evidence": EVIDENCE_STYLES,
        "route": route,
        "large": large,
    }
    env = Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(_asset("viewer.html"))
    return template.render(
        title=title,
        version=version,
        kinds=KIND_STYLES,
        evidence=EVIDENCE_STYLES,
        route=route,
        counts={"nodes": len(nodes), "edges": len(edges)},
        vis_js=vis_js,
        vis_css=vis_css,
        viewer_js=_asset("viewer.js"),
        viewer_css=_asset("viewer.css"),
        data=_script_json(data),
    )
