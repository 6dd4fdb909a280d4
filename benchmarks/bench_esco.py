"""ESCO at scale: import time and memory, similarity build, route queries, gallery queries.

1. ``graphkit import-esco DIR`` in a child process, into a fresh ``$GRAPHKIT_DATA``: wall
   time and peak memory (the child's maximum resident set size, ``getrusage``).
2. The similarity graph: projecting the curated graph, then merging ESCO
   (:func:`graphkit.esco.merge.merge_esco`: one sparse product over all occupations); nodes, edges.
3. ``graphkit path "journalist" "social media manager"`` in a child process: cold (empty
   cache: parse, project, merge, cache) and warm (from the cached merged projection).
4. Each gallery query on the merged graph (curated + ESCO named graph): graphkit's engine
   (Oxigraph) and rdflib's in-memory ``Dataset`` in the same run, median of ``--runs``.

Run: ``.venv/bin/python benchmarks/bench_esco.py [DIR] [--runs 3]`` (DIR defaults to
``../shared/data/esco-v1.1.1``). Everything is written to temporary folders.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _timing import median_seconds

GRAPHKIT = str(Path(sys.executable).with_name("graphkit"))


def child(args: list[str], env: dict) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - start, done.stdout


def ratio(value: float) -> str:
    return f"{value:.2f}x" if value < 10 else f"{value:.0f}x"


def main() -> None:
    default = Path(__file__).resolve().parents[2] / "shared" / "data" / "esco-v1.1.1"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=default)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    env = {
        **os.environ,
        "GRAPHKIT_DATA": tempfile.mkdtemp(prefix="bench-esco-data-"),
        "GRAPHKIT_CACHE": tempfile.mkdtemp(prefix="bench-esco-cache-"),
    }
    os.environ.update(env)

    seconds, out = child([GRAPHKIT, "import-esco", str(options.source)], env)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"import: {seconds:.2f} s wall, peak RSS {peak:.0f} MiB (target ≤ 60 s, ≤ 3 GiB)")
    print(f"  {out.strip()}")
    seconds, out = child([GRAPHKIT, "import-esco", str(options.source)], env)
    print(f"second import (no-op): {seconds:.2f} s")

    from graphkit.esco.imported import find_imported
    from graphkit.esco.merge import alignments, esco_extension, load_dataset, merge_esco
    from graphkit.graph.ontology import default_ontology_dir
    from graphkit.routes.compiled import compile_ontology
    from graphkit.routes.projection import to_transition_graph

    dataset = load_dataset()
    start = time.perf_counter()
    G = to_transition_graph(dataset)
    curated = time.perf_counter() - start
    start = time.perf_counter()
    merge_esco(G, find_imported(), alignments(dataset))
    merged = time.perf_counter() - start
    print(
        f"similarity graph: curated projection {curated:.2f} s, ESCO merge (sparse) "
        f"{merged:.2f} s → {G.number_of_nodes():,} roles, {G.number_of_edges():,} moves"
    )
    start = time.perf_counter()
    compile_ontology(default_ontology_dir(), dataset, esco_extension(find_imported()))
    print(f"compile (names + projection + merge): {time.perf_counter() - start:.2f} s")

    route = [GRAPHKIT, "path", "journalist", "social media manager"]
    cold, out = child(route, env)
    warm = statistics.median(child(route, env)[0] for _ in range(3))
    print(
        f"route query, cold (empty cache): {cold:.2f} s; warm (cached, median of 3): {warm:.2f} s"
    )
    print("  " + out.splitlines()[1])
    floor = statistics.median(
        child([sys.executable, "-c", "import click, networkx"], env)[0] for _ in range(3)
    )
    print(f"  floor (python -c 'import click, networkx'): {floor:.2f} s")

    from graphkit.graph.prefixes import PREFIX_IRIS
    from graphkit.sparql.engine import Engine
    from graphkit.sparql.gallery import gallery

    start = time.perf_counter()
    full = load_dataset(include_imported=True)
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    engine = Engine.from_dataset(full)
    print(
        f"merged dataset: {len(engine):,} quads; rdflib load {loaded:.1f} s, "
        f"Oxigraph load {time.perf_counter() - start:.1f} s; {options.runs} runs each"
    )
    print(f"{'query':<52} {'rows':>5} {'graphkit ms':>12} {'rdflib ms':>10} {'ratio':>7}")
    ratios, ours_total, theirs_total = [], 0.0, 0.0
    for query in gallery():
        rows = len(engine.query(query.text))
        ours = median_seconds(lambda q=query: engine.query(q.text), options.runs)

        def rdflib_query(q=query):
            result = full.query(q.text, initNs=PREFIX_IRIS)
            if result.type == "ASK":
                return bool(result.askAnswer)
            return (
                len(result.graph) if result.type in ("CONSTRUCT", "DESCRIBE") else len(list(result))
            )

        theirs = median_seconds(rdflib_query, options.runs)
        ratios.append(theirs / ours)
        ours_total += ours
        theirs_total += theirs
        print(
            f"{query.name[:52]:<52} {rows:>5} {ours * 1e3:>12.2f} {theirs * 1e3:>10.1f} "
            f"{ratio(theirs / ours):>7}"
        )
    print(
        f"{'all queries (sum of medians)':<52} {'':>5} {ours_total * 1e3:>12.1f} "
        f"{theirs_total * 1e3:>10.0f} {theirs_total / ours_total:>6.0f}x"
    )
    print(
        f"ratio per query: median {ratio(statistics.median(ratios))}, "
        f"min {ratio(min(ratios))}, max {ratio(max(ratios))}"
    )


if __name__ == "__main__":
    main()
