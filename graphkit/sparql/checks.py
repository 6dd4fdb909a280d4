"""What a query may do, decided before it runs: its form, updates, nesting, SERVICE and FROM.

The HTTP thread reads a query only in linear time (:func:`precheck_query`: updates and too deep
a nesting are refused); SERVICE and FROM are decided on a real parse, rdflib's, in the worker
under the time limit (:func:`check_query`), on a deep stack (:func:`on_deep_stack`).
"""

import re
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from graphkit.errors import (
    QuerySyntaxError,
    QueryTooDeep,
    ServiceRefused,
    UpdateRefused,
)

__all__ = [
    "MAX_DEPTH",
    "STACK_SIZE",
    "QueryInfo",
    "check_query",
    "deep_stack_thread",
    "inspect_query",
    "nesting_depth",
    "on_deep_stack",
    "precheck_query",
    "prepare_parser",
]

#: Deepest nesting a query may have (see :func:`nesting_depth`).
MAX_DEPTH = 128
#: Stack of the threads that parse and run queries, in bytes (address space, mostly unused).
STACK_SIZE = 512 << 20

# --- reading a query without running it ---------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f\u2040]++)
  | (?P<bnode>_:[\w.\-\u00b7\u0300-\u036f\u203f\u2040]++)
  | (?P<lang>@[a-zA-Z]++(?:-[a-zA-Z0-9]+)*+)
  | (?P<name>[^\W\d_][\w.\-\u00b7]*+(?::(?:[\w.\-:%\u00b7]|\\[_~.\-!$&'()*+,;=/?\#@%])*+)?
           |:(?:[\w.\-:%\u00b7]|\\[_~.\-!$&'()*+,;=/?\#@%])*+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
#: What a text must contain to be able to use SERVICE (then it is parsed to find out).
_MENTIONS = re.compile(r"service|\\u[0-9a-f]{4}", re.IGNORECASE)
_FROM_OR_SERVICE = re.compile(r"from|service", re.IGNORECASE)
_LINES = re.compile(r"[\n\r]")
_QUOTED = re.compile(r"[#'\"]")
_LONG_QUOTE = re.compile(r"'''|\"\"\"")
_IRI_OR_ESCAPE = re.compile(r"[<\\]")
_BRACKET = re.compile(r"[{}()\[\]]")
_BANGS = re.compile(r"!(?:\s*!)*")
_TRIPLE_OPENS = re.compile(r"<(?=<)")
_RECURSION = 1_000_000
_STACK_LOCK = threading.Lock()
_DEEP = threading.local()  # .deep is True on the threads that deep_stack_thread starts
_UPDATES = {"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"}
_FORMS = {"select": "bindings", "ask": "boolean", "construct": "graph", "describe": "graph"}


@dataclass(frozen=True)
class QueryInfo:
    """What a query text is, read from its tokens without running it.

    Attributes
    ----------
    form : str or None
        ``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``, the update keyword it starts with
        (``INSERT``, ``LOAD``…), or None when the text starts with none of them.
    service : bool
        Its tokens include the ``SERVICE`` keyword: a hint for messages only, since
        :func:`check_query` decides SERVICE on the parsed query.
    dataset : bool
        It has a dataset clause (``FROM`` or ``FROM NAMED``).
    """

    form: str | None
    service: bool = False
    dataset: bool = False

    @property
    def kind(self) -> str | None:
        """The kind of result: ``bindings``, ``boolean``, ``graph``, or None."""
        return _FORMS.get((self.form or "").casefold())

    @property
    def update(self) -> bool:
        """The text is a SPARQL update."""
        return (self.form or "").casefold() in _UPDATES


def _words(text: str) -> list[str]:
    """List the keyword-like tokens of `text`, case-folded (not in strings, IRIs, comments)."""
    return [
        word
        for m in _TOKEN.finditer(text)
        if m.lastgroup == "name" and ":" not in m.group()
        for word in m.group().casefold().split(".")
    ]


def _significant(text: str) -> Iterable[re.Match]:
    return (m for m in _TOKEN.finditer(text) if m.lastgroup not in ("ws", "comment"))


def inspect_query(text: str) -> QueryInfo:
    r"""Read the form of a query and whether it uses SERVICE or FROM, without running it.

    The text is split into SPARQL tokens, so that a keyword inside a string, an IRI, a
    comment, a variable or a prefixed name (``"customer service"``, ``?service``,
    ``ex:from``) does not count. ``\u`` escapes are also decoded and the text read again,
    the way SPARQL 1.1 says a parser may.

    Parameters
    ----------
    text : str
        A SPARQL query or update.

    Returns
    -------
    QueryInfo

    Examples
    --------
    >>> inspect_query("SELECT ?service WHERE { ?s ex:from 'SERVICE' }")
    QueryInfo(form='SELECT', service=False, dataset=False)
    >>> inspect_query("select * from <http://example.org/g> { service <http://x/> { ?s ?p ?o } }")
    QueryInfo(form='SELECT', service=True, dataset=True)
    >>> inspect_query("# a comment\nLOAD <http://example.org/data.ttl>").update
    True
    """
    form = None
    skip = 0
    for match in _significant(text):
        if skip:
            skip -= 1
            continue
        token = match.group()
        word = token.casefold() if match.lastgroup == "name" and ":" not in token else None
        if word == "base":
            skip = 1
        elif word == "prefix":
            skip = 2
        else:
            form = match.group().upper() if word in _FORMS or word in _UPDATES else None
            break
    # the words are read only if they can matter: a linear search, then a linear tokenizer
    words = set(_words(text)) if _FROM_OR_SERVICE.search(text) else set()
    if _ESCAPE.search(text):
        decoded = _ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
        words |= set(_words(decoded))
    return QueryInfo(form, "service" in words, "from" in words)


def nesting_depth(text: str, limit: int | None = None) -> int:
    """Bound how deeply `text` nests, in linear time, without parsing it.

    Every ``{``, ``(`` and ``[`` opens a level, wherever it is (in strings and comments
    too). A closing bracket closes one only where no lexing could put it inside a string,
    a comment, an IRI or an escape: before any ``#``, ``'`` or ``"`` of its line (and, for
    ``)`` and ``]``, before any ``<`` or backslash), and never once a long-string quote
    (three quotes) has been seen. The longest run of ``!`` (``!!!x`` nests as
    ``!(!(x))``) is added to the deepest level, and so is every ``<<`` (a quoted triple
    of RDF-star, which Oxigraph parses; ``<<<`` counts twice): those never close, so a
    query holds at most :data:`MAX_DEPTH` of them. The bound thus errs toward refusing:
    it is never below what a parser recurses through. (Brackets closed after a quote or an
    IRI on the same line stay counted: write long VALUES tables one row per line.)

    Parameters
    ----------
    text : str
        A SPARQL query.
    limit : int, optional
        Stop reading as soon as the bound exceeds `limit` (then the result is
        ``limit + 1``, not the full bound).

    Examples
    --------
    >>> nesting_depth("ASK { { ?s ?p ?o } FILTER(!BOUND(?x)) }")
    4
    >>> nesting_depth("ASK { ?s ?p '}' { ?s ?p '}' { } } }")  # the quoted } close nothing
    3
    >>> nesting_depth("ASK { << << ?s ?p ?o >> ?q ?r >> ?t ?u }")
    3
    """
    depth = deepest = 0
    long_string = False
    for line in _LINES.split(text):
        if long_string:
            cut_any = cut_brace = 0
        else:
            long_string = _LONG_QUOTE.search(line) is not None
            quoted = _QUOTED.search(line)
            cut_brace = quoted.start() if quoted else len(line)
            iri = _IRI_OR_ESCAPE.search(line, 0, cut_brace)
            cut_any = iri.start() if iri else cut_brace
        for segment, closers in (
            (line[:cut_any], "})]"),
            (line[cut_any:cut_brace], "}"),
            (line[cut_brace:], ""),
        ):
            for bracket in _BRACKET.findall(segment):
                if bracket in "{([":
                    depth += 1
                    deepest = max(deepest, depth)
                    if limit is not None and deepest > limit:
                        return deepest
                elif bracket in closers and depth:
                    depth -= 1
    bangs = max((run.count("!") for run in _BANGS.findall(text)), default=0)
    bound = deepest + bangs + len(_TRIPLE_OPENS.findall(text))
    return bound if limit is None else min(bound, limit + 1)


def precheck_query(text: str) -> QueryInfo:
    """Refuse, in linear time, what no parser may see: updates and too deep a nesting.

    This is all the HTTP thread does before a worker takes the query; the worker then
    runs :func:`check_query`.

    Raises
    ------
    UpdateRefused
        If `text` starts as a SPARQL update (INSERT, DELETE, LOAD, CLEAR, DROP…).
    QueryTooDeep
        If `text` nests deeper than :data:`MAX_DEPTH` (see :func:`nesting_depth`).

    Examples
    --------
    >>> precheck_query("ASK " + "{" * 200 + "}" * 200)
    Traceback (most recent call last):
    ...
    graphkit.errors.QueryTooDeep: the query nests deeper than 128 levels, the limit ...
    """
    if nesting_depth(text, MAX_DEPTH) > MAX_DEPTH:
        raise QueryTooDeep(
            f"the query nests deeper than {MAX_DEPTH} levels, the limit (brackets closed "
            "after a quote, # or IRI on their line count as open)"
        )
    info = inspect_query(text)
    if info.update:
        raise UpdateRefused(f"{info.form} is a SPARQL update: graphkit's SPARQL is read-only")
    return info


def check_query(text: str, prechecked: QueryInfo | None = None) -> QueryInfo:
    r"""Refuse what graphkit never runs: updates, too deep a nesting, and SERVICE.

    SERVICE is decided on the parsed query, never on a guess of a lexer: a text that does
    not contain the letters ``service`` (in any case) nor a ``\u`` escape cannot use it;
    any other text is parsed by rdflib's SPARQL 1.1 parser and refused if its parse tree
    holds a SERVICE pattern, or if it does not parse (it could not be checked). Worker
    processes also run without network access (:mod:`graphkit.sparql.sandbox`), so a mistake
    here still reaches no other endpoint.

    Parameters
    ----------
    text : str
        A SPARQL query.
    prechecked : QueryInfo, optional
        What :func:`precheck_query` returned for this very text, when the caller ran it:
        its linear checks are not run twice. SERVICE is decided here either way.

    Returns
    -------
    QueryInfo
        When the query may run.

    Raises
    ------
    UpdateRefused, QueryTooDeep
        See :func:`precheck_query`.
    ServiceRefused
        If `text` uses SERVICE, which would make the engine call another endpoint.
    QuerySyntaxError
        If `text` mentions ``service`` and is not SPARQL 1.1 that rdflib can parse.

    Examples
    --------
    >>> check_query("ASK { ?s skos:prefLabel 'customer service' }").kind
    'boolean'
    >>> check_query("ASK { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    graphkit.errors.ServiceRefused: SERVICE is refused: graphkit answers from its own ...
    """
    info = precheck_query(text) if prechecked is None else prechecked
    if _MENTIONS.search(text) and on_deep_stack(_parsed_uses_service, text):
        raise ServiceRefused(
            "SERVICE is refused: graphkit answers from its own dataset and never calls "
            "another endpoint (federated queries are not supported)"
        )
    return info


def prepare_parser() -> None:
    """Import rdflib's SPARQL parser and parse once, before the first query needs it.

    The first query that mentions ``service`` then does not spend its time limit importing
    and building the grammar (0.2 s, more on a busy machine); a serving process or a worker
    calls it before it says it is ready.

    Examples
    --------
    >>> prepare_parser()
    """
    _parsed_patterns("ASK { SERVICE <urn:x> { ?s ?p ?o } }")


def _parsed_uses_service(text: str) -> bool:
    """Parse `text` with rdflib and say whether its parse tree holds a SERVICE pattern."""
    return "ServiceGraphPattern" in _parsed_patterns(text)


def _parsed_patterns(text: str) -> set[str]:
    """Parse `text` with rdflib and name the grammar rules its parse tree holds."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, _RECURSION))
    try:
        tree = parseQuery(text)
    except ParseException as err:
        reason = f"{err.msg} (a query that mentions 'service' must be SPARQL 1.1 to be checked)"
        raise QuerySyntaxError(reason, err.lineno, err.col) from None
    except RecursionError:
        raise QueryTooDeep("the query is too long or too deeply nested to be checked") from None
    finally:
        sys.setrecursionlimit(limit)
    names, stack = set(), [tree]
    while stack:  # no recursion: the tree may be as deep as the query nests
        node = stack.pop()
        if isinstance(node, CompValue):
            names.add(node.name)
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)) or hasattr(node, "asList"):  # ParseResults
            stack.extend(node)
    return names


def deep_stack_thread(target: Callable, *args, name: str = "graphkit-sparql") -> threading.Thread:
    """Start a daemon thread with a large stack (:data:`STACK_SIZE`) that runs `target`.

    Code running on it may call :func:`on_deep_stack` at no cost: it runs in place.

    Examples
    --------
    >>> seen = []
    >>> deep_stack_thread(lambda: seen.append(on_deep_stack(sum, [1, 2]))).join()
    >>> seen
    [3]
    """

    def run():
        _DEEP.deep = True
        target(*args)

    with _STACK_LOCK:
        previous = threading.stack_size(STACK_SIZE)
        try:
            thread = threading.Thread(target=run, name=name, daemon=True)
            thread.start()
        finally:
            threading.stack_size(previous)
    return thread


def on_deep_stack(function: Callable, *args, **kwargs):
    """Call `function` on a thread with a large stack (:data:`STACK_SIZE`) and wait for it.

    Oxigraph's parser and optimizer recurse through long chains of operators; on the
    default stack a hostile query crashes the process instead of raising an error. On a
    thread of :func:`deep_stack_thread` the call runs in place; elsewhere a new thread is
    started for it.

    Examples
    --------
    >>> on_deep_stack(sum, [1, 2, 3])
    6
    """
    if getattr(_DEEP, "deep", False):
        return function(*args, **kwargs)
    outcome = {}

    def target():
        try:
            outcome["value"] = function(*args, **kwargs)
        except BaseException as err:  # re-raised in the caller's thread
            _forget_frames(err)
            outcome["error"] = err

    deep_stack_thread(target).join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def _forget_frames(error: BaseException) -> None:
    """Clear the frames of `error`'s traceback chain, so that it holds no Oxigraph object.

    An error handed from one thread to another would otherwise keep the engine's
    iterators (and what they borrow) alive as long as it lives.
    """
    chain, seen = error, set()
    while chain is not None and id(chain) not in seen:
        seen.add(id(chain))
        traceback.clear_frames(chain.__traceback__)
        chain = chain.__cause__ or chain.__context__
