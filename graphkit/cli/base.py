"""The ``graphkit`` group and what its commands share: options, the context, errors, output."""

import functools
from pathlib import Path

import click

from graphkit._version import __version__
from graphkit.errors import GraphkitError

__all__ = ["cli"]

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _Failure(click.ClickException):
    """A library error shown as ``Error: …`` with the library's exit code, no traceback."""

    def __init__(self, message: str, exit_code: int):
        super().__init__(message)
        self.exit_code = exit_code


def _handle_errors(command):
    """Turn :class:`GraphkitError` into a clean message, in the command's --lang, and its code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except GraphkitError as error:
            from graphkit.views.messages import error_text

            lang = kwargs.get("lang", "en")
            context = next((a for a in args if isinstance(a, _Context)), None)
            labels = context.labels if context is not None and lang != "en" else {}
            message = error_text(error, lang, labels)
            raise _Failure(message, error.exit_code) from error

    return wrapper


def format_option(command):
    """Add the shared ``-f/--format`` option (table for people, json as the stable contract)."""
    from graphkit.views.tables import FORMATS

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
        self._labels: dict | None = None

    @property
    def root(self) -> Path:
        from graphkit.graph.ontology import default_ontology_dir

        return self.ontology or default_ontology_dir()

    def dataset(self):
        from graphkit.graph.load import load_dataset

        if self._dataset is None:
            self._dataset = load_dataset(self.root)
        return self._dataset

    def compiled(self, *, merged: bool = False):
        """The cached projection and a name index over it (fast: no Turtle parsing).

        With `merged`, the imported ESCO (``graphkit import-esco``) is merged in, if any.
        """
        from graphkit.esco.merge import load_compiled

        compiled = load_compiled(self.root, dataset=self._dataset, include_imported=merged)
        self._labels = compiled.transitions.graph["labels"]
        return compiled.transitions, compiled.names

    @property
    def labels(self) -> dict:
        """The labels of every concept, source and value, to name them in messages."""
        if self._labels is None:
            try:
                self.compiled()
            except GraphkitError:  # an ontology that does not load: messages keep their IRIs
                self._labels = {}
        return self._labels


def _emit(fmt: str, data, rows, columns, text) -> None:
    """Write `data` as json, `rows` as csv, or `text` as the table view."""
    from graphkit.views.tables import csv_text, json_text

    if fmt == "json":
        click.echo(json_text(data), nl=False)
    elif fmt == "csv":
        click.echo(csv_text(rows, columns), nl=False)
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
