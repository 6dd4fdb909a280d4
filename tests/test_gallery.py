"""The gallery of competency questions: its files, its names, and each query's expected answer.

Every ``ontology/queries/cq/cq-NN-slug.rq`` has its expected rows in ``tests/data/cq/`` (a
``.csv`` for SELECT and ASK, a ``.ttl`` graph for CONSTRUCT) and is checked on both engines:
Oxigraph (graphkit's) and rdflib's in-memory SPARQL (the baseline). Cells are written for
people: IRIs as CURIEs, literals as their lexical form without language tag, numbers by
value (Oxigraph stores ``5.0`` as ``5``: both engines give ``5`` here). ``test_engines_agree``
then compares the full terms (language tags and datatypes included).

The expected files were written from the engine's output (run this file with Python to
rewrite them), and only after each answer was checked against the Turtle it comes from:

- cq-01 to cq-03 by reading ``data/requirements.ttl``, ``data/esco-requirements.ttl`` and
  ``data/platform-uses.ttl``: the community manager's and the social media manager's
  requirements share nine skills (analytics through an ESCO relation mapped by closeMatch,
  SEO through one ESCO states, optional for the community manager; crisis management and
  performance measurement since the skill merges of issue 13, crisis management optional for
  the social media manager; social media management tools since seed 001's managers, issue
  17); every TikTok and Twitch use with its weight,
  evidence and source; the emerging platforms of ``vocab/platforms.ttl``, where only Discord,
  TikTok and Twitch are backed by a claim (``claim:emerging-platforms``, seed 000) and
  Mastodon, Bluesky and BeReal (curated) have no claim, hence empty claim cells (their roles
  came with issue 17).
- cq-04 to cq-20 by recomputing each answer in plain Python over rdflib's triple API (no
  SPARQL): tool-skill links, claims per source (``claim:early-platforms-declined`` cites two
  sources, hence two rows), the transitions into social media manager (those a taxonomy
  states have no typical years and cite their record), the roles without an exact or close
  ESCO occupation (``data/alignments.ttl``), every concept's two labels, essential /
  optional counts per role and per skill and the top 15, requirement trends, credential
  paths, evidence counts per link class, the deprecated title and its three replacements,
  chained progressions with their years added (empty when a step has none), the community
  manager's stated platform and tool uses with their quotes (one row per quote: seed 002's
  platform uses quote the sentence that names the role and the one that names the networks),
  the career graph (every role
  with both labels, one ``smp:leadsTo`` per pair of roles that a transition joins), the
  bilingual-label ASK (false: the SHACL core shapes require both labels too), the size of
  each named graph, and every ``skos:broader`` between skills.
"""

import csv
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic

from graphkit.errors import OntologyFileError, QueryNotFound
from graphkit.graph.ontology import default_ontology_dir
from graphkit.graph.prefixes import curie
from graphkit.sparql.checks import inspect_query
from graphkit.sparql.engine import Engine, rdflib_query
from graphkit.sparql.gallery import find_query, gallery, resolve_query
from graphkit.sparql.results import QueryResult

EXPECTED = Path(__file__).parent / "data" / "cq"
GALLERY = gallery()
NAMES = [q.name for q in GALLERY]
_NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#" + t
    for t in ("integer", "decimal", "double", "float", "int", "long")
}


@pytest.fixture(scope="module")
def engine(dataset):
    return Engine.from_dataset(dataset)


def run(engine_name, query, engine, dataset) -> QueryResult:
    if engine_name == "oxigraph":
        return engine.query(query.text)
    return rdflib_query(dataset, query.text)


def cell(term: dict | None) -> str:
    """A cell as the expected files write it."""
    if term is None:
        return ""
    if term["type"] == "uri":
        return curie(term["value"])
    if term.get("datatype") in _NUMERIC:
        return format(Decimal(term["value"]).normalize(), "f")
    return term["value"]


def csv_text(result: QueryResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if result.kind == "boolean":
        writer.writerows([["ask"], ["true" if result.boolean else "false"]])
    else:
        writer.writerow(result.variables)
        writer.writerows([cell(row.get(v)) for v in result.variables] for row in result.bindings)
    return out.getvalue()


def to_graph(result: QueryResult) -> Graph:
    def term(t):
        if t["type"] == "uri":
            return URIRef(t["value"])
        return Literal(t["value"], lang=t.get("xml:lang"), datatype=t.get("datatype"))

    graph = Graph()
    for triple in result.triples:
        graph.add(tuple(term(t) for t in triple))
    return graph


def comparable(term: dict) -> tuple:
    """A term with numbers compared by value (Oxigraph writes 5.0 as 5)."""
    if term.get("datatype") in _NUMERIC:
        return ("number", term["datatype"], Decimal(term["value"]))
    return tuple(sorted(term.items()))


# --------------------------------------------------------------------------- the files


def test_gallery_has_at_least_fifteen_questions():
    assert len(GALLERY) >= 15, f"only {len(GALLERY)} competency questions"


@pytest.mark.parametrize("query", GALLERY, ids=NAMES)
def test_query_is_named_and_asks_in_both_languages(query):
    assert re.fullmatch(r"cq-\d\d-[a-z0-9]+(-[a-z0-9]+)*", query.name), query.name
    assert set(query.question) == {"en", "fr"}, f"{query.name} needs '# en:' and '# fr:'"
    assert query.text.startswith("# en: "), "the question comes first"


def test_query_numbers_are_unique():
    numbers = [name[:5] for name in NAMES]
    assert len(numbers) == len(set(numbers)), numbers


@pytest.mark.parametrize("query", GALLERY, ids=NAMES)
def test_select_queries_are_ordered(query):
    info = inspect_query(query.text)
    assert info.kind in ("bindings", "boolean", "graph"), query.name
    if info.kind == "bindings":
        assert re.search(r"(?im)^ORDER BY ", query.text), f"{query.name} needs ORDER BY"


def test_every_query_has_expected_rows_and_back():
    expected = {p.stem for p in EXPECTED.iterdir()}
    assert expected, f"no expected rows in {EXPECTED}"
    assert expected == set(NAMES)


def test_empty_gallery_is_an_error(tmp_path):
    with pytest.raises(OntologyFileError, match="no cq-"):
        gallery(tmp_path)


# --------------------------------------------------------------------------- the answers


@pytest.mark.parametrize("engine_name", ["oxigraph", "rdflib"])
@pytest.mark.parametrize("query", GALLERY, ids=NAMES)
def test_expected_rows(query, engine_name, engine, dataset):
    result = run(engine_name, query, engine, dataset)
    if result.kind == "graph":
        expected = Graph().parse(EXPECTED / f"{query.name}.ttl")
        got = to_graph(result)
        if not isomorphic(got, expected):
            _, only_got, only_expected = graph_diff(got, expected)
            pytest.fail(
                f"only in the result:\n{only_got.serialize(format='nt')}\n"
                f"only expected:\n{only_expected.serialize(format='nt')}"
            )
    else:
        expected = (EXPECTED / f"{query.name}.csv").read_text(encoding="utf-8")
        assert csv_text(result) == expected, (
            "if the data changed, check the new answer against it, then rewrite the expected "
            "rows with: .venv/bin/python tests/test_gallery.py"
        )


@pytest.mark.parametrize("query", GALLERY, ids=NAMES)
def test_engines_agree(query, engine, dataset):
    """Oxigraph and rdflib give the same values in the same order (graphs: isomorphic)."""
    ours, theirs = engine.query(query.text), rdflib_query(dataset, query.text)
    assert ours.kind == theirs.kind
    if ours.kind == "graph":
        assert isomorphic(to_graph(ours), to_graph(theirs))
    elif ours.kind == "boolean":
        assert ours.boolean == theirs.boolean
    else:
        assert ours.variables == theirs.variables
        assert ours.bindings, f"{query.name} answers nothing: nothing is compared"

        def values(result):
            return [{k: comparable(v) for k, v in row.items()} for row in result.bindings]

        assert values(ours) == values(theirs)


# --------------------------------------------------------------------------- finding queries


@pytest.mark.parametrize(
    "name", ["cq-04-tools-per-skill", "cq-04", "04", "4", "tools-per-skill", "CQ-04.rq"]
)
def test_find_query_by_name_number_or_slug(name):
    assert find_query(name).name == "cq-04-tools-per-skill"


def test_find_query_suggests_close_names():
    with pytest.raises(QueryNotFound) as info:
        find_query("tool-per-skill")
    assert info.value.suggestions == ["cq-04-tools-per-skill"]
    assert info.value.exit_code == 2


def test_resolve_query_reads_a_file(tmp_path):
    path = tmp_path / "q.rq"
    path.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    assert resolve_query(str(path)) == "ASK { ?s ?p ?o }"


def test_resolve_query_takes_a_gallery_name_or_the_text():
    assert resolve_query("cq-19") == find_query("19").text
    assert resolve_query("SELECT * WHERE { ?s ?p ?o }") == "SELECT * WHERE { ?s ?p ?o }"


def test_resolve_query_refuses_an_unknown_single_word():
    with pytest.raises(QueryNotFound, match="'cq-99'"):
        resolve_query("cq-99")


def test_gallery_of_another_ontology_folder(tiny_ontology):
    queries = gallery(tiny_ontology)
    assert [q.name for q in queries] == NAMES
    assert default_ontology_dir() != tiny_ontology


if __name__ == "__main__":
    # Rewrite the expected files from Oxigraph's answers: check each change against the data
    # before committing it.
    from graphkit.graph.load import load_dataset
    from graphkit.sparql.results import serialize

    current = Engine.from_dataset(load_dataset())
    EXPECTED.mkdir(parents=True, exist_ok=True)
    for query in GALLERY:
        result = current.query(query.text)
        if result.kind == "graph":
            (EXPECTED / f"{query.name}.ttl").write_bytes(serialize(result, "turtle"))
        else:
            (EXPECTED / f"{query.name}.csv").write_text(csv_text(result), encoding="utf-8")
        print(f"{query.name}: {len(result)}")
