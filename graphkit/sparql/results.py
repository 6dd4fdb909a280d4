"""SPARQL results as plain data, and their serializers (SPARQL 1.1 results formats, RDF).

A result holds terms in the shape of the SPARQL 1.1 Query Results JSON format
(``{"type": "uri", "value": …}``), whichever engine produced it, so that one set of writers
serves every format and two engines can be compared value for value.
"""

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from graphkit.graph.prefixes import PREFIX_IRIS, curie

__all__ = [
    "FORMATS",
    "GRAPH_FORMATS",
    "RESULT_FORMATS",
    "QueryResult",
    "from_oxigraph",
    "normal_term",
    "parse_results",
    "result_from_json",
    "serialize",
]

#: Formats of SELECT and ASK results, by name, with their media type.
RESULT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
#: Formats of CONSTRUCT and DESCRIBE results (graphs), by name, with their media type.
GRAPH_FORMATS = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}
#: Every format :func:`serialize` writes: ``table`` (for people) and the standard ones.
FORMATS = ("table", *RESULT_FORMATS, *GRAPH_FORMATS)

_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_INTEGERS = {_XSD + t for t in ("integer", "int", "long", "short", "nonNegativeInteger")}


@dataclass(frozen=True)
class QueryResult:
    """The result of a query as plain data, terms as in the SPARQL 1.1 JSON results format.

    A term is a dict: ``{"type": "uri", "value": iri}``, ``{"type": "bnode", "value": id}``
    or ``{"type": "literal", "value": lexical}`` with ``"xml:lang"`` or ``"datatype"``
    (omitted for ``xsd:string``).

    Attributes
    ----------
    kind : str
        ``bindings`` (SELECT), ``boolean`` (ASK) or ``graph`` (CONSTRUCT, DESCRIBE).
    variables : tuple of str
        The projected variables of a SELECT, in order.
    bindings : tuple of dict
        One dict per row, variable name to term; unbound variables are absent.
    boolean : bool or None
        The answer of an ASK.
    triples : tuple of (dict, dict, dict)
        The triples of a graph result.
    """

    kind: str
    variables: tuple[str, ...] = ()
    bindings: tuple[dict, ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[dict, dict, dict], ...] = ()

    def __len__(self) -> int:
        return len(self.triples) if self.kind == "graph" else len(self.bindings)

    def to_json(self) -> dict:
        """Return the result in the SPARQL 1.1 Query Results JSON format.

        Raises
        ------
        ValueError
            For a graph result, which that format does not hold (use JSON-LD).

        Examples
        --------
        >>> QueryResult("boolean", boolean=True).to_json()
        {'head': {}, 'boolean': True}
        """
        if self.kind == "boolean":
            return {"head": {}, "boolean": self.boolean}
        if self.kind == "graph":
            raise ValueError("a graph result has no SPARQL JSON form: serialize it as JSON-LD")
        return {
            "head": {"vars": list(self.variables)},
            "results": {"bindings": list(self.bindings)},
        }


def from_oxigraph(term) -> dict:
    """Turn a pyoxigraph term into a plain term.

    Examples
    --------
    >>> from_oxigraph(ox.Literal("chef de produit", language="fr"))
    {'type': 'literal', 'value': 'chef de produit', 'xml:lang': 'fr'}
    """
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        parts = ("subject", "predicate", "object")
        return {"type": "triple", "value": {p: from_oxigraph(getattr(term, p)) for p in parts}}
    raise TypeError(f"not an RDF term: {term!r}")


def _to_oxigraph(term: dict):
    kind, value = term["type"], term["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in term:
            return ox.Literal(value, language=term["xml:lang"])
        return ox.Literal(value, datatype=ox.NamedNode(term.get("datatype", _XSD_STRING)))
    if kind == "triple":
        return ox.Triple(*(_to_oxigraph(value[p]) for p in ("subject", "predicate", "object")))
    raise ValueError(f"unknown term type {kind!r}")


def normal_term(term: dict) -> dict:
    """Normalise a term: ``typed-literal`` becomes ``literal``, ``xsd:string`` is implied.

    Examples
    --------
    >>> normal_term({"type": "typed-literal", "value": "a",
    ...              "datatype": "http://www.w3.org/2001/XMLSchema#string"})
    {'type': 'literal', 'value': 'a'}
    """
    if term["type"] == "typed-literal":
        term = {**term, "type": "literal"}
    if term.get("datatype") in (_XSD_STRING, _LANG_STRING):
        term = {k: v for k, v in term.items() if k != "datatype"}
    return term


def result_from_json(data: Mapping) -> QueryResult:
    """Read a result in the SPARQL 1.1 JSON results format (as sent by any endpoint).

    Examples
    --------
    >>> r = result_from_json({"head": {"vars": ["x"]},
    ...     "results": {"bindings": [{"x": {"type": "literal", "value": "a",
    ...                                      "datatype": "http://www.w3.org/2001/XMLSchema#string"}}]}})
    >>> r.variables, r.bindings
    (('x',), ({'x': {'type': 'literal', 'value': 'a'}},))
    """
    if "boolean" in data:
        return QueryResult("boolean", boolean=bool(data["boolean"]))
    rows = tuple(
        {name: normal_term(term) for name, term in row.items()}
        for row in data["results"]["bindings"]
    )
    return QueryResult("bindings", tuple(data["head"].get("vars", ())), rows)


def parse_results(body: bytes, media_type: str) -> QueryResult:
    r"""Read a result sent by a SPARQL endpoint, in any results format or RDF syntax.

    Parameters
    ----------
    body : bytes
        The response body.
    media_type : str
        Its ``Content-Type`` (parameters such as ``charset`` are ignored).

    Raises
    ------
    ValueError
        If the media type is neither a SPARQL results format nor an RDF syntax, or the
        body does not parse.

    Examples
    --------
    >>> parse_results(b'?n\n"2"@en\n', "text/tab-separated-values").bindings
    ({'n': {'type': 'literal', 'value': '2', 'xml:lang': 'en'}},)
    >>> len(parse_results(b"<http://x/a> <http://x/b> <http://x/c> .", "application/n-triples"))
    1
    """
    media_type = media_type.split(";")[0].strip().lower()
    if media_type in ("application/sparql-results+json", "application/json"):
        return result_from_json(json.loads(body))
    results_format = ox.QueryResultsFormat.from_media_type(media_type)
    try:
        if results_format is not None:
            parsed = ox.parse_query_results(body, results_format)
            if isinstance(parsed, ox.QueryBoolean):
                return QueryResult("boolean", boolean=bool(parsed))
            names = tuple(v.value for v in parsed.variables)
            rows = tuple(
                {n: from_oxigraph(row[n]) for n in names if row[n] is not None} for row in parsed
            )
            return QueryResult("bindings", names, rows)
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if rdf_format is None:
            raise ValueError(f"{media_type!r} is neither a SPARQL results format nor RDF")
        triples = tuple(
            (from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object))
            for q in ox.parse(body, rdf_format)
        )
    except SyntaxError as err:
        raise ValueError(f"the {media_type} body does not parse: {err}") from err
    return QueryResult("graph", triples=triples)


# --- writers --------------------------------------------------------------------------------


def serialize(result: QueryResult, fmt: str, *, prefixes: Mapping[str, str] = PREFIX_IRIS) -> bytes:
    r"""Write a result in one of :data:`FORMATS`, as UTF-8.

    SELECT and ASK results go to the SPARQL 1.1 results formats (``json``, ``xml``,
    ``csv``, ``tsv``), graphs to ``turtle``, ``ntriples``, ``jsonld`` or ``rdfxml`` with
    graphkit's prefixes, triples sorted; ``table`` is an aligned text table with CURIEs for
    SELECT, ``true`` / ``false`` for ASK, Turtle for a graph. CSV and TSV have no standard
    form for ASK; they write the column ``_askResult``, as Apache Jena does.

    Parameters
    ----------
    result : QueryResult
        The result.
    fmt : str
        One of :data:`FORMATS`.
    prefixes : mapping, optional
        Prefixes a graph may be written with (those it uses are declared); graphkit's by
        default.

    Returns
    -------
    bytes

    Raises
    ------
    ValueError
        If `fmt` is unknown or not one for this kind of result.

    Examples
    --------
    >>> r = QueryResult("bindings", ("role", "years"), (
    ...     {"role": {"type": "uri", "value": "https://w3id.org/smp/role/writer"},
    ...      "years": {"type": "literal", "value": "2",
    ...                "datatype": "http://www.w3.org/2001/XMLSchema#integer"}},))
    >>> print(serialize(r, "table").decode(), end="")
    role         years
    role:writer      2
    >>> serialize(r, "csv")
    b'role,years\r\nhttps://w3id.org/smp/role/writer,2\r\n'
    """
    if fmt == "table":
        return _table(result).encode("utf-8")
    graph = result.kind == "graph"
    if fmt in GRAPH_FORMATS and graph:
        return _graph(result.triples, fmt, prefixes)
    if fmt in RESULT_FORMATS and not graph:
        return _RESULT_WRITERS[fmt](result).encode("utf-8")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; formats: {', '.join(FORMATS)}")
    allowed = ", ".join(GRAPH_FORMATS if graph else RESULT_FORMATS)
    raise ValueError(f"format {fmt!r} does not fit a {result.kind} result; use one of {allowed}")


def _json(result: QueryResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, separators=(",", ":"))


def _xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    out.append('<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>')
    out += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("</head>\n")
    if result.kind == "boolean":
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>\n")
    else:
        out.append("<results>\n")
        for row in result.bindings:
            out.append("<result>")
            for name in result.variables:
                if name in row:
                    out.append(f"<binding name={quoteattr(name)}>{_xml_term(row[name])}</binding>")
            out.append("</result>\n")
        out.append("</results>\n")
    out.append("</sparql>\n")
    return "".join(out)


_XML_SPACE = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def _xml_text(value: str) -> str:
    """Escape text for XML, line breaks and tabs as character references (never trimmed)."""
    return escape(value, _XML_SPACE)


def _xml_term(term: dict) -> str:
    kind, value = term["type"], term["value"]
    if kind == "uri":
        return f"<uri>{_xml_text(value)}</uri>"
    if kind == "bnode":
        return f"<bnode>{_xml_text(value)}</bnode>"
    if kind == "triple":
        parts = "".join(
            f"<{p}>{_xml_term(value[p])}</{p}>" for p in ("subject", "predicate", "object")
        )
        return f"<triple>{parts}</triple>"
    if "xml:lang" in term:
        return f"<literal xml:lang={quoteattr(term['xml:lang'])}>{_xml_text(value)}</literal>"
    if "datatype" in term:
        return f"<literal datatype={quoteattr(term['datatype'])}>{_xml_text(value)}</literal>"
    return f"<literal>{_xml_text(value)}</literal>"


def _csv(result: QueryResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if result.kind == "boolean":
        writer.writerows([["_askResult"], ["true" if result.boolean else "false"]])
        return out.getvalue()
    writer.writerow(result.variables)
    for row in result.bindings:
        writer.writerow([_csv_term(row[v]) if v in row else "" for v in result.variables])
    return out.getvalue()


def _csv_term(term: dict) -> str:
    return "_:" + term["value"] if term["type"] == "bnode" else _plain(term)


def _plain(term: dict) -> str:
    if term["type"] == "triple":
        return " ".join(_tsv_term(term["value"][p]) for p in ("subject", "predicate", "object"))
    return term["value"]


def _tsv(result: QueryResult) -> str:
    if result.kind == "boolean":
        return f"?_askResult\n{'true' if result.boolean else 'false'}\n"
    lines = ["\t".join("?" + v for v in result.variables)]
    for row in result.bindings:
        lines.append("\t".join(_tsv_term(row[v]) if v in row else "" for v in result.variables))
    return "\n".join(lines) + "\n"


_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _tsv_term(term: dict) -> str:
    r"""Write a term in SPARQL / Turtle syntax, with tabs and line breaks escaped.

    Examples
    --------
    >>> print(_tsv_term({"type": "literal", "value": 'a\tb "c"', "xml:lang": "fr"}))
    "a\tb \"c\""@fr
    """
    kind, value = term["type"], term["value"]
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    if kind == "triple":
        return f"<< {_plain(term)} >>"
    literal = '"' + value.translate(_NT_ESCAPES) + '"'
    if "xml:lang" in term:
        return f"{literal}@{term['xml:lang']}"
    if "datatype" in term:
        return f"{literal}^^<{term['datatype']}>"
    return literal


_RESULT_WRITERS = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}


def _graph(
    triples: Sequence[tuple[dict, dict, dict]], fmt: str, prefixes: Mapping[str, str] = PREFIX_IRIS
) -> bytes:
    formats = {
        "turtle": ox.RdfFormat.TURTLE,
        "ntriples": ox.RdfFormat.N_TRIPLES,
        "jsonld": ox.RdfFormat.JSON_LD,
        "rdfxml": ox.RdfFormat.RDF_XML,
    }
    ordered = sorted(triples, key=_triple_order)
    iris = {term["value"] for t in ordered for term in t if term["type"] == "uri"}
    iris |= {term["datatype"] for t in ordered for term in t if "datatype" in term}
    used = {p: ns for p, ns in prefixes.items() if any(i.startswith(ns) for i in iris)}
    converted = [ox.Triple(*(_to_oxigraph(term) for term in t)) for t in ordered]
    return ox.serialize(converted, format=formats[fmt], prefixes=used)


def _triple_order(triple: tuple[dict, dict, dict]) -> tuple:
    """Sort by subject, then ``rdf:type`` first, then predicate and object."""
    subject, predicate, obj = (_tsv_term(term) for term in triple)
    return subject, predicate != f"<{_RDF_TYPE}>", predicate, obj


def _table(result: QueryResult) -> str:
    from graphkit.views.tables import table

    if result.kind == "boolean":
        return ("true" if result.boolean else "false") + "\n"
    if result.kind == "graph":
        return _graph(result.triples, "turtle").decode("utf-8")
    rows = [{v: _table_value(row[v]) for v in row} for row in result.bindings]
    return table(rows, result.variables) + "\n"


_DECIMAL = re.compile(r"^-?\d{1,6}(\.\d{1,5})?$")


def _table_value(term: dict):
    """Make a cell for people: a CURIE, a number (right-aligned) or the lexical form."""
    if term["type"] == "uri":
        return curie(term["value"])
    if term["type"] == "bnode":
        return "_:" + term["value"]
    datatype = term.get("datatype", "")
    value = term["value"]
    if datatype in _INTEGERS and re.fullmatch(r"-?\d+", value):
        return int(value)
    if datatype in (_XSD + "decimal", _XSD + "double", _XSD + "float") and _DECIMAL.match(value):
        return int(value) if "." not in value else float(value)
    return _plain(term)
