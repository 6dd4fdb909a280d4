"""The ESCO import (a synthetic export in ESCO's CSV columns) and routes across it."""

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.esco.imported import ESCO_GRAPH, find_imported, import_esco
from graphkit.esco.merge import load_compiled
from graphkit.esco.reader import EscoFileError, read_export
from graphkit.routes.paths import transition_paths

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "esco-v1.1.1"
OCC = "http://data.europa.eu/esco/occupation/"
SKILL = "http://data.europa.eu/esco/skill/"
#: ESCO's online community manager, aligned to graphkit's community manager (exactMatch) and
#: social media manager (closeMatch) in ontology/data/alignments.ttl.
OCM = OCC + "137b1d11-c4bc-4016-89ba-45345d4c71f0"
TRADER = OCC + "00000000-0000-0000-0000-000000000001"
BAKER = OCC + "00000000-0000-0000-0000-000000000002"
KPI = SKILL + "8dcbcabe-09f7-4d11-940d-125af57bbc40"  # skill:performance-measurement
COPY = SKILL + "ce592b28-4467-4908-b2e6-64bbe18da631"  # skill:copywriting
SEO = SKILL + "a0bf9b9d-e53f-418c-a839-5d99eff718fe"  # skill:seo
CASH = SKILL + "00000000-0000-0000-0000-00000000000a"
BAKE = SKILL + "00000000-0000-0000-0000-00000000000b"

#: ISCO-08 groups as ESCO publishes them, with the sentence of the ILO definitions that states
#: the skill level (none for the unit groups).
ISCO_GROUPS = [
    (
        "2",
        "Professionals",
        "Professionals increase the existing stock of knowledge. Competent performance in most "
        "occupations in this major group requires skills at the fourth ISCO skill level.",
    ),
    ("2432", "Public relations professionals", "Public relations professionals plan …"),
    (
        "5",
        "Service and sales workers",
        "  Competent performance in most occupations in this major group requires skills at "
        "the second ISCO skill level.",
    ),
    (
        "52",
        "Sales workers",
        " Competent performance in most occupations in this sub-major group requires skills at "
        "the second ISCO skill level.",
    ),
    ("5211", "Stall and market salespersons", "Stall and market salespersons sell …"),
    ("7512", "Bakers, pastry-cooks and confectionery makers", "Bakers … make bread …"),
]

OCCUPATION_COLUMNS = [
    "conceptType",
    "conceptUri",
    "iscoGroup",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "regulatedProfessionNote",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
    "code",
]
SKILL_COLUMNS = [
    "conceptType",
    "conceptUri",
    "skillType",
    "reuseLevel",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
]


def _csv(columns, rows) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return out.getvalue()


def export_files(**overrides) -> dict[str, dict[str, str]]:
    """The synthetic export: zip name → CSV name → text."""
    occupations = [
        {
            "conceptUri": OCM,
            "iscoGroup": "2432",
            "preferredLabel": "online community manager",
            "altLabels": "social media community manager\nonline community coordinator",
        },
        {
            "conceptUri": TRADER,
            "iscoGroup": "5211",
            "preferredLabel": "market stall trader",
            "altLabels": "stallholder",
        },
        {"conceptUri": BAKER, "iscoGroup": "7512", "preferredLabel": "artisan baker"},
    ]
    skills = [
        {"conceptUri": KPI, "skillType": "skill/competence", "preferredLabel": "track KPIs"},
        {"conceptUri": COPY, "skillType": "skill/competence", "preferredLabel": "copywriting"},
        {"conceptUri": SEO, "skillType": "skill/competence", "preferredLabel": "do SEO"},
        {
            "conceptUri": CASH,
            "skillType": "skill/competence",
            "preferredLabel": "handle cash",
            "altLabels": "manage till",
        },
        {"conceptUri": BAKE, "skillType": "knowledge", "preferredLabel": "bread baking"},
    ]
    relations = [
        (OCM, "essential", KPI),
        (OCM, "essential", COPY),
        (OCM, "optional", SEO),
        (TRADER, "essential", CASH),
        (TRADER, "essential", KPI),
        (TRADER, "optional", COPY),
        (BAKER, "essential", BAKE),
        (BAKER, "optional", CASH),
    ]
    classification = {
        "occupations_en.csv": _csv(OCCUPATION_COLUMNS, occupations),
        "skills_en.csv": _csv(SKILL_COLUMNS, skills),
        "ISCOGroups_en.csv": _csv(
            ["conceptType", "conceptUri", "code", "preferredLabel", "description"],
            [
                {
                    "conceptUri": f"http://data.europa.eu/esco/isco/C{code}",
                    "code": code,
                    "preferredLabel": label,
                    "description": text,
                }
                for code, label, text in ISCO_GROUPS
            ],
        ),
    }
    relation_files = {
        "occupationSkillRelations.csv": _csv(
            ["occupationUri", "relationType", "skillType", "skillUri"],
            [
                {
                    "occupationUri": o,
                    "relationType": t,
                    "skillType": "skill/competence",
                    "skillUri": s,
                }
                for o, t, s in relations
            ],
        ),
        "broaderRelationsSkillPillar.csv": _csv(
            ["conceptType", "conceptUri", "broaderType", "broaderUri"],
            [{"conceptUri": SEO, "broaderUri": KPI}],
        ),
    }
    files = {"classification-en-csv.zip": classification, "relations-csv.zip": relation_files}
    for name, text in overrides.items():
        for members in files.values():
            if name in members:
                if text is None:
                    del members[name]
                else:
                    members[name] = text
    return files


def write_export(folder: Path, **overrides) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for zip_name, members in export_files(**overrides).items():
        with zipfile.ZipFile(folder / zip_name, "w") as archive:
            for name, text in members.items():
                archive.writestr(name, text)
    return folder


@pytest.fixture
def export(tmp_path) -> Path:
    return write_export(tmp_path / "esco-v9.9.9")


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("GRAPHKIT_DATA", str(folder))
    monkeypatch.setenv("GRAPHKIT_CACHE", str(tmp_path / "cache"))
    return folder


def test_read_export_reads_the_tables(export):
    tables = read_export([export])
    assert [o[1] for o in tables["occupations"]] == [
        "online community manager",
        "market stall trader",
        "artisan baker",
    ]
    assert tables["occupations"][0][2] == [
        "social media community manager",
        "online community coordinator",
    ]
    assert len(tables["skills"]) == 5 and len(tables["relations"]) == 8
    assert tables["relations"][0] == (0, 0, True)
    assert tables["skill_broader"] == [(SEO, KPI)]
    # major groups 2 and 5 and sub-major group 52 state a level; group 7 is not in the file
    assert tables["isco_skill_levels"] == {"2": 4, "5": 2, "52": 2}


def test_import_writes_rdf_tables_and_meta_then_is_a_no_op(export, home):
    imported, done = import_esco([export])
    assert done and imported.version == "9.9.9"
    assert imported.folder == home / "esco-9.9.9"
    meta = json.loads((imported.folder / "meta.json").read_text())
    assert meta["counts"]["occupations"] == 3 and meta["counts"]["relations"] == 8
    nt = imported.ntriples.read_text()
    assert f"<{OCM}> <http://data.europa.eu/esco/model#relatedEssentialSkill> <{KPI}> ." in nt
    assert f'<{ESCO_GRAPH}> <http://purl.org/dc/terms/hasVersion> "9.9.9" .' in nt
    assert "esco-sparse-skill-coverage" in nt
    again, done = import_esco([export])
    assert not done and again == imported
    assert [p.name for p in home.iterdir()] == ["esco-9.9.9"]


def test_the_rdf_parses_into_its_named_graph(export, home):
    from rdflib import URIRef

    from graphkit.esco.merge import load_dataset

    import_esco([export])
    ds = load_dataset(include_imported=True)
    esco = ds.graph(URIRef(ESCO_GRAPH))
    assert len(esco) == find_imported().counts["triples"]
    plain = load_dataset()
    assert URIRef(ESCO_GRAPH) not in {g.identifier for g in plain.graphs()}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"skills_en.csv": None}, "skills_en.csv: missing from the ESCO export"),
        (
            {"occupations_en.csv": "conceptUri,preferredLabel\nhttp://x,a\n"},
            "occupations_en.csv:1: missing column iscoGroup",
        ),
        (
            {
                "occupationSkillRelations.csv": f"occupationUri,relationType,skillUri\n"
                f"{OCM},essential,{KPI}\n{OCM},required,{KPI}\n"
            },
            "occupationSkillRelations.csv:3: column relationType: 'required' is not essential",
        ),
        (
            {"skills_en.csv": f"conceptUri,preferredLabel\n{KPI},kpi\n{COPY},\n"},
            "skills_en.csv:3: column preferredLabel is empty",
        ),
        (
            {"skills_en.csv": "conceptUri,preferredLabel\nnot a uri,kpi\n"},
            "skills_en.csv:2: column conceptUri: not a URI",
        ),
    ],
)
def test_a_missing_or_malformed_file_names_it_and_writes_nothing(
    tmp_path, home, overrides, message
):
    folder = write_export(tmp_path / "esco-v9.9.9", **overrides)
    with pytest.raises(EscoFileError, match=message.replace("(", r"\(")):
        import_esco([folder])
    assert not home.exists() or list(home.iterdir()) == []


def test_a_missing_source_is_an_error(tmp_path, home):
    with pytest.raises(EscoFileError, match="no such file or folder"):
        import_esco([tmp_path / "nowhere"])


def test_merged_routes_start_in_esco_and_end_at_a_graphkit_role(export, home):
    import_esco([export])
    plain = load_compiled()
    merged = load_compiled(include_imported=True)
    assert TRADER not in plain.transitions
    G, names = merged.transitions, merged.names
    assert names.resolve("stallholder", kind="role") == TRADER
    assert names.resolve("manage till", kind="skill") == CASH
    # graphkit's own labels win on a clash: the ESCO skill is aligned to
    # skill:performance-measurement
    assert KPI not in G.graph["labels"]
    assert names.resolve("community manager", kind="role").endswith("/role/community-manager")
    assert G.graph["esco"]["inference"]["method"] == "esco-sparse-skill-coverage"
    sm = "https://w3id.org/smp/role/social-media-manager"
    route = transition_paths(G, TRADER, sm)[0]
    assert [s["from"] for s in route["steps"]] == [TRADER, OCM]
    first, second = route["steps"]
    assert first["evidence"] == "inferred" and first["gap"] == pytest.approx(1 - 2 / 2.5)
    assert second["kind"] == "alignment" and second["years"] == 0.0
    assert "to_gain" in second
    # the trader (ISCO 5211, sales workers: skill level 2) to the online community manager
    # (2432, professionals: 4): two ISCO-08 skill levels in one inferred move, two major groups
    assert first["isco"] == {"groups": [["5211"], ["2432"]], "skill_levels": [2, 4], "distance": 4}
    assert (first["skill_levels"], first["level_jump"], first["assumed_years"]) == (2, True, 5.0)
    # 1.5 x (1 + 0.25 x 5 + (2 + 1.5 x 3) x 0.2 + 0.5 x 1)
    assert first["cost"] == pytest.approx(1.5 * (1 + 1.25 + 6.5 * 0.2 + 0.5))
    # asymmetric: the baker's optional cash handling covers 1 of the trader's 2.5, the
    # trader's covers 0.5 of the baker's 1.5
    assert list(G.successors(BAKER)) == [TRADER]
    assert G.edges[BAKER, TRADER]["similarity"] == pytest.approx(0.4)
    assert G.edges[TRADER, BAKER]["similarity"] == pytest.approx(1 / 3)
    # graphkit's roles carry their broadMatch ISCO-08 groups and the level those state
    cm = "https://w3id.org/smp/role/community-manager"
    assert (G.nodes[cm]["isco"], G.nodes[cm]["skill_level"]) == (("2432",), 4)
    # ESCO leads to graphkit through alignments only, one way (ESCO → graphkit)
    roles = [n for n in G if not G.nodes[n].get("esco")]
    across = [
        (u, v, d)
        for u, v, d in G.edges(data=True)
        if G.nodes[u].get("esco") != G.nodes[v].get("esco")
    ]
    assert across and all(d["kind"] == "alignment" for _, _, d in across)
    assert all(G.nodes[u].get("esco") for u, _, _ in across)
    assert not G.has_edge(sm, OCM) and G.has_edge(OCM, sm)
    assert not any(G.has_edge(r, TRADER) or G.has_edge(TRADER, r) for r in roles)
    # a second load answers from the cache, keyed by the import too
    assert load_compiled(include_imported=True).key == merged.key != plain.key


def test_cli_import_then_path(export, home):
    runner = CliRunner()
    result = runner.invoke(cli, ["import-esco", str(export)])
    assert result.exit_code == 0, result.output
    assert "ESCO 9.9.9 imported" in result.stdout and "3 occupations" in result.stdout
    result = runner.invoke(cli, ["import-esco", str(export)])
    assert "already imported" in result.stdout
    result = runner.invoke(cli, ["path", "market stall trader", "social media manager"])
    assert result.exit_code == 0, result.output
    assert "market stall trader → online community manager → social media manager" in (
        result.stdout
    )
    assert "to gain" in result.stdout
    result = runner.invoke(cli, ["gap", "stallholder", "artisan baker", "-f", "json"])
    assert json.loads(result.stdout)["to_gain"][0]["skill"]["label"] == {"en": "bread baking"}


def test_an_import_of_an_older_format_asks_to_import_again(export, home):
    import pickle

    from graphkit.esco.reader import _inputs, content_key

    imported, _ = import_esco([export])
    # what the previous format wrote: no skill levels, a key of the files alone
    with imported.tables.open("rb") as stream:
        tables = pickle.load(stream)
    del tables["isco_skill_levels"]
    with imported.tables.open("wb") as stream:
        pickle.dump(tables, stream)
    meta = json.loads((imported.folder / "meta.json").read_text())
    meta["key"] = content_key(_inputs([export]))
    (imported.folder / "meta.json").write_text(json.dumps(meta))
    result = CliRunner().invoke(cli, ["path", "market stall trader", "social media manager"])
    assert result.exit_code == 1
    assert "without ISCO-08 skill levels: run `graphkit import-esco`" in result.stderr
    assert "Traceback" not in result.stderr
    # the import format is part of the key: importing the same files again rewrites them
    again, done = import_esco([export])
    assert done and again.key == imported.key


def test_cli_import_error_exits_1(tmp_path, home):
    folder = write_export(tmp_path / "esco-v9.9.9", **{"occupations_en.csv": None})
    result = CliRunner().invoke(cli, ["import-esco", str(folder)])
    assert result.exit_code == 1
    assert "occupations_en.csv: missing from the ESCO export" in result.stderr


@pytest.mark.skipif(not SHARED.is_dir(), reason=f"the ESCO v1.1.1 export is not at {SHARED}")
def test_full_esco_journalist_to_social_media_manager(home):
    imported, done = import_esco([SHARED])
    assert done
    assert imported.counts["occupations"] == 3007 and imported.counts["skills"] == 13896
    # 123,855 rows, of which 67 name an occupation or skill the export does not list
    assert imported.counts["relations"] + imported.counts["dangling_relations"] == 123855
    result = CliRunner().invoke(cli, ["path", "journalist", "social media manager"])
    assert result.exit_code == 0, result.output
    # issue 13: the curated journalist moves (to community manager…) beat the ESCO detour
    assert result.stdout.splitlines()[1] == "journalist → community manager → social media manager"
    # a step opens with "  N. from → to" (its facts line also holds "entry → senior")
    moves = [line for line in result.stdout.splitlines() if re.match(r"  \d+\. .* → ", line)]
    assert len(moves) >= 2
    assert result.stdout.count("to gain:") == len(moves)
    result = CliRunner().invoke(cli, ["path", "sales assistant", "social media manager"])
    assert result.exit_code == 0, result.output
