"""The ontology's documentation page (pyLODE): every term, the namespace, offline, in Chromium.

Screenshots go to tests/artifacts/ (git-ignored), to be looked at.
"""

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS

from graphkit.errors import InvalidArgument
from graphkit.export.ontology_doc import has_ontology, ontology_html
from graphkit.graph.load import TBOX_GRAPH
from graphkit.graph.namespaces import SMP
from graphkit.graph.prefixes import BASE

ARTIFACTS = Path(__file__).parent / "artifacts"
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)

# an audit hook that records connections and lookups while armed
_AUDIT = {"armed": False, "events": []}


def _audit(event, args):
    if _AUDIT["armed"] and event in ("socket.connect", "socket.getaddrinfo", "urllib.Request"):
        _AUDIT["events"].append((event, args))


sys.addaudithook(_audit)


class Sections(HTMLParser):
    """The page's sections: for each element with an id, the text of its first heading."""

    def __init__(self):
        super().__init__()
        self.ids, self.headings, self._open = [], {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
            if "entity" in (attrs.get("class") or ""):
                self._open, self.headings[attrs["id"]] = attrs["id"], ""

    def handle_endtag(self, tag):
        if tag == "h3":
            self._open = None

    def handle_data(self, data):
        if self._open:
            self.headings[self._open] += data


@pytest.fixture(scope="module")
def page(dataset) -> str:
    return ontology_html(dataset).decode("utf-8")


@pytest.fixture(scope="module")
def sections(page) -> Sections:
    parser = Sections()
    parser.feed(page)
    return parser


def terms(dataset) -> list[URIRef]:
    tbox = dataset.graph(TBOX_GRAPH)
    found = sorted(
        {s for kind in TERM_TYPES for s in tbox.subjects(RDF.type, kind) if str(s).startswith(BASE)}
    )
    assert len(found) > 50
    return found


def test_every_class_and_property_has_a_section_at_its_name(dataset, sections, page):
    tbox = dataset.graph(TBOX_GRAPH)
    for term in terms(dataset):
        name = str(term)[len(BASE) :]
        assert name in sections.headings, name
        for lang in ("en", "fr"):
            label = next(str(o) for o in tbox.objects(term, RDFS.label) if o.language == lang)
            assert label in sections.headings[name], (name, lang)
        assert f"<code>{term}</code>" in page


def test_platform_status_is_documented(sections, page):
    heading = " ".join(sections.headings["platformStatus"].split())
    assert heading == "platform status · statut de plateforme op"  # op: an object property
    assert "Whether a platform is emerging, established or declined" in page


def test_the_page_states_the_namespace(page):
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    assert "Preferred Namespace Prefix smp" in text
    assert "Preferred Namespace Uri https://w3id.org/smp/ " in text
    assert "smp:Role is https://w3id.org/smp/Role" in text  # the note on term IRIs
    namespaces = page[page.index('id="namespaces"') :]
    smp = r'<dt id="smp">smp</dt>\s*<dd>\s*<code>https://w3id.org/smp/</code>'
    assert re.search(smp, namespaces)


def test_each_class_of_controlled_values_lists_its_values(dataset, page):
    tbox = dataset.graph(TBOX_GRAPH)
    values = [v for v, _, c in tbox.triples((None, RDF.type, None))
              if (c, RDFS.subClassOf, SMP.ControlledValue) in tbox]  # fmt: skip
    assert len(values) > 20
    for value in values:
        assert f"<code>smp:{str(value)[len(BASE) :]}</code>" in page, value


def test_no_section_is_written_twice(sections):
    # pyLODE would repeat a functional object property in a "Functional Properties" section
    assert len(sections.ids) == len(set(sections.ids))
    assert "functionalproperties" not in sections.ids


def test_the_page_loads_nothing_from_outside(page):
    fetched = re.findall(r'<(?:script|link|img|iframe|source)\b[^>]*?(?:src|href)="([^"]*)"', page)
    assert fetched and all(url.startswith("data:") for url in fetched), fetched
    assert "@import" not in page
    assert not re.search(r"url\((?![\"']?data:)", page)


def test_building_the_page_opens_no_connection(dataset):
    _AUDIT["armed"] = True
    try:
        ontology_html(dataset)
    finally:
        _AUDIT["armed"] = False
    assert _AUDIT["events"] == []


def test_pylode_leaves_the_logging_set_up_alone():
    # pyLODE calls logging.basicConfig(level=DEBUG) when imported; a fresh process shows it
    script = (
        "import logging\n"
        "from graphkit.export.ontology_doc import _ontpub\n"
        "_ontpub()\n"
        "root = logging.getLogger()\n"
        "print(len(root.handlers), root.level)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", str(30)], out.stdout  # WARNING, no handler


def test_a_dataset_without_the_ontology_header_has_no_page(tiny):
    assert not has_ontology(tiny)
    with pytest.raises(InvalidArgument, match="no ontology header"):
        ontology_html(tiny)


def test_the_page_in_chromium_with_the_network_cut(browser, page, tmp_path):
    path = tmp_path / "ontology.html"
    path.write_text(page, encoding="utf-8")
    context = browser.new_context(offline=True, viewport={"width": 1300, "height": 900})
    outside, errors = [], []
    tab = context.new_page()
    local = ("file", "data")
    tab.on("request", lambda r: urlparse(r.url).scheme in local or outside.append(r.url))
    tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
    tab.on("pageerror", lambda e: errors.append(str(e)))
    try:
        tab.goto(path.as_uri() + "#platformStatus")
        assert outside == [] and errors == []
        section = tab.locator("#platformStatus")
        assert section.is_visible()
        assert "https://w3id.org/smp/platformStatus" in section.inner_text()
        toc = tab.locator("#toc").inner_text()
        assert "platform status · statut de plateforme" in toc and "Namespaces" in toc
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / "ontology.png"))
    finally:
        context.close()
