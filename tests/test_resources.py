"""Dereferenceable IRIs: the graph's IRIs answered by a real server on 127.0.0.1.

A researcher's client (urllib with Accept headers, rdflib's parsers) asks the endpoint's server
for IRIs of every kind, in every representation, and compares what comes back with the
dataset. The server is graphkit's app on the real graph, queries in a worker process.
"""

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDF, SKOS

from graphkit.export.ontology_doc import ontology_html_of
from graphkit.graph.load import TBOX_GRAPH
from graphkit.graph.namespaces import SMP
from graphkit.graph.prefixes import BASE
from graphkit.sparql.resources import resource_iri
from graphkit.sparql.server import make_app, request

REPO = Path(__file__).parent.parent
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
RDF_SYNTAXES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}
#: One IRI of each kind the issue names is taken from the graph under these paths.
KINDS = (
    "role/", "skill/", "platform/", "tool/", "credential/", "source/", "claim/", "transition/",
    "requirement/", "platform-use/", "tool-use/", "credential-path/", "role-seniority/",
)  # fmt: skip
TERMS = ("Role", "platformStatus", "Emerging", "SkillRequirement", "weight")


@pytest.fixture(scope="module")
def root(dataset, live_endpoint):
    """The endpoint as `graphkit serve` runs it, on the real graph."""
    return live_endpoint(dataset, timeout=10, ontology_page=ontology_html_of)


def get(url: str, accept: str | None = None, method: str = "GET"):
    """GET with urllib: (status, content type, body) whatever the status."""
    headers = {"Accept": accept} if accept else {}
    req = urllib.request.Request(url, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read()


def iris_of_each_kind(dataset) -> list[str]:
    subjects = sorted({str(s) for s in dataset.subjects() if str(s).startswith(BASE)})
    found = [next(s for s in subjects if s.startswith(BASE + kind)) for kind in KINDS]
    return found + [BASE + term for term in TERMS]


def parsed(body: bytes, media: str) -> Graph:
    return Graph().parse(data=body, format=RDF_SYNTAXES[media])


def by_value(triple):
    """A triple with its literal compared by value: Oxigraph writes the decimal 4.0 as 4."""
    s, p, o = triple
    return (s, p, (o.datatype, o.toPython()) if isinstance(o, Literal) else o)


def assert_isomorphic(first: Graph, second: Graph):
    if not isomorphic(first, second):
        _, only_first, only_second = graph_diff(to_isomorphic(first), to_isomorphic(second))
        first_only, second_only = sorted(only_first)[:5], sorted(only_second)[:5]
        pytest.fail(f"only in first: {first_only}; only in second: {second_only}")


def test_every_kind_of_iri_dereferences_in_turtle(dataset, root):
    iris = iris_of_each_kind(dataset)
    assert len(iris) == len(KINDS) + len(TERMS)
    for iri in iris:
        status, media, body = get(root + "/" + iri[len(BASE) :], "text/turtle")
        assert (status, media) == (200, "text/turtle; charset=utf-8"), (iri, body[:200])
        served = {by_value(t) for t in parsed(body, "text/turtle")}
        own = {by_value(t) for t in dataset.triples((URIRef(iri), None, None))}
        assert own, iri
        missing = own - served
        assert missing == set(), (iri, list(missing)[:3])


@pytest.mark.parametrize("media", [m for m in RDF_SYNTAXES if m != "text/turtle"])
def test_every_rdf_syntax_gives_the_same_graph(root, media):
    path = root + "/role/community-manager"
    turtle = parsed(get(path, "text/turtle")[2], "text/turtle")
    status, content_type, body = get(path, media)
    assert status == 200 and content_type.split(";")[0] == media
    assert_isomorphic(parsed(body, media), turtle)


def test_json_ld_holds_the_concept_with_its_qualified_links(dataset, root):
    status, _, body = get(root + "/role/community-manager", "application/ld+json")
    assert status == 200
    served = parsed(body, "application/ld+json")
    role = URIRef(BASE + "role/community-manager")
    requirements = set(served.subjects(SMP.role, role)) & set(
        served.subjects(RDF.type, SMP.SkillRequirement)
    )
    assert requirements == set(dataset.subjects(SMP.role, role)) & set(
        dataset.subjects(RDF.type, SMP.SkillRequirement)
    )
    assert len(requirements) > 20
    for link in requirements:  # whole: skill, importance, weight, evidence, source
        assert set(dataset.triples((link, None, None))) <= set(served), link
    moves = set(served.subjects(SMP.fromRole, role)) | set(served.subjects(SMP.toRole, role))
    assert moves == set(dataset.subjects(SMP.fromRole, role)) | set(
        dataset.subjects(SMP.toRole, role)
    )
    skill = next(served.objects(next(iter(requirements)), SMP.skill))
    assert (skill, SKOS.prefLabel, None) in served  # labels of what it links to


def test_accept_picks_the_representation(root):
    path = root + "/platform/tiktok"
    assert get(path, BROWSER)[1] == "text/html; charset=utf-8"
    assert get(path)[1] == "text/turtle; charset=utf-8"  # no Accept: Turtle
    assert get(path, "*/*")[1] == "text/turtle; charset=utf-8"
    assert get(path, "text/html;q=0.5, application/n-triples")[1].startswith(
        "application/n-triples"
    )
    assert get(path, "application/xhtml+xml")[1] == "text/html; charset=utf-8"


def test_an_unknown_iri_is_404_and_says_which(root):
    status, media, body = get(root + "/role/nobody", "text/turtle")
    assert status == 404 and media.startswith("text/plain")
    assert b"https://w3id.org/smp/role/nobody is not in the graph" in body


def test_nothing_acceptable_is_406(root):
    status, _, body = get(root + "/role/community-manager", "image/png")
    assert status == 406 and b"text/turtle" in body and b"text/html" in body


def test_only_get_and_head(root):
    status, _, body = get(root + "/role/community-manager", "text/turtle", method="HEAD")
    assert (status, body) == (200, b"")
    status, _, _ = get(root + "/role/community-manager", "text/turtle", method="DELETE")
    assert status == 405


@pytest.mark.parametrize(
    "path",
    [
        "/role/x>%20%7D%20UNION%20%7B%20?s%20?p%20?o%20%7D%20#",
        "/role/a%22b",
        "/skill/%5Cu003E",
        "/" + "x" * 2000,
        "/role/caf%C3%A9",
    ],
)
def test_a_path_cannot_change_the_query(root, path):
    status, _, body = get(root + path, "text/turtle")
    assert status == 404, body[:300]


def test_the_iri_of_a_path_is_percent_encoded():
    assert resource_iri("/role/x> } UNION { ?s ?p ?o } #") == (
        BASE + "role/x%3E%20%7D%20UNION%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D%20%23"
    )


def test_the_size_limit_bounds_a_description(dataset):
    with make_app(dataset, workers=1, max_rows=50) as small:
        response = request(small, "GET", "/role/community-manager")
    assert response.status == 422 and "50" in response.text


def test_the_ontology_document_in_rdf_is_the_tbox(dataset, root):
    status, media, body = get(root + "/ontology", "text/turtle")
    assert status == 200 and media.startswith("text/turtle")
    tbox = Graph()
    for triple in dataset.graph(TBOX_GRAPH):
        tbox.add(triple)
    assert len(tbox) > 500
    assert_isomorphic(parsed(body, "text/turtle"), tbox)
    # the namespace IRI itself (https://w3id.org/smp/ is /) asks for the ontology in RDF
    status, _, body = get(root + "/", "text/turtle")
    assert status == 200
    assert (URIRef(BASE), None, Literal("smp")) in parsed(body, "text/turtle")


def test_the_ontology_document_in_html_is_the_exported_page(root):
    status, media, body = get(root + "/ontology", BROWSER)
    assert (status, media) == (200, "text/html; charset=utf-8")
    assert body == (REPO / "exports" / "ontology.html").read_bytes()
    status, _, page = get(root + "/", BROWSER)  # a browser on / still gets the query page
    assert b"<textarea" in page


def test_without_an_ontology_page_ontology_is_rdf_only(dataset):
    with make_app(dataset, workers=0) as plain:
        response = request(plain, "GET", "/ontology", headers={"Accept": "text/html"})
    assert response.status == 406
