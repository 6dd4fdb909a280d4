"""Worker processes: a query past the time limit is stopped, errors cross the process boundary."""

import json
import time

import pytest

from graphkit.errors import QueryFailed, QuerySyntaxError, QueryTimeout, ResultTooLarge
from graphkit.sparql.engine import Engine
from graphkit.sparql.pool import QueryPool

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def pool():
    from graphkit.graph.examples import tiny_graph

    with QueryPool(Engine.from_dataset(tiny_graph()), workers=1, timeout=1.0, max_rows=5) as pool:
        yield pool


def ask(pool):
    return json.loads(pool.run("ASK { role:writer smp:leadsTo role:strategist }", "json"))


def wait_for_a_worker(pool, seconds=60):
    """The replacement starts in the background; a loaded machine may take a while."""
    deadline = time.monotonic() + seconds
    while pool._idle.qsize() == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pool._idle.qsize() == 1, "no worker replaced the killed one"


def test_runs_and_serializes(pool):
    assert ask(pool) == {"head": {}, "boolean": True}
    csv = pool.run("SELECT ?r WHERE { ?r a smp:Role } ORDER BY ?r LIMIT 2", "csv")
    assert csv.decode().splitlines() == [
        "r",
        "https://w3id.org/smp/role/community-manager",
        "https://w3id.org/smp/role/editor",
    ]


def test_a_query_past_the_limit_is_killed_and_the_worker_replaced(pool):
    start = time.monotonic()
    with pytest.raises(QueryTimeout, match="time limit of 1 s"):
        pool.run(SLOW, "json")
    assert time.monotonic() - start < 1.0 + QueryPool.GRACE + 1.0
    wait_for_a_worker(pool)
    assert ask(pool)["boolean"] is True


def test_errors_cross_the_process_boundary(pool):
    with pytest.raises(QuerySyntaxError) as info:
        pool.run("SELECT * WHERE {\n  ?s ?p .\n}", "json")
    assert (info.value.line, info.value.column) == (3, 1)
    with pytest.raises(ResultTooLarge, match="more than 5 rows"):
        pool.run("SELECT * WHERE { ?s ?p ?o }", "json")


def test_a_dead_worker_is_reported_and_replaced(pool):
    worker = pool._idle.get()
    worker.process.kill()
    worker.process.wait()
    pool._idle.put(worker)
    with pytest.raises(QueryFailed, match="worker process died"):
        pool.run("ASK { ?s ?p ?o }", "json")
    wait_for_a_worker(pool)
    assert ask(pool)["boolean"] is True


def test_a_pool_needs_a_worker_and_a_limit():
    with pytest.raises(ValueError, match="at least one worker"):
        QueryPool(Engine(), workers=0)
    with pytest.raises(ValueError, match="must be positive"):
        QueryPool(Engine(), timeout=0)
