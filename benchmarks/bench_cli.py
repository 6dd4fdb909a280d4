"""Cold wall time of graphkit commands next to the floor of importing click and networkx.

Every run is a fresh process, as when a person types the command. Runs of the floor and of
the commands are interleaved, so that a busy machine slows them alike; each figure is the
median of ``--runs`` runs. The route query runs from the compiled-projection cache, which
one untimed run fills first; the "first run" line times the same query with an empty cache
(what the first call after an edit of ``ontology/`` costs).

Run: ``.venv/bin/python benchmarks/bench_cli.py [--runs 15]``. Target (issue 3): the route
query's median within 1.5x the floor.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROUTE = ["-m", "graphkit", "path", "community manager", "social media strategist", "--k", "3"]
COMMANDS = {
    "floor: python -c 'import click, networkx'": ["-c", "import click, networkx"],
    'graphkit path "community manager" "social media strategist" --k 3': ROUTE,
    "graphkit gap CM SMM": ["-m", "graphkit", "gap", "CM", "social media manager"],
    "graphkit show CM": ["-m", "graphkit", "show", "CM"],
    "graphkit stats": ["-m", "graphkit", "stats"],
}


def run(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "GRAPHKIT_CACHE": cache}
        first = []
        for _ in range(3):
            with tempfile.TemporaryDirectory() as empty:
                first.append(run(ROUTE, {**env, "GRAPHKIT_CACHE": empty}))
        run(ROUTE, env)  # fill the cache
        times: dict[str, list[float]] = {name: [] for name in COMMANDS}
        for _ in range(runs):
            for name, args in COMMANDS.items():
                times[name].append(run(args, env))
    floor = statistics.median(next(iter(times.values())))
    print(f"{'command':<70} {'median s':>9} {'x floor':>8}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<70} {median:>9.3f} {median / floor:>8.2f}")
    median = statistics.median(first)
    print(
        f"{'first run of the route query, empty cache (median of 3)':<70} {median:>9.3f}"
        f" {median / floor:>8.2f}"
    )
    print(f"({runs} interleaved runs each, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()
