"""Session set-up shared by the tests and the doctests."""

import os
import tempfile

import pytest


def pytest_configure(config):
    """Keep the compiled-projection cache and any imported ESCO out of the user's home."""
    os.environ["GRAPHKIT_CACHE"] = tempfile.mkdtemp(prefix="graphkit-cache-")
    os.environ["GRAPHKIT_DATA"] = tempfile.mkdtemp(prefix="graphkit-data-")


@pytest.fixture(scope="session", autouse=True)
def _tiny_routes(doctest_namespace):
    """Give the doctests of the routes and their views the tiny graph (networkx injects ``nx``).

    ``tiny_graph`` and ``to_transition_graph``, ``G = to_transition_graph(tiny_graph())`` and
    ``role``, the base of the role IRIs. Algorithms never change their input, so one ``G``
    serves every doctest.
    """
    from graphkit.graph.examples import tiny_graph
    from graphkit.routes.projection import to_transition_graph

    doctest_namespace.update(
        tiny_graph=tiny_graph,
        to_transition_graph=to_transition_graph,
        G=to_transition_graph(tiny_graph()),
        role="https://w3id.org/smp/role/",
    )
