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

    def compiled(self):
        """The cached projection and a name index over it (fast: no Turtle parsing)."""
        from graphkit.cache import load_compiled

        compiled = load_compiled(self.root, dataset=self._dataset)
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

    G, names = obj.compiled()
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

    G, names = obj.compiled()
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

    G, names = obj.compiled()
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
@format_option
@click.pass_obj
@_handle_errors
def stats(obj: _Context, fmt: str) -> None:
    """Count concepts and links per class, evidence and sources; top skills and bridge roles.

    Example:

    \b
        graphkit stats -f json
    """
    from graphkit import render
    from graphkit.stats import graph_stats

    dataset = obj.dataset()
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
