"""Load the graph into an existing triple store (SPARQL 1.1 Graph Store HTTP Protocol).

Each named graph is sent as N-Triples to ``ENDPOINT?graph=IRI``: the first chunk by PUT
(replacing the graph), the next ones by POST (adding to it), so that a big graph never
travels as one request. A graph holding blank nodes is sent whole, in one PUT, so that its
blank nodes keep their identity. Stores that need a login get HTTP Basic or Digest
credentials (Virtuoso's ``/sparql-graph-crud-auth`` asks for Digest).
"""

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

from graphkit import __version__
from graphkit.errors import EndpointError

__all__ = ["push"]

#: Triples per request.
CHUNK = 50_000


def _lines(graph) -> list[bytes]:
    text = graph.serialize(format="nt", encoding="utf-8")
    return [line for line in text.splitlines(keepends=True) if line.strip()]


def _chunks(lines: list[bytes], size: int) -> Iterator[bytes]:
    if any(b"_:" in line for line in lines):
        yield b"".join(lines)
        return
    for start in range(0, max(len(lines), 1), size):
        yield b"".join(lines[start : start + size])


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
        The graph (:func:`graphkit.load.load_dataset`).
    endpoint : str
        The store's Graph Store endpoint, e.g. ``http://host:8890/sparql-graph-crud-auth``
        (Virtuoso) or ``http://host:3030/ds/data`` (Fuseki).
    graph : str, optional
        Load everything into this one graph instead of one graph per named graph.
    user, password : str, optional
        Credentials for a store that needs them (Basic or Digest).
    chunk : int
        Triples per request.
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
