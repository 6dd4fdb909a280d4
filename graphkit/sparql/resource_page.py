"""The HTML page of one IRI of the graph: labels, definition, links, evidence and sources.

It renders the description :func:`graphkit.sparql.resources.describe_query` gives (plain
terms, as :class:`graphkit.sparql.results.QueryResult` holds them): the resource's labels in
English and French, its definition, its properties, the qualified links about it (one table
per kind, with weight, evidence, sources and quotes) and what else points at it. Every IRI of
the graph is a link to its own page on the same server; the page loads nothing and runs no
script.
"""

import html
from collections import defaultdict
from collections.abc import Iterable

from graphkit.graph.prefixes import BASE, PREFIX_IRIS, curie
from graphkit.sparql.page import _STYLE

__all__ = ["ABOUT_PROPERTIES", "page_headers", "resource_page"]

_RDF_TYPE = PREFIX_IRIS["rdf"] + "type"
_LABELS = (PREFIX_IRIS["skos"] + "prefLabel", PREFIX_IRIS["rdfs"] + "label")
_DEFINITIONS = (PREFIX_IRIS["skos"] + "definition", PREFIX_IRIS["rdfs"] + "comment")
_SMP = PREFIX_IRIS["smp"]
#: The types of the terms the ontology's page documents, each in a section of its own.
_DOCUMENTED = {
    PREFIX_IRIS["owl"] + kind
    for kind in ("Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty")
}
#: The properties that tie a qualified link or a claim to what it is about.
ABOUT_PROPERTIES = tuple(
    _SMP + name
    for name in ("role", "skill", "platform", "tool", "credential", "fromRole", "toRole", "about")
)
#: Column order of a table of qualified links: what they link, how, then their evidence.
_COLUMNS = [
    _SMP + name
    for name in (
        "fromRole", "toRole", "role", "skill", "platform", "tool", "credential", "about",
        "importance", "transitionKind", "typicalYears", "level", "weight", "trend",
        "evidence",
    )
] + [PREFIX_IRIS["prov"] + "wasDerivedFrom", _SMP + "quote"]  # fmt: skip
_STYLE_MORE = """
header { color: #555; margin-bottom: 1em; }
h1 span[lang] { color: #555; font-weight: normal; }
.iri { color: #555; }
td.lang, span.lang { color: #888; font-size: 0.8em; }
table.links { display: block; overflow-x: auto; }
table.links td { font-size: 0.92em; }
dt { font-weight: bold; margin-top: 0.6em; }
"""


def page_headers() -> list[tuple[str, str]]:
    """Return the headers of an HTML page of the resources: HTML, no script, no outside request.

    Images are allowed from ``data:`` URLs only (the ontology page's icons).
    """
    policy = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    return [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Security-Policy", policy),
        ("Vary", "Accept"),
    ]


class _Description:
    """The triples of a description, indexed for the page."""

    def __init__(self, iri: str, triples: Iterable[tuple[dict, dict, dict]], root: str):
        self.iri, self.root = iri, root
        self.out = defaultdict(list)  # subject -> [(predicate, object)]
        self.labels = defaultdict(dict)  # node -> {lang: label}
        for s, p, o in triples:
            if p["value"] in _LABELS and o["type"] == "literal":
                lang = o.get("xml:lang", "")
                if p["value"] == _LABELS[0] or lang not in self.labels[s["value"]]:
                    self.labels[s["value"]][lang] = o["value"]
            self.out[s["value"]].append((p["value"], o))

    def name(self, iri: str, lang: str = "en") -> str:
        labels = self.labels.get(iri, {})
        return labels.get(lang) or labels.get("") or next(iter(labels.values()), curie(iri))

    def href(self, iri: str) -> str:
        if iri == BASE:
            return self.root + "/ontology"
        if iri.startswith(BASE):
            return self.root + "/" + iri[len(BASE) :]
        return iri

    def link(self, iri: str) -> str:
        title = html.escape(iri, quote=True)
        text = html.escape(self.name(iri))
        return f'<a href="{html.escape(self.href(iri), quote=True)}" title="{title}">{text}</a>'

    def value(self, term: dict) -> str:
        if term["type"] == "uri":
            return self.link(term["value"])
        text = html.escape(term["value"])
        if "xml:lang" in term:
            lang = html.escape(term["xml:lang"], quote=True)
            return f'<span lang="{lang}">{text}</span> <span class="lang">{lang}</span>'
        return text

    def order(self, term: dict) -> tuple:
        """Sort key: English first, then by the text shown."""
        shown = self.name(term["value"]) if term["type"] == "uri" else term["value"]
        return term.get("xml:lang", "") != "en", term["type"], shown.casefold(), term["value"]

    def values(self, terms: Iterable[dict]) -> str:
        return ", ".join(self.value(t) for t in sorted(terms, key=self.order))


def resource_page(iri: str, triples: Iterable[tuple[dict, dict, dict]], root: str = "") -> bytes:
    """Write the HTML page of `iri` from its description.

    Parameters
    ----------
    iri : str
        The resource.
    triples : iterable of (dict, dict, dict)
        Its description (:func:`graphkit.sparql.resources.describe_query`), plain terms.
    root : str
        The path the server is mounted at (``SCRIPT_NAME``), for links to other resources.

    Returns
    -------
    bytes
        The page, UTF-8.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.sparql.engine import Engine
    >>> from graphkit.sparql.resources import describe_query
    >>> iri = "https://w3id.org/smp/role/writer"
    >>> triples = Engine.from_dataset(tiny_graph()).query(describe_query(iri)).triples
    >>> page = resource_page(iri, triples).decode()
    >>> "<h1>web writer" in page and 'href="/skill/writing"' in page
    True
    """
    d = _Description(iri, triples, root)
    own = defaultdict(list)
    for p, o in d.out.get(iri, []):
        own[p].append(o)
    en, fr = d.name(iri, "en"), d.name(iri, "fr")
    title = html.escape(en) + (f' <span lang="fr">· {html.escape(fr)}</span>' if fr != en else "")
    types = own.pop(_RDF_TYPE, [])
    parts = [
        f'<header>graphkit · <a href="{d.root}/">SPARQL endpoint</a> · '
        f'<a href="{d.root}/ontology">ontology</a></header>',
        f"<h1>{title}</h1>",
        f'<p class="iri"><code>{html.escape(iri)}</code>'
        + (f" · {html.escape(curie(iri))}" if curie(iri) != iri else "")
        + (f" · a {d.values(types)}" if types else "")
        + "</p>",
    ]
    for p in _DEFINITIONS:
        for term in sorted(own.pop(p, []), key=d.order):
            parts.append(f"<p>{d.value(term)}</p>")
    if any(t["value"] in _DOCUMENTED for t in types):  # a class or property of the ontology
        anchor = html.escape(iri[len(BASE) :], quote=True)
        parts.append(f'<p>Documented in <a href="{d.root}/ontology#{anchor}">the ontology</a>.</p>')
    for p in _LABELS:
        own.pop(p, None)
    if own:
        rows = [
            f"<tr><th>{d.link(p)}</th><td>{d.values(terms)}</td></tr>"
            for p, terms in sorted(own.items(), key=lambda item: d.name(item[0]))
        ]
        parts += ["<h2>Properties</h2>", "<table>", *rows, "</table>"]
    links = _links(d)
    for kind in sorted(links, key=d.name):
        parts += _link_table(d, kind, links[kind])
    parts += _pointing_here(d, {s for group in links.values() for s in group})
    body = "\n".join(parts)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(en)} · graphkit</title>
<style>{_STYLE}{_STYLE_MORE}</style></head>
<body>
{body}
</body></html>
"""
    return page.encode("utf-8")


def _links(d: _Description) -> dict[str, list[str]]:
    """Group the qualified links and claims about the resource by their class."""
    groups = defaultdict(list)
    for s, pairs in d.out.items():
        if s != d.iri and any(p in ABOUT_PROPERTIES and o["value"] == d.iri for p, o in pairs):
            kinds = [o["value"] for p, o in pairs if p == _RDF_TYPE] or [""]
            groups[min(kinds)].append(s)
    return groups


def _link_table(d: _Description, kind: str, subjects: list[str]) -> list[str]:
    """Tabulate the qualified links of one kind: one row each, evidence and sources."""
    columns = set()
    for s in subjects:
        columns |= {p for p, o in d.out[s] if p != _RDF_TYPE and o.get("value") != d.iri}
    ordered = [c for c in _COLUMNS if c in columns]
    ordered += sorted(columns - set(ordered), key=d.name)
    head = "".join(f"<th>{d.link(c)}</th>" for c in ordered)
    table = []
    for s in subjects:
        cells = defaultdict(list)
        for p, o in d.out[s]:
            cells[p].append(o)
        cells = [sorted(cells.get(c, []), key=d.order) for c in ordered]
        table.append(([[d.order(t) for t in terms] for terms in cells], s, cells))
    rows = []
    for _, s, cells in sorted(table):  # by the text of the cells
        row = "".join(f"<td>{d.values(terms)}</td>" for terms in cells)
        link = f'<a href="{html.escape(d.href(s), quote=True)}">{html.escape(curie(s))}</a>'
        rows.append(f"<tr><td>{link}</td>{row}</tr>")
    heading = d.name(kind) if kind else "links"
    return [
        f"<h2>{html.escape(heading)} ({len(subjects)})</h2>",
        '<table class="links">',
        f"<tr><th></th>{head}</tr>",
        *rows,
        "</table>",
    ]


def _pointing_here(d: _Description, shown: set[str]) -> list[str]:
    """List the other triples that point at the resource, by predicate."""
    by_predicate = defaultdict(list)
    for s, pairs in d.out.items():
        if s in shown or s == d.iri:
            continue
        for p, o in pairs:
            if o.get("value") == d.iri and o["type"] == "uri":
                by_predicate[p].append({"type": "uri", "value": s})
    if not by_predicate:
        return []
    items = [
        f"<dt>{d.link(p)}</dt><dd>{d.values(subjects)}</dd>"
        for p, subjects in sorted(by_predicate.items(), key=lambda item: d.name(item[0]))
    ]
    return ["<h2>Pointing here</h2>", "<dl>", *items, "</dl>"]
