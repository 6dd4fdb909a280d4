"""The ``graphkit`` command: parse options, call one library function, render, map errors."""

import functools
from pathlib import Path

import click

from graphkit import __version__
from graphkit.errors import GraphkitError

__all__ = ["cli"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Failure(click.ClickException):
    """A library error shown as ``Error: …`` with the library's exit code, no traceback."""

    def __init__(self, error: GraphkitError):
        super().__init__(str(error))
        self.exit_code = error.exit_code


def _handle_errors(command):
    """Turn :class:`GraphkitError` into a clean message and its exit code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except GraphkitError as error:
            raise _Failure(error) from error

    return wrapper


def format_option(command):
    """Add the shared ``-f/--format`` option (table for people, json as the stable contract)."""
    from graphkit.render import FORMATS

    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format: table for people, json (the stable contract) or csv.",
    )(command)


def lang_option(command):
    """Add the shared ``--lang`` option."""
    return click.option(
        "--lang",
        type=click.Choice(["en", "fr"]),
        default="en",
        show_default=True,
        help="Language of labels and headings.",
    )(command)


class _Context:
    """What the group passes to its commands: the ontology folder, loaded on demand."""

    def __init__(self, ontology: Path | None):
        self.ontology = ontology
        self._dataset = None

    @property
    def root(self) -> Path:
        from graphkit.ontology import default_ontology_dir

        return self.ontology or default_ontology_dir()

    def dataset(self):
        from graphkit.load import load_dataset

        if self._dataset is None:
            self._dataset = load_dataset(self.root)
        return self._dataset

    def compiled(self, *, merged: bool = False):
        """The cached projection and a name index over it (fast: no Turtle parsing).

        With `merged`, the imported ESCO (``graphkit import-esco``) is merged in, if any.
        """
        from graphkit.cache import load_compiled

        compiled = load_compiled(self.root, dataset=self._dataset, include_imported=merged)
        return compiled.transitions, compiled.names


def _emit(fmt: str, data, rows, columns, text) -> None:
    """Write `data` as json, `rows` as csv, or `text` as the table view."""
    from graphkit import render

    if fmt == "json":
        click.echo(render.json_text(data), nl=False)
    elif fmt == "csv":
        click.echo(render.csv_text(rows, columns), nl=False)
    else:
        click.echo(text, nl=False)


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="graphkit")
@click.option(
    "--ontology",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    envvar="GRAPHKIT_ONTOLOGY",
    help="Ontology folder to load (default: the one shipped with graphkit).",
)
@click.pass_context
def cli(ctx: click.Context, ontology: Path | None) -> None:
    """The open knowledge graph of social-media professions.

    Roles, skills, platforms, tools, credentials and career transitions, in French and
    English, every link weighted and traced to its source.
    """
    ctx.obj = _Context(ontology)


@cli.command()
@click.argument("source")
@click.argument("target")
@click.option(
    "--k",
    "k",
    type=click.IntRange(1, 50),
    default=1,
    show_default=True,
    help="How many distinct routes, best first.",
)
@click.option(
    "--via",
    multiple=True,
    metavar="ROLE",
    help="A role the route must pass through (repeat for several, in order).",
)
@click.option("--avoid", multiple=True, metavar="ROLE", help="A role the route must not use.")
@click.option("--max-steps", type=click.IntRange(1, None), help="Longest route, in moves.")
@click.option(
    "--weight",
    type=click.Choice(["cost", "years", "gap", "hops"]),
    default="cost",
    show_default=True,
    help="What the route minimises: the cost model, typical years, skill gap, moves.",
)
@click.option(
    "--html",
    "html",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Also write the graph viewer with the best route highlighted to FILE.",
)
@format_option
@lang_option
@click.pass_obj
@_handle_errors
def path(obj: _Context, source, target, k, via, avoid, max_steps, weight, html, fmt, lang) -> None:
    """Find career routes from one role to another, with the skill gap of every step.

    SOURCE and TARGET are role names in French or English. Each step lists its kind, typical
    years, evidence and sources, the skills to gain (essential first) and those carried over,
    and the tools and platforms to learn. Exits 1 when no route satisfies the request.

    Example:

    \b
        graphkit path "community manager" "social media strategist" --k 3
    """
    from graphkit import render
    from graphkit.paths import transition_paths

    G, names = obj.compiled(merged=True)
    role = functools.partial(names.resolve, kind="role")
    source, target = role(source), role(target)
    routes = transition_paths(
        G,
        source,
        target,
        k=k,
        weight=weight,
        via=[role(v) for v in via],
        avoid=[role(a) for a in avoid],
        max_steps=max_steps,
    )
    if html is not None:
        from graphkit.export import html_page

        html.write_text(html_page(obj.dataset(), route=routes[0]), encoding="utf-8")
        click.echo(f"wrote {html}", err=True)
    labels = G.graph["labels"]
    data = {"source": source, "target": target, "weight": weight, "routes": routes}
    _emit(
        fmt,
        render.labelled(data, labels),
        render.route_rows(routes, labels, lang),
        render.ROUTE_COLUMNS,
        render.routes_text(routes, labels, lang),
    )


@cli.command("next")
@click.argument("source")
@click.option(
    "--steps", type=click.IntRange(1, 4), default=1, show_default=True, help="Most moves."
)
@click.option(
    "--limit", type=click.IntRange(1, None), default=10, show_default=True, help="Most roles."
)
@click.option(
    "--with-inferred",
    is_flag=True,
    help="Also use moves inferred from skill similarity (by default only documented moves).",
)
@format_option
@lang_option
@click.pass_obj
@_handle_errors
def next_(obj: _Context, source, steps, limit, with_inferred, fmt, lang) -> None:
    """List the roles reachable from a role, ranked by the cost of the cheapest route.

    SOURCE is a role name in French or English. Each role comes with its years (known, and
    assumed for moves whose source gives none), the moves and roles on the way, how many
    skills to gain, and the evidence.

    Example:

    \b
        graphkit next "community manager" --steps 2
    """
    from graphkit import render
    from graphkit.paths import next_moves

    G, names = obj.compiled(merged=True)
    source = names.resolve(source, kind="role")
    routes = next_moves(G, source, steps=steps, limit=limit, inferred=with_inferred)
    labels = G.graph["labels"]
    data = {"source": source, "steps": steps, "inferred": with_inferred, "routes": routes}
    _emit(
        fmt,
        render.labelled(data, labels),
        render.next_rows(routes, labels, lang),
        render.NEXT_COLUMNS,
        render.next_text(source, routes, labels, lang),
    )


@cli.command()
@click.argument("source")
@click.argument("target")
@format_option
@lang_option
@click.pass_obj
@_handle_errors
def gap(obj: _Context, source: str, target: str, fmt: str, lang: str) -> None:
    """Show the skill gap between two roles: what to gain, what carries over.

    Example:

    \b
        graphkit gap "rédacteur web" "community manager" --lang fr
    """
    from graphkit import render
    from graphkit.analysis import skill_gap

    G, names = obj.compiled(merged=True)
    result = skill_gap(G, names.resolve(source, kind="role"), names.resolve(target, kind="role"))
    labels = G.graph["labels"]
    _emit(
        fmt,
        render.labelled(result, labels),
        render.gap_rows(result, labels, lang),
        render.GAP_COLUMNS,
        render.gap_text(result, labels, lang),
    )


@cli.command()
@click.option(
    "--skills",
    default="",
    metavar="LIST",
    help="Skills you have, separated by commas, in French or English.",
)
@click.option(
    "--role", "current", metavar="ROLE", help="The role you hold: its skills count as yours."
)
@click.option(
    "--limit",
    type=click.IntRange(1, None),
    default=10,
    show_default=True,
    help="How many roles to list.",
)
@format_option
@lang_option
@click.pass_obj
@_handle_errors
def suggest(obj: _Context, skills: str, current, limit: int, fmt: str, lang: str) -> None:
    """Rank the roles that fit your skills, with the skills each still needs.

    Roles are ranked by the weighted share of their requirements your skills cover
    (essential skills count double optional ones).

    Example:

    \b
        graphkit suggest --skills "rédaction web, modération, veille" --role "web writer"
    """
    from graphkit import render
    from graphkit.analysis import suggest as rank_roles

    G, names = obj.compiled(merged=True)
    held = [names.resolve(s, kind="skill") for s in skills.split(",") if s.strip()]
    role = names.resolve(current, kind="role") if current else None
    ranked = rank_roles(G, held, current_role=role, limit=limit)
    labels = G.graph["labels"]
    data = {"skills": held, "role": role, "suggestions": ranked}
    _emit(
        fmt,
        render.labelled(data, labels),
        render.suggestion_rows(ranked, labels, lang),
        render.SUGGEST_COLUMNS,
        render.suggestions_text(ranked, labels, lang),
    )


@cli.command()
@format_option
@click.pass_obj
@_handle_errors
def roles(obj: _Context, fmt: str) -> None:
    """List the roles: labels, number of skills, curated moves in and out, cluster.

    Clusters are Louvain communities of the transition graph (seeded, so stable).

    Example:

    \b
        graphkit roles -f csv
    """
    from graphkit import render
    from graphkit.analysis import role_clusters

    G, _ = obj.compiled()
    rows = render.role_rows(G, role_clusters(G))
    _emit(fmt, rows, rows, render.ROLE_COLUMNS, render.table(rows, render.ROLE_COLUMNS) + "\n")


#: The formats of ``graphkit export`` (graphkit.export.FORMATS, kept here so that the CLI
#: starts without importing rdflib; a test checks they agree).
EXPORT_FORMATS = (
    "turtle", "ntriples", "trig", "jsonld", "rdfxml", "graphml", "gexf", "csv-nodes",
    "csv-edges", "html", "nquads",
)  # fmt: skip


@cli.command()
@click.option(
    "-o",
    "--out",
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("exports"),
    show_default=True,
    help="Folder to write the exports into.",
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing: rebuild into a temporary folder and exit 1 naming the stale files.",
)
@click.pass_obj
@_handle_errors
def build(obj: _Context, folder: Path, check: bool) -> None:
    """Write exports/: RDF in every syntax, GraphML, GEXF, CSV tables and graph.html.

    The files are byte-stable: the same ontology gives the same bytes on any machine. With
    --check, exits 1 and names the files that differ from a fresh build.

    Example:

    \b
        graphkit build --check
    """
    from graphkit.export import build_exports, stale_exports

    if check:
        stale = stale_exports(obj.dataset(), folder)
        if stale:
            click.echo(f"stale in {folder}: {', '.join(stale)}; run `graphkit build`", err=True)
            raise SystemExit(1)
        click.echo(f"{folder} is up to date", err=True)
        return
    written = build_exports(obj.dataset(), folder)
    click.echo(f"wrote {len(written)} files to {folder}", err=True)


@cli.command("export")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(EXPORT_FORMATS),
    required=True,
    help="The format to write.",
)
@click.option(
    "-o",
    "--out",
    "out",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default="-",
    show_default=True,
    help="File to write; - writes to stdout.",
)
@click.option("--role", metavar="ROLE", help="Export only this role and its neighbourhood.")
@click.pass_obj
@_handle_errors
def export(obj: _Context, fmt: str, out: Path, role: str | None) -> None:
    """Write the graph (or one role's neighbourhood) in one format.

    Example:

    \b
        graphkit export --format gexf -o graph.gexf --role "community manager"
    """
    from graphkit.export import export_bytes
    from graphkit.lookup import resolve

    dataset = obj.dataset()
    iri = resolve(dataset, role, kind="role") if role else None
    data = export_bytes(dataset, fmt, role=iri)
    if str(out) == "-":
        click.echo(data, nl=False)
    else:
        out.write_bytes(data)
        click.echo(f"wrote {out}", err=True)


@cli.command("import-esco")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--version", "version", metavar="X.Y.Z", help="ESCO version (default: from names).")
@click.pass_obj
@_handle_errors
def import_esco(obj: _Context, sources: tuple[Path, ...], version: str | None) -> None:
    """Import the ESCO CSV export (a folder of its zips, or the zips) for routes at scale.

    The occupations, skills, ISCO groups and occupation–skill relations are written as RDF
    (named graph https://w3id.org/smp/graph/esco) and as tables to $GRAPHKIT_DATA (default
    ~/.local/share/graphkit/esco-VERSION/); path, gap and suggest then route across ESCO's
    occupations too. The same files imported again are a no-op. Exits 1 on a missing or
    malformed file, writing nothing.

    Example:

    \b
        graphkit import-esco ../shared/data/esco-v1.1.1
        graphkit path "sales assistant" "social media manager"
    """
    from graphkit.esco import import_esco as run_import

    steps = ["occupations", "skills", "ISCO groups", "occupation–skill relations"]
    steps += ["skill hierarchy", "writing"]
    import sys

    with click.progressbar(length=len(steps), label="importing ESCO", file=sys.stderr) as bar:
        imported, done = run_import(
            list(sources), version=version, progress=lambda _: bar.update(1)
        )
    counts = ", ".join(f"{v:,} {k.replace('_', ' ')}" for k, v in imported.counts.items())
    state = "imported" if done else "already imported"
    click.echo(f"ESCO {imported.version} {state} in {imported.folder}: {counts}")


@cli.command()
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The store's Graph Store Protocol endpoint (Virtuoso: .../sparql-graph-crud-auth).",
)
@click.option("--graph", "graph", metavar="IRI", help="Load everything into this one graph.")
@click.option("--user", metavar="NAME", help="User name, for a store that needs one.")
@click.option(
    "--password",
    metavar="SECRET",
    envvar="GRAPHKIT_PASSWORD",
    help="Password (or $GRAPHKIT_PASSWORD).",
)
@click.option(
    "--with-esco", is_flag=True, help="Also push the imported ESCO (graphkit import-esco)."
)
@click.pass_obj
@_handle_errors
def push(obj: _Context, endpoint: str, graph, user, password, with_esco: bool) -> None:
    """Load the graph into an existing triple store (SPARQL 1.1 Graph Store Protocol).

    Each named graph is sent as N-Triples (PUT, then POST in chunks) to ENDPOINT?graph=IRI,
    replacing it; --graph IRI loads everything into one graph. Query the store afterwards
    with graphkit query --endpoint (its SPARQL endpoint). Exits 1 if the store cannot be
    reached or refuses.

    Example:

    \b
        graphkit push --endpoint http://127.0.0.1:8890/sparql-graph-crud-auth --user dba
        graphkit query cq-02 --endpoint http://127.0.0.1:8890/sparql
    """
    from graphkit.push import push as run_push

    if with_esco:
        from graphkit.load import load_dataset

        dataset = load_dataset(obj.root, include_imported=True)
    else:
        dataset = obj.dataset()
    sent = run_push(dataset, endpoint, graph=graph, user=user, password=password)
    click.echo(f"pushed {sum(sent.values()):,} triples in {len(sent)} graphs to {endpoint}")


@cli.command()
@format_option
@click.pass_obj
@_handle_errors
def validate(obj: _Context, fmt: str) -> None:
    """Check the graph against its SHACL shapes and check queries.

    Exits 0 when the graph conforms (warnings allowed), 1 when it does not.

    Example:

    \b
        graphkit validate
    """
    from graphkit import render
    from graphkit.validate import validate_dataset

    report = validate_dataset(obj.dataset(), obj.root)
    data = {"conforms": report.conforms, "findings": render.report_rows(report)}
    _emit(fmt, data, data["findings"], render.REPORT_COLUMNS, render.report_text(report))
    if not report.conforms:
        raise SystemExit(1)


@cli.command()
@click.option(
    "--coverage",
    is_flag=True,
    help="Instead, per class: count and share with fr+en labels, fr+en definition, a source, "
    "and an alignment per scheme (esco, isco, rome, onet, wikidata).",
)
@format_option
@click.pass_obj
@_handle_errors
def stats(obj: _Context, coverage: bool, fmt: str) -> None:
    """Count concepts and links per class, evidence and sources; top skills and bridge roles.

    Example:

    \b
        graphkit stats -f json
        graphkit stats --coverage
    """
    from graphkit import render
    from graphkit.stats import coverage_report, graph_stats

    dataset = obj.dataset()
    if coverage:
        report = coverage_report(dataset)
        rows = render.coverage_rows(report)
        _emit(fmt, report, rows, render.COVERAGE_COLUMNS, render.coverage_text(report))
        return
    G, _ = obj.compiled()
    data = graph_stats(dataset, G)
    text = render.stats_text(data, G.graph["labels"])
    _emit(fmt, data, render.stats_rows(data), render.STATS_COLUMNS, text)


@cli.command()
@click.argument("name")
@format_option
@lang_option
@click.pass_obj
@_handle_errors
def show(obj: _Context, name: str, fmt: str, lang: str) -> None:
    """Show a concept: labels, definition, sources and every link, with its evidence.

    NAME is a label or altLabel in French or English, an IRI or a CURIE; case and accents
    do not matter.

    Example:

    \b
        graphkit show "gestionnaire de communauté"
    """
    from graphkit import render
    from graphkit.lookup import describe, resolve

    dataset = obj.dataset()
    data = describe(dataset, resolve(dataset, name))
    _emit(
        fmt,
        data,
        render.concept_rows(data, lang),
        render.LINK_COLUMNS,
        render.concept_text(data, lang),
    )


# --- SPARQL: query, queries, serve ---------------------------------------------------------

#: ``graphkit query`` formats: a table for people, then the standard result and RDF formats.
_QUERY_FORMATS = ("table", "json", "csv", "tsv", "xml", "turtle", "ntriples", "jsonld")


def _query_format(fmt: str, kind: str | None) -> str:
    """The writer for `fmt` on a result of `kind`, or a usage error when they do not fit."""
    if kind == "graph":
        if fmt in ("csv", "tsv", "xml"):
            raise click.UsageError(
                f"-f {fmt} is for SELECT and ASK results; a CONSTRUCT or DESCRIBE gives a "
                "graph: use -f turtle, ntriples or jsonld"
            )
        return "jsonld" if fmt == "json" else fmt
    if fmt in ("turtle", "ntriples", "jsonld"):
        raise click.UsageError(
            f"-f {fmt} is for CONSTRUCT and DESCRIBE results; use -f table, json, csv, tsv or xml"
        )
    return fmt


@cli.command()
@click.argument("query")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(_QUERY_FORMATS),
    default="table",
    show_default=True,
    help="table, or SELECT/ASK: json (SPARQL 1.1 JSON results), csv, tsv, xml; "
    "CONSTRUCT/DESCRIBE: Turtle (table), json (JSON-LD), turtle, ntriples, jsonld.",
)
@click.option(
    "--endpoint",
    metavar="URL",
    help="Run the query on this remote SPARQL endpoint instead of the local graph.",
)
@click.pass_obj
@_handle_errors
def query(obj: _Context, query: str, fmt: str, endpoint: str | None) -> None:
    """Run a SPARQL query on the graph, or on a remote SPARQL endpoint.

    QUERY is the query text, a file, - for standard input, or the name of a gallery query
    (graphkit queries lists them: cq-04, 04 or tools-per-skill). graphkit's prefixes (smp:,
    role:, skill:, skos:, prov:…) are pre-bound. The default graph is the union of every
    named graph. A syntax error gives the parser's message and position, and exits 2.

    Example:

    \b
        graphkit query cq-02
        graphkit query 'SELECT ?role WHERE { ?role a smp:Role }' -f csv
        graphkit query - -f json < question.rq
    """
    import sys

    from graphkit import render
    from graphkit.gallery import resolve_query
    from graphkit.results import serialize
    from graphkit.sparql import inspect_query

    stdin = query == "-"
    text = sys.stdin.read() if stdin else resolve_query(query, obj.root)
    writer = _query_format(fmt, inspect_query(text).kind)
    if endpoint:
        from graphkit.server import query_endpoint

        result = query_endpoint(endpoint, text)
    else:
        from graphkit.sparql import Engine

        result = Engine.from_dataset(obj.dataset()).query(text)
    writer = _query_format(fmt, result.kind)
    if writer == "json":
        click.echo(render.json_text(result.to_json()), nl=False)
        return
    out = serialize(result, writer).decode("utf-8")
    click.echo(out, nl=not out.endswith("\n"))


@cli.command()
@format_option
@lang_option
@click.pass_obj
@_handle_errors
def queries(obj: _Context, fmt: str, lang: str) -> None:
    """List the gallery of competency questions, which graphkit query runs by name.

    Example:

    \b
        graphkit queries --lang fr
        graphkit query cq-01
    """
    from graphkit import render
    from graphkit.gallery import gallery

    found = gallery(obj.root)
    data = [
        {"name": q.name, "kind": q.kind, "question": q.question, "file": q.path.name} for q in found
    ]
    rows = [{"name": q.name, "question": q.question.get(lang, "")} for q in found]
    columns = ("name", "question")
    _emit(fmt, data, rows, columns, render.table(rows, columns) + "\n")


@cli.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind: this machine only by default; 0.0.0.0 opens it to the network.",
)
@click.option(
    "-p",
    "--port",
    type=click.IntRange(0, 65535),
    default=7878,
    show_default=True,
    help="Port to bind; 0 picks a free one.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0, min_open=True),
    default=10.0,
    show_default=True,
    help="Time limit of a query, in seconds; past it the query is stopped (503).",
)
@click.option(
    "--max-rows",
    type=click.IntRange(1),
    default=10_000,
    show_default=True,
    help="Cap on the rows (or triples) of a result; a bigger one is refused (422).",
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=2,
    show_default=True,
    help="Worker processes, each running one query at a time.",
)
@click.option(
    "--threads", type=click.IntRange(1), default=8, show_default=True, help="HTTP threads."
)
@click.option(
    "--get",
    "get_path",
    metavar="PATH",
    help="Answer one GET of PATH in-process, print the body and exit (1 unless 200).",
)
@click.pass_obj
@_handle_errors
def serve(obj: _Context, host, port, timeout, max_rows, workers, threads, get_path) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint, with a query page at /.

    GET /sparql?query=…, POST a form or an application/sparql-query body; Accept picks
    JSON, XML, CSV or TSV results, Turtle, N-Triples, JSON-LD or RDF/XML graphs. Updates
    are refused (403), SERVICE too (400); FROM only selects loaded graphs. A plain
    GET /sparql describes the service. Any origin may call it (CORS).

    Example:

    \b
        graphkit serve --port 7878
        curl 'http://127.0.0.1:7878/sparql?query=ASK%7B?s%20?p%20?o%7D'
        graphkit serve --get '/sparql?query=ASK%7B?s%20?p%20?o%7D'
    """
    from graphkit.server import make_app, request
    from graphkit.server import serve as run_server

    limits = {"timeout": timeout, "max_rows": max_rows, "ontology": obj.root}
    if get_path is not None:
        with make_app(obj.dataset(), workers=0, **limits) as app:
            response = request(app, "GET", get_path)
        click.echo(response.body, nl=False)
        if response.status != 200:
            click.echo(f"HTTP {response.status}", err=True)
            raise SystemExit(1)
        return
    app = make_app(obj.dataset(), workers=workers, **limits)

    def ready(url: str) -> None:
        page = url.removesuffix("sparql")
        click.echo(f"graphkit SPARQL endpoint on {url} (query page {page}); Ctrl-C stops", err=True)

    run_server(app, host=host, port=port, threads=threads, on_ready=ready)
