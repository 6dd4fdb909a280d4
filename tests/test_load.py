import pytest
from rdflib import URIRef
from rdflib.namespace import RDF

from graphkit.errors import OntologyFileError, OntologySyntaxError
from graphkit.graph.load import DERIVED_GRAPH, graph_iri, load_dataset
from graphkit.graph.namespaces import GRAPH, PREFIXES, SMP
from graphkit.graph.ontology import data_files, default_ontology_dir

ONTOLOGY = default_ontology_dir()

ROLE, SKILL = PREFIXES["role"], PREFIXES["skill"]


def test_every_file_is_its_own_named_graph(dataset):
    files = data_files(ONTOLOGY)
    assert len(files) > 5
    names = {g.identifier for g in dataset.graphs()}
    for path in files:
        iri = graph_iri(path, ONTOLOGY)
        assert iri in names, path
        assert len(dataset.graph(iri)) > 0, f"{path} loaded no triple"


def test_shapes_queries_and_examples_are_not_data(dataset):
    names = {str(g.identifier) for g in dataset.graphs()}
    assert not any(n.startswith(str(GRAPH) + p) for n in names for p in ("shapes", "examples"))


def test_shortcuts_live_only_in_the_derived_graph(tiny_ontology):
    ds = load_dataset(tiny_ontology)
    derived = ds.graph(DERIVED_GRAPH)
    assert (ROLE["writer"], SMP.requiresSkill, SKILL["writing"]) in derived
    assert (ROLE["writer"], SMP.requiresEssentialSkill, SKILL["writing"]) in derived
    assert (ROLE["writer"], SMP.requiresEssentialSkill, SKILL["editing"]) not in derived
    assert (ROLE["community-manager"], SMP.progressesTo, ROLE["strategist"]) in derived
    assert (ROLE["writer"], SMP.progressesTo, ROLE["community-manager"]) not in derived
    assert (ROLE["writer"], SMP.leadsTo, ROLE["community-manager"]) in derived
    data = ds.graph(GRAPH["data/tiny"])
    assert not list(data.triples((None, SMP.requiresSkill, None)))


def test_without_derive_there_is_no_derived_graph(tiny_ontology):
    ds = load_dataset(tiny_ontology, derive=False)
    assert len(ds.graph(DERIVED_GRAPH)) == 0
    assert (URIRef(ROLE["writer"]), RDF.type, SMP.Role) in ds


def test_malformed_turtle_names_file_and_line(tiny_ontology):
    bad = tiny_ontology / "data" / "broken.ttl"
    bad.write_text(
        "@prefix smp: <https://w3id.org/smp/> .\n\nsmp:a smp:b smp:c .\nsmp:d smp:e ;; .\n",
        encoding="utf-8",
    )
    with pytest.raises(OntologySyntaxError) as info:
        load_dataset(tiny_ontology)
    assert info.value.path == bad
    assert info.value.line == 4
    assert str(info.value).startswith(f"{bad}:4: ")


def test_undeclared_prefix_is_a_syntax_error(tiny_ontology):
    bad = tiny_ontology / "data" / "prefix.ttl"
    bad.write_text("nope:a nope:b nope:c .\n", encoding="utf-8")
    with pytest.raises(OntologySyntaxError, match=r"prefix\.ttl:1: .*nope"):
        load_dataset(tiny_ontology)


def test_non_utf8_file_names_file_and_line(tiny_ontology):
    bad = tiny_ontology / "data" / "latin1.ttl"
    bad.write_bytes(b"# ok\n# caf\xe9\n")
    with pytest.raises(OntologySyntaxError, match=r"latin1\.ttl:2: not valid UTF-8"):
        load_dataset(tiny_ontology)


def test_folder_without_tbox_is_refused(tmp_path):
    with pytest.raises(OntologyFileError, match=r"has no smp\.ttl"):
        load_dataset(tmp_path)
