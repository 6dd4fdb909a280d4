"""Render results for people (aligned text tables) and programs (json, csv).

JSON is the stable contract: it is the library's plain data, unchanged. Tables and csv are
views of it. Nothing here reads the graph.
"""

import csv
import io
import json
from collections.abc import Iterable, Sequence

from graphkit.iris import curie

__all__ = [
    "FORMATS",
    "concept_rows",
    "concept_text",
    "coverage_rows",
    "coverage_text",
    "csv_text",
    "json_text",
    "report_rows",
    "report_text",
    "stats_rows",
    "stats_text",
    "table",
]

#: The output formats every command offers.
FORMATS = ("table", "json", "csv")

_HEADINGS = {
    "en": {
        ("SkillRequirement", "out"): "Skills required",
        ("SkillRequirement", "in"): "Required by",
        ("PlatformUse", "out"): "Platforms",
        ("PlatformUse", "in"): "Used by",
        ("ToolUse", "out"): "Tools",
        ("ToolUse", "in"): "Used by",
        ("CredentialPath", "out"): "Credentials",
        ("CredentialPath", "in"): "Held in",
        ("Transition", "out"): "Leads to",
        ("Transition", "in"): "Comes from",
        "alt": "also",
        "definition": "definition",
        "sources": "sources",
        "claims": "Claims",
        "deprecated": "deprecated, replaced by",
        "broader": "broader",
        "narrower": "narrower",
    },
    "fr": {
        ("SkillRequirement", "out"): "Compétences requises",
        ("SkillRequirement", "in"): "Requise par",
        ("PlatformUse", "out"): "Plateformes",
        ("PlatformUse", "in"): "Utilisée par",
        ("ToolUse", "out"): "Outils",
        ("ToolUse", "in"): "Utilisé par",
        ("CredentialPath", "out"): "Formations",
        ("CredentialPath", "in"): "Suivie dans",
        ("Transition", "out"): "Mène à",
        ("Transition", "in"): "Vient de",
        "alt": "aussi",
        "definition": "définition",
        "sources": "sources",
        "claims": "Affirmations",
        "deprecated": "obsolète, remplacé par",
        "broader": "plus large",
        "narrower": "plus précis",
    },
}


def table(
    rows: Sequence[dict],
    columns: Sequence[str],
    *,
    indent: str = "",
    headers: dict[str, str] | None = None,
) -> str:
    """Align `rows` under `columns` (titled by `headers` where given); numbers right-aligned.

    Examples
    --------
    >>> print(table([{"name": "Role", "count": 19}, {"name": "Skill", "count": 52}],
    ...             ["name", "count"]))
    name   count
    Role      19
    Skill     52
    """
    titles = [(headers or {}).get(c, c) for c in columns]
    cells = [[_cell(row.get(c, "")) for c in columns] for row in rows]
    widths = [max([len(t), *(len(r[i]) for r in cells)]) for i, t in enumerate(titles)]
    numeric = [
        all(isinstance(row.get(c), int | float) for row in rows if row.get(c) != "")
        for c in columns
    ]

    def line(values: Iterable[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return (indent + "  ".join(parts)).rstrip()

    return "\n".join([line(titles), *(line(r) for r in cells)])


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def csv_text(rows: Sequence[dict], columns: Sequence[str]) -> str:
    r"""Write `rows` as CSV with a header line.

    Examples
    --------
    >>> csv_text([{"a": 1, "b": "x, y"}], ["a", "b"])
    'a,b\r\n1,"x, y"\r\n'
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: _cell(row.get(c, "")) for c in columns})
    return out.getvalue()


def json_text(data) -> str:
    """Write `data` as indented JSON, keeping non-ASCII characters as they are.

    Examples
    --------
    >>> print(json_text({"fr": "modération"}), end="")
    {
      "fr": "modération"
    }
    """
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- stats ---------------------------------------------------------------------------------

STATS_COLUMNS = ("section", "name", "count")


def stats_rows(stats: dict) -> list[dict]:
    """Flatten :func:`graphkit.stats.graph_stats` into ``section, name, count`` rows.

    Examples
    --------
    >>> from graphkit.examples import tiny_graph
    >>> from graphkit.stats import graph_stats
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


def stats_text(stats: dict, labels: dict | None = None) -> str:
    """Render graph statistics as small tables a person reads at a glance.

    Examples
    --------
    >>> from graphkit.examples import tiny_graph
    >>> from graphkit.stats import graph_stats
    >>> stats_text(graph_stats(tiny_graph())).splitlines()[1].split()
    ['Role', '4']
    """
    classes = [{"class": k, "count": v} for k, v in stats["classes"].items()]
    evidence = [{"link": cls, **levels} for cls, levels in stats["evidence"].items()]
    sources = [{"source type": k, "count": v} for k, v in stats["sources"].items()]
    parts = [
        table(classes, ["class", "count"]),
        table(evidence, ["link", "stated", "curated", "groupstated", "inferred"]),
        table(sources, ["source type", "count"]),
        f"{stats['triples']} triples in {len(stats.get('graphs', {})) or 1} graphs",
    ]
    labels = labels or {}
    if "transferable_skills" in stats:
        skills = [
            {
                "transferable skill": _name(s["skill"], labels, "en"),
                "centrality": round(s["centrality"], 3),
                "roles": s["roles"],
            }
            for s in stats["transferable_skills"]
        ]
        bridges = [
            {
                "bridge role": _name(b["role"], labels, "en"),
                "betweenness": round(b["betweenness"], 3),
            }
            for b in stats["bridge_roles"]
        ]
        parts += [
            table(skills, ["transferable skill", "centrality", "roles"]),
            table(bridges, ["bridge role", "betweenness"]),
        ]
    return "\n\n".join(parts) + "\n"


# --- show ----------------------------------------------------------------------------------

LINK_COLUMNS = (
    "type",
    "direction",
    "other",
    "label",
    "kind",
    "importance",
    "weight",
    "typical_years",
    "trend",
    "evidence",
    "sources",
)


def _label(labels: dict, lang: str) -> str:
    return labels.get(lang) or labels.get("en") or next(iter(labels.values()), "")


def _source_names(sources: list[dict]) -> str:
    return ", ".join(local_source(s["iri"]) for s in sources)


def concept_rows(concept: dict, lang: str = "en") -> list[dict]:
    """One row per link of a described concept (see :func:`graphkit.lookup.describe`).

    Examples
    --------
    >>> from graphkit.examples import tiny_graph
    >>> from graphkit.lookup import describe
    >>> row = concept_rows(describe(tiny_graph(), "https://w3id.org/smp/skill/editing"))[0]
    >>> row["other"], row["label"], row["importance"], row["sources"]
    ('role:editor', 'video editor', 'essential', 'tiny')
    """
    return [
        {
            **{k: link.get(k, "") for k in LINK_COLUMNS},
            "other": curie(link["other"]),
            "label": _label(link["other_label"], lang),
            "sources": _source_names(link["sources"]),
        }
        for link in concept["links"]
    ]


def concept_text(concept: dict, lang: str = "en") -> str:
    """Render a described concept: labels, definition, sources, then one block per link type.

    Examples
    --------
    >>> from graphkit.examples import tiny_graph
    >>> from graphkit.lookup import describe
    >>> text = concept_text(describe(tiny_graph(), "https://w3id.org/smp/role/editor"), "fr")
    >>> for line in text.splitlines()[:3]:
    ...     print(line)
    monteur vidéo  (role, role:editor)
      fr: monteur vidéo
      en: video editor
    """
    words = _HEADINGS[lang]
    other_lang = "fr" if lang == "en" else "en"
    head = f"{_label(concept['label'], lang)}  ({concept['kind']}, {concept['curie']})"
    lines = [head]
    for code in (lang, other_lang):
        if code in concept["label"]:
            lines.append(f"  {code}: {concept['label'][code]}")
    alt = "; ".join(f"{', '.join(v)} ({k})" for k, v in concept["alt_labels"].items())
    if alt:
        lines.append(f"  {words['alt']}: {alt}")
    for code in (lang, other_lang):
        if code in concept["definition"]:
            lines.append(f"  {words['definition']} ({code}): {concept['definition'][code]}")
    for key in ("broader", "narrower"):
        if concept[key]:
            names = ", ".join(_label(r["label"], lang) for r in concept[key])
            lines.append(f"  {words[key]}: {names}")
    if concept["deprecated"]:
        names = ", ".join(_label(r["label"], lang) for r in concept["replaced_by"])
        lines.append(f"  {words['deprecated']}: {names or '-'}")
    if concept["sources"]:
        lines.append(f"  {words['sources']}: {_source_names(concept['sources'])}")
    groups: dict[tuple[str, str], list[dict]] = {k: [] for k in words if isinstance(k, tuple)}
    for row in concept_rows(concept, lang):
        groups[(row["type"], row["direction"])].append(row)
    for key, rows in groups.items():
        if rows:
            columns = ["label", *(c for c in LINK_COLUMNS[4:] if any(r[c] != "" for r in rows))]
            block = table(rows, columns, indent="  ", headers={"typical_years": "years"})
            lines += ["", f"{words[key]} ({len(rows)})", block]
    if concept["claims"]:
        lines += ["", f"{words['claims']} ({len(concept['claims'])})"]
        for claim in concept["claims"]:
            date = f" [{claim['date']}]" if "date" in claim else ""
            statement = _label(claim["statement"], lang)
            lines.append(f"  - {statement}{date} ({_source_names(claim['sources'])})")
    return "\n".join(lines) + "\n"


# --- validate ------------------------------------------------------------------------------

REPORT_COLUMNS = ("severity", "focus", "path", "value", "message", "shape", "file")


def report_rows(report) -> list[dict]:
    """One row per finding of a :class:`graphkit.validate.Report`.

    Examples
    --------
    >>> from graphkit.validate import Finding, Report
    >>> rows = report_rows(Report((Finding("Warning", "role:x", "", "why", "smpsh:S"),)))
    >>> rows[0]["severity"], rows[0]["focus"], rows[0]["shape"], rows[0]["file"]
    ('Warning', 'role:x', 'smpsh:S', '')
    """
    return [{c: getattr(f, c) for c in REPORT_COLUMNS} for f in report.findings]


def report_text(report) -> str:
    """Render a validation report: a verdict line, then one block per finding.

    Examples
    --------
    >>> from graphkit.validate import Finding, Report
    >>> finding = Finding("Violation", "role:x", "smp:weight", "too heavy", "smpsh:S", "2", "a.ttl")
    >>> print(report_text(Report((finding,))), end="")
    does not conform: 1 violation(s), 0 warning(s)
    Violation role:x (a.ttl)
              smp:weight = 2
              too heavy [smpsh:S]
    """
    verdict = "conforms" if report.conforms else "does not conform"
    lines = [f"{verdict}: {len(report.violations)} violation(s), {len(report.warnings)} warning(s)"]
    for f in report.findings:
        where = f" ({f.file})" if f.file else ""
        lines.append(f"{f.severity:<9} {f.focus}{where}")
        detail = " ".join(x for x in (f.path, f"= {f.value}" if f.value else "") if x)
        if detail:
            lines.append(f"          {detail}")
        lines.append(f"          {f.message} [{f.shape}]")
    return "\n".join(lines) + "\n"


# --- routes, gaps, suggestions, roles ---------------------------------------------------------

_ROUTE_WORDS = {
    "en": {
        "route": "Route {i} of {n}",
        "cost": "cost",
        "years": "years",
        "moves": "moves",
        "move": "move",
        "evidence": "evidence",
        "to_gain": "to gain",
        "carried": "carried over",
        "tools": "tools to learn",
        "platforms": "platforms to learn",
        "sources": "sources",
        "quote": "quote",
        "assumed": "assumed",
        "similarity": "skill similarity",
        "coverage": "already covered",
        "missing": "missing",
        "matched": "matched",
        "none": "nothing",
        "and_more": "and {n} more",
        "transition": "a move leads there",
        "jump": "jumps {n} seniority levels",
        "next": "Where {role} can go next, cheapest route first",
        "next_headers": {"to_gain": "skills to gain"},
        "total": "in all, to gain once",
    },
    "fr": {
        "route": "Parcours {i} sur {n}",
        "cost": "coût",
        "years": "ans",
        "moves": "étapes",
        "move": "étape",
        "evidence": "preuve",
        "to_gain": "à acquérir",
        "carried": "déjà acquis",
        "tools": "outils à apprendre",
        "platforms": "plateformes à apprendre",
        "sources": "sources",
        "quote": "citation",
        "assumed": "supposées",
        "similarity": "similarité des compétences",
        "coverage": "déjà couvert",
        "missing": "manque",
        "matched": "acquis",
        "none": "rien",
        "and_more": "et {n} de plus",
        "transition": "une transition y mène",
        "jump": "saute {n} niveaux de séniorité",
        "next": "Où aller depuis {role}, du parcours le moins coûteux au plus coûteux",
        "next_headers": {
            "rank": "rang",
            "role": "métier",
            "cost": "coût",
            "years": "années",
            "moves": "étapes",
            "via": "par",
            "to_gain": "compétences à acquérir",
            "evidence": "preuve",
        },
        "total": "en tout, à acquérir une fois",
    },
}


def _name(iri: str, labels: dict, lang: str) -> str:
    return _label(labels.get(iri, {}), lang) or curie(iri)


def _value_name(code: str | None, labels: dict, lang: str) -> str:
    """Name a controlled value (``essential``, ``lateral``…) by its TBox label in `lang`."""
    if not code:
        return ""
    from graphkit.iris import BASE

    for iri in (BASE + code.capitalize(), BASE + code):
        if iri in labels:
            return _label(labels[iri], lang) or code
    # a code of a camel-case value (smp:GroupStated → "groupstated")
    iri = next((k for k in labels if k.startswith(BASE) and k[len(BASE) :].lower() == code), None)
    return _label(labels[iri], lang) if iri else code


def _evidence_note(item: dict, labels: dict, lang: str) -> str:
    """Cite a requirement: its seed sources when stated, else its evidence level."""
    if item["evidence"] == "stated":
        return ", ".join(map(local_source, item["sources"]))
    return _value_name(item["evidence"], labels, lang)


def _skill_list(items: list[dict], labels: dict, lang: str, *, limit: int = 8) -> str:
    words = _ROUTE_WORDS[lang]
    shown = [
        f"{_name(i['skill'], labels, lang)} ({_value_name(i['importance'], labels, lang)} "
        f"{i['weight']:g}, {_evidence_note(i, labels, lang)})"
        for i in items[:limit]
    ]
    if len(items) > limit:
        shown.append(words["and_more"].format(n=len(items) - limit))
    return ", ".join(shown) or words["none"]


def _plain_list(items: list[dict], key: str, labels: dict, lang: str) -> str:
    return ", ".join(_name(i[key], labels, lang) for i in items) or _ROUTE_WORDS[lang]["none"]


def _to_learn_lines(gap: dict, labels: dict, lang: str, *, indent: str) -> list[str]:
    """List the tools and platforms of a skill gap (or a step) still to learn, a line each."""
    words = _ROUTE_WORDS[lang]
    return [
        f"{indent}{words[heading]}: {_plain_list(gap[key], item, labels, lang)}"
        for heading, key, item in (
            ("tools", "tools_to_learn", "tool"),
            ("platforms", "platforms_to_learn", "platform"),
        )
        if gap[key]
    ]


def _step_text(number: int, step: dict, labels: dict, lang: str) -> list[str]:
    words = _ROUTE_WORDS[lang]
    years = step["years"] if step["years"] is not None else step["assumed_years"]
    assumed = f" ({words['assumed']})" if step["years"] is None else ""
    facts = [
        _value_name(step["kind"], labels, lang)
        or f"{words['similarity']} {step['similarity']:.2f}",
        f"{years:g} {words['years']}{assumed}",
        _value_name(step["evidence"], labels, lang),
        f"{words['cost']} {step['cost']:.2f}",
    ]
    levels = [_value_name(s, labels, lang) for s in step.get("seniority", ()) if s]
    if len(levels) == 2:
        facts.insert(1, " → ".join(levels))
    if step.get("level_jump"):
        facts.append("⚠ " + words["jump"].format(n=abs(step["levels"])))
    lines = [
        f"  {number}. {_name(step['from'], labels, lang)} → {_name(step['to'], labels, lang)}",
        f"     {' · '.join(facts)}",
        f"     {words['to_gain']}: {_skill_list(step['to_gain'], labels, lang)}",
        f"     {words['carried']}: {_skill_list(step['carried'], labels, lang, limit=5)}",
    ]
    lines += _to_learn_lines(step, labels, lang, indent="     ")
    if step["sources"]:
        lines.append(f"     {words['sources']}: {', '.join(map(local_source, step['sources']))}")
    first = step.get("years_quote")
    quotes = [first] if first else []
    quotes += [q for q in step["quotes"] if q != first]
    for quote in quotes[: 2 if first else 1]:
        lines.append(f"     {words['quote']}: « {quote} »")
    return lines


def _route_years(route: dict, words: dict) -> str:
    """Say a route's years, the known apart from the assumed: "5 years + 2 assumed"."""
    known, assumed = route.get("known_years", route["years"]), route.get("assumed_years", 0)
    if not assumed:
        return f"{known:g} {words['years']}"
    if not known:
        return f"{assumed:g} {words['years']} ({words['assumed']})"
    return f"{known:g} {words['years']} + {assumed:g} {words['assumed']}"


def local_source(iri: str) -> str:
    """Name a source briefly by the last segment of its IRI.

    Examples
    --------
    >>> local_source("https://w3id.org/smp/source/seed-003")
    'seed-003'
    """
    return iri.rsplit("/", 1)[-1]


def routes_text(routes: list[dict], labels: dict, lang: str = "en") -> str:
    """Render routes: per route one summary line, the roles on one line, one block per step.

    Parameters
    ----------
    routes : list of dict
        From :func:`graphkit.paths.transition_paths`.
    labels : dict
        IRI → labels by language (``G.graph["labels"]`` of the transition graph).
    lang : {"en", "fr"}
        Language of labels and headings.

    Examples
    --------
    >>> from graphkit.examples import tiny_graph
    >>> from graphkit.project import to_transition_graph
    >>> from graphkit.paths import transition_paths
    >>> G = to_transition_graph(tiny_graph())
    >>> role = "https://w3id.org/smp/role/"
    >>> routes = transition_paths(G, role + "writer", role + "strategist")
    >>> print(routes_text(routes, G.graph["labels"]).splitlines()[1])
    web writer → community manager → social media strategist
    """
    words = _ROUTE_WORDS[lang]
    blocks = []
    for i, route in enumerate(routes, 1):
        moves = words["move"] if route["hops"] == 1 else words["moves"]
        evidence = ", ".join(_value_name(e, labels, lang) for e in route["evidence"])
        head = (
            f"{words['route'].format(i=i, n=len(routes))} · {words['cost']} {route['cost']:.2f}"
            f" · {_route_years(route, words)} · {route['hops']} {moves}"
            f" · {words['evidence']}: {evidence}"
        )
        lines = [head, " → ".join(_name(r, labels, lang) for r in route["roles"])]
        for number, step in enumerate(route["steps"], 1):
            lines += ["", *_step_text(number, step, labels, lang)]
        if route["hops"] > 1 and route.get("to_gain"):
            lines += ["", f"  {words['total']}: {_skill_list(route['to_gain'], labels, lang)}"]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def labelled(data, labels: dict):
    """Return a copy of `data` where every known IRI string ``x`` becomes ``{"iri", "label"}``.

    This is the JSON contract of route, gap and suggestion results: IRIs with their labels.

    Examples
    --------
    >>> labelled({"role": "https://x/a", "n": 2, "xs": ["https://x/b"]},
    ...          {"https://x/a": {"en": "A"}})
    {'role': {'iri': 'https://x/a', 'label': {'en': 'A'}}, 'n': 2, 'xs': ['https://x/b']}
    """
    if isinstance(data, dict):
        return {k: labelled(v, labels) for k, v in data.items()}
    if isinstance(data, list):
        return [labelled(v, labels) for v in data]
    if isinstance(data, str) and data in labels:
        return {"iri": data, "label": labels[data]}
    return data


ROUTE_COLUMNS = (
    "route",
    "step",
    "from",
    "to",
    "kind",
    "years",
    "evidence",
    "cost",
    "gap",
    "to_gain",
    "sources",
)


def route_rows(routes: list[dict], labels: dict, lang: str = "en") -> list[dict]:
    """One CSV row per step of each route, with labels in `lang`."""
    return [
        {
            "route": i,
            "step": n,
            "from": _name(step["from"], labels, lang),
            "to": _name(step["to"], labels, lang),
            "kind": step["kind"] or "",
            "years": step["years"] if step["years"] is not None else "",
            "evidence": step["evidence"],
            "cost": round(step["cost"], 4),
            "gap": round(step["gap"], 4),
            "to_gain": "; ".join(_name(g["skill"], labels, lang) for g in step["to_gain"]),
            "sources": " ".join(map(local_source, step["sources"])),
        }
        for i, route in enumerate(routes, 1)
        for n, step in enumerate(route["steps"], 1)
    ]


NEXT_COLUMNS = (
    "rank",
    "role",
    "cost",
    "years",
    "assumed_years",
    "moves",
    "via",
    "to_gain",
    "evidence",
)


def next_rows(routes: list[dict], labels: dict, lang: str = "en") -> list[dict]:
    """One row per reachable role of :func:`graphkit.paths.next_moves`, best first.

    Examples
    --------
    >>> from graphkit.examples import tiny_graph
    >>> from graphkit.project import to_transition_graph
    >>> from graphkit.paths import next_moves
    >>> G = to_transition_graph(tiny_graph())
    >>> rows = next_rows(next_moves(G, "https://w3id.org/smp/role/writer"), G.graph["labels"])
    >>> rows[0]["role"], rows[0]["years"], rows[0]["to_gain"]
    ('community manager', 2.0, 1)
    """
    return [
        {
            "rank": i,
            "role": _name(route["roles"][-1], labels, lang),
            "cost": round(route["cost"], 2),
            "years": route["known_years"],
            "assumed_years": route["assumed_years"],
            "moves": route["hops"],
            "via": " → ".join(_name(r, labels, lang) for r in route["roles"][1:-1]),
            "to_gain": len(route["to_gain"]),
            "evidence": ", ".join(_value_name(e, labels, lang) for e in route["evidence"]),
        }
        for i, route in enumerate(routes, 1)
    ]


def next_text(source: str, routes: list[dict], labels: dict, lang: str = "en") -> str:
    """Render :func:`graphkit.paths.next_moves` as a table under a one-line heading."""
    words = _ROUTE_WORDS[lang]
    rows = next_rows(routes, labels, lang)
    for row in rows:
        row["years"] = _route_years(
            {"known_years": row["years"], "assumed_years": row["assumed_years"], "years": 0},
            words,
        )
    heading = f"{words['next'].format(role=_name(source, labels, lang))}\n"
    columns = [c for c in NEXT_COLUMNS if c != "assumed_years"]
    return heading + table(rows, columns, headers=words["next_headers"]) + "\n"


GAP_COLUMNS = ("status", "skill", "importance", "weight")


def gap_rows(gap: dict, labels: dict, lang: str = "en") -> list[dict]:
    """One CSV row per skill of the target role: to gain, or carried over."""
    return [
        {
            "status": status,
            "skill": _name(item["skill"], labels, lang),
            "importance": item["importance"],
            "weight": item["weight"],
        }
        for status in ("to_gain", "carried")
        for item in gap[status]
    ]


def gap_text(gap: dict, labels: dict, lang: str = "en") -> str:
    """Render a skill gap: the coverage, then the skills to gain and those carried over."""
    words = _ROUTE_WORDS[lang]
    source, target = _name(gap["source"], labels, lang), _name(gap["target"], labels, lang)
    lines = [
        f"{source} → {target}: {words['coverage']} {gap['coverage']:.0%}",
        f"  {words['to_gain']} ({len(gap['to_gain'])}): "
        f"{_skill_list(gap['to_gain'], labels, lang, limit=50)}",
        f"  {words['carried']} ({len(gap['carried'])}): "
        f"{_skill_list(gap['carried'], labels, lang, limit=50)}",
    ]
    lines += _to_learn_lines(gap, labels, lang, indent="  ")
    return "\n".join(lines) + "\n"


SUGGEST_COLUMNS = ("rank", "role", "coverage", "missing_essential", "missing", "transition")


def suggestion_rows(ranked: list[dict], labels: dict, lang: str = "en") -> list[dict]:
    """One row per suggested role: coverage and what is missing."""
    return [
        {
            "rank": i,
            "role": _name(r["role"], labels, lang),
            "coverage": round(r["coverage"], 4),
            "missing_essential": sum(m["importance"] == "essential" for m in r["missing"]),
            "missing": "; ".join(_name(m["skill"], labels, lang) for m in r["missing"]),
            "transition": r.get("transition") or "",
        }
        for i, r in enumerate(ranked, 1)
    ]


def suggestions_text(ranked: list[dict], labels: dict, lang: str = "en") -> str:
    """Render suggestions: a ranked table, then the essential skills each role still needs."""
    words = _ROUTE_WORDS[lang]
    rows = suggestion_rows(ranked, labels, lang)
    shown = [{**r, "coverage": f"{r['coverage']:.0%}"} for r in rows]
    columns = ["rank", "role", "coverage", "missing_essential"]
    if any(r["transition"] for r in rows):
        columns.append("transition")
    lines = [table(shown, columns, headers={"missing_essential": "missing essential"}), ""]
    for r in ranked[:5]:
        essential = [m for m in r["missing"] if m["importance"] == "essential"]
        lines.append(
            f"{_name(r['role'], labels, lang)} — {words['missing']}: "
            f"{_skill_list(essential, labels, lang, limit=6)}"
        )
    return "\n".join(lines) + "\n"


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
    >>> from graphkit.examples import tiny_graph
    >>> from graphkit.project import to_transition_graph
    >>> G = to_transition_graph(tiny_graph())
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


COVERAGE_COLUMNS = ("class", "count", "measure", "share")


def coverage_rows(report: dict) -> list[dict]:
    """Flatten :func:`graphkit.stats.coverage_report` into ``class, count, measure, share`` rows.

    Examples
    --------
    >>> from graphkit.examples import tiny_graph
    >>> from graphkit.stats import coverage_report
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


def coverage_text(report: dict) -> str:
    """Render the coverage report as two tables: concepts (with alignments), then links.

    Examples
    --------
    >>> from graphkit.examples import tiny_graph
    >>> from graphkit.stats import coverage_report
    >>> coverage_text(coverage_report(tiny_graph())).splitlines()[1].split()[:5]
    ['Role', '4', '100%', '100%', '100%']
    """
    schemes = list(next(iter(report["concepts"].values()))["aligned"]) if report["concepts"] else []
    concepts = [
        {
            "class": cls,
            "count": c["count"],
            "fr+en labels": _percent(c["bilingual"]),
            "fr+en definition": _percent(c["defined"]),
            "source": _percent(c["sourced"]),
            **{s: _percent(c["aligned"][s]) for s in schemes},
        }
        for cls, c in report["concepts"].items()
    ]
    links = [
        {"link": cls, "count": c["count"], "source": _percent(c["sourced"])}
        for cls, c in report["links"].items()
    ]
    columns = ["class", "count", "fr+en labels", "fr+en definition", "source", *schemes]
    return table(concepts, columns) + "\n\n" + table(links, ["link", "count", "source"]) + "\n"
