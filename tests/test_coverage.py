"""The coverage report (graphkit.stats.coverage) against the floors the README states."""

import re
from pathlib import Path

import pytest

from graphkit.stats.coverage import SCHEMES, coverage_report

README = Path(__file__).resolve().parents[1] / "README.md"
#: The README's table headings, mapped to the report's keys.
MEASURES = {
    "count": "count",
    "fr+en labels": "bilingual",
    "fr+en definition": "defined",
    "source": "sourced",
    **{scheme: scheme for scheme in SCHEMES},
}


def _tables(text: str) -> list[list[dict]]:
    """The Markdown tables of the README's "### Coverage" section, as lists of rows."""
    section = text.split("### Coverage", 1)[1].split("\n#", 1)[0]
    tables, current = [], []
    for line in [*section.splitlines(), ""]:
        if line.startswith("|"):
            current.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif current:
            header, rows = current[0], [r for r in current[1:] if not set("".join(r)) <= {"-"}]
            tables.append([dict(zip(header, row, strict=True)) for row in rows])
            current = []
    return tables


def _floors() -> list[tuple]:
    """Every (section, class, measure, floor) that the README states."""
    found = []
    for rows in _tables(README.read_text(encoding="utf-8")):
        for row in rows:
            section, name = ("concepts", row["class"]) if "class" in row else ("links", row["link"])
            for heading, cell in row.items():
                if heading in ("class", "link") or not cell:
                    continue
                floor = float(cell.rstrip("%")) / 100 if cell.endswith("%") else int(cell)
                found.append((section, name, MEASURES[heading], floor))
    return found


FLOORS = _floors()


@pytest.fixture(scope="module")
def report(dataset):
    return coverage_report(dataset)


def test_the_readme_states_floors_for_every_class():
    assert {(s, n) for s, n, _, _ in FLOORS} >= {
        ("concepts", c) for c in ("Role", "Skill", "Platform", "Tool", "Credential")
    } | {("links", "Transition")}
    assert len(FLOORS) >= 30


@pytest.mark.parametrize(
    ("section", "name", "measure", "floor"),
    FLOORS,
    ids=[f"{n}-{m}" for _, n, m, _ in FLOORS],
)
def test_coverage_reaches_the_floor(report, section, name, measure, floor):
    entry = report[section][name]
    value = entry[measure] if measure in entry else entry["aligned"][measure]
    assert value >= floor, f"{name} {measure}: {value} < {floor} (README, ### Coverage)"


def test_labels_definitions_and_sources_are_complete(report):
    """The issue's bar: 100% bilingual labels and definitions, 100% sourced links."""
    for name, entry in report["concepts"].items():
        assert entry["bilingual"] == entry["defined"] == entry["sourced"] == 1.0, name
    for name, entry in report["links"].items():
        assert entry["sourced"] == 1.0, name


def test_report_on_a_graph_without_alignments(tiny):
    report = coverage_report(tiny)
    assert report["concepts"]["Role"]["count"] == 4
    assert set(report["concepts"]["Role"]["aligned"]) == set(SCHEMES)
    assert all(v == 0.0 for v in report["concepts"]["Role"]["aligned"].values())
    assert report["concepts"]["Platform"]["count"] >= 1


def test_floor_parsing_reads_percentages_and_counts():
    text = "### Coverage\n| class | count | esco |\n|---|---|---|\n| Role | 40 | 80% |\n\n## Next\n"
    assert _tables(text) == [[{"class": "Role", "count": "40", "esco": "80%"}]]
    assert re.match(r"\d+", "40")
