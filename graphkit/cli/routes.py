"""Commands for career paths: ``path``, ``gap``, ``suggest``."""

import functools
from pathlib import Path

import click

from graphkit.cli.base import _Context, _emit, _handle_errors, cli, format_option, lang_option


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
    from graphkit.routes.paths import transition_paths
    from graphkit.views.routes import ROUTE_COLUMNS, route_rows, routes_text
    from graphkit.views.tables import labelled

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
        from graphkit.export.build import html_page
        from graphkit.views.words import WORDS

        html.write_text(html_page(obj.dataset(), route=routes[0]), encoding="utf-8")
        click.echo(WORDS[lang]["wrote"].format(path=html), err=True)
    labels = G.graph["labels"]
    data = {"source": source, "target": target, "weight": weight, "routes": routes}
    _emit(
        fmt,
        labelled(data, labels),
        route_rows(routes, labels, lang),
        ROUTE_COLUMNS,
        routes_text(routes, labels, lang),
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
    """List the roles reachable from a role, best first: route cost less the levels climbed.

    SOURCE is a role name in French or English. Each role comes with the seniority it reaches,
    the cost of its cheapest route and that cost less what the levels climbed are worth (the
    ranking), its years (known, and assumed for moves whose source gives none), the moves and
    roles on the way, how many skills to gain, and the evidence.

    Example:

    \b
        graphkit next "community manager" --steps 2
    """
    from graphkit.routes.paths import next_moves
    from graphkit.views.routes import NEXT_COLUMNS, next_rows, next_text
    from graphkit.views.tables import labelled

    G, names = obj.compiled(merged=True)
    source = names.resolve(source, kind="role")
    routes = next_moves(G, source, steps=steps, limit=limit, inferred=with_inferred)
    labels = G.graph["labels"]
    data = {"source": source, "steps": steps, "inferred": with_inferred, "routes": routes}
    _emit(
        fmt,
        labelled(data, labels),
        next_rows(routes, labels, lang),
        NEXT_COLUMNS,
        next_text(source, routes, labels, lang),
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
    from graphkit.routes.analysis import skill_gap
    from graphkit.views.routes import GAP_COLUMNS, gap_rows, gap_text
    from graphkit.views.tables import labelled

    G, names = obj.compiled(merged=True)
    result = skill_gap(G, names.resolve(source, kind="role"), names.resolve(target, kind="role"))
    labels = G.graph["labels"]
    _emit(
        fmt,
        labelled(result, labels),
        gap_rows(result, labels, lang),
        GAP_COLUMNS,
        gap_text(result, labels, lang),
    )


@cli.command()
@click.option(
    "--skills",
    default="",
    metavar="LIST",
    help="What you know: skills, tools and platforms, separated by commas, in French or English.",
)
@click.option(
    "--role",
    "current",
    metavar="ROLE",
    help="The role you hold: what it calls for counts as yours.",
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
    """Rank the roles that fit what you know: skills, tools and platforms.

    Each term is matched to a skill, a tool or a platform, and the first line says which. A
    role's fit is the weighted share of what it calls for that you hold: its skills (essential
    ones count double optional ones), and, when you name tools or platforms, its tools and
    platforms too (each as much as an optional skill). A tool also counts for part of the
    skills it serves and of the platforms it publishes to. Roles you hold nothing of are left
    out; exits 1 when none is left.

    Example:

    \b
        graphkit suggest --skills "Canva, montage vidéo, TikTok"
        graphkit suggest --skills "rédaction web, modération, veille" --role "web writer"
    """
    from graphkit.routes.suggestions import suggest_roles
    from graphkit.views.suggestions import (
        SUGGEST_COLUMNS,
        no_fit_text,
        suggestion_rows,
        suggestions_text,
    )
    from graphkit.views.tables import labelled

    G, names = obj.compiled(merged=True)
    result = suggest_roles(G, names, skills, current_role=current, limit=limit)
    labels = G.graph["labels"]
    _emit(
        fmt,
        labelled(result, labels),
        suggestion_rows(result["suggestions"], labels, lang),
        SUGGEST_COLUMNS,
        suggestions_text(result, labels, lang),
    )
    if not result["suggestions"]:
        click.echo(no_fit_text(result, labels, lang), err=True)
        raise SystemExit(1)
