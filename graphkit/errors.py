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
    "WrongKind",
]


class GraphkitError(Exception):
    """Base class of graphkit's errors; the CLI prints them without a traceback.

    Its message is English. An error people meet on the command line also says what it is
    in data, so that a view can say it in another language: `code` names the message and
    `fields` holds its values (names as typed, IRIs, numbers).
    """

    exit_code = 1
    code: str | None = None
    fields: dict = {}  # noqa: RUF012 (replaced, never changed, by the errors that have some)


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

    code = "not_found"

    def __init__(self, name: str, suggestions: list[str] | tuple[str, ...] = ()):
        self.name, self.suggestions = name, list(suggestions)
        self.fields = {"name": name, "suggestions": self.suggestions}
        message = f"no concept named {name!r}"
        if self.suggestions:
            message += f"; did you mean {' or '.join(self.suggestions)}?"
        super().__init__(message)


class WrongKind(TermNotFound):
    """A name answers to something of another kind than asked (a tool where a role is asked).

    Parameters
    ----------
    name : str
        What was typed.
    iri, kind : str
        What it names, and its kind (``tool``, ``source``, ``requirement``…).
    wanted : tuple of str
        The kinds asked for.
    closest : list of (str, str)
        ``(iri, label)`` of the concepts of a wanted kind closest to it (the roles that use a
        tool most…).
    suggestions : list of str
        Names of a wanted kind that look like `name`, when there is no closest concept.

    Examples
    --------
    >>> err = WrongKind("Canva", "https://w3id.org/smp/tool/canva", "tool", ("role",),
    ...                 [("https://w3id.org/smp/role/graphic-designer", "graphic designer")])
    >>> str(err)
    "'Canva' is a tool, not a role; closest roles: graphic designer"
    >>> str(WrongKind("CM", "x", "role", ("skill", "tool", "platform")))
    "'CM' is a role, not a skill, a tool or a platform"
    >>> err.exit_code, isinstance(err, TermNotFound)
    (2, True)
    """

    code = "wrong_kind"

    def __init__(
        self,
        name: str,
        iri: str,
        kind: str,
        wanted: tuple[str, ...],
        closest: list[tuple[str, str]] = (),
        suggestions: list[str] | tuple[str, ...] = (),
    ):
        self.name, self.iri, self.kind, self.wanted = name, iri, kind, tuple(wanted)
        self.closest, self.suggestions = list(closest), list(suggestions)
        self.fields = {
            "name": name,
            "kind": kind,
            "wanted": list(self.wanted),
            "closest": [iri for iri, _ in self.closest],
            "suggestions": self.suggestions,
        }
        message = f"{name!r} is {_a(kind)}, not {_either(self.wanted)}"
        if self.closest:
            nouns = f" {self.wanted[0].replace('-', ' ')}s" if len(self.wanted) == 1 else ""
            message += f"; closest{nouns}: {', '.join(label for _, label in self.closest)}"
        elif self.suggestions:
            message += f"; did you mean {' or '.join(self.suggestions)}?"
        Exception.__init__(self, message)


def _a(kind: str) -> str:
    """Put an English article before a kind: ``a tool``, ``an …``."""
    noun = kind.replace("-", " ")
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _either(kinds: tuple[str, ...]) -> str:
    """List kinds with their articles: ``a skill, a tool or a platform``."""
    named = [_a(k) for k in kinds]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} or {named[-1]}"


class AmbiguousName(GraphkitError):
    """A name answers to several concepts; `candidates` are their ``(iri, label)`` pairs."""

    exit_code = 2
    code = "ambiguous"

    def __init__(self, name: str, candidates: list[tuple[str, str]]):
        self.name, self.candidates = name, candidates
        self.fields = {"name": name, "candidates": [iri for iri, _ in candidates]}
        listed = ", ".join(f"{label} <{iri}>" for iri, label in candidates)
        super().__init__(f"{name!r} names several concepts: {listed}; use one of their IRIs")


class InvalidArgument(GraphkitError):
    """A request that cannot be answered as asked (e.g. a route from a role to itself).

    Parameters
    ----------
    message : str
        What is wrong, in English.
    code : str, optional
        The message's name, for a view to say it in another language.
    **fields
        The message's values (role IRIs…).

    Examples
    --------
    >>> err = InvalidArgument("'a' is both the start and the goal", "same_ends", role="x")
    >>> err.exit_code, err.code, err.fields
    (2, 'same_ends', {'role': 'x'})
    """

    exit_code = 2

    def __init__(self, message: str, code: str | None = None, **fields):
        super().__init__(message)
        self.code, self.fields = code, fields


class NoTransitionPath(GraphkitError, nx.NetworkXNoPath):
    """No route satisfies the request; the message says why.

    Parameters
    ----------
    message : str
        Why, in English.
    code : str, optional
        Which reason, for a view to say it in another language.
    **fields
        The reason's values: ``source``, ``target``, ``via``, ``avoid`` (role IRIs),
        ``max_steps``, ``shortest``.

    Examples
    --------
    >>> err = NoTransitionPath("no role leads to 'influencer' within 1 step")
    >>> err.exit_code, isinstance(err, nx.NetworkXNoPath)
    (1, True)
    """

    def __init__(self, message: str, code: str | None = None, **fields):
        super().__init__(message)
        self.code, self.fields = code, fields


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
