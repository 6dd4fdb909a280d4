"""Linked Data: the graph's IRIs dereferenced on the endpoint, by content negotiation.

``GET /role/community-manager`` on the endpoint's server answers for the IRI
``https://w3id.org/smp/role/community-manager`` (the path under the namespace is the IRI's
path), and likewise every IRI of the graph: concepts, qualified links, transitions, sources,
claims and the ontology's own terms (``/Role``, ``/platformStatus``). The answer is one
CONSTRUCT on the store (:func:`describe_query`), run like a query (on a query thread, under
the endpoint's time and size limits), written as Turtle, N-Triples, JSON-LD or RDF/XML, or
as an HTML page (:mod:`graphkit.sparql.resource_page`), as ``Accept`` asks; 404 for an IRI
the graph does not hold, 406 when no representation is acceptable. ``/ontology`` is the
ontology document: the TBox as RDF, or its documentation page as HTML.
"""

import re
import urllib.parse
from collections.abc import Callable

from graphkit.graph.load import TBOX_GRAPH
from graphkit.graph.prefixes import BASE
from graphkit.sparql.negotiation import content_type, negotiate
from graphkit.sparql.request import PendingQuery, _HTTPError
from graphkit.sparql.resource_page import ABOUT_PROPERTIES, page_headers, resource_page
from graphkit.sparql.results import GRAPH_FORMATS, QueryResult, parse_results, serialize

__all__ = [
    "ONTOLOGY_PATH",
    "RDF_TYPES",
    "LinkedData",
    "describe_query",
    "ontology_query",
    "resource_iri",
]

#: The path of the ontology document (its HTML documentation, or the TBox as RDF).
ONTOLOGY_PATH = "/ontology"
#: RDF media types a resource is offered in, best first, with their format.
RDF_TYPES = {media: name for name, media in GRAPH_FORMATS.items()}
_HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Characters left as they are when a path becomes an IRI; any other is percent-encoded, so
#: no IRI built from a path can close the ``<…>`` it is written in.
_SAFE = "/-._~!$&'()*+,;=:@"
_MAX_PATH = 1024


def resource_iri(path: str) -> str | None:
    """Return the IRI a path of the server stands for, or None when it stands for none.

    The path, as WSGI gives it (one character per byte), is percent-encoded again except for
    the characters an IRI path may hold as they are.

    Examples
    --------
    >>> resource_iri("/role/community-manager")
    'https://w3id.org/smp/role/community-manager'
    >>> resource_iri("/role/a>b c")
    'https://w3id.org/smp/role/a%3Eb%20c'
    >>> resource_iri("/") is None
    True
    """
    local = path.removeprefix("/")
    if not local or len(local) > _MAX_PATH:
        return None
    try:
        raw = local.encode("latin-1")  # WSGI's PATH_INFO: the request's bytes
    except UnicodeEncodeError:  # a path given as text
        raw = local.encode("utf-8")
    return BASE + urllib.parse.quote(raw, safe=_SAFE)


def describe_query(iri: str) -> str:
    """Write the CONSTRUCT that describes `iri`: the triples the HTML page shows.

    The description holds the resource's own triples; the qualified links and claims about
    it (a skill requirement of a role, a transition from or to it), whole; the other triples
    that point at it (shortcuts such as ``smp:leadsTo``, ``prov:wasDerivedFrom`` a source);
    and the labels (``skos:prefLabel``, ``rdfs:label``) of every node and predicate in them.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.sparql.engine import Engine
    >>> result = Engine.from_dataset(tiny_graph()).query(
    ...     describe_query("https://w3id.org/smp/role/writer"))
    >>> links = {s["value"] for s, _, _ in result.triples if "--" in s["value"]}
    >>> for link in sorted(links):  # its requirements and moves
    ...     print(link.removeprefix("https://w3id.org/smp/"))
    requirement/writer--editing
    requirement/writer--moderation
    requirement/writer--writing
    transition/writer--community-manager
    transition/writer--strategist
    """
    if not re.fullmatch(r"[^<>\"{}|\\^`\s]+", iri):
        raise ValueError(f"not an IRI that can be written in a query: {iri!r}")
    links = " ".join(f"<{p}>" for p in ABOUT_PROPERTIES)
    labels = "skos:prefLabel rdfs:label"  # three lookups bound by the triple: fast in Oxigraph
    return f"""CONSTRUCT {{ ?s ?p ?o . ?s ?sl ?st . ?p ?pl ?pt . ?o ?ol ?ot }}
WHERE {{
  {{ {{ BIND(<{iri}> AS ?s) ?s ?p ?o }}
    UNION {{ VALUES ?via {{ {links} }} ?s ?via <{iri}> . ?s ?p ?o }}
    UNION {{ ?s ?p <{iri}> BIND(<{iri}> AS ?o) }} }}
  OPTIONAL {{ VALUES ?sl {{ {labels} }} ?s ?sl ?st }}
  OPTIONAL {{ VALUES ?pl {{ {labels} }} ?p ?pl ?pt }}
  OPTIONAL {{ VALUES ?ol {{ {labels} }} ?o ?ol ?ot }}
}}"""


def ontology_query() -> str:
    """Write the CONSTRUCT of the TBox: the named graph of ``smp.ttl``.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> from graphkit.sparql.engine import Engine
    >>> len(Engine.from_dataset(tiny_graph()).query(ontology_query()))  # no TBox there
    0
    """
    return f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{TBOX_GRAPH}> {{ ?s ?p ?o }} }}"


class LinkedData:
    """The dereferencing of the graph's IRIs, for :class:`graphkit.sparql.server.SparqlApp`.

    Parameters
    ----------
    run : callable
        ``run(text, fmt)`` runs a query under the endpoint's limits and returns its result
        serialized in `fmt`, raising the endpoint's HTTP errors.
    ontology_page : callable, optional
        Returns the ontology's documentation page (HTML bytes), served at ``/ontology`` to
        clients that ask for HTML; made on the first such request, then kept.
    """

    def __init__(self, run: Callable[[str, str], bytes], ontology_page=None):
        self._run, self._make_page, self._page = run, ontology_page, None

    def wants_rdf(self, environ: dict) -> bool:
        """Tell whether the client prefers RDF to HTML (``Accept: text/turtle`` on ``/``)."""
        offers = [*_HTML_TYPES, *RDF_TYPES]
        return negotiate(environ.get("HTTP_ACCEPT"), offers) in RDF_TYPES

    def answer(self, environ: dict, method: str, path: str) -> PendingQuery:
        """Answer a request for `path` (anything but ``/`` and ``/sparql``).

        Returns
        -------
        PendingQuery
            What runs the CONSTRUCT and writes the representation: its ``run`` raises a
            404 :class:`~graphkit.sparql.request._HTTPError` for an IRI the graph does not
            hold, and the query's own errors.

        Raises
        ------
        graphkit.sparql.request._HTTPError
            405 for a method other than GET or HEAD, 404 for a path that is no IRI of the
            namespace, 406 when no offered representation is acceptable.
        """
        if method not in ("GET", "HEAD"):
            raise _HTTPError(405, f"{method} is not allowed on {path}", [("Allow", "GET, HEAD")])
        if path.rstrip("/") == ONTOLOGY_PATH:
            return self.ontology(environ, method)
        iri = resource_iri(path)
        if iri is None:
            raise _HTTPError(404, f"no such page: {path}")
        media = self._negotiate(environ, html=True)
        root = urllib.parse.quote(environ.get("SCRIPT_NAME", "").rstrip("/"))

        def run() -> bytes:
            triples = self._describe(describe_query(iri))
            if not triples:
                raise _HTTPError(
                    404,
                    f"{iri} is not in the graph (no triple has it as subject or object); "
                    "the SPARQL endpoint is /sparql",
                )
            if media in _HTML_TYPES:
                return resource_page(iri, triples, root=root)
            return serialize(QueryResult("graph", triples=triples), RDF_TYPES[media])

        return PendingQuery(run, self._headers(media), method, path)

    def ontology(self, environ: dict, method: str) -> PendingQuery:
        """Answer for the ontology document: its documentation page, or the TBox as RDF."""
        media = self._negotiate(environ, html=self._make_page is not None)
        path = environ.get("PATH_INFO") or "/"
        if media in _HTML_TYPES:
            return PendingQuery(self._ontology_page, self._headers(media), method, path)

        def run() -> bytes:
            triples = self._describe(ontology_query())
            if not triples:
                raise _HTTPError(404, "this dataset holds no ontology (no graph of smp.ttl)")
            return serialize(QueryResult("graph", triples=triples), RDF_TYPES[media])

        return PendingQuery(run, self._headers(media), method, path)

    def _ontology_page(self) -> bytes:
        if self._page is None:  # made once, on the first request that wants it
            self._page = self._make_page()
        return self._page

    @staticmethod
    def _headers(media: str) -> list:
        if media in _HTML_TYPES:
            return page_headers()
        return [("Content-Type", content_type(media)), ("Vary", "Accept")]

    def _negotiate(self, environ: dict, *, html: bool) -> str:
        offers = [*RDF_TYPES, *(_HTML_TYPES if html else ())]
        media = negotiate(environ.get("HTTP_ACCEPT"), offers)
        if media is None:
            raise _HTTPError(
                406,
                f"none of the accepted types is offered; this resource is served as "
                f"{', '.join(offers)}",
            )
        return media

    def _describe(self, query: str) -> tuple:
        return parse_results(self._run(query, "ntriples"), "application/n-triples").triples
