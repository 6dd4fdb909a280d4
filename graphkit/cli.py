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
    """Count concepts and links per class, evidence levels and sources.

    Example:

    \b
        graphkit stats -f json
    """
    from graphkit import render
    from graphkit.stats import graph_stats

    data = graph_stats(obj.dataset())
    _emit(fmt, data, render.stats_rows(data), render.STATS_COLUMNS, render.stats_text(data))


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
