import csv
import io
import json

import pytest
from click.testing import CliRunner

from graphkit import __version__
from graphkit.cli import cli


def run(*args, ontology=None):
    prefix = ["--ontology", str(ontology)] if ontology else []
    return CliRunner().invoke(cli, [*prefix, *args], catch_exceptions=False)


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_help_with_an_example(command):
    result = run(command, "-h")
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert cli.commands[command].help.splitlines()[0].strip()


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"graphkit, version {__version__}\n"


def test_unknown_command_is_a_usage_error():
    result = run("frobnicate")
    assert result.exit_code == 2
    assert "No such command 'frobnicate'" in result.stderr


def test_bad_format_is_a_usage_error():
    result = run("stats", "-f", "yaml")
    assert result.exit_code == 2
    assert "'yaml' is not one of 'table', 'json', 'csv'" in result.stderr


# --- on the tiny ontology: exact answers ---------------------------------------------------


def test_stats_json_counts_the_tiny_graph(tiny_ontology):
    result = run("stats", "-f", "json", ontology=tiny_ontology)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["classes"]["Role"] == 4
    assert data["classes"]["SkillRequirement"] == 12
    assert data["evidence"]["ToolUse"] == {
        "stated": 0,
        "curated": 1,
        "groupstated": 0,
        "inferred": 0,
    }
    assert data["sources"] == {"article": 1, "editorialcuration": 1}
    assert set(data["graphs"]) == {"smp", "data/tiny", "derived"}


def test_stats_csv_has_one_row_per_count(tiny_ontology):
    result = run("stats", "-f", "csv", ontology=tiny_ontology)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {"section": "class", "name": "Transition", "count": "4"} in rows
    assert [r["name"] for r in rows if r["section"] == "total"] == ["triples"]
    assert any(r["section"] == "bridge role" for r in rows)


def test_stats_table(tiny_ontology):
    result = run("stats", ontology=tiny_ontology)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["class", "count"]
    assert "Role" in lines[1] and lines[1].endswith(" 4")


def test_show_json_is_the_described_concept(tiny_ontology):
    result = run("show", "rédactrice web", "-f", "json", ontology=tiny_ontology)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["iri"] == "https://w3id.org/smp/role/writer"
    assert data["alt_labels"] == {"fr": ["rédactrice web"]}


def test_show_table_in_french(tiny_ontology):
    result = run("show", "CM", "--lang", "fr", ontology=tiny_ontology)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("community manager  (métier, role:community-manager)\n")
    assert "  séniorité: confirmé, éditorial\n" in out
    assert "Compétences requises (3)" in out
    assert "Vient de (2)" in out
    assert "rédacteur web" in out


def test_show_csv_one_row_per_link(tiny_ontology):
    result = run("show", "community manager", "-f", "csv", ontology=tiny_ontology)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    # 3 skills, 1 platform, 1 tool, 2 moves in, 1 out, its seniority
    assert len(rows) == 3 + 1 + 1 + 2 + 1 + 1
    assert {r["evidence"] for r in rows} == {"stated", "curated"}


def test_show_unknown_exits_2_with_suggestion(tiny_ontology):
    result = run("show", "comunity manger", ontology=tiny_ontology)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "Error: no concept named 'comunity manger'; did you mean community manager?\n"
    )


def test_malformed_turtle_exits_1_with_file_and_line(tiny_ontology):
    bad = tiny_ontology / "data" / "zz-bad.ttl"
    bad.write_text("@prefix smp: <https://w3id.org/smp/> .\nsmp:a smp:b .\n", encoding="utf-8")
    result = run("stats", ontology=tiny_ontology)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {bad}:2: ")
    assert "Traceback" not in result.output


def test_missing_ontology_folder_is_a_usage_error(tmp_path):
    result = run("stats", ontology=tmp_path / "nope")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


#: Moves that give each role of the tiny graph a move in and a move out (issue 13's check).
TINY_MOVES = """@prefix smp: <https://w3id.org/smp/> .
@prefix role: <https://w3id.org/smp/role/> .
@prefix transition: <https://w3id.org/smp/transition/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix source: <https://w3id.org/smp/source/> .
transition:strategist--editor a smp:Transition ; smp:fromRole role:strategist ;
    smp:toRole role:editor ; smp:transitionKind smp:Lateral ; smp:weight 0.3 ;
    smp:evidence smp:Stated ; prov:wasDerivedFrom source:tiny .
transition:editor--writer a smp:Transition ; smp:fromRole role:editor ;
    smp:toRole role:writer ; smp:transitionKind smp:Lateral ; smp:weight 0.3 ;
    smp:evidence smp:Stated ; prov:wasDerivedFrom source:tiny .
"""


def test_validate_tiny_without_moves_in_and_out_fails_the_check(tiny_ontology):
    result = run("validate", "-f", "json", ontology=tiny_ontology)
    findings = json.loads(result.stdout)["findings"]
    found = {(f["focus"], f["value"]) for f in findings if f["severity"] == "Violation"}
    assert found == {("role:editor", "in"), ("role:writer", "in"), ("role:strategist", "out")}
    assert result.exit_code == 1


def test_validate_tiny_conforms(tiny_ontology):
    (tiny_ontology / "data" / "moves.ttl").write_text(TINY_MOVES, encoding="utf-8")
    result = run("validate", "-f", "json", ontology=tiny_ontology)
    data = json.loads(result.stdout)
    assert [f for f in data["findings"] if f["severity"] == "Violation"] == []
    assert data["conforms"] is True
    assert result.exit_code == 0


def test_validate_reports_a_broken_transition_and_exits_1(tiny_ontology):
    extra = tiny_ontology / "data" / "loop.ttl"
    extra.write_text(
        """@prefix smp: <https://w3id.org/smp/> .
@prefix role: <https://w3id.org/smp/role/> .
@prefix transition: <https://w3id.org/smp/transition/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix source: <https://w3id.org/smp/source/> .
transition:writer--writer a smp:Transition ; smp:fromRole role:writer ; smp:toRole role:writer ;
    smp:transitionKind smp:Lateral ; smp:typicalYears -1 ; smp:weight 0.5 ;
    smp:evidence smp:Stated ; prov:wasDerivedFrom source:tiny .
""",
        encoding="utf-8",
    )
    result = run("validate", ontology=tiny_ontology)
    assert result.exit_code == 1
    assert result.stdout.startswith("does not conform: ")
    assert "transition:writer--writer (data/loop.ttl)" in result.stdout
    assert "smp:typicalYears" in result.stdout


# --- on the real graph: the named cases ---------------------------------------------

CM = "https://w3id.org/smp/role/community-manager"


@pytest.mark.parametrize("name", ["gestionnaire de communauté", "CM", "community manager"])
def test_show_finds_the_community_manager(name):
    result = run("show", name, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["iri"] == CM


def test_show_misspelt_community_manager_suggests_it():
    result = run("show", "comunity manger")
    assert result.exit_code == 2
    assert "did you mean community manager" in result.stderr


def test_real_graph_validates():
    result = run("validate")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.startswith("conforms: 0 violation(s)")


# --- routes, gaps, suggestions, roles --------------------------------------------------------


def test_path_table_on_the_tiny_graph(tiny_ontology):
    result = run("path", "web writer", "social media strategist", ontology=tiny_ontology)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Route 1 of 1 · cost 4.44 · 5 years · 2 moves · evidence: stated"
    assert lines[1] == "web writer → community manager → social media strategist"
    assert "  1. web writer → community manager" in lines
    assert "     to gain: analytics (optional 0.4, tiny)" in lines


def test_path_json_is_labelled(tiny_ontology):
    result = run(
        "path",
        "rédacteur web",
        "stratège social media",
        "--k",
        "3",
        "-f",
        "json",
        ontology=tiny_ontology,
    )
    data = json.loads(result.stdout)
    assert data["source"] == {
        "iri": "https://w3id.org/smp/role/writer",
        "label": {"en": "web writer", "fr": "rédacteur web"},
    }
    assert len(data["routes"]) == 3
    step = data["routes"][0]["steps"][0]
    assert step["to_gain"][0]["skill"]["label"]["fr"] == "analytics"
    assert step["sources"][0]["iri"] == "https://w3id.org/smp/source/tiny"


def test_path_csv_one_row_per_step(tiny_ontology):
    result = run(
        "path", "web writer", "strategist", "--k", "2", "-f", "csv", ontology=tiny_ontology
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["route"], r["step"], r["to"]) for r in rows] == [
        ("1", "1", "community manager"),
        ("1", "2", "social media strategist"),
        ("2", "1", "social media strategist"),
    ]


def test_path_constraints_from_the_command_line(tiny_ontology):
    result = run(
        "path", "web writer", "strategist", "--avoid", "CM", "-f", "json", ontology=tiny_ontology
    )
    assert [len(r["roles"]) for r in json.loads(result.stdout)["routes"]] == [2]
    result = run(
        "path",
        "web writer",
        "strategist",
        "--via",
        "video editor",
        "--weight",
        "years",
        "-f",
        "json",
        ontology=tiny_ontology,
    )
    # 2.5 assumed years (writer → editor, inferred, one level up) + 1 + 3
    assert json.loads(result.stdout)["routes"][0]["total"] == 6.5


def test_path_no_route_exits_1_with_the_reason(tiny_ontology):
    result = run("path", "video editor", "strategist", "--max-steps", "1", ontology=tiny_ontology)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: no route from 'video editor' to 'social media strategist' within 1 step "
        "(the shortest takes 2)\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["path", "web writer", "web writer"], "is both the start and the goal"),
        (["path", "web writr", "strategist"], "did you mean web writer?"),
        (["path", "writing", "strategist"], "'writing' is a skill, not a role; closest roles: "),
        (["path", "web writer", "strategist", "--k", "0"], "0 is not in the range"),
    ],
)
def test_path_usage_errors_exit_2(tiny_ontology, args, message):
    result = run(*args, ontology=tiny_ontology)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_gap_in_french(tiny_ontology):
    result = run("gap", "web writer", "CM", "--lang", "fr", ontology=tiny_ontology)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "rédacteur web → community manager: déjà couvert 89%",
        "  à acquérir (1): analytics (optionnelle 0.4, tiny)",
        "  déjà acquis (2): modération (essentielle 0.9, tiny), rédaction (essentielle 0.8, tiny)",
        "  outils à apprendre: Canva",
        "  plateformes à apprendre: TikTok",
    ]


def test_suggest_resolves_skill_names(tiny_ontology):
    result = run(
        "suggest", "--skills", "rédaction, modération", "-f", "json", ontology=tiny_ontology
    )
    ranked = json.loads(result.stdout)["suggestions"]
    assert [r["role"]["iri"].rsplit("/", 1)[1] for r in ranked] == [
        "writer",
        "community-manager",
        "strategist",
        "editor",
    ]
    result = run("suggest", "--skills", "moderaton", ontology=tiny_ontology)
    assert result.exit_code == 2
    assert "did you mean moderation?" in result.stderr


def test_suggest_from_a_role_table(tiny_ontology):
    result = run("suggest", "--role", "web writer", "--limit", "2", ontology=tiny_ontology)
    assert result.exit_code == 0
    header, first, second = result.stdout.splitlines()[:3]
    assert header.split() == ["rank", "role", "coverage", "missing", "essential", "transition"]
    assert first.split() == ["1", "video", "editor", "92%", "0", "inferred"]
    assert second.split()[:3] == ["2", "community", "manager"]


def test_suggest_without_skills_or_role_exits_2(tiny_ontology):
    result = run("suggest", ontology=tiny_ontology)
    assert result.exit_code == 2
    assert "give at least one skill, tool or platform, or a current role" in result.stderr


def test_roles_lists_every_role(tiny_ontology):
    result = run("roles", "-f", "json", ontology=tiny_ontology)
    rows = json.loads(result.stdout)
    assert [r["role"] for r in rows] == [
        "role:community-manager",
        "role:strategist",
        "role:editor",
        "role:writer",
    ]
    assert rows[0] == {
        "role": "role:community-manager",
        "label_en": "community manager",
        "label_fr": "community manager",
        "skills": 3,
        "moves_in": 2,
        "moves_out": 1,
        "cluster": 1,
        "deprecated": "",
    }


def test_real_path_in_french_from_a_french_name():
    result = run("path", "chargé de communication web", "social media manager", "--lang", "fr")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Parcours 1 sur 1 · coût ")
    assert lines[1] == "chargé de communication web → social media manager"
    assert "progression · confirmé → senior · 5 ans · énoncé" in lines[4]
    assert "à acquérir:" in result.stdout


def test_real_path_k3_has_three_distinct_routes_by_cost():
    result = run("path", "community manager", "social media strategist", "--k", "3", "-f", "json")
    routes = json.loads(result.stdout)["routes"]
    assert len(routes) == 3
    assert len({tuple(r["iri"] for r in route["roles"]) for route in routes}) == 3
    assert [r["cost"] for r in routes] == sorted(r["cost"] for r in routes)


def test_next_json_ranks_reachable_roles_by_net_cost():
    result = run("next", "community manager", "--steps", "2", "--limit", "5", "-f", "json")
    assert result.exit_code == 0, result.stderr
    routes = json.loads(result.stdout)["routes"]
    assert len(routes) == 5
    assert [r["net_cost"] for r in routes] == sorted(r["net_cost"] for r in routes)
    assert all(r["net_cost"] == pytest.approx(r["cost"] - 0.625 * r["levels"]) for r in routes)
    assert all(r["roles"][0]["iri"] == CM for r in routes)
    assert all(r["years"] == r["known_years"] + r["assumed_years"] for r in routes)


def test_next_table_in_french_and_csv():
    table = run("next", "community manager", "--lang", "fr")
    assert table.exit_code == 0
    assert table.stdout.startswith("Où aller depuis community manager")
    assert "social media manager" in table.stdout
    csv = run("next", "community manager", "-f", "csv")
    assert csv.stdout.splitlines()[0] == ",".join(
        (
            "rank",
            "role",
            "level",
            "cost",
            "net_cost",
            "years",
            "assumed_years",
            "moves",
            "via",
            "to_gain",
            "evidence",
        )
    )


def test_next_unknown_role_is_a_usage_error_without_traceback():
    result = run("next", "astronaut")
    assert result.exit_code != 0
    assert "Traceback" not in result.stderr
