"""Commands that write files: ``build``, ``export``, ``import-esco``."""

from pathlib import Path

import click

from graphkit.cli.base import _Context, _handle_errors, cli

#: The formats of ``graphkit export`` (graphkit.export.build.FORMATS, kept here so that the CLI
#: starts without importing rdflib; a test checks they agree).
EXPORT_FORMATS = (
    "turtle", "ntriples", "trig", "jsonld", "rdfxml", "graphml", "gexf", "csv-nodes",
    "csv-edges", "html", "sssom", "void", "ontology", "nquads",
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
    """Write exports/: RDF in every syntax, GraphML, GEXF, CSV, the viewer, SSSOM, VoID, docs.

    The files are byte-stable: the same ontology gives the same bytes on any machine. With
    --check, exits 1 and names the files that differ from a fresh build.

    Example:

    \b
        graphkit build --check
    """
    from graphkit.export.build import build_exports, stale_exports

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
    from graphkit.export.build import export_bytes
    from graphkit.graph.concepts import resolve

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
    from graphkit.esco.imported import import_esco as run_import

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
