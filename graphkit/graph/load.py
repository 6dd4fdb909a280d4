"""Load the ontology: each Turtle file as a named graph, and the derived shortcuts apart."""

from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from graphkit.errors import OntologyFileError, OntologySyntaxError
from graphkit.graph.namespaces import GRAPH, PREFIXES, bind_prefixes
from graphkit.graph.ontology import data_files, default_ontology_dir

__all__ = [
    "DERIVED_GRAPH",
    "TBOX_GRAPH",
    "derive_shortcuts",
    "graph_iri",
    "load_dataset",
    "parse_turtle",
    "read_queries",
]

#: The named graph that holds the shortcut triples derived from the qualified links.
DERIVED_GRAPH = GRAPH["derived"]
#: The named graph of ``smp.ttl``, the TBox (as :func:`graph_iri` names it).
TBOX_GRAPH = GRAPH["smp"]


def graph_iri(path: Path, root: Path) -> URIRef:
    """Name the graph of an ontology file after its path.

    Examples
    --------
    >>> graph_iri(Path("ontology/vocab/roles.ttl"), Path("ontology"))
    rdflib.term.URIRef('https://w3id.org/smp/graph/vocab/roles')
    """
    return GRAPH[path.relative_to(root).with_suffix("").as_posix()]


def parse_turtle(path: Path, graph: Graph | None = None) -> Graph:
    """Parse one Turtle file into `graph` (a new one by default).

    Parameters
    ----------
    path : pathlib.Path
        The file.
    graph : rdflib.Graph, optional
        Where the triples go.

    Returns
    -------
    rdflib.Graph
        The graph holding the file's triples.

    Raises
    ------
    OntologySyntaxError
        If the file is not valid Turtle; the message gives the file and line.
    OntologyFileError
        If the file cannot be read.

    Examples
    --------
    >>> import tempfile
    >>> bad = Path(tempfile.mkdtemp()) / "bad.ttl"
    >>> _ = bad.write_text(chr(10).join(["@prefix a: <http://a/> .", "a:b a:c ."]))
    >>> parse_turtle(bad)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graphkit.errors.OntologySyntaxError: .../bad.ttl:2: objectList expected
    """
    graph = Graph() if graph is None else graph
    try:
        data = path.read_bytes()
    except OSError as err:
        raise OntologyFileError(f"cannot read {path}: {err.strerror}") from err
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise OntologySyntaxError(path, line, "not valid UTF-8") from err
    try:
        graph.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    except BadSyntax as err:
        reason = getattr(err, "_why", "bad syntax")
        raise OntologySyntaxError(path, err.lines + 1, reason) from err
    return graph


def read_queries(folder: Path) -> dict[str, str]:
    """Read the ``*.rq`` files of `folder`, keyed by file stem, in name order.

    Raises
    ------
    OntologyFileError
        If the folder holds no query: a query folder is never expected empty.

    Examples
    --------
    >>> sorted(read_queries(default_ontology_dir() / "queries" / "derive"))[:2]
    ['integrates-with', 'leads-to']
    """
    queries = {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.rq"))}
    if not queries:
        raise OntologyFileError(f"no *.rq query in {folder}")
    return queries


def derive_shortcuts(dataset: Dataset, root: Path) -> Graph:
    """Derive the shortcut triples from the qualified links into :data:`DERIVED_GRAPH`.

    Each CONSTRUCT query of ``queries/derive/`` runs over the union of the data graphs.

    Parameters
    ----------
    dataset : rdflib.Dataset
        The loaded dataset, with ``default_union=True``; it gains the derived graph.
    root : pathlib.Path
        The ontology folder holding ``queries/derive/``.

    Returns
    -------
    rdflib.Graph
        The derived graph.

    Examples
    --------
    >>> from graphkit.graph.examples import TINY_TTL
    >>> ds = Dataset(default_union=True)
    >>> _ = ds.graph(GRAPH["tiny"]).parse(data=TINY_TTL, format="turtle")
    >>> len(derive_shortcuts(ds, default_ontology_dir()))
    31
    """
    derived = dataset.graph(DERIVED_GRAPH)
    found = Graph()
    for query in read_queries(root / "queries" / "derive").values():
        for triple in dataset.query(query, initNs=PREFIXES):
            found.add(triple)
    derived += found
    return derived


def load_dataset(root: Path | str | None = None, *, derive: bool = True) -> Dataset:
    """Load an ontology folder as a dataset, one named graph per Turtle file.

    Parameters
    ----------
    root : path-like, optional
        The ontology folder; :func:`default_ontology_dir` by default.
    derive : bool
        Also derive the shortcut triples into their own graph.

    Returns
    -------
    rdflib.Dataset
        With ``default_union=True``, so queries see every graph at once.

    Raises
    ------
    OntologySyntaxError
        If a file is not valid Turtle.
    OntologyFileError
        If the folder or a file is missing.

    Examples
    --------
    >>> ds = load_dataset()
    >>> GRAPH["vocab/roles"] in {g.identifier for g in ds.graphs()}
    True
    """
    root = default_ontology_dir() if root is None else Path(root)
    dataset = bind_prefixes(Dataset(default_union=True))
    for path in data_files(root):
        parse_turtle(path, dataset.graph(graph_iri(path, root)))
    if derive:
        derive_shortcuts(dataset, root)
    return dataset
