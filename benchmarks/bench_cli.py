"""Cold wall time of graphkit commands, next to the floor of importing click and networkx.

Each command runs in a fresh process, as a user runs it; the figure is the median of
``--runs`` runs. Run: ``.venv/bin/python benchmarks/bench_cli.py [--runs 10]``.
"""

import argparse
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "floor: python -c 'import click, networkx'": ["-c", "import click, networkx"],
    "graphkit stats": ["-m", "graphkit", "stats"],
    "graphkit show CM": ["-m", "graphkit", "show", "CM"],
    "graphkit validate": ["-m", "graphkit", "validate"],
}


def wall_time(args: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    floor = None
    print(f"{'command':<45} {'median s':>9} {'x floor':>8}   ({runs} runs each)")
    for name, args in COMMANDS.items():
        seconds = wall_time(args, runs)
        floor = floor or seconds
        print(f"{name:<45} {seconds:>9.3f} {seconds / floor:>8.2f}")


if __name__ == "__main__":
    main()
