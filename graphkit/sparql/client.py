"""graphkit as a client of other stores: queries to a remote endpoint, and the graph pushed.

:func:`query_endpoint` sends a query to a remote SPARQL endpoint (``graphkit query
--endpoint``). :func:`push` loads the graph into an existing triple store (SPARQL 1.1 Graph
Store HTTP Protocol).

Each named graph is sent as N-Triples to ``ENDPOINT?graph=IRI``: the first chunk by PUT
(replacing the graph), the next ones by POST (adding to it), so that a big graph never
travels as one request. A graph holding blank nodes is sent whole, in one PUT, so that its
blank nodes keep their identity. Stores that need a login get HTTP Basic or Digest
credentials (Virtuoso's ``/sparql-graph-crud-auth`` asks for Digest).
"""

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

from graphkit._version import __version__
from graphkit.errors import EndpointError, UpdateRefused
from graphkit.graph.prefixes import PREFIX_IRIS
from graphkit.sparql.checks import inspect_query
from graphkit.sparql.results import QueryResult, parse_results

__all__ = ["push", "query_endpoint"]

#: Triples per request.
CHUNK = 50_000
#: Bytes per request at the most: a store that asks for Digest credentials answers 401 before
#: reading the body and closes, so a body larger than the socket buffers breaks the pipe before
#: the client sees the challenge (Virtuoso did at 600 kB).
CHUNK_BYTES = 128 * 1024


def _lines(graph) -> list[bytes]:
    text = graph.serialize(format="nt", encoding="utf-8")
    return [line for line in text.splitlines(keepends=True) if line.strip()]


def _chunks(lines: list[bytes], size: int, max_bytes: int = CHUNK_BYTES) -> Iterator[bytes]:
    r"""Join `lines` into bodies of at most `size` lines and `max_bytes` bytes (one line at least).

    A graph with blank nodes is one body, so that its blank nodes keep their identity.

    Examples
    --------
    >>> [len(body) for body in _chunks([b"<a> <b> <c> .\n"] * 5, 2, max_bytes=30)]
    [28, 28, 14]
    """
    if any(b"_:" in line for line in lines):
        yield b"".join(lines)
        return
    body: list[bytes] = []
    length = 0
    for line in lines:
        if body and (len(body) == size or length + len(line) > max_bytes):
            yield b"".join(body)
            body, length = [], 0
        body.append(line)
        length += len(line)
    yield b"".join(body)


class _Closing:
    """Close the 401 answer before retrying with credentials (urllib leaves its socket open)."""

    def http_error_401(self, req, fp, code, msg, headers):
        fp.read()
        fp.close()
        return super().http_error_401(req, fp, code, msg, headers)


class _Digest(_Closing, urllib.request.HTTPDigestAuthHandler):
    pass


class _Basic(_Closing, urllib.request.HTTPBasicAuthHandler):
    pass


def _opener(url: str, user: str | None, password: str | None):
    handlers = []
    if user is not None:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, url, user, password or "")
        handlers += [_Digest(manager), _Basic(manager)]
    return urllib.request.build_opener(*handlers)


def push(
    dataset,
    endpoint: str,
    *,
    graph: str | None = None,
    user: str | None = None,
    password: str | None = None,
    chunk: int = CHUNK,
    timeout: float = 300.0,
) -> dict[str, int]:
    """Load the named graphs of `dataset` into a Graph Store Protocol endpoint.

    Parameters
    ----------
    dataset : rdflib.Dataset
        The graph (:func:`graphkit.graph.load.load_dataset`).
    endpoint : str
        The store's Graph Store endpoint, e.g. ``http://host:8890/sparql-graph-crud-auth``
        (Virtuoso) or ``http://host:3030/ds/data`` (Fuseki).
    graph : str, optional
        Load everything into this one graph instead of one graph per named graph.
    user, password : str, optional
        Credentials for a store that needs them (Basic or Digest).
    chunk : int
        Triples per request (and never more than :data:`CHUNK_BYTES` bytes).
    timeout : float
        Seconds to wait for each answer.

    Returns
    -------
    dict
        Graph IRI → triples sent, in the order sent.

    Raises
    ------
    EndpointError
        If the URL is not http(s), the store cannot be reached or refuses a request (its
        status and message are given).
    """
    if urllib.parse.urlsplit(endpoint).scheme not in ("http", "https"):
        raise EndpointError(f"{endpoint!r} is not an http:// or https:// endpoint URL")
    if graph is not None:
        from rdflib import Graph

        union = Graph()
        for g in dataset.graphs():
            union += g
        graphs = [(graph, union)]
    else:
        graphs = sorted(
            ((str(g.identifier), g) for g in dataset.graphs() if len(g)), key=lambda p: p[0]
        )
    opener = _opener(endpoint, user, password)
    sent: dict[str, int] = {}
    separator = "&" if "?" in endpoint else "?"
    for iri, g in graphs:
        lines = _lines(g)
        url = f"{endpoint}{separator}{urllib.parse.urlencode({'graph': iri})}"
        for number, body in enumerate(_chunks(lines, chunk)):
            request = urllib.request.Request(
                url,
                data=body,
                method="PUT" if number == 0 else "POST",
                headers={
                    "Content-Type": "application/n-triples",
                    "User-Agent": f"graphkit/{__version__}",
                },
            )
            try:
                with opener.open(request, timeout=timeout) as response:
                    response.read()
            except urllib.error.HTTPError as err:
                with err:
                    detail = err.read().decode("utf-8", errors="replace").strip()[:2000]
                raise EndpointError(
                    f"{endpoint} answered {err.code} {err.reason} for graph {iri}: {detail}"
                ) from None
            except (urllib.error.URLError, TimeoutError, OSError) as err:
                reason = getattr(err, "reason", err)
                raise EndpointError(f"cannot reach {endpoint}: {reason}") from None
        sent[iri] = len(lines)
    return sent


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
