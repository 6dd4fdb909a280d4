"""The offline interactive HTML viewer: one self-contained file, drawn by vis-network.

vis-network is inlined from the copy pyvis ships (with its licence header), and so are
graphkit's script and style; the page comes from graphkit's own template
(``graphkit/export/assets/viewer.html``), because pyvis's templates load Bootstrap and
tom-select from a CDN: opening the file makes no network request at all. The graph is
written compactly (an edge is a row of :data:`EDGE_FIELDS`), and the page's script makes
vis-network items only for the nodes and edges it shows. pyvis's ``Network`` is not used:
its items repeat what the script derives from a concept's kind and a link's evidence, and
its ``add_edge`` looks each end up in a list of every node.
"""

import html
import json
from importlib import resources
from itertools import pairwise
from pathlib import Path

import networkx as nx

from graphkit.views.words import RELATIONS, VIEWER_KEYS, WORDS

__all__ = ["KIND_STYLES", "LARGE", "Viewer", "render_html", "route_view", "scaled_copy"]

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
#: From this many nodes on, edges are hidden while dragging and zooming.
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
        ``roles`` (IRIs), ``steps``, each with ``from``, ``to``, ``kind``, ``years``
        (``assumed_years`` when no source gives them), ``cost``, ``evidence``, the English
        names of the skills to gain (essential first, their IRIs in ``gain_ids``), the
        ``cumulative`` gap (the IRIs of every skill to gain so far) and the tools and
        platforms to learn; ``totals`` (the route's ``cost``, ``years``, and
        ``known_years``/``assumed_years`` when the route has them); ``names``: the skills'
        English and French labels.

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

    names: dict[str, dict] = {}
    steps, so_far = [], []
    for (u, v), step in zip(pairwise(route["roles"]), route["steps"], strict=True):
        gain = [g["skill"] for g in step["to_gain"]]
        so_far += [g for g in gain if g not in so_far]
        for iri in gain:
            names[iri] = {k: labels.get(iri, {}).get(k, "") for k in ("en", "fr")}
        steps.append(
            {
                "from": u,
                "to": v,
                "kind": step.get("kind"),
                "years": step.get("years"),
                "assumed_years": step.get("assumed_years"),
                "cost": round(step["cost"], 3) if "cost" in step else None,
                "evidence": step["evidence"],
                "to_gain": [name(g) for g in gain],
                "gain_ids": gain,
                "cumulative": list(so_far),
                "tools": [name(t["tool"]) for t in step["tools_to_learn"]],
                "platforms": [name(p["platform"]) for p in step["platforms_to_learn"]],
            }
        )
    totals = {k: route[k] for k in ("cost", "years", "known_years", "assumed_years") if k in route}
    return {"roles": list(route["roles"]), "steps": steps, "totals": totals, "names": names}


#: The fields of an edge in the page's data, in order (``from`` and ``to`` index the nodes).
EDGE_FIELDS = (
    "from", "to", "rel", "evidence", "weight", "importance", "tkind", "years", "similarity",
)  # fmt: skip


def _graph_data(H: nx.MultiDiGraph) -> dict:
    """Write the nodes and edges of `H` (never mutated) as the page reads them, in `H`'s order.

    A node is a dict of what the page shows of it, with its position
    (:func:`graphkit.export.career.career_positions`) and size; an edge is a list in the
    order of :data:`EDGE_FIELDS` (a graph 10 × ours: 1.3 MB of edges, not 9.4 MB as dicts).
    The page's script gives them their shape, colour, width and dashes from
    :data:`KIND_STYLES` and :data:`EVIDENCE_STYLES`, and hands vis-network only those it
    shows; the sources' names come once, in ``sources``.
    """
    from graphkit.export.career import career_positions

    positions = career_positions(H)
    names = H.graph.get("sources", {})
    sources: dict[str, str] = {}
    nodes = []
    for node, d in H.nodes(data=True):
        role = d["kind"] == "role"
        cited = _split(d.get("sources"))
        sources.update((s, names.get(s, s.rsplit("/", 1)[-1])) for s in cited)
        nodes.append(
            {
                "id": node,
                "x": positions[node][0],
                "y": positions[node][1],
                "size": round((9 + 30 * d.get("centrality", 0.0)) if role else 7, 1),
                "kind": d["kind"],
                "rank": round(d.get("centrality", 0.0), 4),
                "seniority": d.get("seniority", 0),
                "curie": d.get("curie", node),
                "en": d.get("label_en", "") or d.get("label", node),
                "fr": d.get("label_fr", ""),
                "alt": d.get("alt_labels", ""),
                "defEn": d.get("definition_en", ""),
                "defFr": d.get("definition_fr", ""),
                "deprecated": bool(d.get("deprecated", False)),
                "sources": cited,
                "matches": _split(d.get("matches")),
            }
        )
    index = {node: i for i, node in enumerate(H)}
    edges = [
        [
            index[u],
            index[v],
            key,
            d.get("evidence", "curated"),
            d.get("weight", 1.0),
            d.get("importance", ""),
            d.get("transition_kind", ""),
            d.get("years", ""),
            d.get("similarity", ""),
        ]
        for u, v, key, d in H.edges(keys=True, data=True)
    ]
    return {"nodes": nodes, "edges": edges, "sources": sources}


def _options(large: bool, seed: int) -> dict:
    return {
        "autoResize": True,
        "layout": {"randomSeed": seed, "improvedLayout": False},
        "physics": {"enabled": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
        },
        "nodes": {"font": {"size": 0}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "smooth": False,
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
    """Render the display graph as one self-contained HTML page: a career map of the roles.

    Roles are laid out by :func:`graphkit.export.career.career_positions` (no physics, so
    the page is ready at its first drawing); skills, tools, platforms and credentials show
    on demand. The page draws the labels itself, the higher-ranked first, and leaves out a
    label that would overlap one already drawn; ``window.graphkitViewer.labelBoxes()`` gives
    the boxes drawn. Every word switches between English and French.

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
        Hide edges while dragging and zooming; by default when `H` has at least
        :data:`LARGE` nodes.
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
    vis_js, vis_css = _vis_assets()
    words = {lang: {key: WORDS[lang][key] for key in VIEWER_KEYS} for lang in WORDS}
    data = {
        **_graph_data(H),
        "fields": EDGE_FIELDS,
        "options": _options(large, seed),
        "kinds": KIND_STYLES,
        "evidence": EVIDENCE_STYLES,
        "route": route,
        "large": large,
        "next": H.graph.get("next_moves", {}),
        "words": words,
        "relations": RELATIONS,
    }
    env = Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(_asset("viewer.html"))
    return template.render(
        title=title,
        version=version,
        kinds=KIND_STYLES,
        evidence=EVIDENCE_STYLES,
        words=words["en"],
        route=route,
        counts={"nodes": H.number_of_nodes(), "edges": H.number_of_edges()},
        vis_js=vis_js,
        vis_css=vis_css,
        viewer_js=_asset("viewer.js"),
        viewer_css=_asset("viewer.css"),
        data=_script_json(data),
    )


class Viewer:
    """A rendered viewer page, shown inline in a notebook (an ``iframe`` with ``srcdoc``).

    Parameters
    ----------
    page : str
        A page of :func:`render_html`.
    height : int
        The frame's height in pixels, in a notebook.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.export.network import display_graph
    >>> shown = Viewer(render_html(display_graph(tiny_graph())))._repr_html_()
    >>> shown.startswith("<iframe srcdoc="), "&lt;!DOCTYPE html&gt;" in shown
    (True, True)
    """

    def __init__(self, page: str, *, height: int = 640):
        self.page = page
        self.height = height

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.page, quote=True)}" '
            f'style="width:100%;height:{self.height}px;border:1px solid #d5dbe1" '
            'sandbox="allow-scripts allow-downloads"></iframe>'
        )

    def save(self, path) -> Path:
        """Write the page to `path` and return it as a :class:`pathlib.Path`."""
        path = Path(path)
        path.write_text(self.page, encoding="utf-8")
        return path
