import pytest

from graphkit.routes.projection import INFERENCE, to_knowledge_graph, to_transition_graph

ROLE = "https://w3id.org/smp/role/"
SKILL = "https://w3id.org/smp/skill/"


def test_nodes_are_iri_strings_with_labels(G):
    assert sorted(G) == [ROLE + r for r in ("community-manager", "editor", "strategist", "writer")]
    assert all(type(n) is str for n in G)
    assert G.nodes[ROLE + "writer"]["label"] == "web writer"
    assert G.nodes[ROLE + "writer"]["labels"] == {"en": "web writer", "fr": "rédacteur web"}


def test_curated_edges_carry_the_transition(G):
    d = G.edges[ROLE + "community-manager", ROLE + "strategist"]
    assert d["transition"] == "https://w3id.org/smp/transition/community-manager--strategist"
    assert (d["kind"], d["years"], d["weight"], d["evidence"]) == (
        "progression",
        3.0,
        0.9,
        "stated",
    )
    assert d["predicate"] == "https://w3id.org/smp/progressesTo"
    assert d["sources"] == ["https://w3id.org/smp/source/tiny"]
    # strategist needs strategy 1.0, analytics 0.8 (both essential), writing 0.5 (optional, x0.5):
    # the CM has analytics and writing: 1.05 of 2.05
    assert d["gap"] == pytest.approx(1 - 1.05 / 2.05)


@pytest.mark.parametrize(
    ("u", "v", "similarity"),
    [
        ("community-manager", "writer", 1.05 / 1.15),
        ("editor", "writer", 1.0 / 1.15),
        ("writer", "editor", 1.15 / 1.25),
    ],
)
def test_inferred_edges_by_hand(G, u, v, similarity):
    d = G.edges[ROLE + u, ROLE + v]
    assert d["evidence"] == "inferred"
    assert d["similarity"] == pytest.approx(similarity)
    assert d["gap"] == pytest.approx(1 - similarity)
    assert (d["kind"], d["years"], d["transition"], d["sources"]) == (None, None, None, [])
    assert d["method"] == INFERENCE["method"]


def test_no_inferred_edge_below_the_threshold(G):
    # the strategist covers 1.0 / 1.9 = 0.526 of the CM's requirements: under 0.6
    assert not G.has_edge(ROLE + "strategist", ROLE + "community-manager")
    assert sum(d["evidence"] == "inferred" for *_, d in G.edges(data=True)) == 3


def test_no_inferred_edge_across_more_than_one_seniority_level(tiny):
    # the strategist (senior) covers 0.9 / 1.15 = 0.78 of the writer's (entry) requirements
    G = to_transition_graph(tiny)
    assert not G.has_edge(ROLE + "strategist", ROLE + "writer")
    from rdflib import URIRef

    from graphkit.graph.namespaces import SMP

    seniority = URIRef("https://w3id.org/smp/role-seniority/strategist")
    tiny.remove((seniority, SMP.level, None))
    tiny.add((seniority, SMP.level, SMP.confirmed))  # one level above the writer
    d = to_transition_graph(tiny).edges[ROLE + "strategist", ROLE + "writer"]
    assert d["similarity"] == pytest.approx(0.9 / 1.15) and d["levels"] == -1


def test_threshold_and_infer_are_parameters(tiny):
    assert to_transition_graph(tiny, infer=False).number_of_edges() == 4
    lower = to_transition_graph(tiny, threshold=0.5)
    assert lower.has_edge(ROLE + "strategist", ROLE + "community-manager")
    assert lower.graph["inference"]["threshold"] == 0.5


def test_deprecated_roles_get_no_inferred_edges(tiny):
    from rdflib import Literal
    from rdflib.namespace import OWL

    from graphkit.graph.namespaces import GRAPH

    tiny.graph(GRAPH["tiny"]).add(
        (tiny.namespace_manager.expand_curie("role:editor"), OWL.deprecated, Literal(True))
    )
    G = to_transition_graph(tiny)
    assert G.nodes[ROLE + "editor"]["deprecated"]
    assert not G.has_edge(ROLE + "writer", ROLE + "editor")
    assert G.has_edge(ROLE + "editor", ROLE + "community-manager")  # curated stays


def test_projection_does_not_change_the_rdf_graph(tiny):
    before = len(tiny)
    to_transition_graph(tiny)
    to_knowledge_graph(tiny)
    assert len(tiny) == before


def test_knowledge_graph_is_keyed_by_predicate(tiny):
    K = to_knowledge_graph(tiny)
    kinds = {d["kind"] for _, d in K.nodes(data=True)}
    assert kinds == {"role", "skill", "platform", "tool"}
    keys = sorted({k for *_, k in K.edges(keys=True)})
    assert keys == ["leadsTo", "requiresSkill", "usesPlatform", "usesTool"]
    edge = K.edges[ROLE + "writer", ROLE + "strategist", "leadsTo"]
    assert (edge["kind"], edge["years"], edge["evidence"]) == ("reconversion", 6.0, "curated")


def test_real_projection_has_every_role_and_labels(dataset):
    G = to_transition_graph(dataset)
    assert G.number_of_nodes() >= 15
    labels = G.graph["labels"]
    assert labels["https://w3id.org/smp/Essential"] == {"en": "essential", "fr": "essentielle"}
    for _, data in G.nodes(data=True):
        assert set(data["labels"]) == {"en", "fr"}
        assert len(data["skills"]) >= 3
