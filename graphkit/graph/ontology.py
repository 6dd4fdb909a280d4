"""Locate the ontology folder and its files, without parsing anything (and without rdflib)."""

import os
from pathlib import Path

from graphkit.errors import OntologyFileError

__all__ = ["DATA_FOLDERS", "data_files", "default_ontology_dir"]

#: The folders of ``ontology/`` whose Turtle is data (besides ``smp.ttl``).
DATA_FOLDERS = ("vocab", "data")


def default_ontology_dir() -> Path:
    """Return the ontology folder: ``$GRAPHKIT_ONTOLOGY``, the installed copy, or the checkout's.

    Returns
    -------
    pathlib.Path
        A folder holding ``smp.ttl``.

    Examples
    --------
    >>> (default_ontology_dir() / "smp.ttl").is_file()
    True
    """
    if env := os.environ.get("GRAPHKIT_ONTOLOGY"):
        return Path(env)
    package = Path(__file__).resolve().parents[1]
    installed = package / "_ontology"
    return installed if installed.is_dir() else package.parent / "ontology"


def data_files(root: Path) -> list[Path]:
    """List the Turtle files of `root` that load as data, in a stable order.

    Parameters
    ----------
    root : pathlib.Path
        An ontology folder.

    Returns
    -------
    list of pathlib.Path
        ``smp.ttl`` first, then ``vocab/**/*.ttl`` and ``data/**/*.ttl`` sorted.

    Raises
    ------
    OntologyFileError
        If `root` has no ``smp.ttl``.

    Examples
    --------
    >>> files = data_files(default_ontology_dir())
    >>> files[0].name, files[1].parent.name
    ('smp.ttl', 'data')
    """
    tbox = root / "smp.ttl"
    if not tbox.is_file():
        raise OntologyFileError(f"{root} is not an ontology folder: it has no smp.ttl")
    return [tbox, *sorted(p for folder in DATA_FOLDERS for p in (root / folder).rglob("*.ttl"))]
