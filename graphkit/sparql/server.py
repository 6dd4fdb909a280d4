"""The SPARQL 1.1 Protocol endpoint: a WSGI app (served by :mod:`graphkit.sparql.serving`).

``make_app`` builds the app. The endpoint answers ``GET /sparql?query=``,
``POST /sparql`` with a form body or an ``application/sparql-query`` body, negotiates the
result format from ``Accept``, describes itself (SPARQL 1.1 Service Description, with the
dataset's VoID) on a plain ``GET /sparql``, serves a small query page at ``/``, dereferences
the graph's IRIs (:mod:`graphkit.sparql.resources`). It is read-only: an update is
answered 403, SERVICE 400, a syntax error 400 with the parser's position, a query past the
time limit 503, a result over the cap 422, anything unexpected 500. Every answer allows any
origin (CORS), so browser clients such as YASGUI can use it.

With :mod:`graphkit.sparql.serving` and :mod:`graphkit.sparql.asgi` (which serve it) and
:mod:`graphkit.sparql.client` (the other way: graphkit as a client of other stores), this is
the only part of graphkit that speaks HTTP.
"""

import functools
import io
import logging
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from graphkit.errors import (
    GraphkitError,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    ResultTooLarge,
    ServiceRefused,
    UpdateRefused,
)
from graphkit.graph.prefixes import PREFIX_IRIS
from graphkit.sparql.checks import inspect_query, on_deep_stack, precheck_query
from graphkit.sparql.description import DESCRIPTION_PREFIXES, service_description
from graphkit.sparql.engine import MAX_ROWS, TIMEOUT, Engine, run_query
from graphkit.sparql.negotiation import content_type, negotiate
from graphkit.sparql.page import page, page_headers
from graphkit.sparql.request import (
    PendingQuery,
    _body,
    _endpoint_url,
    _form,
    _HTTPError,
    _media_type,
    _one,
)
from graphkit.sparql.resources import LinkedData
from graphkit.sparql.results import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    QueryResult,
    serialize,
)

__all__ = [
    "Response",
    "SparqlApp",
    "make_app",
    "request",
]

log = logging.getLogger(__name__)


#: Media types offered for SELECT / ASK results, best first, with the format they get.
_RESULT_TYPES = {
    **{media: name for name, media in RESULT_FORMATS.items()},
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
#: Media types offered for graphs (CONSTRUCT, DESCRIBE, the service description).
_GRAPH_TYPES = {
    **{media: name for name, media in GRAPH_FORMATS.items()},
    "application/x-turtle": "turtle",
    "application/turtle": "turtle",
    "application/json": "jsonld",
}
_MEDIA_TYPES = {**RESULT_FORMATS, **GRAPH_FORMATS}
_TEXT = "text/plain; charset=utf-8"
_CORS = [
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Expose-Headers", "Content-Type, Content-Length"),
]
_REASONS = {
    200: "OK",
    204: "No Content",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    406: "Not Acceptable",
    413: "Content Too Large",
    415: "Unsupported Media Type",
    422: "Unprocessable Content",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


# --- the WSGI app ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Response:
    """An HTTP response: status code, headers, body."""

    status: int
    headers: dict
    body: bytes

    @property
    def text(self) -> str:
        """The body decoded as UTF-8."""
        return self.body.decode("utf-8")


def _status_of(error: GraphkitError) -> int:
    """Map a library error to its HTTP status (refusals and bad queries are the client's)."""
    for kind, status in (
        (UpdateRefused, 403),
        (ServiceRefused, 400),
        (QuerySyntaxError, 400),
        (QueryRefused, 400),
        (QueryTimeout, 503),
        (ResultTooLarge, 422),
    ):
        if isinstance(error, kind):
            return status
    return 500


def _refuse(status: int, message: str):
    raise _HTTPError(status, message)


class SparqlApp:
    """The graphkit SPARQL endpoint as a WSGI application (see :func:`make_app`).

    Routes: ``/sparql`` (the SPARQL 1.1 Protocol, and the service description on a plain
    GET), ``/`` (a query page with the gallery of competency questions), and any other path
    is an IRI of the graph (:class:`graphkit.sparql.resources.LinkedData`).
    """

    def __init__(
        self,
        engine: Engine,
        *,
        timeout: float = TIMEOUT,
        max_rows: int | None = MAX_ROWS,
        workers: int = 2,
        gallery: Sequence | None = None,
        void: tuple | None = None,
        ontology_page: Callable[[], bytes] | None = None,
    ):
        self.engine, self.timeout, self.max_rows = engine, timeout, max_rows
        self.gallery = list(gallery or ())
        self._pool = None
        if workers:
            from graphkit.sparql.pool import QueryPool

            self._pool = QueryPool(engine, workers=workers, timeout=timeout, max_rows=max_rows)
        self._graphs = engine.graphs()
        self._page = page(self.gallery)
        self._void = void
        self._linked = LinkedData(lambda text, fmt: self._runner(text, fmt)(), ontology_page)

    def close(self) -> None:
        """Stop the worker processes, if any."""
        if self._pool is not None:
            self._pool.close()

    def __enter__(self) -> "SparqlApp":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        """Answer one WSGI request (a query runs in place, or in the app's workers)."""
        reply = self.reply(environ)
        if isinstance(reply, PendingQuery):
            reply = self.complete(reply, reply.run)
        status, headers, body = reply
        start_response(status, headers)
        return [body]

    def reply(self, environ: dict) -> "tuple[str, list, bytes] | PendingQuery":
        """Answer a request, except for running its query: that is left to the caller.

        Everything but the engine happens here: routing, the Host, the parameters, the
        linear checks of :func:`graphkit.sparql.checks.precheck_query`, the negotiation.

        Returns
        -------
        (str, list of (str, str), bytes) or PendingQuery
            The status line, headers and body; or a query to run (``pending.run()``, on a
            deep stack) and hand to :meth:`complete`.
        """
        method = environ.get("REQUEST_METHOD", "GET").upper()
        return self._guarded(method, environ.get("PATH_INFO"), self._route, environ, method)

    def complete(self, pending: "PendingQuery", outcome: Callable[[], bytes]) -> tuple:
        """Answer a query from `outcome`: it returns the result's bytes, or raises the error.

        Returns
        -------
        (str, list of (str, str), bytes)
            The status line, headers and body.
        """

        def finish():
            try:
                body = outcome()
            except GraphkitError as err:
                status = _status_of(err)
                if status == 500:
                    log.error("query failed: %s", err)
                raise _HTTPError(status, str(err)) from err
            return 200, pending.headers, body

        return self._guarded(pending.method, pending.path, finish)

    @staticmethod
    def _guarded(method: str, path, step: Callable, *args):
        try:
            result = step(*args)
        except _HTTPError as err:
            result = err.status, [("Content-Type", _TEXT), *err.headers], f"{err}\n".encode()
        except Exception:  # an answer, not a dropped connection; the traceback goes to the log
            log.exception("error while answering %s %s", method, path)
            result = 500, [("Content-Type", _TEXT)], b"internal server error\n"
        if isinstance(result, PendingQuery):
            return result
        status, headers, body = result
        return (*_status_and_headers(status, headers, body), b"" if method == "HEAD" else body)

    @staticmethod
    def refusal(status: int, message: str, method: str = "GET") -> tuple[str, list, bytes]:
        """Answer `status` with `message`, as the app answers its own errors.

        For what a server refuses without asking the app (a request past the time limit).

        Returns
        -------
        (str, list of (str, str), bytes)
            The status line, the headers and the body.
        """
        return SparqlApp._guarded(method.upper(), None, _refuse, status, message)

    def _route(self, environ: dict, method: str):
        path = environ.get("PATH_INFO") or "/"
        if method == "OPTIONS":  # CORS preflight: only the headers the endpoint reads
            return (
                204,
                [
                    ("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS"),
                    ("Access-Control-Allow-Headers", "Accept, Content-Type"),
                    ("Access-Control-Max-Age", "86400"),
                ],
                b"",
            )
        if path == "/":
            if method not in ("GET", "HEAD"):
                raise _HTTPError(405, f"{method} is not allowed on /", [("Allow", "GET, HEAD")])
            if self._linked.wants_rdf(environ):  # the namespace IRI: the ontology
                return self._linked.ontology(environ, method)
            return 200, page_headers(), self._page
        if path not in ("/sparql", "/sparql/"):
            return self._linked.answer(environ, method, path)
        if method in ("GET", "HEAD"):
            params = _form(environ.get("QUERY_STRING", ""))
            if "update" in params:
                raise _HTTPError(403, "updates are refused: this endpoint is read-only")
            if "query" not in params:
                return self._description(environ)
            return self._query(environ, _one(params, "query"), params)
        if method != "POST":
            raise _HTTPError(
                405, f"{method} is not allowed on /sparql", [("Allow", "GET, HEAD, POST, OPTIONS")]
            )
        content_type, charset = _media_type(environ.get("CONTENT_TYPE"))
        params = _form(environ.get("QUERY_STRING", ""))
        if charset not in (None, "utf-8", "utf8", "us-ascii"):
            raise _HTTPError(
                415, f"the request body must be UTF-8, not charset={charset} ({content_type})"
            )
        if content_type == "application/sparql-update":
            raise _HTTPError(403, "updates are refused: this endpoint is read-only")
        if content_type == "application/x-www-form-urlencoded":
            form = _form(_body(environ).decode("latin-1"))
            if "update" in form:
                raise _HTTPError(403, "updates are refused: this endpoint is read-only")
            if "query" not in form:
                raise _HTTPError(400, "the form has no query field")
            return self._query(environ, _one(form, "query"), {**params, **form})
        if content_type == "application/sparql-query":
            try:
                text = _body(environ).decode("utf-8")
            except UnicodeDecodeError:
                raise _HTTPError(400, "the query is not valid UTF-8") from None
            return self._query(environ, text, params)
        raise _HTTPError(
            415,
            f"a POST to /sparql must be application/x-www-form-urlencoded or "
            f"application/sparql-query, not {content_type or 'without a Content-Type'}",
        )

    def _query(self, environ: dict, text: str, params: Mapping[str, list[str]]):
        endpoint = _endpoint_url(environ)  # validates Host first
        try:  # linear: the HTTP thread never parses; a worker checks the rest
            info = precheck_query(text)
        except UpdateRefused:
            raise _HTTPError(
                403,
                f"updates are refused: {inspect_query(text).form} is a SPARQL update, "
                "this endpoint is read-only",
            ) from None
        except QueryRefused as err:
            raise _HTTPError(400, str(err)) from None
        graph = info.kind == "graph"
        offers = _GRAPH_TYPES if graph else _RESULT_TYPES
        media = negotiate(environ.get("HTTP_ACCEPT"), list(offers))
        if media is None:
            wanted = ", ".join(GRAPH_FORMATS.values() if graph else RESULT_FORMATS.values())
            raise _HTTPError(406, f"none of the accepted types can hold this result: {wanted}")
        fmt = offers[media]
        options = {"base_iri": endpoint}
        if "default-graph-uri" in params or "named-graph-uri" in params:
            options |= {
                "default_graphs": params.get("default-graph-uri", []),
                "named_graphs": params.get("named-graph-uri", []),
            }
        run = self._runner(text, fmt, prechecked=info, **options)
        headers = [("Content-Type", content_type(_MEDIA_TYPES[fmt])), ("Vary", "Accept")]
        return PendingQuery(run, headers, environ["REQUEST_METHOD"].upper(), environ["PATH_INFO"])

    def _runner(self, text: str, fmt: str, *, prechecked=None, **options) -> Callable[[], bytes]:
        """Return what runs a query under the limits: in a worker, or in place on a deep stack.

        A worker checks the query again itself; in place, `prechecked` (the result of
        :func:`graphkit.sparql.checks.precheck_query`) spares the linear check a second run.
        """
        if self._pool is not None:
            return functools.partial(self._pool.run, text, fmt, **options)
        return functools.partial(
            on_deep_stack,
            run_query,
            self.engine,
            text,
            fmt,
            max_rows=self.max_rows,
            timeout=self.timeout,
            prechecked=prechecked,
            **options,
        )

    def _description(self, environ: dict):
        media = negotiate(environ.get("HTTP_ACCEPT"), list(_GRAPH_TYPES))
        if media is None:
            raise _HTTPError(
                406, f"the service description is RDF: {', '.join(GRAPH_FORMATS.values())}"
            )
        fmt = _GRAPH_TYPES[media]
        endpoint = _endpoint_url(environ)
        triples = service_description(
            endpoint, self._graphs, self.timeout, self.max_rows, dataset=self._void
        )
        prefixes = {
            **PREFIX_IRIS,
            "graph": PREFIX_IRIS["smp"] + "graph/",
            **DESCRIPTION_PREFIXES,
        }
        body = serialize(QueryResult("graph", triples=tuple(triples)), fmt, prefixes=prefixes)
        return 200, [("Content-Type", content_type(_MEDIA_TYPES[fmt])), ("Vary", "Accept")], body


def _status_and_headers(status: int, headers: list, body: bytes) -> tuple[str, list]:
    """Make the status line, and add to `headers` those every answer carries (CORS, length)."""
    headers = [
        *headers,
        *_CORS,
        ("X-Content-Type-Options", "nosniff"),
        ("Content-Length", str(len(body))),
    ]
    return f"{status} {_REASONS.get(status, 'Unknown')}", headers


# --- building and serving ----------------------------------------------------------------------


def make_app(
    source,
    *,
    timeout: float = TIMEOUT,
    max_rows: int | None = MAX_ROWS,
    workers: int = 2,
    ontology=None,
    void: tuple | None = None,
    ontology_page: Callable[[], bytes] | None = None,
) -> SparqlApp:
    """Build the SPARQL endpoint over a dataset, as a WSGI application.

    Parameters
    ----------
    source : rdflib.Dataset or Engine
        The data (see :func:`graphkit.graph.load.load_dataset`).
    timeout : float
        Time limit of a query, in seconds (503 past it).
    max_rows : int or None
        Cap on the rows or triples of a result (422 over it); None for no cap.
    workers : int
        Worker processes that run the queries (see :class:`graphkit.sparql.pool.QueryPool`); 0
        runs them in the serving thread, where the time limit only bounds streaming
        results. Call :meth:`SparqlApp.close` (or use ``with``) to stop them.
    ontology : path-like, optional
        The ontology folder whose gallery the query page lists.
    void : tuple, optional
        The dataset's VoID for the service description, as
        :func:`graphkit.sparql.description.void_triples` gives it.
    ontology_page : callable, optional
        Makes the page of ``/ontology`` (HTML bytes), on its first request.

    Returns
    -------
    SparqlApp

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> app = make_app(tiny_graph(), workers=0)
    >>> query = urllib.parse.quote("ASK { ?s smp:leadsTo role:strategist }")
    >>> response = request(app, "GET", "/sparql?query=" + query)
    >>> response.status, response.headers["Content-Type"], response.text
    (200, 'application/sparql-results+json', '{"head":{},"boolean":true}')
    """
    from graphkit.sparql.gallery import gallery

    engine = source if isinstance(source, Engine) else Engine.from_dataset(source)
    limits = {"timeout": timeout, "max_rows": max_rows, "workers": workers}
    linked = {"void": void, "ontology_page": ontology_page}
    return SparqlApp(engine, gallery=gallery(ontology), **limits, **linked)


def request(
    app: Callable,
    method: str,
    path: str,
    *,
    body: bytes = b"",
    headers: Mapping[str, str] | None = None,
) -> Response:
    """Send one request to a WSGI app in-process (no socket) and return its response.

    Parameters
    ----------
    app : callable
        A WSGI application.
    method : str
        ``GET``, ``POST``…
    path : str
        The path and query string, such as ``/sparql?query=…``.
    body : bytes
        The request body.
    headers : mapping, optional
        Request headers (``Accept``, ``Content-Type``…).
    """
    from wsgiref.util import setup_testing_defaults

    target, _, query_string = path.partition("?")
    environ = {
        "REQUEST_METHOD": method.upper(),
        "PATH_INFO": urllib.parse.unquote(target),
        "QUERY_STRING": query_string,
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
    }
    for name, value in (headers or {}).items():
        key = name.upper().replace("-", "_")
        environ[key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else "HTTP_" + key] = value
    setup_testing_defaults(environ)
    started = {}

    def start_response(status, response_headers, exc_info=None):
        started["status"], started["headers"] = status, response_headers

    chunks = app(environ, start_response)
    data = b"".join(chunks)
    close = getattr(chunks, "close", None)
    if close:
        close()
    return Response(int(started["status"].split()[0]), dict(started["headers"]), data)
