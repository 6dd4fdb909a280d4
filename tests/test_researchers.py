"""The researchers' exports read by real readers: igraph for Gephi files, sssom-py, rdflib."""

from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import igraph
import networkx as nx
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from graphkit.export.build import build_exports
from graphkit.export.network import display_graph
from graphkit.export.void import DATASET, SPARQL_ENDPOINT, VOID


@pytest.fixture(scope="module")
def built(dataset, tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    build_exports(dataset, folder)
    return folder


@pytest.mark.parametrize("name", ["graph.graphml", "graph.gexf"])
def test_gephi_edge_ids_are_unique_and_keep_the_relation(built, name):
    root = ElementTree.parse(built / name).getroot()
    ids = [e.get("id") for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "edge"]
    read = nx.read_graphml if name.endswith("graphml") else nx.read_gexf
    loaded = read(built / name)
    assert len(ids) > 1000
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    relations = Counter(d["relation"] for _, _, d in loaded.edges(data=True))
    assert relations["requiresSkill"] > 100 and relations["leadsTo"] > 10


def test_graphml_reads_the_same_in_networkx_and_igraph(built, dataset):
    H = display_graph(dataset)
    nxg = nx.read_graphml(built / "graph.graphml")
    ig = igraph.Graph.Read_GraphML(str(built / "graph.graphml"))
    assert ig.is_directed()
    assert ig.vcount() == nxg.number_of_nodes() == H.number_of_nodes()
    assert ig.ecount() == nxg.number_of_edges() == H.number_of_edges()
    assert sorted(ig.vs["id"]) == sorted(nxg.nodes)
    cm = "https://w3id.org/smp/role/community-manager"
    vertex = ig.vs.find(id=cm)
    assert vertex["label_fr"] == nxg.nodes[cm]["label_fr"] == H.nodes[cm]["label_fr"]
    assert vertex["kind"] == "role"
    names = ig.vs["id"]
    ig_edges = Counter(
        (names[e.source], names[e.target], e["relation"], e["evidence"], e["weight"]) for e in ig.es
    )
    nx_edges = Counter(
        (u, v, d["relation"], d["evidence"], d["weight"]) for u, v, d in nxg.edges(data=True)
    )
    assert ig_edges == nx_edges


def test_gexf_reads_with_the_same_counts_and_attributes_as_graphml(built):
    gexf = nx.read_gexf(built / "graph.gexf")
    ig = igraph.Graph.Read_GraphML(str(built / "graph.graphml"))
    assert gexf.number_of_nodes() == ig.vcount() and gexf.number_of_edges() == ig.ecount()
    names = ig.vs["id"]
    assert Counter((names[e.source], names[e.target], e["relation"]) for e in ig.es) == Counter(
        (u, v, d["relation"]) for u, v, d in gexf.edges(data=True)
    )


# sssom 0.4 calls pandas APIs that pandas 3 deprecates; the warning is theirs, not ours
@pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")
def test_sssom_mapping_set_parses_with_sssom_py(built, dataset):
    from sssom import parsers as sssom_io  # imported here: its import warns under pandas 3

    msdf = sssom_io.parse_sssom_table(str(built / "mappings.sssom.tsv"))
    df = msdf.df
    mappings = {
        (s, p, o)
        for p in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch)
        for s, o in dataset.subject_objects(p)
        if str(s).startswith("https://w3id.org/smp/") and "/ext/" not in str(s)
    }
    assert len(mappings) > 150 and len(df) == len(mappings)
    assert set(df["mapping_justification"]) == {"semapv:ManualMappingCuration"}
    assert df["comment"].str.len().min() > 20  # every row carries its editorial note
    assert msdf.metadata["mapping_set_id"] == "https://w3id.org/smp/mappings.sssom.tsv"
    assert msdf.metadata["license"] == "https://creativecommons.org/licenses/by/4.0/"
    expanded = {
        (msdf.converter.expand(s), "skos:" + p.split(":")[1], msdf.converter.expand(o))
        for s, p, o in zip(df["subject_id"], df["predicate_id"], df["object_id"], strict=True)
    }
    assert expanded == {(str(s), "skos:" + str(p).split("#")[1], str(o)) for s, p, o in mappings}
    row = df[(df["subject_id"] == "role:community-manager") & (df["object_id"] == "ISCO:2432")]
    assert row["comment"].iloc[0].startswith("ISCO-08 broadMatch 2432")


def test_void_description_counts_the_dataset(built, dataset):
    g = Graph().parse(built / "void.ttl", format="turtle")
    assert (DATASET, RDF.type, VOID.Dataset) in g
    assert int(g.value(DATASET, VOID.triples)) == len(set(dataset.triples((None, None, None))))
    assert g.value(DATASET, VOID.sparqlEndpoint) == SPARQL_ENDPOINT
    license_ = URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert g.value(DATASET, URIRef("http://purl.org/dc/terms/license")) == license_
    roles = URIRef("https://w3id.org/smp/dataset/class/Role")
    expected = len(set(dataset.subjects(RDF.type, URIRef("https://w3id.org/smp/Role"))))
    assert expected > 10 and int(g.value(roles, VOID.entities)) == expected
    downloads = {str(t) for t in g.objects(None, URIRef("http://purl.org/dc/terms/title"))}
    assert {"exports/graph.ttl", "exports/mappings.sssom.tsv"} <= downloads
    assert all((built / d.removeprefix("exports/")).is_file() for d in downloads if "/" in d)


def test_citation_names_the_ontology_version_and_licences(dataset):
    import yaml  # PyYAML, a dependency of sssom

    cff = yaml.safe_load((Path(__file__).parent.parent / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0"
    assert cff["version"] == str(dataset.value(URIRef("https://w3id.org/smp/"), OWL.versionInfo))
    assert cff["authors"] == [{"name": "graphkit contributors"}]
    assert set(cff["license"]) == {"CC-BY-4.0", "MIT"}
    assert cff["title"] and cff["message"]
