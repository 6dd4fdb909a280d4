"""A compiled projection of the ontology, cached on disk and keyed by the files' content.

A route query needs the transition graph and the names, not the RDF: the first call loads the
Turtle (rdflib), projects it and pickles the result; later calls unpickle it, without
importing rdflib, until any ontology file or the projecting code changes.
"""

import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from graphkit._version import __version__
from graphkit.graph.names import NameIndex
from graphkit.graph.ontology import data_files, default_ontology_dir

__all__ = [
    "Compiled",
    "Extension",
    "cache_dir",
    "compile_ontology",
    "content_key",
    "files_digest",
    "load_compiled",
]

#: The modules whose code shapes the compiled result: a change to one invalidates the cache.
_CODE = (
    "graph/concepts.py",
    "graph/names.py",
    "routes/compiled.py",
    "routes/projection.py",
    "routes/scoring.py",
    "routes/suggestions.py",
)


@dataclass
class Compiled:
    """What route, gap and suggestion queries need, without the RDF graph.

    Attributes
    ----------
    transitions : networkx.DiGraph
        See :func:`graphkit.routes.projection.to_transition_graph`.
    names : NameIndex
        The names of every concept, source and claim, already folded (building the index costs
        more than unpickling it), with the roles closest to each skill, tool and platform.
    key : str
        The content key it was compiled for.
    """

    transitions: nx.DiGraph
    names: NameIndex
    key: str


@dataclass(frozen=True)
class Extension:
    """More roles and moves merged into the projection, from a layer above the routes.

    The routes know nothing of where an extension comes from (the imported ESCO is one:
    :func:`graphkit.esco.merge.load_compiled`); the compiled result is cached apart, keyed by
    the ontology's content and the extension's `key`.

    Attributes
    ----------
    name : str
        The cache file's prefix (``merged``).
    key : str
        What the merged part depends on (its data and code): a change recompiles.
    merge : callable
        ``merge(G, dataset) -> list of NameEntry``: adds its roles and moves to the transition
        graph `G` in place, and returns the names of what it added.
    """

    name: str
    key: str
    merge: Callable


def cache_dir() -> Path:
    """Return the cache folder: ``$GRAPHKIT_CACHE``, else ``$XDG_CACHE_HOME/graphkit``.

    Examples
    --------
    >>> cache_dir().is_absolute()
    True
    """
    if env := os.environ.get("GRAPHKIT_CACHE"):
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "graphkit"


def content_key(root: Path) -> str:
    """Hash everything the compiled result depends on: data files, derive queries, code.

    Parameters
    ----------
    root : pathlib.Path
        The ontology folder.

    Returns
    -------
    str
        A hex SHA-256 digest; it changes when any byte of an input changes.

    Examples
    --------
    >>> root = default_ontology_dir()
    >>> key = content_key(root)
    >>> len(key), key == content_key(root)
    (64, True)
    """
    package = Path(__file__).resolve().parents[1]
    inputs = [
        *((p.relative_to(root).as_posix(), p) for p in data_files(root)),
        *((f"queries/derive/{p.name}", p) for p in sorted(root.glob("queries/derive/*.rq"))),
        *((f"graphkit/{name}", package / name) for name in _CODE),
    ]
    return files_digest(inputs, salt=__version__)


def files_digest(inputs, *, salt: str = "") -> str:
    """Hash named files: each name with the SHA-256 of its bytes, in order, after `salt`.

    Parameters
    ----------
    inputs : iterable of (str, pathlib.Path)
        A stable name for each file (a relative path), and the file.
    salt : str
        Hashed first (a version, say).

    Examples
    --------
    >>> code = Path(__file__)
    >>> files_digest([("compiled.py", code)]) == files_digest([("compiled.py", code)])
    True
    >>> files_digest([("a", code)]) != files_digest([("b", code)])
    True
    """
    digest = hashlib.sha256(salt.encode())
    for name, path in inputs:
        digest.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def compile_ontology(root: Path, dataset=None, extension: Extension | None = None) -> Compiled:
    """Load the ontology folder and project it (slow: parses the Turtle).

    Parameters
    ----------
    root : pathlib.Path
        The ontology folder.
    dataset : rdflib.Dataset, optional
        The folder already loaded (:func:`graphkit.graph.load.load_dataset`), to parse it once.
    extension : Extension, optional
        More roles and moves to merge into the projection.

    Examples
    --------
    >>> c = compile_ontology(default_ontology_dir())
    >>> "https://w3id.org/smp/role/community-manager" in c.transitions
    True
    """
    from graphkit.graph.concepts import name_entries
    from graphkit.graph.load import load_dataset
    from graphkit.routes.projection import to_transition_graph
    from graphkit.routes.suggestions import closest_roles

    dataset = load_dataset(root) if dataset is None else dataset
    entries = name_entries(dataset, records=("source", "claim"))
    G = to_transition_graph(dataset)
    closest = closest_roles(G)
    if extension is None:
        return Compiled(G, NameIndex(entries, closest=closest), content_key(root))
    entries += extension.merge(G, dataset)
    return Compiled(G, NameIndex(entries, closest=closest), merged_key(root, extension))


def merged_key(root: Path, extension: Extension) -> str:
    """Return the key of the ontology merged with an extension: both keys hashed."""
    return hashlib.sha256(f"{content_key(root)}+{extension.key}".encode()).hexdigest()


def _cache_file(root: Path, key: str, prefix: str = "projection") -> Path:
    folder = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:12]
    return cache_dir() / f"{prefix}-{folder}-{key[:32]}.pickle"


def load_compiled(
    root: Path | None = None,
    *,
    use_cache: bool = True,
    dataset=None,
    extension: Extension | None = None,
) -> Compiled:
    """Return the compiled ontology, from the cache when its files have not changed.

    A miss compiles and writes the cache atomically (other processes never read a partial
    file) and removes the stale files of the same folder; an unwritable cache folder only
    costs the speed-up. A cache file that does not unpickle is recompiled.

    Parameters
    ----------
    root : pathlib.Path, optional
        The ontology folder; :func:`graphkit.graph.ontology.default_ontology_dir` by default.
    use_cache : bool
        Read and write the cache (False always compiles).
    dataset : rdflib.Dataset, optional
        The folder already loaded, used on a miss instead of parsing it again.
    extension : Extension, optional
        More roles and moves to merge in; the merged projection is cached apart, keyed by both
        the ontology and the extension.

    Returns
    -------
    Compiled

    Examples
    --------
    >>> compiled = load_compiled()
    >>> compiled.key == content_key(default_ontology_dir())
    True
    >>> compiled.transitions.nodes["https://w3id.org/smp/role/community-manager"]["label"]
    'community manager'
    """
    root = default_ontology_dir() if root is None else Path(root)
    if not use_cache:
        return compile_ontology(root, dataset, extension)
    if extension is None:
        key = content_key(root)
        path = _cache_file(root, key)
    else:
        key = merged_key(root, extension)
        path = _cache_file(root, key, extension.name)
    try:
        with path.open("rb") as stream:
            compiled = _unpickle(stream)
        if isinstance(compiled, Compiled) and compiled.key == key:
            return compiled
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        pass
    compiled = compile_ontology(root, dataset, extension)
    try:
        _write_atomically(path, compiled)
    except OSError:
        return compiled  # an unwritable cache folder only costs the speed-up
    for stale in path.parent.glob(path.name.rsplit("-", 1)[0] + "-*.pickle"):
        if stale != path:
            stale.unlink(missing_ok=True)
    return compiled


def _unpickle(stream):
    """Unpickle with the cyclic garbage collector paused.

    A merged projection is some 400,000 small objects; collections triggered while they are
    created cost more than the unpickling itself (1.2 s against 0.5 s on ESCO).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(stream)
    finally:
        if enabled:
            gc.enable()


def _write_atomically(path: Path, compiled: Compiled) -> None:
    """Pickle into a temporary file beside `path`, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as tmp:
        try:
            pickle.dump(compiled, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:
            Path(tmp.name).unlink(missing_ok=True)
            raise
    try:
        os.replace(tmp.name, path)
    except OSError:
        Path(tmp.name).unlink(missing_ok=True)
        raise
