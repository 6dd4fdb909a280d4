"""SPARQL speed: each gallery query through graphkit (Oxigraph) and rdflib, then the endpoint.

Part 1 runs every competency question of the gallery ``--runs`` times on graphkit's engine
(``Engine.query``, results as plain data) and on rdflib's in-memory store (the same
dataset, ``Dataset(default_union=True)``, results read to the end), in the same process,
and prints the median latency of each and their ratio.

Part 2 starts ``graphkit serve`` on 127.0.0.1 (a free port, in its own process), then
``--clients`` concurrent clients send the gallery queries in turn for ``--seconds``
seconds (and at most ``--max-requests`` requests) and it prints requests per second,
latency percentiles and errors. Only 127.0.0.1 is ever contacted.

Run: ``.venv/bin/python benchmarks/bench_sparql.py [--runs 10] [--seconds 30] [--clients 20]``.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

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


def start_server(workers: int) -> tuple[subprocess.Popen, str]:
    command = [sys.executable, "-m", "graphkit", "serve", "--port", "0", "--workers", str(workers)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
    line = process.stderr.readline()
    if "http://127.0.0.1:" not in line:
        process.kill()
        raise SystemExit(f"the server did not start: {line}")
    # keep reading the server's log (waitress warns when its queue is deep): a full pipe
    # would block the server
    threading.Thread(target=process.stderr.read, daemon=True).start()
    return process, line.split()[4]


def load_test(seconds: float, clients: int, max_requests: int, workers: int) -> None:
    from graphkit.sparql.gallery import gallery

    process, url = start_server(workers)
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
        f"endpoint, {clients} concurrent clients for {wall:.1f} s ({workers} query workers, "
        f"{len(bodies)} gallery queries in turn, JSON results):"
    )
    print(
        f"  {len(done) / wall:.0f} requests/s, {len(done)} answered, {len(errors)} errors; "
        f"latency p50 {p50 * 1e3:.1f} ms, p99 {p99 * 1e3:.1f} ms"
    )
    for error, count in Counter(errors).most_common(5):
        print(f"  {count} x {error}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per query and engine")
    parser.add_argument("--seconds", type=float, default=30.0, help="length of the load test")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients")
    parser.add_argument("--workers", type=int, default=2, help="the server's query workers")
    parser.add_argument("--max-requests", type=int, default=200_000, help="load test bound")
    args = parser.parse_args()
    compare_engines(args.runs)
    print()
    load_test(args.seconds, args.clients, args.max_requests, args.workers)


if __name__ == "__main__":
    main()
