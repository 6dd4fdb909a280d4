"""Read the official ESCO CSV export (its zips, or a folder of them), checking every file.

Errors name the file, the line and the column (:class:`EscoFileError`); nothing is written here.
"""

import csv
import hashlib
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from graphkit.errors import GraphkitError
from graphkit.routes.scoring import IMPORTANCE

__all__ = [
    "FILES",
    "EscoFileError",
    "content_key",
    "guess_version",
    "isco_skill_levels",
    "read_export",
]

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


def content_key(files: Iterable[Path], *, salt: str = "") -> str:
    """Hash the input files (names and bytes) after `salt`: the import's identity."""
    digest = hashlib.sha256(salt.encode())
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


def _concepts(members: _Members, what: str, extra: str) -> list[tuple]:
    """Read the concepts of one file as ``(iri, prefLabel, altLabels, extra column)``."""
    name = FILES[what][0]
    return [
        (
            _uri(r["conceptUri"], name, "conceptUri", line),
            r["preferredLabel"].strip(),
            _split(r.get("altLabels")),
            (r.get(extra) or "").strip(),
        )
        for line, r in _rows(members, what)
    ]


#: How an ISCO-08 group's definition states its skill level ("Competent performance in most
#: occupations in this major group requires skills at the fourth ISCO skill level").
_SKILL_LEVEL = re.compile(r"\brequires? skills at the (first|second|third|fourth) ISCO skill level")
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def isco_skill_levels(definitions: dict[str, str]) -> dict[str, int]:
    """Read the ILO skill level each ISCO-08 group's definition states, by group code.

    ISCO-08 (ILO, 2012) defines four skill levels, a function of the complexity and range of
    the tasks (1: simple and routine … 4: complex problem-solving, usually after higher
    education), and states in the definition of each major and sub-major group the level most
    of its occupations require; ESCO publishes these definitions with the groups
    (``ISCOGroups_en.csv``, column ``description``). The first level a definition names counts:
    major group 1 (managers) says "fourth …, except for Sub-major Group 14", whose own
    definition says "third".

    Parameters
    ----------
    definitions : dict
        ISCO-08 group code → its definition.

    Returns
    -------
    dict
        Code → skill level (1–4), for the groups whose definition states one.

    Examples
    --------
    >>> isco_skill_levels({
    ...     "1": "… requires skills at the fourth ISCO skill level, except for Sub-major Group "
    ...          "14 …, for which skills at the third ISCO skill level are generally required.",
    ...     "14": "Competent performance … requires skills at the third ISCO skill level.",
    ...     "2432": "Public relations professionals plan …"})
    {'1': 4, '14': 3}
    """
    found = {}
    for code, text in definitions.items():
        if m := _SKILL_LEVEL.search(text):
            found[code] = _ORDINALS[m.group(1)]
    return found


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
        ``isco_skill_levels`` (:func:`isco_skill_levels` of the groups' definitions),
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
    tables["occupations"] = _concepts(members, "occupations", "iscoGroup")
    note("skills")
    tables["skills"] = _concepts(members, "skills", "skillType")
    note("ISCO groups")
    groups = [r for _, r in _rows(members, "isco")]
    tables["isco"] = [
        (r["conceptUri"].strip(), r["code"].strip(), r["preferredLabel"].strip()) for r in groups
    ]
    tables["isco_skill_levels"] = isco_skill_levels(
        {r["code"].strip(): r.get("description") or "" for r in groups}
    )
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
