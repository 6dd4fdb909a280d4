"""Shared fixtures: the real dataset (loaded once), the tiny graph, and a tiny ontology folder."""

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
