"""The ontology's documentation page, made by pyLODE from the TBox: ``exports/ontology.html``.

pyLODE (the RDFLib project's OWL documentation tool) writes one self-contained HTML page:
the ontology's metadata (namespace, version, licence), every class and property with its
labels, definitions, domain and range, and a table of contents; its stylesheet is inlined and
the page loads nothing from outside. Before pyLODE sees it, the TBox is given the shape pyLODE
reads best: a term's English and French labels become one heading ("role · métier"), each
section is anchored at the term's local name (``ontology.html#Role``, ``#platformStatus``), a
functional property is documented once (pyLODE would repeat it in a section of its own) with a
note saying it is functional, and each class of controlled values lists its values. Triples
are fed in sorted order, so the page is byte-stable.
"""

import logging
import warnings
from collections import defaultdict

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, VANN

from graphkit.errors import InvalidArgument
from graphkit.graph.load import TBOX_GRAPH, load_dataset
from graphkit.graph.namespaces import SMP, bind_prefixes
from graphkit.graph.prefixes import BASE, curie

__all__ = ["has_ontology", "ontology_html", "ontology_html_of"]

_FUNCTIONAL = {
    "en": "Functional: a subject has at most one value of this property.",
    "fr": "Fonctionnelle : un sujet a au plus une valeur de cette propriété.",
}
_VALUES = {"en": "Values", "fr": "Valeurs"}


def has_ontology(dataset: Dataset) -> bool:
    """Tell whether `dataset` holds an ontology header (``owl:Ontology``) to document.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> has_ontology(tiny_graph())
    False
    """
    return any(True for _ in dataset.graph(TBOX_GRAPH).subjects(RDF.type, OWL.Ontology))


def ontology_html(dataset: Dataset) -> bytes:
    """Write the documentation page of the dataset's TBox (the named graph of ``smp.ttl``).

    Parameters
    ----------
    dataset : rdflib.Dataset
        The loaded dataset (:func:`graphkit.graph.load.load_dataset`).

    Returns
    -------
    bytes
        One HTML page, UTF-8, that loads nothing from outside.

    Raises
    ------
    InvalidArgument
        If the dataset has no ontology header to document (see :func:`has_ontology`).

    Examples
    --------
    >>> from graphkit.graph.load import load_dataset
    >>> page = ontology_html(load_dataset()).decode()
    >>> 'id="platformStatus"' in page and "https://w3id.org/smp/platformStatus" in page
    True
    """
    if not has_ontology(dataset):
        raise InvalidArgument(
            "the dataset has no ontology header (owl:Ontology in smp.ttl) to document"
        )
    view, anchors = _doc_view(dataset.graph(TBOX_GRAPH))
    OntPub = _ontpub()
    doc = OntPub(view)
    doc.fids.update(anchors)  # pyLODE keeps an anchor it is given
    with warnings.catch_warnings():  # pyLODE reads its stylesheet without closing the file
        warnings.simplefilter("ignore", ResourceWarning)
        return doc.make_html().encode("utf-8")


def _ontpub():
    """Import pyLODE's OntPub, undoing the logging set-up pyLODE does on import."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from pylode import OntPub
    finally:  # pyLODE calls logging.basicConfig(level=DEBUG) when imported
        root.handlers[:] = handlers
        root.setLevel(level)
    return OntPub


def _label(graph: Graph, term, lang: str) -> str | None:
    return next(
        (str(o) for o in sorted(graph.objects(term, RDFS.label)) if o.language == lang), None
    )


def _heading(graph: Graph, term) -> str | None:
    """Join the English and French labels into one heading: ``role · métier``."""
    en, fr = _label(graph, term, "en"), _label(graph, term, "fr")
    words = [w for w in (en, fr) if w]
    if len(words) == 2 and words[0] == words[1]:
        words = words[:1]
    return " · ".join(words) or None


def _doc_view(tbox: Graph) -> tuple[Graph, dict[str, str]]:
    """Rewrite the TBox for pyLODE; return it with the anchor of each term."""
    view = bind_prefixes(Graph(bind_namespaces="none"))
    triples = set(tbox)
    headings = {
        s: _heading(tbox, s)
        for s in {s for s, _, _ in triples}
        if isinstance(s, URIRef) and (s, RDFS.label, None) in tbox
    }
    header = next(tbox.subjects(RDF.type, OWL.Ontology))
    titles = sorted(tbox.objects(header, DCTERMS.title), key=lambda t: t.language != "en")
    headings[header] = " · ".join(str(t) for t in titles)
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    functional = {
        s
        for s in tbox.subjects(RDF.type, OWL.FunctionalProperty)
        if any((s, RDF.type, kind) in tbox for kind in kinds)
    }
    keep = []
    for s, p, o in triples:
        if p in (RDFS.label, DCTERMS.title) and s in headings:
            continue
        if p == RDF.type and o == OWL.FunctionalProperty and s in functional:
            continue
        keep.append((s, p, o))
    keep += [(s, DCTERMS.title, Literal(h)) for s, h in headings.items() if h]
    for s, o in tbox.subject_objects(VANN.preferredNamespaceUri):  # as code: pyLODE would
        keep.remove((s, VANN.preferredNamespaceUri, o))  # shorten a bare IRI to "smp:"
        keep.append((s, VANN.preferredNamespaceUri, Literal(f"`{o}`")))
    for s in functional:
        keep += [(s, SKOS.note, Literal(text, lang=lang)) for lang, text in _FUNCTIONAL.items()]
    keep += _value_notes(tbox)
    for triple in sorted(keep, key=_english_first):
        view.add(triple)
    anchors = {
        str(s): str(s)[len(BASE) :]
        for s in headings
        if str(s).startswith(BASE) and "/" not in str(s)[len(BASE) :] and str(s) != BASE
    }
    return view, anchors


def _english_first(triple: tuple) -> tuple:
    """Sort triples by their terms, English text before French (pyLODE keeps the order)."""
    s, p, o = triple
    return s.n3(), p.n3(), getattr(o, "language", None) != "en", o.n3()


def _value_notes(tbox: Graph) -> list[tuple]:
    """Note on each class of controlled values its values, in both languages."""
    members = defaultdict(list)
    for value, _, cls in tbox.triples((None, RDF.type, None)):
        if (cls, RDFS.subClassOf, SMP.ControlledValue) in tbox:
            members[cls].append(value)
    notes = []
    for cls, values in members.items():
        for lang, word in _VALUES.items():
            lines = [f"{word}:", ""]
            for value in sorted(values):
                comment = next(
                    (str(c) for c in tbox.objects(value, RDFS.comment) if c.language == lang), ""
                )
                label = _label(tbox, value, lang) or ""
                lines.append(f"- `{curie(str(value))}` ({label}): {comment}")
            notes.append((cls, SKOS.note, Literal("\n".join(lines), lang=lang)))
    return notes


def ontology_html_of(root=None) -> bytes:
    """Write the documentation page of the ontology in folder `root` (default: the shipped one).

    :func:`ontology_html` of :func:`graphkit.graph.load.load_dataset`; a module-level function,
    so that ``functools.partial(ontology_html_of, root)`` can travel to another process (the
    endpoint's serving processes make the page on its first request).
    """
    return ontology_html(load_dataset(root))
