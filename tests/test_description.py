"""The service description at GET /sparql, with the dataset's VoID and DCAT, read by real clients.

rdflib fetches the description from a real server on 127.0.0.1 (its own content negotiation),
SPARQLWrapper queries the same endpoint, and the two agree with the dataset.
"""

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, XSD
from SPARQLWrapper import JSON, SPARQLWrapper

from graphkit.export.void import DATASET, dataset_description
from graphkit.graph.prefixes import BASE
from graphkit.sparql.description import void_triples
from graphkit.sparql.server import make_app, request

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
VOID = Namespace("http://rdfs.org/ns/void#")


@pytest.fixture(scope="module")
def endpoint(dataset, live_endpoint):
    return live_endpoint(dataset, void=void_triples(dataset_description(dataset))) + "/sparql"


@pytest.fixture(scope="module")
def described(endpoint) -> Graph:
    return Graph().parse(endpoint)  # rdflib asks for RDF and parses what the server sends


def test_the_default_dataset_is_the_void_dataset(described, endpoint):
    service = URIRef(endpoint)
    assert (service, RDF.type, SD.Service) in described
    assert described.value(service, SD.defaultDataset) == DATASET
    for kind in (SD.Dataset, VOID.Dataset, DCAT.Dataset):
        assert (DATASET, RDF.type, kind) in described, kind
    # its SPARQL endpoint is this one, not the documented default of exports/void.ttl
    assert list(described.objects(DATASET, VOID.sparqlEndpoint)) == [service]


def test_the_description_gives_size_licence_version_and_sources(described, dataset):
    triples = len(set(dataset.triples((None, None, None))))
    assert described.value(DATASET, VOID.triples) == Literal(triples, datatype=XSD.integer)
    assert described.value(DATASET, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert str(described.value(DATASET, OWL.versionInfo)) == str(
        dataset.value(URIRef(BASE), OWL.versionInfo)
    )
    sources = set(described.objects(DATASET, PROV.wasDerivedFrom))
    assert URIRef(BASE + "source/seed-003") in sources and len(sources) > 5
    assert (DATASET, DCAT.distribution, URIRef(BASE + "dataset/distribution/graph.ttl")) in (
        described
    )


def test_class_partitions_agree_with_a_sparql_client(described, endpoint):
    part = URIRef(BASE + "dataset/class/Role")
    assert described.value(part, VOID["class"]) == URIRef(BASE + "Role")
    sparql = SPARQLWrapper(endpoint)
    sparql.setQuery("SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a smp:Role }")
    sparql.setReturnFormat(JSON)
    counted = sparql.query().convert()["results"]["bindings"][0]["n"]["value"]
    assert int(described.value(part, VOID.entities)) == int(counted) > 40


def test_the_named_graphs_are_still_described(described, dataset):
    names = set(described.objects(None, SD.name))
    assert URIRef(BASE + "graph/smp") in names and URIRef(BASE + "graph/derived") in names


def test_without_a_description_the_default_dataset_is_anonymous(tiny):
    with make_app(tiny, workers=0) as app:
        response = request(app, "GET", "/sparql", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=response.text, format="turtle")
    assert (None, RDF.type, VOID.Dataset) not in g
    defaults = list(g.objects(None, SD.defaultDataset))
    assert len(defaults) == 1 and not isinstance(defaults[0], URIRef)
