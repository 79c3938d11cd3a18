"""Export and import in every interchange format: the worked example, round trips on hard
documents, real third-party readers, the UD Arabic-PUD treebank, malformed input."""

import json
from pathlib import Path

import pytest

from annotator.core.model import AnnotatedDocument, Document, Relation, Span
from annotator.formats import registry
from annotator.formats.export import ExportOptions, ExportReport, export_documents
from annotator.store.bulk import ImportFailed, import_records
from annotator.store.project import Project

EXAMPLE = "زار الرئيس لتركيا أمس."
PUD = Path(__file__).resolve().parents[2] / "shared" / "data" / "ud-arabic-pud" / "ar_pud-ud-test.conllu"

# Sub-word entity, an emoji before a span, overlapping layers, relations, attributes.
HARD = "قال المتحدث زكي أكتورك 😀 إن «الشركة تلقت طلبات لتركيا» أمس.\r\nوأكد أن IDEF 2025 نجح."


def at(text, word, occurrence=1):
    start = -1
    for _ in range(occurrence):
        start = text.index(word, start + 1)
    return start, start + len(word)


def hard_record(annotator="amal"):
    s = [
        Span("T1", "hard", annotator, "speaker", "SPEAKER", *at(HARD, "المتحدث زكي أكتورك"), {"name": "زكي أكتورك"}),
        Span("T2", "hard", annotator, "entity", "PER", *at(HARD, "زكي أكتورك"), {}),
        Span("T3", "hard", annotator, "quote", "QUOTE", *at(HARD, "الشركة تلقت طلبات لتركيا"), {"type": "direct"}),
        Span("T4", "hard", annotator, "entity", "GPE", *at(HARD, "تركيا"), {}),
        Span("T5", "hard", annotator, "cue", "CUE", *at(HARD, "قال"), {}),
        Span("T6", "hard", annotator, "entity", "MISC", *at(HARD, "IDEF 2025"), {}),
        Span("T7", "hard", annotator, "segment", "BODY", 0, len(HARD), {}),  # crosses the line break
    ]
    r = [Relation("R1", "hard", annotator, "said_by", "T3", "T1"), Relation("R2", "hard", annotator, "cued_by", "T3", "T5"),
         Relation("R3", "hard", annotator, "refers_to", "T1", "T2")]
    return AnnotatedDocument(Document("hard", HARD, {}), annotator, "done", s, r)


def example_record():
    return AnnotatedDocument(Document("ex", EXAMPLE, {}), "amal", "done",
                             [Span("T1", "ex", "amal", "entity", "LOC", 12, 17, {})], [])


@pytest.fixture
def filled(project):
    import_records(project, [hard_record(), example_record()])
    return project


def export(project, fmt, out, **options):
    opts = ExportOptions(annotator=options.pop("annotator", "amal"), **options)
    report = ExportReport()
    registry.write(fmt, export_documents(project, opts, report), out, opts, report, project)
    return report


def reimport(fmt, path, tmp_path, name="copy.db"):
    copy = Project.create(tmp_path / name)
    import_records(copy, registry.readers(fmt, "*.txt")([path], copy.schema, "amal"))
    return copy


def content(project, doc_id, layers=None):
    text = project.text(doc_id)
    spans = sorted((s.layer, s.label, text[s.start:s.end]) for s in project.spans(doc_id)
                   if layers is None or s.layer in layers)
    by_id = {s.id: s for s in project.spans(doc_id)}
    relations = sorted((r.label, text[by_id[r.from_id].start:by_id[r.from_id].end],
                        text[by_id[r.to_id].start:by_id[r.to_id].end]) for r in project.relations(doc_id))
    return spans, relations


# ----------------------------------------------------------------------------- the worked example


def test_worked_example_in_every_format(filled, tmp_path):
    out = tmp_path / "x"
    export(filled, "brat", out)
    assert "T1\tLOC 12 17\tتركيا" in (out / "ex.ann").read_text(encoding="utf-8")
    export(filled, "doccano", tmp_path / "d.jsonl")
    rows = {r["id"]: r for r in map(json.loads, (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines())}
    assert rows["ex"]["label"] == [[12, 17, "LOC"]]
    export(filled, "labelstudio", tmp_path / "ls.json")
    task = next(t for t in json.loads((tmp_path / "ls.json").read_text(encoding="utf-8")) if t["data"]["doc_id"] == "ex")
    assert task["annotations"][0]["result"][0]["value"] == {"start": 12, "end": 17, "text": "تركيا", "labels": ["LOC"]}
    export(filled, "conll", tmp_path / "c.conll", layers=("entity",))
    block = (tmp_path / "c.conll").read_text(encoding="utf-8").split("-DOCSTART- -X- O O\n\n")[2]
    assert block == "زار _ _ O\nالرئيس _ _ O\nل _ _ O\nتركيا _ _ B-LOC\nأمس _ _ O\n. _ _ O\n\n"
    export(filled, "conll", tmp_path / "e.conll", layers=("entity",), policy="expand")
    assert "لتركيا _ _ B-LOC" in (tmp_path / "e.conll").read_text(encoding="utf-8")
    export(filled, "conll", tmp_path / "b.conll", layers=("entity",), scheme="bioes")
    assert "تركيا _ _ S-LOC" in (tmp_path / "b.conll").read_text(encoding="utf-8")
    export(filled, "conllu", tmp_path / "u.conllu")
    conllu_text = (tmp_path / "u.conllu").read_text(encoding="utf-8")
    assert "# text = زار الرئيس لتركيا أمس.\n" in conllu_text
    assert "3\tل\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No|NER=O\n4\tتركيا\t_\t_\t_\t_\t_\t_\t_\tNER=B-LOC\n" in conllu_text
    export(filled, "hf", tmp_path / "h.jsonl")
    names = json.loads((tmp_path / "h.features.json").read_text(encoding="utf-8"))["ner_tags"]["feature"]["names"]
    row = next(json.loads(line) for line in (tmp_path / "h.jsonl").read_text(encoding="utf-8").splitlines()
               if line.startswith('{"id": "ex#'))
    assert row["tokens"] == ["زار", "الرئيس", "ل", "تركيا", "أمس", "."]
    assert [names[i] for i in row["ner_tags"]] == ["O", "O", "O", "B-LOC", "O", "O"] and names[0] == "O"
    export(filled, "spacy-json", tmp_path / "s.json")
    doc = next(d for d in json.loads((tmp_path / "s.json").read_text(encoding="utf-8")) if d["id"] == "ex")
    assert doc["ents"] == [{"start": 12, "end": 17, "label": "LOC"}]
    assert [EXAMPLE[t["start"]:t["end"]] for t in doc["tokens"]][2:4] == ["ل", "تركيا"]
    export(filled, "prodigy", tmp_path / "p.jsonl")
    task = next(json.loads(line) for line in (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()
                if json.loads(line)["meta"]["id"] == "ex")
    assert task["spans"] == [{"start": 12, "end": 17, "label": "LOC", "token_start": 3, "token_end": 3}]


# ----------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("fmt, suffix, layers", [
    ("brat", "", None), ("doccano-relations", ".jsonl", None), ("labelstudio", ".json", None),
    ("prodigy", ".jsonl", ("entity",)), ("doccano", ".jsonl", None),
])
def test_character_formats_round_trip(filled, tmp_path, fmt, suffix, layers):
    out = tmp_path / f"out{suffix}"
    export(filled, fmt, out, layers=layers or ())
    import_fmt = "doccano" if fmt.startswith("doccano") else fmt
    with reimport(import_fmt, out, tmp_path) as copy:
        spans, relations = content(copy, "hard")
        want_spans, want_relations = content(filled, "hard", layers)
        if fmt == "brat":
            want_spans = [(layer, label, text.replace("\r\n", "\n")) for layer, label, text in want_spans]
            want_relations = [(label, a.replace("\r\n", "\n"), b.replace("\r\n", "\n"))
                              for label, a, b in want_relations]
        assert spans == want_spans
        # brat's server reads text with universal newlines, so the export writes LF.
        assert copy.text("hard") == (HARD.replace("\r\n", "\n") if fmt == "brat" else HARD)
        if fmt in ("brat", "doccano-relations", "labelstudio"):
            assert relations == want_relations
        if fmt == "brat":  # attributes, including free text with spaces
            assert {s.label: s.attrs for s in copy.spans("hard")}["SPEAKER"] == {"name": "زكي أكتورك"}


@pytest.mark.parametrize("fmt, suffix", [("conll", ".conll"), ("conllu", ".conllu")])
def test_token_formats_round_trip_entities(filled, tmp_path, fmt, suffix):
    out = tmp_path / f"out{suffix}"
    export(filled, fmt, out, layers=("entity",))
    with reimport(fmt, out, tmp_path) as copy:
        def squeeze(text):
            return "".join(text.split())

        hard_id = {squeeze(copy.text(i)): i for i in copy.document_ids()}[squeeze(HARD)]
        assert content(copy, hard_id)[0] == content(filled, "hard", ("entity",))[0]
        if fmt == "conllu":  # '# text' keeps the spacing; sentences are rejoined with LF
            assert copy.text(hard_id) == HARD.replace("\r\n", "\n")


def test_brat_splits_a_span_at_line_breaks_into_fragments(filled, tmp_path):
    export(filled, "brat", tmp_path / "b")
    lines = (tmp_path / "b" / "hard.ann").read_text(encoding="utf-8").splitlines()
    body = next(line for line in lines if "\tBODY " in line)
    lf = HARD.replace("\r\n", "\n")  # brat gets LF
    first_break = lf.index("\n")
    assert body.split("\t")[1] == f"BODY 0 {first_break};{first_break + 1} {len(lf)}"
    assert all(line[:1] in "TRA#" for line in lines)  # no line broken by the text field


def test_a_brat_note_is_written_on_one_line_and_read_back(project, tmp_path):
    """A speaker's name typed with a line break was written as two lines of the .ann, which brat
    and our own import then refused ("'x' lines are not brat standoff")."""
    text = "قال زكي أكتورك إن الطلبات زادت"
    start, end = text.index("زكي"), text.index(" إن")
    span = Span("T1", "n", "amal", "speaker", "SPEAKER", start, end, {"name": "زكي\nأكتورك\r\nوفريقه\tمعه"})
    import_records(project, [AnnotatedDocument(Document("n", text, {}), "amal", None, [span], [])])
    report = export(project, "brat", tmp_path / "b")
    assert report.messages == ["n: span T1's name: line breaks written as spaces (a brat note is one line)"]
    lines = (tmp_path / "b" / "n.ann").read_text(encoding="utf-8").split("\n")
    assert lines[1] == "#1\tAnnotatorNotes T1\tname=زكي أكتورك وفريقه\tمعه" and lines[2:] == [""]
    copy = reimport("brat", tmp_path / "b", tmp_path)
    assert [s.attrs for s in copy.spans("n")] == [{"name": "زكي أكتورك وفريقه\tمعه"}]


def test_conllu_marks_a_sentence_glued_to_the_next(project, tmp_path):
    text = "انتهى؟نعم قالها"
    import_records(project, [AnnotatedDocument(Document("g", text, {}), "amal", None, [], [])])
    export(project, "conllu", tmp_path / "g.conllu", annotator=None)
    written = (tmp_path / "g.conllu").read_text(encoding="utf-8")
    assert "# text = انتهى؟\n" in written and "2\t؟\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No|NER=O" in written


def test_conllu_writes_every_kind_of_gap_between_tokens(project, tmp_path):
    text = "قال\tالوزير  إن\u00a0تركيا\\ مستعدة،قالها"
    start = text.index("تركيا")
    import_records(project, [AnnotatedDocument(Document("g", text, {}), "amal", None,
                                               [Span("T1", "g", "amal", "entity", "GPE", start, start + 5, {})], [])])
    export(project, "conllu", tmp_path / "g.conllu", annotator="amal")
    rows = [line.split("\t") for line in (tmp_path / "g.conllu").read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    assert [(form, misc) for _, form, *_, misc in rows] == [
        ("قال", "SpacesAfter=\\t|NER=O"), ("الوزير", "SpacesAfter=\\s\\s|NER=O"), ("إن", "SpacesAfter=\u00a0|NER=O"),
        ("تركيا", "SpaceAfter=No|NER=B-GPE"), ("\\", "NER=O"), ("مستعدة", "SpaceAfter=No|NER=O"),
        ("،", "SpaceAfter=No|NER=O"), ("قالها", "NER=O")]
    assert [int(row[0]) for row in rows] == list(range(1, 9))


def test_a_conll_token_that_begins_with_a_joiner_or_a_mark_comes_back_after_a_tab(project, tmp_path):
    """After a tab (a control character) a joiner or a mark begins a grapheme cluster of its own,
    so a span may start there; rebuilt after a space it would join the space's cluster, and
    the import of our own export was refused. Such a token is put after a tab instead."""
    import regex

    text = "%\t\u200d The end\tً قال"
    zwj, mark = text.index("\u200d"), text.index("ً")
    spans = [Span("T1", "g", "amal", "entity", "GPE", zwj, text.index("The") + 3, {}),
             Span("T2", "g", "amal", "entity", "PER", mark, len(text), {})]
    import_records(project, [AnnotatedDocument(Document("g", text, {}), "amal", None, spans, [])])
    export(project, "conll", tmp_path / "g.conll")
    copy = reimport("conll", tmp_path / "g.conll", tmp_path)
    back = copy.text("g")
    assert back == "%\t\u200d The end\tً قال"  # a tab before the joiner and before the mark, spaces elsewhere
    assert sorted((s.label, back[s.start:s.end]) for s in copy.spans("g")) == [("GPE", "\u200d The"),
                                                                             ("PER", "ً قال")]
    assert all(regex.match(r"\X", back, pos=s.start).start() == s.start for s in copy.spans("g"))


def test_crlf_text_for_brat_is_written_with_lf_and_offsets_remapped(project, tmp_path):
    text = "سطر أول 😀\r\nقال إن تركيا\r\nانتهى"
    start = text.index("تركيا")
    import_records(project, [AnnotatedDocument(Document("crlf", text, {}), "amal", None,
                                               [Span("T1", "crlf", "amal", "entity", "GPE", start, start + 5, {})], [])])
    report = export(project, "brat", tmp_path / "b")
    assert any("CRLF" in m for m in report.messages)
    written = (tmp_path / "b" / "crlf.txt").read_bytes().decode("utf-8")
    assert "\r" not in written
    line = (tmp_path / "b" / "crlf.ann").read_text(encoding="utf-8").strip()
    _, middle, shown = line.split("\t")
    a, b = map(int, middle.split()[1:])
    assert written[a:b] == shown == "تركيا"


def test_utf16_offsets_count_the_emoji_twice(filled, tmp_path):
    export(filled, "doccano", tmp_path / "d.jsonl", offset_unit="utf16")
    row = next(json.loads(line) for line in (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines()
               if json.loads(line)["id"] == "hard")
    start, end = at(HARD, "تركيا")
    assert [start + 1, end + 1, "GPE"] in row["label"]
    assert HARD.encode("utf-16-le")[2 * (start + 1):2 * (end + 1)].decode("utf-16-le") == "تركيا"


def test_excluded_segments_leave_the_text_and_shift_offsets(project, tmp_path):
    text = "عنوان\n\nقال إن تركيا مستعدة.\n\nجميع الحقوق محفوظة لتركيا."
    spans = [Span("G1", "d", "amal", "segment", "BODY", *at(text, "قال إن تركيا مستعدة."), {}),
             Span("G2", "d", "amal", "segment", "BOILERPLATE", *at(text, "جميع الحقوق محفوظة لتركيا."), {}),
             Span("T1", "d", "amal", "entity", "GPE", *at(text, "تركيا"), {}),
             Span("T2", "d", "amal", "entity", "GPE", *at(text, "تركيا", 2), {})]
    import_records(project, [AnnotatedDocument(Document("d", text, {}), "amal", None, spans, [])])
    report = export(project, "doccano", tmp_path / "d.jsonl", exclude_segments=("BOILERPLATE",))
    row = json.loads((tmp_path / "d.jsonl").read_text(encoding="utf-8"))
    assert "محفوظة" not in row["text"]
    assert [row["text"][a:b] for a, b, _ in row["label"]] == ["قال إن تركيا مستعدة.", "تركيا"]
    assert [n.action for n in report.notes] == ["dropped (inside an excluded segment)"]


# ----------------------------------------------------------------------------- real readers


def test_conllu_library_parses_our_output_and_tokens_rebuild_the_text(filled, tmp_path, sample_jsonl):
    conllu = pytest.importorskip("conllu")
    import_records(filled, __import__("annotator.formats.jsonl", fromlist=["x"]).read_jsonl(
        sample_jsonl, filled.schema, "x"))
    export(filled, "conllu", tmp_path / "all.conllu", layers=("entity",))
    sentences = conllu.parse((tmp_path / "all.conllu").read_text(encoding="utf-8"))
    assert len(sentences) > 40
    for sentence in sentences:
        rebuilt = "".join(t["form"] + ("" if (t["misc"] or {}).get("SpaceAfter") == "No" else " ")
                          for t in sentence).rstrip(" ")
        assert rebuilt == sentence.metadata["text"]


def test_seqeval_strict_iob2_finds_exactly_our_entities(filled, tmp_path, sample_jsonl):
    seqeval_metrics = pytest.importorskip("seqeval.metrics")
    from seqeval.scheme import IOB2

    from annotator.formats.jsonl import read_jsonl

    import_records(filled, read_jsonl(sample_jsonl, filled.schema, "x"))
    export(filled, "conll", tmp_path / "all.conll", layers=("entity",))
    sentences, current = [], []
    for line in (tmp_path / "all.conll").read_text(encoding="utf-8").split("\n"):
        if line.startswith("-DOCSTART-"):
            continue
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        current.append(line.split(" "))
    tags = [[t[-1] for t in s] for s in sentences]
    from seqeval.metrics.sequence_labeling import get_entities

    found = get_entities(tags)
    expected = sum(len([s for s in filled.spans(d, "amal") if s.layer == "entity"]) for d in filled.document_ids())
    assert len(found) == expected
    assert seqeval_metrics.f1_score(tags, tags, mode="strict", scheme=IOB2) == 1.0  # strictly valid IOB2


def test_spacy_doc_from_our_tokens_has_the_text_and_entities(filled, tmp_path):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc

    export(filled, "spacy-json", tmp_path / "s.json")
    nlp = spacy.blank("xx")
    for item in json.loads((tmp_path / "s.json").read_text(encoding="utf-8")):
        text = item["text"]
        words = [text[t["start"]:t["end"]] for t in item["tokens"]]
        spaces = [t["ws"] and text[t["end"]:t["end"] + 1] == " " for t in item["tokens"]]
        # Gaps other than one space (line breaks) become whitespace tokens, as spaCy does.
        rebuilt_words, rebuilt_spaces = [], []
        for k, t in enumerate(item["tokens"]):
            rebuilt_words.append(words[k])
            gap_end = item["tokens"][k + 1]["start"] if k + 1 < len(item["tokens"]) else len(text)
            gap = text[t["end"]:gap_end]
            if gap == " ":
                rebuilt_spaces.append(True)
            else:
                rebuilt_spaces.append(False)
                if gap:
                    rebuilt_words.append(gap)
                    rebuilt_spaces.append(False)
        doc = Doc(nlp.vocab, words=rebuilt_words, spaces=rebuilt_spaces)
        assert doc.text == text
        doc.ents = [doc.char_span(e["start"], e["end"], label=e["label"]) for e in item["ents"]]
        assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == \
            [(e["start"], e["end"], e["label"]) for e in item["ents"]]
        del spaces


@pytest.mark.skipif(not PUD.exists(), reason="shared/data/ud-arabic-pud is not beside the repository")
def test_ud_arabic_pud_imports_and_reexports_identically(project, tmp_path):
    conllu = pytest.importorskip("conllu")
    report = import_records(project, registry.readers("conllu", "")([PUD], project.schema, "ud"))
    assert report.documents_added > 100
    out = tmp_path / "pud.conllu"
    export(project, "conllu", out, annotator=None)
    original = conllu.parse(PUD.read_text(encoding="utf-8"))
    ours = conllu.parse(out.read_text(encoding="utf-8"))
    assert len(original) == len(ours) == 1000
    for a, b in zip(original, ours):
        assert a.metadata["text"] == b.metadata["text"]
        assert a.metadata["sent_id"] == b.metadata["sent_id"]
        assert [t["form"] for t in a if isinstance(t["id"], int)] == [t["form"] for t in b]
        assert [(t["misc"] or {}).get("SpaceAfter") for t in a if isinstance(t["id"], int)] == \
            [(t["misc"] or {}).get("SpaceAfter") for t in b]


# ----------------------------------------------------------------------------- malformed input


@pytest.mark.parametrize("fmt, name, content, line, reason", [
    ("conll", "x.conll", "زار O\nتركيا X-LOC\n", 2, "is not an IOB/BIOES tag"),
    ("conllu", "x.conllu", "# sent_id = 1\n# text = زار تركيا\n1\tزار\t_\t_\t_\t_\t_\t_\t_\t_\n"
                           "2\tلبنان\t_\t_\t_\t_\t_\t_\t_\t_\n\n", 4, "does not match '# text'"),
    ("conllu", "y.conllu", "# sent_id = 1\n1\tزار\t_\t_\t_\t_\t_\t_\t_\n\n", 2, "10 tab-separated fields"),
    ("doccano", "d.jsonl", '{"text": "زار", "label": [[0, 3, "LOC"]]}\n{"label": []}\n', 2, "missing key 'text'"),
    ("prodigy", "p.jsonl", '{"text": "زار", "spans": [{"start": 0, "end": 3, "label": "PLACE"}]}\n', 1,
     "label 'PLACE' is not in the project schema"),
])
def test_malformed_input_names_file_and_line_and_imports_nothing(project, tmp_path, fmt, name, content, line,
                                                                    reason):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ImportFailed) as info:
        import_records(project, registry.readers(fmt, "")([path], project.schema, "amal"))
    error = info.value.errors[0]
    assert error.source == f"{path}:{line}" and reason in error.reason
    assert project.document_count() == 0


def test_brat_text_mismatch_is_reported(project, tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "doc.txt").write_text(EXAMPLE, encoding="utf-8")
    (tmp_path / "b" / "doc.ann").write_text("T1\tLOC 12 17\tتركيا\nT2\tLOC 11 17\tتركيا\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as info:
        import_records(project, registry.readers("brat", "")([tmp_path / "b"], project.schema, "amal"))
    assert info.value.errors[0].source.endswith("doc.ann:2")
    assert "does not match the offsets" in info.value.errors[0].reason


def test_spacy_docbin_export_is_read_by_spacy_with_text_and_entities(filled, tmp_path):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    export(filled, "spacy", tmp_path / "train.spacy")
    docs = list(DocBin().from_disk(tmp_path / "train.spacy").get_docs(spacy.blank("ar").vocab))
    assert docs
    project_texts = {doc.user_data["doc_id"]: doc for doc in docs}
    example = project_texts["ex"]
    assert example.text == EXAMPLE  # the text exactly, line breaks and all
    assert [(e.text, e.label_, e.start_char) for e in example.ents] == [("تركيا", "LOC", 12)]
    for doc in docs:  # every document's text is rebuilt exactly, whatever its white space
        assert doc.text and all(t.text.strip() or t.is_space for t in doc)


def test_a_tiny_spacy_train_runs_on_an_export(filled, tmp_path):
    pytest.importorskip("spacy")
    import subprocess
    import sys

    export(filled, "spacy", tmp_path / "train.spacy")
    config = tmp_path / "config.cfg"
    subprocess.run([sys.executable, "-m", "spacy", "init", "config", str(config), "--lang", "ar",
                    "--pipeline", "ner", "--optimize", "efficiency", "--force"], check=True, capture_output=True)
    run = subprocess.run([sys.executable, "-m", "spacy", "train", str(config), "--output", str(tmp_path / "model"),
                          "--paths.train", str(tmp_path / "train.spacy"), "--paths.dev", str(tmp_path / "train.spacy"),
                          "--training.max_steps", "4", "--training.eval_frequency", "2"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert (tmp_path / "model" / "model-last").is_dir()
