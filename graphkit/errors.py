"""Errors of graphkit: one hierarchy, each message naming the value at fault.

Every error carries the exit code the CLI maps it to: 1 for a negative result or invalid
data, 2 for a usage error (such as an unknown name).
"""

from pathlib import Path

import networkx as nx

__all__ = [
    "AmbiguousName",
    "GraphkitError",
    "InvalidArgument",
    "NoTransitionPath",
    "OntologyFileError",
    "OntologySyntaxError",
    "TermNotFound",
]


class GraphkitError(Exception):
    """Base class of graphkit's errors; the CLI prints them without a traceback."""

    exit_code = 1


class OntologyFileError(GraphkitError):
    """An ontology folder or file is missing or unreadable."""


class OntologySyntaxError(GraphkitError):
    """A Turtle file does not parse.

    Parameters
    ----------
    path : pathlib.Path
        The file.
    line : int
        The 1-based line of the error.
    reason : str
        The parser's message.

    Examples
    --------
    >>> str(OntologySyntaxError(Path("vocab/roles.ttl"), 12, "objectList expected"))
    'vocab/roles.ttl:12: objectList expected'
    """

    def __init__(self, path: Path, line: int, reason: str):
        self.path, self.line, self.reason = path, line, reason
        super().__init__(f"{path}:{line}: {reason}")


class TermNotFound(GraphkitError, nx.NodeNotFound):
    """No concept answers to a name; `suggestions` holds the closest names.

    Examples
    --------
    >>> err = TermNotFound("comunity manger", ["community manager"])
    >>> str(err)
    "no concept named 'comunity manger'; did you mean community manager?"
    >>> isinstance(err, nx.NodeNotFound)
    True
    """

    exit_code = 2

    def __init__(self, name: str, suggestions: list[str] | tuple[str, ...] = ()):
        self.name, self.suggestions = name, list(suggestions)
        message = f"no concept named {name!r}"
        if self.suggestions:
            message += f"; did you mean {' or '.join(self.suggestions)}?"
        super().__init__(message)


class AmbiguousName(GraphkitError):
    """A name answers to several concepts; `candidates` are their ``(iri, label)`` pairs."""

    exit_code = 2

    def __init__(self, name: str, candidates: list[tuple[str, str]]):
        self.name, self.candidates = name, candidates
        listed = ", ".join(f"{label} <{iri}>" for iri, label in candidates)
        super().__init__(f"{name!r} names several concepts: {listed}; use one of their IRIs")


class InvalidArgument(GraphkitError):
    """A request that cannot be answered as asked (e.g. a route from a role to itself)."""

    exit_code = 2


class NoTransitionPath(GraphkitError, nx.NetworkXNoPath):
    """No route satisfies the request; the message says why.

    Examples
    --------
    >>> err = NoTransitionPath("no role leads to 'influencer' within 1 step")
    >>> err.exit_code, isinstance(err, nx.NetworkXNoPath)
    (1, True)
    """
