"""Commands for researchers: ``query``, ``queries``, ``serve``, ``push``."""

import functools
import os
import sys

import click

from graphkit.cli.base import _Context, _emit, _handle_errors, cli, format_option, lang_option

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

    from graphkit.sparql.checks import inspect_query
    from graphkit.sparql.gallery import resolve_query
    from graphkit.sparql.results import serialize
    from graphkit.views.tables import json_text

    stdin = query == "-"
    text = sys.stdin.read() if stdin else resolve_query(query, obj.root)
    writer = _query_format(fmt, inspect_query(text).kind)
    if endpoint:
        from graphkit.sparql.client import query_endpoint

        result = query_endpoint(endpoint, text)
    else:
        from graphkit.sparql.checks import on_deep_stack
        from graphkit.sparql.engine import Engine

        result = on_deep_stack(Engine.from_dataset(obj.dataset()).query, text)
    writer = _query_format(fmt, result.kind)
    if writer == "json":
        click.echo(json_text(result.to_json()), nl=False)
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
    from graphkit.sparql.gallery import gallery
    from graphkit.views.tables import table
    from graphkit.views.words import HEADERS

    found = gallery(obj.root)
    data = [
        {"name": q.name, "kind": q.kind, "question": q.question, "file": q.path.name} for q in found
    ]
    rows = [{"name": q.name, "question": q.question.get(lang, "")} for q in found]
    columns = ("name", "question")
    _emit(fmt, data, rows, columns, table(rows, columns, headers=HEADERS[lang]) + "\n")


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
    help="Serving processes, each with its own copy of the store.",
)
@click.option(
    "--threads",
    type=click.IntRange(1),
    default=2,
    show_default=True,
    help="Query threads of each process: the queries it runs at once.",
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
    GET /sparql describes the service and the dataset (VoID). Any origin may call it (CORS).

    The graph's IRIs dereference: GET /role/community-manager answers for
    https://w3id.org/smp/role/community-manager in Turtle, N-Triples, JSON-LD, RDF/XML or
    HTML, as Accept asks; /ontology is the ontology's documentation (or its TBox as RDF).

    Example:

    \b
        graphkit serve --port 7878
        curl 'http://127.0.0.1:7878/sparql?query=ASK%7B?s%20?p%20?o%7D'
        graphkit serve --get '/sparql?query=ASK%7B?s%20?p%20?o%7D'
        curl -H 'Accept: text/turtle' http://127.0.0.1:7878/role/community-manager
    """
    from graphkit.export.ontology_doc import ontology_html_of
    from graphkit.export.void import dataset_description
    from graphkit.sparql.description import void_triples
    from graphkit.sparql.server import make_app, request
    from graphkit.sparql.serving import serve as run_server

    dataset = obj.dataset()
    limits = {"timeout": timeout, "max_rows": max_rows, "ontology": obj.root}
    limits |= {
        "void": void_triples(dataset_description(dataset)),
        "ontology_page": functools.partial(ontology_html_of, obj.root),
    }
    if get_path is not None:
        with make_app(dataset, workers=0, **limits) as app:
            response = request(app, "GET", get_path)
        click.echo(response.body, nl=False)
        if response.status != 200:
            click.echo(f"HTTP {response.status}", err=True)
            raise SystemExit(1)
        return

    def ready(url: str) -> None:
        page = url.removesuffix("sparql")
        click.echo(f"graphkit SPARQL endpoint on {url} (query page {page}); Ctrl-C stops", err=True)

    run_server(
        dataset,
        host=host,
        port=port,
        workers=workers,
        threads=threads,
        on_ready=ready,
        **limits,
    )
    # stopped (Ctrl-C): its processes are ended and its socket closed, so leave at once
    # rather than tear down every module and object loaded (0.5-1 s on a busy machine)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


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
    from graphkit.sparql.client import push as run_push

    if with_esco:
        from graphkit.esco.merge import load_dataset

        dataset = load_dataset(obj.root, include_imported=True)
    else:
        dataset = obj.dataset()
    sent = run_push(dataset, endpoint, graph=graph, user=user, password=password)
    click.echo(f"pushed {sum(sent.values()):,} triples in {len(sent)} graphs to {endpoint}")
