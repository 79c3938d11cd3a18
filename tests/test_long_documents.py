"""A long document imported from a column file is exported a run of sentences at a time, its
kept sentences read from the meta as they come: the same bytes, notes and messages as
rendered whole, in a fraction of the memory."""

import json
import random
import tracemalloc

import pytest

from annotator.core.model import AnnotatedDocument, Document, Span, ValidationError
from annotator.formats import conll, conllu, export
from annotator.formats.export import ExportOptions, ExportReport, LongDocument, export_documents
from annotator.formats.kept_sentences import NotKept, read_kept
from annotator.store.bulk import import_records
from annotator.store.project import ProjectError

WORDS = ["قال", "الرئيس", "إن", "المعرض", "يفتح", "Istanbul", "2025", "،", "غدا", "في", "U.S.", "(IDEF"]
LABELS = ["PER", "ORG", "LOC"]


def _conll_text(rng: random.Random, sentences: int) -> str:
    lines = []
    for _ in range(sentences):
        inside = None
        for _ in range(rng.randint(1, 12)):
            word = rng.choice(WORDS)
            if inside and rng.random() < 0.5:
                tag = f"I-{inside}"
            elif rng.random() < 0.3:
                inside = rng.choice(LABELS)
                tag = f"B-{inside}"
            else:
                inside, tag = None, "O"
            lines.append(f"{word} {rng.choice(['NN', 'VB', '_'])} {rng.choice(['B-NP', 'I-NP'])} {tag}")
        lines.append("")
    return "\n".join(lines) + "\n"


def _conllu_text(rng: random.Random, sentences: int) -> str:
    blocks = []
    for n in range(sentences):
        rows, forms, k = [], [], 1
        for w in range(rng.randint(1, 10)):
            tag = rng.choice(["O", "O", "B-PER", "I-PER", "B-LOC"])
            glued = rng.random() < 0.15
            misc = "|".join(filter(None, ["SpaceAfter=No" if glued else "", f"NER={tag}"]))
            if rng.random() < 0.2:  # a multiword token: و + قال
                rows.append(f"{k}-{k + 1}\tوقال\t_\t_\t_\t_\t_\t_\t_\t{misc}")
                rows.append(f"{k}\tو\tو\tCCONJ\t_\t_\t0\tcc\t_\tNER=O")
                rows.append(f"{k + 1}\tقال\tقال\tVERB\t_\tAspect=Perf\t0\troot\t_\tNER={tag}")
                forms.append(("وقال", glued))
                k += 2
            else:
                word = rng.choice(WORDS)
                rows.append(f"{k}\t{word}\t{word}\tNOUN\t_\t_\t0\tnmod\t_\t{misc}")
                forms.append((word, glued))
                k += 1
        text = "".join(form + ("" if glued else " ") for form, glued in forms).rstrip(" ")
        blocks.append("\n".join([f"# sent_id = s{n}", f"# text = {text}", *rows]) + "\n")
    return "\n".join(blocks) + "\n"


def _more_spans(project, rng: random.Random, doc_id: str, count: int) -> None:
    """Another annotator's spans: inside words, across sentences, overlapping."""
    text = project.text(doc_id)
    for _ in range(count):
        start = rng.randrange(len(text) - 1)
        end = min(len(text), start + rng.choice([1, 2, 3, 8, 30]))
        if text[start:end].strip() != text[start:end] or not text[start:end].strip():
            continue
        try:
            project.add_span(Span("", doc_id, "badr", "entity", rng.choice(LABELS), start, end, {}))
        except ValidationError:  # (a span the project refuses, inside a letter say: not what this is about)
            pass


def _exported(project, module, options: ExportOptions, path) -> tuple:
    report = ExportReport()
    module.write(export_documents(project, options, report), path, options, report)
    return path.read_bytes(), report.notes, report.messages, report.documents, report.spans


def _in_parts(monkeypatch, size: int, scans: list | None = None) -> list:
    """Every document exported as a long one, in runs of about ``size`` tokens; the runs'
    first sentences are listed (and each first reading of a meta's kept sentences in
    ``scans``)."""
    runs: list = []
    parts = LongDocument.parts
    scan = export._scan_kept
    if scans is not None:
        monkeypatch.setattr(export, "_scan_kept", lambda pieces, text: scans.append(text) or scan(pieces, text))

    def listed(self, options):
        for part in parts(self, options):
            runs.append(part.first_sentence)
            yield part

    monkeypatch.setattr(export, "LONG_DOCUMENT_CHARS", 0)
    monkeypatch.setattr(export, "PART_TOKENS", size)
    monkeypatch.setattr(LongDocument, "parts", listed)
    return runs


OPTIONS = [ExportOptions(), ExportOptions(scheme="iob1"), ExportOptions(scheme="bioes", policy="expand"),
           ExportOptions(policy="drop", annotator="badr"), ExportOptions(misc_key="NE"),
           ExportOptions(layers=("entity",), status=None), ExportOptions(layers=("entity", "quote"))]


@pytest.mark.parametrize("seed", [1, 2])
def test_long_documents_export_in_runs_of_sentences_as_they_do_whole(project, tmp_path, monkeypatch, seed):
    rng = random.Random(seed)
    conll_path = tmp_path / "news.conll"
    conll_path.write_text(_conll_text(rng, 60), encoding="utf-8")
    conllu_path = tmp_path / "treebank.conllu"
    conllu_path.write_text(_conllu_text(rng, 60), encoding="utf-8")
    import_records(project, conll.read(conll_path, project.schema, "amal"))
    import_records(project, conllu.read(conllu_path, project.schema, "amal"))
    # a foreign meta whose kept tokens do not fit (overlapping): the text's own tokens, either way
    bad = {"conll": {"columns": ["pos"], "sentences": [{"tokens": [[0, 5], [3, 8]], "values": [["X"], ["Y"]]}]}}
    import_records(project, [AnnotatedDocument(Document("odd", "Hello world, again.", bad), "amal", None,
                                               [Span("T1", "odd", "amal", "entity", "PER", 0, 5, {})], [])])
    doc_ids = [row[0] for row in project.db.execute("SELECT id FROM documents ORDER BY position")]
    assert len(doc_ids) == 3
    for doc_id in doc_ids:
        _more_spans(project, rng, doc_id, 25)
    project.add_span(Span("", doc_ids[0], "amal", "quote", "QUOTE", 0, 40, {}))

    whole = {}
    for k, options in enumerate(OPTIONS):
        for module in (conll, conllu):
            whole[k, module] = _exported(project, module, options, tmp_path / f"whole-{k}.out")
    scans: list = []
    runs = _in_parts(monkeypatch, 5, scans)
    for k, options in enumerate(OPTIONS):
        for module in (conll, conllu):
            del runs[:], scans[:]
            parted = _exported(project, module, options, tmp_path / f"parts-{k}.out")
            assert parted == whole[k, module], (options, module.__name__)
            assert len(runs) > 4 and runs[0] == 0, runs  # (the odd document is rendered whole)
            assert len(scans) == len(set(scans)) == 3  # once a document, for both annotators' records
    # the same in the export's worker processes (each reads its ranges of documents itself)
    monkeypatch.setattr(export, "PARALLEL_FROM", 1)
    pools = []
    in_workers = export._render_ranges
    monkeypatch.setattr(export, "_render_ranges", lambda *args: pools.append(args[1]) or in_workers(*args))
    for k in (0, 1, 3):
        for module in (conll, conllu):
            assert _exported(project, module, OPTIONS[k], tmp_path / f"workers-{k}.out") == whole[k, module]
    assert len(pools) == 6 or export.usable_cores() < 2
    notes = {note.action for k in range(len(OPTIONS)) for module in (conll, conllu) for note in whole[k, module][1]}
    assert {"split", "expanded", "dropped", "overlap dropped"} <= notes  # every kind was compared


def test_a_run_ends_only_where_no_span_reaches_across(monkeypatch):
    from array import array

    counts = array("q", [2, 0, 2, 2, 2])  # five sentences, the second without tokens
    firsts = array("q", [0, 6, 6, 12, 18])  # tokens at 0, 3 | 6, 9 | 12, 15 | 18, 21
    lasts = array("q", [3, 6, 9, 15, 21])
    assert export._part_plan(counts, lasts, firsts, [], 1) == [(0, 2), (2, 3), (3, 4), (4, 5)]
    # a span from the last token of a sentence into the next keeps them together
    assert export._part_plan(counts, lasts, firsts, [(9, 14)], 1) == [(0, 2), (2, 4), (4, 5)]
    # one on a sentence's last token too (IOB1 writes B- after a span that ends right before)
    assert export._part_plan(counts, lasts, firsts, [(15, 17)], 1) == [(0, 2), (2, 3), (3, 5)]
    assert export._part_plan(counts, lasts, firsts, [(0, 2), (12, 14)], 1) == [(0, 2), (2, 3), (3, 4), (4, 5)]
    assert export._part_plan(counts, lasts, firsts, [], 4) == [(0, 3), (3, 5)]


def test_kept_sentences_are_read_from_any_pieces_as_json_loads_reads_them():
    meta = {"source": "a.conllu", "n": 12345, "conllu": {"x": [1, {"y": "}"}], "sentences": [
        {"sent_id": "s1", "tokens": [[0, 3]], "rows": [["1", "\"w\\", "_"]]},
        {"sent_id": "s ]2", "tokens": [], "rows": []}], "after": 1.5}, "tail": [None, True]}
    text = json.dumps(meta, ensure_ascii=False, indent=1)
    for size in (1, 2, 3, 7, len(text)):
        head: dict = {}
        pieces = [text[k:k + size] for k in range(0, len(text), size)]
        assert list(read_kept(pieces, None, head)) == meta["conllu"]["sentences"]
        assert head == {"key": "conllu", "meta": {**meta, "conllu": {**meta["conllu"], "sentences": []}}}
    for odd in ({"conll": {"sentences": []}}, {"conll": {"sentences": [[0, 1]]}}, {"conll": {"columns": []}},
                {"conll": [], "sentences": []}, {"source": "x"}, [1],
                {"conll": {"sentences": [{}]}, "conllu": {"sentences": [{}]}}):
        with pytest.raises(NotKept):
            list(read_kept([json.dumps(odd)], None, {}))
    for broken in ('{"conll": {"sentences": [{}]}', '{"conll": {"sentences": [{}]}} x', '{"conll": {"sentences": [{}'):
        with pytest.raises(NotKept):
            list(read_kept([broken], None, {}))
    with pytest.raises(NotKept):  # a name twice: json.loads would take the last
        list(read_kept(['{"conll": {"sentences": [{}]}, "conll": {"sentences": [{}]}}'], None, {}))


def _long_treebank(path, sentences: int) -> None:
    """A treebank of one document, a word in ten or so a name (whose spans are held either way)."""
    text = _conllu_text(random.Random(5), sentences).replace("NER=I-PER", "NER=O").replace("NER=B-LOC", "NER=O")
    path.write_text(text.replace("# sent_id", "# newpar\n# sent_id", 1), encoding="utf-8")


def test_a_long_documents_export_holds_a_run_of_sentences_not_the_document(project, tmp_path, monkeypatch):
    path = tmp_path / "long.conllu"
    _long_treebank(path, 6000)  # about 35,000 words
    import_records(project, conllu.read(path, project.schema, "amal"))
    assert project.document_count() == 1

    def peak(module):
        tracemalloc.start()
        try:
            out = _exported(project, module, ExportOptions(), tmp_path / f"{module.__name__}.out")
            return out, tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    monkeypatch.setattr(export, "LONG_DOCUMENT_CHARS", 10 ** 12)  # rendered whole, as before
    whole = {module: peak(module) for module in (conll, conllu)}
    monkeypatch.setattr(export, "LONG_DOCUMENT_CHARS", 0)
    monkeypatch.setattr(export, "PART_TOKENS", 2000)
    for module in (conll, conllu):
        parted, parted_peak = peak(module)
        assert parted == whole[module][0]
        # (about a third here: the rest is the text and the spans, held either way)
        assert parted_peak < whole[module][1] / 2.5, (module.__name__, parted_peak, whole[module][1])


def test_a_document_changed_between_the_two_readings_is_said_to_have_changed(project, tmp_path, monkeypatch):
    path = tmp_path / "short.conllu"
    path.write_text(_conllu_text(random.Random(3), 30), encoding="utf-8")
    import_records(project, conllu.read(path, project.schema, "amal"))
    _in_parts(monkeypatch, 5)
    pieces = type(project).meta_pieces
    readings = []

    def changing(self, doc_id):  # the second reading finds a sentence less
        readings.append(doc_id)
        text = "".join(pieces(self, doc_id))
        if len(readings) > 1:
            meta = json.loads(text)
            del meta["conllu"]["sentences"][3]
            text = json.dumps(meta)
        yield text

    monkeypatch.setattr(type(project), "meta_pieces", changing)
    with pytest.raises(ProjectError, match="changed while it was exported"):
        _exported(project, conllu, ExportOptions(), tmp_path / "out.conllu")


def test_a_long_documents_meta_goes_to_jsonl_a_piece_at_a_time(project, tmp_path, monkeypatch):
    """The JSONL export writes a long document's stored meta as it reads it, after a first
    reading that checks it is JSON: never the whole meta at once (a string of 185 MB for a
    treebank of a million tokens with one character past Latin-1)."""
    from annotator.core.model import StoredJSON
    from annotator.formats.jsonl import write_jsonl
    from annotator.store import project as project_module

    path = tmp_path / "long.conllu"
    _long_treebank(path, 3000)
    import_records(project, conllu.read(path, project.schema, "amal"))
    (stored,) = [meta for _id, _text, meta, *_ in project.export_rows()]
    monkeypatch.setattr(type(project), "LONG_TEXT_CHARS", 1000)
    monkeypatch.setattr(project_module, "STORED_META_CHARS", 100_000)
    assert len(stored) > 10 * project_module.STORED_META_CHARS

    def exported(**options):
        out = tmp_path / "out.jsonl"
        with out.open("w", encoding="utf-8", newline="\n") as f:
            tracemalloc.start()
            try:
                write_jsonl(project.iter_export(**options), f)
                peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
        return out.read_text(encoding="utf-8"), peak

    parsed, _ = exported()
    streamed, peak = exported(stored_meta=True)
    assert streamed == parsed and json.loads(streamed)["meta"]["conllu"]["sentences"][2999]["rows"]
    monkeypatch.setattr(type(project), "LONG_TEXT_CHARS", 10 ** 12)  # read whole, as before
    whole, whole_peak = exported(stored_meta=True)
    assert whole == parsed
    # the meta was never held whole (a string of two bytes a character here: Arabic)
    assert peak < whole_peak - 2 * len(stored), (peak, whole_peak, len(stored))
    monkeypatch.setattr(type(project), "LONG_TEXT_CHARS", 1000)
    assert isinstance(next(project.iter_export(stored_meta=True))["meta"], StoredJSON)
    # a meta that is not JSON fails as json.loads fails, before anything is written
    project.db.execute("UPDATE documents SET meta = ?", [stored[:-1]])
    with pytest.raises(json.JSONDecodeError):
        next(project.iter_export(stored_meta=True))
    # a long document's short meta is read as before
    project.db.execute("UPDATE documents SET meta = ?", ['{"source": "x"}'])
    assert next(project.iter_export(stored_meta=True))["meta"] == {"source": "x"}


def test_json_is_checked_a_value_at_a_time_as_json_loads_checks_it():
    from annotator.formats.kept_sentences import check_json

    good = json.dumps({"a": [1, 2.5e3, {"b": [None, True, 'x"y\\']}], "c": {"d": []}, "e": -0.0}, indent=2)
    for text in (good, "[]", "{}", " 7 ", '"s"', "[[[[1]]]]", json.dumps([{"x": [1]}] * 50)):
        for size in (1, 3, len(text)):
            check_json([text[k:k + size] for k in range(0, len(text), size)])
    for bad in ("", "{", '{"a": 1,}', "[1 2]", "[1,]", '{"a" 1}', "1.", "[1] 2", '{"a": [1, {"b": }]}', "nul"):
        with pytest.raises(json.JSONDecodeError):
            json.loads(bad)
        for size in (1, 2, max(1, len(bad))):
            with pytest.raises(NotKept):
                check_json([bad[k:k + size] for k in range(0, len(bad), size)])


@pytest.mark.file_only  # (the command opens the project's file)
def test_suggest_writes_a_long_documents_meta_as_it_reads_it(project, project_location, tmp_path, monkeypatch):
    """`annotator suggest -o` writes each document's meta beside its suggestions: a long
    document's as stored, read in pieces, not parsed (a million tokens' took 300-600 MB parsed,
    1.0 GB in all), and folding its text for the rules keeps its offsets compactly."""
    from click.testing import CliRunner

    from annotator.cli import cli
    from annotator.store import project as project_module

    path = tmp_path / "long.conllu"
    _long_treebank(path, 3000)
    import_records(project, conllu.read(path, project.schema, "amal"))
    (doc_id,) = project.document_ids()
    meta, text = project.document(doc_id).meta, project.text(doc_id)
    stored = json.dumps(meta, ensure_ascii=False)
    project.close()

    def suggested(name):
        tracemalloc.start()
        try:
            result = CliRunner().invoke(cli, ["suggest", str(project_location), "-o", str(tmp_path / name)])
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert result.exit_code == 0, result.output
        return (tmp_path / name).read_text(encoding="utf-8"), peak

    monkeypatch.setattr(project_module, "STORED_META_CHARS", 10 ** 12)  # parsed whole, as before
    whole, whole_peak = suggested("whole.jsonl")
    monkeypatch.setattr(project_module, "STORED_META_CHARS", 100_000)
    assert len(stored) > 10 * project_module.STORED_META_CHARS
    pieces, peak = suggested("pieces.jsonl")
    assert pieces == whole
    (record,) = [json.loads(line) for line in pieces.splitlines()]
    assert (record["id"], record["text"], record["meta"], record["source"]) == (doc_id, text, meta, "rules")
    assert peak < whole_peak - 2 * len(stored), (peak, whole_peak, len(stored))  # (never the meta whole)


def test_folding_a_long_text_keeps_its_offsets_compactly():
    from annotator.core.search import fold

    plain = "قال الوزير إن " * 100_000
    marked = "قالَ الوزيرُ إنّ " * 100_000
    tracemalloc.start()
    try:
        folded, where = fold(plain)
        plain_size = tracemalloc.get_traced_memory()[0]
        del folded, where
        folded, where = fold(marked)
        marked_size = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert folded == plain and len(where) == len(plain)
    kept = [k for k, char in enumerate(marked) if char not in "\u064e\u064f\u0651"]
    assert list(where) == kept and where[5] == kept[5] and where[-1] == kept[-1]
    assert fold(plain)[1][17] == 17 and list(fold(plain)[1][:3]) == [0, 1, 2]
    # as a list of ints, 36 bytes an offset (1.4 million of them here: 50 MB)
    assert plain_size < 2 * 4 * len(plain) and marked_size < 2 * 4 * len(marked) + 8 * len(kept), \
        (plain_size, marked_size)
