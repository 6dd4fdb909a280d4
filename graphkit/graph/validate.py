"""Validate the graph: SHACL shapes (pyshacl) and the ``*-violation.rq`` check queries."""

from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from graphkit.errors import OntologyFileError
from graphkit.graph.load import DERIVED_GRAPH, parse_turtle, read_queries
from graphkit.graph.namespaces import GRAPH, PREFIXES, bind_prefixes, curie
from graphkit.graph.ontology import default_ontology_dir

__all__ = [
    "Finding",
    "Report",
    "load_shapes",
    "run_checks",
    "shacl_findings",
    "validate_dataset",
]

_SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


@dataclass(frozen=True, order=True)
class Finding:
    """One problem found in the graph.

    Attributes
    ----------
    severity : str
        ``"Violation"`` (the graph does not conform), ``"Warning"`` or ``"Info"``.
    focus : str
        The node at fault, as a CURIE where a prefix fits.
    path : str
        The property path at fault (``^p`` for an inverse path), or ``""``.
    message : str
        What is wrong.
    shape : str
        The shape or check query that found it.
    value : str
        The offending value, or ``""``.
    file : str
        The ontology file that declares the focus node, or ``""``.
    """

    severity: str
    focus: str
    path: str
    message: str
    shape: str
    value: str = ""
    file: str = ""


@dataclass(frozen=True)
class Report:
    """The findings of a validation, most severe first."""

    findings: tuple[Finding, ...]

    @property
    def conforms(self) -> bool:
        """Whether no finding is a violation (warnings do not fail the graph)."""
        return not self.violations

    @property
    def violations(self) -> list[Finding]:
        """The findings of severity ``Violation``."""
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        """The findings of severity ``Warning``."""
        return [f for f in self.findings if f.severity == "Warning"]


def load_shapes(root: Path | None = None) -> Graph:
    """Load every ``shapes/*.ttl`` of the ontology folder into one graph.

    Raises
    ------
    OntologyFileError
        If there is no shape file.
    OntologySyntaxError
        If a shape file is not valid Turtle.

    Examples
    --------
    >>> from graphkit.graph.namespaces import SMPSH
    >>> (SMPSH.TransitionShape, None, None) in load_shapes()
    True
    """
    root = default_ontology_dir() if root is None else Path(root)
    files = sorted((root / "shapes").glob("*.ttl"))
    if not files:
        raise OntologyFileError(f"no SHACL shapes in {root / 'shapes'}")
    shapes = bind_prefixes(Graph())
    for path in files:
        parse_turtle(path, shapes)
    return shapes


_PATH_SUFFIXES = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}


def _text(graph: Graph, node: Node | None) -> str:
    """Render a node of a results graph: CURIE, literal text, or a SHACL path in SPARQL syntax.

    Examples
    --------
    >>> g = Graph().parse(format="turtle", data='''
    ...     @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix smp: <https://w3id.org/smp/> .
    ...     [] sh:resultPath ( [ sh:inversePath smp:role ]
    ...                        [ sh:alternativePath ( smp:platform smp:tool ) ] ) .''')
    >>> _text(g, next(g.objects(None, SH.resultPath)))
    '^smp:role/(smp:platform|smp:tool)'
    """
    if node is None:
        return ""
    if isinstance(node, Literal):
        return str(node)
    if not isinstance(node, BNode):
        return curie(str(node))
    if (node, RDF.first, None) in graph:
        return "/".join(_text(graph, step) for step in Collection(graph, node))
    if (alternatives := graph.value(node, SH.alternativePath)) is not None:
        return "(" + "|".join(_text(graph, a) for a in Collection(graph, alternatives)) + ")"
    if (inverse := graph.value(node, SH.inversePath)) is not None:
        return "^" + _text(graph, inverse)
    for predicate, suffix in _PATH_SUFFIXES.items():
        if (inner := graph.value(node, predicate)) is not None:
            return _text(graph, inner) + suffix
    return "(blank node)"


def shacl_findings(data: Graph, shapes: Graph, *, ontology: Graph | None = None) -> list[Finding]:
    """Validate `data` against `shapes` with pyshacl and list the findings.

    Parameters
    ----------
    data : rdflib.Graph
        The data graph (merged, not a dataset: pyshacl would validate each named graph apart).
    shapes : rdflib.Graph
        The SHACL shapes.
    ontology : rdflib.Graph, optional
        A TBox mixed into the data before validation (for fixtures that carry no TBox).

    Returns
    -------
    list of Finding
        Sorted, without duplicates.

    Examples
    --------
    >>> from graphkit.graph.examples import TINY_TTL
    >>> from graphkit.graph.load import parse_turtle
    >>> from graphkit.graph.ontology import default_ontology_dir
    >>> data = Graph().parse(data=TINY_TTL, format="turtle")
    >>> tbox = parse_turtle(default_ontology_dir() / "smp.ttl")
    >>> findings = shacl_findings(data, load_shapes(), ontology=tbox)
    >>> sorted({(f.severity, f.shape) for f in findings})
    [('Warning', 'smpsh:RoleUseShape'), ('Warning', 'smpsh:StatedLinkQuoteShape')]
    """
    import pyshacl  # heavy: imported only when validating

    _, results, _ = pyshacl.validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    found = set()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        value = results.value(result, SH.value)
        found.add(
            Finding(
                severity=_SEVERITIES.get(results.value(result, SH.resultSeverity), "Violation"),
                focus=_text(results, results.value(result, SH.focusNode)),
                path=_text(results, results.value(result, SH.resultPath)),
                message=str(results.value(result, SH.resultMessage) or ""),
                shape=_text(results, results.value(result, SH.sourceShape)),
                value="" if value is None else _text(results, value),
            )
        )
    return sorted(found, key=_order)


def run_checks(dataset: Graph, root: Path | None = None) -> list[Finding]:
    """Run the check queries of ``queries/checks/``: every row they return is a violation.

    A check query selects ``?focus`` and, optionally, ``?message`` and ``?value``; its first
    comment line is the default message.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> [(f.focus, f.value) for f in run_checks(tiny_graph())]  # no move into the writer…
    [('role:editor', 'in'), ('role:strategist', 'out'), ('role:writer', 'in')]
    """
    import pyoxigraph as ox  # runs the check queries some 50 times faster than rdflib's SPARQL

    root = default_ontology_dir() if root is None else Path(root)
    store = ox.Store()
    store.load(dataset.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
    header = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())
    found = []
    for name, query in read_queries(root / "queries" / "checks").items():
        headline = query.lstrip().splitlines()[0].lstrip("# ").strip()
        solutions = store.query(header + query, use_default_graph_as_union=True)
        for solution in solutions:  # the variables are the result set's, not each row's
            values = {
                var.value: _rdflib_term(solution[var])
                for var in solutions.variables
                if solution[var] is not None
            }
            found.append(
                Finding(
                    severity="Violation",
                    focus=_text(Graph(), values.get("focus")),
                    path="",
                    message=str(values.get("message", headline)),
                    shape=f"checks/{name}",
                    value=_text(Graph(), values.get("value")),
                )
            )
    return sorted(found, key=_order)


def _rdflib_term(term) -> Node:
    """Turn an Oxigraph term of a check's answer into the rdflib term :func:`_text` reads."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return Literal(term.value)


def _order(finding: Finding) -> tuple:
    rank = {"Violation": 0, "Warning": 1, "Info": 2}.get(finding.severity, 3)
    return (rank, finding.file, finding.focus, finding.shape, finding.path, finding.value)


def _declaring_files(dataset: Dataset) -> dict[str, str]:
    """Map each typed node (as a CURIE) to the ontology file that types it."""
    files = {}
    for s, _, _, graph in dataset.quads((None, RDF.type, None, None)):
        name = str(getattr(graph, "identifier", graph))
        if isinstance(s, URIRef) and name.startswith(str(GRAPH)) and name != str(DERIVED_GRAPH):
            files.setdefault(curie(str(s)), name.removeprefix(str(GRAPH)) + ".ttl")
    return files


def validate_dataset(dataset: Dataset, root: Path | None = None) -> Report:
    """Validate a loaded dataset against the shapes and checks of its ontology folder.

    Parameters
    ----------
    dataset : rdflib.Dataset
        As returned by :func:`graphkit.graph.load.load_dataset`.
    root : pathlib.Path, optional
        The ontology folder it was loaded from.

    Returns
    -------
    Report
        The findings; ``report.conforms`` is False when any is a violation.

    Examples
    --------
    >>> from graphkit.graph.examples import tiny_graph
    >>> report = validate_dataset(tiny_graph())
    >>> report.conforms, len(report.warnings)  # the check of moves in and out fails
    (False, 18)
    >>> report.warnings[0].focus, report.warnings[0].shape
    ('platformuse:community-manager--tiktok', 'smpsh:StatedLinkQuoteShape')
    """
    root = default_ontology_dir() if root is None else Path(root)
    merged = Graph()
    for triple in dataset.triples((None, None, None)):
        merged.add(triple)
    # the TBox is mixed in so that class targets see the class hierarchy even when the
    # dataset was not loaded from the ontology folder (the tiny graph has no smp.ttl)
    tbox = parse_turtle(root / "smp.ttl")
    findings = shacl_findings(merged, load_shapes(root), ontology=tbox) + run_checks(dataset, root)
    files = _declaring_files(dataset)
    located = [Finding(**{**f.__dict__, "file": files.get(f.focus, "")}) for f in findings]
    return Report(tuple(sorted(located, key=_order)))
