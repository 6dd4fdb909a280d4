"""Errors of graphkit: one hierarchy, each message naming the value at fault.

Every error carries the exit code the CLI maps it to: 1 for a negative result or invalid
data, 2 for a usage error (such as an unknown name).
"""

from pathlib import Path

import networkx as nx

__all__ = [
    "AmbiguousName",
    "EndpointError",
    "GraphkitError",
    "InvalidArgument",
    "NoTransitionPath",
    "OntologyFileError",
    "OntologySyntaxError",
    "PortInUse",
    "QueryFailed",
    "QueryNotFound",
    "QueryRefused",
    "QuerySyntaxError",
    "QueryTimeout",
    "QueryTooDeep",
    "ResultTooLarge",
    "ServiceRefused",
    "TermNotFound",
    "UpdateRefused",
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


# --- SPARQL --------------------------------------------------------------------------------


class QuerySyntaxError(GraphkitError):
    """A SPARQL query does not parse; the message gives the parser's reason and position.

    Parameters
    ----------
    reason : str
        The parser's message.
    line, column : int, optional
        The 1-based position of the error in the query text, when the parser gives it.

    Examples
    --------
    >>> str(QuerySyntaxError("expected one of LATERAL, SERVICE", 1, 25))
    'SPARQL syntax error at line 1, column 25: expected one of LATERAL, SERVICE'
    """

    exit_code = 2

    def __init__(self, reason: str, line: int | None = None, column: int | None = None):
        self.reason, self.line, self.column = reason, line, column
        where = f" at line {line}, column {column}" if line is not None else ""
        super().__init__(f"SPARQL syntax error{where}: {reason}")

    def __reduce__(self):
        return type(self), (self.reason, self.line, self.column)


class QueryRefused(GraphkitError):
    """A query asks for something graphkit never does on its dataset; the message says what."""

    exit_code = 2


class UpdateRefused(QueryRefused):
    """A SPARQL update (INSERT, DELETE, LOAD, DROP…): graphkit's SPARQL is read-only."""


class ServiceRefused(QueryRefused):
    """A query with SERVICE: graphkit never calls another endpoint on a query's behalf."""


class QueryTooDeep(QueryRefused):
    """A query nests deeper than a parser may safely recurse (HTTP 400, exit code 2)."""


class QueryTimeout(GraphkitError):
    """A query ran past its time limit and was stopped.

    Examples
    --------
    >>> str(QueryTimeout(10))
    'the query ran past the time limit of 10 s and was stopped'
    """

    def __init__(self, seconds: float, message: str | None = None):
        self.seconds = seconds
        super().__init__(
            message or f"the query ran past the time limit of {seconds:g} s and was stopped"
        )

    def __reduce__(self):
        return type(self), (self.seconds, str(self))


class ResultTooLarge(GraphkitError):
    """A result has more rows (or triples) than the cap allows.

    Examples
    --------
    >>> str(ResultTooLarge(10000))
    'the result has more than 10000 rows, the cap: add a LIMIT or narrow the query'
    """

    def __init__(self, limit: int, unit: str = "rows"):
        self.limit, self.unit = limit, unit
        super().__init__(
            f"the result has more than {limit} {unit}, the cap: add a LIMIT or narrow the query"
        )

    def __reduce__(self):
        return type(self), (self.limit, self.unit)


class QueryFailed(GraphkitError):
    """A query could not be run for a reason of the engine's own (not the query's)."""


class QueryNotFound(GraphkitError):
    """No gallery query answers to a name; `suggestions` holds the closest names.

    Examples
    --------
    >>> str(QueryNotFound("cq-99", ["cq-09-skill-profile-per-role"]))
    "no gallery query named 'cq-99'; did you mean cq-09-skill-profile-per-role?"
    """

    exit_code = 2

    def __init__(self, name: str, suggestions: list[str] | tuple[str, ...] = ()):
        self.name, self.suggestions = name, list(suggestions)
        message = f"no gallery query named {name!r}"
        if self.suggestions:
            message += f"; did you mean {' or '.join(self.suggestions)}?"
        super().__init__(message)

    def __reduce__(self):
        return type(self), (self.name, self.suggestions)


class EndpointError(GraphkitError):
    """A remote SPARQL endpoint could not be reached or answered with an error."""


class PortInUse(GraphkitError):
    """The port ``graphkit serve`` was asked to bind is taken (a usage error, exit code 2).

    Examples
    --------
    >>> str(PortInUse(7878))
    'port 7878 is in use'
    """

    exit_code = 2

    def __init__(self, port: int):
        super().__init__(f"port {port} is in use")
        self.port = port

    def __reduce__(self):
        return type(self), (self.port,)
