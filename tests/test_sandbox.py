"""The network sandbox of the SPARQL workers: Oxigraph itself cannot reach a listener.

Each check runs in a child process (the filter cannot be lifted) against a real listening
socket on 127.0.0.1, first without the sandbox (the listener sees Oxigraph's connection:
the check can fail), then with it (no connection, whatever the query asks).
"""

import platform
import socket
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(
    platform.system() != "Linux" or platform.machine().lower() not in ("x86_64", "aarch64"),
    reason="the seccomp network filter exists for Linux on x86-64 and AArch64 only",
)

_CHILD = """
import sys
import pyoxigraph as ox
if sys.argv[1] == "sandboxed":
    from graphkit.sparql.sandbox import deny_network
    deny_network()
try:
    print(len(list(ox.Store().query(sys.argv[2]))))
except OSError as err:
    print("OSError", err)
"""


@pytest.fixture
def listener():
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.5)
    yield server
    server.close()


def connected(listener) -> bool:
    try:
        connection, _ = listener.accept()
    except TimeoutError:
        return False
    connection.close()
    return True


def run_child(mode, query):
    return subprocess.run(
        [sys.executable, "-c", _CHILD, mode, query], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("silent", ["", "SILENT"])
def test_oxigraph_calls_a_service_unless_sandboxed(listener, silent):
    port = listener.getsockname()[1]
    query = f"SELECT * {{ SERVICE {silent} <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, "open", query], stdout=subprocess.PIPE, text=True
    )
    try:
        assert connected(listener), "without the sandbox Oxigraph should have connected"
    finally:
        child.kill()
        child.communicate()
    sandboxed = run_child("sandboxed", query)
    assert sandboxed.returncode == 0, sandboxed.stderr
    assert not connected(listener)
    expected = "1" if silent else "OSError"  # SILENT answers one empty solution
    assert sandboxed.stdout.startswith(expected), sandboxed.stdout


def test_local_sockets_still_work_and_others_are_refused():
    code = (
        "import socket\nfrom graphkit.sparql.sandbox import deny_network\n"
        "a, b = socket.socketpair()\ndeny_network()\na.send(b'ok')\nprint(b.recv(2).decode())\n"
        "for family in (socket.AF_INET, socket.AF_INET6):\n"
        "    try:\n        socket.socket(family)\n    except PermissionError:\n"
        "        print('refused')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.split() == ["ok", "refused", "refused"], out.stderr


_THREADS = """
import socket, sys
import pyoxigraph as ox
from graphkit.sparql.asgi import QueryThreads
threads = QueryThreads(2)
def run():
    try:
        return str(len(list(ox.Store().query(sys.argv[1]))))
    except OSError as err:
        return f"OSError {err}"
print(threads.sandboxed, threads.submit(run).result(timeout=30))
try:  # the filter binds the query threads, not the thread that serves HTTP
    socket.socket(socket.AF_INET).close()
    print("main thread may open sockets")
except PermissionError:
    print("main thread refused")
"""


def test_the_endpoint_query_threads_cannot_reach_a_listener(listener):
    """What runs a query on the endpoint (graphkit.sparql.asgi.QueryThreads) has no network."""
    port = listener.getsockname()[1]
    query = f"SELECT * {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    out = subprocess.run(
        [sys.executable, "-c", _THREADS, query], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert not connected(listener)
    lines = out.stdout.splitlines()
    assert lines[0].startswith("True OSError"), out.stdout
    assert lines[1] == "main thread may open sockets"
