"""Label Studio both ways: completed_by in the shape its importer accepts, annotator names kept,
relation labels kept, task ids of two Label Studio projects apart."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.model import AnnotatedDocument, Document, Relation, Span
from annotator.store.bulk import import_records
from annotator.store.project import Project

TEXT = "قال المتحدث إن الوفد وصل."


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return lambda *args: CliRunner().invoke(cli, [str(a) for a in args])


def _record(annotator):
    spans = [Span("T1", "d", annotator, "quote", "QUOTE", 15, 24, {}),
             Span("T2", "d", annotator, "speaker", "SPEAKER", 4, 11, {})]
    return AnnotatedDocument(Document("d", TEXT, {}), annotator, "done", spans,
                             [Relation("R1", "d", annotator, "said_by", "T1", "T2")])


def test_completed_by_is_an_email_object_or_left_to_label_studio_and_names_come_back(run, tmp_path):
    with Project.create(tmp_path / "p.db") as proj:
        import_records(proj, [_record("amal"), _record("badr@example.org"), _record("gold")])
    assert run("export", "p.db", "-f", "labelstudio", "-o", "ls.json").exit_code == 0
    (task,) = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    by_order = task["data"]["annotators"]
    assert by_order == ["amal", "badr@example.org", "gold"]
    shapes = [a.get("completed_by") for a in task["annotations"]]
    assert shapes == [None, {"email": "badr@example.org"}, None]  # never a bare name Label Studio refuses
    assert [a["ground_truth"] for a in task["annotations"]] == [False, False, True]
    relations = [r for a in task["annotations"] for r in a["result"] if r["type"] == "relation"]
    assert {tuple(r["labels"]) for r in relations} == {("said_by",)}
    # Label Studio gives the task back with its own ids and completed_by as a user id: the
    # names still come from data.annotators.
    for k, annotation in enumerate(task["annotations"]):
        annotation["completed_by"] = k + 7
    task["id"], task["project"] = 41, 3
    (tmp_path / "back.json").write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    run("init", "q.db")
    result = run("import", "q.db", "back.json")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "q.db", readonly=True) as proj:
        assert proj.document_ids() == ["d"]  # data.doc_id wins over the task id
        assert sorted(proj.annotators()) == ["amal", "badr@example.org", "gold"]


def test_names_come_back_when_completed_by_is_missing(run, tmp_path):
    with Project.create(tmp_path / "p.db") as proj:
        import_records(proj, [_record("amal"), _record("gold")])
    run("export", "p.db", "-f", "labelstudio", "-o", "ls.json")
    run("init", "q.db")
    assert run("import", "q.db", "ls.json").exit_code == 0
    with Project.open(tmp_path / "q.db", readonly=True) as proj:
        assert sorted(proj.annotators()) == ["amal", "gold"]
        (relation,) = proj.relations("d", "amal")
        assert relation.label == "said_by"


def test_task_ids_of_two_label_studio_projects_do_not_collide(run, tmp_path):
    def task(project, text):
        return [{"id": 1, "project": project, "data": {"text": text},
                 "annotations": [{"completed_by": 1, "result": []}]}]
    (tmp_path / "a.json").write_text(json.dumps(task(3, "نص أول")), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(task(4, "نص ثان")), encoding="utf-8")
    run("init", "p.db")
    result = run("import", "p.db", "a.json", "b.json")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        assert sorted(proj.document_ids()) == ["labelstudio-3-1", "labelstudio-4-1"]


def test_a_region_across_a_line_break_imports(run, tmp_path):
    text = "العنوان الأول\nوالفقرة الثانية تبدأ هنا."
    end = text.index(" تبدأ")
    task = [{"id": 9, "data": {"text": text}, "annotations": [{"result": [
        {"id": "r", "from_name": "segment", "to_name": "text", "type": "labels",
         "value": {"start": 0, "end": end, "text": text[:end], "labels": ["BODY"]}}]}]}]
    (tmp_path / "t.json").write_text(json.dumps(task, ensure_ascii=False), encoding="utf-8")
    run("init", "p.db")
    result = run("import", "p.db", "t.json")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        (span,) = proj.spans("9")
        assert (span.start, span.end) == (0, end) and "\n" in text[span.start:span.end]


def test_a_real_label_studio_full_export_says_what_it_cannot_carry(run, tmp_path):
    # label-studio-converter's own fixture: completed_by as a user object, reviews, predictions,
    # the project id, and image regions (rectanglelabels) beside data.text.
    source = Path(__file__).parent / "data" / "labelstudio" / "full-export-csv_test.json"
    run("init", "p.db")
    result = run("import", "p.db", source, "--report", "r.tsv")
    assert result.exit_code == 0, result.output
    report = (tmp_path / "r.tsv").read_text(encoding="utf-8")
    assert "task #2\t2 rectanglelabels result(s) by hakan@heartex.com not carried" in report
    assert "rectanglelabels prediction result(s) not carried" in report
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        assert sorted(proj.document_ids()) == ["labelstudio-1-1", "labelstudio-1-2"]
        assert proj.text("labelstudio-1-1").startswith("Calif. wildfires signal")


def test_a_region_with_several_labels_becomes_a_span_per_label(run, tmp_path):
    task = [{"id": 3, "data": {"text": "زار أحمد القاهرة"}, "annotations": [{"result": [
        {"id": "r", "from_name": "entity", "to_name": "text", "type": "labels",
         "value": {"start": 4, "end": 8, "text": "أحمد", "labels": ["PER", "MISC"]}},
        {"id": "c", "from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["x"]}}]}]}]
    (tmp_path / "m.json").write_text(json.dumps(task, ensure_ascii=False), encoding="utf-8")
    run("init", "p.db")
    result = run("import", "p.db", "m.json")
    assert result.exit_code == 0, result.output
    assert "1 choices result(s)" in result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        assert sorted(s.label for s in proj.spans("3")) == ["MISC", "PER"]


def test_label_studio_json_min_exports_import(run, tmp_path):
    # The shape label-studio-converter's convert_to_json_min writes: data fields on top, each
    # control's regions under its name, one record per annotation, annotator as e-mail or id.
    text = "زار أحمد القاهرة أمس"
    records = [
        {"id": 7, "text": text, "label": [{"start": 4, "end": 8, "text": "أحمد", "labels": ["PER"]},
                                          {"start": 9, "end": 16, "text": "القاهرة", "labels": ["GPE"]}],
         "annotator": "amal@example.org", "annotation_id": 11, "created_at": "2024-01-01T00:00:00Z",
         "updated_at": "2024-01-01T00:00:00Z", "lead_time": 3.2},
        {"id": 7, "text": text, "label": [{"start": 4, "end": 8, "text": "أحمد", "labels": ["PER"]}],
         "annotator": 3, "annotation_id": 12, "created_at": "2024-01-01T00:00:00Z",
         "updated_at": "2024-01-01T00:00:00Z", "lead_time": 1.0},
    ]
    (tmp_path / "min.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    run("init", "p.db")
    result = run("import", "p.db", "min.json")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        assert proj.document_ids() == ["7"]
        assert sorted(proj.annotators()) == ["3", "amal@example.org"]
        assert sorted((s.label, text[s.start:s.end]) for s in proj.spans("7", "amal@example.org")) == \
            [("GPE", "القاهرة"), ("PER", "أحمد")]
    # A region whose text does not match its offsets is refused, naming the record.
    records[0]["label"][0]["text"] = "محمد"
    (tmp_path / "bad.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    run("init", "q.db")
    result = run("import", "q.db", "bad.json")
    assert result.exit_code == 1 and "record #1" in result.output and "'محمد'" in result.output


def test_attributes_travel_as_per_region_choices_and_text(run, tmp_path):
    """A quote's type and a speaker's name were left out of the export without a word; Label
    Studio keeps a region's own values as results of a perRegion <Choices> or <TextArea> with
    the region's id, which the import reads back."""
    record = _record("amal")
    record.spans[0].attrs["type"] = "direct"
    record.spans[1].attrs["name"] = "زكي أكتورك"
    with Project.create(tmp_path / "p.db") as proj:
        import_records(proj, [record])
    assert run("export", "p.db", "-f", "labelstudio", "-o", "ls.json").exit_code == 0
    (task,) = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    result = task["annotations"][0]["result"]
    assert {"id": "T1", "from_name": "type", "to_name": "text", "type": "choices", "origin": "manual",
            "value": {"start": 15, "end": 24, "choices": ["direct"]}} in result
    assert {"id": "T2", "from_name": "name", "to_name": "text", "type": "textarea", "origin": "manual",
            "value": {"start": 4, "end": 11, "text": ["زكي أكتورك"]}} in result
    run("init", "q.db")
    imported = run("import", "q.db", "ls.json")
    assert imported.exit_code == 0 and "not carried" not in imported.output, imported.output
    with Project.open(tmp_path / "q.db", readonly=True) as proj:
        attrs = {s.id: s.attrs for s in proj.spans("d")}
        assert attrs == {"T1": {"type": "direct"}, "T2": {"name": "زكي أكتورك"}}


def test_region_values_the_schema_has_no_place_for_are_reported_not_carried(run, tmp_path):
    """As a Label Studio project writes them: a region's choice of an attribute the label does not
    have, a value the schema does not allow, two values at once, and a document-level choice."""
    region = {"start": 15, "end": 24}

    def choice(region_id, name, values, where=region):
        return {"id": region_id, "from_name": name, "to_name": "text", "type": "choices",
                "value": {**where, "choices": values}}

    results = [
        {"id": "r1", "from_name": "quote", "to_name": "text", "type": "labels",
         "value": {**region, "text": TEXT[15:24], "labels": ["QUOTE"]}},
        choice("r1", "type", ["direct"]),
        choice("r1", "mood", ["calm"]),
        {"id": "r2", "from_name": "quote", "to_name": "text", "type": "labels",
         "value": {"start": 0, "end": 3, "text": TEXT[0:3], "labels": ["QUOTE"]}},
        choice("r2", "type", ["sideways"], {"start": 0, "end": 3}),
        choice("r2", "type", ["direct", "mixed"], {"start": 0, "end": 3}),
        choice("doc", "topic", ["news"], {}),
        # a region and a choice without ids: the choice is no region's
        {"from_name": "quote", "to_name": "text", "type": "labels",
         "value": {"start": 4, "end": 11, "text": TEXT[4:11], "labels": ["QUOTE"]}},
        {k: v for k, v in choice(None, "type", ["mixed"], {"start": 4, "end": 11}).items() if k != "id"},
    ]
    task = {"id": 1, "data": {"text": TEXT}, "annotations": [{"completed_by": 1, "result": results}]}
    (tmp_path / "t.json").write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    run("init", "p.db")
    result = run("import", "p.db", "t.json")
    assert result.exit_code == 0, result.output
    assert "3 choices (of a region, no attribute of its label here) result(s)" in result.output
    assert "2 choices result(s)" in result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        assert sorted((s.start, s.attrs.get("type")) for s in proj.spans("1")) == [(0, None), (4, None),
                                                                                     (15, "direct")]


def test_the_schema_as_a_labeling_config_names_every_result_of_the_export(run, tmp_path, sample_jsonl):
    """`annotator schema --label-studio` gives the config of a Label Studio project that shows
    the export: each result's from_name is one of its controls (of the result's kind), each
    label and choice one it lists; and our reader of configs takes it back whole."""
    import xml.etree.ElementTree as ElementTree

    from annotator.formats.json_formats import read_label_config

    run("init", "p.db")
    run("import", "p.db", sample_jsonl)
    result = run("schema", "p.db", "--label-studio")
    assert result.exit_code == 0, result.output
    (tmp_path / "config.xml").write_text(result.output, encoding="utf-8")
    root = ElementTree.fromstring(result.output)
    controls = {element.get("name"): element for element in root if element.get("name")}
    assert run("export", "p.db", "-f", "labelstudio", "-o", "ls.json").exit_code == 0
    kinds = {"labels": "Labels", "choices": "Choices", "textarea": "TextArea"}
    seen = set()
    for task in json.loads((tmp_path / "ls.json").read_text(encoding="utf-8")):
        for annotation in task["annotations"]:
            for item in annotation["result"]:
                if item["type"] == "relation":
                    assert item["labels"][0] in {r.get("value") for r in root.iter("Relation")}
                    continue
                control = controls[item["from_name"]]
                assert control.tag == kinds[item["type"]] and control.get("toName") == item["to_name"] == "text"
                listed = {child.get("value") for child in control}
                for value in item["value"].get("labels", []) + item["value"].get("choices", []):
                    assert value in listed
                seen.add(item["type"])
    assert seen == {"labels", "choices", "textarea"}
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        declared = read_label_config(tmp_path / "config.xml", proj.schema)
        assert sorted(declared.labels) == sorted((layer.name, label.name) for layer in proj.schema.layers
                                                 for label in layer.labels)
        assert not [note for note in declared.not_carried if "Choices" in note]


def test_a_layer_named_text_does_not_clash_with_the_text_control(tmp_path):
    """Control names of a labeling config must differ: with a layer called "text", the text
    is shown in another control, which every result names as its to_name."""
    import xml.etree.ElementTree as ElementTree

    from annotator.core.schema import load_schema_file
    from annotator.formats.json_formats import label_config

    (tmp_path / "s.toml").write_text(
        '[[layer]]\nname = "text"\nen = "Text"\nar = "نص"\noverlap = false\n\n  [[layer.label]]\n  name = "TITLE"\n'
        '  en = "Title"\n  ar = "عنوان"\n  color = "#4c72b0"\n', encoding="utf-8")
    schema = load_schema_file(tmp_path / "s.toml")
    root = ElementTree.fromstring(label_config(schema))
    names = [element.get("name") for element in root if element.get("name")]
    assert len(names) == len(set(names))
    (text_control,) = [element.get("name") for element in root if element.tag == "Text"]
    assert text_control != "text" and root.find("Labels").get("toName") == text_control
    with Project.create(tmp_path / "p.db", schema=schema) as proj:
        import_records(proj, [AnnotatedDocument(Document("d", TEXT, {}), "amal", None,
                                                [Span("T1", "d", "amal", "text", "TITLE", 0, 3, {})], [])])
    result = CliRunner().invoke(cli, ["export", str(tmp_path / "p.db"), "-f", "labelstudio", "-o",
                                      str(tmp_path / "ls.json")])
    assert result.exit_code == 0, result.output
    (task,) = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    assert {item["to_name"] for item in task["annotations"][0]["result"]} == {text_control}


def test_a_submitted_annotation_is_done_also_with_nothing_marked_and_statuses_come_back(run, tmp_path):
    """An annotation with an empty result (the annotator found nothing) was dropped, and the
    others had no status: agreement (documents done by all) saw no document of a Label Studio
    project. Submitted is done; our own exports carry each status in data.statuses."""
    task = {"id": 5, "project": 2, "data": {"text": TEXT}, "annotations": [
        {"id": 1, "completed_by": {"email": "amal@example.org"}, "was_cancelled": False, "result": [
            {"id": "a", "from_name": "quote", "to_name": "text", "type": "labels",
             "value": {"start": 15, "end": 24, "text": TEXT[15:24], "labels": ["QUOTE"]}}]},
        {"id": 2, "completed_by": {"email": "badr@example.org"}, "was_cancelled": False, "result": []}]}
    (tmp_path / "ls.json").write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    run("init", "p.db")
    result = run("import", "p.db", "ls.json")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        (doc_id,) = proj.document_ids()
        assert proj.stored_status(doc_id, "amal@example.org") == "done"
        assert proj.stored_status(doc_id, "badr@example.org") == "done" and proj.spans(doc_id, "badr@example.org") == []
    agreement = run("agreement", "p.db", "--layer", "quote")
    assert agreement.exit_code == 0, agreement.output
    assert "no document done" not in agreement.output
    with Project.create(tmp_path / "s.db") as proj:
        unmarked = _record("salma")
        unmarked.status = None  # work with no status stays without one
        import_records(proj, [_record("amal"), AnnotatedDocument(Document("d", TEXT, {}), "karim", "in progress"),
                              unmarked])
    assert run("export", "s.db", "-f", "labelstudio", "-o", "s.json").exit_code == 0
    run("init", "t.db")
    assert run("import", "t.db", "s.json").exit_code == 0
    with Project.open(tmp_path / "t.db", readonly=True) as proj:
        assert proj.stored_status("d", "amal") == "done" and proj.stored_status("d", "karim") == "in progress"
        assert proj.stored_status("d", "salma") is None and len(proj.spans("d", "salma")) == 2


def test_relation_directions_several_labels_and_region_notes(run, tmp_path):
    """A relation drawn the other way ("direction": "left") came in backwards, only the first
    of a link's labels was kept, and what an annotator wrote on a region (its meta.text) was
    dropped without a word."""
    def region(ident, start, end, label, **extra):
        return {"id": ident, "from_name": "entity", "to_name": "text", "type": "labels",
                "value": {"start": start, "end": end, "text": TEXT[start:end], "labels": [label]}, **extra}

    result = [region("q", 15, 24, "ORG", meta={"text": ["الوفد الرسمي"]}), region("s", 4, 11, "PER"),
              {"type": "relation", "from_id": "q", "to_id": "s", "direction": "left", "labels": ["member_of"]},
              {"type": "relation", "from_id": "s", "to_id": "q", "direction": "bi", "labels": ["a", "b"]}]
    task = {"id": 1, "data": {"text": TEXT}, "annotations": [{"id": 1, "completed_by": {"email": "amal@example.org"},
                                                              "result": result}]}
    (tmp_path / "ls.json").write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    run("init", "p.db")
    imported = run("import", "p.db", "ls.json", "--extend-schema")
    assert imported.exit_code == 0, imported.output
    assert "1 relation(s) both ways imported one way, from from_id to to_id by amal@example.org" in imported.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        (doc_id,) = proj.document_ids()
        by_id = {s.id: TEXT[s.start:s.end] for s in proj.spans(doc_id)}
        links = sorted((r.label, by_id[r.from_id], by_id[r.to_id]) for r in proj.relations(doc_id))
        assert links == [("a", "المتحدث", "الوفد وصل"), ("b", "المتحدث", "الوفد وصل"),
                         ("member_of", "المتحدث", "الوفد وصل")]
        assert [s.attrs for s in proj.spans(doc_id) if TEXT[s.start:s.end] == "الوفد وصل"] == [{"note": "الوفد الرسمي"}]
    task["annotations"][0]["result"] = [dict(result[0], value={**result[0]["value"], "labels": ["QUOTE"]},
                                             from_name="quote")]
    (tmp_path / "ls.json").write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    run("init", "q.db")  # a schema whose label has no "note": said, not dropped unseen
    closed = run("import", "q.db", "ls.json")
    assert closed.exit_code == 0, closed.output
    assert "region note(s) not carried (its labels have no 'note' attribute here)" in closed.output


def test_a_tasks_other_data_fields_and_meta_are_the_documents_meta_both_ways(run, tmp_path):
    """A task's other data fields (a headline, a URL) and its meta were dropped on import, and
    the document's meta on export."""
    task = {"id": 3, "data": {"text": TEXT, "headline": "وصول الوفد", "url": "https://example.org/n/1"},
            "meta": {"batch": 4}, "annotations": []}
    (tmp_path / "ls.json").write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    run("init", "p.db")
    assert run("import", "p.db", "ls.json").exit_code == 0
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        (doc_id,) = proj.document_ids()
        meta = proj.document(doc_id).meta
        assert (meta["headline"], meta["url"], meta["batch"]) == ("وصول الوفد", "https://example.org/n/1", 4)
    assert run("export", "p.db", "-f", "labelstudio", "-o", "out.json").exit_code == 0
    run("init", "q.db")
    assert run("import", "q.db", "out.json").exit_code == 0
    with Project.open(tmp_path / "q.db", readonly=True) as proj:
        assert proj.document(doc_id).meta["headline"] == "وصول الوفد"


def test_a_task_whose_text_is_a_link_to_its_file_is_refused_saying_so(run, tmp_path):
    """A task made from an uploaded .txt (valueType="url") has data.text = "/data/upload/…": the
    link was imported as the document's text, and every region refused as not matching it."""
    task = {"id": 9, "data": {"text": "/data/upload/3/4f2a-news.txt"}, "annotations": [{"id": 1, "result": [
        {"id": "r", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 40, "end": 46, "text": "القاهرة", "labels": ["GPE"]}}]}]}
    (tmp_path / "ls.json").write_text(json.dumps([task], ensure_ascii=False), encoding="utf-8")
    run("init", "p.db")
    refused = run("import", "p.db", "ls.json")
    assert refused.exit_code == 1
    assert "data.text is a link to the text (/data/upload/3/4f2a-news.txt), not the text" in refused.output


def test_an_attribute_named_like_a_layer_has_a_control_of_its_own_and_comes_back(tmp_path):
    """A quote's attribute "speaker" beside the layer "speaker": the config had two controls of
    one name (Label Studio refuses it) and the attribute's results were read as that layer's."""
    import xml.etree.ElementTree as ElementTree

    from annotator.core.schema import load_schema_file
    from annotator.formats.json_formats import label_config

    (tmp_path / "s.toml").write_text(
        '[[layer]]\nname = "quote"\nen = "Quote"\nar = "اقتباس"\noverlap = false\n\n'
        '  [[layer.label]]\n  name = "QUOTE"\n  en = "Quote"\n  ar = "اقتباس"\n  color = "#4c72b0"\n'
        '  attributes = { speaker = [], type = ["direct", "indirect"] }\n\n'
        '[[layer]]\nname = "speaker"\nen = "Speaker"\nar = "متحدث"\noverlap = false\n\n'
        '  [[layer.label]]\n  name = "SPEAKER"\n  en = "Speaker"\n  ar = "متحدث"\n  color = "#dd8452"\n',
        encoding="utf-8")
    schema = load_schema_file(tmp_path / "s.toml")
    root = ElementTree.fromstring(label_config(schema))
    names = [element.get("name") for element in root if element.get("name")]
    assert len(names) == len(set(names)) and "speaker_attribute" in names
    quote = Span("T1", "d", "amal", "quote", "QUOTE", 15, 24, {"speaker": "المتحدث", "type": "indirect"})
    with Project.create(tmp_path / "p.db", schema=schema) as proj:
        import_records(proj, [AnnotatedDocument(Document("d", TEXT, {}), "amal", "done",
                                                [quote, Span("T2", "d", "amal", "speaker", "SPEAKER", 4, 11, {})], [])])
    runner = CliRunner()
    assert runner.invoke(cli, ["export", str(tmp_path / "p.db"), "-f", "labelstudio", "-o",
                               str(tmp_path / "ls.json")]).exit_code == 0
    (task,) = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    assert {item["from_name"] for item in task["annotations"][0]["result"]} <= set(names)
    with Project.create(tmp_path / "q.db", schema=schema):
        pass
    result = runner.invoke(cli, ["import", str(tmp_path / "q.db"), str(tmp_path / "ls.json")])
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "q.db", readonly=True) as proj:
        assert sorted((s.layer, s.attrs.get("speaker")) for s in proj.spans("d")) == [
            ("quote", "المتحدث"), ("speaker", None)]
