"""Size, build time and ready time of the HTML viewer, for our graph and for 10x ours.

For our graph and for a generated graph ten times its size (``graphkit.export.viewer.scaled_copy``):
the size of the page, the time to build it from the loaded dataset (projection, then
rendering, layout included), and the time from navigation until the page is ready in headless
Chromium (Debian's ``/usr/bin/chromium``, driven by Playwright): ``body[data-ready]``, set at
the first drawing of the career map (positions come from Python, no physics). Each time is
the median of ``--runs`` runs.

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


def ready_seconds(browser, path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready]", timeout=300_000)
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
            ready = ready_seconds(browser, path, runs)
            rows.append((name, G, path.stat().st_size, projection, render_s, ready))
        browser.close()
    print(f"{'graph':<10} {'nodes':>6} {'edges':>6} {'size MB':>8} {'project s':>10} "
          f"{'render s':>9} {'ready s':>9}")  # fmt: skip
    for name, G, size, projection, render_s, ready in rows:
        project = f"{projection:.2f}" if projection is not None else "-"
        print(f"{name:<10} {G.number_of_nodes():>6} {G.number_of_edges():>6} "
              f"{size / 1e6:>8.2f} {project:>10} {render_s:>9.2f} {ready:>9.2f}")  # fmt: skip
    print(
        f"(median of {runs} runs, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs;"
        " ready: from navigation to body[data-ready], in headless Chromium)"
    )


if __name__ == "__main__":
    main()
