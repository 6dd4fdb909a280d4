import pytest

from graphkit.errors import AmbiguousName, TermNotFound, WrongKind
from graphkit.graph.names import NameEntry, NameIndex

ROLE = "https://w3id.org/smp/role/"
SKILL = "https://w3id.org/smp/skill/"
ENTRIES = [
    NameEntry(ROLE + "community-manager", "role", "community manager", 0, "community manager"),
    NameEntry(ROLE + "community-manager", "role", "CM", 1, "community manager"),
    NameEntry(ROLE + "content-manager", "role", "content manager", 0, "content manager"),
    NameEntry(ROLE + "content-manager", "role", "CM", 1, "content manager"),
    NameEntry(
        SKILL + "community-animation", "skill", "community animation", 0, "community animation"
    ),
    NameEntry(SKILL + "moderation", "skill", "modération", 0, "moderation"),
]


def test_equal_altlabels_are_ambiguous_and_name_both():
    with pytest.raises(AmbiguousName) as info:
        NameIndex(ENTRIES).resolve("cm")
    assert [iri for iri, _ in info.value.candidates] == [
        ROLE + "community-manager",
        ROLE + "content-manager",
    ]
    assert info.value.exit_code == 2


def test_last_iri_segment_and_accents():
    index = NameIndex(ENTRIES)
    assert index.resolve("content-manager") == ROLE + "content-manager"
    assert index.resolve("MODERATION") == SKILL + "moderation"


def test_suggestions_respect_the_kind():
    index = NameIndex(ENTRIES)
    # difflib ratios: community manager .97, content manager .77, community animation .69
    assert index.suggest("comunity manager") == [
        "community manager",
        "content manager",
        "community animation",
    ]
    assert index.suggest("comunity manager", kind="skill") == ["community animation"]
    with pytest.raises(TermNotFound, match="did you mean community animation"):
        index.resolve("comunity animaton", kind="skill")


def test_kind_filter_hides_other_kinds():
    with pytest.raises(TermNotFound):
        NameIndex(ENTRIES).resolve("moderation", kind="role")


TOOL = "https://w3id.org/smp/tool/"
SENIORITY = "https://w3id.org/smp/role-seniority/"
RECORDS = [
    NameEntry(TOOL + "canva", "tool", "Canva", 0, "Canva"),
    NameEntry(
        SENIORITY + "community-manager", "role-seniority", "seniority:community-manager", 5, "x"
    ),
]


def test_a_name_of_another_kind_says_what_it_names_and_the_closest_roles():
    index = NameIndex(ENTRIES + RECORDS, closest={TOOL + "canva": [ROLE + "content-manager"]})
    with pytest.raises(WrongKind) as info:
        index.resolve("canva", kind="role")
    assert str(info.value) == "'canva' is a tool, not a role; closest roles: content manager"
    assert (info.value.iri, info.value.kind, info.value.wanted) == (
        TOOL + "canva",
        "tool",
        ("role",),
    )
    assert info.value.exit_code == 2 and isinstance(info.value, TermNotFound)
    with pytest.raises(WrongKind, match=r"'modération' is a skill, not a role or a tool$"):
        index.resolve("modération", kind=("role", "tool"))


def test_a_wrong_kind_without_closest_concepts_suggests_names():
    index = NameIndex(ENTRIES + RECORDS)
    with pytest.raises(WrongKind, match="is a role, not a skill; did you mean community animation"):
        index.resolve("community manager", kind="skill")


def test_a_record_answers_to_its_names_but_yields_to_a_concept():
    index = NameIndex(ENTRIES + RECORDS)
    assert index.resolve("community-manager") == ROLE + "community-manager"
    assert index.resolve("seniority:community-manager") == SENIORITY + "community-manager"
    assert index.kind(SENIORITY + "community-manager") == "role-seniority"
    # suggestions name concepts first, records only when no concept is close
    assert index.suggest("senority:community-manager")[0] == "community manager"
    assert index.suggest("seniority:comunity") == ["seniority:community-manager"]


def test_an_exact_preflabel_settles_a_tie():
    entries = [
        NameEntry(SKILL + "seo", "skill", "SEO", 0, "SEO"),
        NameEntry(ROLE + "seo", "role", "Seo", 0, "Seo"),
        NameEntry(TOOL + "seo", "tool", "Séo", 0, "Séo"),
    ]
    index = NameIndex(entries)
    assert index.resolve("SEO") == SKILL + "seo"  # as typed
    assert index.resolve("Seo") == ROLE + "seo"
    assert index.resolve("SÉO") == TOOL + "seo"  # case aside, accents kept
    with pytest.raises(AmbiguousName):
        index.resolve("seo")  # matches two prefLabels once case is aside
