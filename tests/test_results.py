"""Result writers: each standard format reads back, with pyoxigraph's and rdflib's parsers."""

import csv
import io
import json

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.query import Result

from graphkit.sparql.results import QueryResult, parse_results, result_from_json, serialize

XSD = "http://www.w3.org/2001/XMLSchema#"
ROWS = QueryResult(
    "bindings",
    ("role", "label", "years", "note"),
    (
        {
            "role": {"type": "uri", "value": "https://w3id.org/smp/role/writer"},
            "label": {"type": "literal", "value": 'rédacteur\t"web"\n', "xml:lang": "fr"},
            "years": {"type": "literal", "value": "2", "datatype": XSD + "integer"},
        },
        {"note": {"type": "bnode", "value": "b0"}, "years": {"type": "literal", "value": "a, b"}},
    ),
)
GRAPH = QueryResult(
    "graph",
    triples=(
        (
            {"type": "uri", "value": "https://w3id.org/smp/role/writer"},
            {"type": "uri", "value": "http://www.w3.org/2004/02/skos/core#prefLabel"},
            {"type": "literal", "value": "web writer", "xml:lang": "en"},
        ),
        (
            {"type": "uri", "value": "https://w3id.org/smp/role/writer"},
            {"type": "uri", "value": "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"},
            {"type": "uri", "value": "https://w3id.org/smp/Role"},
        ),
    ),
)
MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "tsv": "text/tab-separated-values",
}


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_results_read_back_with_pyoxigraph(fmt):
    back = parse_results(serialize(ROWS, fmt), MEDIA[fmt])
    assert back.variables == ROWS.variables
    assert back.bindings[0] == ROWS.bindings[0]
    assert back.bindings[1]["years"] == ROWS.bindings[1]["years"]
    assert back.bindings[1]["note"]["type"] == "bnode"


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_results_read_back_with_rdflib(fmt):
    result = Result.parse(io.BytesIO(serialize(ROWS, fmt)), format=fmt)
    rows = list(result)
    assert [str(v) for v in result.vars] == list(ROWS.variables)
    assert str(rows[0][0]) == "https://w3id.org/smp/role/writer"
    assert str(rows[0][1]) == 'rédacteur\t"web"\n'
    assert str(rows[1][2]) == "a, b"


def test_csv_follows_the_sparql_csv_format():
    text = serialize(ROWS, "csv").decode()
    assert text.startswith("role,label,years,note\r\n")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[2] == ["", "", "a, b", "_:b0"]


@pytest.mark.parametrize("kind", [True, False])
def test_ask_in_every_results_format(kind):
    ask = QueryResult("boolean", boolean=kind)
    word = "true" if kind else "false"
    assert json.loads(serialize(ask, "json")) == {"head": {}, "boolean": kind}
    assert f"<boolean>{word}</boolean>" in serialize(ask, "xml").decode()
    assert serialize(ask, "csv").decode() == f"_askResult\r\n{word}\r\n"
    assert serialize(ask, "tsv").decode() == f"?_askResult\n{word}\n"
    assert serialize(ask, "table").decode() == word + "\n"
    assert parse_results(serialize(ask, "xml"), MEDIA["xml"]).boolean is kind


@pytest.mark.parametrize(
    ("fmt", "rdflib_format"),
    [("turtle", "turtle"), ("ntriples", "nt"), ("jsonld", "json-ld"), ("rdfxml", "xml")],
)
def test_graphs_read_back(fmt, rdflib_format):
    body = serialize(GRAPH, fmt)
    assert len(Graph().parse(data=body, format=rdflib_format)) == 2
    media = {
        "turtle": "text/turtle",
        "ntriples": "application/n-triples",
        "jsonld": "application/ld+json",
        "rdfxml": "application/rdf+xml",
    }
    back = parse_results(body, media[fmt])
    assert sorted(map(repr, back.triples)) == sorted(map(repr, GRAPH.triples))


def test_turtle_uses_the_prefixes_it_needs_and_puts_the_type_first():
    text = serialize(GRAPH, "turtle").decode()
    assert "@prefix role: <https://w3id.org/smp/role/> ." in text
    assert "@prefix tool:" not in text
    assert text.index(" a smp:Role") < text.index("skos:prefLabel")


def test_a_format_that_does_not_fit_is_refused():
    with pytest.raises(ValueError, match="use one of turtle"):
        serialize(GRAPH, "csv")
    with pytest.raises(ValueError, match="use one of json"):
        serialize(ROWS, "turtle")
    with pytest.raises(ValueError, match="unknown format 'yaml'"):
        serialize(ROWS, "yaml")
    with pytest.raises(ValueError, match="JSON-LD"):
        GRAPH.to_json()


def test_result_from_json_reads_old_typed_literals():
    data = {
        "head": {"vars": ["n"]},
        "results": {
            "bindings": [
                {"n": {"type": "typed-literal", "value": "1", "datatype": XSD + "integer"}}
            ]
        },
    }
    assert result_from_json(data).bindings[0]["n"] == {
        "type": "literal",
        "value": "1",
        "datatype": XSD + "integer",
    }


def test_unknown_media_type_is_refused():
    with pytest.raises(ValueError, match="neither a SPARQL results format nor RDF"):
        parse_results(b"<html/>", "text/html")
    with pytest.raises(ValueError, match="does not parse"):
        parse_results(b"<a> <b>", "application/n-triples")
    assert isinstance(ox.RdfFormat.TURTLE, ox.RdfFormat)
