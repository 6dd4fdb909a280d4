"""The SHACL shapes, their fixtures and the check queries of ``ontology/``.

Every collected file is its own test case (ids = file names), and every collection is
asserted non-empty, so that a moved folder fails loudly instead of testing nothing.
"""

import functools
import re
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql import prepareQuery

from graphkit.graph.load import load_dataset, parse_turtle, read_queries
from graphkit.graph.names import normalize
from graphkit.graph.namespaces import GRAPH, PREFIXES, SMPSH, curie
from graphkit.graph.ontology import default_ontology_dir
from graphkit.graph.validate import load_shapes, run_checks, shacl_findings

ONTOLOGY = default_ontology_dir()
EXAMPLES = ONTOLOGY / "examples"
SHAPE_FILES = sorted((ONTOLOGY / "shapes").glob("*.ttl"))
CHECKS_DIR = ONTOLOGY / "queries" / "checks"
CHECKS = read_queries(CHECKS_DIR) if CHECKS_DIR.is_dir() and any(CHECKS_DIR.glob("*.rq")) else {}

VALID_NAME = re.compile(r"^\d\d-valid-[a-z0-9]+(-[a-z0-9]+)*\.ttl$")
INVALID_NAME = re.compile(r"^\d\d-invalid-[a-z0-9]+(-[a-z0-9]+)*\.ttl$")
VALID = sorted(p for p in EXAMPLES.glob("*.ttl") if VALID_NAME.match(p.name))
INVALID = sorted(p for p in EXAMPLES.glob("*.ttl") if INVALID_NAME.match(p.name))
EXPECT = re.compile(r"^# expect: (\S+)\s*$")

#: Every graphkit prefix, as a Turtle / TriG header for the snippets below.
HEADER = "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in PREFIXES.items())
#: Shape-graph predicates that are not constraints: a node shape with only these reports nothing.
NOT_CONSTRAINTS = {
    RDF.type,
    SH.name,
    SH.message,
    SH.severity,
    SH.targetClass,
    SH.property,
    SH.description,
}


@functools.cache
def _shapes() -> Graph:
    return load_shapes()


@functools.cache
def _tbox() -> Graph:
    return parse_turtle(ONTOLOGY / "smp.ttl")


@functools.cache
def _fixture_findings(path: Path) -> tuple:
    """Validate one fixture (once, however many tests ask)."""
    return tuple(shacl_findings(parse_turtle(path), _shapes(), ontology=_tbox()))


def _expected_shapes(path: Path) -> list[str]:
    """The ``# expect: smpsh:X`` lines of the leading comment block of a fixture."""
    expected = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if match := EXPECT.match(line):
            expected.append(match.group(1))
    return expected


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load_dataset()


# --------------------------------------------------------------------------- collections


def test_fixtures_are_collected():
    assert VALID, f"no NN-valid-*.ttl fixture in {EXAMPLES}"
    assert INVALID, f"no NN-invalid-*.ttl fixture in {EXAMPLES}"


def test_checks_are_collected():
    assert CHECKS, f"no *-violation.rq query in {CHECKS_DIR}"


def test_shape_files_are_collected():
    assert SHAPE_FILES, f"no shape file in {ONTOLOGY / 'shapes'}"


def test_example_file_names():
    """Every file of examples/ is NN-valid-<slug>.ttl or NN-invalid-<slug>.ttl, NN unique."""
    files = sorted(EXAMPLES.iterdir())
    badly_named = [p.name for p in files if p not in VALID and p not in INVALID]
    assert not badly_named, f"fixtures not named NN-(in)valid-<slug>.ttl: {badly_named}"
    numbers = [p.name[:2] for p in files]
    assert len(numbers) == len(set(numbers)), f"fixture numbers repeat: {sorted(numbers)}"


def test_check_file_names():
    badly_named = [p.name for p in CHECKS_DIR.glob("*.rq") if not p.stem.endswith("-violation")]
    assert not badly_named, f"check queries not named *-violation.rq: {badly_named}"


# --------------------------------------------------------------------------- (a) (b) fixtures


@pytest.mark.parametrize("path", VALID, ids=_ids(VALID))
def test_valid_fixture_has_no_finding(path):
    findings = _fixture_findings(path)
    assert not findings, "\n".join(
        f"{f.severity} {f.shape} {f.focus}: {f.message}" for f in findings
    )


@pytest.mark.parametrize("path", INVALID, ids=_ids(INVALID))
def test_invalid_fixture_names_its_shape(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert EXPECT.match(first), f"the first line of {path.name} is not '# expect: smpsh:Shape'"


@pytest.mark.parametrize("path", INVALID, ids=_ids(INVALID))
def test_invalid_fixture_violates_expected_shapes(path):
    expected = _expected_shapes(path)
    assert expected, f"{path.name} has no '# expect:' line"
    reported = {f.shape for f in _fixture_findings(path) if f.severity == "Violation"}
    missing = [shape for shape in expected if shape not in reported]
    assert not missing, f"expected a Violation from {missing}; got {sorted(reported)}"


@pytest.mark.parametrize("path", INVALID, ids=_ids(INVALID))
def test_invalid_fixture_breaks_only_expected_shapes(path):
    """Each invalid fixture breaks one rule: no Violation from a shape it does not name."""
    expected = set(_expected_shapes(path))
    extra = {f.shape for f in _fixture_findings(path) if f.severity == "Violation"} - expected
    assert not extra, f"{path.name} also violates {sorted(extra)}: add '# expect:' or fix it"


# --------------------------------------------------------------------------- (c) (d) checks


@pytest.mark.parametrize("name", sorted(CHECKS), ids=sorted(CHECKS))
def test_check_query_parses(name):
    query = CHECKS[name]
    assert query.lstrip().startswith("#"), (
        f"{name}.rq does not open with a comment stating its rule"
    )
    parsed = prepareQuery(query, initNs=PREFIXES)
    assert parsed.algebra.name == "SelectQuery", f"{name}.rq is not a SELECT query"
    assert "focus" in {str(v) for v in parsed.algebra["PV"]}, f"{name}.rq does not select ?focus"


@pytest.mark.parametrize("name", sorted(CHECKS), ids=sorted(CHECKS))
def test_check_query_passes_on_real_data(name, dataset):
    rows = list(dataset.query(CHECKS[name], initNs=PREFIXES))
    assert not rows, "\n".join(str(row.asdict()) for row in rows)


def test_run_checks_passes_on_real_data(dataset):
    findings = run_checks(dataset)
    assert not findings, "\n".join(f"{f.shape} {f.focus}: {f.message}" for f in findings)


@functools.cache
def _valid_fixtures_dataset() -> Dataset:
    """The TBox and every valid fixture, each fixture as a data graph, as load_dataset lays out."""
    dataset = Dataset(default_union=True)
    parse_turtle(ONTOLOGY / "smp.ttl", dataset.graph(GRAPH["smp"]))
    for path in VALID:
        parse_turtle(path, dataset.graph(GRAPH[f"data/{path.stem}"]))
    return dataset


@pytest.mark.parametrize("name", sorted(CHECKS), ids=sorted(CHECKS))
def test_check_query_passes_on_valid_fixtures(name):
    rows = list(_valid_fixtures_dataset().query(CHECKS[name], initNs=PREFIXES))
    assert not rows, "\n".join(str(row.asdict()) for row in rows)


#: For each check query, a TriG snippet that breaks its rule (parsed beside the TBox).
BROKEN = {
    "shortcut-by-hand-violation": """
        GRAPH <https://w3id.org/smp/graph/data/requirements> {
            role:community-manager smp:requiresSkill skill:moderation .
        }
    """,
    "orphan-reference-violation": """
        GRAPH <https://w3id.org/smp/graph/data/requirements> {
            requirement:community-manager--moderation a smp:SkillRequirement ;
                smp:role role:community-manager ;
                smp:skill skill:moderatoin .
        }
        GRAPH <https://w3id.org/smp/graph/vocab/roles> {
            role:community-manager a smp:Role .
        }
    """,
    "blank-node-violation": """
        GRAPH <https://w3id.org/smp/graph/vocab/roles> {
            role:community-manager a smp:Role ;
                skos:note [ rdfs:label "an anonymous note"@en ] .
            [] a smp:Role .
        }
    """,
    "transition-duplicate-violation": """
        GRAPH <https://w3id.org/smp/graph/data/transitions> {
            transition:community-manager--social-media-manager a smp:Transition ;
                smp:fromRole role:community-manager ; smp:toRole role:social-media-manager ;
                smp:transitionKind smp:Progression .
            transition:cm--smm a smp:Transition ;
                smp:fromRole role:community-manager ; smp:toRole role:social-media-manager ;
                smp:transitionKind smp:Progression .
        }
    """,
    "requirement-duplicate-violation": """
        GRAPH <https://w3id.org/smp/graph/data/requirements> {
            requirement:community-manager--moderation a smp:SkillRequirement ;
                smp:role role:community-manager ; smp:skill skill:moderation .
            requirement:community-manager--moderation-2 a smp:SkillRequirement ;
                smp:role role:community-manager ; smp:skill skill:moderation .
        }
    """,
    "use-duplicate-violation": """
        GRAPH <https://w3id.org/smp/graph/data/tool-uses> {
            tooluse:community-manager--hootsuite a smp:ToolUse ;
                smp:role role:community-manager ; smp:tool tool:hootsuite .
            tooluse:community-manager--hoot-suite a smp:ToolUse ;
                smp:role role:community-manager ; smp:tool tool:hootsuite .
        }
    """,
    "deprecated-in-use-violation": """
        GRAPH <https://w3id.org/smp/graph/data/transitions> {
            transition:community-manager--social-media-expert a smp:Transition ;
                smp:fromRole role:community-manager ; smp:toRole role:social-media-expert ;
                smp:transitionKind smp:Progression .
        }
        GRAPH <https://w3id.org/smp/graph/vocab/roles> {
            role:social-media-expert a smp:Role ;
                owl:deprecated true ;
                dcterms:isReplacedBy role:social-media-manager .
        }
    """,
    "iri-style-violation": """
        GRAPH <https://w3id.org/smp/graph/vocab/roles> {
            <https://w3id.org/smp/role/Community_Manager> a smp:Role .
        }
    """,
    "role-without-move-violation": """
        GRAPH <https://w3id.org/smp/graph/vocab/roles> {
            role:journalist a smp:Role .
            role:social-media-expert a smp:Role ; owl:deprecated true .
        }
    """,
    "label-collision-violation": """
        GRAPH <https://w3id.org/smp/graph/vocab/roles> {
            role:social-media-manager a smp:Role ;
                skos:prefLabel "social media manager"@en ; skos:altLabel "head of social media"@en .
            role:head-of-social a smp:Role ;
                skos:prefLabel "head of social"@en ; skos:altLabel "Head of social-media"@en .
        }
    """,
    "unused-tool-or-platform-violation": """
        GRAPH <https://w3id.org/smp/graph/vocab/platforms> {
            platform:kick a smp:Platform ; smp:platformStatus smp:Emerging .
            platform:vine a smp:Platform ; smp:platformStatus smp:Declined .
        }
        GRAPH <https://w3id.org/smp/graph/vocab/tools> {
            tool:awin a smp:Tool .
        }
    """,
    "seniority-below-job-zone-violation": """
        GRAPH <https://w3id.org/smp/graph/data/seniority> {
            seniority:graphic-designer a smp:RoleSeniority ;
                smp:role role:graphic-designer ; smp:level smp:entry .
        }
        GRAPH <https://w3id.org/smp/graph/data/alignments> {
            role:graphic-designer a smp:Role ;
                skos:exactMatch <https://www.onetonline.org/link/summary/27-1024.00> .
            <https://www.onetonline.org/link/summary/27-1024.00> smp:jobZone 4 .
        }
    """,
    "esco-stated-requirement-violation": """
        GRAPH <https://w3id.org/smp/graph/data/esco-requirements> {
            requirement:blogger--paid-social a smp:SkillRequirement ;
                smp:role role:blogger ; smp:skill skill:paid-social ;
                smp:importance smp:Optional ; smp:evidence smp:Stated ;
                prov:wasDerivedFrom source:esco-v1-1-1 ;
                dcterms:identifier "o1 optional s1" .
        }
        GRAPH <https://w3id.org/smp/graph/data/alignments> {
            role:blogger skos:exactMatch <http://data.europa.eu/esco/occupation/o1> .
            skill:paid-social skos:closeMatch <http://data.europa.eu/esco/skill/s1> .
        }
    """,
}


def test_every_check_has_a_broken_snippet():
    assert set(BROKEN) == set(CHECKS), (
        f"checks without a snippet: {sorted(set(CHECKS) - set(BROKEN))}; "
        f"snippets without a check: {sorted(set(BROKEN) - set(CHECKS))}"
    )


@pytest.mark.parametrize("name", sorted(BROKEN), ids=sorted(BROKEN))
def test_check_query_catches_broken_data(name):
    assert name in CHECKS, f"no queries/checks/{name}.rq"
    dataset = Dataset(default_union=True)
    parse_turtle(ONTOLOGY / "smp.ttl", dataset.graph(GRAPH["smp"]))
    dataset.parse(data=HEADER + BROKEN[name], format="trig")
    rows = list(dataset.query(CHECKS[name], initNs=PREFIXES))
    assert rows, f"{name}.rq returned no row on data that breaks its rule"


def _check_rows(name: str, trig: str) -> list:
    """The rows check `name` returns on the TBox and a TriG snippet."""
    dataset = Dataset(default_union=True)
    parse_turtle(ONTOLOGY / "smp.ttl", dataset.graph(GRAPH["smp"]))
    dataset.parse(data=HEADER + trig, format="trig")
    return list(dataset.query(CHECKS[name], initNs=PREFIXES))


def _two_concepts(
    first: str, second: str, *, deprecated: bool = False, kinds=("Skill", "Skill")
) -> str:
    """Two concepts with one label each (two skills unless told), the second deprecated if asked."""
    flag = " ; owl:deprecated true" if deprecated else ""
    return f"""
        GRAPH <https://w3id.org/smp/graph/vocab/skills> {{
            skill:a a smp:{kinds[0]} ; skos:prefLabel {first} .
            skill:b a smp:{kinds[1]} ; skos:altLabel {second}{flag} .
        }}
    """


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ('"veille"@fr', '"Veille"@fr'),
        ('"e-réputation"@fr', '"e reputation"@en'),
        ('"Veille concurrentielle"@fr', '"veille  concurrentielle."@fr'),
        ('"création de contenu"@fr', '"CRÉATION DE CONTENU"@fr'),
        ('"mise à jour"@fr', '"mise a jour"@fr'),
    ],
)
def test_label_collision_folds_case_accents_and_punctuation(first, second):
    name = "label-collision-violation"
    rows = _check_rows(name, _two_concepts(first, second))
    assert len(rows) == 1, rows
    assert str(rows[0].focus) == "https://w3id.org/smp/skill/a"
    assert "https://w3id.org/smp/skill/a" in rows[0].message
    assert "https://w3id.org/smp/skill/b" in rows[0].message


@pytest.mark.parametrize(
    ("first", "second", "deprecated"),
    [
        ('"veille"@fr', '"veille des tendances"@fr', False),
        ('"e-réputation"@fr', '"réputation"@fr', False),
        ('"veille"@fr', '"Veille"@fr', True),
    ],
    ids=["different-words", "a-word-less", "deprecated-skill"],
)
def test_label_collision_spares_distinct_labels_and_deprecated_concepts(first, second, deprecated):
    name = "label-collision-violation"
    assert _check_rows(name, _two_concepts(first, second, deprecated=deprecated)) == []


@pytest.mark.parametrize("kind", ["Role", "Platform", "Tool", "Credential"])
def test_label_collision_holds_for_every_concept_class(kind):
    """Two roles (platforms, tools, credentials) may not share a label either (issue 17)."""
    rows = _check_rows(
        "label-collision-violation", _two_concepts('"R P"@fr', '"r-p"@en', kinds=(kind, kind))
    )
    assert len(rows) == 1 and kind in rows[0].message


def test_label_collision_spares_concepts_of_two_classes():
    """A skill and a tool may share a label: the check compares the concepts of one class."""
    assert (
        _check_rows(
            "label-collision-violation",
            _two_concepts('"Excel"@fr', '"excel"@fr', kinds=("Skill", "Tool")),
        )
        == []
    )


def test_unused_tool_or_platform_spares_historical_platforms():
    rows = _check_rows(
        "unused-tool-or-platform-violation", BROKEN["unused-tool-or-platform-violation"]
    )
    assert sorted(str(r.focus).rsplit("/", 1)[1] for r in rows) == ["awin", "kick"]


def test_esco_stated_requirement_check_spares_an_exact_match_and_a_curated_mapping():
    """The broken snippet passes once the skill is exactMatch, or the requirement curated."""
    name = "esco-stated-requirement-violation"
    broken = BROKEN[name]
    exact = broken.replace("skill:paid-social skos:closeMatch", "skill:paid-social skos:exactMatch")
    curated = broken.replace("smp:evidence smp:Stated", "smp:evidence smp:Curated")
    assert exact != broken != curated
    assert _check_rows(name, exact) == []
    assert _check_rows(name, curated) == []
    assert len(_check_rows(name, broken)) == 1


def test_label_collision_folds_as_the_name_index(dataset):
    """The query's folding agrees with graphkit.graph.names.normalize on the real concept labels."""
    query = """
        SELECT ?label ?key WHERE {
            VALUES ?class { smp:Role smp:Skill smp:Platform smp:Tool smp:Credential }
            ?concept a ?class ; skos:prefLabel|skos:altLabel ?label .
            %s
        }
    """
    text = CHECKS["label-collision-violation"]
    binds = text[text.index("BIND (REPLACE(REPLACE(REPLACE") : text.index("}\nGROUP BY")]
    rows = list(dataset.query(query % binds, initNs=PREFIXES))
    assert len(rows) > 1000
    differ = [(str(r.label), str(r.key)) for r in rows if normalize(str(r.label)) != str(r.key)]
    assert not differ


# --------------------------------------------------------------------------- recommended shapes

#: For each reporting shape of recommended.ttl, a Turtle snippet that should trigger its Warning.
WARNED = {
    "smpsh:ConceptSourceShape": """
        platform:tiktok a smp:Platform .
    """,
    "smpsh:DeprecatedReplacementShape": """
        platform:vine a smp:Platform ; owl:deprecated true .
    """,
    "smpsh:AltLabelCollisionShape": """
        platform:x a smp:Platform ; skos:prefLabel "X"@en .
        platform:twitter a smp:Platform ; skos:prefLabel "Twitter"@en ; skos:altLabel "X"@en .
    """,
    "smpsh:RoleUseShape": """
        role:community-manager a smp:Role .
        credentialpath:community-manager--facebook-blueprint a smp:CredentialPath ;
            smp:role role:community-manager ; smp:credential credential:facebook-blueprint .
    """,
    "smpsh:SkillRequiredShape": """
        skill:moderation a smp:Skill .
    """,
    "smpsh:StatedLinkQuoteShape": """
        tooluse:community-manager--hootsuite a smp:ToolUse ; smp:evidence smp:Stated .
    """,
}


def _reporting_shapes(shape_file: Path) -> list[str]:
    """The shapes of a file that can report by themselves (helper and value shapes cannot)."""
    graph = parse_turtle(shape_file)
    found = set()
    for node in set(graph.subjects(SH.targetClass, None)):
        if any(p not in NOT_CONSTRAINTS for p in graph.predicates(node, None)):
            found.add(node)
        found.update(graph.objects(node, SH.property))
    return sorted(curie(str(node)) for node in found)


RECOMMENDED = [p for p in SHAPE_FILES if p.name == "recommended.ttl"]
CORE = [p for p in SHAPE_FILES if p.name == "core.ttl"]
REPORTING_CORE = _reporting_shapes(CORE[0]) if CORE else []
REPORTING_RECOMMENDED = _reporting_shapes(RECOMMENDED[0]) if RECOMMENDED else []


def test_core_and_recommended_shapes_are_collected():
    assert REPORTING_CORE, "no reporting shape in shapes/core.ttl"
    assert REPORTING_RECOMMENDED, "no reporting shape in shapes/recommended.ttl"


@pytest.mark.parametrize("shape", REPORTING_CORE, ids=REPORTING_CORE)
def test_core_shape_has_an_invalid_fixture(shape):
    expected = {s for path in INVALID for s in _expected_shapes(path)}
    assert shape in expected, f"no NN-invalid-*.ttl fixture expects {shape}"


@pytest.mark.parametrize("shape", REPORTING_RECOMMENDED, ids=REPORTING_RECOMMENDED)
def test_recommended_shape_warns(shape):
    assert shape in WARNED, f"no snippet in WARNED for {shape}"
    data = Graph().parse(data=HEADER + WARNED[shape], format="turtle")
    findings = shacl_findings(data, _shapes(), ontology=_tbox())
    warned = {f.shape for f in findings if f.severity == "Warning"}
    assert shape in warned, f"no Warning from {shape}; got {sorted(warned)}"


# --------------------------------------------------------------------------- (e) shapes graph


def _all_shapes(graph: Graph) -> set:
    """Every node used as a shape: typed, targeted, with a path, or referenced as a shape."""
    found = set(graph.subjects(RDF.type, SH.NodeShape)) | set(
        graph.subjects(RDF.type, SH.PropertyShape)
    )
    found |= set(graph.subjects(SH.targetClass, None)) | set(graph.subjects(SH.path, None))
    for predicate in (SH.property, SH.node, SH.qualifiedValueShape, SH["not"]):
        found |= set(graph.objects(None, predicate))
    for predicate in (SH["or"], SH["and"], SH.xone):
        for head in graph.objects(None, predicate):
            found |= set(Collection(graph, head))
    return found


SHAPES = sorted(
    curie(str(s)) if isinstance(s, URIRef) else f"_:{s}" for s in _all_shapes(_shapes())
)


def test_shapes_are_collected():
    assert SHAPES, "no shape in the shapes graph"


@pytest.mark.parametrize("shape", SHAPES, ids=SHAPES)
def test_shape_is_named_and_described(shape):
    assert shape.startswith("smpsh:"), f"{shape} is not an IRI in smpsh:"
    node = SMPSH[shape.removeprefix("smpsh:")]
    graph = _shapes()
    types = set(graph.objects(node, RDF.type))
    assert types & {SH.NodeShape, SH.PropertyShape}, (
        f"{shape} is not typed sh:NodeShape or sh:PropertyShape"
    )
    for predicate in (SH.name, SH.message, SH.severity):
        assert graph.value(node, predicate) is not None, f"{shape} has no {curie(str(predicate))}"


def test_no_blank_node_property_shape():
    blank = [
        curie(str(s)) for s, o in _shapes().subject_objects(SH.property) if isinstance(o, BNode)
    ]
    assert not blank, f"sh:property points at a blank node from {blank}"


@pytest.mark.parametrize("path", SHAPE_FILES, ids=_ids(SHAPE_FILES))
def test_shape_severity_matches_its_file(path):
    """core.ttl holds sh:Violation shapes, recommended.ttl sh:Warning shapes."""
    wanted = {"core.ttl": SH.Violation, "recommended.ttl": SH.Warning}.get(path.name)
    assert wanted is not None, f"unexpected shape file {path.name}"
    graph = parse_turtle(path)
    wrong = sorted(
        curie(str(s))
        for s in _all_shapes(graph)
        if graph.value(s, SH.severity) not in (None, wanted)
    )
    assert not wrong, f"shapes of {path.name} not of severity {curie(str(wanted))}: {wrong}"
