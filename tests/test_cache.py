import os
import subprocess
import sys

import pytest

from graphkit.routes import compiled as cache
from graphkit.routes.compiled import cache_dir, content_key, load_compiled


@pytest.fixture
def cache_in(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GRAPHKIT_CACHE", str(folder))
    return folder


def pickles(folder):
    return sorted(p.name for p in folder.glob("*.pickle"))


def test_second_load_is_a_hit(tiny_ontology, cache_in, monkeypatch):
    first = load_compiled(tiny_ontology)
    assert len(pickles(cache_in)) == 1

    def no_compile(root):
        raise AssertionError("the cache should have answered")

    monkeypatch.setattr(cache, "compile_ontology", no_compile)
    second = load_compiled(tiny_ontology)
    assert second.key == first.key
    assert sorted(second.transitions.edges) == sorted(first.transitions.edges)


def test_editing_a_file_recompiles_and_drops_the_stale_cache(tiny_ontology, cache_in):
    before = load_compiled(tiny_ontology)
    data = tiny_ontology / "data" / "tiny.ttl"
    data.write_text(
        data.read_text(encoding="utf-8").replace("smp:typicalYears 3 ;", "smp:typicalYears 4 ;"),
        encoding="utf-8",
    )
    after = load_compiled(tiny_ontology)
    assert after.key != before.key
    edge = after.transitions.edges[
        "https://w3id.org/smp/role/community-manager", "https://w3id.org/smp/role/strategist"
    ]
    assert edge["years"] == 4.0
    assert len(pickles(cache_in)) == 1


def test_key_covers_data_derive_queries_and_code(tiny_ontology):
    key = content_key(tiny_ontology)
    (tiny_ontology / "data" / "more.ttl").write_text("# a comment\n", encoding="utf-8")
    assert content_key(tiny_ontology) != key
    key = content_key(tiny_ontology)
    query = next((tiny_ontology / "queries" / "derive").glob("*.rq"))
    query.write_text(query.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert content_key(tiny_ontology) != key


def test_a_corrupt_cache_file_is_recompiled(tiny_ontology, cache_in):
    first = load_compiled(tiny_ontology)
    (path,) = cache_in.glob("*.pickle")
    path.write_bytes(b"not a pickle")
    assert load_compiled(tiny_ontology).key == first.key
    assert path.read_bytes() != b"not a pickle"


def test_an_unwritable_cache_only_costs_speed(tiny_ontology, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("GRAPHKIT_CACHE", str(blocker / "cache"))
    compiled = load_compiled(tiny_ontology)
    assert "https://w3id.org/smp/role/writer" in compiled.transitions


def test_cache_dir_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("GRAPHKIT_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "graphkit"


def test_a_cached_route_query_never_imports_rdflib(tmp_path):
    """The point of the cache: `graphkit path` answers without loading rdflib."""
    env = {**os.environ, "GRAPHKIT_CACHE": str(tmp_path)}
    script = (
        "import sys\n"
        "from graphkit.cli import cli\n"
        "try:\n"
        "    cli(['path', 'community manager', 'social media manager'])\n"
        "except SystemExit as e:\n"
        "    assert e.code == 0, e.code\n"
        "print('rdflib' in sys.modules)\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        ).stdout.splitlines()[-1]
        for _ in range(2)
    ]
    assert runs == ["True", "False"]
