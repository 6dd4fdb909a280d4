"""Alignments to ESCO, ISCO-08, ROME, O*NET and Wikidata, each checked against a shipped extract.

The extracts in ``tests/data/esco/`` (rows of the official ESCO v1.1.1 CSV export) and
``tests/data/reference/`` (rows of the team's reference table) hold every external identifier the
graph uses, so these tests run in a user's clone. When the full export is beside the clone
(``../shared/data/esco-v1.1.1``), a separate test checks that each shipped row equals its row there.
"""

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from graphkit.graph.namespaces import PREFIXES, SMP

DATA = Path(__file__).parent / "data"
ESCO_DIR = DATA / "esco"
REFERENCE = DATA / "reference" / "alignments-extract.csv"
#: The full ESCO export, beside the repository in the team's checkouts; a user's clone has none.
SHARED = Path(__file__).resolve().parents[2] / "shared"
ESCO_FULL = SHARED / "data" / "esco-v1.1.1"
ALIGNMENTS = URIRef(str(PREFIXES["smp"]) + "graph/data/alignments")

MATCHES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch)
ESCO = "http://data.europa.eu/esco/"
ROME_FICHE = "https://w3id.org/smp/ext/rome-fiche/"
ROME_APPELLATION = "https://w3id.org/smp/ext/rome-appellation/"
ONET = "https://www.onetonline.org/link/summary/"
WIKIDATA = "http://www.wikidata.org/entity/"
#: Every scheme's IRI prefix; a mapping to any other IRI is unverifiable.
SCHEMES = {
    "esco": ESCO + "occupation/",
    "esco-skill": ESCO + "skill/",
    "isco": ESCO + "isco/C",
    "rome": ROME_FICHE,
    "rome-appellation": ROME_APPELLATION,
    "onet": ONET,
    "wikidata": WIKIDATA,
}
#: Wikidata items the reference table gives with low confidence or conflicting values.
WEAK_QIDS = {"Q4110598", "Q333618", "Q4555537"}


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


OCCUPATIONS = {r["conceptUri"]: r for r in _rows(ESCO_DIR / "occupations-extract.csv")}
SKILLS = {r["conceptUri"]: r for r in _rows(ESCO_DIR / "skills-extract.csv")}
ISCO = {r["conceptUri"]: r for r in _rows(ESCO_DIR / "isco-groups-extract.csv")}
RELATIONS = _rows(ESCO_DIR / "occupation-skill-relations-extract.csv")
REFERENCE_ROWS = _rows(REFERENCE)


def _reference(kind: str) -> dict[str, dict]:
    """The reference rows of one kind, by identifier."""
    if kind == "wikidata":
        return {
            r["identifier"]: r
            for r in REFERENCE_ROWS
            if r["scheme"] == "Wikidata" and r["identifier"].startswith("Q")
        }
    return {r["identifier"]: r for r in REFERENCE_ROWS if r["entity_kind"] == kind}


def _mappings(dataset) -> list[tuple]:
    """Every (concept, predicate, target) mapping of the graph's concepts."""
    return sorted(
        (s, p, o)
        for p in MATCHES
        for s, o in dataset.subject_objects(p)
        if str(s).startswith(str(PREFIXES["smp"])) and "/ext/" not in str(s)
    )


def _family(label: str) -> set[str]:
    """The words of a label, lowercased, for a 'same label family' comparison."""
    return set(re.findall(r"[a-z0-9]+", label.lower()))


def test_extracts_are_not_empty():
    assert len(OCCUPATIONS) >= 20
    assert len(SKILLS) >= 30
    assert len(ISCO) >= 8
    assert RELATIONS
    assert _reference("rome_appellation") and _reference("rome_fiche") and _reference("wikidata")


def test_mappings_exist_and_target_a_known_scheme(dataset):
    mappings = _mappings(dataset)
    assert len(mappings) >= 150
    for s, p, o in mappings:
        assert any(str(o).startswith(prefix) for prefix in SCHEMES.values()), (s, p, o)


def test_mappings_live_in_the_alignments_graph(dataset):
    graph = dataset.graph(ALIGNMENTS)
    for s, p, o in _mappings(dataset):
        assert (s, p, o) in graph, f"{s} {p} {o} is outside data/alignments.ttl"


@pytest.mark.parametrize("kind", ["occupation", "skill"])
def test_every_esco_uri_is_in_the_export_with_the_same_label(dataset, kind):
    """Each ESCO URI is in the shipped rows; its label in the graph is the preferredLabel."""
    pool = OCCUPATIONS if kind == "occupation" else SKILLS
    uris = {o for _, _, o in _mappings(dataset) if str(o).startswith(ESCO + kind + "/")}
    assert uris
    for uri in uris:
        assert str(uri) in pool, f"{uri} is not in the ESCO v1.1.1 export"
        label = dataset.value(uri, RDFS.label)
        assert label is not None and str(label) == pool[str(uri)]["preferredLabel"], uri


def test_every_isco_group_is_the_esco_occupations_group(dataset):
    """An ISCO-08 broadMatch names the unit group of an ESCO occupation the concept is mapped to."""
    for s, _, o in _mappings(dataset):
        if not str(o).startswith(SCHEMES["isco"]):
            continue
        assert str(o) in ISCO, o
        groups = {
            OCCUPATIONS[str(e)]["iscoGroup"]
            for p in MATCHES
            for e in dataset.objects(s, p)
            if str(e) in OCCUPATIONS
        }
        assert ISCO[str(o)]["code"] in groups, (s, o)
        assert str(dataset.value(o, RDFS.label)) == ISCO[str(o)]["preferredLabel"]


def test_every_rome_code_is_in_the_reference(dataset):
    fiches, appellations = _reference("rome_fiche"), _reference("rome_appellation")
    nodes = {o for _, _, o in _mappings(dataset) if "/ext/rome-" in str(o)}
    assert nodes
    for node in nodes:
        code = str(node).rsplit("/", 1)[1]
        table = fiches if str(node).startswith(ROME_FICHE) else appellations
        assert code in table, f"ROME code {code} is not in the reference"
        assert str(dataset.value(node, SKOS.notation)) == code
        assert str(dataset.value(node, RDFS.label)) == table[code]["label_fr"]
        if table is appellations:
            fiche = re.search(r"in fiche (\w+)", table[code]["scheme"]).group(1)
            assert (node, SKOS.broadMatch, URIRef(ROME_FICHE + fiche)) in dataset


def test_every_onet_code_is_in_the_reference(dataset):
    table = _reference("onet_occupation")
    codes = {str(o).removeprefix(ONET) for _, _, o in _mappings(dataset) if str(o).startswith(ONET)}
    assert codes
    assert codes <= set(table), codes - set(table)


JOB_ZONES = {
    r["onet_soc_code"]: int(r["job_zone"]) for r in _rows(DATA / "reference" / "onet-job-zones.csv")
}
#: The lowest seniority rank an O*NET Job Zone allows a role matching the occupation (a floor:
#: a Job Zone measures preparation, not rank; ontology/README.md).
JOB_ZONE_FLOOR = {1: 1, 2: 1, 3: 1, 4: 2, 5: 3}


#: O*NET occupations the data maps whose Job Zone the reference does not record: they carry
#: none (a zone is never guessed). Editors was read only among the Related Occupations.
UNRECORDED_ZONES = {"27-3041.00"}


def test_every_onet_occupation_carries_its_job_zone(dataset):
    zones = {
        str(s).removeprefix(ONET): int(z.toPython())
        for s, z in dataset.subject_objects(SMP.jobZone)
    }
    used = {str(o).removeprefix(ONET) for _, _, o in _mappings(dataset) if str(o).startswith(ONET)}
    assert zones and used
    assert used - JOB_ZONES.keys() == UNRECORDED_ZONES
    assert zones == {code: JOB_ZONES[code] for code in used - UNRECORDED_ZONES}


def test_seniority_stated_by_onet_is_the_floor_of_an_exact_match(dataset):
    """A level O*NET states names its Job Zone record; the role exactly matches that occupation
    and sits at the floor the zone allows (a higher level would be the editors' reading)."""
    stated = list(dataset.subjects(PROV.wasDerivedFrom, PREFIXES["source"]["onet-29-2"]))
    seniorities = [s for s in stated if (s, RDF.type, SMP.RoleSeniority) in dataset]
    assert seniorities
    for seniority in seniorities:
        code, zone = re.fullmatch(
            r"(\S+) Job Zone (\d)", str(dataset.value(seniority, DCTERMS.identifier))
        ).groups()
        role = dataset.value(seniority, SMP.role)
        assert (role, SKOS.exactMatch, URIRef(ONET + code)) in dataset, seniority
        assert JOB_ZONES[code] == int(zone)
        rank = dataset.value(dataset.value(seniority, SMP.level), SMP.rank)
        assert int(rank.toPython()) == JOB_ZONE_FLOOR[int(zone)]
        assert dataset.value(seniority, SMP.evidence) == SMP.Stated


@pytest.mark.skipif(
    not (SHARED / "reference" / "ALIGNMENTS.md").is_file(),
    reason="the reference notes (../shared/reference/ALIGNMENTS.md) are not beside this clone",
)
def test_job_zones_are_those_the_reference_notes_record():
    notes = (SHARED / "reference" / "ALIGNMENTS.md").read_text(encoding="utf-8")
    section = notes[notes.index("## 4. O*NET") : notes.index("## 5.")]
    assert "Job Zone 4 for all of the above except Models (2)" in section
    listed = set(re.findall(r"\| (\d\d-\d{4}\.\d\d) \|", section))
    assert listed == set(JOB_ZONES)
    assert {code for code, zone in JOB_ZONES.items() if zone != 4} == {"41-9012.00"}


def test_every_wikidata_qid_is_in_the_reference(dataset):
    table = _reference("wikidata")
    qids = {
        str(o).removeprefix(WIKIDATA)
        for _, _, o in _mappings(dataset)
        if str(o).startswith(WIKIDATA)
    }
    assert qids
    assert qids <= set(table), qids - set(table)


def test_nothing_unverifiable_is_an_exact_match(dataset):
    """An exactMatch targets a checked identifier: no weak Wikidata item, no v1.2-only ESCO URI."""
    verified = (
        set(OCCUPATIONS)
        | set(SKILLS)
        | {ROME_FICHE + c for c in _reference("rome_fiche")}
        | {ROME_APPELLATION + c for c in _reference("rome_appellation")}
        | {ONET + c for c in _reference("onet_occupation")}
        | {WIKIDATA + q for q in _reference("wikidata") if q not in WEAK_QIDS}
    )
    for s, o in dataset.subject_objects(SKOS.exactMatch):
        assert str(o) in verified, (s, o)


def test_role_exact_matches_share_a_label(dataset):
    """A role's ESCO or ROME exactMatch shares the label family of one of the role's labels."""
    for s, o in dataset.subject_objects(SKOS.exactMatch):
        if (s, RDF.type, SMP.Role) not in dataset or "/ext/rome-fiche/" in str(o):
            continue
        if not (str(o).startswith(ESCO) or "/ext/rome-" in str(o)):
            continue
        ours = [str(x) for p in (SKOS.prefLabel, SKOS.altLabel) for x in dataset.objects(s, p)]
        theirs = str(dataset.value(o, RDFS.label))
        pieces = [theirs, *re.split(r"\s*[/-]\s+|\s+-\s*|/", theirs)]
        assert any(
            _family(piece) and _family(piece) <= _family(label) | {"e"}
            for piece in pieces
            for label in ours
        ), (s, theirs, ours)


def test_every_mapping_is_justified(dataset):
    """Each mapped concept carries one editorial note per mapping, naming its kind."""
    for concept in {s for s, _, _ in _mappings(dataset)}:
        notes = [str(n) for n in dataset.objects(concept, SKOS.editorialNote)]
        for p in MATCHES:
            kind = str(p).rsplit("#", 1)[1]
            count = len(list(dataset.objects(concept, p)))
            assert sum(kind in n for n in notes) >= count, (concept, kind)


def test_most_roles_have_an_esco_and_a_rome_mapping(dataset):
    roles = set(dataset.subjects(RDF.type, SMP.Role))
    both = [
        r
        for r in roles
        if any(str(o).startswith(SCHEMES["esco"]) for p in MATCHES for o in dataset.objects(r, p))
        and any("/ext/rome-" in str(o) for p in MATCHES for o in dataset.objects(r, p))
    ]
    assert len(both) / len(roles) >= 0.8


def test_esco_requirements_cite_a_shipped_relation(dataset):
    """A requirement from ESCO names a relation row of the export, with the same importance.

    Stated by ESCO only through an exactMatch skill; through a closeMatch skill it is curated
    (mapped, not stated) and says why in an editorial note (issue 13).
    """
    source = PREFIXES["source"]["esco-v1-1-1"]
    relations = {
        (r["occupationUri"].rsplit("/", 1)[1], r["relationType"], r["skillUri"].rsplit("/", 1)[1])
        for r in RELATIONS
    }
    links = [
        link
        for link in dataset.subjects(DCTERMS.identifier, None)
        if (link, RDF.type, SMP.SkillRequirement) in dataset
    ]
    assert links
    for link in links:
        occupation, relation, skill = str(dataset.value(link, DCTERMS.identifier)).split()
        assert (occupation, relation, skill) in relations, link
        importance = SMP.Essential if relation == "essential" else SMP.Optional
        assert dataset.value(link, SMP.importance) == importance
        role, ours = dataset.value(link, SMP.role), dataset.value(link, SMP.skill)
        assert (role, SKOS.exactMatch, URIRef(ESCO + "occupation/" + occupation)) in dataset
        target = URIRef(ESCO + "skill/" + skill)
        if dataset.value(link, SMP.evidence) == SMP.Stated:
            assert (link, PROV.wasDerivedFrom, source) in dataset, link
            assert (ours, SKOS.exactMatch, target) in dataset, link
        else:
            assert dataset.value(link, SMP.evidence) == SMP.Curated, link
            assert (ours, SKOS.closeMatch, target) in dataset, link
            note = str(dataset.value(link, SKOS.editorialNote))
            assert note.startswith("Mapped, not stated: ") and "closeMatch" in note, link
    stated = [link for link in links if dataset.value(link, SMP.evidence) == SMP.Stated]
    assert stated and len(stated) < len(links)


def test_taxonomy_transitions_cite_their_record(dataset):
    """A move stated by ROME or O*NET names its record, and ROME's is in the reference."""
    mobility = _reference("rome_mobility")
    for name in ("rome-v347", "onet-29-2"):
        links = [
            link
            for link in dataset.subjects(PROV.wasDerivedFrom, PREFIXES["source"][name])
            if (link, RDF.type, SMP.Transition) in dataset
        ]
        assert links, name
        for link in links:
            record = str(dataset.value(link, DCTERMS.identifier))
            if name == "rome-v347":
                assert record in mobility, link
                kind = SMP.Progression if "Evolution" in mobility[record]["scheme"] else SMP.Lateral
                assert dataset.value(link, SMP.transitionKind) == kind, link


def test_taxonomy_sources_name_publisher_and_version(dataset):
    for name in ("esco-v1-1-1", "rome-v3", "rome-v347", "rome-4", "onet-29-2"):
        source = PREFIXES["source"][name]
        assert dataset.value(source, SMP.sourceType) in (SMP.Taxonomy, SMP.Dataset), name
        assert dataset.value(source, DCTERMS.publisher) is not None, name
        assert dataset.value(source, DCTERMS.source) is not None, name
        assert dataset.value(source, URIRef("http://www.w3.org/2002/07/owl#versionInfo")), name


def _full_export_rows(archive: str, member: str) -> list[dict]:
    with zipfile.ZipFile(ESCO_FULL / archive) as zf:
        text = zf.read(member).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.skipif(
    not ESCO_FULL.is_dir(),
    reason="the full ESCO v1.1.1 export (../shared/data/esco-v1.1.1) is not beside this clone",
)
@pytest.mark.parametrize(
    ("extract", "archive", "member", "key"),
    [
        (
            "occupations-extract.csv",
            "classification-en-csv.zip",
            "occupations_en.csv",
            "conceptUri",
        ),
        ("skills-extract.csv", "classification-en-csv.zip", "skills_en.csv", "conceptUri"),
        ("isco-groups-extract.csv", "classification-en-csv.zip", "ISCOGroups_en.csv", "conceptUri"),
    ],
)
def test_shipped_esco_rows_equal_the_full_export(extract, archive, member, key):
    full = {r[key]: r for r in _full_export_rows(archive, member)}
    for row in _rows(ESCO_DIR / extract):
        assert full[row[key]] == row, row[key]


@pytest.mark.skipif(
    not ESCO_FULL.is_dir(),
    reason="the full ESCO v1.1.1 export (../shared/data/esco-v1.1.1) is not beside this clone",
)
def test_shipped_esco_relations_are_in_the_full_export():
    full = {
        tuple(r.values())
        for r in _full_export_rows("relations-csv.zip", "occupationSkillRelations.csv")
    }
    for row in RELATIONS:
        assert tuple(row.values()) in full, row
