"""The dataset's description in VoID and DCAT: ``exports/void.ttl``.

One ``void:Dataset`` and ``dcat:Dataset`` (``https://w3id.org/smp/dataset``) with its title,
licence and version as the ontology declares them, its size (triples, entities per class in
``void:classPartition``), its sources (``prov:wasDerivedFrom``), the SPARQL endpoint of
``graphkit serve`` at its documented local default, and one ``dcat:Distribution`` per file of
``exports/`` with its media type. :func:`dataset_description` gives the graph, for the
endpoint's service description too.
"""

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, XSD

from graphkit.graph.namespaces import SMP, bind_prefixes
from graphkit.graph.prefixes import BASE

__all__ = ["DATASET", "MEDIA_TYPES", "SPARQL_ENDPOINT", "dataset_description"]

VOID = Namespace("http://rdfs.org/ns/void#")
#: The dataset's IRI.
DATASET = URIRef(BASE + "dataset")
#: The endpoint of ``graphkit serve`` with its default host and port.
SPARQL_ENDPOINT = URIRef("http://127.0.0.1:7878/sparql")
#: The media type of each file of ``exports/``, by name.
MEDIA_TYPES = {
    "graph.ttl": "text/turtle",
    "graph.nt": "application/n-triples",
    "graph.trig": "application/trig",
    "graph.jsonld": "application/ld+json",
    "graph.rdf": "application/rdf+xml",
    "graph.graphml": "application/graphml+xml",
    "graph.gexf": "application/gexf+xml",
    "nodes.csv": "text/csv",
    "edges.csv": "text/csv",
    "graph.html": "text/html",
    "mappings.sssom.tsv": "text/tab-separated-values",
    "void.ttl": "text/turtle",
    "ontology.html": "text/html",
}
_IANA = "https://www.iana.org/assignments/media-types/"
#: Vocabularies the data reuses.
_VOCABULARIES = (
    "http://www.w3.org/2004/02/skos/core#",
    "https://schema.org/",
    "http://www.w3.org/ns/prov#",
    "http://purl.org/dc/terms/",
)


def dataset_description(dataset: Graph, files: list[str] | None = None) -> Graph:
    """Describe `dataset` in VoID and DCAT.

    Parameters
    ----------
    dataset : rdflib.Graph
        The loaded dataset (every named graph counts).
    files : list of str, optional
        The names of the downloads (files of ``exports/``); default: those of
        :data:`MEDIA_TYPES` that :func:`graphkit.export.build.build_exports` writes.

    Returns
    -------
    rdflib.Graph
        The description, without blank nodes: partitions and distributions have IRIs under
        ``https://w3id.org/smp/dataset/``.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> g = dataset_description(tiny_graph(), files=["graph.ttl"])
    >>> g.value(DATASET, VOID.sparqlEndpoint)
    rdflib.term.URIRef('http://127.0.0.1:7878/sparql')
    >>> int(g.value(DATASET, VOID.triples)) == len(set(tiny_graph().triples((None, None, None))))
    True
    >>> str(g.value(URIRef(BASE + "dataset/class/Role"), VOID.entities))
    '4'
    """
    if files is None:
        from graphkit.export.build import EXPORTS

        files = list(EXPORTS.values())
    g = bind_prefixes(Graph(bind_namespaces="none"))
    g.bind("void", VOID)
    g.bind("dcat", DCAT)
    ontology = URIRef(BASE)
    triples = set(dataset.triples((None, None, None)))
    g.add((DATASET, RDF.type, VOID.Dataset))
    g.add((DATASET, RDF.type, DCAT.Dataset))
    for p in (DCTERMS.title, DCTERMS.description, DCTERMS.license):
        for value in dataset.objects(ontology, p):
            g.add((DATASET, p, value))
    for version in dataset.objects(ontology, OWL.versionInfo):
        g.add((DATASET, OWL.versionInfo, version))
        g.add((DATASET, URIRef(str(DCAT) + "version"), version))  # DCAT 3, unknown to rdflib
    g.add((DATASET, VOID.triples, Literal(len(triples), datatype=XSD.integer)))
    g.add((DATASET, VOID.uriSpace, Literal(BASE)))
    g.add((DATASET, VOID.sparqlEndpoint, SPARQL_ENDPOINT))
    g.add((DATASET, DCTERMS.conformsTo, ontology))
    for vocabulary in _VOCABULARIES:
        g.add((DATASET, VOID.vocabulary, URIRef(vocabulary)))
    classes: dict[URIRef, set] = {}
    for s, _, c in dataset.triples((None, RDF.type, None)):
        if isinstance(c, URIRef) and str(c).startswith(str(SMP)):
            classes.setdefault(c, set()).add(s)
    g.add((DATASET, VOID.classes, Literal(len(classes), datatype=XSD.integer)))
    entities = set().union(*classes.values()) if classes else set()
    g.add((DATASET, VOID.entities, Literal(len(entities), datatype=XSD.integer)))
    for c, members in classes.items():
        part = URIRef(f"{BASE}dataset/class/{str(c)[len(str(SMP)) :]}")
        g.add((DATASET, VOID.classPartition, part))
        g.add((part, VOID["class"], c))
        g.add((part, VOID.entities, Literal(len(members), datatype=XSD.integer)))
    for source in set(dataset.objects(None, PROV.wasDerivedFrom)):
        if str(source).startswith(BASE + "source/"):
            g.add((DATASET, PROV.wasDerivedFrom, source))
            for label in dataset.objects(source, RDFS.label):
                g.add((source, RDFS.label, label))
    for name in files:
        dist = URIRef(f"{BASE}dataset/distribution/{name}")
        g.add((DATASET, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(f"exports/{name}")))
        if name in MEDIA_TYPES:
            g.add((dist, DCAT.mediaType, URIRef(_IANA + MEDIA_TYPES[name])))
        if name.endswith((".ttl", ".nt", ".trig", ".jsonld", ".rdf")) and name != "void.ttl":
            g.add((DATASET, VOID.dataDump, dist))
    return g
