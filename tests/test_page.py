"""The endpoint's query page at /, run in headless Chromium against a real server.

An ASK, a SELECT and a syntax error are run from the page, as a person would: the status line
must say what came back, and the result must be shown (issue 15: an ASK left "running…").
"""

import pytest

from graphkit.graph.examples import tiny_graph


@pytest.fixture(scope="module")
def root(live_endpoint):
    return live_endpoint(tiny_graph(), timeout=5)


@pytest.fixture
def tab(browser, root):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    errors = []
    tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(root + "/")
    yield tab
    context.close()
    # the page's own script runs under its content policy (an HTTP error status is logged too)
    assert [e for e in errors if not e.startswith("Failed to load resource")] == []


def run(tab, query: str) -> tuple[str, str]:
    """Type a query, press Run, wait until the status leaves "running…"; (status, result)."""
    tab.fill("#query", query)
    tab.click("#run")
    tab.wait_for_function(
        "(s) => s.textContent && s.textContent !== 'running…'",
        arg=tab.query_selector("#status"),
        timeout=15_000,
    )
    return tab.inner_text("#status"), tab.inner_text("#out")


def test_an_ask_query_shows_its_answer_and_a_status(tab):
    status, out = run(tab, "ASK { role:writer smp:leadsTo role:community-manager }")
    assert (status, out) == ("ASK: yes", "true")
    status, out = run(tab, "ASK { role:strategist smp:leadsTo role:editor }")
    assert (status, out) == ("ASK: no", "false")


def test_a_select_query_shows_a_table_and_its_row_count(tab):
    status, _ = run(tab, "SELECT ?role WHERE { ?role a smp:Role } ORDER BY ?role")
    assert status == "4 rows"
    cells = tab.locator("#out td").all_inner_texts()
    assert cells == [
        "https://w3id.org/smp/role/community-manager",
        "https://w3id.org/smp/role/editor",
        "https://w3id.org/smp/role/strategist",
        "https://w3id.org/smp/role/writer",
    ]


def test_a_syntax_error_shows_the_status_and_the_parser_message(tab):
    status, out = run(tab, "SELECT ?x WHERE { ?x }")
    assert status == "400 Bad Request"
    assert out.startswith("SPARQL syntax error at line 1")


def test_after_an_ask_a_select_still_works(tab):
    # the ASK's answer must not linger: the next result replaces it
    run(tab, "ASK { ?s ?p ?o }")
    status, out = run(tab, "SELECT ?role WHERE { ?role a smp:Role } LIMIT 1")
    assert status == "1 rows" and "true" not in out
