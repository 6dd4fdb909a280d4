"""The W3C SPARQL 1.1 Protocol tests, re-expressed as a table and run over real HTTP.

This module re-expresses, in our own words, the manifest of the W3C test suite
(``sparql/sparql11/protocol/manifest.ttl`` in the public repository w3c/rdf-tests): one
row per test, named as in the manifest, with its HTTP request and the answer it expects.
None of the suite's files is copied; the graphs the tests load are our own small file,
``tests/data/protocol/graphs.nq`` (a named graph per data file, holding the one fact the
queries look for). The requests go to the real endpoint on 127.0.0.1 through
:mod:`http.client`, with the manifest's ``Host: www.example``.

graphkit is read-only, so the manifest's update tests expect 403 here (the protocol lets
an endpoint refuse updates), and their follow-up queries, which read what the update
wrote, are left out. Every query test and every bad-request test is run as written.
"""

import http.client
import json
import threading
import urllib.parse
from pathlib import Path

import pytest

from graphkit.sparql.engine import Engine
from graphkit.sparql.serving import Endpoint

DATA = Path(__file__).parent / "data" / "protocol" / "graphs.nq"
KASEI = "http://kasei.us/2009/09/sparql/data/"
FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
TABULAR = {
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
}
RDF = {"text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"}


def q(text: str) -> str:
    return urllib.parse.quote(text, safe="")


def graphs(name: str, *numbers: int) -> str:
    return "&".join(f"{name}={q(f'{KASEI}data{n}.rdf')}" for n in numbers)


ASK_BOTH = f"ASK {{ <{KASEI}data1.rdf> a ?type . <{KASEI}data2.rdf> a ?type . }}"
ASK_NAMED = (
    f"ASK {{ GRAPH ?g1 {{ <{KASEI}data1.rdf> a ?type }} "
    f"GRAPH ?g2 {{ <{KASEI}data2.rdf> a ?type }} }}"
)
ASK_FULL = (
    f"ASK {{\n  <{KASEI}data3.rdf> a ?type\n  GRAPH ?g1 {{ <{KASEI}data1.rdf> a ?type }}\n"
    f"  GRAPH ?g2 {{ <{KASEI}data2.rdf> a ?type }}\n}}"
)
ASK_FROM = (
    f"ASK FROM <{KASEI}data3.rdf> {{ GRAPH ?g1 {{ <{KASEI}data1.rdf> a ?type }} "
    f"GRAPH ?g2 {{ <{KASEI}data2.rdf> a ?type }} }}"
)
INSERT = "PREFIX dc: <http://purl.org/dc/terms/>\nINSERT DATA { <urn:x> dc:title 'x' }"

#: name (as in the manifest), method, path, content type, body, expected answer:
#: ("boolean", value), "tabular", "RDF", 403 (an update refused) or "4xx".
TESTS = [
    ("query_post_form", "POST", f"/sparql/?{graphs('default-graph-uri', 0)}", FORM,
     "query=ASK%20%7B%7D", ("boolean", True)),
    ("query_dataset_default_graphs_get", "GET",
     f"/sparql/?query={q(ASK_BOTH)}&{graphs('default-graph-uri', 1, 2)}", None, None,
     ("boolean", True)),
    ("query_dataset_default_graphs_post", "POST",
     f"/sparql/?{graphs('default-graph-uri', 1, 2)}", QUERY, ASK_BOTH, ("boolean", True)),
    ("query_dataset_named_graphs_post", "POST",
     f"/sparql/?{graphs('named-graph-uri', 1, 2)}", QUERY, ASK_NAMED, ("boolean", True)),
    ("query_dataset_named_graphs_get", "GET",
     f"/sparql/?query={q(ASK_NAMED)}&{graphs('named-graph-uri', 1, 2)}", None, None,
     ("boolean", True)),
    ("query_dataset_full", "POST",
     f"/sparql/?{graphs('default-graph-uri', 3)}&{graphs('named-graph-uri', 1, 2)}", QUERY,
     ASK_FULL, ("boolean", True)),
    ("query_multiple_dataset", "POST", f"/sparql/?{graphs('named-graph-uri', 1, 2)}", QUERY,
     ASK_FROM, ("boolean", True)),
    ("query_get", "GET", f"/sparql/?query=ASK%20%7B%7D&{graphs('default-graph-uri', 0)}", None,
     None, ("boolean", True)),
    ("query_content_type_select", "POST", f"/sparql/?{graphs('default-graph-uri', 0)}", QUERY,
     "SELECT (1 AS ?value) {}", "tabular"),
    ("query_content_type_ask", "POST", f"/sparql/?{graphs('default-graph-uri', 0)}", QUERY,
     "ASK {}", ("boolean", True)),
    ("query_content_type_describe", "POST", f"/sparql/?{graphs('default-graph-uri', 0)}",
     QUERY, "DESCRIBE <http://example.org/>", "RDF"),
    ("query_content_type_construct", "POST", f"/sparql/?{graphs('default-graph-uri', 0)}",
     QUERY, "CONSTRUCT { <s> <p> 1 } WHERE {}", "RDF"),
    ("update_dataset_default_graph", "POST", f"/sparql/?{graphs('using-graph-uri', 1)}",
     UPDATE, INSERT, 403),
    ("update_dataset_default_graphs", "POST", f"/sparql/?{graphs('using-graph-uri', 1, 2)}",
     UPDATE, INSERT, 403),
    ("update_dataset_named_graphs", "POST",
     f"/sparql/?{graphs('using-named-graph-uri', 1, 2)}", UPDATE, INSERT, 403),
    ("update_dataset_full", "POST",
     f"/sparql/?{graphs('using-graph-uri', 1)}&{graphs('using-named-graph-uri', 2)}", UPDATE,
     INSERT, 403),
    ("update_post_form", "POST", "/sparql/", FORM, "update=CLEAR+ALL", 403),
    ("update_post_direct", "POST", "/sparql/", UPDATE, "CLEAR ALL", 403),
    ("update_base_uri", "POST", "/sparql/", UPDATE,
     "CLEAR SILENT GRAPH <http://example.org/protocol-base-test/> ;\n"
     "INSERT DATA { GRAPH <http://example.org/protocol-base-test/> { <test> <test> <test> } }",
     403),
    ("query_post_direct", "POST", "/sparql/", QUERY, "ASK {}", ("boolean", True)),
    ("bad_query_method", "PUT", f"/sparql/?query=ASK%20%7B%7D&{graphs('default-graph-uri', 0)}",
     FORM, None, "4xx"),
    ("bad_multiple_queries", "GET", "/sparql/?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D",
     None, None, "4xx"),
    ("bad_query_wrong_media_type", "POST", "/sparql/", "text/plain", "ASK {}", "4xx"),
    ("bad_query_missing_form_type", "POST", "/sparql/", None, "query=ASK%20%7B%7D", "4xx"),
    ("bad_query_missing_direct_type", "POST", "/sparql/", None, "ASK {}", "4xx"),
    ("bad_query_non_utf8", "POST", "/sparql/", QUERY + "; charset=UTF-16",
     "ASK {}".encode("utf-16"), "4xx"),
    ("bad_query_syntax", "GET", "/sparql/?query=ASK%20%7B", None, None, "4xx"),
    ("bad_update_get", "GET", "/sparql/?update=CLEAR%20ALL", None, None, "4xx"),
    ("bad_multiple_updates", "POST", "/sparql/", FORM,
     "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT", "4xx"),
    ("bad_update_wrong_media_type", "POST", "/sparql/", "text/plain", "CLEAR NAMED", "4xx"),
    ("bad_update_missing_form_type", "POST", "/sparql/", None, "update=CLEAR%20NAMED", "4xx"),
    ("bad_update_non_utf8", "POST", "/sparql/", UPDATE + "; charset=UTF-16",
     "CLEAR NAMED".encode("utf-16"), "4xx"),
    ("bad_update_syntax", "POST", "/sparql/", FORM, "update=CLEAR%20XYZ", "4xx"),
    ("bad_update_dataset_conflict", "POST",
     "/sparql/?using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople", UPDATE,
     "PREFIX foaf: <http://xmlns.com/foaf/0.1/>\nWITH <http://example/addresses>\n"
     "DELETE { ?person foaf:givenName 'Bill' } WHERE { ?person foaf:givenName 'Bill' }", "4xx"),
]  # fmt: skip


@pytest.fixture(scope="module")
def endpoint():
    """The real endpoint on 127.0.0.1 over the protocol graphs, one process."""
    with Endpoint(Engine.from_nquads(DATA.read_bytes()), port=0, workers=1, timeout=10) as served:
        runner = threading.Thread(target=served.run, daemon=True)
        runner.start()
        yield int(served.url.rsplit(":", 1)[1].split("/")[0])
    runner.join(5)


def test_the_table_covers_the_manifest():
    names = [row[0] for row in TESTS]
    assert len(names) == len(set(names)) == 34
    assert sum(name.startswith("update_") for name in names) == 7


@pytest.mark.parametrize(
    ("method", "path", "content_type", "body", "expected"),
    [row[1:] for row in TESTS],
    ids=[row[0] for row in TESTS],
)
def test_protocol(endpoint, method, path, content_type, body, expected):
    connection = http.client.HTTPConnection("127.0.0.1", endpoint, timeout=30)
    headers = {"Host": "www.example"}
    if content_type:
        headers["Content-Type"] = content_type
    data = body.encode("utf-8") if isinstance(body, str) else body
    connection.request(method, path, body=data, headers=headers)
    response = connection.getresponse()
    answer = response.read()
    media = (response.getheader("Content-Type") or "").split(";")[0]
    connection.close()
    if expected == "4xx":
        assert 400 <= response.status < 500, (response.status, answer)
    elif expected == 403:
        assert response.status == 403, (response.status, answer)
    else:
        assert 200 <= response.status < 400, (response.status, answer)
        if expected == "tabular":
            assert media in TABULAR
        elif expected == "RDF":
            assert media in RDF
        else:
            assert media == "application/sparql-results+json"
            assert json.loads(answer)["boolean"] is expected[1]
