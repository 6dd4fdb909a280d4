"""``--lang fr`` is complete: every command, run in French on the real graph, writes no English.

The English the commands may write is known: the words tables (graphkit.views.words) and the
ontology's labels of controlled values and classes. Each French output is stripped of the
data it quotes (labels, definitions, statements, quotes in any language, IRIs and CURIEs);
what is left must hold none of the English words that have a French counterpart.
"""

import re

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from graphkit.cli import cli
from graphkit.graph.concepts import CONCEPT_KINDS, RECORD_KINDS
from graphkit.graph.namespaces import SMP
from graphkit.views.words import HEADERS, KINDS, MESSAGES, WORDS

COMMANDS = [
    ["show", "gestionnaire de communaute"],
    ["show", "Canva"],
    ["show", "montage video"],
    ["show", "seed-004"],
    ["show", "rome-v3"],
    ["show", "transition:community-manager--social-media-manager"],
    ["show", "requirement:community-manager--moderation"],
    ["show", "claim:job-offers-analysed"],
    ["suggest", "--skills", "Canva, montage video, TikTok"],
    ["suggest", "--skills", "redaction web, moderation", "--role", "redacteur web"],
    ["path", "redacteur web", "social media manager", "--k", "2"],
    ["path", "journaliste", "responsable de la communication", "--weight", "hops"],
    ["gap", "redacteur web", "gestionnaire de communaute"],
    ["next", "gestionnaire de communaute", "--steps", "2", "--with-inferred"],
    ["roles"],
    ["stats"],
    ["stats", "--coverage"],
    ["queries"],
]

#: Commands that fail, and must fail in French.
FAILURES = [
    (["gap", "Canva", "gestionnaire de communaute"], 2),
    (["path", "redacteur web", "social media manager", "--max-steps", "1"], 1),
    (["path", "redacteur web", "social media manager", "--via", "Canva"], 2),
    (["next", "seed-004"], 2),
    (["suggest", "--skills", "gestionnaire de communaute"], 2),
    (["suggest", "--role", "TikTok"], 2),
    (["show", "Répertoire opérationnel des métiers et des emplois (ROME)"], 2),
    (["show", "astronote"], 2),
    (["suggest"], 2),
]


def _phrases(text: str) -> set[str]:
    """Split a template into the phrases it writes (around fields and punctuation)."""
    parts = re.split(r"\{[^}]*\}|[·:;,()«»…?!%<>+=\-–—/'’\"]|\.(?!\w)", text)
    return {p.strip() for p in parts if len(p.strip()) >= 3 and re.search(r"[a-z]", p)}


@pytest.fixture(scope="module")
def english(dataset):
    """Every English phrase graphkit writes that has a different French counterpart."""
    french: set[str] = set()
    for table in (WORDS["fr"], HEADERS["fr"], MESSAGES["fr"]):
        for value in table.values():
            french |= _phrases(value)
    french |= {p for pair in KINDS["fr"].values() for v in pair for p in _phrases(v)}
    found: set[str] = set()
    for key, value in WORDS["en"].items():
        if value != WORDS["fr"][key]:
            found |= _phrases(value)
    for key in HEADERS["en"].keys() | HEADERS["fr"].keys():
        if HEADERS["en"].get(key, key) != HEADERS["fr"].get(key, key):
            found |= _phrases(HEADERS["en"].get(key, key))
    for kind, (noun, _) in KINDS["en"].items():
        if noun != KINDS["fr"][kind][0]:
            found |= _phrases(noun)
    values = set(dataset.subjects(RDF.type, OWL.Class))
    for cls in dataset.subjects(RDFS.subClassOf, SMP.ControlledValue):
        values |= set(dataset.subjects(RDF.type, cls))
    for node in values:
        names = {lit.language: str(lit) for lit in dataset.objects(node, RDFS.label)}
        if names.get("en") and names.get("en") != names.get("fr"):
            found |= _phrases(names["en"])
    english = {p for p in found - french if p.casefold() not in {f.casefold() for f in french}}
    assert {"essential", "stated", "weight", "missing essential", "to gain"} <= english
    return sorted(english, key=len, reverse=True)


@pytest.fixture(scope="module")
def data_text(dataset):
    """The literals of the concepts and records (labels, definitions, quotes…), and every IRI.

    Not the ontology's own labels (of classes and controlled values): those are the words
    the commands write, and are checked.
    """
    classes = [*CONCEPT_KINDS.values(), *RECORD_KINDS.values()]
    things = {s for cls in classes for s in dataset.subjects(RDF.type, cls)}
    texts = {
        str(o)
        for thing in things
        for o in dataset.objects(thing)
        if isinstance(o, Literal) and len(str(o)) > 1
    }
    texts |= {str(s) for s in dataset.subjects() if isinstance(s, URIRef)}
    quoted = "|".join(re.escape(t) for t in sorted(texts, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{quoted})(?!\w)")


def _english_left(output: str, english: list[str], data_text: re.Pattern) -> list[str]:
    """The English phrases of `output` once the data it quotes is taken out, in context."""
    text = _strip(output, data_text)
    found = []
    for phrase in english:
        for match in re.finditer(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text):
            context = text[max(0, match.start() - 30) : match.end() + 30].replace("\n", "⏎")
            found.append(f"{phrase!r} in {context!r}")
    return found


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_speaks_french(args, english, data_text):
    result = run(*args, "--lang", "fr")
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout) > 80
    assert _english_left(result.stdout + result.stderr, english, data_text) == []


def _strip(output: str, data_text: re.Pattern, typed=()) -> str:
    """Take out of `output` the data it quotes (literals, IRIs, CURIEs, gallery names)."""
    for name in typed:
        output = output.replace(name, " ")
    output = re.sub(r"\bcq-[\w-]+|\b[a-z]+:[\w./>-]+|<[^>]*>", " ", output)
    return data_text.sub(" ", output)


def _said_again(french: str, english: str, data_text: re.Pattern, typed=()) -> list[str]:
    """The phrases of an English message that its French says again (data and input aside)."""
    words = _phrases(_strip(english.removeprefix("Error: "), data_text, typed))
    text = _strip(french.removeprefix("Error: "), data_text, typed)
    return sorted(p for p in words if re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", text))


@pytest.mark.parametrize(("args", "code"), FAILURES, ids=[" ".join(a) for a, _ in FAILURES])
def test_every_error_speaks_french(args, code, data_text):
    english, french = run(*args), run(*args, "--lang", "fr")
    assert (english.exit_code, french.exit_code) == (code, code)
    assert french.stderr.startswith("Error: ") and french.stdout == ""
    assert "Traceback" not in french.output
    assert french.stderr != english.stderr
    assert _said_again(french.stderr, english.stderr, data_text, args) == []


def test_the_checks_find_english(english, data_text):
    """The same checks on the English outputs find English: they can fail."""
    for args in (["show", "seed-004"], ["suggest", "--skills", "Canva"], ["stats"]):
        assert _english_left(run(*args).stdout, english, data_text), args
    message = run("gap", "Canva", "community manager").stderr
    assert _said_again(message, message, data_text) == ["closest roles", "is a tool", "not a role"]
