"""The views of career answers: routes (``graphkit path``), next moves (``next``), gaps (``gap``).

Doctests start from ``G`` and ``role``, the tiny graph's (set up in ``conftest.py``).
"""

from graphkit.views.tables import _name, _value_name, local_source, table
from graphkit.views.words import HEADERS, WORDS

__all__ = [
    "GAP_COLUMNS",
    "NEXT_COLUMNS",
    "ROUTE_COLUMNS",
    "gap_rows",
    "gap_text",
    "next_rows",
    "next_text",
    "route_rows",
    "routes_text",
]


def _evidence_note(item: dict, labels: dict, lang: str) -> str:
    """Cite a requirement: its seed sources when stated, else its evidence level."""
    if item["evidence"] == "stated":
        return ", ".join(map(local_source, item["sources"]))
    return _value_name(item["evidence"], labels, lang)


def _skill_list(items: list[dict], labels: dict, lang: str, *, limit: int = 8) -> str:
    words = WORDS[lang]
    shown = [
        f"{_name(i['skill'], labels, lang)} ({_value_name(i['importance'], labels, lang)} "
        f"{i['weight']:g}, {_evidence_note(i, labels, lang)})"
        for i in items[:limit]
    ]
    if len(items) > limit:
        shown.append(words["and_more"].format(n=len(items) - limit))
    return ", ".join(shown) or words["nothing"]


def _plain_list(items: list[dict], key: str, labels: dict, lang: str) -> str:
    return ", ".join(_name(i[key], labels, lang) for i in items) or WORDS[lang]["nothing"]


def _to_learn_lines(gap: dict, labels: dict, lang: str, *, indent: str) -> list[str]:
    """List the tools and platforms of a skill gap (or a step) still to learn, a line each."""
    words = WORDS[lang]
    return [
        f"{indent}{words[heading]}: {_plain_list(gap[key], item, labels, lang)}"
        for heading, key, item in (
            ("tools", "tools_to_learn", "tool"),
            ("platforms", "platforms_to_learn", "platform"),
        )
        if gap[key]
    ]


def _step_text(number: int, step: dict, labels: dict, lang: str) -> list[str]:
    words = WORDS[lang]
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
    facts[1:1] = _isco_facts(step, words)
    if step.get("level_jump"):
        jump = ("jump", step["levels"]) if step["levels"] else ("skill_jump", step["skill_levels"])
        facts.append("⚠ " + words[jump[0]].format(n=abs(jump[1])))
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


def _isco_facts(step: dict, words: dict) -> list[str]:
    """Say where a move at ESCO scale goes in ISCO-08, when that prices it.

    An inferred move shows its two unit groups (a move across distant groups costs more); any
    move that changes ILO skill level shows the two levels.
    """
    isco = step.get("isco")
    if not isco:
        return []
    facts = []
    if step["evidence"] == "inferred":
        a, b = ("/".join(groups) for groups in isco["groups"])
        facts.append(words["isco"].format(a=a, b=b))
    a, b = isco["skill_levels"]
    if a is not None and b is not None and a != b:
        facts.append(words["skill_levels"].format(a=a, b=b))
    return facts


def _route_years(route: dict, words: dict) -> str:
    """Say a route's years, the known apart from the assumed: "5 years + 2 assumed"."""
    known, assumed = route.get("known_years", route["years"]), route.get("assumed_years", 0)
    if not assumed:
        return f"{known:g} {words['years']}"
    if not known:
        return f"{assumed:g} {words['years']} ({words['assumed']})"
    return f"{known:g} {words['years']} + {assumed:g} {words['assumed']}"


def routes_text(routes: list[dict], labels: dict, lang: str = "en") -> str:
    """Render routes: per route one summary line, the roles on one line, one block per step.

    Parameters
    ----------
    routes : list of dict
        From :func:`graphkit.routes.paths.transition_paths`.
    labels : dict
        IRI → labels by language (``G.graph["labels"]`` of the transition graph).
    lang : {"en", "fr"}
        Language of labels and headings.

    Examples
    --------
    >>> from graphkit.routes.paths import transition_paths
    >>> routes = transition_paths(G, role + "writer", role + "strategist")
    >>> print(routes_text(routes, G.graph["labels"]).splitlines()[1])
    web writer → community manager → social media strategist
    """
    words = WORDS[lang]
    blocks = []
    for i, route in enumerate(routes, 1):
        moves = words["move"] if route["hops"] == 1 else words["moves"]
        evidence = ", ".join(_value_name(e, labels, lang) for e in route["evidence"])
        head = (
            f"{words['route_title'].format(i=i, n=len(routes))}"
            f" · {words['cost']} {route['cost']:.2f}"
            f" · {_route_years(route, words)} · {route['hops']} {moves}"
            f" · {words['evidence_level']}: {evidence}"
        )
        lines = [head, " → ".join(_name(r, labels, lang) for r in route["roles"])]
        for number, step in enumerate(route["steps"], 1):
            lines += ["", *_step_text(number, step, labels, lang)]
        if route["hops"] > 1 and route.get("to_gain"):
            lines += ["", f"  {words['total']}: {_skill_list(route['to_gain'], labels, lang)}"]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


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
    "level",
    "cost",
    "net_cost",
    "years",
    "assumed_years",
    "moves",
    "via",
    "to_gain",
    "evidence",
)


def next_rows(routes: list[dict], labels: dict, lang: str = "en") -> list[dict]:
    """One row per reachable role of :func:`graphkit.routes.paths.next_moves`, best first.

    Examples
    --------
    >>> from graphkit.routes.paths import next_moves
    >>> rows = next_rows(next_moves(G, "https://w3id.org/smp/role/writer"), G.graph["labels"])
    >>> rows[0]["role"], rows[0]["level"], rows[0]["years"], rows[0]["to_gain"]
    ('community manager', 'confirmed (+1)', 2.0, 1)
    """
    return [
        {
            "rank": i,
            "role": _name(route["roles"][-1], labels, lang),
            "level": _level(route, labels, lang),
            "cost": round(route["cost"], 2),
            "net_cost": round(route["net_cost"], 2),
            "years": route["known_years"],
            "assumed_years": route["assumed_years"],
            "moves": route["hops"],
            "via": " → ".join(_name(r, labels, lang) for r in route["roles"][1:-1]),
            "to_gain": len(route["to_gain"]),
            "evidence": ", ".join(_value_name(e, labels, lang) for e in route["evidence"]),
        }
        for i, route in enumerate(routes, 1)
    ]


def _level(route: dict, labels: dict, lang: str) -> str:
    """Say the seniority a route reaches and the levels it climbs: "senior (+2)"."""
    reached = _value_name(route["steps"][-1]["seniority"][1], labels, lang)
    climb = f"({route['levels']:+d})" if route["levels"] else ""
    return " ".join(filter(None, (reached, climb)))


def next_text(source: str, routes: list[dict], labels: dict, lang: str = "en") -> str:
    """Render :func:`graphkit.routes.paths.next_moves` as a table under a one-line heading."""
    words = WORDS[lang]
    rows = next_rows(routes, labels, lang)
    for row in rows:
        row["years"] = _route_years(
            {"known_years": row["years"], "assumed_years": row["assumed_years"], "years": 0},
            words,
        )
    heading = f"{words['next_title'].format(role=_name(source, labels, lang))}\n"
    columns = [c for c in NEXT_COLUMNS if c != "assumed_years"]
    return heading + table(rows, columns, headers=HEADERS[lang]) + "\n"


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
    words = WORDS[lang]
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
