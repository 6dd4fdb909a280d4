"""Shared fixtures: the real dataset (loaded once), the tiny graph, a tiny ontology folder, and
headless Chromium (Debian's, driven by Playwright) for the pages."""

import os
import shutil
from pathlib import Path

import pytest

from graphkit.graph.examples import TINY_TTL, tiny_graph
from graphkit.graph.load import load_dataset
from graphkit.graph.ontology import default_ontology_dir

ONTOLOGY = default_ontology_dir()


@pytest.fixture(scope="session")
def dataset():
    """The real graph, loaded once per session: tests must not change it."""
    return load_dataset(ONTOLOGY)


@pytest.fixture
def tiny():
    """A fresh tiny graph (see graphkit.graph.examples)."""
    return tiny_graph()


@pytest.fixture
def G(tiny):  # noqa: N802 (the graph is G, as in networkx)
    """The tiny graph's transition projection (curated and inferred moves)."""
    from graphkit.routes.projection import to_transition_graph

    return to_transition_graph(tiny)


@pytest.fixture
def tiny_ontology(tmp_path: Path) -> Path:
    """An ontology folder holding the real TBox, queries and shapes, and the tiny data."""
    root = tmp_path / "ontology"
    root.mkdir()
    shutil.copy(ONTOLOGY / "smp.ttl", root / "smp.ttl")
    shutil.copytree(ONTOLOGY / "queries", root / "queries")
    shutil.copytree(ONTOLOGY / "shapes", root / "shapes")
    (root / "data").mkdir()
    (root / "data" / "tiny.ttl").write_text(TINY_TTL, encoding="utf-8")
    return root


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium; fails under CI when it is missing, skips elsewhere."""
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing (make test installs it)")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def live_endpoint():
    """Start real endpoints on free ports of 127.0.0.1, as `graphkit serve` runs them:
    ``live_endpoint(source, **options)`` gives the server's root URL (options of
    :class:`graphkit.sparql.serving.Endpoint`, one process by default); every endpoint stops
    with the module.
    """
    import threading

    from graphkit.sparql.serving import Endpoint

    started = []

    def start(source, **options) -> str:
        endpoint = Endpoint(source, **{"port": 0, "workers": 1, **options})
        runner = threading.Thread(target=endpoint.run, daemon=True)
        runner.start()
        started.append((endpoint, runner))
        return endpoint.url.removesuffix("/sparql")

    yield start
    for endpoint, runner in started:
        endpoint.close()
        runner.join(5)
        assert not runner.is_alive(), "the endpoint did not stop"
