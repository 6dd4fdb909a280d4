"""Role suggestions on the tiny graph, against answers computed by hand.

Requirements (weight × importance; optional counts half), tools and platforms (weight × 0.5):
    writer      writing .9, moderation .15, editing .1        skills 1.15
    editor      editing 1.0, writing .15, analytics .1        skills 1.25
    CM          moderation .9, writing .8, analytics .2       skills 1.9, Canva .25, TikTok .35
    strategist  strategy 1.0, analytics .8, writing .25       skills 2.05
Canva serves editing (weight .6: held .3) and integrates with TikTok (.6: held .3).
"""

import pytest

from graphkit.errors import InvalidArgument, TermNotFound, WrongKind
from graphkit.graph.concepts import name_entries
from graphkit.graph.names import NameIndex
from graphkit.routes.suggestions import held_profile, suggest, suggest_roles

ROLE = "https://w3id.org/smp/role/"
SKILL = "https://w3id.org/smp/skill/"
CANVA = "https://w3id.org/smp/tool/canva"
TIKTOK = "https://w3id.org/smp/platform/tiktok"


def short(items, key):
    return [i[key].rsplit("/", 1)[1] for i in items]


def test_suggest_from_a_current_role(G):
    ranked = suggest(G, [], current_role=ROLE + "writer")
    assert short(ranked, "role") == ["editor", "community-manager", "strategist"]
    assert [r["coverage"] for r in ranked] == pytest.approx([1.15 / 1.25, 1.7 / 1.9, 0.25 / 2.05])
    assert [r["transition"] for r in ranked] == ["inferred", "stated", "curated"]


def test_suggest_adds_skills_to_the_current_role(G):
    ranked = suggest(G, [SKILL + "strategy", SKILL + "analytics"], current_role=ROLE + "writer")
    # now every other role is fully covered: the tie is broken by IRI
    assert short(ranked, "role") == ["community-manager", "editor", "strategist"]
    assert [r["coverage"] for r in ranked] == pytest.approx([1.0, 1.0, 1.0])
    assert all(r["missing"] == [] for r in ranked)


def test_suggest_leaves_out_the_roles_it_holds_nothing_of(G):
    ranked = suggest(G, [SKILL + "moderation"])
    # CM: .9 of 1.9, missing writing (E); writer: .15 of 1.15; editor, strategist: nothing
    assert short(ranked, "role") == ["community-manager", "writer"]
    assert [r["coverage"] for r in ranked] == pytest.approx([0.9 / 1.9, 0.15 / 1.15])
    assert short(ranked[0]["missing"], "skill") == ["writing", "analytics"]


def test_suggest_limit_and_errors(G):
    assert len(suggest(G, [SKILL + "writing"], limit=2)) == 2
    with pytest.raises(InvalidArgument, match="at least one skill, tool or platform"):
        suggest(G, [])
    with pytest.raises(TermNotFound):
        suggest(G, [], current_role=ROLE + "astronaut")


def test_a_tool_counts_as_itself_and_in_part_as_what_it_serves(G):
    ranked = suggest(G, tools=[CANVA])
    # editor: editing held .3 of 1.25; CM: Canva .25 + TikTok .3 x .35, of 1.9 + .25 + .35;
    # writer: editing .3 x .1 of 1.15; the strategist holds nothing of it
    assert short(ranked, "role") == ["editor", "community-manager", "writer"]
    assert [r["coverage"] for r in ranked] == pytest.approx(
        [0.3 / 1.25, (0.25 + 0.3 * 0.35) / 2.5, 0.03 / 1.15]
    )
    cm = ranked[1]
    assert cm["parts"] == pytest.approx({"skills": 0.0, "tools": 1.0, "platforms": 0.3})
    assert cm["tools"] == [{"tool": CANVA, "weight": 0.5, "held": 1.0, "through": []}]
    assert cm["platforms"] == [
        {"platform": TIKTOK, "weight": 0.7, "held": pytest.approx(0.3), "through": [CANVA]}
    ]
    assert ranked[0]["matched"][0]["through"] == [CANVA]
    assert ranked[0]["matched"][0]["held"] == pytest.approx(0.3)


def test_a_platform_alone_is_weighed_on_platforms_alone(G):
    ranked = suggest(G, platforms=[TIKTOK])
    assert short(ranked, "role") == ["community-manager"]
    assert ranked[0]["coverage"] == pytest.approx(1.0)
    assert ranked[0]["parts"] == {"platforms": 1.0}


def test_a_skill_and_a_platform(G):
    ranked = suggest(G, [SKILL + "editing"], platforms=[TIKTOK])
    # editor 1.0 of 1.25 (no platform); CM .35 of 1.9 + .35; writer .1 of 1.15
    assert short(ranked, "role") == ["editor", "community-manager", "writer"]
    assert [r["coverage"] for r in ranked] == pytest.approx([0.8, 0.35 / 2.25, 0.1 / 1.15])


def test_what_is_named_counts_fully_even_when_a_tool_serves_it(G):
    held = held_profile(G, [SKILL + "editing"], [CANVA])
    assert held["skills"][SKILL + "editing"] == {"held": 1.0, "through": []}
    assert held["platforms"][TIKTOK]["held"] == pytest.approx(0.3)
    ranked = suggest(G, [SKILL + "editing"], tools=[CANVA])
    assert ranked[0]["role"] == ROLE + "editor"
    assert ranked[0]["coverage"] == pytest.approx(0.8)


def test_a_current_role_and_a_tool(G):
    ranked = suggest(G, tools=[CANVA], current_role=ROLE + "writer")
    # the writer holds writing, moderation and editing: editor 1.15 of 1.25;
    # CM (1.7 + .25 + .3 x .35) of 2.5; strategist writing .25 of 2.05
    assert short(ranked, "role") == ["editor", "community-manager", "strategist"]
    assert [r["coverage"] for r in ranked] == pytest.approx([0.92, 2.055 / 2.5, 0.25 / 2.05])


@pytest.fixture
def names(tiny):
    return NameIndex(name_entries(tiny))


def test_suggest_roles_says_what_each_term_matched(G, names):
    found = suggest_roles(G, names, "Canva, montage, tiktok, editing")
    assert [(t["term"], t["kind"]) for t in found["terms"]] == [
        ("Canva", "tool"),
        ("montage", "skill"),
        ("tiktok", "platform"),
        ("editing", "skill"),
    ]
    assert found["terms"][0]["serves"] == [SKILL + "editing"]
    assert found["terms"][0]["integrates_with"] == [TIKTOK]
    assert found["skills"] == [SKILL + "editing"]  # once, though named twice
    assert (found["tools"], found["platforms"], found["role"]) == ([CANVA], [TIKTOK], None)
    assert found["suggestions"] == suggest(
        G, [SKILL + "editing"], tools=[CANVA], platforms=[TIKTOK]
    )


def test_suggest_roles_refuses_a_role_among_the_terms(G, names):
    with pytest.raises(
        WrongKind, match="'web writer' is a role, not a skill, a tool or a platform"
    ):
        suggest_roles(G, names, "writing, web writer")
    with pytest.raises(WrongKind, match="'Canva' is a tool, not a role"):
        suggest_roles(G, names, "writing", current_role="Canva")
