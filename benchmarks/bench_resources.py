"""Dereferencing speed: IRIs of the graph fetched from `graphkit serve` as Turtle and as HTML.

Starts ``graphkit serve`` on 127.0.0.1 (a free port, in its own process), then, one client
at a time, fetches one IRI of each kind (the community manager, whose description is the
largest, among them) as Turtle and as HTML, interleaved with the floor of the same server:
``ASK {}`` through ``/sparql``. Prints the median latency of each over ``--runs`` rounds,
and its ratio to the floor. Only 127.0.0.1 is ever contacted.

Run: ``.venv/bin/python benchmarks/bench_resources.py [--runs 20]``.
"""

import argparse
import statistics
import time
import urllib.parse
import urllib.request

from bench_sparql import start_server

PATHS = (
    "role/community-manager", "skill/content-creation", "platform/tiktok", "tool/canva",
    "transition/community-manager--social-media-manager", "source/seed-003", "platformStatus",
)  # fmt: skip


def fetch(url: str, accept: str) -> int:
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=60) as response:
        return len(response.read())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="rounds over every IRI")
    args = parser.parse_args()
    process, endpoint = start_server(workers=2)
    root = endpoint.removesuffix("/sparql")
    floor_url = endpoint + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    times: dict[tuple[str, str], list[float]] = {}
    try:
        for _ in range(args.runs):
            for path in PATHS:
                for kind, url, accept in (
                    ("floor", floor_url, "application/sparql-results+json"),
                    ("turtle", f"{root}/{path}", "text/turtle"),
                    ("html", f"{root}/{path}", "text/html"),
                ):
                    start = time.perf_counter()
                    fetch(url, accept)
                    times.setdefault((kind, path), []).append(time.perf_counter() - start)
    finally:
        process.terminate()
        process.wait(10)
    floor = statistics.median([t for (kind, _), ts in times.items() if kind == "floor" for t in ts])
    print(f"floor (ASK {{}} through /sparql, same server, interleaved): {floor * 1e3:.1f} ms")
    print(f"{'IRI path':<52} {'Turtle ms':>10} {'ratio':>6} {'HTML ms':>8} {'ratio':>6}")
    for path in PATHS:
        turtle = statistics.median(times[("turtle", path)])
        page = statistics.median(times[("html", path)])
        print(
            f"/{path[:51]:<51} {turtle * 1e3:>10.1f} {turtle / floor:>5.1f}x "
            f"{page * 1e3:>8.1f} {page / floor:>5.1f}x"
        )
    print(f"median of {args.runs} rounds, one client, 2 query workers")


if __name__ == "__main__":
    main()
