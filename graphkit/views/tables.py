"""The shared pieces of every view: aligned text tables, csv, json, and naming IRIs by label.

JSON is the stable contract: it is the library's plain data, unchanged. Tables and csv are
views of it. Nothing here reads the graph.
"""

import csv
import io
import json
from collections.abc import Iterable, Sequence

from graphkit.graph.prefixes import BASE, curie

__all__ = ["FORMATS", "csv_text", "json_text", "labelled", "local_source", "table"]

#: The output formats every command offers.
FORMATS = ("table", "json", "csv")


def table(
    rows: Sequence[dict],
    columns: Sequence[str],
    *,
    indent: str = "",
    headers: dict[str, str] | None = None,
) -> str:
    """Align `rows` under `columns` (titled by `headers` where given); numbers right-aligned.

    Examples
    --------
    >>> print(table([{"name": "Role", "count": 19}, {"name": "Skill", "count": 52}],
    ...             ["name", "count"]))
    name   count
    Role      19
    Skill     52
    """
    titles = [(headers or {}).get(c, c) for c in columns]
    cells = [[_cell(row.get(c, "")) for c in columns] for row in rows]
    widths = [max([len(t), *(len(r[i]) for r in cells)]) for i, t in enumerate(titles)]
    numeric = [
        all(isinstance(row.get(c), int | float) for row in rows if row.get(c) != "")
        for c in columns
    ]

    def line(values: Iterable[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return (indent + "  ".join(parts)).rstrip()

    return "\n".join([line(titles), *(line(r) for r in cells)])


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def csv_text(rows: Sequence[dict], columns: Sequence[str]) -> str:
    r"""Write `rows` as CSV with a header line.

    Examples
    --------
    >>> csv_text([{"a": 1, "b": "x, y"}], ["a", "b"])
    'a,b\r\n1,"x, y"\r\n'
    """
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: _cell(row.get(c, "")) for c in columns})
    return out.getvalue()


def json_text(data) -> str:
    """Write `data` as indented JSON, keeping non-ASCII characters as they are.

    Examples
    --------
    >>> print(json_text({"fr": "modération"}), end="")
    {
      "fr": "modération"
    }
    """
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _label(labels: dict, lang: str) -> str:
    return labels.get(lang) or labels.get("en") or next(iter(labels.values()), "")


def _name(iri: str, labels: dict, lang: str) -> str:
    return _label(labels.get(iri, {}), lang) or curie(iri)


def _value_name(code: str | None, labels: dict, lang: str) -> str:
    """Name a controlled value (``essential``, ``lateral``…) by its TBox label in `lang`."""
    if not code:
        return ""

    for iri in (BASE + code.capitalize(), BASE + code):
        if iri in labels:
            return _label(labels[iri], lang) or code
    # a code of a camel-case value (smp:GroupStated → "groupstated")
    iri = next((k for k in labels if k.startswith(BASE) and k[len(BASE) :].lower() == code), None)
    return _label(labels[iri], lang) if iri else code


def local_source(iri: str) -> str:
    """Name a source briefly by the last segment of its IRI.

    Examples
    --------
    >>> local_source("https://w3id.org/smp/source/seed-003")
    'seed-003'
    """
    return iri.rsplit("/", 1)[-1]


def labelled(data, labels: dict):
    """Return a copy of `data` where every known IRI string ``x`` becomes ``{"iri", "label"}``.

    This is the JSON contract of route, gap and suggestion results: IRIs with their labels.

    Examples
    --------
    >>> labelled({"role": "https://x/a", "n": 2, "xs": ["https://x/b"]},
    ...          {"https://x/a": {"en": "A"}})
    {'role': {'iri': 'https://x/a', 'label': {'en': 'A'}}, 'n': 2, 'xs': ['https://x/b']}
    """
    if isinstance(data, dict):
        return {k: labelled(v, labels) for k, v in data.items()}
    if isinstance(data, list):
        return [labelled(v, labels) for v in data]
    if isinstance(data, str) and data in labels:
        return {"iri": data, "label": labels[data]}
    return data
