"""The seed-grounded data: seed facts queryable, quotes verbatim, counts, honesty rules."""

import re
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from graphkit.graph.namespaces import GRAPH, PREFIXES, SMP
from graphkit.stats.summary import graph_stats

FACTS_FILE = Path(__file__).parent / "data" / "seed_facts.toml"
FACTS = tomllib.loads(FACTS_FILE.read_text(encoding="utf-8"))["fact"]
#: The evidence base, beside the repository in the team's checkouts; a user's clone has none.
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
SOURCE = PREFIXES["source"]
#: Words by which a seed sentence ranks one of the items it lists below the others.
RANKED_LOWER = ("y compris", "par exemple", "moins critiques")


def test_seed_fact_table_is_not_empty():
    assert len(FACTS) >= 140
    assert {f["seed"][:3] for f in FACTS} == {"000", "001", "002", "003", "004"}


@pytest.mark.parametrize(
    "fact", FACTS, ids=[f"{f['seed'][:3]}-{i:02d}" for i, f in enumerate(FACTS)]
)
def test_seed_fact_is_queryable(dataset, fact):
    assert dataset.query(fact["ask"], initNs=PREFIXES).askAnswer, fact["fact"]


@pytest.mark.parametrize(
    ("cls", "floor"),
    [
        ("Role", 65),
        ("Skill", 170),
        ("Platform", 30),
        ("Tool", 60),
        ("Transition", 160),
        ("Claim", 45),
        ("Credential", 10),
        ("Source", 12),
    ],
)
def test_counts_reach_the_floor(dataset, cls, floor):
    assert graph_stats(dataset)["classes"][cls] >= floor


def test_each_seed_is_a_source_named_by_its_file(dataset):
    identifiers = {
        str(dataset.value(s, DCTERMS.identifier))
        for s in dataset.subjects(SMP.sourceType, SMP.Article)
    }
    assert {i[:3] for i in identifiers} >= {"000", "001", "002", "003", "004"}


def test_curated_links_derive_from_the_curation_source_only(dataset):
    curated = set(dataset.subjects(SMP.evidence, SMP.Curated))
    assert curated, "no curated link: the curated mark is untested"
    for link in curated:
        assert set(dataset.objects(link, PROV.wasDerivedFrom)) == {SOURCE["graphkit-curation"]}


def _quoted(dataset):
    """Every (node, quote, seed file) of the graph whose quote cites a seed article."""
    found = []
    for node, quote in dataset.subject_objects(SMP.quote):
        for source in dataset.objects(node, PROV.wasDerivedFrom):
            identifier = dataset.value(source, DCTERMS.identifier)
            if (source, SMP.sourceType, SMP.Article) in dataset and identifier is not None:
                found.append((node, quote, str(identifier)))
    return found


def test_stated_links_carry_quotes(dataset):
    assert len(_quoted(dataset)) >= 50


@pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the seed articles (../shared/seeds) are not beside this clone"
)
def test_every_quote_is_verbatim_in_its_seed(dataset):
    texts = {p.name: " ".join(p.read_text(encoding="utf-8").split()) for p in SEEDS.glob("*.txt")}
    assert len(texts) == 5
    missing = [
        (str(node), str(quote))
        for node, quote, seed in _quoted(dataset)
        if " ".join(str(quote).split()) not in texts[seed]
    ]
    assert missing == []


def _sentences(path):
    """The sentences of a seed article, whitespace folded."""
    return re.split(r"(?<=[.!?])\s+", " ".join(path.read_text(encoding="utf-8").split()))


@pytest.mark.skipif(
    not SEEDS.is_dir(), reason="the seed articles (../shared/seeds) are not beside this clone"
)
def test_one_seed_sentence_gives_its_requirements_one_importance(dataset):
    """The rule of ontology/README.md: items a sentence lists side by side share one importance;
    an item the sentence itself ranks lower (« y compris », « par exemple », « moins critiques »)
    is optional."""
    sentences = {p.name: _sentences(p) for p in SEEDS.glob("*.txt")}
    found = defaultdict(dict)  # (seed, sentence index) -> {requirement: (importance, ranked lower)}
    for node, quote, seed in _quoted(dataset):
        importance = dataset.value(node, SMP.importance)
        if importance is None:
            continue
        quote = " ".join(str(quote).split())
        where = [i for i, sentence in enumerate(sentences[seed]) if quote in sentence]
        assert len(where) == 1, (str(node), quote)
        _, ranked = found[seed, where[0]].get(node, (importance, False))
        found[seed, where[0]][node] = (importance, ranked or any(w in quote for w in RANKED_LOWER))
    assert len(found) >= 20
    for (seed, index), items in found.items():
        ranked = {str(n): i for n, (i, lower) in items.items() if lower}
        assert set(ranked.values()) <= {SMP.Optional}, (seed, index, ranked)
        side_by_side = {i for i, lower in items.values() if not lower}
        assert len(side_by_side) <= 1, (seed, sentences[seed][index], items)


def test_claims_with_figures_give_a_unit(dataset):
    figures = list(dataset.subject_objects(SMP.figure))
    assert len(figures) >= 5
    for claim, figure in figures:
        assert isinstance(figure, Literal)
        assert {u.language for u in dataset.objects(claim, SMP.unit)} == {"fr", "en"}, claim


def test_external_identifiers_are_only_in_the_alignments_graph(dataset):
    """Mappings live in data/alignments.ttl, where tests/test_alignments.py checks every one."""
    from rdflib.namespace import SKOS

    alignments = GRAPH["data/alignments"]
    for predicate in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch):
        for triple in dataset.triples((None, predicate, None)):
            assert triple in dataset.graph(alignments), triple


def test_platforms_myspace_and_vine_have_declined(dataset):
    for name in ("myspace", "vine"):
        platform = URIRef(PREFIXES["platform"][name])
        assert dataset.value(platform, SMP.platformStatus) == SMP.Declined


def test_deprecated_titles_name_their_replacement(dataset):
    from rdflib.namespace import OWL

    deprecated = set(dataset.subjects(OWL.deprecated, Literal(True)))
    assert deprecated
    for node in deprecated:
        assert isinstance(dataset.value(node, DCTERMS.isReplacedBy), URIRef)
        assert (node, RDF.type, SMP.Role) in dataset
