"""SPARQL over the graph: a read-only Oxigraph engine, and rdflib's engine as the baseline.

The engine loads a graphkit dataset into a `pyoxigraph <https://pyoxigraph.readthedocs.io>`_
store, one named graph per ontology file, and queries it the way
``rdflib.Dataset(default_union=True)`` does: the default graph is the union of every graph,
``GRAPH ?g`` ranges over the named graphs, and graphkit's prefixes are pre-bound. It is
read-only and never leaves the dataset: updates and ``SERVICE`` are refused before anything
runs, and ``FROM`` / ``FROM NAMED`` only select graphs already loaded (Oxigraph never
dereferences them).

Nothing here imports rdflib at start-up: a worker process of :class:`graphkit.sparql.pool.QueryPool`
loads only pyoxigraph and graphkit's SPARQL modules, and the CLI imports them only when a
SPARQL command runs.
"""

import re
import time
from collections.abc import Sequence

import pyoxigraph as ox

from graphkit.errors import (
    QueryFailed,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    ResultTooLarge,
)
from graphkit.graph.prefixes import PREFIX_IRIS
from graphkit.sparql.checks import (
    QueryInfo,
    _parsed_patterns,
    _significant,
    check_query,
    on_deep_stack,
)
from graphkit.sparql.results import QueryResult, from_oxigraph, normal_term, serialize

__all__ = [
    "MAX_ROWS",
    "TIMEOUT",
    "Engine",
    "rdflib_query",
    "run_query",
]

#: Default time limit of a query, in seconds.
TIMEOUT = 10.0
#: Default cap on the rows (or triples) of a result.
MAX_ROWS = 10_000


# --- the engine ------------------------------------------------------------------------------


class Engine:
    """A read-only SPARQL engine over a graphkit dataset, on an in-memory Oxigraph store.

    Parameters
    ----------
    store : pyoxigraph.Store, optional
        The store to query; a new empty one by default. Build an engine with
        :meth:`from_dataset` rather than by hand.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> engine = Engine.from_dataset(tiny_graph())
    >>> result = engine.query("SELECT ?to WHERE { role:writer smp:leadsTo ?to } ORDER BY ?to")
    >>> [row["to"]["value"].rsplit("/", 1)[-1] for row in result.bindings]
    ['community-manager', 'strategist']
    """

    def __init__(self, store=None):
        self._store = ox.Store() if store is None else store

    @classmethod
    def from_dataset(cls, dataset) -> "Engine":
        """Load an rdflib dataset (see :func:`graphkit.graph.load.load_dataset`), graph by graph."""
        return cls.from_nquads(dataset.serialize(format="nquads").encode("utf-8"))

    @classmethod
    def from_nquads(cls, data: bytes) -> "Engine":
        """Load N-Quads (as :meth:`dump` writes them).

        Examples
        --------
        >>> len(Engine.from_nquads(b'<http://x/a> <http://x/b> "c" <http://x/g> .'))
        1
        """
        store = ox.Store()
        store.load(data, format=ox.RdfFormat.N_QUADS)
        return cls(store)

    def dump(self) -> bytes:
        """Write every quad as N-Quads."""
        return self._store.dump(format=ox.RdfFormat.N_QUADS)

    def __len__(self) -> int:
        return len(self._store)

    def graphs(self) -> dict[str, int]:
        """Count the triples of each named graph, by graph IRI, in IRI order.

        Examples
        --------
        >>> from graphkit.graph.examples import tiny_graph
        >>> sorted(Engine.from_dataset(tiny_graph()).graphs())
        ['https://w3id.org/smp/graph/derived', 'https://w3id.org/smp/graph/tiny']
        """
        counts = self._store.query(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"
        )
        return {row["g"].value: int(row["n"].value) for row in counts}

    def query(
        self,
        text: str,
        *,
        max_rows: int | None = None,
        timeout: float | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        base_iri: str | None = None,
        prechecked: QueryInfo | None = None,
    ) -> QueryResult:
        """Run a SPARQL query and return its result as plain data.

        The default graph is the union of every graph unless the query has ``FROM`` /
        ``FROM NAMED`` or `default_graphs` / `named_graphs` are given (the SPARQL protocol's
        ``default-graph-uri`` and ``named-graph-uri``, which take precedence); either way
        only graphs of the dataset are selected, and an unknown IRI selects an empty graph.

        Parameters
        ----------
        text : str
            The query; graphkit's prefixes (``smp:``, ``role:``, ``skos:``…) are pre-bound.
        max_rows : int, optional
            Refuse a result with more rows (or triples) than this.
        timeout : float, optional
            Stop reading the result after this many seconds. This bounds streaming results
            only: an operator that must see every solution first (ORDER BY, GROUP BY) runs
            inside Oxigraph until done. :class:`QueryPool` bounds any query.
        default_graphs, named_graphs : sequence of str, optional
            Graph IRIs that make up the query's dataset.
        base_iri : str, optional
            The IRI relative IRIs of the query resolve against (unless it declares BASE);
            the endpoint passes its own URL. Without one a relative IRI is a syntax error.
        prechecked : QueryInfo, optional
            What :func:`precheck_query` returned for `text`, if the caller ran it (see
            :func:`check_query`).

        Returns
        -------
        QueryResult

        Raises
        ------
        QuerySyntaxError
            If the query does not parse (the message gives the line and column).
        UpdateRefused, ServiceRefused, QueryTooDeep
            See :func:`check_query`.
        ResultTooLarge
            If the result has more than `max_rows` rows.
        QueryTimeout
            If reading the result took longer than `timeout`.
        """
        info = check_query(text, prechecked)
        deadline = None if timeout is None else time.monotonic() + timeout
        options = {"use_default_graph_as_union": not info.dataset}
        if default_graphs is not None or named_graphs is not None:
            options = {
                "default_graph": [ox.NamedNode(g) for g in default_graphs or ()],
                "named_graphs": [ox.NamedNode(g) for g in named_graphs or ()],
            }
        try:
            raw = self._store.query(text, prefixes=PREFIX_IRIS, base_iri=base_iri, **options)
            if isinstance(raw, ox.QueryBoolean):
                return QueryResult("boolean", boolean=bool(raw))
            if isinstance(raw, ox.QuerySolutions):
                names = tuple(v.value for v in raw.variables)
                rows = []
                for solution in _bounded(raw, max_rows, deadline, timeout, "rows"):
                    row = {}
                    for name in names:
                        term = solution[name]
                        if term is not None:
                            row[name] = from_oxigraph(term)
                    rows.append(row)
                return QueryResult("bindings", names, tuple(rows))
            triples = tuple(
                (from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object))
                for t in _bounded(raw, max_rows, deadline, timeout, "triples")
            )
            return QueryResult("graph", triples=triples)
        except SyntaxError as err:
            raise _syntax_error(str(err), text) from None
        except (OSError, RuntimeError) as err:
            raise QueryFailed(f"the query failed in the engine: {err}") from err


def _bounded(items, max_rows, deadline, timeout, unit):
    """Yield `items`, stopping at the cap or the deadline."""
    for count, item in enumerate(items):
        if max_rows is not None and count >= max_rows:
            raise ResultTooLarge(max_rows, unit)
        if deadline is not None and time.monotonic() > deadline:
            raise QueryTimeout(timeout)
        yield item


_POSITION = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)


def _syntax_error(message: str, text: str = "") -> QuerySyntaxError:
    r"""Turn Oxigraph's ``error at 3:17: expected …`` into a :class:`QuerySyntaxError`.

    An undeclared prefix, which Oxigraph reports as a list of expected characters, is named
    instead, at the position where it is used.

    Examples
    --------
    >>> str(_syntax_error("error at 3:17: expected one of ABS, AVG"))
    'SPARQL syntax error at line 3, column 17: expected one of ABS, AVG'
    >>> str(_syntax_error("error at 2:11: expected one of Prefix not found, ['%']",
    ...                   "SELECT * WHERE {\n ?s nope:p ?o }"))
    "SPARQL syntax error at line 2, column 5: unknown prefix 'nope:'; declare it with PREFIX"
    """
    position = _POSITION.match(message)
    reported = (int(position.group(1)), int(position.group(2))) if position else None
    declared, previous = set(PREFIX_IRIS), ""
    for match in _significant(text):
        token = match.group()
        if match.lastgroup != "name" or ":" not in token:
            previous = token.casefold()
            continue
        prefix = token.split(":", 1)[0]
        if previous == "prefix":  # PREFIX p: <…> declares p for what follows
            declared.add(prefix)
        previous = token
        if prefix in declared:
            continue
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        if reported is None or (line, column) <= reported:
            reason = f"unknown prefix {prefix + ':'!r}; declare it with PREFIX"
            return QuerySyntaxError(reason, line, column)
        break
    if position:
        return QuerySyntaxError(position.group(3), *reported)
    return QuerySyntaxError(message)


def run_query(engine: Engine, text: str, fmt: str, **options) -> bytes:
    """Run a query on `engine` and serialize its result in `fmt` (see :func:`serialize`).

    `options` are those of :meth:`Engine.query`. This is what a :class:`QueryPool` worker
    runs.
    """
    return serialize(engine.query(text, **options), fmt)


# --- the rdflib baseline -------------------------------------------------------------------------


def rdflib_query(dataset, text: str) -> QueryResult:
    """Run a query with rdflib's own in-memory SPARQL engine: the baseline graphkit is measured by.

    Same prefixes, same union default graph (``Dataset(default_union=True)``), same result
    shape as :meth:`Engine.query`, for comparing the two engines. Do not offer it to
    untrusted queries: rdflib fetches the graphs named by ``FROM`` from the web, so this
    baseline refuses dataset clauses, besides updates and SERVICE.

    Parameters
    ----------
    dataset : rdflib.Dataset
        A dataset as :func:`graphkit.graph.load.load_dataset` returns it.
    text : str
        The query.

    Returns
    -------
    QueryResult

    Raises
    ------
    QuerySyntaxError, UpdateRefused, ServiceRefused, QueryRefused

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> rdflib_query(tiny_graph(), "ASK { role:writer smp:leadsTo role:strategist }").boolean
    True
    """
    from pyparsing import ParseException

    check_query(text)
    if "DatasetClause" in on_deep_stack(_parsed_patterns, text):  # decided on the parse
        raise QueryRefused("the rdflib baseline refuses FROM: rdflib would fetch the graph")
    try:
        result = dataset.query(text, initNs=PREFIX_IRIS)
    except ParseException as err:
        raise QuerySyntaxError(err.msg, err.lineno, err.col) from None
    return _from_rdflib_result(result)


def _from_rdflib_result(result) -> QueryResult:
    if result.type == "ASK":
        return QueryResult("boolean", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return QueryResult(
            "graph", triples=tuple(tuple(map(_from_rdflib, t)) for t in result.graph)
        )
    names = tuple(str(v) for v in result.vars)
    rows = tuple(
        {str(k): _from_rdflib(v) for k, v in row.items() if v is not None}
        for row in result.bindings
    )
    return QueryResult("bindings", names, rows)


def _from_rdflib(term) -> dict:
    from rdflib import BNode, Literal

    if isinstance(term, Literal):
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None:
            out["datatype"] = str(term.datatype)
        return normal_term(out)
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    return {"type": "uri", "value": str(term)}
