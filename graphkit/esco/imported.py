"""ESCO inside: import the official ESCO CSV export and merge its occupations into the routes.

The import is a user-side action: the ESCO export (two zips of CSV files) is read once, with
the :mod:`csv` module, into a folder of the user's data directory (:func:`data_home`):

- ``esco.nt``: ESCO as RDF, with ESCO's own URIs and model (``esco:Occupation``,
  ``esco:Skill``, SKOS labels, ``skos:broader`` to ISCO groups and along the skill pillar,
  ``esco:relatedEssentialSkill`` / ``esco:relatedOptionalSkill``), the version and the
  inference parameters recorded; it is loaded as the named graph :data:`ESCO_GRAPH` only when
  asked (``graphkit.esco.merge.load_dataset(include_imported=True)``);
- ``esco.pickle``: the same occupations, skills and relations as plain tables, which the route
  projection reads without rdflib;
- ``meta.json``: the version, the content key (SHA-256 of the input files and of the
  import's format, :data:`IMPORT_FORMAT`) and the counts.

The folder is written to a temporary folder then renamed, so a failed import leaves nothing
half-written; importing the same files again is a no-op ("already imported").
"""

import json
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from graphkit.esco.reader import _inputs, content_key, guess_version, read_export
from graphkit.routes.scoring import IMPORTANCE

__all__ = [
    "ESCO_GRAPH",
    "ESCO_INFERENCE",
    "IMPORT_FORMAT",
    "Imported",
    "data_home",
    "find_imported",
    "import_esco",
]

#: What an import holds: a change (here the ISCO-08 skill levels, issue 13) changes every
#: import's key, so that importing the same files again rewrites the folder.
IMPORT_FORMAT = "graphkit ESCO import, format 2: tables with ISCO-08 skill levels"

#: The named graph of the imported ESCO.
ESCO_GRAPH = "https://w3id.org/smp/graph/esco"

ESCO_MODEL = "http://data.europa.eu/esco/model#"
_OCCUPATION = "http://data.europa.eu/esco/occupation/"
_SKILL = "http://data.europa.eu/esco/skill/"

#: How inferred moves across ESCO are computed; recorded in the graph and the projection.
ESCO_INFERENCE = {
    "method": "esco-sparse-skill-coverage",
    "threshold": 0.15,
    "top_k": 25,
    "essential": IMPORTANCE["essential"],
    "optional": IMPORTANCE["optional"],
    "description": (
        "Between ESCO occupations, A is inferred to lead to B when A's skills cover at least "
        "`threshold` of B's requirements, each weighted by importance (essential 1, optional "
        "0.5): coverage(A→B) = Σ_{s∈B} w_B(s)·[A has s] / Σ_s w_B(s), asymmetric, computed as "
        "one sparse product of the occupations × skills matrices. A move is kept when A is "
        "among the `top_k` best sources of B or B among the `top_k` best targets of A. No move "
        "is inferred between an ESCO occupation and a graphkit role: across the two skill "
        "vocabularies, of which few skills are aligned, a coverage measures the alignment more "
        "than the jobs; a route enters graphkit through an occupation's alignment to a role."
    ),
}


@dataclass(frozen=True)
class Imported:
    """An imported ESCO: its folder, content key, version and counts."""

    folder: Path
    key: str
    version: str
    counts: dict

    @property
    def tables(self) -> Path:
        """The pickled tables."""
        return self.folder / "esco.pickle"

    @property
    def ntriples(self) -> Path:
        """The RDF, as N-Triples."""
        return self.folder / "esco.nt"


def data_home() -> Path:
    """Return the data folder: ``$GRAPHKIT_DATA``, else ``$XDG_DATA_HOME/graphkit``.

    Examples
    --------
    >>> data_home().is_absolute()
    True
    """
    if env := os.environ.get("GRAPHKIT_DATA"):
        return Path(env).absolute()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base).absolute() / "graphkit"


def find_imported(home: Path | None = None) -> Imported | None:
    """Return the most recently imported ESCO in `home` (:func:`data_home`), or None.

    Examples
    --------
    >>> import tempfile
    >>> find_imported(Path(tempfile.mkdtemp())) is None
    True
    """
    home = data_home() if home is None else home
    found = []
    for meta in home.glob("esco-*/meta.json"):
        try:
            data = json.loads(meta.read_text(encoding="utf-8"))
            found.append((meta.stat().st_mtime, data, meta.parent))
        except (OSError, ValueError):
            continue
    if not found:
        return None
    _, data, folder = max(found, key=lambda f: f[0])
    return Imported(folder, data["key"], data["version"], data["counts"])


# Reading the export ------------------------------------------------------------------------


def _literal(text: str) -> str:
    r"""Write `text` as an N-Triples string literal (without its language tag).

    Examples
    --------
    >>> _literal('a "b"' + chr(10) + "c")
    '"a \\"b\\"\\nc"'
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\r", "\\r") + '"'


def _ntriples(tables: dict, version: str, key: str) -> Iterator[str]:
    """Yield ESCO as N-Triples lines."""
    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    skos = "http://www.w3.org/2004/02/skos/core#"
    pref, alt = f"<{skos}prefLabel>", f"<{skos}altLabel>"
    broader, notation = f"<{skos}broader>", f"<{skos}notation>"
    dct = "http://purl.org/dc/terms/"
    graph = f"<{ESCO_GRAPH}>"
    yield f'{graph} <{dct}title> "ESCO, imported by graphkit"@en .\n'
    yield f"{graph} <{dct}hasVersion> {_literal(version)} .\n"
    yield f"{graph} <{dct}identifier> {_literal('sha256:' + key)} .\n"
    yield f"{graph} <{dct}source> <https://esco.ec.europa.eu/> .\n"
    activity = "<https://w3id.org/smp/inference/esco-sparse-skill-coverage>"
    prov = "http://www.w3.org/ns/prov#"
    yield f"{activity} {rdf_type} <{prov}Activity> .\n"
    yield f"{activity} <{prov}used> {graph} .\n"
    yield f"{activity} <http://www.w3.org/2000/01/rdf-schema#comment> "
    yield f"{_literal(ESCO_INFERENCE['description'])}@en .\n"
    for param in ("threshold", "top_k", "essential", "optional"):
        value = _literal(str(ESCO_INFERENCE[param]))
        yield f"{activity} <https://w3id.org/smp/inference/param/{param}> {value} .\n"
    for iri, code, label in tables["isco"]:
        yield f"<{iri}> {rdf_type} <{ESCO_MODEL}ISCOGroup> .\n"
        yield f"<{iri}> {notation} {_literal(code)} .\n"
        yield f"<{iri}> {pref} {_literal(label)}@en .\n"
    for what, cls in (("occupations", "Occupation"), ("skills", "Skill")):
        for iri, label, alts, _ in tables[what]:
            yield f"<{iri}> {rdf_type} <{ESCO_MODEL}{cls}> .\n"
            yield f"<{iri}> {pref} {_literal(label)}@en .\n"
            for a in alts:
                yield f"<{iri}> {alt} {_literal(a)}@en .\n"
    for iri, _, _, isco in tables["occupations"]:
        yield f"<{iri}> {broader} <http://data.europa.eu/esco/isco/C{isco}> .\n"
    for iri, _, _, kind in tables["skills"]:
        kind = "knowledge" if kind == "knowledge" else "skill"
        yield f"<{iri}> <{ESCO_MODEL}skillType> <http://data.europa.eu/esco/skill-type/{kind}> .\n"
    occupations, skills = tables["occupations"], tables["skills"]
    essential = f"<{ESCO_MODEL}relatedEssentialSkill>"
    optional = f"<{ESCO_MODEL}relatedOptionalSkill>"
    for o, s, is_essential in tables["relations"]:
        predicate = essential if is_essential else optional
        yield f"<{occupations[o][0]}> {predicate} <{skills[s][0]}> .\n"
    for narrower, broad in tables["skill_broader"]:
        yield f"<{narrower}> {broader} <{broad}> .\n"


def import_esco(
    sources: Iterable[Path],
    *,
    home: Path | None = None,
    version: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[Imported, bool]:
    """Import the ESCO CSV export into the data folder, unless the same files already are.

    Parameters
    ----------
    sources : iterable of pathlib.Path
        Folders holding the zips (or CSV files), or the zips themselves.
    home : pathlib.Path, optional
        The data folder; :func:`data_home` by default.
    version : str, optional
        The ESCO version; read from the file names by default (:func:`guess_version`).
    progress : callable, optional
        Called with the name of each step as it starts.

    Returns
    -------
    (Imported, bool)
        The import, and whether it was done now (False: already imported).

    Raises
    ------
    EscoFileError
        If a file is missing or malformed; nothing is written then.
    """
    home = data_home() if home is None else home
    files = _inputs(sources)
    key = content_key(files, salt=IMPORT_FORMAT)
    version = version or guess_version(files)
    folder = home / f"esco-{version}"
    current = find_imported(home)
    if current is not None and current.key == key and current.folder == folder:
        return current, False
    tables = read_export(files, progress=progress)
    counts = {
        "occupations": len(tables["occupations"]),
        "skills": len(tables["skills"]),
        "isco_groups": len(tables["isco"]),
        "isco_skill_levels": len(tables["isco_skill_levels"]),
        "relations": len(tables["relations"]),
        "dangling_relations": tables["dangling"],
        "skill_broader": len(tables["skill_broader"]),
    }
    (progress or (lambda step: None))("writing")
    home.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=home, prefix=".esco-tmp-"))
    try:
        with (tmp / "esco.nt").open("w", encoding="utf-8") as stream:
            count = 0
            for line in _ntriples(tables, version, key):
                stream.write(line)
                count += line.endswith(" .\n")
        counts["triples"] = count
        tables["version"], tables["key"] = version, key
        with (tmp / "esco.pickle").open("wb") as stream:
            pickle.dump(tables, stream, protocol=pickle.HIGHEST_PROTOCOL)
        meta = {"key": key, "version": version, "counts": counts, "files": [f.name for f in files]}
        (tmp / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
        old = None
        if folder.exists():
            old = folder.with_name(f".esco-old-{os.getpid()}")
            os.replace(folder, old)
        os.replace(tmp, folder)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Imported(folder, key, version, counts), True


# Merging into the transition graph ---------------------------------------------------------
