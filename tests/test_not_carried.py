"""Nothing dropped unseen: what an import cannot carry is reported (standard error and
--report), what it can carry is kept (notes, meta, predictions as suggestions)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import UNEXPECTED_FAILURE, cli
from annotator.store.project import Project

DATA = Path(__file__).parent / "data"
BIONLP_SCHEMA = """
[[layer]]
name = "entity"
  [[layer.label]]
  name = "Protein"
  color = "#e6194b"
  [[layer.label]]
  name = "Negative_regulation"
  color = "#3cb44b"
  [[layer.label]]
  name = "Binding"
  color = "#4363d8"
  [[layer.label]]
  name = "Gene_expression"
  color = "#f58231"
"""


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "p.db"
    assert invoke("init", path).exit_code == 0
    return path


def test_brat_events_are_reported_and_the_document_kept(tmp_path):
    schema = tmp_path / "bionlp.toml"
    schema.write_text(BIONLP_SCHEMA, encoding="utf-8")
    path = tmp_path / "p.db"
    assert invoke("init", path, "--schema", schema).exit_code == 0
    report = tmp_path / "not-carried.tsv"
    result = invoke("import", path, DATA / "brat-bionlp-ge", "--format", "brat", "--annotator", "ge", "--report",
                    report)
    assert result.exit_code == 0, result.output
    assert "Imported 1 new document(s)" in result.output and "10 span(s)" in result.output
    assert "Left out or changed (5)" in result.output and "an event" in result.output
    rows = report.read_text(encoding="utf-8").splitlines()
    assert rows[0] == "source\tnot carried" and len(rows) == 6
    assert all("E" in row.split("\t")[1] for row in rows[1:])


def test_brat_free_notes_are_kept_and_written_back(project, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "d.txt").write_text("زار أحمد القاهرة", encoding="utf-8")
    (folder / "d.ann").write_text("T1\tPER 4 8\tأحمد\n#1\tAnnotatorNotes T1\tcheck the spelling\n", encoding="utf-8")
    assert invoke("import", project, folder, "--format", "brat", "--annotator", "amal").exit_code == 0
    with Project.open(project, readonly=True) as proj:
        assert proj.document("d").meta["brat_notes"][0]["note"] == "check the spelling"
    out = tmp_path / "out"
    assert invoke("export", project, "-f", "brat", "-o", out, "--annotator", "amal").exit_code == 0
    assert "AnnotatorNotes T1\tcheck the spelling" in (out / "d.ann").read_text(encoding="utf-8")


def test_doccano_and_prodigy_meta_is_kept(project, tmp_path):
    doccano = tmp_path / "d.jsonl"
    doccano.write_text(json.dumps({"id": 7, "text": "زار أحمد القاهرة", "label": [[4, 8, "PER"]],
                                   "meta": {"source_url": "https://example.org/a", "batch": 3}},
                                  ensure_ascii=False) + "\n", encoding="utf-8")
    assert invoke("import", project, doccano, "--format", "doccano").exit_code == 0
    prodigy = tmp_path / "p.jsonl"
    prodigy.write_text(json.dumps({"text": "وصل سمير", "spans": [{"start": 4, "end": 8, "label": "PER"}],
                                   "answer": "accept", "_view_id": "ner_manual",
                                   "meta": {"id": "p1", "section": "sport"}}, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    assert invoke("import", project, prodigy, "--format", "prodigy").exit_code == 0
    with Project.open(project, readonly=True) as proj:
        assert proj.document("7").meta["source_url"] == "https://example.org/a"
        assert proj.document("7").meta["batch"] == 3
        assert proj.document("p1").meta["section"] == "sport"


def test_a_doccano_exports_metadata_comments_and_a_labels_column_are_kept(project, tmp_path):
    """doccano's export puts an example's meta fields at the top of its record and its comments
    under "Comments" (only a "meta" object was read); files made for doccano by scripts often
    name the spans' column "labels": their spans were dropped without a word."""
    doccano = tmp_path / "admin.jsonl"
    doccano.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [
        {"id": 12, "text": "زار أحمد القاهرة", "label": [[4, 8, "PER"]], "Comments": ["الاسم ناقص"],
         "source_url": "https://example.org/a", "section": "politics"},
        {"id": 13, "text": "وصل سمير إلى دبي", "labels": [[4, 8, "PER"], [13, 16, "GPE"]]}]), encoding="utf-8")
    result = invoke("import", project, doccano, "--format", "doccano", "--annotator-from-file-name")
    assert result.exit_code == 0, result.output
    with Project.open(project, readonly=True) as proj:
        meta = proj.document("12").meta
        assert (meta["source_url"], meta["section"], meta["comments"]) == (
            "https://example.org/a", "politics", ["الاسم ناقص"])
        assert sorted(s.label for s in proj.spans("13", "admin")) == ["GPE", "PER"]
    classification = tmp_path / "cats.jsonl"
    classification.write_text(json.dumps({"id": 1, "text": "نص", "label": ["positive"]}) + "\n", encoding="utf-8")
    refused = invoke("import", project, classification, "--format", "doccano")
    assert refused.exit_code == 1 and "a text classification project's labels are not spans" in refused.output


def test_prodigy_answers_are_honoured(project, tmp_path):
    text = "قال سمير إن الفريق فاز"
    records = [
        {"text": text, "meta": {"id": "manual"}, "answer": "accept", "_view_id": "ner_manual",
         "spans": [{"start": 4, "end": 8, "label": "PER"}]},
        {"text": text, "meta": {"id": "rejected"}, "answer": "reject", "_view_id": "ner_manual",
         "spans": [{"start": 4, "end": 8, "label": "ORG"}]},
        {"text": text, "meta": {"id": "binary"}, "answer": "accept", "_view_id": "ner",
         "spans": [{"start": 4, "end": 8, "label": "PER"}]},
        {"text": text, "meta": {"id": "ignored"}, "answer": "ignore", "_view_id": "ner",
         "spans": [{"start": 4, "end": 8, "label": "PER"}]},
    ]
    source = tmp_path / "answers.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    result = invoke("import", project, source, "--format", "prodigy", "--annotator", "amal")
    assert result.exit_code == 0, result.output
    assert f"{source}:2: Prodigy answer 'reject'" in result.output
    assert f"{source}:4: Prodigy answer 'ignore'" in result.output
    assert "binary Prodigy answer" in result.output
    with Project.open(project, readonly=True) as proj:
        assert sorted(proj.document_ids()) == ["binary", "manual"]  # rejected tasks are no documents
        assert [s.label for s in proj.spans("manual", "amal")] == ["PER"]
        assert proj.spans("binary") == []  # not anyone's work...
        assert [s.label for s in proj.pending_suggestions("binary", "amal")] == ["PER"]  # ...but to review


def test_a_prodigy_input_answered_by_several_annotators_is_one_document(project, tmp_path):
    """Prodigy keeps a task per annotator (feed_overlap), with the input's _input_hash and no id:
    each line was a document of its own, so two annotators' work on one text could not be
    compared, and a task saved twice became a third document."""
    text = "قال سمير إن الفريق فاز في القاهرة"

    def task(who, spans, view="ner_manual", answer="accept"):
        return {"text": text, "meta": {"source": "news"}, "_input_hash": -1234, "_task_hash": len(who),
                "_annotator_id": f"ner_news-{who}", "_session_id": f"ner_news-{who}", "_view_id": view,
                "answer": answer, "spans": [{"start": a, "end": b, "label": label} for a, b, label in spans]}

    other = dict(task("sam", [(4, 8, "PER")]), text="نص آخر", spans=[])  # the same hash, another text
    records = [task("alex", [(4, 8, "PER"), (26, 33, "GPE")]), task("sam", [(4, 8, "PER"), (26, 33, "LOC")]),
               task("alex", [(4, 8, "PER"), (26, 33, "GPE")]), other,
               task("teach", [(26, 33, "GPE")], view="ner"),
               task("teach", [(4, 8, "ORG")], view="ner", answer="reject"), task("teach", [(4, 8, "PER")], view="ner")]
    source = tmp_path / "ner_news.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    result = invoke("import", project, source, "--format", "prodigy")
    assert result.exit_code == 0, result.output
    assert f"{source}:3: the same answer as line 1: not imported twice" in result.output
    with Project.open(project, readonly=True) as proj:
        assert sorted(proj.document_ids()) == ["ner_news-1", "ner_news-4"]
        assert {s.annotator: s.label for s in proj.spans("ner_news-1") if s.start == 26} == {
            "ner_news-alex": "GPE", "ner_news-sam": "LOC"}
        assert sorted(s.label for s in proj.pending_suggestions("ner_news-1", "amal")) == ["GPE", "PER"]
    # A different answer by the same annotator to the same input is not chosen for them.
    records.append(task("alex", [(4, 8, "ORG")]))
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    again = tmp_path / "again.db"
    invoke("init", again)
    refused = invoke("import", again, source, "--format", "prodigy")
    assert refused.exit_code == 1 and f"{source}:8: document 'ner_news-1' by 'ner_news-alex' appears twice" in \
        refused.output


def test_label_studio_predictions_become_suggestions(project, tmp_path):
    text = "قال سمير إن الفريق فاز في القاهرة"
    tasks = [{
        "id": 1, "data": {"text": text},
        "annotations": [{"completed_by": 1, "result": [
            {"id": "a", "from_name": "entity", "to_name": "text", "type": "labels",
             "value": {"start": 4, "end": 8, "text": "سمير", "labels": ["PER"]}},
            {"id": "b", "from_name": "entity", "to_name": "text", "type": "labels",
             "value": {"start": 26, "end": 33, "text": "القاهرة", "labels": ["GPE"]}},
            {"type": "relation", "from_id": "a", "to_id": "b", "direction": "right"}]}],
        "predictions": [{"model_version": "ner-v1", "score": 0.8, "result": [
            {"id": "p", "from_name": "entity", "to_name": "text", "type": "labels",
             "value": {"start": 26, "end": 33, "text": "القاهرة", "labels": ["GPE"]}}]}],
    }]
    source = tmp_path / "ls.json"
    source.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    result = invoke("import", project, source)
    assert result.exit_code == 0, result.output
    assert "1 suggestion(s) to review" in result.output
    assert "without a label: not imported" in result.output  # an unlabelled link is not said_by
    with Project.open(project, readonly=True) as proj:
        assert [(s.label, s.start) for s in proj.pending_suggestions("1", "someone")] == [("GPE", 26)]
        assert proj.relations("1") == []


def test_identical_duplicate_spans_are_merged_and_reported(project, tmp_path):
    record = {"id": "d", "text": "زار أحمد القاهرة", "annotator": "amal",
              "spans": [{"id": "T1", "start": 4, "end": 8, "label": "PER"},
                        {"id": "T2", "start": 4, "end": 8, "label": "PER"},
                        {"id": "T3", "start": 9, "end": 16, "label": "GPE"}],
              "relations": []}
    source = tmp_path / "dup.jsonl"
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = invoke("import", project, source)
    assert result.exit_code == 0, result.output
    assert "identical duplicate span(s) merged (T2 into T1)" in result.output
    with Project.open(project, readonly=True) as proj:
        assert [s.id for s in proj.spans("d", "amal")] == ["T1", "T3"]


EMOJI_TEXT = "🎉 قال سمير إن الفريق فاز في القاهرة"  # the emoji is one code point, two UTF-16 units


def test_utf16_offsets_round_trip_with_offset_unit(project, tmp_path):
    source = tmp_path / "in.jsonl"
    start = EMOJI_TEXT.index("القاهرة")
    source.write_text(json.dumps({"id": "d", "text": EMOJI_TEXT, "annotator": "amal", "spans": [
        {"id": "T1", "start": start, "end": start + 7, "label": "GPE"}]}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    assert invoke("import", project, source).exit_code == 0
    for fmt in ("doccano", "jsonl"):
        out = tmp_path / f"utf16.{fmt}.jsonl"
        assert invoke("export", project, "-f", fmt, "-o", out, "--offset-unit", "utf16").exit_code == 0
        back = tmp_path / f"back-{fmt}.db"
        assert invoke("init", back).exit_code == 0
        result = invoke("import", back, out, "--format", fmt, "--offset-unit", "utf16")
        assert result.exit_code == 0, result.output
        with Project.open(back, readonly=True) as proj:
            (doc_id,) = proj.document_ids()
            (span,) = proj.spans(doc_id)
            assert EMOJI_TEXT[span.start:span.end] == "القاهرة"


def test_a_span_text_that_does_not_match_names_the_likely_unit(project, tmp_path):
    start = EMOJI_TEXT.index("القاهرة") + 1  # Label Studio's offsets, had they been UTF-16 units
    task = [{"id": 1, "data": {"text": EMOJI_TEXT}, "annotations": [{"result": [
        {"id": "a", "from_name": "entity", "to_name": "text", "type": "labels",
         "value": {"start": start, "end": start + 7, "text": "القاهرة", "labels": ["GPE"]}}]}]}]
    source = tmp_path / "ls.json"
    source.write_text(json.dumps(task, ensure_ascii=False), encoding="utf-8")
    before = project.read_bytes()
    result = invoke("import", project, source)
    assert result.exit_code == 1 and UNEXPECTED_FAILURE not in result.output
    assert "look like UTF-16 units: import with --offset-unit utf16" in result.output
    assert project.read_bytes() == before
    result = invoke("import", project, source, "--offset-unit", "utf16")
    assert result.exit_code == 0, result.output
    with Project.open(project, readonly=True) as proj:
        (span,) = proj.spans("1")
        assert EMOJI_TEXT[span.start:span.end] == "القاهرة"


def test_label_studio_offsets_are_code_points_by_default(project, tmp_path):
    # Label Studio counts code points (its own emoji test expects code point offsets after 🐱).
    text = "Hello 🐱 from Cairo القاهرة"
    start = text.index("القاهرة")
    task = [{"id": 2, "data": {"text": text}, "annotations": [{"result": [
        {"id": "a", "from_name": "entity", "to_name": "text", "type": "labels",
         "value": {"start": start, "end": start + 7, "text": "القاهرة", "labels": ["GPE"]}}]}]}]
    source = tmp_path / "ls.json"
    source.write_text(json.dumps(task, ensure_ascii=False), encoding="utf-8")
    result = invoke("import", project, source)
    assert result.exit_code == 0, result.output


def test_extend_schema_adds_what_the_input_uses_in_any_script(project, tmp_path):
    text = "قال المتحدث إن وزارة الصحة أعلنت"
    record = {"id": "d", "text": text, "annotator": "amal",
              "spans": [{"id": "T1", "start": 4, "end": 11, "layer": "entity", "label": "متحدث"},
                        {"id": "T2", "start": 15, "end": 26, "layer": "جهات", "label": "وزارة",
                         "attrs": {"النوع": "حكومية"}}],
              "relations": [{"id": "R1", "label": "ينتمي_إلى", "from": "T1", "to": "T2"}]}
    source = tmp_path / "arabic-labels.jsonl"
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    before = project.read_bytes()
    refused = invoke("import", project, source)
    assert refused.exit_code == 1 and "--extend-schema" in refused.output
    assert project.read_bytes() == before
    result = invoke("import", project, source, "--extend-schema")
    assert result.exit_code == 0, result.output
    assert "Schema extended (5)" in result.output
    with Project.open(project, readonly=True) as proj:
        schema = proj.schema
        assert schema.layer("entity").label("متحدث") is not None
        assert schema.layer("جهات").label("وزارة").attributes == {"النوع": ()}
        assert (schema.relation("ينتمي_إلى").from_layer, schema.relation("ينتمي_إلى").to_layer) == ("entity", "جهات")
        assert [s.label for s in proj.spans("d", "amal")] == ["متحدث", "وزارة"]
    assert "متحدث" in invoke("schema", project).output


def test_extend_schema_is_undone_with_a_failed_import(project, tmp_path):
    records = [{"id": "a", "text": "نص أول", "annotator": "amal", "spans": [{"start": 0, "end": 2, "label": "جديد"}]},
               {"id": "b", "text": "نص", "annotator": "amal", "spans": [{"start": 0, "end": 9, "label": "جديد"}]}]
    source = tmp_path / "bad.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    schema_before = invoke("schema", project).output
    result = invoke("import", project, source, "--extend-schema")
    assert result.exit_code == 1 and f"{source}:2" in result.output
    assert invoke("schema", project).output == schema_before  # the extension went with the import


def test_a_real_brat_corpus_imports_into_the_default_schema_with_extend_schema(project):
    result = invoke("import", project, DATA / "brat-bionlp-ge", "--format", "brat", "--annotator", "ge",
                    "--extend-schema")
    assert result.exit_code == 0, result.output
    assert "label 'Protein' in layer 'entity'" in result.output and "10 span(s)" in result.output
    assert "Left out or changed (5)" in result.output  # the events still cannot be held, and say so


GERMEVAL = """#\thttp://de.wikipedia.org/wiki/Manfred_Korfmann [2009-10-17]
1\tAufgrund\tO\tO
2\tseiner\tO\tO
3\tDeutschland\tB-LOC\tO
4\tbei\tO\tO
5\tBerlin\tB-ORG\tB-LOC
6\tGmbH\tI-ORG\tO

#\thttp://de.wikipedia.org/wiki/Ecce_homo [2009-10-17]
1\tDie\tO\tO
2\tKunst\tO\tO
"""


def test_an_indexed_column_file_with_nested_tags_and_comments(project, tmp_path):
    # The GermEval 2014 layout: index, token, outer tag, nested tag, and # comment lines.
    source = tmp_path / "germeval.conll"
    source.write_text(GERMEVAL, encoding="utf-8")
    result = invoke("import", project, source, "--annotator", "amal", "--extend-schema")
    assert result.exit_code == 0, result.output
    with Project.open(project, readonly=True) as proj:
        (doc_id,) = proj.document_ids()
        document = proj.document(doc_id)
        assert document.text.startswith("Aufgrund seiner Deutschland")  # tokens, not "1 2 3"
        assert document.meta["comments"][0].startswith("#\thttp://de.wikipedia.org/wiki/Manfred_Korfmann")
        found = sorted((s.layer, document.text[s.start:s.end], s.label) for s in proj.spans(doc_id, "amal"))
        # The nested column is a second layer, which --extend-schema added.
        assert found == [("entity", "Berlin GmbH", "ORG"), ("entity", "Deutschland", "LOC"),
                         ("entity_nested", "Berlin", "LOC")]
        assert proj.schema.layer("entity_nested") is not None
    assert "layer 'entity_nested'" in result.output


def test_a_column_file_that_fits_no_layout_is_refused_with_a_reason(project, tmp_path):
    source = tmp_path / "odd.conll"
    source.write_text("EU NNP B-NP B-ORG\nrejects VBZ B-VP O\ngerman JJ\n", encoding="utf-8")
    result = invoke("import", project, source, "--format", "conll")
    assert result.exit_code == 1 and f"{source}:3" in result.output and "same columns" in result.output
    conll2003 = tmp_path / "c.conll"
    conll2003.write_text("-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n", encoding="utf-8")
    result = invoke("import", project, conll2003, "--format", "conll")
    assert result.exit_code == 0, result.output
    assert "not carried" not in result.output  # POS and chunk are kept (tests/test_columns.py)


def test_label_studio_text_under_another_key(project, tmp_path):
    task = [{"id": 5, "data": {"content": "زار أحمد القاهرة", "url": "https://example.org/5"},
             "annotations": [{"result": [{"id": "a", "from_name": "entity", "to_name": "text", "type": "labels",
                                          "value": {"start": 4, "end": 8, "text": "أحمد", "labels": ["PER"]}}]}]}]
    source = tmp_path / "content.json"
    source.write_text(json.dumps(task, ensure_ascii=False), encoding="utf-8")
    result = invoke("import", project, source)
    assert result.exit_code == 1 and "no data.text (its text fields: content, url)" in result.output
    assert "--text-key" in result.output
    result = invoke("import", project, source, "--text-key", "content")
    assert result.exit_code == 0, result.output
    with Project.open(project, readonly=True) as proj:
        assert proj.document("5").text == "زار أحمد القاهرة"


def test_brat_discontinuous_spans_event_modifications_and_links_to_events_are_reported_not_fatal(project, tmp_path):
    folder = tmp_path / "bionlp"
    folder.mkdir()
    text = "IL-2 gene expression requires NF-kappa B activation and is not blocked."
    (folder / "d.txt").write_text(text, encoding="utf-8")
    ann = ("R1\tCoref Arg1:T1 Arg2:T3\n"  # before the T lines it links, as brat allows
           "T1\tPER 0 4\tIL-2\n"
           "T2\tORG 30 36;41 51\tNF-kap activation\n"  # discontinuous: two fragments apart
           "T3\tORG 30 40\tNF-kappa B\n"
           "E1\tGene_expression:T1 Theme:T3\n"
           "M1\tNegation E1\n"
           "A1\tConfidence T2 high\n"
           "R2\tCause Arg1:E1 Arg2:T3\n")
    (folder / "d.ann").write_text(ann, encoding="utf-8")
    result = invoke("import", project, folder, "--annotator", "amal", "--extend-schema", "--report", tmp_path / "r.tsv")
    assert result.exit_code == 0, result.output
    report = (tmp_path / "r.tsv").read_text(encoding="utf-8")
    for line in ("line 3: a discontinuous span", "line 5: an event", "line 6: an attribute of E1",
                 "line 7: an attribute of T2", "line 8: a relation to E1"):
        assert line in report, report
    with Project.open(project, readonly=True) as proj:
        assert sorted((s.id, text[s.start:s.end]) for s in proj.spans("d", "amal")) == \
            [("T1", "IL-2"), ("T3", "NF-kappa B")]
        (relation,) = proj.relations("d", "amal")
        assert (relation.label, relation.from_id, relation.to_id) == ("Coref", "T1", "T3")


def test_a_brat_span_whose_text_runs_over_a_line_break_is_read(tmp_path):
    """n2c2's brat files write a span across a line break with its text as it is, so the .ann
    line goes on on the next line ("every" then "12 hours"): the whole document was refused
    ("'1' lines are not brat standoff")."""
    folder = tmp_path / "n2c2"
    folder.mkdir()
    (folder / "100.txt").write_text("Take aspirin every\n12 hours please.\n", encoding="utf-8")
    (folder / "100.ann").write_text("T1\tDrug 5 12\taspirin\nT2\tFrequency 13 27\tevery\n12 hours\n"
                                    "R1\tFrequency-Drug Arg1:T2 Arg2:T1\n#1\tAnnotatorNotes T1\tbrand name\n",
                                    encoding="utf-8")
    path = tmp_path / "p.db"
    assert invoke("init", path).exit_code == 0
    result = invoke("import", path, folder, "--format", "brat", "--extend-schema")
    assert result.exit_code == 0, result.output
    with Project.open(path, readonly=True) as proj:
        text = proj.text("100")
        assert sorted(text[s.start:s.end] for s in proj.spans("100")) == ["aspirin", "every\n12 hours"]
        assert [r.label for r in proj.relations("100")] == ["Frequency-Drug"]


def test_with_extend_schema_a_refused_file_says_its_own_reason_not_the_schemas(tmp_path):
    """The extending reading could not read the file, so its labels were never added, and the
    import's second reading stopped at the first of them: "label 'Drug' is not in the project
    schema (import with --extend-schema to add it)", to someone who had."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "d.txt").write_text("Take aspirin every day.\n", encoding="utf-8")
    (folder / "d.ann").write_text("T1\tDrug 5 12\taspirin\nT2\tFrequency 13 22\tevery dai\n", encoding="utf-8")
    path = tmp_path / "p.db"
    assert invoke("init", path).exit_code == 0
    result = invoke("import", path, folder, "--format", "brat", "--extend-schema")
    assert result.exit_code != 0
    assert "the text 'every dai' does not match the offsets" in result.output
    assert "--extend-schema to add it" not in result.output


def test_brat_normalisations_are_kept_as_the_spans_knowledge_base_entries(tmp_path):
    """N lines (a span's entry in Wikidata, UMLS ...: entity linking) were dropped as
    "no such annotations in the schema"; with --extend-schema they are the span's attribute
    named after the base. A closed schema without that attribute still reports them."""
    folder = tmp_path / "linked"
    folder.mkdir()
    (folder / "d.txt").write_text("زار أكتورك تركيا.\n", encoding="utf-8")
    (folder / "d.ann").write_text("T1\tGPE 11 16\tتركيا\nN1\tReference T1 Wikidata:Q43\tTurkey\n"
                                  "N2\tReference T1 Wikidata:Q999\tTurkey\n", encoding="utf-8")
    path = tmp_path / "p.db"
    assert invoke("init", path).exit_code == 0
    result = invoke("import", path, folder, "--format", "brat", "--extend-schema")
    assert result.exit_code == 0, result.output
    assert "a second Wikidata entry for T1, kept the first" in result.output
    with Project.open(path, readonly=True) as proj:
        (span,) = proj.spans("d")
        assert span.attrs == {"Wikidata": "Q43"}
    closed = tmp_path / "q.db"
    assert invoke("init", closed).exit_code == 0
    result = invoke("import", closed, folder, "--format", "brat")
    assert result.exit_code == 0, result.output
    assert "a normalisation (no such annotations in the schema)" in result.output


def test_an_accepted_prodigy_answer_is_done_also_with_nothing_marked(project, tmp_path):
    from annotator.core.model import AnnotatedDocument, Document, Span
    from annotator.store.bulk import import_records

    """An annotator who accepted a task with nothing marked said "no entities here": that record
    was dropped (no spans, no annotator), so agreement never saw it. Our export's statuses
    come back."""
    text = "انتهى الاجتماع دون بيان"
    records = [{"text": text, "_input_hash": 7, "_annotator_id": "news-alex", "_view_id": "ner_manual",
                "answer": "accept", "spans": []},
               {"text": text, "_input_hash": 7, "_annotator_id": "news-sam", "_view_id": "ner_manual",
                "answer": "accept", "spans": [{"start": 0, "end": 5, "label": "PER"}]}]
    source = tmp_path / "news.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    result = invoke("import", project, source, "--format", "prodigy")
    assert result.exit_code == 0, result.output
    with Project.open(project, readonly=True) as proj:
        (doc_id,) = proj.document_ids()
        assert proj.stored_status(doc_id, "news-alex") == "done" and proj.spans(doc_id, "news-alex") == []
        assert proj.stored_status(doc_id, "news-sam") == "done"
    with Project.open(project) as proj:
        proj.set_status(doc_id, "news-sam", "in progress")
        import_records(proj, [AnnotatedDocument(Document(doc_id, text, {}), "news-lee", None,
                                                [Span("T1", doc_id, "news-lee", "entity", "PER", 0, 5, {})], [])])
    out = tmp_path / "out.jsonl"
    assert invoke("export", project, "-f", "prodigy", "-o", out).exit_code == 0
    back = tmp_path / "back.db"
    invoke("init", back)
    assert invoke("import", back, out, "--format", "prodigy").exit_code == 0
    with Project.open(back, readonly=True) as proj:
        assert proj.stored_status(doc_id, "news-alex") == "done"
        assert proj.stored_status(doc_id, "news-sam") == "in progress"
        assert proj.stored_status(doc_id, "news-lee") is None and len(proj.spans(doc_id, "news-lee")) == 1
        assert "status" not in proj.document(doc_id).meta


@pytest.mark.parametrize("counted", [True, False], ids=["offsets-count-the-bom", "offsets-do-not"])
def test_a_brat_txt_with_a_byte_order_mark_keeps_its_spans_on_their_words(tmp_path, counted):
    """brat's server keeps a .txt's byte order mark as a character, so its offsets are one
    more than in the text without it: every span was refused ("'أحمد' does not match the
    offsets ('حمد ')"). A tool that counted without it is read as it is."""
    import codecs

    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "d.txt").write_bytes(codecs.BOM_UTF8 + "زار أحمد القاهرة\n".encode("utf-8"))
    shift = 1 if counted else 0
    (folder / "d.ann").write_text(f"T1\tPER {4 + shift} {8 + shift}\tأحمد\nT2\tGPE {9 + shift} {16 + shift}\tالقاهرة\n",
                                  encoding="utf-8")
    path = tmp_path / "p.db"
    assert invoke("init", path).exit_code == 0
    result = invoke("import", path, folder, "--format", "brat")
    assert result.exit_code == 0, result.output
    with Project.open(path, readonly=True) as proj:
        text = proj.text("d")
        assert sorted(text[s.start:s.end] for s in proj.spans("d")) == ["أحمد", "القاهرة"]


def test_doccano_and_prodigy_jsonl_are_recognised_without_format(tmp_path):
    """A .jsonl was always read as ours: doccano's and Prodigy's exports were refused for
    "unknown keys label, Comments" / "_input_hash ..." unless --format was given (and the
    window, which has no --format, could not import them)."""
    doccano = tmp_path / "admin.jsonl"
    doccano.write_text('{"id": 1, "text": "زار أحمد القاهرة", "label": [[4, 8, "PER"]], "Comments": []}\n',
                       encoding="utf-8")
    prodigy = tmp_path / "ner_news.jsonl"
    prodigy.write_text(json.dumps({"text": "وصل سمير", "spans": [{"start": 4, "end": 8, "label": "PER"}],
                                   "_input_hash": 5, "_task_hash": 6, "_annotator_id": "news-sam",
                                   "_view_id": "ner_manual", "answer": "accept"}, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    ours = tmp_path / "ours.jsonl"
    ours.write_text('{"id": "o", "text": "نص", "spans": []}\n', encoding="utf-8")
    path = tmp_path / "p.db"
    assert invoke("init", path).exit_code == 0
    result = invoke("import", path, doccano, prodigy, ours)
    assert result.exit_code == 0, result.output
    with Project.open(path, readonly=True) as proj:
        assert [s.label for s in proj.spans("1")] == ["PER"]
        assert proj.stored_status("ner_news-1", "news-sam") == "done"
        assert "o" in proj.document_ids()


def test_a_conll_file_named_txt_is_read_as_conll_not_as_a_document_of_tags(tmp_path):
    """ANERcorp ships as ANERCorp.txt, a token and its tag a line: it was imported as one text
    document whose words were the tags."""
    corpus = tmp_path / "ANERCorp.txt"
    corpus.write_text("فرانكفورت B-LOC\n( O\nد O\nب O\nأ O\n) O\nأعلن O\nاتحاد B-ORG\nالصناعة I-ORG\n"
                      "الألماني I-ORG\n. O\n", encoding="utf-8")
    prose = tmp_path / "prose.txt"
    prose.write_text("قال المتحدث إن الوفد وصل.\nوأضاف أن الاجتماع انتهى.\nثم غادر.\n", encoding="utf-8")
    path = tmp_path / "p.db"
    assert invoke("init", path).exit_code == 0
    result = invoke("import", path, corpus, prose)
    assert result.exit_code == 0, result.output
    with Project.open(path, readonly=True) as proj:
        text = proj.text("ANERCorp")
        assert "B-LOC" not in text and sorted(text[s.start:s.end] for s in proj.spans("ANERCorp")) == [
            "اتحاد الصناعة الألماني", "فرانكفورت"]
        assert proj.text("prose").startswith("قال المتحدث")


def test_doccanos_zipped_export_of_a_project_imports_each_member_as_its_user(tmp_path):
    """doccano exports a project as a zip of one USER.jsonl per member (no user in the records):
    the zip was taken for INCEpTION's and refused ("holds one .xmi file; this one has 0")."""
    import zipfile

    archive = tmp_path / "doccano-export.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("admin.jsonl", '{"id": 1, "text": "زار أحمد القاهرة", "label": [[4, 8, "PER"]], "Comments": []}\n')
        z.writestr("amal.jsonl", '{"id": 1, "text": "زار أحمد القاهرة", "label": [[4, 8, "PER"], [9, 16, "GPE"]]}\n'
                                 '{"id": 2, "text": "وصل سمير", "label": [[4, 9, "PER"]]}\n')
    path = tmp_path / "p.db"
    assert invoke("init", path).exit_code == 0
    result = invoke("import", path, archive)
    assert result.exit_code == 1 and f"{archive}:amal.jsonl:2" in result.output  # named: zip, member, line
    fixed = tmp_path / "fixed.zip"
    with zipfile.ZipFile(archive) as old, zipfile.ZipFile(fixed, "w") as new:
        for name in old.namelist():
            new.writestr(name, old.read(name).decode("utf-8").replace("[4, 9, ", "[4, 8, "))
    result = invoke("import", path, fixed)
    assert result.exit_code == 0, result.output
    with Project.open(path, readonly=True) as proj:
        assert sorted(proj.annotators()) == ["admin", "amal"]
        assert sorted(s.label for s in proj.spans("1", "amal")) == ["GPE", "PER"]


def test_our_brat_export_of_several_annotators_comes_back_whole(tmp_path):
    """Our brat export gives each annotator a subfolder; imported whole, the subfolder became
    part of every document's id ("amal/d") and the annotator was lost."""
    from annotator.core.model import AnnotatedDocument, Document, Span
    from annotator.store.bulk import import_records

    text = "زار أحمد القاهرة"
    path = tmp_path / "p.db"
    with Project.create(path) as proj:
        import_records(proj, [AnnotatedDocument(Document("d", text, {}), who, "done",
                                                [Span("T1", "d", who, "entity", label, 4, 8, {})], [])
                              for who, label in (("amal", "PER"), ("karim", "ORG"))])
    assert invoke("export", path, "-f", "brat", "-o", tmp_path / "out").exit_code == 0
    back = tmp_path / "back.db"
    assert invoke("init", back).exit_code == 0
    result = invoke("import", back, tmp_path / "out")
    assert result.exit_code == 0, result.output
    with Project.open(back, readonly=True) as proj:
        assert proj.document_ids() == ["d"]
        assert sorted((s.annotator, s.label) for s in proj.spans("d")) == [("amal", "PER"), ("karim", "ORG")]
    one = tmp_path / "one.db"  # one annotator's subfolder on its own: that annotator's
    assert invoke("init", one).exit_code == 0
    assert invoke("import", one, tmp_path / "out" / "karim", "--format", "brat").exit_code == 0
    with Project.open(one, readonly=True) as proj:
        assert [(s.annotator, s.label) for s in proj.spans("d")] == [("karim", "ORG")]


def test_one_brat_ann_file_imports_as_its_document(tmp_path):
    """A .ann file named on its own (the window's file dialog chooses files, not folders) was
    imported as a text document whose text was its annotation lines."""
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "7.txt").write_text("زار أحمد القاهرة\n", encoding="utf-8")
    (folder / "7.ann").write_text("T1\tGPE 9 16\tالقاهرة\n", encoding="utf-8")
    (folder / "8.txt").write_text("نص آخر\n", encoding="utf-8")
    (folder / "8.ann").write_text("", encoding="utf-8")
    path = tmp_path / "p.db"
    assert invoke("init", path).exit_code == 0
    result = invoke("import", path, folder / "7.ann")
    assert result.exit_code == 0, result.output
    with Project.open(path, readonly=True) as proj:
        assert proj.document_ids() == ["7"] and [s.label for s in proj.spans("7")] == ["GPE"]
