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
    assert data["evidence"]["ToolUse"] == {"stated": 0, "curated": 1, "inferred": 0}
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
    assert out.startswith("community manager  (role, role:community-manager)\n")
    assert "Compétences requises (3)" in out
    assert "Vient de (2)" in out
    assert "rédacteur web" in out


def test_show_csv_one_row_per_link(tiny_ontology):
    result = run("show", "community manager", "-f", "csv", ontology=tiny_ontology)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 3 + 1 + 1 + 2 + 1
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


def test_validate_tiny_conforms(tiny_ontology):
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
