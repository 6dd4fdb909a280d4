"""The public Python API: the graph, routes, next moves, gaps, suggestions, queries, exports.

Each function takes names as people write them (French or English labels, altLabels, IRIs or
CURIEs; case and accents ignored) and returns the library's plain data, the same as the CLI's
``-f json``. Routes and gaps answer from the compiled projection (no Turtle parsing once it is
cached), with the imported ESCO merged in when there is one, like ``graphkit path``.

Examples
--------
>>> import graphkit
>>> route = graphkit.find_routes("community manager", "social media manager", with_esco=False)[0]
>>> [iri.rsplit("/", 1)[1] for iri in route["roles"]]
['community-manager', 'social-media-manager']
>>> graphkit.run_query("ASK { role:community-manager a smp:Role }").boolean
True
"""

from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "build_exports",
    "find_routes",
    "load_graph",
    "next_moves",
    "run_query",
    "skill_gap",
    "suggest_roles",
    "viewer",
]


def load_graph(ontology: Path | str | None = None):
    """Load the ontology folder as an rdflib ``Dataset``, one named graph per Turtle file.

    Parameters
    ----------
    ontology : path-like, optional
        The ontology folder; the one shipped with graphkit by default.

    Returns
    -------
    rdflib.Dataset
        Queries see the union of every named graph, derived shortcuts included.

    Examples
    --------
    >>> len(load_graph()) > 10_000
    True
    """
    from graphkit.graph.load import load_dataset

    return load_dataset(ontology)


def _compiled(ontology, with_esco: bool):
    from graphkit.esco.merge import load_compiled

    compiled = load_compiled(ontology, include_imported=with_esco)
    return compiled.transitions, compiled.names


def find_routes(
    source: str,
    target: str,
    *,
    k: int = 1,
    weight: str = "cost",
    via: Iterable[str] = (),
    avoid: Iterable[str] = (),
    max_steps: int | None = None,
    ontology: Path | str | None = None,
    with_esco: bool = True,
) -> list[dict]:
    """Find the `k` best career routes from one role to another, best first.

    Parameters
    ----------
    source, target : str
        Role names (any label, in French or English, an IRI or a CURIE).
    k, weight, via, avoid, max_steps
        As :func:`graphkit.routes.paths.transition_paths`; `via` and `avoid` take names too.
    ontology : path-like, optional
        The ontology folder; the one shipped with graphkit by default.
    with_esco : bool
        Route across the imported ESCO's occupations too, when one is imported.

    Returns
    -------
    list of dict
        Each route's ``roles`` (IRIs), ``steps`` (kind, years, evidence, skills to gain…),
        ``cost`` and totals, as :func:`graphkit.routes.paths.transition_paths` gives them.

    Raises
    ------
    graphkit.errors.TermNotFound
        If a name matches no role (the message suggests the closest names).
    graphkit.errors.NoTransitionPath
        If no route satisfies the request.

    Examples
    --------
    >>> routes = find_routes("CM", "social media strategist", k=2, with_esco=False)
    >>> len(routes), routes[0]["roles"][0].rsplit("/", 1)[1]
    (2, 'community-manager')
    """
    from graphkit.routes.paths import transition_paths

    G, names = _compiled(ontology, with_esco)

    def role(name: str) -> str:
        return names.resolve(name, kind="role")

    return transition_paths(
        G,
        role(source),
        role(target),
        k=k,
        weight=weight,
        via=[role(v) for v in via],
        avoid=[role(a) for a in avoid],
        max_steps=max_steps,
    )


def next_moves(
    source: str,
    *,
    steps: int = 1,
    limit: int | None = 10,
    inferred: bool = True,
    ontology: Path | str | None = None,
    with_esco: bool = True,
) -> list[dict]:
    """Rank the roles one can move to from a role, best first (``graphkit next``).

    Best is the cheapest route's cost less what the levels it climbs are worth
    (:func:`graphkit.routes.paths.next_moves`, ``net_cost``).

    Parameters
    ----------
    source : str
        A role name, as for :func:`find_routes`.
    steps, limit, inferred
        As :func:`graphkit.routes.paths.next_moves`.
    ontology : path-like, optional
        The ontology folder.
    with_esco : bool
        Also reach the imported ESCO's occupations, when one is imported.

    Returns
    -------
    list of dict
        One route per reachable role (its ``roles[-1]``), as :func:`find_routes` gives them,
        with its ``net_cost``.

    Examples
    --------
    >>> moves = next_moves("community manager", limit=20, with_esco=False)
    >>> "https://w3id.org/smp/role/social-media-manager" in [m["roles"][-1] for m in moves]
    True
    """
    from graphkit.routes.paths import next_moves as rank

    G, names = _compiled(ontology, with_esco)
    return rank(G, names.resolve(source, kind="role"), steps=steps, limit=limit, inferred=inferred)


def skill_gap(
    source: str, target: str, *, ontology: Path | str | None = None, with_esco: bool = True
) -> dict:
    """Tell what someone in one role must gain, and carries over, to work in another.

    Parameters
    ----------
    source, target : str
        Role names, as for :func:`find_routes`.
    ontology : path-like, optional
        The ontology folder.
    with_esco : bool
        Also know the imported ESCO's occupations, when one is imported.

    Returns
    -------
    dict
        As :func:`graphkit.routes.analysis.skill_gap`.

    Examples
    --------
    >>> gap = skill_gap("rédacteur web", "community manager", with_esco=False)
    >>> gap["source"], 0 < gap["coverage"] < 1
    ('https://w3id.org/smp/role/web-writer', True)
    """
    from graphkit.routes.analysis import skill_gap as gap

    G, names = _compiled(ontology, with_esco)
    return gap(G, names.resolve(source, kind="role"), names.resolve(target, kind="role"))


def suggest_roles(
    terms: str | Iterable[str],
    *,
    role: str | None = None,
    limit: int | None = 10,
    ontology: Path | str | None = None,
    with_esco: bool = True,
) -> dict:
    """Rank the roles that fit what someone knows: skills, tools and platforms.

    Parameters
    ----------
    terms : str or iterable of str
        Skills, tools and platforms, in French or English (a string is split on commas).
    role : str, optional
        The name of a role they hold: what it calls for counts as theirs.
    limit : int, optional
        Return at most this many roles.
    ontology : path-like, optional
        The ontology folder.
    with_esco : bool
        Also rank the imported ESCO's occupations, when one is imported.

    Returns
    -------
    dict
        What each term matched (``terms``) and the ranked ``suggestions``, as
        :func:`graphkit.routes.suggestions.suggest_roles` gives them (the weighting is
        :func:`graphkit.routes.suggestions.suggest`'s).

    Raises
    ------
    graphkit.errors.WrongKind
        If a term names a role rather than a skill, tool or platform.
    graphkit.errors.TermNotFound
        If a term names nothing (the message suggests the closest names).

    Examples
    --------
    >>> found = suggest_roles("Canva, montage vidéo, TikTok", with_esco=False)
    >>> [(t["term"], t["kind"]) for t in found["terms"]]
    [('Canva', 'tool'), ('montage vidéo', 'skill'), ('TikTok', 'platform')]
    >>> all(s["coverage"] > 0 for s in found["suggestions"])
    True
    """
    from graphkit.routes.suggestions import suggest_roles as rank

    G, names = _compiled(ontology, with_esco)
    return rank(G, names, terms, current_role=role, limit=limit)


def run_query(text: str, *, dataset=None, ontology: Path | str | None = None):
    """Run a SPARQL query on the graph: graphkit's prefixes pre-bound, the union default graph.

    Parameters
    ----------
    text : str
        A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE); updates and SERVICE are
        refused.
    dataset : rdflib.Dataset, optional
        The graph to query (:func:`load_graph`); the ontology folder's by default.
    ontology : path-like, optional
        The ontology folder, when `dataset` is not given.

    Returns
    -------
    graphkit.sparql.results.QueryResult
        ``kind`` ("bindings", "boolean" or "graph"), ``variables`` and ``bindings``,
        ``boolean`` or ``triples``; ``to_json()`` gives the SPARQL 1.1 JSON results.

    Raises
    ------
    graphkit.errors.QuerySyntaxError
        With the parser's message and position.
    graphkit.errors.QueryRefused
        For an update or a SERVICE clause.

    Examples
    --------
    >>> result = run_query("SELECT (COUNT(*) AS ?n) WHERE { ?role a smp:Role }")
    >>> result.kind, int(result.bindings[0]["n"]["value"]) > 40
    ('bindings', True)
    """
    from graphkit.sparql.engine import Engine

    dataset = load_graph(ontology) if dataset is None else dataset
    return Engine.from_dataset(dataset).query(text)


def build_exports(folder: Path | str = "exports", *, ontology: Path | str | None = None):
    """Write every export of the graph into `folder`: RDF, GraphML, GEXF, CSV, the viewer.

    Parameters
    ----------
    folder : path-like
        Created if missing; files of the same names are replaced.
    ontology : path-like, optional
        The ontology folder.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> written = build_exports(tempfile.mkdtemp())
    >>> sorted(p.name for p in written)[:3]
    ['edges.csv', 'graph.gexf', 'graph.graphml']
    """
    from graphkit.export.build import build_exports as build

    return build(load_graph(ontology), folder)


def viewer(
    source: str | None = None,
    target: str | None = None,
    *,
    ontology: Path | str | None = None,
):
    """Open the career map, or the best route between two roles, for a notebook.

    Parameters
    ----------
    source, target : str, optional
        Role names, as for :func:`find_routes`: when both are given, the page shows the best
        route between them (its totals and each step's gap).
    ontology : path-like, optional
        The ontology folder.

    Returns
    -------
    graphkit.export.viewer.Viewer
        Shown inline by Jupyter (an ``iframe`` whose ``srcdoc`` is the page); ``.page`` is
        the HTML, ``.save(path)`` writes it.

    Examples
    --------
    >>> shown = viewer("web writer", "social media strategist")
    >>> shown._repr_html_().startswith("<iframe srcdoc="), '"route":{' in shown.page
    (True, True)
    """
    from graphkit.export.build import html_page
    from graphkit.export.viewer import Viewer

    route = None
    if source is not None and target is not None:
        route = find_routes(source, target, ontology=ontology, with_esco=False)[0]
    return Viewer(html_page(load_graph(ontology), route=route))
