"""The command line in people's words (issue 15): what they know, names of the wrong kind,
every printed IRI opened with ``show``, ambiguous names, step limits. Real graph unless said.
"""

import json
import re

import pytest
from click.testing import CliRunner
from rdflib import URIRef
from rdflib.namespace import SKOS

from graphkit.cli import cli
from graphkit.errors import TermNotFound
from graphkit.graph.concepts import describe, name_entries, resolve
from graphkit.graph.names import NameIndex
from graphkit.graph.prefixes import BASE, curie
from graphkit.routes.compiled import load_compiled

CANVA = BASE + "tool/canva"
TIKTOK = BASE + "platform/tiktok"
VIDEO_EDITING = BASE + "skill/video-editing"


def run(*args, ontology=None):
    prefix = ["--ontology", str(ontology)] if ontology else []
    return CliRunner().invoke(cli, [*prefix, *args], catch_exceptions=False)


def label(dataset, iri, lang):
    return next(str(o) for o in dataset.objects(URIRef(iri), SKOS.prefLabel) if o.language == lang)


@pytest.fixture(scope="module")
def graph():
    """The real transition graph (roles with their skills, tools and platforms)."""
    return load_compiled(use_cache=False).transitions


# --- suggest: skills, tools and platforms ----------------------------------------------------


def test_suggest_takes_a_tool_a_skill_and_a_platform(dataset, graph):
    result = run("suggest", "--skills", "Canva, montage vidéo, TikTok", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(t["term"], t["kind"], t["iri"]["iri"]) for t in data["terms"]] == [
        ("Canva", "tool", CANVA),
        ("montage vidéo", "skill", VIDEO_EDITING),
        ("TikTok", "platform", TIKTOK),
    ]
    served = {s["iri"] for s in data["terms"][0]["serves"]}
    assert served == set(graph.graph["tools"]["skills"][CANVA]) and served
    ranked = data["suggestions"]
    assert len(ranked) == 10
    assert [r["coverage"] for r in ranked] == sorted((r["coverage"] for r in ranked), reverse=True)
    assert all(0 < r["coverage"] <= 1 for r in ranked)
    for r in ranked:  # each role's fit is what it calls for that the person holds
        role = graph.nodes[r["role"]["iri"]]
        held = {m["skill"]["iri"] for m in r["matched"]}
        held |= {t["tool"]["iri"] for t in r["tools"]} | {
            p["platform"]["iri"] for p in r["platforms"]
        }
        assert (
            held and held <= role["skills"].keys() | role["tools"].keys() | role["platforms"].keys()
        )
    # a role that uses Canva and works on TikTok holds both, fully
    both = [r for r in ranked if {CANVA} <= {t["tool"]["iri"] for t in r["tools"]}]
    assert both and both[0]["tools"][0]["held"] == 1.0
    assert {"skills", "tools", "platforms"} == set(ranked[0]["parts"])


def test_suggest_table_says_what_each_term_matched_in_both_languages(dataset):
    en = run("suggest", "--skills", "Canva, montage video, TikTok").stdout.splitlines()
    assert en[0] == (
        "Canva: tool · montage video: skill "
        f"{label(dataset, VIDEO_EDITING, 'en')} · TikTok: platform"
    )
    assert en[1].split()[:3] == ["rank", "role", "coverage"]
    fr = run("suggest", "--skills", "Canva, montage video, TikTok", "--lang", "fr").stdout
    assert fr.splitlines()[0] == (
        "Canva: outil · montage video: compétence "
        f"{label(dataset, VIDEO_EDITING, 'fr')} · TikTok: plateforme"
    )
    assert fr.splitlines()[1].split()[:3] == ["rang", "métier", "couverture"]
    assert " — acquis: " in fr and " (outil)" in fr and " (plateforme" in fr


def test_suggest_lists_no_role_it_holds_nothing_of(graph):
    result = run("suggest", "--skills", "modération", "--limit", "100", "-f", "json")
    ranked = json.loads(result.stdout)["suggestions"]
    requiring = [r for r, d in graph.nodes(data=True) if BASE + "skill/moderation" in d["skills"]]
    assert 0 < len(ranked) == len(requiring) < graph.number_of_nodes()
    assert all(r["coverage"] > 0 for r in ranked)
    table = run("suggest", "--skills", "modération", "--limit", "100").stdout
    assert not re.search(r"\s0%\s", table)


def test_suggest_exits_1_when_no_role_calls_for_any_term(tiny_ontology):
    result = run("suggest", "--skills", "strategy", "--role", "strategist", ontology=tiny_ontology)
    assert result.exit_code == 0  # the other roles hold something of the strategist
    result = run("suggest", "--skills", "TikTok", "--lang", "fr", ontology=tiny_ontology)
    assert result.exit_code == 0
    (tiny_ontology / "data" / "lonely.ttl").write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<https://w3id.org/smp/platform/usenet> a <https://w3id.org/smp/Platform> ;\n"
        '    skos:prefLabel "Usenet"@en , "Usenet"@fr .\n',
        encoding="utf-8",
    )
    result = run("suggest", "--skills", "Usenet", "--lang", "fr", ontology=tiny_ontology)
    assert result.exit_code == 1
    assert result.stderr == "aucun métier ne demande l'un de ces éléments : Usenet\n"


# --- names of the wrong kind -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["gap", "Canva", "community manager"], "'Canva' is a tool, not a role; closest roles: "),
        (["path", "CM", "SMM", "--via", "TikTok"], "'TikTok' is a platform, not a role; closest"),
        (["next", "seed-004"], "'seed-004' is a source, not a role"),
        (["suggest", "--skills", "montage vidéo", "--role", "TikTok"], "'TikTok' is a platform"),
        (["suggest", "--skills", "CM"], "'CM' is a role, not a skill, a tool or a platform"),
    ],
)
def test_a_name_of_the_wrong_kind_is_named_as_such(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: " + message)
    assert "Traceback" not in result.output


def test_the_closest_roles_are_those_that_use_the_tool_most(dataset, graph):
    result = run("gap", "Canva", "community manager")
    named = result.stderr.strip().split("closest roles: ")[1].split(", ")
    users = sorted(
        (-d["tools"][CANVA], d["label"].casefold(), d["label"])
        for _, d in graph.nodes(data=True)
        if CANVA in d["tools"] and not d["deprecated"]
    )
    assert named == [u[2] for u in users[:3]]
    fr = run("gap", "Canva", "community manager", "--lang", "fr").stderr
    assert fr.startswith(
        "Error: « Canva » est un outil, pas un métier ; métiers les plus proches : "
    )
    first = next(r for r, d in graph.nodes(data=True) if d["label"] == named[0])
    assert label(dataset, first, "fr") in fr


def test_show_takes_any_kind():
    for name, kind in (("Canva", "tool"), ("TikTok", "platform"), ("montage vidéo", "skill")):
        result = run("show", name, "-f", "json")
        assert json.loads(result.stdout)["kind"] == kind


# --- every IRI printed can be opened -----------------------------------------------------------


def _iris(data) -> set[str]:
    if isinstance(data, dict):
        return set().union(*map(_iris, data.values())) if data else set()
    if isinstance(data, list):
        return set().union(*map(_iris, data)) if data else set()
    return {data} if isinstance(data, str) and data.startswith(BASE) else set()


def test_every_iri_the_cli_prints_can_be_shown(dataset):
    printed = set()
    for args in (
        ["path", "community manager", "social media strategist", "--k", "2"],
        ["gap", "web writer", "community manager"],
        ["suggest", "--skills", "Canva, montage vidéo, TikTok"],
        ["next", "community manager"],
        ["show", "community manager"],
        ["show", "seed-003"],
    ):
        result = run(*args, "-f", "json")
        assert result.exit_code == 0, (args, result.stderr)
        printed |= _iris(json.loads(result.stdout))
    kinds = {iri.removeprefix(BASE).split("/")[0] for iri in printed}
    assert {"role", "skill", "tool", "platform", "source", "transition", "requirement"} <= kinds
    assert {"claim", "tool-use", "platform-use", "role-seniority"} <= kinds
    index = NameIndex(name_entries(dataset))
    for iri in sorted(printed):
        for name in (iri, curie(iri)):
            try:
                found = index.resolve(name)
            except TermNotFound:  # a controlled value (smp:Essential): show finds it by IRI
                found = resolve(dataset, name)
            assert found == iri
        assert describe(dataset, iri)["iri"] == iri


def test_show_a_source_says_what_it_supports():
    result = run("show", "seed-004", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["kind"], data["language"], data["source_type"]) == ("source", ["fr"], "article")
    assert data["label"]["en"].startswith("Seed article 004")
    supports = data["supports"]
    assert supports["claims"] and supports["links"] and supports["concepts"]
    for item in supports["claims"] + supports["links"]:
        assert BASE + "source/seed-004" in {s["iri"] for s in item["sources"]}
    stated = [link for link in supports["links"] if link["evidence"] == "stated"]
    assert stated and all(link["quotes"] for link in stated)
    table = run("show", "seed-004").stdout
    assert table.startswith("Seed article 004")
    assert "(source, source:seed-004)" in table.splitlines()[0]
    assert "Supports: skill requirement (" in table


def test_show_a_taxonomy_source_gives_title_publisher_and_version():
    data = json.loads(run("show", "source:rome-v3", "-f", "json").stdout)
    assert data["publisher"] == "Pôle emploi (France Travail)"
    assert data["version"] == "3" and data["title"]["fr"].startswith("Répertoire")


def test_show_a_transition_a_requirement_and_a_claim():
    move = json.loads(
        run("show", "transition:community-manager--social-media-manager", "-f", "json").stdout
    )
    assert (move["kind"], move["type"], move["transition_kind"]) == (
        "transition",
        "Transition",
        "progression",
    )
    assert move["from"]["iri"].endswith("/community-manager")
    assert move["to"]["iri"].endswith("/social-media-manager")
    assert move["typical_years"] == 5.0 and move["quotes"] and move["sources"]
    assert move["values"][BASE + "Progression"]["fr"] == "progression"
    need = json.loads(run("show", "requirement:community-manager--moderation", "-f", "json").stdout)
    assert (need["kind"], need["importance"], need["to"]["kind"]) == (
        "requirement",
        "essential",
        "skill",
    )
    fr = run("show", "requirement:community-manager--moderation", "--lang", "fr").stdout
    assert "  importance: essentielle\n" in fr and "  preuve: énoncé\n" in fr
    claim = json.loads(run("show", "claim:job-offers-analysed", "-f", "json").stdout)
    assert claim["kind"] == "claim" and claim["figure"] and claim["quotes"]
    assert {a["iri"] for a in claim["about"]} >= {BASE + "role/community-manager"}
    taxonomy = json.loads(
        run("show", "transition:digital-pr-officer--media-buyer", "-f", "json").stdout
    )
    assert taxonomy["identifier"] == "E1103>E1402" and taxonomy["evidence"] == "groupstated"


# --- ambiguous names, step limits (tiny graph) -------------------------------------------------

TWIN = """@prefix smp: <https://w3id.org/smp/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<https://w3id.org/smp/skill/community-managing> a smp:Skill ;
    skos:prefLabel "Community Manager"@en , "gestion de communauté"@fr .
"""


def test_an_ambiguous_name_picks_the_exact_preflabel_first(tiny_ontology):
    (tiny_ontology / "data" / "twin.ttl").write_text(TWIN, encoding="utf-8")
    shown = json.loads(
        run("show", "community manager", "-f", "json", ontology=tiny_ontology).stdout
    )
    assert shown["iri"] == BASE + "role/community-manager"
    shown = json.loads(
        run("show", "Community Manager", "-f", "json", ontology=tiny_ontology).stdout
    )
    assert shown["iri"] == BASE + "skill/community-managing"
    result = run("show", "COMMUNITY MANAGER", ontology=tiny_ontology)
    assert result.exit_code == 2
    assert "'COMMUNITY MANAGER' names several concepts" in result.stderr


def test_real_names_still_ambiguous_ask_for_an_iri():
    # three versions of ROME share their title, and no concept is named so
    result = run("show", "Répertoire opérationnel des métiers et des emplois (ROME)")
    assert result.exit_code == 2
    assert "names several concepts" in result.stderr and "use one of their IRIs" in result.stderr
    assert result.stderr.count(f"<{BASE}source/rome-") == 3
    typed = "repertoire operationnel des metiers et des emplois (rome)"
    result = run("show", typed, "--lang", "fr")
    assert result.stderr.startswith("Error: « repertoire operationnel des metiers et des ")
    assert "désigne plusieurs concepts" in result.stderr
    assert "ROME v3 : fiches et appellations <" in result.stderr  # named in French


def test_a_failed_step_limit_is_named_in_the_reason(tiny_ontology):
    args = ["path", "web writer", "strategist", "--via", "video editor", "--max-steps", "2"]
    result = run(*args, ontology=tiny_ontology)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no route from 'web writer' to 'social media strategist' through "
        "'video editor' within 2 steps\n"
    )
    result = run(*args, "--lang", "fr", ontology=tiny_ontology)
    assert result.stderr == (
        "Error: aucun parcours de « rédacteur web » à « stratège social media » en passant par "
        "« monteur vidéo » en 2 étapes au plus\n"
    )
