"""The views of the graph's measures: ``graphkit stats``, ``stats --coverage`` and ``roles``.

Doctests start from ``G`` and ``role``, the tiny graph's (set up in ``conftest.py``).
"""

from graphkit.graph.prefixes import BASE, curie
from graphkit.views.tables import _name, _value_name, table
from graphkit.views.words import HEADERS, WORDS

__all__ = [
    "COVERAGE_COLUMNS",
    "ROLE_COLUMNS",
    "STATS_COLUMNS",
    "coverage_rows",
    "coverage_text",
    "role_rows",
    "roles_text",
    "stats_rows",
    "stats_text",
]

STATS_COLUMNS = ("section", "name", "count")


def stats_rows(stats: dict) -> list[dict]:
    """Flatten :func:`graphkit.stats.summary.graph_stats` into ``section, name, count`` rows.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.stats.summary import graph_stats
    >>> stats_rows(graph_stats(tiny_graph()))[0]
    {'section': 'class', 'name': 'Role', 'count': 4}
    """
    rows = [{"section": "class", "name": k, "count": v} for k, v in stats["classes"].items()]
    for cls, levels in stats["evidence"].items():
        rows += [
            {"section": "evidence", "name": f"{cls} {k}", "count": v} for k, v in levels.items()
        ]
    rows += [{"section": "source", "name": k, "count": v} for k, v in stats["sources"].items()]
    rows += [
        {"section": "graph", "name": k, "count": v} for k, v in stats.get("graphs", {}).items()
    ]
    rows.append({"section": "total", "name": "triples", "count": stats["triples"]})
    rows += [
        {"section": "transferable skill", "name": curie(s["skill"]), "count": s["roles"]}
        for s in stats.get("transferable_skills", [])
    ]
    rows += [
        {"section": "bridge role", "name": curie(b["role"]), "count": round(b["betweenness"], 4)}
        for b in stats.get("bridge_roles", [])
    ]
    return rows


def _class_name(name: str, labels: dict, lang: str) -> str:
    """Name one of our classes: as in the ontology in English (``Role``), else by its label."""
    if lang == "en" or BASE + name not in labels:
        return name
    label = _name(BASE + name, labels, lang)
    return label[:1].upper() + label[1:]


def stats_text(stats: dict, labels: dict | None = None, lang: str = "en") -> str:
    """Render graph statistics as small tables a person reads at a glance.

    Parameters
    ----------
    stats : dict
        From :func:`graphkit.stats.summary.graph_stats`.
    labels : dict, optional
        IRI → labels by language (``G.graph["labels"]``): skills, roles, classes and
        controlled values by name.
    lang : {"en", "fr"}
        Language of labels and headings.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.stats.summary import graph_stats
    >>> stats_text(graph_stats(tiny_graph())).splitlines()[1].split()
    ['Role', '4']
    >>> labels = {"https://w3id.org/smp/Role": {"en": "role", "fr": "métier"}}
    >>> text = stats_text(graph_stats(tiny_graph()), labels, "fr")
    >>> [line.split() for line in text.splitlines()[:2]]
    [['classe', 'nombre'], ['Métier', '4']]
    """
    labels, words, headers = labels or {}, WORDS[lang], HEADERS[lang]
    levels = ["stated", "curated", "groupstated", "inferred"]
    level_names = {level: _value_name(level, labels, lang) for level in levels}
    classes = [
        {"class": _class_name(k, labels, lang), "count": v} for k, v in stats["classes"].items()
    ]
    evidence = [
        {"link": _class_name(cls, labels, lang), **{level_names[k]: v for k, v in counts.items()}}
        for cls, counts in stats["evidence"].items()
    ]
    sources = [
        {"source type": _value_name(k, labels, lang), "count": v}
        for k, v in stats["sources"].items()
    ]
    triples = words["triples"].format(
        triples=stats["triples"], graphs=len(stats.get("graphs", {})) or 1
    )
    parts = [
        table(classes, ["class", "count"], headers=headers),
        table(evidence, ["link", *level_names.values()], headers=headers),
        table(sources, ["source type", "count"], headers=headers),
        triples,
    ]
    if "transferable_skills" in stats:
        skills = [
            {
                "transferable skill": _name(s["skill"], labels, lang),
                "centrality": round(s["centrality"], 3),
                "roles": s["roles"],
            }
            for s in stats["transferable_skills"]
        ]
        bridges = [
            {
                "bridge role": _name(b["role"], labels, lang),
                "betweenness": round(b["betweenness"], 3),
            }
            for b in stats["bridge_roles"]
        ]
        parts += [
            table(skills, ["transferable skill", "centrality", "roles"], headers=headers),
            table(bridges, ["bridge role", "betweenness"], headers=headers),
        ]
    return "\n\n".join(parts) + "\n"


ROLE_COLUMNS = (
    "role",
    "label_en",
    "label_fr",
    "skills",
    "moves_in",
    "moves_out",
    "cluster",
    "deprecated",
)


def role_rows(G, clusters: list[list[str]] = ()) -> list[dict]:
    """One row per role of a transition graph: labels, skills, curated moves, cluster number.

    Examples
    --------
    >>> role_rows(G, [list(G)])[0]  # doctest: +NORMALIZE_WHITESPACE
    {'role': 'role:community-manager', 'label_en': 'community manager',
     'label_fr': 'community manager', 'skills': 3, 'moves_in': 2, 'moves_out': 1,
     'cluster': 1, 'deprecated': ''}
    """
    cluster_of = {role: i for i, members in enumerate(clusters, 1) for role in members}

    def curated(edges) -> int:
        return sum(d["evidence"] != "inferred" for *_, d in edges)

    return [
        {
            "role": curie(role),
            "label_en": data["labels"].get("en", ""),
            "label_fr": data["labels"].get("fr", ""),
            "skills": len(data["skills"]),
            "moves_in": curated(G.in_edges(role, data=True)),
            "moves_out": curated(G.out_edges(role, data=True)),
            "cluster": cluster_of.get(role, ""),
            "deprecated": "yes" if data["deprecated"] else "",
        }
        for role, data in sorted(G.nodes(data=True), key=lambda n: n[1]["label"].casefold())
    ]


def roles_text(rows: list[dict], lang: str = "en") -> str:
    """Render :func:`role_rows` as a table titled in `lang`.

    Examples
    --------
    >>> print(roles_text(role_rows(G)[:1], "fr"))  # doctest: +NORMALIZE_WHITESPACE
    métier                  libellé (en)       libellé (fr)       compétences  arrivées  départs
    role:community-manager  community manager  community manager            3         2        1
    <BLANKLINE>
    """
    shown = [{**r, "deprecated": WORDS[lang]["yes"] if r["deprecated"] else ""} for r in rows]
    columns = [c for c in ROLE_COLUMNS if any(r[c] != "" for r in rows) or c in ROLE_COLUMNS[:2]]
    return table(shown, columns, headers=HEADERS[lang]) + "\n"


COVERAGE_COLUMNS = ("class", "count", "measure", "share")


def coverage_rows(report: dict) -> list[dict]:
    """Flatten :func:`graphkit.stats.coverage.coverage_report` into rows.

    The columns are ``class, count, measure, share``.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.stats.coverage import coverage_report
    >>> coverage_rows(coverage_report(tiny_graph()))[0]
    {'class': 'Role', 'count': 4, 'measure': 'bilingual', 'share': 1.0}
    """
    rows = []
    for cls, c in report["concepts"].items():
        rows += [
            {"class": cls, "count": c["count"], "measure": measure, "share": c[measure]}
            for measure in ("bilingual", "defined", "sourced")
        ]
        rows += [
            {"class": cls, "count": c["count"], "measure": f"aligned {scheme}", "share": share}
            for scheme, share in c["aligned"].items()
        ]
    rows += [
        {"class": cls, "count": c["count"], "measure": "sourced", "share": c["sourced"]}
        for cls, c in report["links"].items()
    ]
    return rows


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def coverage_text(report: dict, labels: dict | None = None, lang: str = "en") -> str:
    """Render the coverage report as two tables: concepts (with alignments), then links.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.stats.coverage import coverage_report
    >>> coverage_text(coverage_report(tiny_graph())).splitlines()[1].split()[:5]
    ['Role', '4', '100%', '100%', '100%']
    >>> coverage_text(coverage_report(tiny_graph()), lang="fr").splitlines()[0].split()[:4]
    ['classe', 'nombre', 'libellés', 'fr+en']
    """
    labels = labels or {}
    schemes = list(next(iter(report["concepts"].values()))["aligned"]) if report["concepts"] else []
    concepts = [
        {
            "class": _class_name(cls, labels, lang),
            "count": c["count"],
            "fr+en labels": _percent(c["bilingual"]),
            "fr+en definition": _percent(c["defined"]),
            "source": _percent(c["sourced"]),
            **{s: _percent(c["aligned"][s]) for s in schemes},
        }
        for cls, c in report["concepts"].items()
    ]
    links = [
        {
            "link": _class_name(cls, labels, lang),
            "count": c["count"],
            "source": _percent(c["sourced"]),
        }
        for cls, c in report["links"].items()
    ]
    columns = ["class", "count", "fr+en labels", "fr+en definition", "source", *schemes]
    headers = HEADERS[lang]
    return (
        table(concepts, columns, headers=headers)
        + "\n\n"
        + table(links, ["link", "count", "source"], headers=headers)
        + "\n"
    )
