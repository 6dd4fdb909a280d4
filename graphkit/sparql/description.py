"""The endpoint's SPARQL 1.1 Service Description, as plain triples."""

from collections.abc import Mapping

from graphkit.graph.prefixes import PREFIX_IRIS

__all__ = ["DESCRIPTION_PREFIXES", "service_description"]

_SD = "http://www.w3.org/ns/sparql-service-description#"
_FORMATS_NS = "http://www.w3.org/ns/formats/"
_VOID = "http://rdfs.org/ns/void#"
_RDF_TYPE = PREFIX_IRIS["rdf"] + "type"
#: The prefixes of the description's vocabularies, for its Turtle.
DESCRIPTION_PREFIXES = {"sd": _SD, "formats": _FORMATS_NS, "void": _VOID}
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


def service_description(endpoint: str, graphs: Mapping[str, int], timeout, max_rows):
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
