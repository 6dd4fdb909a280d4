"""graphkit: the open knowledge graph of social-media professions.

The public Python API, imported lazily (``import graphkit`` loads nothing heavy until one of
these is called); see :mod:`graphkit.api`:

- :func:`load_graph`: the ontology as an rdflib ``Dataset``, one named graph per file;
- :func:`find_routes`: career routes between two roles, with the skill gap of every step;
- :func:`next_moves`: where one can go from a role, ranked by cost less the levels climbed;
- :func:`skill_gap`: what to gain, and what carries over, from one role to another;
- :func:`suggest_roles`: the roles that fit what someone knows (skills, tools, platforms);
- :func:`run_query`: a SPARQL query on the graph (Oxigraph), as plain data;
- :func:`build_exports`: every export (RDF, GraphML, GEXF, CSV, the viewer) into a folder;
- :func:`viewer`: the career map, or a route on it, shown inline in a notebook.
"""

from graphkit._version import __version__

_API = (
    "build_exports",
    "find_routes",
    "load_graph",
    "next_moves",
    "run_query",
    "skill_gap",
    "suggest_roles",
    "viewer",
)

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        from graphkit import api

        return getattr(api, name)
    raise AttributeError(f"module 'graphkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
