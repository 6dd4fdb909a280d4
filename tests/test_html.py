"""The viewer: static checks, then the real page in headless Chromium (Debian's chromium).

Screenshots go to tests/artifacts/ (git-ignored), to be looked at.
"""

import json
import re
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlparse

import pytest
from click.testing import CliRunner

from graphkit.cli import cli
from graphkit.export.network import display_graph
from graphkit.export.viewer import LARGE, render_html, route_view, scaled_copy

REPO = Path(__file__).parent.parent
ARTIFACTS = Path(__file__).parent / "artifacts"
LOCAL_SCHEMES = {"file", "data", "blob", "about"}


# --- static: what the file says ------------------------------------------------------------


def test_the_page_loads_nothing_from_outside(tiny):
    page = render_html(display_graph(tiny))
    # no element that the browser would fetch points outside the file
    fetched = re.findall(r'<(?:script|link|img|iframe|source)\b[^>]*?(?:src|href)="([^"]*)"', page)
    assert all(url.startswith("data:") for url in fetched), fetched
    assert "@import" not in page
    assert not re.search(r"url\((?![\"']?data:)", page)


def test_the_page_is_deterministic_and_holds_no_path(tiny):
    H = display_graph(tiny)
    first, second = render_html(H), render_html(H)
    assert first == second
    assert str(REPO) not in first


def test_the_page_inlines_vis_network_with_its_licence(tiny):
    page = render_html(display_graph(tiny))
    assert "vis-network" in page and "@license" in page


def test_render_does_not_change_its_input(tiny):
    H = display_graph(tiny)
    before = (sorted(H.nodes(data=True)), sorted(H.edges(keys=True, data=True)))
    render_html(H)
    assert (sorted(H.nodes(data=True)), sorted(H.edges(keys=True, data=True))) == before


def _page_data(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="graph-data">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


def test_the_page_writes_every_edge_once_as_a_row(tiny):
    from graphkit.export.viewer import EDGE_FIELDS

    H = display_graph(tiny)
    data = _page_data(render_html(H))
    assert [n["id"] for n in data["nodes"]] == list(H)
    assert data["fields"] == list(EDGE_FIELDS)
    ids = [n["id"] for n in data["nodes"]]
    rows = [dict(zip(EDGE_FIELDS, row, strict=True)) for row in data["edges"]]
    written = [(ids[r["from"]], ids[r["to"]], r["rel"], r["evidence"]) for r in rows]
    assert written == [(u, v, k, d["evidence"]) for u, v, k, d in H.edges(keys=True, data=True)]
    cited = {s for n in data["nodes"] for s in n["sources"]}
    assert cited and set(data["sources"]) == cited  # each source's name, once


def test_route_view_lists_each_steps_gap(G):
    from graphkit.routes.paths import transition_path

    role = "https://w3id.org/smp/role/"
    route = transition_path(G, role + "editor", role + "strategist")
    view = route_view(route, G.graph["labels"])
    assert view["roles"] == route["roles"]
    assert [s["to_gain"] for s in view["steps"]] == [
        ["moderation"],
        ["strategy"],
    ]


def test_a_large_graph_gets_positions_and_no_physics(tiny):
    big = scaled_copy(display_graph(tiny), LARGE // 11 + 1)
    assert big.number_of_nodes() >= LARGE
    page = render_html(big)
    assert '"physics":{"enabled":false' in page.replace(" ", "")
    assert '"x":' in page


# --- in Chromium --------------------------------------------------------------------------


class Visit:
    """A page opened in Chromium, recording requests that leave the file and console errors."""

    def __init__(self, browser, path: Path, tmp_path: Path):
        self.outside, self.errors = [], []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.page.on("request", self._request)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function(
            "window.graphkitViewer && window.graphkitViewer.ready", timeout=120_000
        )

    def _request(self, request):
        if urlparse(request.url).scheme not in LOCAL_SCHEMES:
            self.outside.append(request.url)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path))
        return path

    def drawn_pixels(self) -> int:
        return self.page.evaluate(
            """() => {
                const canvas = document.querySelector('#network canvas');
                const ctx = canvas.getContext('2d');
                const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
                let drawn = 0;
                for (let i = 3; i < data.length; i += 4) { if (data[i] > 0) drawn++; }
                return drawn;
            }"""
        )

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, tmp_path):
    opened = []

    def open_page(path: Path) -> Visit:
        opened.append(Visit(browser, path, tmp_path))
        return opened[-1]

    yield open_page
    for v in opened:
        v.close()


def test_exports_graph_html_in_chromium(visit):
    v = visit(REPO / "exports" / "graph.html")
    assert v.outside == []
    assert v.drawn_pixels() > 10_000  # the canvas draws the graph
    assert v.page.is_visible("#legend")
    v.screenshot("graph.png")

    v.page.fill("#search", "tiktok")
    first = v.page.locator("#search-results li").first
    assert first.inner_text().startswith("TikTok")
    v.page.press("#search", "Enter")
    assert v.page.is_visible("#panel")
    panel = v.page.inner_text("#panel-body")
    assert "TikTok" in panel and "used by" in panel.lower()
    assert "USESPLATFORM" not in panel.upper() and "LEADSTO" not in panel.upper()
    selected = v.page.evaluate("window.graphkitViewer.network.getSelectedNodes()")
    assert selected == ["https://w3id.org/smp/platform/tiktok"]
    v.screenshot("graph-search-tiktok.png")

    v.page.check("input[data-kind=skill]")
    v.page.uncheck("input[data-kind=skill]")
    v.page.uncheck("input[data-evidence=inferred]")
    hidden = v.page.evaluate(
        """() => {
            const V = window.graphkitViewer;
            return {
                skills: V.nodes.get({filter: n => n.kind === 'skill' && !n.hidden}).length,
                roles: V.nodes.get({filter: n => n.kind === 'role' && !n.hidden}).length,
                inferred: V.edges.get({filter: e => e.evidence === 'inferred' && !e.hidden}).length,
            };
        }"""
    )
    assert hidden["skills"] == 0 and hidden["inferred"] == 0 and hidden["roles"] > 0
    assert v.errors == []


def test_tooltips_are_dom_elements_with_both_labels(visit):
    v = visit(REPO / "exports" / "graph.html")
    tip = v.page.evaluate(
        """() => {
            const n = window.graphkitViewer.nodes.get('https://w3id.org/smp/role/community-manager');
            return {element: n.title instanceof HTMLElement, text: n.title.textContent};
        }"""
    )
    assert tip["element"]
    assert "community manager" in tip["text"] and "sources:" in tip["text"]
    assert v.errors == [] and v.outside == []


def test_alignment_links_show_as_links_and_are_not_fetched(visit, tiny, tmp_path):
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    from graphkit.graph.namespaces import GRAPH

    esco = "http://data.europa.eu/esco/occupation/0000-writer"
    writer = URIRef("https://w3id.org/smp/role/writer")
    tiny.graph(GRAPH["tiny"]).add((writer, SKOS.exactMatch, URIRef(esco)))
    H = display_graph(tiny)
    assert H.nodes[str(writer)]["matches"] == esco
    path = tmp_path / "tiny.html"
    path.write_text(render_html(H), encoding="utf-8")
    v = visit(path)
    hrefs = v.page.evaluate(
        """() => Array.from(window.graphkitViewer.nodes.get(
                'https://w3id.org/smp/role/writer').title.querySelectorAll('a'))
            .map(a => a.href)"""
    )
    assert hrefs == [esco]
    assert v.outside == [] and v.errors == []


def test_route_page_highlights_every_step(visit, tmp_path):
    out = tmp_path / "route.html"
    result = CliRunner().invoke(
        cli, ["path", "web writer", "social media strategist", "--html", str(out), "-f", "json"]
    )
    assert result.exit_code == 0, result.stderr
    route = json.loads(result.stdout)["routes"][0]
    roles = [r["iri"] for r in route["roles"]]
    v = visit(out)
    assert v.outside == [] and v.errors == []
    highlighted = v.page.evaluate("window.graphkitViewer.route")
    assert sorted(highlighted["nodes"]) == sorted(roles)
    assert len(highlighted["edges"]) == len(roles) - 1
    for u, w in pairwise(roles):
        assert any(
            e.startswith(f"{u}|leadsTo|") and e.endswith(f"|{w}") for e in highlighted["edges"]
        )
    widths = v.page.evaluate(
        "window.graphkitViewer.route.edges.map(id => window.graphkitViewer.edges.get(id).width)"
    )
    assert widths == [6] * (len(roles) - 1)
    steps = v.page.locator("#route-steps > li")
    assert steps.count() == len(roles) - 1
    gaps = []
    for i in range(steps.count()):
        text = steps.nth(i).inner_text()
        assert "skills to gain" in text
        gaps.append(int(re.search(r"gap so far: (\d+)", text).group(1)))
    # the cumulative gap is the union of the skills to gain so far
    so_far = set()
    for step, gap in zip(route["steps"], gaps, strict=True):
        so_far |= {g["skill"]["iri"] for g in step["to_gain"]}
        assert gap == len(so_far)
    totals = v.page.inner_text("#route-totals")
    assert f"cost {route['cost']:.2f}" in totals
    assert f"{route['years']:g} years" in totals.replace(".0 years", " years")
    v.screenshot("route.png")


def test_a_graph_ten_times_ours_stays_usable(visit, dataset, tmp_path):
    H = display_graph(dataset)
    big = scaled_copy(H, 10)
    path = tmp_path / "big.html"
    path.write_text(render_html(big), encoding="utf-8")
    v = visit(path)
    assert v.outside == [] and v.errors == []
    roles = sum(d["kind"] == "role" for _, d in H.nodes(data=True))
    # vis-network holds the roles only: the other kinds wait until they are ticked
    assert v.page.evaluate("window.graphkitViewer.nodes.length") == 10 * roles
    assert v.drawn_pixels() > 10_000
    # ready well within the 3 s that issue 16 promised (vis-network given every node and
    # edge took 2.5 to 4 s): the best of two loads, as for our graph, on a shared machine
    times = [v.page.evaluate("window.graphkitViewer.readyAt")]
    times.append(visit(path).page.evaluate("window.graphkitViewer.readyAt"))
    assert min(times) <= 2000, times
    v.page.fill("#search", "tiktok #3")  # a platform: its kind is off, search finds it
    assert v.page.locator("#search-results li").first.inner_text().startswith("TikTok #3")
    v.screenshot("graph-10x.png")
    for kind in ("skill", "platform", "tool", "credential"):
        v.page.check(f"input[data-kind={kind}]")
    shown = "window.graphkitViewer.nodes.get({filter: n => !n.hidden}).length"
    assert v.page.evaluate(shown) == big.number_of_nodes()
    assert v.errors == []


def test_ticking_a_kind_adds_its_nodes_and_edges_to_the_map(visit, dataset):
    H = display_graph(dataset)
    kinds = {n: d["kind"] for n, d in H.nodes(data=True)}

    def expected(on: set) -> list[int]:
        """The nodes and links of `H` shown when the kinds `on` are ticked (no role selected)."""
        return [
            sum(kinds[n] in on for n in H),
            sum(kinds[u] in on and kinds[w] in on for u, w in H.edges()),
        ]

    V = "window.graphkitViewer"
    held = f"[{V}.nodes.length, {V}.edges.length]"
    shown = f"[{V}.nodes.get({{filter: n => !n.hidden}}).length, " \
        f"{V}.edges.get({{filter: e => !e.hidden}}).length]"  # fmt: skip
    v = visit(REPO / "exports" / "graph.html")
    assert v.page.evaluate(held) == expected({"role"})  # the rest is not in vis-network yet
    v.page.check("input[data-kind=skill]")
    assert v.page.evaluate(shown) == expected({"role", "skill"})
    u, w, key, d = next(
        (u, w, k, d) for u, w, k, d in H.edges(keys=True, data=True) if k == "requiresSkill"
    )
    link = v.page.evaluate(f"{V}.edges.get('{u}|{key}|{w}')")
    assert (link["from"], link["to"], link["evidence"], link["hidden"]) == (
        u, w, d["evidence"], False
    )  # fmt: skip
    v.page.evaluate(f"{V}.network.redraw()")
    labelled = {kinds[b["id"]] for b in v.page.evaluate(f"{V}.labelBoxes()")}
    assert labelled == {"role", "skill"}  # the skills are drawn
    v.page.check("input[data-kind=tool]")
    assert v.page.evaluate(shown) == expected({"role", "skill", "tool"})
    v.page.uncheck("input[data-kind=skill]")
    assert v.page.evaluate(shown) == expected({"role", "tool"})
    v.page.uncheck("input[data-kind=tool]")
    assert v.page.evaluate(shown) == expected({"role"})
    assert v.errors == [] and v.outside == []


def _overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["id"], b["id"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["left"] < b["right"] and b["left"] < a["right"]
        and a["top"] < b["bottom"] and b["top"] < a["bottom"]
    ]  # fmt: skip


def _zoom_in(v: Visit) -> None:
    box = v.page.locator("#network").bounding_box()
    v.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    before = v.page.evaluate("window.graphkitViewer.network.getScale()")
    v.page.mouse.wheel(0, -400)
    v.page.wait_for_function(f"window.graphkitViewer.network.getScale() > {before}")
    v.page.evaluate("window.graphkitViewer.network.redraw()")
    v.page.wait_for_timeout(100)


def test_the_map_shows_roles_first_with_labels_that_never_overlap(visit):
    v = visit(REPO / "exports" / "graph.html")
    shown = v.page.evaluate(
        "window.graphkitViewer.nodes.get({filter: n => !n.hidden}).map(n => n.kind)"
    )
    assert shown and set(shown) == {"role"}
    boxes = v.page.evaluate("window.graphkitViewer.labelBoxes()")
    assert len(boxes) >= 15  # most roles can be read at the first view
    assert _overlaps(boxes) == []
    for _ in range(2):
        _zoom_in(v)
        boxes = v.page.evaluate("window.graphkitViewer.labelBoxes()")
        assert boxes and _overlaps(boxes) == []
    v.page.check("input[data-kind=skill]")  # many more labels compete: still no overlap
    v.page.evaluate("window.graphkitViewer.network.redraw()")
    assert _overlaps(v.page.evaluate("window.graphkitViewer.labelBoxes()")) == []
    assert v.errors == [] and v.outside == []


def test_the_page_is_ready_within_a_second(visit):
    # the best of three loads, so that a busy shared machine does not decide the figure
    times = []
    for _ in range(3):
        v = visit(REPO / "exports" / "graph.html")
        assert v.page.get_attribute("body", "data-ready") == "true"
        times.append(v.page.evaluate("window.graphkitViewer.readyAt"))
    assert min(times) <= 1000, times
    assert (REPO / "exports" / "graph.html").stat().st_size <= 2_000_000


def test_french_switch_changes_every_word(visit):
    v = visit(REPO / "exports" / "graph.html")
    v.page.click("#lang")
    assert v.page.inner_text("h1").startswith("Métiers")
    assert v.page.get_attribute("#search", "placeholder").startswith("Chercher")
    assert "compétences" in v.page.inner_text("#legend")
    assert v.page.evaluate("document.documentElement.lang") == "fr"
    v.page.fill("#search", "redacteur web")  # accents folded, French label shown
    assert v.page.locator("#search-results li").first.inner_text().startswith("rédacteur web")
    v.page.press("#search", "Enter")
    panel = v.page.inner_text("#panel-body")
    assert "évolutions possibles" in panel.lower() and "mène à" in panel.lower()
    v.page.click("#lang")
    assert v.page.inner_text("h1").startswith("Social-media")
    assert v.errors == []


def test_a_selected_role_lists_its_next_moves_without_moving_the_map(visit, dataset):
    from graphkit.export.career import next_moves_for_viewer
    from graphkit.routes.projection import to_transition_graph

    role = "https://w3id.org/smp/role/community-manager"
    expected = next_moves_for_viewer(to_transition_graph(dataset), role)
    assert expected
    v = visit(REPO / "exports" / "graph.html")
    V = "window.graphkitViewer"
    view = v.page.evaluate(f"[{V}.network.getViewPosition(), {V}.network.getScale()]")
    at = v.page.evaluate(f"{V}.network.canvasToDOM({V}.network.getPositions(['{role}'])['{role}'])")
    box = v.page.locator("#network").bounding_box()
    v.page.mouse.click(box["x"] + at["x"], box["y"] + at["y"])
    assert v.page.is_visible("#panel")
    listed = v.page.eval_on_selector_all("#next-moves li", "l => l.map(e => e.dataset.id)")
    assert listed == [m["to"] for m in expected]
    assert v.page.evaluate(f"[{V}.network.getViewPosition(), {V}.network.getScale()]") == view
    assert v.page.evaluate(f"{V}.network.getSelectedNodes()") == [role]
    # around the selected role: its skills show, though the skills toggle is off
    kinds = v.page.evaluate(f"{V}.nodes.get({{filter: n => !n.hidden}}).map(n => n.kind)")
    assert "skill" in kinds and "platform" in kinds
    assert v.errors == []


def test_the_png_button_saves_the_view(visit, tmp_path):
    v = visit(REPO / "exports" / "graph.html")
    with v.page.expect_download() as info:
        v.page.click("#png")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.suffix == ".png"
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and saved.stat().st_size > 10_000
    assert v.outside == []


def test_the_notebook_viewer_holds_the_page_in_an_iframe(tiny):
    import html

    from graphkit.export.viewer import Viewer

    page = render_html(display_graph(tiny))
    shown = Viewer(page)._repr_html_()
    srcdoc = re.fullmatch(r'<iframe srcdoc="([^"]*)".*</iframe>', shown, re.S).group(1)
    assert html.unescape(srcdoc) == page


def test_artifacts_are_ignored_by_git():
    ignore = (REPO / ".gitignore").read_text(encoding="utf-8")
    assert "tests/artifacts/" in ignore


def test_the_panel_ranks_next_moves_as_graphkit_next_does(dataset):
    from graphkit.export.career import next_moves_for_viewer
    from graphkit.routes.paths import next_moves
    from graphkit.routes.projection import to_transition_graph

    T = to_transition_graph(dataset)
    role = "https://w3id.org/smp/role/community-manager"
    listed = next_moves_for_viewer(T, role, limit=6)
    assert [m["to"] for m in listed] == [
        r["roles"][-1] for r in next_moves(T, role, limit=6, inferred=False)
    ]
    assert all(m["evidence"] != "inferred" for m in listed)


def test_every_evidence_level_has_its_words_in_both_languages():
    from graphkit.export.viewer import EVIDENCE_STYLES
    from graphkit.views.words import WORDS

    for lang in ("en", "fr"):
        missing = [level for level in EVIDENCE_STYLES if not WORDS[lang].get(level)]
        assert missing == [], lang
