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
    return rows


def stats_text(stats: dict) -> str:
    """Render graph statistics as three small tables a person reads at a glance.

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
        table(evidence, ["link", "stated", "curated", "inferred"]),
        table(sources, ["source type", "count"]),
        f"{stats['triples']} triples in {len(stats.get('graphs', {})) or 1} graphs",
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
    return ", ".join(curie(s["iri"]).removeprefix("source:") for s in sources)


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
