"""The HTML page of an IRI: labels, definition, links to the same server, evidence, sources.

Checked on the real graph, served by a real server on 127.0.0.1, read as HTML and opened in
headless Chromium (screenshots go to tests/artifacts/, to be looked at).
"""

import html
import re
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from graphkit.export.ontology_doc import ontology_html_of
from graphkit.graph.prefixes import BASE
from graphkit.sparql.resource_page import resource_page
from graphkit.sparql.server import make_app, request

ARTIFACTS = Path(__file__).parent / "artifacts"
ROLE = BASE + "role/community-manager"


class Links(HTMLParser):
    """Every href of a page, and its text."""

    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])


@pytest.fixture(scope="module")
def root(dataset, live_endpoint):
    """The endpoint as `graphkit serve` runs it, on the real graph."""
    return live_endpoint(dataset, ontology_page=ontology_html_of)


def page_at(url: str) -> str:
    req = urllib.request.Request(url, headers={"Accept": "text/html"})
    with urllib.request.urlopen(req, timeout=60) as response:
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        return response.read().decode("utf-8")


def text_of(page: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_a_role_page_has_labels_definitions_and_qualified_links(root):
    page = page_at(root + "/role/community-manager")
    assert "<h1>community manager</h1>" in page  # same label in French: said once
    text = text_of(page)
    assert "runs and moderates a brand's communities" in text
    assert "anime et modère les communautés" in text
    for heading in ("skill requirement", "transition", "platform use", "tool use", "claim"):
        assert re.search(rf"<h2>{heading} \(\d+\)</h2>", page), heading
    # evidence and sources of each link: the levels, a seed article, its quote
    assert ">stated</a>" in page and ">curated</a>" in page
    assert 'href="/source/seed-003"' in page
    assert "Leur poste précédent est souvent celui de chargé de communication web" in text


def test_a_french_label_is_shown_beside_the_english_one(root):
    page = page_at(root + "/skill/content-creation")
    assert re.search(r'<h1>content creation <span lang="fr">· [^<]+</span></h1>', page)


def test_every_link_to_the_same_server_answers(root):
    parser = Links()
    parser.feed(page_at(root + "/role/community-manager"))
    local = sorted({h for h in parser.hrefs if h.startswith("/")})
    assert len(local) > 80
    for href in local:
        status = urllib.request.urlopen(
            urllib.request.Request(urljoin(root, href), headers={"Accept": "text/html"}),
            timeout=60,
        ).status
        assert status == 200, href


def test_a_source_page_lists_what_it_supports(root):
    text = text_of(page_at(root + "/source/seed-003"))
    assert "Pointing here" in text and "prov:wasDerivedFrom" in text
    assert "social media manager" in text


def test_a_term_page_links_to_its_documentation(root):
    page = page_at(root + "/platformStatus")
    assert 'href="/ontology#platformStatus"' in page
    assert "statut de plateforme" in page


def test_the_page_escapes_what_the_data_says():
    evil = "<script>alert(1)</script>"
    triples = [
        (
            {"type": "uri", "value": ROLE},
            {"type": "uri", "value": "http://www.w3.org/2004/02/skos/core#prefLabel"},
            {"type": "literal", "value": evil, "xml:lang": 'en"><script>'},
        )
    ]
    page = resource_page(ROLE, triples).decode()
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_links_follow_the_path_the_server_is_mounted_at(dataset):
    # behind a reverse proxy at /smp, WSGI's SCRIPT_NAME is /smp and the links keep it
    from wsgiref.util import setup_testing_defaults

    environ = {"PATH_INFO": "/role/community-manager", "SCRIPT_NAME": "/smp"}
    environ["HTTP_ACCEPT"] = "text/html"
    setup_testing_defaults(environ)
    with make_app(dataset, workers=0) as app:
        page = b"".join(app(environ, lambda status, headers: None)).decode()
        at_root = request(app, "GET", "/role/community-manager", headers={"Accept": "text/html"})
    assert 'href="/smp/ontology"' in page and 'href="/smp/skill/content-creation"' in page
    assert 'href="/skill/content-creation"' in at_root.text


def test_the_page_in_chromium(browser, root):
    context = browser.new_context(viewport={"width": 1300, "height": 1000})
    tab = context.new_page()
    outside, errors = [], []
    tab.on("request", lambda r: urlparse(r.url).hostname == "127.0.0.1" or outside.append(r.url))
    tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
    try:
        tab.goto(root + "/role/community-manager")
        assert tab.inner_text("h1") == "community manager"
        ARTIFACTS.mkdir(exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / "resource-community-manager.png"))
        tab.click("text=content creation >> nth=0")
        tab.wait_for_url(root + "/skill/content-creation")
        assert tab.inner_text("h1").startswith("content creation")
        assert outside == [] and errors == []
    finally:
        context.close()
