"""`graphkit push` and `graphkit query --endpoint` against a real Virtuoso on 127.0.0.1."""

import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.errors import EndpointError
from graphkit.sparql.client import CHUNK_BYTES, _chunks, _lines, push, query_endpoint
from graphkit.sparql.engine import Engine
from graphkit.sparql.gallery import find_query
from graphkit.sparql.results import serialize

VIRTUOSO = shutil.which("virtuoso-t")
INI = """\
[Database]
DatabaseFile = {d}/v.db
ErrorLogFile = {d}/v.log
LockFile = {d}/v.lck
TransactionFile = {d}/v.trx
xa_persistent_file = {d}/v.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {d}/v-temp.db
TransactionFile = {d}/v-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = ., /usr/share/virtuoso-opensource-7/vad
VADInstallDir = /usr/share/virtuoso-opensource-7/vad/
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A fresh Virtuoso (Debian's virtuoso-opensource) on 127.0.0.1, stopped by its pid."""
    if VIRTUOSO is None:
        pytest.skip("virtuoso-t is not installed: `make virtuoso` installs virtuoso-opensource")
    folder: Path = tmp_path_factory.mktemp("virtuoso")
    http = free_port()
    (folder / "v.ini").write_text(INI.format(d=folder, sql=free_port(), http=http))
    log = (folder / "out.log").open("w")
    process = subprocess.Popen(
        [VIRTUOSO, "+foreground", "+configfile", str(folder / "v.ini")],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{http}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=5) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"Virtuoso did not start: {(folder / 'out.log').read_text()[-2000:]}")
        time.sleep(0.5)
    yield {"gsp": f"{base}/sparql-graph-crud-auth", "sparql": f"{base}/sparql"}
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()


def remote_counts(sparql: str) -> dict[str, int]:
    result = query_endpoint(
        sparql,
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
        'FILTER(STRSTARTS(STR(?g), "https://w3id.org/smp/") || STRSTARTS(STR(?g), "urn:test:"))'
        "} GROUP BY ?g",
    )
    rows = serialize(result, "csv").decode().splitlines()[1:]
    return {g: int(n) for g, n in (row.split(",") for row in rows)}


def csv_rows(result) -> list[str]:
    return sorted(serialize(result, "csv").decode().splitlines()[1:])


def test_push_then_counts_per_graph_match(store, dataset):
    result = CliRunner().invoke(
        cli, ["push", "--endpoint", store["gsp"], "--user", "dba", "--password", "dba"]
    )
    assert result.exit_code == 0, result.output
    local = {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}
    assert f"pushed {sum(local.values()):,} triples in {len(local)} graphs" in result.stdout
    assert remote_counts(store["sparql"]) == local
    # pushing again replaces each graph: the counts stay the same
    push(dataset, store["gsp"], user="dba", password="dba")
    assert remote_counts(store["sparql"]) == local


@pytest.mark.parametrize(
    "name", ["cq-02-roles-on-tiktok-or-twitch", "cq-04-tools-per-skill", "cq-08-labels-fr-en"]
)
def test_a_gallery_query_returns_the_same_rows_locally_and_remotely(store, dataset, name):
    push(dataset, store["gsp"], user="dba", password="dba")
    text = find_query(name).text
    local = csv_rows(Engine.from_dataset(dataset).query(text))
    assert local
    assert csv_rows(query_endpoint(store["sparql"], text)) == local
    result = CliRunner().invoke(cli, ["query", name, "--endpoint", store["sparql"], "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert sorted(result.stdout.splitlines()[1:]) == local


def test_push_into_one_graph_in_small_chunks(store, dataset):
    sent = push(dataset, store["gsp"], graph="urn:test:all", user="dba", password="dba", chunk=700)
    assert list(sent) == ["urn:test:all"]
    assert remote_counts(store["sparql"])["urn:test:all"] == sent["urn:test:all"] > 13_000


def test_a_refused_push_exits_1(store):
    result = CliRunner().invoke(
        cli, ["push", "--endpoint", store["gsp"], "--user", "dba", "--password", "wrong"]
    )
    assert result.exit_code == 1
    assert "answered 401" in result.stderr


def test_an_unreachable_store_is_an_endpoint_error(dataset):
    with pytest.raises(EndpointError, match="cannot reach"):
        push(dataset, f"http://127.0.0.1:{free_port()}/data", chunk=10)
    with pytest.raises(EndpointError, match="not an http"):
        push(dataset, "ftp://example.org/data")


def test_push_with_esco_sends_the_imported_graph(store, tmp_path, monkeypatch):
    from test_esco import write_export

    from graphkit.esco.imported import ESCO_GRAPH, find_imported, import_esco

    monkeypatch.setenv("GRAPHKIT_DATA", str(tmp_path / "data"))
    import_esco([write_export(tmp_path / "esco-v9.9.9")])
    result = CliRunner().invoke(
        cli,
        ["push", "--with-esco", "--endpoint", store["gsp"], "--user", "dba", "--password", "dba"],
    )
    assert result.exit_code == 0, result.output
    counts = remote_counts(store["sparql"])
    assert counts[ESCO_GRAPH] == find_imported().counts["triples"]


def test_push_bodies_stay_under_the_byte_cap_issue_17(dataset):
    """Issue 17's data made one graph 600 kB: Virtuoso's Digest 401 then broke the pipe."""
    graph = max(dataset.graphs(), key=len)
    lines = _lines(graph)
    assert sum(map(len, lines)) > 2 * CHUNK_BYTES
    bodies = list(_chunks(lines, 50_000))
    assert len(bodies) > 2
    assert all(len(body) <= CHUNK_BYTES for body in bodies)
    assert b"".join(bodies) == b"".join(lines)
