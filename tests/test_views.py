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
    assert "  seniority: confirmed, curated\n" in text
    assert "Requires skills (3)" in text
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
    assert [(r["type"], r["direction"], r["other"]) for r in rows[:2]] == [
        ("ToolPlatform", "out", "platform:tiktok"),
        ("ToolSkill", "out", "skill:editing"),
    ]
    assert rows[2:] == [
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


def test_a_tool_shows_what_it_serves_and_integrates_with(tiny):
    text = concept_text(describe(tiny, "https://w3id.org/smp/tool/canva"), "fr")
    assert "Sert les compétences (1)\n" in text
    assert "S’intègre à (1)\n" in text
    assert "Utilisé par (1)\n" in text


def test_a_transition_shows_its_ends_and_evidence(tiny):
    iri = "https://w3id.org/smp/transition/community-manager--strategist"
    assert concept_text(describe(tiny, iri)).splitlines() == [
        "community manager → social media strategist  (transition, "
        "transition:community-manager--strategist)",
        "  from: community manager (role, role:community-manager)",
        "  to: social media strategist (role, role:strategist)",
        "  kind: progression",
        "  weight: 0.9",
        "  years: 3",
        "  evidence: stated",
        "  sources: tiny",
    ]
    (row,) = concept_rows(describe(tiny, iri))
    assert (row["type"], row["other"], row["kind"]) == (
        "Transition",
        "transition:community-manager--strategist",
        "progression",
    )


def test_a_source_shows_what_it_supports(tiny):
    text = concept_text(describe(tiny, "https://w3id.org/smp/source/tiny"), "fr")
    lines = text.splitlines()
    assert lines[0] == "Petit article d'exemple  (source, source:tiny)"
    assert "  langue: fr" in lines
    assert "Affirmations (1)" in lines
    assert "Appuie: exigence de compétence (11)" in lines
    assert "  … et 1 de plus (-f json les donne tous)" in lines
    assert "Appuie: transition (3)" in lines
    assert len(concept_rows(describe(tiny, "https://w3id.org/smp/source/tiny"))) == 16


def test_a_claim_shows_its_statement_and_what_it_is_about(tiny):
    text = concept_text(describe(tiny, "https://w3id.org/smp/claim/tiny-tiktok"), "fr")
    assert text.splitlines() == [
        "TikTok émerge.  (affirmation, claim:tiny-tiktok)",
        "  énoncé fr: TikTok émerge.",
        "  énoncé en: TikTok is emerging.",
        "  tendance: rising",
        "  concerne: TikTok",
        "  sources: tiny",
    ]
