"""The public Python API (graphkit/__init__.py, graphkit/api.py) and the README's example of it."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

import graphkit
from graphkit.errors import NoTransitionPath, TermNotFound

README = Path(__file__).parent.parent / "README.md"


def test_import_graphkit_loads_nothing_heavy():
    heavy = "('rdflib', 'networkx', 'pyoxigraph', 'click')"
    code = f"import sys, graphkit; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_api_is_listed_and_unknown_names_fail():
    assert {
        "find_routes",
        "next_moves",
        "skill_gap",
        "run_query",
        "load_graph",
        "build_exports",
    } <= set(dir(graphkit))
    with pytest.raises(AttributeError, match="no attribute 'find_route'"):
        graphkit.find_route  # noqa: B018


def test_find_routes_resolves_names_like_the_cli():
    routes = graphkit.find_routes("gestionnaire de communauté", "SMM", k=2, with_esco=False)
    assert routes[0]["roles"][0].endswith("/community-manager")
    assert all(r["roles"][-1].endswith("/social-media-manager") for r in routes)
    with pytest.raises(TermNotFound, match="did you mean"):
        graphkit.find_routes("comunity manger", "social media manager", with_esco=False)
    with pytest.raises(NoTransitionPath, match="no route from 'community manager'"):
        graphkit.find_routes(
            "community manager", "social media strategist", via=["web writer"], max_steps=1,
            with_esco=False,
        )  # fmt: skip


def test_run_query_returns_plain_results():
    result = graphkit.run_query("SELECT ?r WHERE { ?r a smp:Role } ORDER BY ?r LIMIT 2")
    assert result.kind == "bindings" and len(result) == 2
    assert result.to_json()["head"] == {"vars": ["r"]}


def test_the_readme_example_runs(tmp_path, monkeypatch, capsys):
    text = README.read_text(encoding="utf-8")
    section = text[text.index("### From Python") :]
    blocks = re.findall(r"```python\n(.*?)```", section, re.DOTALL)
    assert blocks, "the README has no Python example"
    monkeypatch.chdir(tmp_path)
    exec(compile(blocks[0], "README.md", "exec"), {})
    assert (tmp_path / "my-exports" / "graph.ttl").is_file()
    assert "community-manager" in capsys.readouterr().out


def test_viewer_shows_a_route_inline():
    import html
    import re

    shown = graphkit.viewer("web writer", "social media strategist")
    frame = shown._repr_html_()
    page = html.unescape(re.fullmatch(r'<iframe srcdoc="([^"]*)".*', frame, re.S).group(1))
    assert page == shown.page
    assert '"route":{' in page and "https://w3id.org/smp/role/web-writer" in page
    assert '"route":null' in graphkit.viewer().page
