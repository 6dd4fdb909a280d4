"""ESCO inside: import the official ESCO CSV export and merge its occupations into the routes.

The import is a user-side action: the ESCO export (two zips of CSV files) is read once, with
the :mod:`csv` module, into a folder of the user's data directory (:func:`data_home`):

- ``esco.nt``: ESCO as RDF, with ESCO's own URIs and model (``esco:Occupation``,
  ``esco:Skill``, SKOS labels, ``skos:broader`` to ISCO groups and along the skill pillar,
  ``esco:relatedEssentialSkill`` / ``esco:relatedOptionalSkill``), the version and the
  inference parameters recorded; it is loaded as the named graph :data:`ESCO_GRAPH` only when
  asked (``load_dataset(include_imported=True)``);
- ``esco.pickle``: the same occupations, skills and relations as plain tables, which the route
  projection reads without rdflib;
- ``meta.json``: the version, the content key (SHA-256 of the input files) and the counts.

The folder is written to a temporary folder then renamed, so a failed import leaves nothing
half-written; importing the same files again is a no-op ("already imported").

Routes at scale (:func:`merge_esco`): every ESCO occupation becomes a role node of the
transition graph. An occupation A leads to B when A's skills cover at least `threshold` of
B's weighted requirements (essential 1, optional 0.5: :data:`graphkit.scoring.IMPORTANCE`),
computed for all pairs at once as one sparse product (:data:`ESCO_INFERENCE`); graphkit's roles
take part with their own requirements, their skills translated to ESCO's through the skill
alignments. A graphkit role aligned to an ESCO occupation (``skos:exactMatch`` or
``skos:closeMatch``) is joined to it by an "alignment" move both ways: no typical years, the
skill gap of the move, curated evidence. The two nodes stay distinct (unifying them would
lose either graphkit's sourced requirements or ESCO's), and the alignment move is what lets a
route start in ESCO (journalist, sales assistant) and end at a graphkit role.
"""

import csv
import hashlib
import io
import json
import os
import pickle
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from graphkit.errors import GraphkitError
from graphkit.scoring import IMPORTANCE

__all__ = [
    "ESCO_GRAPH",
    "ESCO_INFERENCE",
    "EscoFileError",
    "Imported",
    "data_home",
    "find_imported",
    "import_esco",
    "merge_esco",
    "read_export",
]

#: The named graph of the imported ESCO.
ESCO_GRAPH = "https://w3id.org/smp/graph/esco"

ESCO_MODEL = "http://data.europa.eu/esco/model#"
_OCCUPATION = "http://data.europa.eu/esco/occupation/"
_SKILL = "http://data.europa.eu/esco/skill/"

#: How inferred moves across ESCO are computed; recorded in the graph and the projection.
ESCO_INFERENCE = {
    "method": "esco-sparse-skill-coverage",
    "threshold": 0.2,
    "top_k": 10,
    "essential": IMPORTANCE["essential"],
    "optional": IMPORTANCE["optional"],
    "description": (
        "Over all ESCO occupations and graphkit roles, A is inferred to lead to B when A's "
        "skills cover at least `threshold` of B's requirements, each weighted by importance "
        "(essential 1, optional 0.5; graphkit's requirements also by their weight): "
        "coverage(A→B) = Σ_{s∈B} w_B(s)·[A has s] / Σ_s w_B(s), asymmetric, computed as one "
        "sparse product of the occupations × skills matrices. A move is kept when A is among "
        "the `top_k` best sources of B or B among the `top_k` best targets of A."
    ),
}

#: The CSV files read, with the columns each must have.
FILES = {
    "occupations": ("occupations_en.csv", ("conceptUri", "iscoGroup", "preferredLabel")),
    "skills": ("skills_en.csv", ("conceptUri", "preferredLabel")),
    "isco": ("ISCOGroups_en.csv", ("conceptUri", "code", "preferredLabel")),
    "relations": (
        "occupationSkillRelations.csv",
        ("occupationUri", "relationType", "skillUri"),
    ),
    "skill_broader": ("broaderRelationsSkillPillar.csv", ("conceptUri", "broaderUri")),
}


class EscoFileError(GraphkitError):
    """An ESCO export file is missing or malformed; the message names the file and line.

    Examples
    --------
    >>> str(EscoFileError("skills_en.csv", "column preferredLabel is empty", line=7))
    'skills_en.csv:7: column preferredLabel is empty'
    """

    def __init__(self, file: str, reason: str, *, line: int | None = None):
        self.file, self.reason, self.line = file, reason, line
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {reason}")


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


def _inputs(sources: Iterable[Path]) -> list[Path]:
    """List the zips and CSV files of `sources` (folders are searched one level deep)."""
    files: list[Path] = []
    for source in sources:
        source = Path(source)
        if source.is_dir():
            files += sorted(p for p in source.iterdir() if p.suffix in (".zip", ".csv"))
        elif source.is_file():
            files.append(source)
        else:
            raise EscoFileError(str(source), "no such file or folder")
    return files


def content_key(files: Iterable[Path]) -> str:
    """Hash the input files (names and bytes): the import's identity."""
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.name):
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def guess_version(files: Iterable[Path]) -> str:
    """Read the ESCO version from the file or folder names (``esco-v1.1.1``), else "unknown".

    Examples
    --------
    >>> guess_version([Path("/d/esco-v1.1.1/relations-csv.zip")])
    '1.1.1'
    >>> guess_version([Path("x.zip")])
    'unknown'
    """
    for path in files:
        if m := re.search(r"v(\d+(?:\.\d+)+)", str(path)):
            return m.group(1)
    return "unknown"


class _Members:
    """The CSV files found in the zips and folders, opened by name."""

    def __init__(self, files: list[Path]):
        self.where: dict[str, tuple[Path, str | None]] = {}
        for path in files:
            if path.suffix == ".zip":
                try:
                    with zipfile.ZipFile(path) as archive:
                        for name in archive.namelist():
                            self.where.setdefault(Path(name).name, (path, name))
                except (zipfile.BadZipFile, OSError) as err:
                    raise EscoFileError(str(path), f"not a readable zip: {err}") from err
            else:
                self.where.setdefault(path.name, (path, None))

    @contextmanager
    def open(self, name: str) -> Iterator[io.TextIOBase]:
        if name not in self.where:
            raise EscoFileError(name, "missing from the ESCO export (not in any zip or folder)")
        path, member = self.where[name]
        if member is None:
            with path.open(encoding="utf-8", newline="") as stream:
                yield stream
        else:
            with zipfile.ZipFile(path) as archive, archive.open(member) as raw:
                yield io.TextIOWrapper(raw, encoding="utf-8", newline="")


def _rows(members: _Members, what: str) -> Iterator[tuple[int, dict]]:
    """Yield (line, row) of one CSV file, checking its columns and required values."""
    name, required = FILES[what]
    with members.open(name) as stream:
        reader = csv.DictReader(stream)
        try:
            header = reader.fieldnames or []
        except (csv.Error, UnicodeDecodeError) as err:
            raise EscoFileError(name, f"unreadable header: {err}", line=1) from err
        missing = [c for c in required if c not in header]
        if missing:
            raise EscoFileError(name, f"missing column {', '.join(missing)}", line=1)
        try:
            for row in reader:
                for column in required:
                    if not (row.get(column) or "").strip():
                        raise EscoFileError(name, f"column {column} is empty", line=reader.line_num)
                yield reader.line_num, row
        except (csv.Error, UnicodeDecodeError) as err:
            raise EscoFileError(name, f"malformed CSV: {err}", line=reader.line_num) from err


def _uri(value: str, name: str, column: str, line: int) -> str:
    value = value.strip()
    if not value.startswith("http") or any(c in value for c in ' <>"{}|\\^`'):
        raise EscoFileError(name, f"column {column}: not a URI: {value!r}", line=line)
    return value


def _split(labels: str | None) -> list[str]:
    return [s.strip() for s in (labels or "").splitlines() if s.strip()]


def read_export(sources: Iterable[Path], *, progress: Callable[[str], None] | None = None) -> dict:
    """Read the ESCO CSV export into plain tables.

    Parameters
    ----------
    sources : iterable of pathlib.Path
        Folders holding the zips (or the CSV files), or the zips themselves.
    progress : callable, optional
        Called with the name of each step as it starts.

    Returns
    -------
    dict
        ``occupations`` and ``skills`` (lists of ``(iri, prefLabel, altLabels, extra)``,
        extra being the ISCO code or the skill type), ``isco`` (``(iri, code, label)``),
        ``relations`` (``(occupation index, skill index, essential)``), ``dangling`` (how many
        relations name an occupation or skill the export does not list: skipped) and
        ``skill_broader`` (``(narrower, broader)`` IRIs).

    Raises
    ------
    EscoFileError
        If a file is missing or malformed (the message names the file, line and column).
    """
    members = _Members(_inputs(sources))
    note = progress or (lambda step: None)
    tables: dict = {}
    note("occupations")
    name = FILES["occupations"][0]
    tables["occupations"] = [
        (
            _uri(r["conceptUri"], name, "conceptUri", line),
            r["preferredLabel"].strip(),
            _split(r.get("altLabels")),
            r["iscoGroup"].strip(),
        )
        for line, r in _rows(members, "occupations")
    ]
    note("skills")
    name = FILES["skills"][0]
    tables["skills"] = [
        (
            _uri(r["conceptUri"], name, "conceptUri", line),
            r["preferredLabel"].strip(),
            _split(r.get("altLabels")),
            (r.get("skillType") or "").strip(),
        )
        for line, r in _rows(members, "skills")
    ]
    note("ISCO groups")
    tables["isco"] = [
        (r["conceptUri"].strip(), r["code"].strip(), r["preferredLabel"].strip())
        for _, r in _rows(members, "isco")
    ]
    note("occupation–skill relations")
    occupation = {o[0]: i for i, o in enumerate(tables["occupations"])}
    skill = {s[0]: i for i, s in enumerate(tables["skills"])}
    name = FILES["relations"][0]
    relations, dangling = [], 0
    for line, r in _rows(members, "relations"):
        kind = r["relationType"].strip()
        if kind not in IMPORTANCE:
            raise EscoFileError(
                name, f"column relationType: {kind!r} is not essential or optional", line=line
            )
        o, s = r["occupationUri"].strip(), r["skillUri"].strip()
        if o not in occupation or s not in skill:
            dangling += 1  # the official export has a few; counted, not fatal
            continue
        relations.append((occupation[o], skill[s], kind == "essential"))
    tables["relations"], tables["dangling"] = relations, dangling
    note("skill hierarchy")
    tables["skill_broader"] = [
        (r["conceptUri"].strip(), r["broaderUri"].strip())
        for _, r in _rows(members, "skill_broader")
    ]
    return tables


# Writing the import ------------------------------------------------------------------------


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
    for iri, label, alts, isco in tables["occupations"]:
        yield f"<{iri}> {rdf_type} <{ESCO_MODEL}Occupation> .\n"
        yield f"<{iri}> {pref} {_literal(label)}@en .\n"
        for a in alts:
            yield f"<{iri}> {alt} {_literal(a)}@en .\n"
        yield f"<{iri}> {broader} <http://data.europa.eu/esco/isco/C{isco}> .\n"
    for iri, label, alts, kind in tables["skills"]:
        yield f"<{iri}> {rdf_type} <{ESCO_MODEL}Skill> .\n"
        yield f"<{iri}> {pref} {_literal(label)}@en .\n"
        for a in alts:
            yield f"<{iri}> {alt} {_literal(a)}@en .\n"
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
    key = content_key(files)
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


def _aligned(dataset, prefix: str) -> dict[str, list[str]]:
    """Graphkit concept → ESCO concepts it exactly or closely matches (exact first)."""
    from rdflib.namespace import SKOS

    found: dict[str, list[str]] = {}
    for prop in (SKOS.exactMatch, SKOS.closeMatch):
        for s, o in sorted(dataset.subject_objects(prop)):
            if str(o).startswith(prefix):
                found.setdefault(str(s), []).append(str(o))
    return found


def alignments(dataset) -> dict:
    """Read the role and skill alignments to ESCO from a loaded dataset.

    Returns
    -------
    dict
        ``roles``: graphkit role → ESCO occupations; ``skills``: ESCO skill → the graphkit
        skill it is aligned with (exactMatch first, then closeMatch).
    """
    skills: dict[str, str] = {}
    for ours, theirs in _aligned(dataset, _SKILL).items():
        for esco in theirs:
            skills.setdefault(esco, ours)
    return {"roles": _aligned(dataset, _OCCUPATION), "skills": skills}


def merge_esco(G, imported: Imported, aligned: dict, *, params: dict | None = None):
    """Add ESCO's occupations, inferred moves and alignment moves to a transition graph.

    Parameters
    ----------
    G : networkx.DiGraph
        A transition graph (:func:`graphkit.project.to_transition_graph`); changed in place.
    imported : Imported
        The imported ESCO.
    aligned : dict
        :func:`alignments` of the dataset `G` was projected from.
    params : dict, optional
        Overrides of :data:`ESCO_INFERENCE` (``threshold``, ``top_k``).

    Returns
    -------
    list of graphkit.names.NameEntry
        The names of ESCO's occupations (kind "role") and skills (kind "skill"), ranked after
        graphkit's own (prefLabel 3, altLabel 4) so that graphkit's labels win on clashes.
        An occupation whose label is a graphkit role's is shown as "label (ESCO)", and
        answers to that name too.
    """
    import numpy as np
    from scipy import sparse

    from graphkit.names import NameEntry, normalize

    params = {**ESCO_INFERENCE, **(params or {})}
    with imported.tables.open("rb") as stream:
        tables = pickle.load(stream)
    # the source graphkit already cites for ESCO-stated requirements (source:esco-v1-1-1)
    source = f"https://w3id.org/smp/source/esco-v{tables['version'].replace('.', '-')}"
    labels = G.graph["labels"]
    labels.setdefault(source, {"en": f"ESCO v{tables['version']}"})
    mapped = aligned["skills"]
    skill_iris = [mapped.get(s[0], s[0]) for s in tables["skills"]]
    entries = []
    for (iri, label, alts, _), ours in zip(tables["skills"], skill_iris, strict=True):
        labels.setdefault(ours, {"en": label})
        if ours == iri:
            entries.append(NameEntry(iri, "skill", label, 3, label))
            entries += [NameEntry(iri, "skill", a, 4, label) for a in alts]
    requirement = {
        flag: {
            "weight": 1.0,
            "importance": "essential" if flag else "optional",
            "evidence": "stated",
            "sources": [source],
        }
        for flag in (True, False)
    }
    profiles: dict[int, dict] = {}
    for o, s, essential in tables["relations"]:
        held = profiles.setdefault(o, {})
        ours = skill_iris[s]
        if not (ours in held and held[ours]["importance"] == "essential"):
            held[ours] = requirement[essential]
    ours = {normalize(d["label"]) for _, d in G.nodes(data=True)}
    for index, (iri, label, alts, _) in enumerate(tables["occupations"]):
        if normalize(label) in ours:  # graphkit's journalist and ESCO's: tell them apart
            label = f"{label} (ESCO)"
        G.add_node(
            iri,
            kind="role",
            label=label,
            labels={"en": label},
            deprecated=False,
            skills=profiles.get(index, {}),
            platforms={},
            tools={},
            esco=True,
        )
        labels[iri] = {"en": label}
        entries.append(NameEntry(iri, "role", tables["occupations"][index][1], 3, label))
        entries.append(NameEntry(iri, "role", label, 3, label))
        entries += [NameEntry(iri, "role", a, 4, label) for a in alts]
    _add_similar(G, params, np, sparse)
    for role, occupations in aligned["roles"].items():
        if role not in G:
            continue
        for occupation in occupations:
            if occupation in G:
                _align(G, role, occupation)
                _align(G, occupation, role)
    G.graph["esco"] = {
        "version": tables["version"],
        "key": imported.key,
        "inference": {k: v for k, v in params.items()},
    }
    return entries


def _add_similar(G, params: dict, np, sparse) -> None:
    """Add the inferred moves that involve an ESCO occupation, from one sparse product."""
    nodes = [n for n, d in G.nodes(data=True) if not d["deprecated"]]
    column: dict[str, int] = {}
    rows, cols, weights = [], [], []
    for i, node in enumerate(nodes):
        for skill, req in G.nodes[node]["skills"].items():
            rows.append(i)
            cols.append(column.setdefault(skill, len(column)))
            weights.append(req["weight"] * IMPORTANCE[req["importance"]])
    shape = (len(nodes), len(column))
    W = sparse.csr_matrix((weights, (rows, cols)), shape=shape, dtype=np.float64)
    H = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape, dtype=np.float64)
    H.data[:] = 1.0  # duplicates summed: held or not
    totals = np.asarray(W.sum(axis=1)).ravel()
    totals[totals == 0] = np.inf
    # covered[a, b] = Σ_s [a holds s] · w_b(s); share = covered / Σ_s w_b(s)
    covered = (H @ W.T).tocoo()
    a, b = covered.row, covered.col
    share = covered.data / totals[b]
    esco = np.array([bool(G.nodes[n].get("esco")) for n in nodes])
    keep = (share >= params["threshold"]) & (a != b) & (esco[a] | esco[b])
    a, b, share = a[keep], b[keep], share[keep]
    top = np.zeros(len(a), dtype=bool)
    for group in (b, a):  # the best sources of each target, the best targets of each source
        order = np.lexsort((-share, group))
        ranked = group[order]
        first = np.searchsorted(ranked, ranked, side="left")
        top[order[np.arange(len(order)) - first < params["top_k"]]] = True
    from graphkit.project import inferred_move

    for u, v, value in zip(a[top].tolist(), b[top].tolist(), share[top].tolist(), strict=True):
        source, target = nodes[u], nodes[v]
        if not G.has_edge(source, target):
            G.add_edge(source, target, **inferred_move(value, params["method"]))


def _align(G, u: str, v: str) -> None:
    """Join a graphkit role and its aligned ESCO occupation by an alignment move."""
    from graphkit.scoring import coverage

    share = coverage(G.nodes[v]["skills"], G.nodes[u]["skills"])
    G.add_edge(
        u,
        v,
        predicate="http://www.w3.org/2004/02/skos/core#closeMatch",
        transition=None,
        kind="alignment",
        years=0.0,
        weight=1.0,
        evidence="curated",
        sources=[],
        quotes=[],
        gap=1.0 - share,
    )
