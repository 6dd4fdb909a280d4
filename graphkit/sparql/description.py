"""The endpoint's SPARQL 1.1 Service Description, with the dataset's VoID, as plain triples."""

from collections.abc import Iterable, Mapping

from graphkit.graph.prefixes import PREFIX_IRIS

__all__ = ["DESCRIPTION_PREFIXES", "service_description", "void_triples"]

_SD = "http://www.w3.org/ns/sparql-service-description#"
_FORMATS_NS = "http://www.w3.org/ns/formats/"
_VOID = "http://rdfs.org/ns/void#"
_RDF_TYPE = PREFIX_IRIS["rdf"] + "type"
_DCAT = "http://www.w3.org/ns/dcat#"
#: The prefixes of the description's vocabularies, for its Turtle.
DESCRIPTION_PREFIXES = {"sd": _SD, "formats": _FORMATS_NS, "void": _VOID, "dcat": _DCAT}
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


def void_triples(description) -> tuple[str, list[tuple[dict, dict, dict]]]:
    """Turn a VoID description (an rdflib graph) into its dataset's IRI and plain triples.

    Parameters
    ----------
    description : rdflib.Graph
        As :func:`graphkit.export.void.dataset_description` makes it: one ``void:Dataset``.

    Returns
    -------
    tuple
        The dataset's IRI, and the triples as plain terms.
    """
    from graphkit.sparql.engine import _from_rdflib

    triples = [tuple(map(_from_rdflib, triple)) for triple in sorted(description)]
    dataset = next(
        s["value"]
        for s, p, o in triples
        if p["value"] == _RDF_TYPE and o["value"] == _VOID + "Dataset"
    )
    return dataset, triples


def service_description(
    endpoint: str,
    graphs: Mapping[str, int],
    timeout,
    max_rows,
    dataset: tuple[str, Iterable[tuple[dict, dict, dict]]] | None = None,
):
    """Describe the endpoint (SPARQL 1.1 Service Description) as plain triples.

    Parameters
    ----------
    endpoint : str
        The endpoint's URL.
    graphs : mapping
        The triples of each named graph, by graph IRI.
    timeout, max_rows
        The endpoint's limits, which its comment states.
    dataset : tuple, optional
        The dataset's IRI and its VoID description as plain triples (:func:`void_triples`):
        the default dataset is then that IRI, described in VoID and DCAT, its SPARQL
        endpoint this one.

    Examples
    --------
    >>> from rdflib import Graph, Literal, Namespace, URIRef
    >>> VOID = Namespace(_VOID)
    >>> void = Graph().add((URIRef("https://x/d"), URIRef(_RDF_TYPE), VOID.Dataset))
    >>> _ = void.add((URIRef("https://x/d"), VOID.sparqlEndpoint, URIRef("http://old/sparql")))
    >>> triples = service_description("http://h/sparql", {}, 10, None, void_triples(void))
    >>> sorted(o["value"] for s, p, o in triples if p["value"] == _VOID + "sparqlEndpoint")
    ['http://h/sparql']
    """

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
    dataset_iri, void = dataset if dataset is not None else (None, ())
    default_dataset = iri(dataset_iri) if dataset_iri else bnode("dataset")
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
        (service, iri(_SD + "defaultDataset"), default_dataset),
        (default_dataset, iri(_RDF_TYPE), iri(_SD + "Dataset")),
        (default_dataset, iri(_SD + "defaultGraph"), bnode("default")),
        (bnode("default"), iri(_RDF_TYPE), iri(_SD + "Graph")),
        (bnode("default"), iri(_VOID + "triples"), literal(sum(graphs.values()), "integer")),
    ]
    triples += [(service, iri(_SD + "resultFormat"), iri(_FORMATS_NS + f)) for f in _SD_FORMATS]
    triples += [t for t in void if t[1]["value"] != _VOID + "sparqlEndpoint"]
    if dataset_iri:
        triples.append((default_dataset, iri(_VOID + "sparqlEndpoint"), service))
    for number, (name, count) in enumerate(graphs.items(), 1):
        named, graph = bnode(f"named{number}"), bnode(f"graph{number}")
        triples += [
            (default_dataset, iri(_SD + "namedGraph"), named),
            (named, iri(_RDF_TYPE), iri(_SD + "NamedGraph")),
            (named, iri(_SD + "name"), iri(name)),
            (named, iri(_SD + "graph"), graph),
            (graph, iri(_RDF_TYPE), iri(_SD + "Graph")),
            (graph, iri(_VOID + "triples"), literal(count, "integer")),
        ]
    return triples
