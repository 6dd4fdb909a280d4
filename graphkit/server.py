"""The SPARQL 1.1 Protocol endpoint (a WSGI app served by waitress), and a client for others.

``make_app`` builds the app; ``serve`` runs it. The endpoint answers ``GET /sparql?query=``,
``POST /sparql`` with a form body or an ``application/sparql-query`` body, negotiates the
result format from ``Accept``, describes itself (SPARQL 1.1 Service Description) on a plain
``GET /sparql``, and serves a small query page at ``/``. It is read-only: an update is
answered 403, SERVICE 400, a syntax error 400 with the parser's position, a query past the
time limit 503, a result over the cap 422, anything unexpected 500. Every answer allows any
origin (CORS), so browser clients such as YASGUI can use it.

This is the only module of graphkit that speaks HTTP, both ways: :func:`query_endpoint`
sends a query to a remote endpoint for ``graphkit query --endpoint``.
"""

import base64
import hashlib
import html
import io
import logging
import re
import signal
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from graphkit import __version__
from graphkit.errors import (
    EndpointError,
    GraphkitError,
    PortInUse,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    ResultTooLarge,
    ServiceRefused,
    UpdateRefused,
)
from graphkit.iris import PREFIX_IRIS
from graphkit.results import GRAPH_FORMATS, RESULT_FORMATS, QueryResult, parse_results, serialize
from graphkit.sparql import (
    MAX_ROWS,
    TIMEOUT,
    Engine,
    inspect_query,
    on_deep_stack,
    precheck_query,
    run_query,
)

__all__ = [
    "MAX_BODY",
    "Response",
    "SparqlApp",
    "make_app",
    "negotiate",
    "parse_accept",
    "query_endpoint",
    "request",
    "serve",
]

log = logging.getLogger(__name__)

#: Largest request body accepted, in bytes.
MAX_BODY = 1 << 20

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


# --- content negotiation ---------------------------------------------------------------------


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Parse an ``Accept`` header into ``(media range, q)`` pairs, in the client's order.

    Media ranges are lower-cased and stripped of their parameters except ``q``; an entry
    whose ``q`` is not a number between 0 and 1 is dropped, as RFC 9110 asks.

    Examples
    --------
    >>> parse_accept("text/csv;q=0.5, application/sparql-results+json;charset=utf-8, */*;q=0")
    [('text/csv', 0.5), ('application/sparql-results+json', 1.0), ('*/*', 0.0)]
    >>> parse_accept("text/turtle;q=high, text/csv")
    [('text/csv', 1.0)]
    """
    ranges = []
    for item in (header or "").split(","):
        media, *params = (part.strip() for part in item.split(";"))
        if "/" not in media:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = -1.0
        if 0.0 <= q <= 1.0:
            ranges.append((media.lower(), q))
    return ranges


def negotiate(header: str | None, offers: Sequence[str]) -> str | None:
    """Pick the offered media type the client prefers, or None when it accepts none of them.

    Each offer takes the quality of the most specific range that matches it (``type/sub``
    before ``type/*`` before ``*/*``). The best quality wins; on a tie, an explicit type
    beats a wildcard, then the client's order, then the order of `offers`. No header (or
    an empty one) accepts the first offer.

    Examples
    --------
    >>> offers = ["application/sparql-results+json", "text/csv"]
    >>> negotiate("text/csv, */*;q=0.1", offers)
    'text/csv'
    >>> negotiate("text/*;q=0.4, application/*;q=0.3", offers)
    'text/csv'
    >>> negotiate("text/html, */*;q=0.8", offers)
    'application/sparql-results+json'
    >>> negotiate("text/turtle", offers) is None
    True
    """
    ranges = parse_accept(header)
    if not ranges:
        return offers[0] if offers else None
    best, best_key = None, None
    for rank, offer in enumerate(offers):
        kind = offer.split("/")[0]
        matches = [
            (specificity, q, -position)
            for position, (media, q) in enumerate(ranges)
            for specificity, pattern in ((2, offer), (1, kind + "/*"), (0, "*/*"))
            if media == pattern
        ]
        if not matches:
            continue
        specificity, q, client = max(matches)
        key = (q, specificity, client, -rank)
        if q > 0 and (best_key is None or key > best_key):
            best, best_key = offer, key
    return best


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


class _HTTPError(Exception):
    def __init__(self, status: int, message: str, headers: Sequence[tuple[str, str]] = ()):
        super().__init__(message)
        self.status, self.headers = status, list(headers)


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


class SparqlApp:
    """The graphkit SPARQL endpoint as a WSGI application (see :func:`make_app`).

    Routes: ``/sparql`` (the SPARQL 1.1 Protocol, and the service description on a plain
    GET) and ``/`` (a query page with the gallery of competency questions).
    """

    def __init__(
        self,
        engine: Engine,
        *,
        timeout: float = TIMEOUT,
        max_rows: int | None = MAX_ROWS,
        workers: int = 2,
        gallery: Sequence | None = None,
    ):
        self.engine, self.timeout, self.max_rows = engine, timeout, max_rows
        self.gallery = list(gallery or ())
        self._pool = None
        if workers:
            from graphkit.pool import QueryPool

            self._pool = QueryPool(engine, workers=workers, timeout=timeout, max_rows=max_rows)
        self._graphs = engine.graphs()
        self._page = _page(self.gallery)

    def close(self) -> None:
        """Stop the worker processes, if any."""
        if self._pool is not None:
            self._pool.close()

    def __enter__(self) -> "SparqlApp":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        """Answer one WSGI request."""
        method = environ.get("REQUEST_METHOD", "GET").upper()
        try:
            status, headers, body = self._route(environ, method)
        except _HTTPError as err:
            status, headers, body = err.status, [("Content-Type", _TEXT), *err.headers], str(err)
            body = (body + "\n").encode("utf-8")
        except Exception:  # an answer, not a dropped connection; the traceback goes to the log
            log.exception("error while answering %s %s", method, environ.get("PATH_INFO"))
            status, headers, body = 500, [("Content-Type", _TEXT)], b"internal server error\n"
        headers = [
            *headers,
            *_CORS,
            ("X-Content-Type-Options", "nosniff"),
            ("Content-Length", str(len(body))),
        ]
        start_response(f"{status} {_REASONS.get(status, 'Unknown')}", headers)
        return [b"" if method == "HEAD" else body]

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
            return 200, _page_headers(), self._page
        if path not in ("/sparql", "/sparql/"):
            raise _HTTPError(404, f"no such page: {path}; the endpoint is /sparql")
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
        try:
            if self._pool is not None:
                body = self._pool.run(text, fmt, **options)
            else:
                body = on_deep_stack(
                    run_query,
                    self.engine,
                    text,
                    fmt,
                    max_rows=self.max_rows,
                    timeout=self.timeout,
                    **options,
                )
        except GraphkitError as err:
            status = _status_of(err)
            if status == 500:
                log.error("query failed: %s", err)
            raise _HTTPError(status, str(err)) from err
        return 200, [("Content-Type", _content_type(_MEDIA_TYPES[fmt])), ("Vary", "Accept")], body

    def _description(self, environ: dict):
        media = negotiate(environ.get("HTTP_ACCEPT"), list(_GRAPH_TYPES))
        if media is None:
            raise _HTTPError(
                406, f"the service description is RDF: {', '.join(GRAPH_FORMATS.values())}"
            )
        fmt = _GRAPH_TYPES[media]
        endpoint = _endpoint_url(environ)
        triples = _service_description(endpoint, self._graphs, self.timeout, self.max_rows)
        prefixes = {
            **PREFIX_IRIS,
            "graph": PREFIX_IRIS["smp"] + "graph/",
            "sd": _SD,
            "formats": _FORMATS_NS,
            "void": _VOID,
        }
        body = serialize(QueryResult("graph", triples=tuple(triples)), fmt, prefixes=prefixes)
        return 200, [("Content-Type", _content_type(_MEDIA_TYPES[fmt])), ("Vary", "Accept")], body


def _content_type(media: str) -> str:
    return media if media.endswith("+xml") or "json" in media else media + "; charset=utf-8"


def _form(text: str) -> dict[str, list[str]]:
    """Parse a query string or form body once (decoding it twice would corrupt a ``%``).

    `text` holds one character per byte (latin-1, as WSGI gives ``QUERY_STRING``), raw or
    percent-encoded: each name and value is percent-decoded, then decoded as UTF-8.

    Examples
    --------
    >>> _form("query=ASK+%7B%7D&x=communaut%C3%A9")
    {'query': ['ASK {}'], 'x': ['communauté']}
    >>> _form("x=" + "communauté".encode("utf-8").decode("latin-1"))
    {'x': ['communauté']}
    """
    try:
        raw = urllib.parse.parse_qs(
            text, keep_blank_values=True, encoding="latin-1", errors="strict"
        )
        return {_utf8(name): [_utf8(value) for value in values] for name, values in raw.items()}
    except (UnicodeError, ValueError):
        raise _HTTPError(400, "the request's parameters are not valid UTF-8") from None


def _utf8(text: str) -> str:
    return text.encode("latin-1").decode("utf-8")


def _media_type(header: str | None) -> tuple[str, str | None]:
    """Split a ``Content-Type`` into its media type and its charset (lower case), if any.

    Examples
    --------
    >>> _media_type("application/sparql-query; charset=UTF-16")
    ('application/sparql-query', 'utf-16')
    >>> _media_type(None)
    ('', None)
    """
    media, *params = (header or "").split(";")
    charset = None
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.strip().lower(), charset


def _one(params: Mapping[str, list[str]], name: str) -> str:
    values = params[name]
    if len(values) != 1:
        raise _HTTPError(
            400, f"the request must have exactly one {name} parameter, not {len(values)}"
        )
    return values[0]


def _body(environ: dict) -> bytes:
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise _HTTPError(400, "Content-Length is not a number") from None
    if length > MAX_BODY:
        raise _HTTPError(413, f"the request body is larger than {MAX_BODY} bytes")
    return environ["wsgi.input"].read(length) if length > 0 else b""


#: A Host header: a DNS name, an IPv4 address or a bracketed IPv6 address, and a port.
_HOST = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
    r"[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?"
)


def _endpoint_url(environ: dict) -> str:
    """Build the endpoint's URL from a validated ``Host`` header (400 if it is no host).

    Examples
    --------
    >>> _endpoint_url({"HTTP_HOST": "127.0.0.1:7878", "wsgi.url_scheme": "http"})
    'http://127.0.0.1:7878/sparql'
    >>> _endpoint_url({"HTTP_HOST": "a b", "wsgi.url_scheme": "http"})
    Traceback (most recent call last):
    ...
    graphkit.server._HTTPError: the Host header 'a b' is not a host name or address
    """
    host = environ.get("HTTP_HOST")
    if host is None:
        host = environ.get("SERVER_NAME", "localhost")
        port = environ.get("SERVER_PORT", "")
        host = f"[{host}]" if ":" in host else host
        host += f":{port}" if port else ""
    if len(host) > 300 or not _HOST.fullmatch(host):
        raise _HTTPError(400, f"the Host header {host[:100]!r} is not a host name or address")
    scheme = "https" if environ.get("wsgi.url_scheme") == "https" else "http"
    script = urllib.parse.quote(environ.get("SCRIPT_NAME", "").rstrip("/"))
    return f"{scheme}://{host.lower()}{script}/sparql"


_SD = "http://www.w3.org/ns/sparql-service-description#"
_FORMATS_NS = "http://www.w3.org/ns/formats/"
_VOID = "http://rdfs.org/ns/void#"
_RDF_TYPE = PREFIX_IRIS["rdf"] + "type"
_SD_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)


def _service_description(endpoint: str, graphs: Mapping[str, int], timeout, max_rows):
    """Describe the endpoint (SPARQL 1.1 Service Description) as plain triples."""

    def iri(value):
        return {"type": "uri", "value": value}

    def bnode(value):
        return {"type": "bnode", "value": value}

    def literal(value, datatype=None, lang=None):
        term = {"type": "literal", "value": str(value)}
        if lang:
            term["xml:lang"] = lang
        elif datatype:
            term["datatype"] = PREFIX_IRIS["xsd"] + datatype
        return term

    service = iri(endpoint)
    limits = f"time limit {timeout:g} s" + (f", at most {max_rows} rows" if max_rows else "")
    comment = (
        "The open knowledge graph of social-media professions. Read-only: updates are "
        f"refused (403), SERVICE is refused (400); {limits}. The default graph is the union "
        "of every named graph."
    )
    triples = [
        (service, iri(_RDF_TYPE), iri(_SD + "Service")),
        (service, iri(_SD + "endpoint"), service),
        (service, iri(_SD + "supportedLanguage"), iri(_SD + "SPARQL11Query")),
        (service, iri(_SD + "feature"), iri(_SD + "UnionDefaultGraph")),
        (
            service,
            iri(PREFIX_IRIS["dcterms"] + "title"),
            literal("graphkit SPARQL endpoint", lang="en"),
        ),
        (service, iri(PREFIX_IRIS["rdfs"] + "comment"), literal(comment, lang="en")),
        (service, iri(_SD + "defaultDataset"), bnode("dataset")),
        (bnode("dataset"), iri(_RDF_TYPE), iri(_SD + "Dataset")),
        (bnode("dataset"), iri(_SD + "defaultGraph"), bnode("default")),
        (bnode("default"), iri(_RDF_TYPE), iri(_SD + "Graph")),
        (bnode("default"), iri(_VOID + "triples"), literal(sum(graphs.values()), "integer")),
    ]
    triples += [(service, iri(_SD + "resultFormat"), iri(_FORMATS_NS + f)) for f in _SD_FORMATS]
    for number, (name, count) in enumerate(graphs.items(), 1):
        named, graph = bnode(f"named{number}"), bnode(f"graph{number}")
        triples += [
            (bnode("dataset"), iri(_SD + "namedGraph"), named),
            (named, iri(_RDF_TYPE), iri(_SD + "NamedGraph")),
            (named, iri(_SD + "name"), iri(name)),
            (named, iri(_SD + "graph"), graph),
            (graph, iri(_RDF_TYPE), iri(_SD + "Graph")),
            (graph, iri(_VOID + "triples"), literal(count, "integer")),
        ]
    return triples


# --- the query page ------------------------------------------------------------------------

_SCRIPT = """
const box = document.getElementById("query"), out = document.getElementById("out");
const status = document.getElementById("status");
function cell(term) {
  if (!term) return "";
  if (term.type === "literal" && term["xml:lang"]) return term.value + " @" + term["xml:lang"];
  return term.value;
}
function show(data) {
  out.replaceChildren();
  if ("boolean" in data) { out.textContent = String(data.boolean); return; }
  const table = document.createElement("table"), head = table.insertRow();
  for (const v of data.head.vars) head.appendChild(document.createElement("th")).textContent = v;
  for (const row of data.results.bindings) {
    const tr = table.insertRow();
    for (const v of data.head.vars) tr.insertCell().textContent = cell(row[v]);
  }
  out.appendChild(table);
  status.textContent = data.results.bindings.length + " rows";
}
async function run() {
  status.textContent = "running…";
  const response = await fetch("sparql", {
    method: "POST",
    headers: {"Content-Type": "application/x-www-form-urlencoded",
              "Accept": "application/sparql-results+json, text/turtle;q=0.9"},
    body: new URLSearchParams({query: box.value}),
  });
  const type = response.headers.get("Content-Type") || "";
  if (response.ok && type.startsWith("application/sparql-results+json")) {
    show(await response.json());
  } else {
    const pre = document.createElement("pre");
    pre.textContent = await response.text();
    out.replaceChildren(pre);
    status.textContent = response.ok ? "graph" : response.status + " " + response.statusText;
  }
}
document.getElementById("run").addEventListener("click", run);
for (const link of document.querySelectorAll("a[data-query]")) {
  link.addEventListener("click", (event) => {
    event.preventDefault();
    box.value = link.dataset.query;
    run();
  });
}
"""
_STYLE = """
body { font: 15px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; }
textarea { width: 100%; height: 14em; font: 13px monospace; }
table { border-collapse: collapse; margin-top: 1em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
pre { background: #f6f6f6; padding: 1em; overflow: auto; }
li { margin-bottom: 0.3em; }
"""


def _page(gallery: Sequence) -> bytes:
    """Write the query page: a query box, a run button, the gallery; no external resource."""
    items = []
    for query in gallery:
        href = "sparql?" + urllib.parse.urlencode({"query": query.text})
        question = query.question.get("en", query.name)
        french = query.question.get("fr", "")
        items.append(
            f'<li><a href="{html.escape(href)}" data-query="{html.escape(query.text)}">'
            f"{html.escape(query.name)}</a>: {html.escape(question)}"
            f'<br><i lang="fr">{html.escape(french)}</i></li>'
        )
    first = gallery[0].text if gallery else "SELECT * WHERE { ?s ?p ?o } LIMIT 10"
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>graphkit SPARQL endpoint</title>
<style>{_STYLE}</style></head>
<body>
<h1>graphkit SPARQL endpoint</h1>
<p>The open knowledge graph of social-media professions, read-only. Send queries to
<code>sparql</code> (SPARQL 1.1 Protocol); graphkit's prefixes are pre-bound.</p>
<textarea id="query" spellcheck="false">{html.escape(first)}</textarea>
<p><button id="run" type="button">Run</button> <span id="status"></span></p>
<div id="out"></div>
<h2>Competency questions</h2>
<ol>
{chr(10).join(items)}
</ol>
<script>{_SCRIPT}</script>
</body></html>
"""
    return page.encode("utf-8")


def _page_headers() -> list[tuple[str, str]]:
    digest = base64.b64encode(hashlib.sha256(_SCRIPT.encode("utf-8")).digest()).decode()
    policy = (
        f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'"
    )
    return [("Content-Type", "text/html; charset=utf-8"), ("Content-Security-Policy", policy)]


# --- building and serving ----------------------------------------------------------------------


def make_app(
    source,
    *,
    timeout: float = TIMEOUT,
    max_rows: int | None = MAX_ROWS,
    workers: int = 2,
    ontology=None,
) -> SparqlApp:
    """Build the SPARQL endpoint over a dataset, as a WSGI application.

    Parameters
    ----------
    source : rdflib.Dataset or Engine
        The data (see :func:`graphkit.load.load_dataset`).
    timeout : float
        Time limit of a query, in seconds (503 past it).
    max_rows : int or None
        Cap on the rows or triples of a result (422 over it); None for no cap.
    workers : int
        Worker processes that run the queries (see :class:`graphkit.pool.QueryPool`); 0
        runs them in the serving thread, where the time limit only bounds streaming
        results. Call :meth:`SparqlApp.close` (or use ``with``) to stop them.
    ontology : path-like, optional
        The ontology folder whose gallery the query page lists.

    Returns
    -------
    SparqlApp

    Examples
    --------
    >>> from graphkit.examples import tiny_graph
    >>> app = make_app(tiny_graph(), workers=0)
    >>> query = urllib.parse.quote("ASK { ?s smp:leadsTo role:strategist }")
    >>> response = request(app, "GET", "/sparql?query=" + query)
    >>> response.status, response.headers["Content-Type"], response.text
    (200, 'application/sparql-results+json', '{"head":{},"boolean":true}')
    """
    from graphkit.gallery import gallery

    engine = source if isinstance(source, Engine) else Engine.from_dataset(source)
    queries = gallery(ontology)
    return SparqlApp(engine, timeout=timeout, max_rows=max_rows, workers=workers, gallery=queries)


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


def serve(
    app: SparqlApp,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    threads: int = 8,
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve `app` with waitress until interrupted, then stop its workers.

    Parameters
    ----------
    app : SparqlApp
        The endpoint.
    host : str
        Address to bind: ``127.0.0.1`` (this machine only) by default; ``0.0.0.0`` opens
        it to the network.
    port : int
        Port to bind; 0 picks a free one.
    threads : int
        Requests handled at once (queries themselves run in the app's workers).
    on_ready : callable, optional
        Called with the endpoint's URL once the socket listens.

    Raises
    ------
    PortInUse
        If another process listens on `port`.
    EndpointError
        If the address cannot be bound for another reason.
    """
    import errno

    from waitress.server import create_server

    try:
        server = create_server(app, host=host, port=port, threads=threads, ident="graphkit")
    except OSError as err:
        app.close()
        if err.errno == errno.EADDRINUSE:
            raise PortInUse(port) from None
        raise EndpointError(f"cannot listen on {host}:{port}: {err.strerror}") from None

    def interrupt(signum, frame):
        app.close()  # first: a request waiting on a worker returns at once
        raise KeyboardInterrupt

    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, interrupt) if main else None
    try:
        if on_ready is not None:
            shown = f"[{host}]" if ":" in host else host
            on_ready(f"http://{shown}:{server.effective_port}/sparql")
        server.run()  # waitress stops its threads itself on KeyboardInterrupt
    except KeyboardInterrupt:
        pass
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)
        app.close()
        server.close()


# --- the client side -----------------------------------------------------------------------------

_DECLARED = re.compile(r"(?i)\bprefix\s+([\w.-]*):")
_USED = re.compile(r"(?<![\w?$<])([A-Za-z][\w.-]*):")


def _with_prefixes(text: str) -> str:
    """Declare graphkit's prefixes that `text` uses without declaring them."""
    declared = {name.lower() for name in _DECLARED.findall(text)}
    used = {name for name in _USED.findall(text) if name in PREFIX_IRIS}
    missing = [p for p in PREFIX_IRIS if p in used and p.lower() not in declared]
    if not missing:
        return text
    return " ".join(f"PREFIX {p}: <{PREFIX_IRIS[p]}>" for p in missing) + "\n" + text


def query_endpoint(url: str, text: str, *, timeout: float = 60.0) -> QueryResult:
    """Send a query to a remote SPARQL endpoint (SPARQL 1.1 Protocol, POST form).

    graphkit's prefixes that the query uses without declaring are declared for it (on one
    extra first line). Results are asked for as SPARQL JSON, graphs as N-Triples (or
    Turtle, RDF/XML, JSON-LD), and read whatever the endpoint answers.

    Parameters
    ----------
    url : str
        The endpoint, ``http://`` or ``https://``.
    text : str
        The query.
    timeout : float
        Seconds to wait for the answer.

    Returns
    -------
    QueryResult

    Raises
    ------
    EndpointError
        If the URL is not http(s), the endpoint cannot be reached, answers an error
        (its status and message are given) or something that is not a SPARQL result.
    UpdateRefused
        If `text` is an update: ``graphkit query`` only reads.
    """
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise EndpointError(f"{url!r} is not an http:// or https:// endpoint URL")
    info = inspect_query(text)
    if info.update:
        raise UpdateRefused(f"{info.form} is a SPARQL update: graphkit query only reads")
    accept = (
        "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8, "
        "application/ld+json;q=0.7"
        if info.kind == "graph"
        else "application/sparql-results+json, application/sparql-results+xml;q=0.9"
    )
    data = urllib.parse.urlencode({"query": _with_prefixes(text)}).encode("utf-8")
    headers = {
        "Accept": accept,
        "Content-Type": "application/x-www-form-urlencoded",
        "User-Agent": f"graphkit/{__version__}",
    }
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, data=data, headers=headers), timeout=timeout
        ) as response:
            body = response.read()
            media = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as err:
        detail = err.read().decode("utf-8", errors="replace").strip()[:2000]
        raise EndpointError(f"{url} answered {err.code} {err.reason}: {detail}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise EndpointError(f"cannot reach {url}: {reason}") from None
    try:
        return parse_results(body, media)
    except (ValueError, KeyError) as err:
        raise EndpointError(f"{url} did not answer a SPARQL result: {err}") from None
