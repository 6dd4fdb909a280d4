"""Screenshots of the viewer for the README: the career map, and a route.

Opens ``exports/graph.html`` and a route page (web writer → social media strategist) in
headless Chromium (Debian's ``/usr/bin/chromium``, driven by Playwright) and writes
``docs/viewer-map.png`` and ``docs/viewer-route.png``.

Run: ``.venv/bin/python benchmarks/screenshots.py``.
"""

import tempfile
from pathlib import Path

from graphkit.api import find_routes
from graphkit.export.build import html_page
from graphkit.graph.load import load_dataset

REPO = Path(__file__).parent.parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def shoot(browser, page_path: Path, out: Path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 860})
    page.goto(page_path.resolve().as_uri())
    page.wait_for_selector("body[data-ready]", timeout=60_000)
    page.screenshot(path=str(out))
    page.close()
    print(f"wrote {out.relative_to(REPO)}")


def main() -> None:
    from playwright.sync_api import sync_playwright

    route = find_routes("web writer", "social media strategist", with_esco=False)[0]
    docs = REPO / "docs"
    docs.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        route_page = Path(folder) / "route.html"
        route_page.write_text(html_page(load_dataset(), route=route), encoding="utf-8")
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        shoot(browser, REPO / "exports" / "graph.html", docs / "viewer-map.png")
        shoot(browser, route_page, docs / "viewer-route.png")
        browser.close()


if __name__ == "__main__":
    main()
