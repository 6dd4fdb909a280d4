from graphkit.graph.concepts import describe
from graphkit.views.concepts import concept_rows, concept_text
from graphkit.views.tables import csv_text, json_text, table


def test_table_without_rows_prints_the_header():
    assert table([], ["name", "count"]) == "name  count"


def test_table_right_aligns_numbers_and_formats_floats():
    out = table([{"a": "x", "w": 0.5}, {"a": "long", "w": 1.0}], ["a", "w"])
    assert out.splitlines() == ["a       w", "x     0.5", "long    1"]


def test_csv_joins_lists():
    assert csv_text([{"a": ["x", "y"]}], ["a"]) == 'a\r\n"x, y"\r\n'


def test_json_keeps_accents():
    assert json_text({"fr": "modération"}) == '{\n  "fr": "modération"\n}\n'


def test_concept_text_english_blocks(tiny):
    text = concept_text(describe(tiny, "https://w3id.org/smp/role/community-manager"))
    assert text.splitlines()[:3] == [
        "community manager  (role, role:community-manager)",
        "  en: community manager",
        "  fr: community manager",
    ]
    assert "Skills required (3)" in text
    assert "Leads to (1)" in text
    block = text.split("Leads to (1)\n")[1].splitlines()
    assert block[0].split() == ["label", "kind", "weight", "years", "evidence", "sources"]
    assert block[1].split() == [
        "social",
        "media",
        "strategist",
        "progression",
        "0.9",
        "3",
        "stated",
        "tiny",
    ]


def test_concept_rows_use_curies_and_short_source_names(tiny):
    rows = concept_rows(describe(tiny, "https://w3id.org/smp/tool/canva"))
    assert rows == [
        {
            "type": "ToolUse",
            "direction": "in",
            "other": "role:community-manager",
            "label": "community manager",
            "kind": "",
            "importance": "",
            "weight": 0.5,
            "typical_years": "",
            "trend": "",
            "evidence": "curated",
            "sources": "graphkit-curation",
        }
    ]
