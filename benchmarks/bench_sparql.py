"""SPARQL speed: each gallery query through graphkit (Oxigraph) and rdflib, then the endpoint.

Part 1 (``engines``) runs every competency question of the gallery ``--runs`` times on
graphkit's engine (``Engine.query``, results as plain data) and on rdflib's in-memory store
(the same dataset, ``Dataset(default_union=True)``, results read to the end), in the same
process, and prints the median latency of each and their ratio.

Part 2 (``wrk``) starts ``graphkit serve`` and Oxigraph's own server (``oxigraph
serve-read-only --union-default-graph``, from the ``oxigraph`` package) on the same quads,
both on 127.0.0.1, checks that they give the same answer to one simple SELECT, then runs
``wrk -c50`` against each in turn (``--rounds`` rounds of ``--wrk-seconds`` seconds, the
order alternating) and prints requests/s, p99 latency and errors of each, and their ratio.
It also prints the resident memory of graphkit's server (its processes) before and after.
No response cache is involved: each request runs the query. It needs Debian's ``wrk`` and
the ``oxigraph`` package (``make bench-tools`` installs both) and says so when one is
missing.

Part 3 (``clients``) starts ``graphkit serve`` again, then ``--clients`` concurrent Python
clients send the gallery queries in turn for ``--seconds`` seconds (and at most
``--max-requests`` requests) and it prints requests per second, latency percentiles and
errors. Only 127.0.0.1 is ever contacted.

Run: ``.venv/bin/python benchmarks/bench_sparql.py [--parts engines,wrk,clients] [--runs 10]
[--rounds 3] [--wrk-seconds 15] [--seconds 30] [--clients 20]``.
"""

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

from _timing import median_seconds


def read_rdflib(result) -> int:
    """Read an rdflib result to the end, as a caller would."""
    if result.type == "ASK":
        return int(bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return len(result.graph)
    return len(list(result))


def compare_engines(runs: int) -> None:
    from graphkit.graph.load import load_dataset
    from graphkit.graph.prefixes import PREFIX_IRIS
    from graphkit.sparql.engine import Engine
    from graphkit.sparql.gallery import gallery

    dataset = load_dataset()
    engine = Engine.from_dataset(dataset)
    print(f"dataset: {len(engine)} quads in {len(engine.graphs())} named graphs; {runs} runs each")
    print(f"{'query':<52} {'rows':>5} {'graphkit ms':>12} {'rdflib ms':>10} {'ratio':>7}")
    ratios, ours_total, theirs_total = [], 0.0, 0.0
    for query in gallery():
        rows = len(engine.query(query.text))
        ours = median_seconds(lambda q=query: engine.query(q.text), runs)
        theirs = median_seconds(
            lambda q=query: read_rdflib(dataset.query(q.text, initNs=PREFIX_IRIS)), runs
        )
        ratios.append(theirs / ours)
        ours_total += ours
        theirs_total += theirs
        print(
            f"{query.name[:52]:<52} {rows:>5} {ours * 1e3:>12.2f} {theirs * 1e3:>10.1f} "
            f"{theirs / ours:>6.0f}x"
        )
    print(
        f"{'all queries (sum of medians)':<52} {'':>5} {ours_total * 1e3:>12.1f} "
        f"{theirs_total * 1e3:>10.0f} {theirs_total / ours_total:>6.0f}x"
    )
    print(
        f"ratio per query: median {statistics.median(ratios):.0f}x, "
        f"min {min(ratios):.0f}x, max {max(ratios):.0f}x"
    )


def start_server(workers: int, threads: int) -> tuple[subprocess.Popen, str]:
    """Start ``graphkit serve`` on a free port of 127.0.0.1; return it and its URL."""
    command = [sys.executable, "-m", "graphkit", "serve", "--port", "0"]
    command += ["--workers", str(workers), "--threads", str(threads)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    line = process.stderr.readline()
    if "http://127.0.0.1:" not in line:
        process.kill()
        raise SystemExit(f"the server did not start: {line}")
    # keep reading the server's log: a full pipe would block the server
    threading.Thread(target=process.stderr.read, daemon=True).start()
    return process, line.split()[4]


def load_test(seconds: float, clients: int, max_requests: int, workers: int, threads: int) -> None:
    from graphkit.sparql.gallery import gallery

    process, url = start_server(workers, threads)
    bodies = [
        urllib.parse.urlencode({"query": q.text}).encode("utf-8")
        for q in gallery()
        if q.kind != "graph"
    ]
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds
    counter = iter(range(max_requests))

    def client(offset: int) -> None:
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json",
        }
        n = offset
        while time.perf_counter() < stop_at and next(counter, None) is not None:
            body = bodies[n % len(bodies)]
            n += 1
            start = time.perf_counter()
            try:
                req = urllib.request.Request(url, data=body, headers=headers)
                with urllib.request.urlopen(req, timeout=30) as response:
                    json.loads(response.read())
                elapsed = time.perf_counter() - start
                with lock:
                    latencies.append(elapsed)
            except urllib.error.HTTPError as err:
                with lock:
                    errors.append(f"HTTP {err.code}: {err.read()[:80].decode(errors='replace')}")
            except (urllib.error.URLError, OSError, ValueError) as err:
                with lock:
                    errors.append(f"{type(err).__name__}: {err}")

    try:
        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began
    finally:
        process.terminate()
        process.wait(10)
    done = sorted(latencies)
    p50 = done[len(done) // 2] if done else float("nan")
    p99 = done[min(len(done) - 1, int(len(done) * 0.99))] if done else float("nan")
    print(
        f"endpoint, {clients} concurrent clients for {wall:.1f} s ({workers} serving processes, "
        f"{len(bodies)} gallery queries in turn, JSON results):"
    )
    print(
        f"  {len(done) / wall:.0f} requests/s, {len(done)} answered, {len(errors)} errors; "
        f"latency p50 {p50 * 1e3:.1f} ms, p99 {p99 * 1e3:.1f} ms"
    )
    for error, count in Counter(errors).most_common(5):
        print(f"  {count} x {error}")


#: The simple SELECT of the wrk comparison (prefixes declared: Oxigraph's server binds none);
#: without its LIMIT, it checks that both servers hold the same data.
SIMPLE = (
    "PREFIX smp: <https://w3id.org/smp/>\n"
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
    "SELECT ?role ?label WHERE { ?role a smp:Role ; skos:prefLabel ?label }"
)
LIMITED = SIMPLE + " LIMIT 10"


def missing_tools() -> list[str]:
    """Say what the wrk comparison lacks, and how to get it."""
    missing = []
    if shutil.which("wrk") is None:
        missing.append("wrk (Debian's package: apt-get install wrk, or make bench-tools)")
    if oxigraph_command() is None:
        missing.append(
            "Oxigraph's server, the oxigraph package (pip install 'smp-graphkit[bench]', "
            "or make bench-tools)"
        )
    return missing


def oxigraph_command() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_oxigraph(folder: Path) -> tuple[subprocess.Popen, str]:
    """Load graphkit's quads into an on-disk store and serve it with Oxigraph's own server."""
    from graphkit.graph.load import load_dataset
    from graphkit.sparql.engine import Engine

    data, store = folder / "graph.nq", folder / "store"
    data.write_bytes(Engine.from_dataset(load_dataset()).dump())
    oxigraph = oxigraph_command()
    subprocess.run(
        [oxigraph, "load", "--location", str(store), "--file", str(data)],
        check=True,
        capture_output=True,
    )
    port = free_port()
    process = subprocess.Popen(
        [
            oxigraph,
            "serve-read-only",
            "--location",
            str(store),
            "--union-default-graph",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            answer(url)
            return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("Oxigraph's server did not start")


def answer(url: str) -> list:
    """Return every row of the simple SELECT from `url`, sorted (to compare two servers)."""
    request = urllib.request.Request(
        url + "?" + urllib.parse.urlencode({"query": SIMPLE}),
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        rows = json.loads(response.read())["results"]["bindings"]
    return sorted(json.dumps(row, sort_keys=True) for row in rows)


def run_wrk(url: str, seconds: float) -> dict:
    """Run ``wrk -c50`` on the simple SELECT at `url`; return requests/s, p99 and errors."""
    target = url + "?" + urllib.parse.urlencode({"query": LIMITED})
    out = subprocess.run(
        [
            "wrk",
            "-c50",
            "-t2",
            f"-d{seconds:g}s",
            "--latency",
            "-H",
            "Accept: application/sparql-results+json",
            target,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 1e-3, "ms": 1.0, "s": 1e3}[p99.group(2)]
    socket_errors = re.search(r"Socket errors: (.*)", out)
    errors = sum(int(n) for n in re.findall(r"\d+", socket_errors.group(1))) if socket_errors else 0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    return {"rate": rate, "p99": float(p99.group(1)) * scale, "errors": errors}


def resident_mib(pid: int) -> float:
    """Resident memory of a process and its children, in MiB (from /proc)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    pids = [pid, *map(int, children.read_text().split())] if children.exists() else [pid]
    total = 0
    for each in pids:
        status = Path(f"/proc/{each}/status")
        if status.exists():
            match = re.search(r"VmRSS:\s+(\d+) kB", status.read_text())
            total += int(match.group(1)) if match else 0
    return total / 1024


def compare_servers(rounds: int, seconds: float, workers: int, threads: int) -> None:
    missing = missing_tools()
    if missing:
        print("wrk comparison skipped; missing: " + "; ".join(missing))
        return
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-") as folder:
        theirs, theirs_url = start_oxigraph(Path(folder))
        ours, ours_url = start_server(workers, threads)
        try:
            if answer(ours_url) != answer(theirs_url):
                raise SystemExit("the two servers give different answers: not the same data")
            before = resident_mib(ours.pid)
            results = {"graphkit": [], "oxigraph": []}
            for number in range(rounds):
                order = [("graphkit", ours_url), ("oxigraph", theirs_url)]
                for name, url in order if number % 2 == 0 else order[::-1]:
                    results[name].append(run_wrk(url, seconds))
            after = resident_mib(ours.pid)
        finally:
            for process in (ours, theirs):
                process.terminate()
                process.wait(10)
    print(
        f"endpoint vs Oxigraph's server, same quads, 127.0.0.1: wrk -c50 -t2, {rounds} rounds of "
        f"{seconds:g} s each (order alternating), the simple SELECT, JSON; graphkit serve "
        f"--workers {workers} --threads {threads}"
    )
    for name, runs in results.items():
        rates = ", ".join(f"{run['rate']:.0f}" for run in runs)
        print(
            f"  {name:<9} {statistics.median(r['rate'] for r in runs):>7.0f} requests/s "
            f"(median; {rates}), p99 {statistics.median(r['p99'] for r in runs):.1f} ms, "
            f"{sum(r['errors'] for r in runs)} errors"
        )
    ratios = [
        a["rate"] / b["rate"] for a, b in zip(results["graphkit"], results["oxigraph"], strict=True)
    ]
    print(
        f"  ratio graphkit / oxigraph: {statistics.median(ratios):.2f} (median; "
        + ", ".join(f"{r:.2f}" for r in ratios)
        + ")"
    )
    print(f"  graphkit server resident memory: {before:.0f} MiB before, {after:.0f} MiB after")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default="engines,wrk,clients", help="parts to run, by name")
    parser.add_argument("--runs", type=int, default=10, help="runs per query and engine")
    parser.add_argument("--rounds", type=int, default=3, help="wrk rounds per server")
    parser.add_argument("--wrk-seconds", type=float, default=15.0, help="length of a wrk run")
    parser.add_argument("--seconds", type=float, default=30.0, help="length of the load test")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="the server's processes")
    parser.add_argument("--threads", type=int, default=2, help="query threads per process")
    parser.add_argument("--max-requests", type=int, default=200_000, help="load test bound")
    args = parser.parse_args()
    parts = args.parts.split(",")
    unknown = set(parts) - {"engines", "wrk", "clients"}
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    if "engines" in parts:
        compare_engines(args.runs)
        print()
    if "wrk" in parts:
        compare_servers(args.rounds, args.wrk_seconds, args.workers, args.threads)
        print()
    if "clients" in parts:
        load_test(args.seconds, args.clients, args.max_requests, args.workers, args.threads)


if __name__ == "__main__":
    main()
