"""A JSONL record on a line of megabytes is read in pieces. Our own JSONL export of a document
imported from a column file keeps every token's row in its meta: a million tokens make a
line of 100 MB, which read whole (the line, then json.loads's lists of every row) took 1.4 GB
to import again. Such a line is now read a piece at a time, the kept sentences held as their
JSON (compressed), and anything json.loads would read otherwise goes the old way."""

import json
import tracemalloc

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.cli import cli
from annotator.core.model import TOKEN_SOURCES, EncodedJSON, Span, decoded_meta
from annotator.formats import LineInFile, conllu, jsonl
from annotator.formats.jsonl import read_jsonl, write_jsonl
from annotator.formats.kept_sentences import NotKept, read_record
from annotator.store.bulk import import_records
from annotator.store.project import Project

WORDS = ["قال", "الرئيس", "إن", 'معرض "IDEF"', "يفتح", "أبوابه", "غدا", "في", "إسطنبول\\"]


def _treebank(path, sentences):
    """One document of ``sentences`` sentences (no "# newdoc"): Arabic, a quote and a backslash
    in a form (escaped in JSON), a comment with a € and a tab."""
    with path.open("w", encoding="utf-8") as out:
        for s in range(sentences):
            words = [f"{WORDS[(s + k) % len(WORDS)]}" for k in range(12)]
            out.write(f"# sent_id = s{s}\n# text = {' '.join(words)}\n# note = €{s}\tend\n")
            for k, word in enumerate(words, 1):
                out.write(f"{k}\t{word}\t_\tX\t_\t_\t{k - 1}\tdep\t_\t{'SpaceAfter=No' if k == 12 else '_'}\n")
            out.write("\n")
    return path


def _exported(project, path):
    with path.open("w", encoding="utf-8", newline="\n") as out:
        write_jsonl(project.iter_export(stored_meta=True), out)
    return path


@pytest.fixture
def long_line(tmp_path, monkeypatch):
    """A JSONL file of our export of a treebank imported as one document, two annotators'
    records of it; lines of more than 4 KB read in pieces of 1,000 bytes
    (cut inside Arabic letters)."""
    source = Project.create(tmp_path / "source.db")
    records = list(conllu.read(_treebank(tmp_path / "one.conllu", 300), source.schema, "amal"))
    import_records(source, records)
    (doc_id,) = source.document_ids()
    text = source.text(doc_id)
    at = text.index("الرئيس")
    for name in ("amal", "karim"):
        source.add_span(Span("", doc_id, name, "entity", "PER", at, at + 6, {}))
    path = _exported(source, tmp_path / "export.jsonl")
    source.close()
    monkeypatch.setattr(jsonl, "LONG_LINE_BYTES", 4096)
    monkeypatch.setattr(jsonl, "PIECE_BYTES", 1000)
    return path


def test_a_long_record_is_read_in_pieces_as_json_loads_reads_it(long_line, monkeypatch):
    from annotator.core.schema import default_schema

    lines = long_line.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all(len(line.encode("utf-8")) > 4096 for line in lines)
    records = list(read_jsonl(long_line, default_schema(), "imported"))
    kept = records[0].document.meta["conllu"]["sentences"]
    assert isinstance(kept, EncodedJSON) and len(kept.items) == 300 and kept.tokens == 3600
    # The raw line is where it is: read again, it is the line.
    assert [r.raw.read() for r in records] == lines and all(isinstance(r.raw, LineInFile) for r in records)
    whole = [json.loads(line) for line in lines]
    for record, obj in zip(records, whole):
        assert record.document.text == obj["text"]
        assert decoded_meta(record.document.meta) == obj.get("meta", {})
        assert [(s.layer, s.label, s.start, s.end, s.annotator) for s in record.spans] == \
            [(s["layer"], s["label"], s["start"], s["end"], obj["annotator"]) for s in obj["spans"]]
    # Lines shorter than LONG_LINE_BYTES are read whole, as before.
    monkeypatch.setattr(jsonl, "LONG_LINE_BYTES", 1 << 30)
    assert [r.raw for r in read_jsonl(long_line, default_schema(), "imported")] == lines


def test_a_long_record_imports_and_exports_again_as_it_was(long_line, project, tmp_path):
    from annotator.formats.export import ExportOptions, ExportReport, export_documents

    report = import_records(project, read_jsonl(long_line, project.schema, "imported"))
    assert (report.documents_added, report.records_added) == (1, 2)
    again = _exported(project, tmp_path / "again.jsonl")
    assert again.read_bytes() == long_line.read_bytes()
    # The kept rows are the treebank's: the CoNLL-U export is the source project's, every row
    # as the file had it.
    options = ExportOptions(annotator="amal")
    exports = []
    source = Project.open(tmp_path / "source.db")
    try:
        for exported, out in ((project, tmp_path / "out.conllu"), (source, tmp_path / "source.conllu")):
            conllu.write(export_documents(exported, options, ExportReport()), out, options, ExportReport())
            exports.append(out.read_text(encoding="utf-8"))
    finally:
        source.close()
    assert exports[0] == exports[1]
    source_rows = [line.split("\t")[:9] for line in (tmp_path / "one.conllu").read_text(encoding="utf-8").splitlines()
                   if line[:1].isdigit()]
    assert [line.split("\t")[:9] for line in exports[0].splitlines() if line[:1].isdigit()] == source_rows


def test_a_long_record_is_read_in_a_fraction_of_what_json_loads_takes(tmp_path, monkeypatch):
    from annotator.core.schema import default_schema

    source = Project.create(tmp_path / "source.db")
    import_records(source, conllu.read(_treebank(tmp_path / "one.conllu", 4000), source.schema, "amal"))
    path = _exported(source, tmp_path / "export.jsonl")
    source.close()
    line = path.read_text(encoding="utf-8")
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        obj = json.loads(line)  # what reading it whole took, beside the line itself
        whole = tracemalloc.get_traced_memory()[1] - base
        del obj, line
        monkeypatch.setattr(jsonl, "LONG_LINE_BYTES", 1 << 16)
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        (record,) = read_jsonl(path, default_schema(), "imported")
        pieces = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert isinstance(record.document.meta["conllu"]["sentences"], EncodedJSON)
    assert pieces < whole / 4, (pieces, whole)


_SCALARS = st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats(allow_nan=False) | st.text(max_size=8)
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner,
                                                                                            max_size=4), max_leaves=12)
_SENTENCES = st.lists(_VALUES | st.fixed_dictionaries({"tokens": st.lists(st.lists(st.integers(0, 99), min_size=2,
                                                                                         max_size=2), max_size=4)},
                                                      optional={"rows": _VALUES}), max_size=6)


@st.composite
def _records(draw):
    meta = draw(st.dictionaries(st.text(max_size=5), _VALUES, max_size=3))
    if draw(st.booleans()):
        kept = draw(st.dictionaries(st.sampled_from(["id", "columns", "x"]), _VALUES, max_size=2))
        kept["sentences"] = draw(_SENTENCES | _VALUES)
        meta[draw(st.sampled_from(TOKEN_SOURCES))] = kept
    record = {"id": draw(st.text(min_size=1, max_size=5)), "text": draw(st.text(max_size=30)), "meta": meta}
    record.update(draw(st.dictionaries(st.sampled_from(["spans", "annotator", "x"]), _VALUES, max_size=2)))
    keys = list(record)
    order = draw(st.permutations(keys))
    return {key: record[key] for key in order}


@settings(max_examples=300, deadline=None)
@given(_records(), st.lists(st.integers(1, 9), min_size=1, max_size=40), st.booleans(), st.sampled_from([None, 0, 2]))
def test_read_record_gives_what_json_loads_gives_whatever_the_pieces(record, cuts, ascii_only, indent):
    text = json.dumps(record, ensure_ascii=ascii_only, indent=indent)
    pieces, at, n = [], 0, 0
    while at < len(text):
        pieces.append(text[at:at + cuts[n % len(cuts)]])
        at += cuts[n % len(cuts)]
        n += 1
    read = read_record(pieces)
    assert decoded_meta(read) == json.loads(text)
    for key in TOKEN_SOURCES:  # a source's list of sentences is held as its JSON (an empty one as a list)
        kept = read.get("meta", {}).get(key)
        sentences = kept.get("sentences") if isinstance(kept, dict) else None
        if isinstance(record["meta"].get(key, {}).get("sentences"), list) and record["meta"][key]["sentences"]:
            assert isinstance(sentences, EncodedJSON)
            assert sentences.tokens == sum(len(s["tokens"]) for s in record["meta"][key]["sentences"]
                                           if isinstance(s, dict) and isinstance(s.get("tokens"), list))


@pytest.mark.parametrize("text", [
    '{"id": "a", "id": "b"}',  # json.loads takes the last name of two: read whole
    '{"id": "a", "meta": {"x": 1, "x": 2}}',
    '{"id": "a", "meta": {"conllu": {"sentences": [], "sentences": [{"tokens": []}]}}}',
    '{"id": "a", "text": "b"',
    '{"id": "a"} x',
    '[{"id": "a"}]',
    '{"id": "a", "meta": {"conllu": {"sentences": [{"tokens": []},]}}}',
    '{"id": 1e}',
])
def test_read_record_refuses_what_json_loads_reads_otherwise_or_refuses(text):
    with pytest.raises(NotKept):
        read_record([text[:7], text[7:]])


def test_long_lines_json_loads_refuses_or_reads_otherwise_are_named_as_before(tmp_path, monkeypatch):
    """A long line that is not a record read in pieces is read whole, as every line was: the
    same records, the same messages, and the lines after it read as before."""
    from annotator.core.schema import default_schema

    text = "ن" * 3000

    def good(name):
        return json.dumps({"id": name, "text": text, "meta": {"conll": {"sentences": [{"tokens": [[0, 1]]}]}}},
                          ensure_ascii=False)

    lines = [
        good("first"),
        good("not UTF-8"),
        json.dumps({"id": "cut", "text": text})[:-10],
        json.dumps({"id": "twice", "text": text}) + ' x',
        '{"id": "named twice", "id": "last", "text": "' + text + '"}',
        " " * 9000,
        json.dumps([{"id": "list", "text": text}]),
        '{"id": "long number", "text": "' + text + '", "meta": {"n": ' + "9" * 5000 + "}}",
        json.dumps({"id": "deep", "text": text, "meta": {"x": [[[[[[[[[[]]]]]]]]]]}}),
        good("after"),
    ]
    data = "\n".join(lines).replace("\n", "\r\n", 1).encode("utf-8")
    at = data.index(b'"not UTF-8"') + 4000
    data = data[:at] + b"\xff" + data[at + 1:]  # (in the middle of a letter)
    path = tmp_path / "lines.jsonl"
    path.write_bytes(data + b"\n" + good("the last, cut").encode("utf-8")[:5000])  # (the file ends in it)

    def read():
        return [(r.source, r.reason, r.raw) if not hasattr(r, "document") else
                (r.source, r.document.id, decoded_meta(r.document.meta), r.document.text == text)
                for r in read_jsonl(path, default_schema(), "imported")]

    whole = read()
    monkeypatch.setattr(jsonl, "LONG_LINE_BYTES", 4096)
    monkeypatch.setattr(jsonl, "PIECE_BYTES", 777)
    assert read() == whole
    assert [item[1] for item in whole if len(item) == 4] == ["first", "last", "deep", "after"]
    assert len(whole) == len(lines)  # (the blank line skipped, the file's last line)
    assert "at column" in whole[-1][1] and whole[1][1].startswith("not valid UTF-8")


def test_a_rejected_long_record_is_written_to_the_rejects_as_it_was(long_line, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lines = long_line.read_text(encoding="utf-8").splitlines()
    bad = json.loads(lines[1])
    bad["spans"][0]["end"] = len(bad["text"]) + 5
    bad_line = json.dumps(bad, ensure_ascii=False)
    path = tmp_path / "in.jsonl"
    path.write_text(lines[0] + "\n" + bad_line + "\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["init", "p.db"]).exit_code == 0
    result = runner.invoke(cli, ["import", "p.db", str(path), "--skip-invalid", "--rejects", "rejects.jsonl"])
    assert result.exit_code == 0, result.output
    (rejected,) = [json.loads(line) for line in (tmp_path / "rejects.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rejected["source"] == f"{path}:2" and rejected["input"] == bad_line
    project = Project.open(tmp_path / "p.db")
    try:
        assert project.annotators() == ["amal"]
    finally:
        project.close()


def test_a_long_rejected_line_is_written_a_piece_at_a_time_as_it_would_be_whole(tmp_path, monkeypatch):
    """A rejected long line goes to --rejects read from its file in pieces (read whole and
    written as one string, a line of 100 MB took 750 MB): the same bytes as writing it whole,
    pieces cut inside letters and escapes; a file gone since gives no input."""
    from annotator.formats import RecordError
    from annotator.store import bulk

    line = '{"id": "d", "text": "قال \\"الوزير\\"\\tإن\\\\ ' + "تركيا " * 50 + '"}\t '
    path = tmp_path / "in.jsonl"
    path.write_text("first line\n" + line + "\nlast\n", encoding="utf-8")
    where = LineInFile(str(path), len("first line\n"), len(line.encode("utf-8")))
    assert "".join(where.pieces(7)) == line == where.read()
    pieces = LineInFile.pieces
    monkeypatch.setattr(LineInFile, "pieces", lambda self, size=7: pieces(self, size))  # (7 bytes each)
    errors = [RecordError(f"{path}:2", "a reason «»", where), RecordError(f"{path}:3", "short", "last")]
    bulk.write_rejects(tmp_path / "r.jsonl", errors)
    expected = "".join(json.dumps({"source": e.source, "reason": e.reason, "input": i}, ensure_ascii=False) + "\n"
                       for e, i in zip(errors, [line, "last"]))
    assert (tmp_path / "r.jsonl").read_text(encoding="utf-8") == expected
    path.unlink()
    bulk.write_rejects(tmp_path / "gone.jsonl", errors[:1])
    assert json.loads((tmp_path / "gone.jsonl").read_text(encoding="utf-8")) == \
        {"source": f"{path}:2", "reason": "a reason «»", "input": None}



def test_a_record_of_many_spans_is_written_a_run_of_spans_at_a_time_as_a_list_would_be(project, tmp_path,
                                                                                       monkeypatch):
    """The JSONL export writes the spans of a record that has many a run at a time from their
    rows, without a dict for each or their JSON made whole with the record's (a treebank
    document of 92,000 spans took 221 MB to export, now 163 MB): byte for byte the list's JSON,
    whatever the runs, with attributes, other scripts, relations and several annotators."""
    from annotator.core.model import AnnotatedDocument, Document, Relation
    from annotator.store import project as project_module

    text = "قال الرئيس إن «المعرض» يفتح غدا في إسطنبول.\n" * 300
    records = []
    for annotator in ("amal", "badr"):
        spans = [Span(f"T{k}", "d1", annotator, "speaker", "SPEAKER", k * 44, k * 44 + 3, {"name": f"اسم {k} \"x\""})
                 if k % 7 == 0 else Span(f"T{k}", "d1", annotator, "entity", ["PER", "LOC"][k % 2], k * 44, k * 44 + 3,
                                         {})
                 for k in range(1, 300 if annotator == "amal" else 2)]
        relations = []
        if annotator == "badr":  # a speaker who refers to an entity
            spans.append(Span("T9", "d1", annotator, "speaker", "SPEAKER", 4, 10, {}))
            relations = [Relation("R1", "d1", annotator, "refers_to", "T9", "T1")]
        records.append(AnnotatedDocument(Document("d1", text, {"source": "x"}), annotator, "done", spans, relations))
    records.append(AnnotatedDocument(Document("d2", "نص قصير", {}), None, None, [], []))
    many = [Span(f"T{k}", "d3", "amal", "entity", "PER", 5 * k, 5 * k + 4, {}) for k in range(1, 20_001)]
    records.append(AnnotatedDocument(Document("d3", "كلمة " * 20_001, {}), "amal", None, many, []))
    import_records(project, records)
    written = {}
    for name, least in (("lists", 10**9), ("runs", 1)):
        monkeypatch.setattr(project_module.Project, "SPANS_WRITTEN_IN_PIECES_FROM", least)
        path = tmp_path / f"{name}.jsonl"
        with path.open("w", encoding="utf-8", newline="\n") as out:
            write_jsonl(project.iter_export(stored_meta=True), out)
        written[name] = path.read_bytes()
    assert written["runs"] == written["lists"]
    lines = [json.loads(line) for line in written["runs"].splitlines()]
    assert [len(r.get("spans", [])) for r in lines] == [299, 2, 0, 20_000]
    assert lines[0]["spans"][6]["attrs"] == {"name": 'اسم 7 "x"'} and lines[1]["relations"][0]["from"] == "T9"
    for run in (1, 2, 3, 7, 2_000):
        rows = [(k, f"T{k}", "d", "a", "entity", "PER", k, k + 1, "{}" if k % 2 else '{"k": "ü"}') for k in range(9)]
        assert "".join(project_module._spans_json_pieces(rows, run)) == json.dumps(
            [project_module._span_record(row) for row in rows], ensure_ascii=False)
    assert "".join(project_module._spans_json_pieces([])) == "[]"
    # what the export holds: the spans' rows, not a dict for each and their JSON whole as well
    peaks = {}
    for name, least in (("lists", 10**9), ("runs", 1)):
        monkeypatch.setattr(project_module.Project, "SPANS_WRITTEN_IN_PIECES_FROM", least)
        tracemalloc.start()
        try:
            with (tmp_path / "again.jsonl").open("w", encoding="utf-8", newline="\n") as out:
                write_jsonl(project.iter_export(stored_meta=True), out)
            peaks[name] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peaks["runs"] < 0.8 * peaks["lists"], peaks
