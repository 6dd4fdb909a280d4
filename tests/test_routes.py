"""Issue 13: the table of expected routes and forbidden single moves holds on the real graph.

At ESCO scale too, when the ESCO v1.1.1 export is beside the clone (../shared/data/esco-v1.1.1):
it is imported into a temporary folder once for the module.
"""

import runpy
import tomllib
from pathlib import Path

import pytest

from graphkit.routes.analysis import skill_gap
from graphkit.routes.compiled import load_compiled
from graphkit.routes.paths import next_moves, transition_path

ROLE = "https://w3id.org/smp/role/"
ROOT = Path(__file__).parent.parent
TABLE = tomllib.loads((Path(__file__).parent / "data" / "routes.toml").read_text("utf-8"))
EXPECTED = TABLE["expected"]
FORBIDDEN = TABLE["forbidden"]
ESCO_EXPECTED = TABLE["esco_expected"]
ESCO_FORBIDDEN = TABLE["esco_forbidden"]
OPERATIONAL = ("entry", "confirmed")
ESCO_EXPORT = ROOT.parent / "shared" / "data" / "esco-v1.1.1"
needs_esco = pytest.mark.skipif(
    not ESCO_EXPORT.is_dir(),
    reason=f"the ESCO v1.1.1 export is not beside this clone ({ESCO_EXPORT})",
)
REVIEW = runpy.run_path(str(ROOT / "benchmarks" / "route_review.py"))
COMMITTED = (ROOT / "docs" / "route-review.md").read_text(encoding="utf-8")
ESCO_PART = COMMITTED.index("\n## With ESCO")
STALE = (
    "docs/route-review.md is stale: run "
    ".venv/bin/python benchmarks/route_review.py > docs/route-review.md"
)


def _id(row):
    return f"{row['from']}->{row['to']}"


@pytest.fixture(scope="module")
def real(dataset):
    from graphkit.routes.projection import to_transition_graph

    return to_transition_graph(dataset)


def test_the_table_has_rows():
    assert EXPECTED and FORBIDDEN


@pytest.mark.parametrize("row", EXPECTED, ids=[_id(r) for r in EXPECTED])
def test_expected_best_route(real, row):
    route = transition_path(real, ROLE + row["from"], ROLE + row["to"])
    assert [r.rsplit("/", 1)[1] for r in route["roles"]] == row["route"]


@pytest.mark.parametrize("row", FORBIDDEN, ids=[_id(r) for r in FORBIDDEN])
def test_forbidden_single_move(real, row):
    assert not real.has_edge(ROLE + row["from"], ROLE + row["to"])


def test_no_single_move_between_an_operational_role_and_the_director(real):
    director = ROLE + "communication-director"
    assert real.nodes[director]["seniority"] == "executive"
    into = [u for u in real.predecessors(director) if real.nodes[u]["seniority"] in OPERATIONAL]
    assert not into, f"operational roles moving straight to the director: {into}"
    out = [v for v in real.successors(director) if real.nodes[v]["seniority"] in OPERATIONAL]
    assert not out, f"the director moving straight to operational roles: {out}"


def test_no_move_jumps_more_than_one_level_unless_its_years_explain_it(real):
    """Group-stated and inferred moves never climb or descend more than one level; a move that
    does has known years (2.5 a level explain the climb, or it is flagged)."""
    for u, v, d in real.edges(data=True):
        if abs(d["levels"]) > 1:
            assert d["evidence"] in ("stated", "curated") and d["years"] is not None, (u, v)


def test_every_role_has_a_seniority(real):
    missing = [r for r in real if real.nodes[r]["seniority"] is None]
    assert not missing


def assert_cumulative(G, route):
    """No step asks to gain what the start or an earlier role gave, nor what `gap` carries over;
    the route's total lists each skill once."""
    start = route["roles"][0]
    carried = {c["skill"] for c in skill_gap(G, start, route["roles"][-1])["carried"]}
    held = set(G.nodes[start]["skills"])
    for step in route["steps"]:
        asked = {g["skill"] for g in step["to_gain"]}
        assert not asked & held, f"{step['from']} → {step['to']} asks for {asked & held}"
        assert not asked & carried, "a step asks to gain what `gap` says is carried over"
        held |= set(G.nodes[step["to"]]["skills"])
    total = [g["skill"] for g in route["to_gain"]]
    assert len(total) == len(set(total))


@pytest.mark.parametrize("row", EXPECTED, ids=[_id(r) for r in EXPECTED])
def test_cumulative_gaps_and_gap_agree(real, row):
    assert_cumulative(real, transition_path(real, ROLE + row["from"], ROLE + row["to"]))


@pytest.mark.parametrize("pair", REVIEW["PAIRS"], ids=[" → ".join(p) for p in REVIEW["PAIRS"]])
def test_cumulative_gaps_on_every_route_of_the_review(pair):
    compiled = load_compiled()
    resolve = compiled.names.resolve
    G = compiled.transitions
    assert_cumulative(G, transition_path(G, *(resolve(name, kind="role") for name in pair)))


@pytest.mark.parametrize("inferred", [False, True])
def test_next_from_community_manager_ranks_social_media_manager_near_the_top(real, inferred):
    """Seed 003's progression (5 years, entry → senior) against 2-year lateral moves and moves
    with assumed years: its five years are its climb."""
    moves = next_moves(real, ROLE + "community-manager", inferred=inferred)
    ranked = [r["roles"][-1] for r in moves]
    assert ROLE + "social-media-manager" in ranked[:3], ranked[:6]
    smm = moves[ranked.index(ROLE + "social-media-manager")]
    assert not smm["steps"][0]["level_jump"]


def test_route_review_is_fresh_on_the_curated_graph():
    """docs/route-review.md is the output of benchmarks/route_review.py on the current data."""
    curated = REVIEW["HEADER"] + REVIEW["curated_review"]()
    assert curated.count("\n### ") == len(REVIEW["PAIRS"]) == 15
    assert curated == COMMITTED[:ESCO_PART], STALE


# --- at ESCO scale ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def merged():
    """The curated graph merged with the ESCO export (imported into a temporary folder)."""
    return REVIEW["merged_projection"](ESCO_EXPORT)


@needs_esco
def test_route_review_is_fresh_with_esco(merged):
    esco = REVIEW["esco_review"](*merged)
    assert esco.count("\n### ") == len(REVIEW["ESCO_PAIRS"]) == 15
    assert esco == COMMITTED[ESCO_PART:], STALE


@needs_esco
@pytest.mark.parametrize(
    "pair", REVIEW["ESCO_PAIRS"], ids=[" → ".join(p) for p in REVIEW["ESCO_PAIRS"]]
)
def test_cumulative_gaps_on_every_esco_route_of_the_review(merged, pair):
    compiled, _ = merged
    G, resolve = compiled.transitions, compiled.names.resolve
    assert_cumulative(G, transition_path(G, *(resolve(name, kind="role") for name in pair)))


def test_the_esco_table_has_rows():
    assert len(ESCO_EXPECTED) >= 12 and ESCO_FORBIDDEN


@needs_esco
@pytest.mark.parametrize("row", ESCO_EXPECTED, ids=[_id(r) for r in ESCO_EXPECTED])
def test_expected_best_route_with_esco(merged, row):
    compiled, _ = merged
    G, resolve = compiled.transitions, compiled.names.resolve
    route = transition_path(G, resolve(row["from"], kind="role"), resolve(row["to"], kind="role"))
    assert [G.nodes[r]["label"] for r in route["roles"]] == row["route"]


@needs_esco
@pytest.mark.parametrize("row", ESCO_FORBIDDEN, ids=[_id(r) for r in ESCO_FORBIDDEN])
def test_forbidden_single_move_with_esco(merged, row):
    compiled, _ = merged
    resolve = compiled.names.resolve
    u, v = resolve(row["from"], kind="role"), resolve(row["to"], kind="role")
    assert u in compiled.transitions and v in compiled.transitions
    assert not compiled.transitions.has_edge(u, v)
