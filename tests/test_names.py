import pytest

from graphkit.errors import AmbiguousName, TermNotFound
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
