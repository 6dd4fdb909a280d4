"""Size, build time and time to a stable network of the HTML viewer, ours and 10x ours.

For our graph and for a generated graph ten times its size (``graphkit.export.viewer.scaled_copy``):
the size of the page, the time to build it from the loaded dataset (projection, then
rendering), and the time from navigation until the network is stable in headless Chromium
(Debian's ``/usr/bin/chromium``, driven by Playwright): physics stabilised and switched off
for our graph; first drawing with precomputed positions for the large one. Each time is the
median of ``--runs`` runs.

Run: ``.venv/bin/python benchmarks/bench_html.py [--runs 5]``.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from graphkit.export.network import display_graph
from graphkit.export.viewer import render_html, scaled_copy
from graphkit.graph.load import load_dataset

ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def timed(function, runs: int):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def stable_seconds(browser, path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(path.as_uri())
        page.wait_for_function(
            "window.graphkitViewer && window.graphkitViewer.ready", timeout=300_000
        )
        times.append(page.evaluate("window.graphkitViewer.readyAt") / 1000)
        page.close()
    return statistics.median(times)


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    dataset = load_dataset()
    project_s, H = timed(lambda: display_graph(dataset), runs)
    graphs = {"our graph": (H, project_s), "10x graph": (scaled_copy(H, 10), None)}
    rows = []
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for name, (G, projection) in graphs.items():
            render_s, page = timed(lambda G=G: render_html(G), runs)
            path = Path(folder) / f"{name.split()[0]}.html"
            path.write_text(page, encoding="utf-8")
            stable = stable_seconds(browser, path, runs)
            rows.append((name, G, path.stat().st_size, projection, render_s, stable))
        browser.close()
    print(f"{'graph':<10} {'nodes':>6} {'edges':>6} {'size MB':>8} {'project s':>10} "
          f"{'render s':>9} {'stable s':>9}")  # fmt: skip
    for name, G, size, projection, render_s, stable in rows:
        project = f"{projection:.2f}" if projection is not None else "-"
        print(f"{name:<10} {G.number_of_nodes():>6} {G.number_of_edges():>6} "
              f"{size / 1e6:>8.2f} {project:>10} {render_s:>9.2f} {stable:>9.2f}")  # fmt: skip
    print(
        f"(median of {runs} runs, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs;"
        " stable: from navigation to the network at rest, in headless Chromium)"
    )


if __name__ == "__main__":
    main()
