"""Which roles fit what someone knows: skills, tools and platforms, weighed against each role.

People say what they know in their own words: a skill ("montage vidéo"), a tool ("Canva") or
a platform ("TikTok"). :func:`suggest_roles` resolves each term and says what it matched;
:func:`suggest` ranks the roles. A tool counts as itself against the roles' tool uses, and
in part as the skills it serves and the platforms it integrates with (the ``smp:ToolSkill``
and ``smp:ToolPlatform`` links): someone who designs in Canva has practised some graphic
design, and published on the networks Canva publishes to.

Doctests start from ``G`` and ``role``, the tiny graph's (set up in ``conftest.py``).
"""

from collections.abc import Iterable

import networkx as nx

from graphkit.errors import InvalidArgument, TermNotFound
from graphkit.routes.analysis import _requirements
from graphkit.routes.scoring import IMPORTANCE

__all__ = [
    "HELD_KINDS",
    "TOOL_CREDIT",
    "USE_IMPORTANCE",
    "closest_roles",
    "held_profile",
    "suggest",
    "suggest_roles",
]

#: The kinds of things someone can say they know.
HELD_KINDS = ("skill", "tool", "platform")

#: The share of a link's weight that knowing a tool gives in the skill it serves (or the
#: platform it integrates with): knowing Canva, whose link to graphic design weighs 0.6,
#: counts as holding graphic design at 0.3.
TOOL_CREDIT = 0.5

#: How much a role's use of a tool or platform counts, times its weight, against a
#: requirement's ``weight × importance``: as much as an optional skill.
USE_IMPORTANCE = 0.5

_DIMENSIONS = ("skills", "tools", "platforms")


def held_profile(
    G: nx.DiGraph,
    skills: Iterable[str] = (),
    tools: Iterable[str] = (),
    platforms: Iterable[str] = (),
    *,
    current_role: str | None = None,
) -> dict:
    """Say how strongly someone holds each skill, tool and platform, and through what.

    Parameters
    ----------
    G : networkx.DiGraph
        A transition graph; ``G.graph["tools"]`` gives what each tool is for.
    skills, tools, platforms : iterable of str
        What the person names (IRIs): each is held at 1.
    current_role : str, optional
        A role they hold: its skills, tools and platforms are held at 1.

    Returns
    -------
    dict
        ``{"skills", "tools", "platforms"}``, each IRI → ``{"held": 0..1, "through": [tool
        IRIs]}``. A named tool's served skills and integrated platforms are held at
        :data:`TOOL_CREDIT` × the link's weight (the strongest tool wins; anything named or
        held through the role counts fully); ``through`` names the tools it comes from.

    Examples
    --------
    >>> canva = "https://w3id.org/smp/tool/canva"
    >>> held = held_profile(G, tools=[canva])
    >>> held["skills"]  # Canva serves editing (0.6): 0.5 x 0.6
    {'https://w3id.org/smp/skill/editing': {'held': 0.3, 'through': ['https://w3id.org/smp/tool/canva']}}
    >>> held_profile(G, ["https://w3id.org/smp/skill/editing"], [canva])["skills"]
    {'https://w3id.org/smp/skill/editing': {'held': 1.0, 'through': []}}
    """
    held: dict[str, dict] = {key: {} for key in _DIMENSIONS}
    links = G.graph.get("tools", {"skills": {}, "platforms": {}})
    for tool in tools:
        for key in ("skills", "platforms"):
            for other, weight in links[key].get(tool, {}).items():
                entry = held[key].setdefault(other, {"held": 0.0, "through": []})
                entry["held"] = max(entry["held"], round(TOOL_CREDIT * weight, 6))
                entry["through"].append(tool)
    named = {"skills": list(skills), "tools": list(tools), "platforms": list(platforms)}
    if current_role is not None:
        for key in _DIMENSIONS:
            named[key] += G.nodes[current_role][key]
    for key, items in named.items():
        for item in items:
            held[key][item] = {"held": 1.0, "through": []}
    return {key: dict(sorted(items.items())) for key, items in held.items()}


def _needs(data: dict) -> dict[str, dict[str, float]]:
    """Value each skill, tool and platform a role calls for (what it counts in the fit)."""
    return {
        "skills": {s: r["weight"] * IMPORTANCE[r["importance"]] for s, r in data["skills"].items()},
        "tools": {t: w * USE_IMPORTANCE for t, w in data["tools"].items()},
        "platforms": {p: w * USE_IMPORTANCE for p, w in data["platforms"].items()},
    }


def suggest(
    G: nx.DiGraph,
    skills: Iterable[str] = (),
    *,
    tools: Iterable[str] = (),
    platforms: Iterable[str] = (),
    current_role: str | None = None,
    limit: int | None = None,
) -> list[dict]:
    """Rank roles by how much of what they call for someone holds.

    A role calls for skills (each counting ``weight × importance``: essential 1, optional
    0.5), tools and platforms (each ``weight ×`` :data:`USE_IMPORTANCE`). Its fit is the
    share of that total the person holds, each item counting as much as it is held
    (:func:`held_profile`: 1 when named, a part when it comes through a tool). Only what the
    person speaks of is weighed: skills always, tools when they name one, platforms when they
    name one or a tool that integrates with one. So a list of skills alone is weighed on skills
    alone, as a coverage of the role's requirements.

    Parameters
    ----------
    G : networkx.DiGraph
        A transition graph.
    skills, tools, platforms : iterable of str
        The skill, tool and platform IRIs someone names.
    current_role : str, optional
        A role they hold: what it calls for counts as theirs, it is left out of the ranking,
        and each suggestion says whether a transition leads there from it.
    limit : int, optional
        Return at most this many roles.

    Returns
    -------
    list of dict
        Roles with a fit above zero, best first (then fewest missing essential skills, then
        IRI); deprecated roles are left out. Each is ``{"role", "coverage"}`` (the fit),
        ``parts`` (the fit on each weighed dimension: ``skills``, ``tools``, ``platforms``;
        None where the role calls for nothing of it), ``matched`` (requirements held, each with
        ``held`` and ``through``), ``missing`` (requirements not held at all), ``tools`` and
        ``platforms`` (the role's uses held, when that dimension is weighed, each ``{"tool" or
        "platform", "weight", "held", "through"}``), plus ``transition`` (the evidence of the
        move from `current_role`, or None) when `current_role` is given.

    Raises
    ------
    TermNotFound
        If `current_role` is not in `G`.
    InvalidArgument
        If there is nothing to weigh: no skill, tool, platform or current role.

    Examples
    --------
    >>> skill = "https://w3id.org/smp/skill/"
    >>> ranked = suggest(G, [skill + "writing", skill + "moderation"])
    >>> [(r["role"].rsplit("/", 1)[1], round(r["coverage"], 3)) for r in ranked]
    [('writer', 0.913), ('community-manager', 0.895), ('strategist', 0.122), ('editor', 0.12)]
    >>> [m["skill"].rsplit("/", 1)[1] for m in ranked[1]["missing"]]
    ['analytics']

    Canva alone: it serves editing (held 0.5 x 0.6 = 0.3), which the video editor requires
    (essential 1.0, of 1.25 in all): 0.3 / 1.25. The community manager requires none of it,
    but uses Canva (0.5 x 0.5 = 0.25) and works on TikTok (0.7 x 0.5 = 0.35), with which
    Canva integrates (held 0.5 x 0.6 = 0.3); its skills weigh 1.9: (0.25 + 0.3 x 0.35) / 2.5.

    >>> ranked = suggest(G, tools=["https://w3id.org/smp/tool/canva"])
    >>> [(r["role"].rsplit("/", 1)[1], round(r["coverage"], 4)) for r in ranked]
    [('editor', 0.24), ('community-manager', 0.142), ('writer', 0.0261)]
    >>> {k: round(v, 4) for k, v in ranked[1]["parts"].items()}
    {'skills': 0.0, 'tools': 1.0, 'platforms': 0.3}
    """
    if current_role is not None and current_role not in G:
        raise TermNotFound(current_role)
    tools, platforms = list(tools), list(platforms)
    held = held_profile(G, skills, tools, platforms, current_role=current_role)
    integrated = G.graph.get("tools", {}).get("platforms", {})
    spoken = {
        "skills": bool(held["skills"]),
        "tools": bool(tools),
        "platforms": bool(platforms) or any(integrated.get(t) for t in tools),
    }
    weighed = [key for key in _DIMENSIONS if spoken[key]]
    if not weighed:
        raise InvalidArgument(
            "give at least one skill, tool or platform, or a current role", "nothing_held"
        )
    ranked = []
    for role, data in G.nodes(data=True):
        if role == current_role or data["deprecated"]:
            continue
        needs = _needs(data)
        totals = {key: sum(needs[key].values()) for key in weighed}
        covered = {
            key: sum(v * held[key].get(x, {"held": 0.0})["held"] for x, v in needs[key].items())
            for key in weighed
        }
        total = sum(totals.values())
        fit = sum(covered.values()) / total if total else 0.0
        if fit <= 0:
            continue
        row = {
            "role": role,
            "coverage": fit,
            "parts": {k: covered[k] / totals[k] if totals[k] else None for k in weighed},
            "matched": [
                m | held["skills"][m["skill"]]
                for m in _requirements(
                    data["skills"], data["skills"].keys() & held["skills"].keys()
                )
            ],
            "missing": _requirements(data["skills"], data["skills"].keys() - held["skills"].keys()),
        }
        for key, item in (("tools", "tool"), ("platforms", "platform")):
            row[key] = sorted(
                (
                    {item: x, "weight": w, **held[key][x]}
                    for x, w in data[key].items()
                    if x in held[key] and key in weighed
                ),
                key=lambda r: (-r["held"] * r["weight"], r[item]),
            )
        if current_role is not None:
            edge = G.get_edge_data(current_role, role)
            row["transition"] = edge["evidence"] if edge else None
        ranked.append(row)
    ranked.sort(
        key=lambda r: (
            -r["coverage"],
            sum(m["importance"] == "essential" for m in r["missing"]),
            r["role"],
        )
    )
    return ranked[:limit] if limit is not None else ranked


def suggest_roles(
    G: nx.DiGraph,
    names,
    terms: str | Iterable[str],
    *,
    current_role: str | None = None,
    limit: int | None = None,
) -> dict:
    """Resolve what someone says they know, then rank the roles that fit (:func:`suggest`).

    Parameters
    ----------
    G : networkx.DiGraph
        A transition graph.
    names : graphkit.graph.names.NameIndex
        The names of its concepts.
    terms : str or iterable of str
        Skills, tools and platforms in French or English (a string is split on commas).
    current_role : str, optional
        The name of a role they hold.
    limit : int, optional
        Return at most this many roles.

    Returns
    -------
    dict
        ``terms`` (what each term matched: ``{"term", "iri", "kind"}``, and for a tool the
        skills it ``serves`` and the platforms it ``integrates_with``), ``skills``,
        ``tools`` and ``platforms`` (the IRIs, once each), ``role`` (the current role's IRI
        or None) and ``suggestions`` (:func:`suggest`).

    Raises
    ------
    WrongKind
        If a term names a role (or a record) rather than a skill, tool or platform, or the
        current role names no role.
    TermNotFound, AmbiguousName
        As :meth:`graphkit.graph.names.NameIndex.resolve`.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.graph.concepts import name_entries
    >>> from graphkit.graph.names import NameIndex
    >>> names = NameIndex(name_entries(tiny_graph()))
    >>> found = suggest_roles(G, names, "Canva, montage, tiktok")
    >>> [(t["term"], t["kind"], t["iri"].rsplit("/", 1)[1]) for t in found["terms"]]
    [('Canva', 'tool', 'canva'), ('montage', 'skill', 'editing'), ('tiktok', 'platform', 'tiktok')]
    >>> found["suggestions"][0]["role"].rsplit("/", 1)[1]
    'editor'
    """
    if isinstance(terms, str):
        terms = terms.split(",")
    found, seen = [], set()
    for term in (t.strip() for t in terms):
        if not term:
            continue
        iri = names.resolve(term, kind=HELD_KINDS)
        entry = {"term": term, "iri": iri, "kind": names.kind(iri)}
        if entry["kind"] == "tool":
            tools = G.graph.get("tools", {})
            entry["serves"] = sorted(tools.get("skills", {}).get(iri, {}))
            entry["integrates_with"] = sorted(tools.get("platforms", {}).get(iri, {}))
        found.append(entry)
        seen.add(iri)
    role = names.resolve(current_role, kind="role") if current_role else None
    held = {
        kind: list(dict.fromkeys(t["iri"] for t in found if t["kind"] == kind))
        for kind in HELD_KINDS
    }
    ranked = suggest(
        G,
        held["skill"],
        tools=held["tool"],
        platforms=held["platform"],
        current_role=role,
        limit=limit,
    )
    return {
        "terms": found,
        "skills": held["skill"],
        "tools": held["tool"],
        "platforms": held["platform"],
        "role": role,
        "suggestions": ranked,
    }


def closest_roles(G: nx.DiGraph, *, n: int = 3) -> dict[str, list[str]]:
    """For each skill, tool and platform, the `n` roles that call for it most.

    A role calls for a skill by ``weight × importance`` and for a tool or platform by its
    weight; deprecated roles are left out. Named when a skill, tool or platform is given
    where a role is asked (:class:`graphkit.errors.WrongKind`).

    Examples
    --------
    >>> closest = closest_roles(G, n=2)
    >>> [r.rsplit("/", 1)[1] for r in closest["https://w3id.org/smp/skill/writing"]]
    ['writer', 'community-manager']
    >>> [r.rsplit("/", 1)[1] for r in closest["https://w3id.org/smp/tool/canva"]]
    ['community-manager']
    """
    scores: dict[str, list[tuple[float, str]]] = {}
    for role, data in G.nodes(data=True):
        if data["deprecated"]:
            continue
        for values in _needs(data).values():
            for item, value in values.items():
                scores.setdefault(item, []).append((-value, data["label"].casefold(), role))
    return {item: [r for *_, r in sorted(ranked)[:n]] for item, ranked in sorted(scores.items())}
