from rdflib import URIRef
from rdflib.namespace import RDF

from graphkit.graph.load import parse_turtle
from graphkit.graph.namespaces import BASE, PREFIXES, SMP, curie
from graphkit.graph.ontology import default_ontology_dir

ONTOLOGY = default_ontology_dir()


def test_smp_terms_are_exactly_those_smp_ttl_defines():
    tbox = parse_turtle(ONTOLOGY / "smp.ttl")
    defined = {
        str(s)[len(BASE) :]
        for s in tbox.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(BASE) and "/" not in str(s)[len(BASE) :]
    }
    defined.discard("")
    assert defined, "smp.ttl defines no term"
    assert defined == set(SMP.__annotations__)


def test_misspelt_term_raises():
    try:
        SMP.Rol  # noqa: B018
    except AttributeError as err:
        assert "Rol" in str(err)
    else:
        raise AssertionError("SMP.Rol should not exist")


def test_instance_prefixes_are_under_the_base():
    for prefix in ("role", "skill", "platform", "tool", "credential", "transition", "source"):
        assert str(PREFIXES[prefix]) == f"{BASE}{prefix}/"


def test_curie_prefers_the_longest_namespace():
    assert curie(BASE + "platform-use/cm--tiktok") == "platformuse:cm--tiktok"
    assert curie(BASE + "platform/tiktok") == "platform:tiktok"
