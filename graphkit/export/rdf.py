"""RDF exports: Turtle, N-Triples (sorted), TriG, N-Quads, JSON-LD and RDF/XML, byte-stable.

They hold every named graph of the dataset (TBox, vocabularies, data, derived shortcuts):
their union in Turtle, N-Triples, JSON-LD and RDF/XML, the named graphs kept apart in TriG and
N-Quads.
"""

import io
import json
import re

import networkx as nx
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, XSD
from rdflib.plugins.serializers.turtle import TurtleSerializer

from graphkit.errors import InvalidArgument
from graphkit.graph.namespaces import bind_prefixes
from graphkit.graph.prefixes import PREFIX_IRIS, curie

__all__ = ["ontology_version", "rdf_bytes", "rdf_neighbourhood", "union_graph", "xml_comment"]


def ontology_version(dataset: Graph) -> str:
    """Return the ontology's ``owl:versionInfo``, or ``unversioned``."""
    return str(min(dataset.objects(None, OWL.versionInfo), default="unversioned"))


def _sorted_triples(graph: Graph) -> list[tuple]:
    triples = set(graph.triples((None, None, None)))
    if any(isinstance(term, BNode) for triple in triples for term in triple):
        raise InvalidArgument("the graph holds blank nodes: its exports would not be stable")
    return sorted(triples, key=lambda t: tuple(term.n3() for term in t))


def union_graph(dataset: Graph) -> Graph:
    """Return the union of the dataset's graphs as one new graph, filled in a stable order.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> ds = tiny_graph()
    >>> len(union_graph(ds)) == len(set(ds.triples((None, None, None))))
    True
    """
    union = bind_prefixes(Graph(bind_namespaces="none"))
    for triple in _sorted_triples(dataset):
        union.add(triple)
    return union


def _used_prefixes(graph: Graph) -> dict[str, str]:
    """Return the prefixes of :data:`PREFIX_IRIS` that shorten at least one IRI of `graph`."""
    used = set()
    for triple in graph:
        for term in triple:
            iris = [term] if isinstance(term, URIRef) else []
            if isinstance(term, Literal) and term.datatype is not None:
                iris.append(term.datatype)
            for iri in iris:
                short = curie(str(iri))
                if short != str(iri):
                    used.add(short.split(":", 1)[0])
    return {p: iri for p, iri in PREFIX_IRIS.items() if p in used}


class _TurtleSerializer(TurtleSerializer):
    """Turtle that keeps every literal's lexical form.

    rdflib writes ``"5"^^xsd:decimal`` as the bare number ``5.0``, which parses back as a
    different literal; such decimals are written in full instead.
    """

    def label(self, node, position):
        if isinstance(node, Literal) and node.datatype == XSD.decimal and "." not in node:
            return node._literal_n3(
                use_plain=False, qname_callback=lambda dt: self.get_pname(dt, False)
            )
        return super().label(node, position)


def _turtle(graph: Graph) -> bytes:
    stream = io.BytesIO()
    _TurtleSerializer(graph).serialize(stream, encoding="utf-8")
    return stream.getvalue()


def _ntriples(graph: Graph, header: str) -> bytes:
    lines = sorted(set(graph.serialize(format="nt", encoding="utf-8").decode().splitlines()))
    return (f"# {header}\n" + "\n".join(line for line in lines if line) + "\n").encode()


def _nquads(dataset: Dataset, header: str) -> bytes:
    lines = set()
    for graph in dataset.graphs():
        name = graph.identifier
        if not isinstance(name, URIRef) or not len(graph):
            continue
        for triple in _sorted_triples(graph):
            nt = " ".join(term.n3() for term in triple)
            lines.add(f"{nt} {name.n3()} .")
    return (f"# {header}\n" + "\n".join(sorted(lines)) + "\n").encode()


def _canonical_json(value):
    """Sort every JSON-LD array (by its members' canonical text) and every object's keys."""
    if isinstance(value, dict):
        return {k: _canonical_json(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = [_canonical_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _jsonld(graph: Graph) -> bytes:
    context = _used_prefixes(graph)
    text = graph.serialize(format="json-ld", context=context, auto_compact=True)
    data = json.loads(text)
    if "@graph" not in data:  # a single node is written without @graph
        data = {"@context": data.pop("@context"), "@graph": [data]}
    data["@graph"] = sorted(
        (_canonical_json(node) for node in data["@graph"]), key=lambda n: n.get("@id", "")
    )
    context = json.dumps(dict(sorted(data["@context"].items())), ensure_ascii=False, indent=4)
    nodes = ",\n".join(
        "    " + json.dumps(node, ensure_ascii=False, separators=(",", ":"))
        for node in data["@graph"]
    )  # one node per line: small, and a diff shows which node changed
    text = f'{{\n  "@context": {context[:-1]}  }},\n  "@graph": [\n{nodes}\n  ]\n}}\n'
    return text.encode()


def xml_comment(data: bytes, header: str) -> bytes:
    """Insert ``<!-- header -->`` after the XML declaration."""
    declaration, rest = data.split(b"?>", 1)
    return declaration + b"?>\n<!-- " + header.encode() + b" -->" + rest


def rdf_bytes(fmt: str, dataset: Graph, graph: Graph, header: str) -> bytes:
    """Write `graph` (or the named graphs of `dataset`, for TriG and N-Quads) in `fmt`."""
    if fmt == "turtle":
        return f"# {header}\n".encode() + _turtle(graph)
    if fmt == "ntriples":
        return _ntriples(graph, header)
    if fmt == "nquads":
        return _nquads(dataset, header)
    if fmt == "jsonld":
        return _jsonld(graph)
    if fmt == "trig":
        return _trig(dataset, header)
    return _rdfxml(graph, header)


def _rdfxml(graph: Graph, header: str) -> bytes:
    """RDF/XML with the subjects sorted (rdflib writes them in hash order)."""
    text = graph.serialize(format="xml", encoding="utf-8").decode()
    blocks = re.findall(r"  <rdf:Description .*?\n  </rdf:Description>\n", text, flags=re.S)
    start = text.index(blocks[0]) if blocks else text.index("</rdf:RDF>")
    end = text.index("</rdf:RDF>")
    if sum(map(len, blocks)) != end - start:
        raise AssertionError("unexpected RDF/XML layout: cannot sort its descriptions")
    text = text[:start] + "".join(sorted(blocks)) + text[end:]
    return xml_comment(text.encode(), header)


def _trig(dataset: Dataset, header: str) -> bytes:
    """TriG, one block per named graph in IRI order, each written by the (stable) Turtle writer."""
    prefixes: dict[str, str] = {}
    blocks = []
    for graph in sorted(dataset.graphs(), key=lambda g: str(g.identifier)):
        if not isinstance(graph.identifier, URIRef) or not len(graph):
            continue
        part = union_graph(graph)
        prefixes.update(_used_prefixes(part))
        body = _turtle(part).decode().splitlines()
        body = [line for line in body if not line.startswith("@prefix")]
        text = "\n".join("    " + line if line else "" for line in body).strip("\n")
        blocks.append(f"{graph.identifier.n3()} {{\n{text}\n}}\n")
    head = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in sorted(prefixes.items()))
    return (f"# {header}\n{head}\n" + "\n".join(blocks)).encode()


# --- the network: concepts, links, inferred transitions --------------------------------------


def rdf_neighbourhood(dataset: Graph, H: nx.MultiDiGraph) -> Graph:
    """Return the triples describing the concepts of `H` and the qualified links between them."""
    concepts = {URIRef(n) for n in H}
    links = {URIRef(d["link"]) for _, _, d in H.edges(data=True) if "link" in d}
    keep = concepts | links
    sub = bind_prefixes(Graph(bind_namespaces="none"))
    for s, p, o in _sorted_triples(dataset):
        if s not in keep:
            continue
        if isinstance(o, URIRef) and o not in keep and _is_entity(dataset, o):
            continue
        sub.add((s, p, o))
    return sub


def _is_entity(dataset: Graph, node: URIRef) -> bool:
    """Tell whether `node` is a concept or qualified link (kept out of a neighbourhood)."""
    return any(
        str(t).startswith(PREFIX_IRIS["smp"]) and str(t) != PREFIX_IRIS["smp"] + "Source"
        for t in dataset.objects(node, RDF.type)
    )
