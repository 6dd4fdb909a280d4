"""Commands to explore the graph: ``show``, ``roles``, ``stats``, ``validate``."""

import click

from graphkit.cli.base import _Context, _emit, _handle_errors, cli, format_option, lang_option


@cli.command()
@format_option
@lang_option
@click.pass_obj
@_handle_errors
def roles(obj: _Context, fmt: str, lang: str) -> None:
    """List the roles: labels, number of skills, curated moves in and out, cluster.

    Clusters are Louvain communities of the transition graph (seeded, so stable).

    Example:

    \b
        graphkit roles -f csv
    """
    from graphkit.routes.analysis import role_clusters
    from graphkit.views.stats import ROLE_COLUMNS, role_rows, roles_text

    G, _ = obj.compiled()
    rows = role_rows(G, role_clusters(G))
    _emit(fmt, rows, rows, ROLE_COLUMNS, roles_text(rows, lang))


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
    from graphkit.graph.validate import validate_dataset
    from graphkit.views.validation import REPORT_COLUMNS, report_rows, report_text

    report = validate_dataset(obj.dataset(), obj.root)
    data = {"conforms": report.conforms, "findings": report_rows(report)}
    _emit(fmt, data, data["findings"], REPORT_COLUMNS, report_text(report))
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
@lang_option
@click.pass_obj
@_handle_errors
def stats(obj: _Context, coverage: bool, fmt: str, lang: str) -> None:
    """Count concepts and links per class, evidence and sources; top skills and bridge roles.

    Example:

    \b
        graphkit stats -f json
        graphkit stats --coverage
    """
    from graphkit.stats.coverage import coverage_report
    from graphkit.stats.summary import graph_stats
    from graphkit.views.stats import (
        COVERAGE_COLUMNS,
        STATS_COLUMNS,
        coverage_rows,
        coverage_text,
        stats_rows,
        stats_text,
    )

    dataset = obj.dataset()
    G, _ = obj.compiled()
    labels = G.graph["labels"]
    if coverage:
        report = coverage_report(dataset)
        rows = coverage_rows(report)
        _emit(fmt, report, rows, COVERAGE_COLUMNS, coverage_text(report, labels, lang))
        return
    data = graph_stats(dataset, G)
    _emit(fmt, data, stats_rows(data), STATS_COLUMNS, stats_text(data, labels, lang))


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
    from graphkit.graph.concepts import describe, resolve
    from graphkit.views.concepts import LINK_COLUMNS, concept_rows, concept_text

    dataset = obj.dataset()
    data = describe(dataset, resolve(dataset, name))
    _emit(
        fmt,
        data,
        concept_rows(data, lang),
        LINK_COLUMNS,
        concept_text(data, lang),
    )
