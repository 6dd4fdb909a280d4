"""The gallery of competency questions: ``ontology/queries/cq/cq-NN-slug.rq``, found by name."""

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from graphkit.errors import OntologyFileError, QueryNotFound
from graphkit.sparql.engine import inspect_query

__all__ = ["GalleryQuery", "find_query", "gallery", "resolve_query"]


_QUESTION = re.compile(r"^#\s*(en|fr):\s*(.+?)\s*$")
_NAME = re.compile(r"^[\w.-]+$")


@dataclass(frozen=True)
class GalleryQuery:
    """A competency question of the gallery (``ontology/queries/cq/cq-NN-slug.rq``).

    Attributes
    ----------
    name : str
        The file stem, ``cq-NN-slug``.
    path : pathlib.Path
        The file.
    text : str
        The query, comments included.
    question : dict
        The question by language (``en``, ``fr``), from the file's leading comments.
    """

    name: str
    path: Path
    text: str
    question: dict

    @property
    def kind(self) -> str | None:
        """The kind of result: ``bindings``, ``boolean`` or ``graph``."""
        return inspect_query(self.text).kind


def _gallery_dir(root: Path | None) -> Path:
    if root is None:
        from graphkit.graph.ontology import default_ontology_dir

        root = default_ontology_dir()
    return Path(root) / "queries" / "cq"


def gallery(root: Path | str | None = None) -> list[GalleryQuery]:
    """List the competency questions of an ontology folder, in name order.

    Parameters
    ----------
    root : path-like, optional
        The ontology folder (the shipped one by default).

    Returns
    -------
    list of GalleryQuery

    Raises
    ------
    OntologyFileError
        If the folder holds no ``cq-*.rq`` file.

    Examples
    --------
    >>> first = gallery()[0]
    >>> first.name, first.kind, sorted(first.question)
    ('cq-01-shared-skills-community-social-media-manager', 'bindings', ['en', 'fr'])
    """
    folder = _gallery_dir(None if root is None else Path(root))
    queries = []
    for path in sorted(folder.glob("cq-*.rq")):
        text = path.read_text(encoding="utf-8")
        question = {}
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            if match := _QUESTION.match(line):
                question[match.group(1)] = match.group(2)
        queries.append(GalleryQuery(path.stem, path, text, question))
    if not queries:
        raise OntologyFileError(f"no cq-*.rq query in {folder}")
    return queries


def find_query(name: str, root: Path | str | None = None) -> GalleryQuery:
    """Find a gallery query by its name, number or slug.

    ``cq-04-tools-per-skill``, ``cq-04``, ``04``, ``4`` and ``tools-per-skill`` all name the
    same query; a trailing ``.rq`` is ignored.

    Raises
    ------
    QueryNotFound
        If no query answers to `name`; the closest names are suggested.

    Examples
    --------
    >>> find_query("4").name
    'cq-04-tools-per-skill'
    >>> find_query("tools-per-skil")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graphkit.errors.QueryNotFound: no gallery query named 'tools-per-skil'; did you mean cq-04-...?
    """
    queries = gallery(root)
    key = name.removesuffix(".rq").casefold()
    if key.isdigit():
        key = f"cq-{int(key):02d}"
    for query in queries:
        stem = query.name.casefold()
        if key in (stem, stem[:5], stem[6:]):
            return query
    names = [q.name for q in queries]
    slugs = {q.name[6:]: q.name for q in queries}
    close = difflib.get_close_matches(key, [*names, *slugs], n=3, cutoff=0.6)
    raise QueryNotFound(name, list(dict.fromkeys(slugs.get(c, c) for c in close)))


def resolve_query(argument: str, root: Path | str | None = None) -> str:
    """Return the text of a query given as a file path, a gallery name or the text itself.

    Parameters
    ----------
    argument : str
        A path to an existing file; else a gallery name when it is a single word
        (``cq-01``, ``tools-per-skill``); else the query text.
    root : path-like, optional
        The ontology folder whose gallery names are looked up.

    Raises
    ------
    QueryNotFound
        If `argument` is a single word that names no file and no gallery query.

    Examples
    --------
    >>> resolve_query("ASK { ?s ?p ?o }")
    'ASK { ?s ?p ?o }'
    >>> resolve_query("cq-18").splitlines()[0]
    '# en: Is there a role that lacks a French or an English preferred label?'
    """
    if "\n" not in argument and "{" not in argument:
        path = Path(argument)
        try:
            if path.is_file():
                return path.read_text(encoding="utf-8")
        except (OSError, ValueError):
            pass
        if _NAME.match(argument):
            return find_query(argument, root).text
    return argument
