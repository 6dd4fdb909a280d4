"""The view of role suggestions (``graphkit suggest``): what each term matched, then the roles.

Doctests start from ``G``, the tiny graph's transition graph (set up in ``conftest.py``).
"""

from graphkit.views.routes import _skill_list
from graphkit.views.tables import _name, _value_name, table
from graphkit.views.words import HEADERS, WORDS, kind_name

__all__ = ["SUGGEST_COLUMNS", "no_fit_text", "suggestion_rows", "suggestions_text", "terms_text"]

SUGGEST_COLUMNS = ("rank", "role", "coverage", "missing_essential", "missing", "transition")


def terms_text(terms: list[dict], labels: dict, lang: str = "en") -> str:
    """Say what each term matched and as what: ``Canva: tool · montage vidéo: skill …``.

    The concept's label follows its kind when it is not what was typed.

    Examples
    --------
    >>> terms = [{"term": "Canva", "iri": "https://w3id.org/smp/tool/canva", "kind": "tool"},
    ...          {"term": "montage video", "iri": "https://w3id.org/smp/skill/editing",
    ...           "kind": "skill"}]
    >>> terms_text(terms, G.graph["labels"])
    'Canva: tool · montage video: skill editing'
    >>> terms_text(terms, G.graph["labels"], "fr")
    'Canva: outil · montage video: compétence montage'
    """
    parts = []
    for term in terms:
        label = _name(term["iri"], labels, lang)
        named = f" {label}" if label.strip() != term["term"].strip() else ""
        parts.append(f"{term['term']}: {kind_name(term['kind'], lang)}{named}")
    return " · ".join(parts)


def suggestion_rows(ranked: list[dict], labels: dict, lang: str = "en") -> list[dict]:
    """One row per suggested role: coverage and what is missing (codes stay codes)."""
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


def _percent(share: float) -> str:
    """Write a share as a percentage, never rounding a held part down to 0 %."""
    return "<1%" if 0 < share < 0.005 else f"{share:.0%}"


def _held(row: dict, labels: dict, lang: str) -> str:
    """List what the person holds of a role: skills, tools, platforms (and through what)."""
    names = []
    for key, item in (("matched", "skill"), ("tools", "tool"), ("platforms", "platform")):
        for held in row[key]:
            notes = [] if item == "skill" else [kind_name(item, lang)]
            notes += [_name(t, labels, lang) for t in held.get("through", [])]
            name = _name(held[item], labels, lang)
            names.append(f"{name} ({', '.join(notes)})" if notes else name)
    return ", ".join(names) or WORDS[lang]["nothing"]


def suggestions_text(result: dict, labels: dict, lang: str = "en") -> str:
    """Render suggestions: what the terms matched, a ranked table, then each top role's fit.

    Parameters
    ----------
    result : dict
        From :func:`graphkit.routes.suggestions.suggest_roles`.
    labels : dict
        IRI → labels by language (``G.graph["labels"]``).
    lang : {"en", "fr"}
        Language of labels and headings.

    Examples
    --------
    >>> from graphkit.graph.concepts import name_entries
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.graph.names import NameIndex
    >>> from graphkit.routes.suggestions import suggest_roles
    >>> found = suggest_roles(G, NameIndex(name_entries(tiny_graph())), "Canva, modération")
    >>> print(suggestions_text(found, G.graph["labels"]))  # doctest: +NORMALIZE_WHITESPACE
    Canva: tool · modération: skill moderation
    rank  role               coverage  missing essential
       1  community manager  50%                       1
       2  video editor       24%                       0
       3  web writer         16%                       1
    <BLANKLINE>
    community manager — has: moderation, Canva (tool), TikTok (platform, Canva) — missing: \
writing (essential 0.8, tiny)
    video editor — has: editing (Canva) — missing: nothing
    web writer — has: moderation, editing (Canva) — missing: writing (essential 0.9, tiny)
    <BLANKLINE>
    """
    words = WORDS[lang]
    ranked = result["suggestions"]
    rows = suggestion_rows(ranked, labels, lang)
    shown = [
        {
            **r,
            "coverage": _percent(r["coverage"]),
            "transition": _value_name(r["transition"], labels, lang),
        }
        for r in rows
    ]
    columns = ["rank", "role", "coverage", "missing_essential"]
    if any(r["transition"] for r in rows):
        columns.append("transition")
    lines = [table(shown, columns, headers=HEADERS[lang]), ""]
    if result.get("terms"):
        lines.insert(0, terms_text(result["terms"], labels, lang))
    for r in ranked[:5]:
        essential = [m for m in r["missing"] if m["importance"] == "essential"]
        lines.append(
            f"{_name(r['role'], labels, lang)} — {words['has']}: {_held(r, labels, lang)}"
            f" — {words['missing']}: {_skill_list(essential, labels, lang, limit=6)}"
        )
    return "\n".join(lines) + "\n"


def no_fit_text(result: dict, labels: dict, lang: str = "en") -> str:
    """Say that no role calls for anything the person named (or their role calls for).

    Examples
    --------
    >>> no_fit_text({"terms": [{"term": "Usenet"}], "role": None}, {}, "fr")
    "aucun métier ne demande l'un de ces éléments : Usenet"
    """
    terms = [t["term"] for t in result["terms"]]
    if result["role"]:
        terms.append(_name(result["role"], labels, lang))
    return WORDS[lang]["no_fit"].format(terms=", ".join(terms))
