"""Merge the imported ESCO into graphkit: into the routes' projection and into the dataset.

Routes at scale (:func:`merge_esco`): every ESCO occupation becomes a role node of the
transition graph. An occupation A leads to B when A's skills cover at least `threshold` of
B's weighted requirements (essential 1, optional 0.5: :data:`graphkit.routes.scoring.IMPORTANCE`),
computed for all pairs at once as one sparse product (:data:`ESCO_INFERENCE`), between ESCO
occupations only (ESCO skills aligned to graphkit's carry graphkit's IRIs, so that gaps name
them as graphkit does). An ESCO occupation aligned to a graphkit role (``skos:exactMatch`` or
``skos:closeMatch``) leads to it by an "alignment" move: no typical years, the skill gap of the
move, curated evidence. The two nodes stay distinct (unifying them would lose either graphkit's
sourced requirements or ESCO's), and the alignment move is what lets a route start in ESCO
(journalist, sales assistant) and end at a graphkit role. It goes that way only: the other way,
a route could leave a graphkit role for its ESCO occupation and come back as another role
aligned to the same occupation (social media strategist → online community manager →
community manager), a move that no source states.

Every node gets the ISCO-08 unit groups it belongs to (``isco``: an occupation's own, a
graphkit role's ``skos:broadMatch`` groups) and the ILO skill level of those groups
(``skill_level``, :func:`graphkit.esco.reader.isco_skill_levels`); every move with an ESCO end
gets the ``skill_levels`` it climbs and the ``isco_distance`` between its ends, which the cost
model prices (:class:`graphkit.routes.cost.CostModel`): an inferred move across distant groups,
or one that jumps skill levels, costs more.
"""

import pickle
from pathlib import Path

from graphkit.esco.imported import (
    _OCCUPATION,
    _SKILL,
    ESCO_GRAPH,
    ESCO_INFERENCE,
    Imported,
    find_imported,
)
from graphkit.esco.reader import EscoFileError
from graphkit.routes import compiled
from graphkit.routes.compiled import Compiled, Extension, files_digest
from graphkit.routes.scoring import IMPORTANCE

__all__ = [
    "alignments",
    "esco_extension",
    "isco_distance",
    "load_compiled",
    "load_dataset",
    "merge_esco",
]

#: The ESCO IRIs of ISCO-08 groups, followed by the group's code.
_ISCO = "http://data.europa.eu/esco/isco/C"


def _aligned(dataset, prefix: str, props=("exactMatch", "closeMatch")) -> dict[str, list[str]]:
    """Graphkit concept → the concepts under `prefix` it matches by `props` (in that order)."""
    from rdflib.namespace import SKOS

    found: dict[str, list[str]] = {}
    for prop in (SKOS[p] for p in props):
        for s, o in sorted(dataset.subject_objects(prop)):
            if str(o).startswith(prefix):
                found.setdefault(str(s), []).append(str(o))
    return found


def alignments(dataset) -> dict:
    """Read the role and skill alignments to ESCO from a loaded dataset.

    Returns
    -------
    dict
        ``roles``: graphkit role → ESCO occupations; ``skills``: ESCO skill → the graphkit
        skill it is aligned with (exactMatch first, then closeMatch); ``isco``: graphkit role →
        the codes of the ISCO-08 unit groups it is ``skos:broadMatch``.
    """
    skills: dict[str, str] = {}
    for ours, theirs in _aligned(dataset, _SKILL).items():
        for esco in theirs:
            skills.setdefault(esco, ours)
    isco = {
        role: sorted(group.removeprefix(_ISCO) for group in groups)
        for role, groups in _aligned(dataset, _ISCO, ("broadMatch",)).items()
    }
    return {"roles": _aligned(dataset, _OCCUPATION), "skills": skills, "isco": isco}


def isco_distance(a: tuple[str, ...], b: tuple[str, ...]) -> int | None:
    """Return how many ISCO-08 levels part two sets of unit groups: 0 (one group) to 4.

    A unit group's code names its major, sub-major, minor and unit group (2432: 2, 24, 243,
    2432); the distance is 4 less the digits the two codes share first, the smallest over the
    pairs of the two sets, None when either set is empty.

    Examples
    --------
    >>> isco_distance(("2432",), ("2431",)), isco_distance(("2642",), ("2431", "2511"))
    (1, 3)
    >>> isco_distance(("5223",), ("2432",)), isco_distance(("2432",), ())
    (4, None)
    """
    if not a or not b:
        return None
    return min(4 - _shared_digits(x, y) for x in a for y in b)


def _shared_digits(x: str, y: str) -> int:
    shared = 0
    for i, j in zip(x, y, strict=False):
        if i != j:
            break
        shared += 1
    return shared


def _skill_level(codes, levels: dict[str, int]) -> int | None:
    """Return the ILO skill level of unit groups: their sub-major group's, else their major's.

    Several groups take the highest; None when no group's definition states a level.
    """
    found = [next((levels[p] for p in (code[:2], code[:1]) if p in levels), None) for code in codes]
    return max((f for f in found if f is not None), default=None)


def merge_esco(G, imported: Imported, aligned: dict, *, params: dict | None = None):
    """Add ESCO's occupations, inferred moves and alignment moves to a transition graph.

    Parameters
    ----------
    G : networkx.DiGraph
        A transition graph (:func:`graphkit.routes.projection.to_transition_graph`);
        changed in place.
    imported : Imported
        The imported ESCO.
    aligned : dict
        :func:`alignments` of the dataset `G` was projected from.
    params : dict, optional
        Overrides of :data:`ESCO_INFERENCE` (``threshold``, ``top_k``).

    Returns
    -------
    list of graphkit.graph.names.NameEntry
        The names of ESCO's occupations (kind "role") and skills (kind "skill"), ranked after
        graphkit's own (prefLabel 3, altLabel 4) so that graphkit's labels win on clashes.
        An occupation whose label is a graphkit role's is shown as "label (ESCO)", and
        answers to that name too.
    """
    import numpy as np
    from scipy import sparse

    from graphkit.graph.names import NameEntry, normalize

    params = {**ESCO_INFERENCE, **(params or {})}
    with imported.tables.open("rb") as stream:
        tables = pickle.load(stream)
    if "isco_skill_levels" not in tables:
        raise EscoFileError(
            str(imported.tables),
            "imported by an older graphkit, without ISCO-08 skill levels: run "
            "`graphkit import-esco` on the ESCO export again",
        )
    skill_levels = tables["isco_skill_levels"]
    # the source graphkit already cites for ESCO-stated requirements (source:esco-v1-1-1)
    source = f"https://w3id.org/smp/source/esco-v{tables['version'].replace('.', '-')}"
    labels = G.graph["labels"]
    labels.setdefault(source, {"en": f"ESCO v{tables['version']}"})
    mapped = aligned["skills"]
    skill_iris = [mapped.get(s[0], s[0]) for s in tables["skills"]]
    entries = []
    for (iri, label, alts, _), ours in zip(tables["skills"], skill_iris, strict=True):
        labels.setdefault(ours, {"en": label})
        if ours == iri:
            entries.append(NameEntry(iri, "skill", label, 3, label))
            entries += [NameEntry(iri, "skill", a, 4, label) for a in alts]
    requirement = {
        flag: {
            "weight": 1.0,
            "importance": "essential" if flag else "optional",
            "evidence": "stated",
            "sources": [source],
        }
        for flag in (True, False)
    }
    profiles: dict[int, dict] = {}
    for o, s, essential in tables["relations"]:
        held = profiles.setdefault(o, {})
        ours = skill_iris[s]
        if not (ours in held and held[ours]["importance"] == "essential"):
            held[ours] = requirement[essential]
    ours = {normalize(d["label"]) for _, d in G.nodes(data=True)}
    for role, data in G.nodes(data=True):
        data["isco"] = tuple(aligned["isco"].get(role, ()))
        data["skill_level"] = _skill_level(data["isco"], skill_levels)
    for index, (iri, label, alts, code) in enumerate(tables["occupations"]):
        if normalize(label) in ours:  # graphkit's journalist and ESCO's: tell them apart
            label = f"{label} (ESCO)"
        G.add_node(
            iri,
            kind="role",
            label=label,
            labels={"en": label},
            deprecated=False,
            skills=profiles.get(index, {}),
            platforms={},
            tools={},
            esco=True,
            isco=(code,) if code else (),
            skill_level=_skill_level((code,) if code else (), skill_levels),
        )
        labels[iri] = {"en": label}
        entries.append(NameEntry(iri, "role", tables["occupations"][index][1], 3, label))
        entries.append(NameEntry(iri, "role", label, 3, label))
        entries += [NameEntry(iri, "role", a, 4, label) for a in alts]
    _add_similar(G, params, np, sparse)
    for role, occupations in aligned["roles"].items():
        if role not in G:
            continue
        for occupation in occupations:
            if occupation in G:
                _align(G, occupation, role)
    _add_isco(G)
    G.graph["esco"] = {
        "version": tables["version"],
        "key": imported.key,
        "inference": {k: v for k, v in params.items()},
    }
    return entries


def _add_similar(G, params: dict, np, sparse) -> None:
    """Add the inferred moves between ESCO occupations, from one sparse product."""
    nodes = [n for n, d in G.nodes(data=True) if d.get("esco")]
    column: dict[str, int] = {}
    rows, cols, weights = [], [], []
    for i, node in enumerate(nodes):
        for skill, req in G.nodes[node]["skills"].items():
            rows.append(i)
            cols.append(column.setdefault(skill, len(column)))
            weights.append(req["weight"] * IMPORTANCE[req["importance"]])
    shape = (len(nodes), len(column))
    W = sparse.csr_matrix((weights, (rows, cols)), shape=shape, dtype=np.float64)
    H = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape, dtype=np.float64)
    H.data[:] = 1.0  # duplicates summed: held or not
    totals = np.asarray(W.sum(axis=1)).ravel()
    totals[totals == 0] = np.inf
    # covered[a, b] = Σ_s [a holds s] · w_b(s); share = covered / Σ_s w_b(s)
    covered = (H @ W.T).tocoo()
    a, b = covered.row, covered.col
    share = covered.data / totals[b]
    keep = (share >= params["threshold"]) & (a != b)
    a, b, share = a[keep], b[keep], share[keep]
    top = np.zeros(len(a), dtype=bool)
    for group in (b, a):  # the best sources of each target, the best targets of each source
        order = np.lexsort((-share, group))
        ranked = group[order]
        first = np.searchsorted(ranked, ranked, side="left")
        top[order[np.arange(len(order)) - first < params["top_k"]]] = True
    from graphkit.routes.projection import inferred_move

    for u, v, value in zip(a[top].tolist(), b[top].tolist(), share[top].tolist(), strict=True):
        source, target = nodes[u], nodes[v]
        if not G.has_edge(source, target):
            G.add_edge(source, target, **inferred_move(value, params["method"]))


def _add_isco(G) -> None:
    """Give each move with an ESCO end the skill levels it climbs and its ISCO-08 distance.

    Moves between two graphkit roles keep their seniority levels alone (``levels``).
    """
    for u, v, data in G.edges(data=True):
        a, b = G.nodes[u], G.nodes[v]
        if not (a.get("esco") or b.get("esco")):
            continue
        if a["skill_level"] is not None and b["skill_level"] is not None:
            data["skill_levels"] = b["skill_level"] - a["skill_level"]
        if (distance := isco_distance(a["isco"], b["isco"])) is not None:
            data["isco_distance"] = distance


def _align(G, u: str, v: str) -> None:
    """Lead an ESCO occupation to a graphkit role aligned to it by an alignment move."""
    from graphkit.routes.scoring import coverage

    share = coverage(G.nodes[v]["skills"], G.nodes[u]["skills"])
    G.add_edge(
        u,
        v,
        predicate="http://www.w3.org/2004/02/skos/core#closeMatch",
        transition=None,
        kind="alignment",
        years=0.0,
        weight=1.0,
        evidence="curated",
        sources=[],
        quotes=[],
        gap=1.0 - share,
    )


def _code_key() -> str:
    """Hash this package's code: a change to the import or the merge recompiles."""
    code = sorted(Path(__file__).resolve().parent.glob("*.py"))
    return files_digest((path.name, path) for path in code)


def esco_extension(imported: Imported) -> Extension:
    """Wrap an imported ESCO as an extension of the routes' projection (:func:`merge_esco`).

    Examples
    --------
    >>> from graphkit.esco.imported import find_imported
    >>> imported = find_imported()
    >>> imported is None or esco_extension(imported).name == "merged"
    True
    """

    def merge(G, dataset):
        return merge_esco(G, imported, alignments(dataset))

    return Extension("merged", f"{imported.key}+{_code_key()}", merge)


def load_compiled(
    root: Path | None = None,
    *,
    use_cache: bool = True,
    dataset=None,
    include_imported: bool = False,
) -> Compiled:
    """Return the compiled projection, with the imported ESCO merged in when asked and present.

    See :func:`graphkit.routes.compiled.load_compiled`; with `include_imported` and an
    imported ESCO (:func:`graphkit.esco.imported.find_imported`), the merged projection is
    cached apart, keyed by both the ontology and the import.

    Examples
    --------
    >>> compiled = load_compiled()
    >>> "https://w3id.org/smp/role/community-manager" in compiled.transitions
    True
    """
    imported = find_imported() if include_imported else None
    extension = None if imported is None else esco_extension(imported)
    return compiled.load_compiled(root, use_cache=use_cache, dataset=dataset, extension=extension)


def load_dataset(root: Path | str | None = None, *, derive: bool = True, include_imported=False):
    """Load the ontology folder, and the imported ESCO as the named graph ``…/graph/esco``.

    See :func:`graphkit.graph.load.load_dataset`. With `include_imported`, the imported ESCO
    (``graphkit import-esco``), when there is one, is loaded too (slow: some 330,000 triples).
    Off by default: exports, validation and the gallery see the curated graph only.

    Examples
    --------
    >>> from graphkit.graph.namespaces import GRAPH
    >>> GRAPH["vocab/roles"] in {g.identifier for g in load_dataset().graphs()}
    True
    """
    from rdflib import URIRef

    from graphkit.graph.load import load_dataset as load_curated

    dataset = load_curated(root, derive=derive)
    if include_imported and (imported := find_imported()) is not None:
        dataset.graph(URIRef(ESCO_GRAPH)).parse(imported.ntriples, format="nt")
    return dataset
