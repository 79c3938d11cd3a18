"""The import's fast checks must agree with the span-by-span ones that name each problem:
a fast "valid" that the detailed checks would refuse lets bad data into the project."""

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.input_checks import record_problems
from annotator.core.model import AnnotatedDocument, Document, Span, spans_plainly_valid, validate_span
from annotator.core.schema import default_schema

SCHEMA = default_schema()
# Arabic letters with harakat, a Latin letter, digits, a CRLF pair, an emoji with a skin tone
# and a ZWJ, an Arabic number sign (a prefix that joins the next character): every kind of
# grapheme edge an offset can fall on.
PIECES = ["ق", "ا", "ل", "كَ", "تَ", "بَ", " ", "a", "7", "\r\n", "\n", "👍🏽", "👨‍👩", "\u0600", "١", "«", "»", "."]
LABELS = [("entity", "PER"), ("entity", "GPE"), ("quote", "QUOTE"), ("speaker", "SPEAKER"), ("entity", "NOPE"),
          ("nolayer", "PER"), ("cue", "CUE")]


@st.composite
def documents_with_spans(draw):
    text = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30)))
    spans = []
    for n in range(draw(st.integers(0, 6))):
        # Mostly spans that could be valid (so that one bad edge or name decides), sometimes junk.
        start, end = sorted(draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=2)))
        if draw(st.integers(0, 5)) == 0:
            start = draw(st.sampled_from([-1, len(text) + 1, True, "3", None, end]))
        if draw(st.integers(0, 5)) == 0:
            end = draw(st.sampled_from([-1, len(text) + 1, False, None, start]))
        layer, label = draw(st.sampled_from(LABELS[:4])) if draw(st.integers(0, 5)) else draw(st.sampled_from(LABELS))
        attrs = {} if draw(st.booleans()) else draw(st.sampled_from(
            [{"type": "direct"}, {"type": "sideways"}, {"nope": "x"}, {"type": 3}, [], {"name": "أحمد"}]))
        span_id = f"T{n}" if draw(st.integers(0, 5)) else "T0"
        spans.append(Span(span_id, "d", "amal", layer, label, start, end, attrs))
    return text, spans


@given(documents_with_spans())
@settings(max_examples=1000, deadline=None)
def test_the_fast_span_check_agrees_with_validating_each_span(case):
    text, spans = case
    detailed = [problem for span in spans for problem in validate_span(span, text, SCHEMA)]
    unique_ids = len({span.id for span in spans}) == len(spans)
    assert spans_plainly_valid(spans, text, SCHEMA) == (not detailed and unique_ids)


def test_a_bad_name_is_found_after_good_names_were_remembered():
    def record(label):
        doc = Document("d", "قال أحمد", {})
        return AnnotatedDocument(doc, "amal", None, [Span("T1", "d", "amal", "entity", label, 4, 8, {})])

    assert record_problems(record("PER")) == []
    assert record_problems(record("PER")) == []  # now remembered as a usable name
    assert record_problems(record("PER\x1b[31m")) == [
        "document 'd': label 'PER\\x1b[31m' contains the control character U+001B; "
        "ids, annotator names and labels cannot hold one"]
    assert record_problems(record(" ")) == ["document 'd': label must be a non-empty string"]
    assert record_problems(record(["PER"])) == ["document 'd': label must be a non-empty string"]


TEXT = "قال كَتَبَ: «زار 👍🏽 لتركيا»\r\nنعم"
GOOD = Span("T1", "d", "amal", "quote", "QUOTE", TEXT.index("«") + 1, TEXT.index("»"), {"type": "direct"})


@pytest.mark.parametrize("change", [
    {"start": TEXT.index("كَ") + 1},  # between a letter and its haraka
    {"end": TEXT.index("👍🏽") + 1},  # inside an emoji with its skin tone
    {"end": TEXT.index("\r\n") + 1},  # between CR and LF
    {"start": 3, "end": 3}, {"start": -1}, {"end": len(TEXT) + 1}, {"start": True}, {"end": "9"},
    {"attrs": {"type": "sideways"}}, {"attrs": {"nope": "x"}}, {"attrs": {"type": 3}}, {"attrs": []},
    {"label": "PER"}, {"layer": "nolayer"},
])
def test_each_kind_of_bad_span_is_not_plainly_valid(change):
    bad = replace(GOOD, **change)
    assert validate_span(bad, TEXT, SCHEMA)  # the detailed check names it ...
    assert not spans_plainly_valid([bad], TEXT, SCHEMA)  # ... so the fast one must not pass it
    assert spans_plainly_valid([GOOD], TEXT, SCHEMA)
    assert not spans_plainly_valid([GOOD, replace(GOOD, start=GOOD.end + 1, end=GOOD.end + 2)], TEXT, SCHEMA)  # same id


def test_snap_to_graphemes_widens_split_edges_and_says_so(tmp_path):
    """A span that ends between a letter and its harakat (or inside an emoji sequence) is
    refused, with the option named; with --snap-to-graphemes it takes the whole letter and the
    import lists it; two spans that land on the same place are one."""
    import json

    from click.testing import CliRunner

    from annotator.cli import cli
    from annotator.store.project import Project

    text = "قَالَ المُتَحَدِّثُ 👨‍👩‍👧 أمس"
    family = text.index("👨")
    records = [{"id": "d", "text": text, "annotator": "amal", "spans": [
        {"id": "A", "start": 0, "end": 1, "label": "PER"}, {"id": "B", "start": 0, "end": 2, "label": "PER"},
        {"id": "C", "start": family, "end": family + 2, "label": "MISC"}],
        "relations": []}]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")

    def run(*args):
        return CliRunner().invoke(cli, [str(a) for a in args])

    run("init", tmp_path / "p.db")
    refused = run("import", tmp_path / "p.db", source)
    assert refused.exit_code == 1 and "--snap-to-graphemes widens such spans" in refused.output
    snapped = run("import", tmp_path / "p.db", source, "--snap-to-graphemes")
    assert snapped.exit_code == 0, snapped.output
    assert "2 span(s) widened to whole letters with their marks: A 0..1 -> 0..2; C" in snapped.output
    assert "Left out or changed (2):" in snapped.output  # widened (and a duplicate merged), not "not carried"
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        assert sorted(text[s.start:s.end] for s in proj.spans("d")) == ["قَ", "👨‍👩‍👧"]
