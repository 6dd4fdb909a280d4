"""The Oxigraph engine: union default graph, dataset clauses, prefixes, refusals, errors, limits.

Answers are checked on the tiny graph (graphkit.graph.examples), small enough to count by hand:
four roles, four transitions, 25 derived shortcut triples.
"""

import time

import pytest

from graphkit.errors import (
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    QueryTooDeep,
    ResultTooLarge,
    ServiceRefused,
    UpdateRefused,
)
from graphkit.graph.prefixes import PREFIX_IRIS
from graphkit.sparql.checks import (
    MAX_DEPTH,
    check_query,
    inspect_query,
    nesting_depth,
    precheck_query,
)
from graphkit.sparql.engine import Engine, rdflib_query

TINY = "https://w3id.org/smp/graph/tiny"
DERIVED = "https://w3id.org/smp/graph/derived"
ROLE = PREFIX_IRIS["role"]
#: A query no engine finishes: a four-way cross product of the tiny graph (~4.10^9 rows).
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def engine():
    from graphkit.graph.examples import tiny_graph

    return Engine.from_dataset(tiny_graph())


def values(result, name):
    return [row[name]["value"] for row in result.bindings if name in row]


# --------------------------------------------------------------------------- the dataset


def test_engine_holds_every_quad_of_the_dataset(engine, tiny):
    assert len(engine) == len(list(tiny.quads()))
    assert engine.graphs() == {DERIVED: 31, TINY: len(tiny.graph(tiny.graph(TINY).identifier))}


def test_default_graph_is_the_union_of_the_named_graphs(engine):
    # smp:leadsTo lives in the derived graph, skos:prefLabel in the tiny one
    result = engine.query(
        "SELECT ?label WHERE { role:writer smp:leadsTo ?to . ?to skos:prefLabel ?label . "
        "FILTER(lang(?label) = 'en') } ORDER BY ?label"
    )
    assert values(result, "label") == ["community manager", "social media strategist"]


def test_graph_ranges_over_the_named_graphs(engine):
    result = engine.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    assert values(result, "g") == [DERIVED, TINY]


def test_from_selects_one_graph_of_the_dataset(engine):
    query = "SELECT (COUNT(*) AS ?n) FROM <{}> WHERE {{ ?s smp:leadsTo ?o }}"
    assert values(engine.query(query.format(DERIVED)), "n") == ["4"]
    assert values(engine.query(query.format(TINY)), "n") == ["0"]


def test_from_named_lists_only_the_named_graphs(engine):
    result = engine.query(
        f"SELECT DISTINCT ?g FROM NAMED <{TINY}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    )
    assert values(result, "g") == [TINY]


@pytest.mark.parametrize(
    "iri", ["file:///etc/passwd", "http://example.org/x", "https://w3id.org/smp/graph/nope"]
)
def test_from_an_iri_outside_the_dataset_is_an_empty_graph(engine, iri):
    result = engine.query(f"SELECT * FROM <{iri}> WHERE {{ ?s ?p ?o }}")
    assert result.bindings == ()


def test_protocol_graphs_take_precedence_over_from(engine):
    result = engine.query(
        f"SELECT (COUNT(*) AS ?n) FROM <{TINY}> WHERE {{ ?s smp:leadsTo ?o }}",
        default_graphs=[DERIVED],
    )
    assert values(result, "n") == ["4"]
    result = engine.query(
        "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1", default_graphs=[TINY]
    )
    assert result.bindings == ()  # no named-graph-uri: no named graph


def test_prefixes_are_pre_bound_and_can_be_redeclared(engine):
    assert engine.query("ASK { role:writer a smp:Role }").boolean is True
    redeclared = "PREFIX role: <http://example.org/> ASK { role:writer a smp:Role }"
    assert engine.query(redeclared).boolean is False


# --------------------------------------------------------------------------- result kinds


def test_select_keeps_variable_order_and_leaves_unbound_out(engine):
    result = engine.query(
        "SELECT ?to ?years WHERE { VALUES ?to { role:strategist role:nobody } "
        "OPTIONAL { ?t smp:toRole ?to ; smp:fromRole role:writer ; smp:typicalYears ?years } } "
        "ORDER BY ?to"
    )
    assert result.variables == ("to", "years")
    assert result.bindings == (
        {"to": {"type": "uri", "value": ROLE + "nobody"}},
        {
            "to": {"type": "uri", "value": ROLE + "strategist"},
            "years": {
                "type": "literal",
                "value": "6",
                "datatype": "http://www.w3.org/2001/XMLSchema#integer",
            },
        },
    )


def test_construct_gives_triples(engine):
    result = engine.query("CONSTRUCT { ?a smp:leadsTo ?b } WHERE { ?a smp:leadsTo ?b }")
    assert result.kind == "graph" and len(result) == 4
    assert {t[0]["value"] for t in result.triples} == {
        ROLE + "writer",
        ROLE + "editor",
        ROLE + "community-manager",
    }


def test_describe_gives_the_triples_of_a_resource(engine):
    result = engine.query("DESCRIBE role:editor")
    assert result.kind == "graph"
    assert {t[0]["value"] for t in result.triples} == {ROLE + "editor"}


def test_language_tags_and_datatypes_are_kept(engine):
    result = engine.query("SELECT ?l WHERE { role:writer skos:altLabel ?l }")
    assert result.bindings == (
        {"l": {"type": "literal", "value": "rédactrice web", "xml:lang": "fr"}},
    )


# --------------------------------------------------------------------------- errors and refusals


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("SELECT * WHERE { ?s ?p }", 1, 25),
        ("SELECT *\nWHERE {\n  ?s ?p .\n}", 4, 1),
        ("SELECT ?x WHERE {\n  ?x nope:p ?y }", 2, 6),
    ],
)
def test_syntax_error_gives_the_parser_message_and_position(engine, text, line, column):
    with pytest.raises(QuerySyntaxError) as info:
        engine.query(text)
    error = info.value
    assert error.exit_code == 2
    assert error.reason
    assert (error.line, error.column) == (line, column)
    assert str(error).startswith(f"SPARQL syntax error at line {line}, column {column}: ")


def test_an_undeclared_prefix_is_named(engine):
    with pytest.raises(QuerySyntaxError, match="unknown prefix 'nope:'; declare it with PREFIX"):
        engine.query("PREFIX ok: <http://x/> SELECT * WHERE { ?s ok:p ?o ; nope:q ?r }")


@pytest.mark.parametrize(
    "text",
    [
        "INSERT DATA { role:a a smp:Role }",
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://example.org/>\n# load it\nLOAD <file:///etc/passwd>",
        "load <http://example.org/data.ttl> INTO GRAPH <http://example.org/g>",
        "CLEAR ALL",
        "DROP GRAPH <https://w3id.org/smp/graph/tiny>",
        "WITH <http://example.org/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "BASE <http://example.org/> CREATE GRAPH <g>",
    ],
)
def test_updates_are_refused_before_anything_runs(engine, text):
    before = len(engine)
    with pytest.raises(UpdateRefused, match="read-only"):
        engine.query(text)
    assert len(engine) == before


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o OPTIONAL { SeRvIcE ?endpoint { ?s ?q ?r } } }",
        "ASK { { SELECT ?s WHERE { SERVICE <http://x/> { ?s ?p ?o } } } }",
        "SELECT * WHERE { \\u0053ERVICE <http://x/> { ?s ?p ?o } }",
    ],
)
def test_service_is_refused(engine, text):
    with pytest.raises(ServiceRefused, match="never calls another endpoint"):
        engine.query(text)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?service WHERE { ?service a smp:Role }",
        "SELECT * WHERE { ?s skos:prefLabel 'customer service' }",
        "SELECT * WHERE { ?s ?p <http://example.org/SERVICE> }",
        "SELECT * WHERE { ?s ?p ?o } # SERVICE in a comment",
        "PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:p ?o }",
        'SELECT * WHERE { ?s ?p """long\nSERVICE string""" }',
    ],
)
def test_the_word_service_elsewhere_is_not_refused(engine, text):
    assert engine.query(text).kind == "bindings"


def test_inspect_query_reads_the_form_after_the_prologue():
    text = (
        "# hello\nBASE <http://x/>\nPREFIX a: <http://a/>\nprefix b: <b>\nconstruct { } where { }"
    )
    assert inspect_query(text).form == "CONSTRUCT"
    assert inspect_query(text).kind == "graph"
    assert inspect_query("not sparql").form is None
    assert inspect_query("SELECT * FROM NAMED <g> { }").dataset
    assert not inspect_query("SELECT * { ?s ex:from ?o }").dataset


def test_check_query_passes_a_plain_query():
    assert check_query("DESCRIBE <http://x/a>").form == "DESCRIBE"


# --------------------------------------------------------------------------- limits


def test_max_rows_refuses_a_bigger_result(engine):
    assert len(engine.query("SELECT * WHERE { ?s a smp:Role }", max_rows=4)) == 4
    with pytest.raises(ResultTooLarge, match="more than 3 rows"):
        engine.query("SELECT * WHERE { ?s a smp:Role }", max_rows=3)
    with pytest.raises(ResultTooLarge, match="more than 3 triples"):
        engine.query("CONSTRUCT { ?s a smp:Role } WHERE { ?s a smp:Role }", max_rows=3)


def test_timeout_stops_a_streaming_result(engine):
    start = time.monotonic()
    with pytest.raises(QueryTimeout, match=r"time limit of 0\.2 s"):
        engine.query("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", timeout=0.2)
    assert time.monotonic() - start < 5


# --------------------------------------------------------------------------- the rdflib baseline


def test_rdflib_baseline_gives_the_same_shape(engine, tiny):
    text = (
        "SELECT ?to ?years WHERE { ?t smp:fromRole role:writer ; smp:toRole ?to ; "
        "smp:typicalYears ?years } ORDER BY ?to"
    )
    assert rdflib_query(tiny, text) == engine.query(text)


def test_rdflib_baseline_refuses_from(tiny):
    with pytest.raises(QueryRefused, match="FROM"):
        rdflib_query(tiny, "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }")


def test_rdflib_baseline_reports_syntax_errors(tiny):
    with pytest.raises(QuerySyntaxError) as info:
        rdflib_query(tiny, "SELECT * WHERE { ?s ?p }")
    assert info.value.line == 1


# --------------------------------------------------------------------------- issue 11

BYPASS = "PREFIX : <http://127.0.0.1:9999/>\nASK { FILTER(1<2)SERVICE:x#>\n{ ?s ?p ?o } }"


def test_the_lexing_bypass_of_issue_11_is_refused(engine):
    """The old tokenizer read `<2)SERVICE:x#>` as one IRI; the parse tree has a SERVICE."""
    with pytest.raises(ServiceRefused):
        engine.query(BYPASS)
    with pytest.raises(ServiceRefused):
        check_query(BYPASS.replace("ASK", "SELECT *"))


def test_a_query_that_mentions_service_and_does_not_parse_is_a_syntax_error(engine):
    with pytest.raises(QuerySyntaxError, match=r"must be SPARQL 1\.1 to be checked"):
        engine.query("SELECT * WHERE { ?s ?p 'service' ")


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("ASK {}", 1),
        ("ASK { { { } } }", 3),
        ("ASK { FILTER((1)) }", 3),
        ("ASK { ?s ?p [ ?q [ ?r ?o ] ] }", 3),
        ("ASK { FILTER(! ! !true) }", 5),
        ("ASK { ?s ?p '{{{{' }", 5),  # errs toward refusing: brackets in strings count
        ("ASK } } } {", 1),
        ("ASK { ?s ?p '}' { ?s ?p '}' { } } }", 3),  # a quoted } closes nothing
        ("ASK " + "{ FILTER(1<2)#>})\n" * 100, 200),  # nor one a lexer could misread
        ("ASK " + "{ <a)> " * 100, 100),
        ("SELECT * { VALUES (?a ?b) { " + "(1 2) " * 500 + "} }", 3),
        ("ASK { << ?s ?p ?o >> ?q ?r }", 2),  # a quoted triple (RDF-star) nests
        ("ASK { <<<< }", 4),  # every < before a < counts, and never closes
    ],
)
def test_nesting_depth_is_an_upper_bound(text, depth):
    assert nesting_depth(text) == depth


@pytest.mark.parametrize("opening", ["{", "(", "["])
def test_too_deep_a_query_is_refused_before_parsing(engine, opening):
    closing = {"{": "}", "(": ")", "[": "]"}[opening]
    text = "ASK " + opening * (MAX_DEPTH + 1) + closing * (MAX_DEPTH + 1)
    with pytest.raises(QueryTooDeep, match=f"nests deeper than {MAX_DEPTH} levels"):
        engine.query(text)
    deep_enough = "ASK " + "{" * MAX_DEPTH + "}" * MAX_DEPTH
    assert engine.query(deep_enough).boolean is True


def test_nested_quoted_triples_are_refused_before_oxigraph_parses_them(engine):
    """Issue 14: Oxigraph parses `<<<<…` in cubic time, holding the GIL (16,000 took 1.5 s)."""
    start = time.monotonic()
    with pytest.raises(QueryTooDeep, match=f"nests deeper than {MAX_DEPTH} levels"):
        engine.query("ASK { " + "<" * (1 << 20) + "}")
    assert time.monotonic() - start < 3
    nested = "ASK { " + "<< " * 40 + "?s ?p ?o" + " >> ?p ?o" * 40 + " }"
    assert engine.query(nested).boolean is False  # quoted triples within the bound still run


def test_the_pre_check_is_linear_on_1_mib(engine):
    """Issue 11: `ASK { a.a.a… }` took 8 s at 16 KB in the old tokenizer; now 1 MiB is fast."""
    hostile = "ASK { " + "a." * 500_000 + "}"
    start = time.monotonic()
    assert precheck_query(hostile).form == "ASK"
    inspect_query("SELECT * { " + "ex:a " * 200_000 + "'" * 100_000 + "<" * 100_000 + "}")
    assert time.monotonic() - start < 3
    start = time.monotonic()
    with pytest.raises(QuerySyntaxError):
        engine.query(hostile)
    assert time.monotonic() - start < 5


def test_rdflib_baseline_decides_from_on_the_parse(tiny):
    with pytest.raises(QueryRefused, match="refuses FROM"):
        rdflib_query(tiny, "select * from <http://127.0.0.1:9/g> where { ?s ?p ?o }")
    rows = rdflib_query(tiny, "SELECT ?from WHERE { ?from a smp:Role } LIMIT 1").bindings
    assert len(rows) == 1
