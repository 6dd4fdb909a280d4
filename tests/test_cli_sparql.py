"""The SPARQL commands of the CLI: query, queries, serve --get (on the tiny ontology)."""

import contextlib
import csv
import io
import json
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from graphkit.cli import cli
from graphkit.graph.examples import tiny_graph
from graphkit.sparql.serving import Endpoint

ROLES = "SELECT ?role WHERE { ?role a smp:Role } ORDER BY ?role"


def run(*args, ontology=None, stdin=None):
    prefix = ["--ontology", str(ontology)] if ontology else []
    return CliRunner().invoke(cli, [*prefix, *args], input=stdin, catch_exceptions=False)


@pytest.mark.parametrize(
    ("fmt", "first"),
    [
        ("table", "role"),
        ("csv", "role"),
        ("tsv", "?role"),
        ("xml", '<?xml version="1.0" encoding="UTF-8"?>'),
    ],
)
def test_query_select_formats(tiny_ontology, fmt, first):
    result = run("query", ROLES, "-f", fmt, ontology=tiny_ontology)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == first
    assert "writer" in result.stdout


def test_query_table_shows_curies(tiny_ontology):
    result = run("query", ROLES, ontology=tiny_ontology)
    assert result.stdout.split() == [
        "role",
        "role:community-manager",
        "role:editor",
        "role:strategist",
        "role:writer",
    ]


def test_query_json_is_sparql_json_results(tiny_ontology):
    result = run("query", ROLES, "-f", "json", ontology=tiny_ontology)
    data = json.loads(result.stdout)
    assert data["head"] == {"vars": ["role"]}
    assert len(data["results"]["bindings"]) == 4


def test_query_csv_reads_back(tiny_ontology):
    result = run("query", ROLES, "-f", "csv", ontology=tiny_ontology)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[-1] == {"role": "https://w3id.org/smp/role/writer"}


def test_query_ask(tiny_ontology):
    result = run("query", "ASK { role:writer smp:leadsTo role:strategist }", ontology=tiny_ontology)
    assert result.stdout == "true\n"


@pytest.mark.parametrize(
    ("fmt", "rdf"),
    [
        ("table", "turtle"),
        ("turtle", "turtle"),
        ("json", "json-ld"),
        ("jsonld", "json-ld"),
        ("ntriples", "nt"),
    ],
)
def test_query_construct_formats(tiny_ontology, fmt, rdf):
    query = "CONSTRUCT { ?a smp:leadsTo ?b } WHERE { ?a smp:leadsTo ?b }"
    result = run("query", query, "-f", fmt, ontology=tiny_ontology)
    assert result.exit_code == 0, result.stderr
    assert len(Graph().parse(data=result.stdout, format=rdf)) == 4


def test_query_format_that_does_not_fit_is_a_usage_error(tiny_ontology):
    result = run("query", "DESCRIBE role:writer", "-f", "csv", ontology=tiny_ontology)
    assert result.exit_code == 2
    assert "use -f turtle, ntriples or jsonld" in result.stderr
    result = run("query", ROLES, "-f", "turtle", ontology=tiny_ontology)
    assert result.exit_code == 2


def test_query_from_stdin_and_file(tiny_ontology, tmp_path):
    from_stdin = run("query", "-", "-f", "csv", ontology=tiny_ontology, stdin=ROLES)
    path = tmp_path / "roles.rq"
    path.write_text(ROLES, encoding="utf-8")
    from_file = run("query", str(path), "-f", "csv", ontology=tiny_ontology)
    assert from_stdin.exit_code == from_file.exit_code == 0
    assert from_stdin.stdout == from_file.stdout


def test_query_by_gallery_name(tiny_ontology):
    result = run("query", "cq-18", "-f", "json", ontology=tiny_ontology)
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"head": {}, "boolean": False}


def test_query_unknown_gallery_name_exits_2(tiny_ontology):
    result = run("query", "tool-per-skill", ontology=tiny_ontology)
    assert result.exit_code == 2
    assert "did you mean cq-04-tools-per-skill?" in result.stderr


def test_query_syntax_error_gives_position_and_exits_2(tiny_ontology):
    result = run("query", "SELECT * WHERE {\n  ?s ?p .\n}", ontology=tiny_ontology)
    assert result.exit_code == 2
    assert result.stderr == "Error: SPARQL syntax error at line 3, column 1: expected OPTIONAL\n"


def test_query_update_and_service_exit_2(tiny_ontology):
    assert run("query", "CLEAR ALL", ontology=tiny_ontology).exit_code == 2
    service = run("query", "SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", ontology=tiny_ontology)
    assert service.exit_code == 2
    assert "SERVICE is refused" in service.stderr


@pytest.fixture
def endpoint():
    with Endpoint(tiny_graph(), port=0, workers=1) as served:
        runner = threading.Thread(target=served.run, daemon=True)
        runner.start()
        yield served.url
    runner.join(5)


def test_query_endpoint_gives_the_local_answer(tiny_ontology, endpoint):
    for query in (
        ROLES,
        "ASK { ?s ?p ?o }",
        "CONSTRUCT { ?a smp:leadsTo ?b } WHERE { ?a smp:leadsTo ?b }",
    ):
        local = run("query", query, ontology=tiny_ontology)
        remote = run("query", query, "--endpoint", endpoint, ontology=tiny_ontology)
        assert remote.exit_code == 0, remote.stderr
        assert remote.stdout == local.stdout


def test_query_endpoint_errors(endpoint):
    result = run("query", "SELECT * WHERE {", "--endpoint", endpoint)
    assert result.exit_code == 1
    assert "answered 400 Bad Request: SPARQL syntax error" in result.stderr
    result = run("query", ROLES, "--endpoint", "file:///etc/passwd")
    assert "is not an http:// or https:// endpoint URL" in result.stderr
    result = run("query", ROLES, "--endpoint", "http://127.0.0.1:9/sparql")
    assert result.exit_code == 1 and "cannot reach" in result.stderr


def test_queries_lists_the_gallery(tiny_ontology):
    result = run("queries", "-f", "json", ontology=tiny_ontology)
    data = json.loads(result.stdout)
    assert len(data) >= 15
    assert data[0]["question"].keys() == {"en", "fr"}
    table = run("queries", "--lang", "fr", ontology=tiny_ontology).stdout
    assert table.splitlines()[0].split() == ["nom", "question"]
    assert "Quelles compétences" in table


def test_serve_get_answers_one_request(tiny_ontology):
    ok = run("serve", "--get", "/sparql?query=ASK%7B?s%20?p%20?o%7D", ontology=tiny_ontology)
    assert ok.exit_code == 0
    assert json.loads(ok.stdout) == {"head": {}, "boolean": True}
    bad = run("serve", "--get", "/sparql?query=DROP%20ALL", ontology=tiny_ontology)
    assert bad.exit_code == 1
    assert "read-only" in bad.stdout


def test_serve_dereferences_iris_and_describes_the_dataset(tiny_ontology):
    # issue 15: GET on an IRI's path, and VoID in the service description
    role = run("serve", "--get", "/role/writer", ontology=tiny_ontology)
    assert role.exit_code == 0
    g = Graph().parse(data=role.stdout, format="turtle")
    writer = URIRef("https://w3id.org/smp/role/writer")
    assert (writer, RDF.type, URIRef("https://w3id.org/smp/Role")) in g
    described = run("serve", "--get", "/sparql", ontology=tiny_ontology)
    void = URIRef("http://rdfs.org/ns/void#Dataset")
    dataset = URIRef("https://w3id.org/smp/dataset")
    assert (dataset, RDF.type, void) in Graph().parse(data=described.stdout, format="turtle")
    ontology = run("serve", "--get", "/ontology", ontology=tiny_ontology)  # the TBox, Turtle
    assert (URIRef("https://w3id.org/smp/platformStatus"), None, None) in Graph().parse(
        data=ontology.stdout, format="turtle"
    )
    missing = run("serve", "--get", "/role/nobody", ontology=tiny_ontology)
    assert missing.exit_code == 1 and "is not in the graph" in missing.stdout


# --------------------------------------------------------------------------- issue 11


def test_query_missing_file_is_named(tiny_ontology):
    result = run("query", "/no/such.rq", ontology=tiny_ontology)
    assert result.exit_code == 2
    assert result.stderr == "Error: no such query file: /no/such.rq\n"


@pytest.mark.parametrize("opening", ["{", "(", "!"])
def test_query_deep_nesting_exits_2_never_crashes(tiny_ontology, opening):
    """Issue 11: `{` x 5000 crashed `graphkit query` with a segmentation fault."""
    text = {
        "{": "ASK " + "{" * 5000 + "}" * 5000,
        "(": "ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
        "!": "ASK { FILTER(" + "!" * 5000 + "true) }",
    }[opening]
    process = subprocess.run(
        [sys.executable, "-m", "graphkit", "--ontology", str(tiny_ontology), "query", "-"],
        input=text, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert process.returncode == 2, process.stderr
    assert process.stderr.startswith("Error: the query nests deeper than 128 levels, the limit")


def test_query_the_issue_bypass_is_refused(tiny_ontology):
    text = "PREFIX : <http://127.0.0.1:9/>\nASK { FILTER(1<2)SERVICE:x#>\n{ ?s ?p ?o } }"
    result = run("query", text, ontology=tiny_ontology)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: SERVICE is refused")


def _serve(tiny_ontology, port, *extra):
    command = [sys.executable, "-m", "graphkit", "--ontology", str(tiny_ontology), "serve"]
    return subprocess.Popen(
        [*command, "--port", str(port), "--workers", "1", *extra],
        stderr=subprocess.PIPE,
        text=True,
    )


def test_serve_on_a_busy_port_is_one_line_and_exit_2(tiny_ontology):
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        process = _serve(tiny_ontology, port)
        _, stderr = process.communicate(timeout=120)
    assert process.returncode == 2
    assert stderr == f"Error: port {port} is in use\n"


def test_ctrl_c_stops_serve_within_a_second_without_traceback(tiny_ontology):
    process = _serve(tiny_ontology, 0, "--timeout", "30")
    try:
        line = process.stderr.readline()
        assert line.startswith("graphkit SPARQL endpoint on http://127.0.0.1:"), line
        url = line.split()[4]
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        query = url + "?" + urllib.parse.urlencode({"query": slow})
        client = threading.Thread(target=_get_ignoring_errors, args=(query,), daemon=True)
        client.start()
        time.sleep(1.0)  # the query is running in the worker
        start = time.monotonic()
        process.send_signal(signal.SIGINT)
        process.wait(10)
        elapsed = time.monotonic() - start
        rest = process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stderr.close()
    assert process.returncode == 0
    assert elapsed < 1.0, elapsed
    assert "Traceback" not in rest, rest


def _get_ignoring_errors(url):
    with contextlib.suppress(OSError):
        urllib.request.urlopen(url, timeout=30).read()
