import pytest

from graphkit.errors import AmbiguousName, TermNotFound
from graphkit.graph.concepts import describe, name_entries, resolve
from graphkit.graph.names import NameIndex, normalize
from graphkit.graph.namespaces import PREFIXES

ROLE = PREFIXES["role"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("web writer", "writer"),
        ("Rédacteur Web", "writer"),
        ("redacteur web", "writer"),
        ("RÉDACTRICE WEB", "writer"),
        ("  web   writer ", "writer"),
        ("cm", "community-manager"),
        ("role:community-manager", "community-manager"),
        ("https://w3id.org/smp/role/strategist", "strategist"),
        ("strategist", "strategist"),
        ("stratège social media", "strategist"),
    ],
)
def test_resolve_by_label_altlabel_or_iri(tiny, name, expected):
    assert resolve(tiny, name) == str(ROLE[expected])


def test_resolve_filters_by_kind(tiny):
    assert resolve(tiny, "editing", kind="skill").endswith("/skill/editing")
    with pytest.raises(TermNotFound):
        resolve(tiny, "editing", kind="role")


def test_unknown_name_suggests_the_closest(tiny):
    with pytest.raises(TermNotFound) as info:
        resolve(tiny, "comunity manger")
    assert info.value.suggestions[0] == "community manager"
    assert "did you mean community manager" in str(info.value)
    assert info.value.exit_code == 2


def test_unknown_name_far_from_everything_suggests_nothing(tiny):
    with pytest.raises(TermNotFound) as info:
        resolve(tiny, "astronaut")
    assert info.value.suggestions == []
    assert str(info.value) == "no concept named 'astronaut'"


def test_preflabel_beats_altlabel_and_ties_are_ambiguous(tiny):
    from rdflib import Literal
    from rdflib.namespace import SKOS

    tiny.graph(PREFIXES["smp"]["graph/tiny"]).add(
        (ROLE["editor"], SKOS.altLabel, Literal("web writer", lang="en"))
    )
    assert resolve(tiny, "web writer") == str(ROLE["writer"])
    tiny.graph(PREFIXES["smp"]["graph/tiny"]).add(
        (ROLE["editor"], SKOS.altLabel, Literal("CM", lang="en"))
    )
    with pytest.raises(AmbiguousName, match="several concepts"):
        resolve(tiny, "CM")


def test_index_is_reusable(tiny):
    index = NameIndex(name_entries(tiny))
    assert index.resolve("CM") == index.resolve("community manager")


def test_normalize_folds_typographic_apostrophes():
    assert normalize("chargé d’études") == normalize("Charge d'etudes")


def test_describe_role_lists_links_with_evidence(tiny):
    d = describe(tiny, str(ROLE["community-manager"]))
    by_type = {}
    for link in d["links"]:
        by_type.setdefault((link["type"], link["direction"]), []).append(link)
    skills = by_type[("SkillRequirement", "out")]
    assert [s["other_label"]["en"] for s in skills] == ["moderation", "writing", "analytics"]
    assert skills[0] == {
        "iri": "https://w3id.org/smp/requirement/community-manager--moderation",
        "type": "SkillRequirement",
        "direction": "out",
        "other": "https://w3id.org/smp/skill/moderation",
        "other_kind": "skill",
        "other_label": {"en": "moderation", "fr": "modération"},
        "importance": "essential",
        "evidence": "stated",
        "weight": 0.9,
        "sources": [
            {
                "iri": "https://w3id.org/smp/source/tiny",
                "label": {"en": "Tiny example article", "fr": "Petit article d'exemple"},
            }
        ],
    }
    incoming = by_type[("Transition", "in")]
    assert sorted(t["other_label"]["en"] for t in incoming) == ["video editor", "web writer"]
    outgoing = by_type[("Transition", "out")]
    assert [(t["other"], t["kind"], t["typical_years"]) for t in outgoing] == [
        (str(ROLE["strategist"]), "progression", 3.0)
    ]
    assert [p["other_label"]["en"] for p in by_type[("PlatformUse", "out")]] == ["TikTok"]
    assert by_type[("ToolUse", "out")][0]["evidence"] == "curated"


def test_describe_platform_shows_roles_and_claims(tiny):
    d = describe(tiny, "https://w3id.org/smp/platform/tiktok")
    assert d["kind"] == "platform"
    assert [(k["type"], k["direction"], k["other_label"]["en"]) for k in d["links"]] == [
        ("PlatformUse", "in", "community manager"),
        ("ToolPlatform", "in", "Canva"),
    ]
    assert d["claims"][0]["statement"] == {"en": "TikTok is emerging.", "fr": "TikTok émerge."}


def test_describe_unknown_iri(tiny):
    with pytest.raises(TermNotFound):
        describe(tiny, "https://w3id.org/smp/role/nobody")
