"""Size, build time and ready time of the HTML viewer, for our graph and for 10x ours.

For our graph and for a generated graph ten times its size (``graphkit.export.viewer.scaled_copy``):
the size of the page, the time to build it from the loaded dataset (projection, then
rendering, layout included), and the time from navigation until the page is ready in headless
Chromium (Debian's ``/usr/bin/chromium``, driven by Playwright): ``body[data-ready]``, set at
the first drawing of the career map (positions come from Python, no physics); then the time
from ticking the skills box until the map is drawn with them (the page hands vis-network a
kind's nodes and edges only when it is ticked). Each time is the median of ``--runs`` runs.

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


TICK_SKILLS = """async () => {
    const V = window.graphkitViewer, box = document.querySelector("input[data-kind=skill]");
    const drawn = new Promise(done => V.network.once("afterDrawing", done));
    const start = performance.now();
    box.click();
    await drawn;
    return performance.now() - start;
}"""


def browser_seconds(browser, path: Path, runs: int) -> tuple[float, float]:
    """Median seconds to ``body[data-ready]``, and from ticking the skills to their drawing."""
    ready, skills = [], []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-ready]", timeout=300_000)
        ready.append(page.evaluate("window.graphkitViewer.readyAt") / 1000)
        page.wait_for_timeout(200)  # let any drawing after the first one end
        skills.append(page.evaluate(TICK_SKILLS) / 1000)
        page.close()
    return statistics.median(ready), statistics.median(skills)


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
            ready, skills = browser_seconds(browser, path, runs)
            rows.append((name, G, path.stat().st_size, projection, render_s, ready, skills))
        browser.close()
    print(f"{'graph':<10} {'nodes':>6} {'edges':>6} {'size MB':>8} {'project s':>10} "
          f"{'render s':>9} {'ready s':>9} {'skills s':>9}")  # fmt: skip
    for name, G, size, projection, render_s, ready, skills in rows:
        project = f"{projection:.2f}" if projection is not None else "-"
        print(f"{name:<10} {G.number_of_nodes():>6} {G.number_of_edges():>6} "
              f"{size / 1e6:>8.2f} {project:>10} {render_s:>9.2f} {ready:>9.2f} "
              f"{skills:>9.2f}")  # fmt: skip
    print(
        f"(median of {runs} runs, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs;"
        " ready: from navigation to body[data-ready]; skills: from ticking the skills to"
        " their drawing; in headless Chromium)"
    )


if __name__ == "__main__":
    main()
