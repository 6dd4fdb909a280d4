"""The endpoint's processes: the time limit, the bounds of a request, and replacing processes.

Each test starts the real endpoint (graphkit.sparql.serving.Endpoint) on a free port of
127.0.0.1 over the tiny graph and talks to it with http.client, trying to get around what
moved from the old server: the time limit of a query that runs in a thread, the size of a
request read by the ASGI side, and a process that stops answering.
"""

import http.client
import json
import os
import signal
import threading
import time
import urllib.parse
from contextlib import contextmanager

import pytest

from graphkit.graph.examples import tiny_graph
from graphkit.sparql.asgi import MAX_HEADERS
from graphkit.sparql.request import MAX_BODY
from graphkit.sparql.serving import Endpoint

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }"
ASK = "ASK { role:writer a smp:Role }"


@contextmanager
def endpoint(**options):
    with Endpoint(tiny_graph(), port=0, **options) as served:
        runner = threading.Thread(target=served.run, daemon=True)
        runner.start()
        yield served
    runner.join(10)


def port_of(served) -> int:
    return urllib.parse.urlsplit(served.url).port


def send(served, method, target, *, body=None, headers=None, timeout=30):
    """One request on a fresh connection: (status, headers, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port_of(served), timeout=timeout)
    try:
        connection.request(method, target, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def query(served, text, **kwargs):
    return send(served, "GET", "/sparql?" + urllib.parse.urlencode({"query": text}), **kwargs)


def pids(served) -> list[int]:
    return [child.process.pid for child in served._children]


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
    return condition()


def test_a_runaway_query_gets_503_and_its_process_is_replaced():
    with endpoint(workers=1, timeout=1.0) as served:
        (first,) = pids(served)
        start = time.monotonic()
        status, _, body = query(served, SLOW)
        elapsed = time.monotonic() - start
        assert status == 503
        assert body == b"the query ran past the time limit of 1 s and was stopped\n"
        assert 0.9 < elapsed < 4, elapsed
        # the one process retires; the next request waits in the socket's queue, unrefused
        status, _, body = query(served, ASK)
        assert (status, json.loads(body)["boolean"]) == (200, True)
        assert wait_for(lambda: len(pids(served)) == 1 and pids(served) != [first])
        assert not os.path.exists(f"/proc/{first}") or _zombie(first), "the old process lives on"


def test_cheap_queries_are_answered_while_runaway_queries_retire_processes():
    """A process whose thread a runaway query holds stops accepting before its 503 goes out:
    the next request (a runaway again, sent at once) cannot take its last free thread, so cheap
    queries never wait past the limit (503 busy) or lose their connection."""
    with endpoint(workers=2, threads=2, timeout=1.0) as served:
        answers, stop = [], threading.Event()

        def cheap():
            while not stop.is_set():
                try:
                    answers.append(query(served, ASK)[0])
                except OSError as err:
                    answers.append(repr(err))

        clients = [threading.Thread(target=cheap) for _ in range(4)]
        for client in clients:
            client.start()
        slow = [query(served, SLOW)[0] for _ in range(4)]
        stop.set()
        for client in clients:
            client.join(30)
    assert slow == [503] * 4
    assert answers and set(answers) == {200}, sorted(set(map(str, answers)))


def _zombie(pid: int) -> bool:
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(") ")[1].startswith("Z")


def test_a_request_that_waits_for_a_thread_past_the_limit_gets_503_busy():
    with endpoint(workers=1, threads=1, timeout=1.0) as served:
        results = {}
        slow = threading.Thread(target=lambda: results.setdefault("slow", query(served, SLOW)))
        slow.start()
        time.sleep(0.3)  # the one thread is taken by the slow query
        status, _, body = query(served, ASK)
        slow.join(30)
        assert (status, body) == (503, b"every query thread stayed busy for 1 s: try again later\n")
        assert results["slow"][0] == 503


def test_a_query_string_under_the_header_bound_is_answered_and_one_over_it_refused():
    with endpoint(workers=1) as served:
        padding = " " * (MAX_HEADERS - 4096)  # whitespace: the query still parses
        status, _, body = query(served, ASK + padding)
        assert (status, json.loads(body)["boolean"]) == (200, True)
        status, _, body = query(served, ASK + padding + " " * 8192)
        assert status == 400, body[:200]
        status, _, _ = query(served, ASK)  # the process lives on
        assert status == 200


def test_too_many_header_bytes_are_refused():
    with endpoint(workers=1) as served:
        headers = {f"X-Filler-{n}": "x" * 4000 for n in range(MAX_HEADERS // 4000 + 2)}
        status, _, _ = query(served, ASK, headers=headers)
        assert status == 400
        assert query(served, ASK)[0] == 200


def test_a_body_over_1_mib_is_413_declared_or_chunked():
    with endpoint(workers=1) as served:
        text = "ASK {" + " " * MAX_BODY + "}"
        form = {"Content-Type": "application/sparql-query"}
        status, _, body = send(served, "POST", "/sparql", body=text.encode(), headers=form)
        too_large = f"the request body is larger than {MAX_BODY} bytes\n".encode()
        assert (status, body) == (413, too_large)

        def chunks():
            for start in range(0, len(text), 65536):
                yield text[start : start + 65536].encode()

        connection = http.client.HTTPConnection("127.0.0.1", port_of(served), timeout=30)
        connection.request("POST", "/sparql", body=chunks(), headers=form, encode_chunked=True)
        response = connection.getresponse()
        assert (response.status, response.read()) == (413, body)
        connection.close()
        within = ("ASK {" + " " * (MAX_BODY - 10) + "}").encode()
        status, _, body = send(served, "POST", "/sparql", body=within, headers=form)
        assert (status, json.loads(body)["boolean"]) == (200, True)


def test_a_declared_length_over_1_mib_is_refused_before_the_body_is_sent():
    with endpoint(workers=1) as served:
        connection = http.client.HTTPConnection("127.0.0.1", port_of(served), timeout=30)
        connection.putrequest("POST", "/sparql")
        connection.putheader("Content-Type", "application/sparql-query")
        connection.putheader("Content-Length", str(50 * MAX_BODY))
        connection.endheaders()  # and no body at all
        response = connection.getresponse()
        assert response.status == 413
        connection.close()


def test_head_has_the_headers_and_no_body_over_http():
    with endpoint(workers=1) as served:
        target = "/sparql?" + urllib.parse.urlencode({"query": ASK})
        status, get_headers, body = send(served, "GET", target)
        status_head, head_headers, head_body = send(served, "HEAD", target)
        assert (status, status_head, head_body) == (200, 200, b"")
        assert head_headers["content-length"] == get_headers["content-length"] == str(len(body))
        assert head_headers["access-control-allow-origin"] == "*"


def test_an_invalid_or_doubled_host_is_400_over_http():
    with endpoint(workers=1) as served:
        target = "/sparql?" + urllib.parse.urlencode({"query": ASK})
        connection = http.client.HTTPConnection("127.0.0.1", port_of(served), timeout=30)
        connection.putrequest("GET", target, skip_host=True)
        connection.putheader("Host", "a.example")
        connection.putheader("Host", "b.example")
        connection.endheaders()
        response = connection.getresponse()
        assert response.status == 400
        assert b"Host header" in response.read()
        connection.close()


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux's /proc")
def test_a_process_that_stops_answering_is_killed_and_replaced():
    with endpoint(workers=1, timeout=0.5) as served:
        (first,) = pids(served)
        os.kill(first, signal.SIGSTOP)  # as stuck as an engine that holds the GIL
        assert wait_for(lambda: pids(served) not in ([], [first]), 30), "not replaced"
        status, _, body = query(served, ASK)
        assert (status, json.loads(body)["boolean"]) == (200, True)


def test_a_process_whose_parent_is_gone_exits():
    with endpoint(workers=1) as served:
        child = served._children[0]
        child.conn.close()  # what the child sees when its parent dies
        assert child.process.wait(10) == 0


def test_closing_ends_every_process():
    with endpoint(workers=2) as served:
        processes = [child.process for child in served._children]
        assert len(processes) == 2 and all(p.poll() is None for p in processes)
    assert all(p.poll() is not None for p in processes)


def test_every_query_thread_is_sandboxed():
    if os.uname().sysname != "Linux" or os.uname().machine not in ("x86_64", "aarch64"):
        pytest.skip("the seccomp network filter exists for Linux on x86-64 and AArch64 only")
    with endpoint(workers=2, threads=3) as served:
        assert served.sandboxed is True


def test_bad_settings_are_refused():
    with pytest.raises(ValueError, match="a process and a thread"):
        Endpoint(tiny_graph(), port=0, workers=0)
    with pytest.raises(ValueError, match="must be positive"):
        Endpoint(tiny_graph(), port=0, timeout=0)


def test_a_client_cannot_set_the_scheme_the_endpoint_names_itself_with():
    with endpoint(workers=1) as served:
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
        status, _, body = send(served, "GET", "/sparql", headers=headers)
        assert status == 200
        assert f"<{served.url}>".encode() in body  # the service description names http://
        assert b"https://127.0.0.1" not in body


def test_ctrl_c_stops_serve_started_with_sigint_ignored(tiny_ontology):
    """A shell starts a background job with SIGINT ignored; serve still stops on it."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "graphkit", "--ontology", str(tiny_ontology), "serve"]
    process = subprocess.Popen(
        [*command, "--port", "0", "--workers", "1"],
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    try:
        line = process.stderr.readline()
        assert line.startswith("graphkit SPARQL endpoint on http://127.0.0.1:"), line
        process.send_signal(signal.SIGINT)
        assert process.wait(30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stderr.close()
