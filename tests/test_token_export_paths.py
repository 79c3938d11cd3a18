"""The token writers' fast path (plain_tokens: no alignment; CoNLL joins the untagged runs
in C) against the general path through tokenized(), which applies the policy: byte for byte,
notes included, and the general path wherever a span is expanded, dropped or overlaps."""

import contextlib
import re
from dataclasses import replace
from unittest import mock

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.cli import cli
from annotator.core import tokenize as tokenize_module
from annotator.core.model import Span
from annotator.formats import conll, conllu
from annotator.formats.export import ExportDoc, ExportOptions, ExportReport, StoredDoc, plain_tokens, token_layers

_WORDS = ["قال", "الرئيس", "لتركيا", "د", "COP29", "4.2", "٣٫٥", "O'Neil", "«", "»", ".", "؟", "،", "😀", "é",
          "\u064B", "\u0600", "x", "B.C.", "said", "a3y", "3-y", "!", ")", "U.S.", "1990s", "a.b@c.org",
          "www.x.org/a?b=1", "10:30"]
_GAPS = [" ", " ", "", "\n", "  ", "\u2028"]


@st.composite
def documents(draw):
    pieces = draw(st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GAPS)), min_size=1, max_size=25))
    text = "".join(w + g for w, g in pieces)
    layers = ["entity", "quote"]
    edges, at = [0], 0  # the words' edges: spans are mostly drawn on them, as annotators make them
    for w, g in pieces:
        edges += [at, at + len(w)]
        at += len(w) + len(g)
    offsets = st.one_of(st.sampled_from(edges), st.sampled_from(edges), st.integers(0, len(text)))
    spans = []
    for k, (a, b, layer, label) in enumerate(draw(st.lists(
            st.tuples(offsets, offsets, st.sampled_from(layers), st.sampled_from(["PER", "LOC"])), min_size=1, max_size=8))):
        if a < b:
            spans.append(Span(f"T{k}", "d", "a", layer, label, a, b, {}))
    others = draw(st.lists(st.tuples(offsets, offsets, st.sampled_from(layers)), max_size=3))
    all_edges = sorted({(s.start, s.end, s.layer) for s in spans} | {(a, b, l) for a, b, l in others if a < b})
    source = None
    if draw(st.booleans()):  # a stored tokenization, as a column-file import keeps
        from annotator.core.tokenize import sentences, tokenize
        source = sentences(text, tokenize(text))
        if source and draw(st.booleans()):
            source = source + [[]]
    return ExportDoc("d", text, {}, "a", spans, [], source, all_edges if draw(st.booleans()) else None)


def stored(doc: ExportDoc) -> StoredDoc:
    """The document as an export reads it from a project: spans as stored rows."""
    rows = [(k, s.id, s.doc_id, s.annotator, s.layer, s.label, s.start, s.end, "{}") for k, s in enumerate(doc.spans)]
    return StoredDoc(doc.doc_id, doc.text, doc.meta, doc.annotator, None, doc.relations, doc.source_sentences,
                     doc.all_edges, span_rows=rows)


def _as_plain_records_reads(doc: ExportDoc, options: ExportOptions, layer: str):
    """The records plain_records makes of the document (_plain_parts, given its spans as the
    project's rows give them), or None where it leaves it to the general path; None also where
    plain_records does not apply."""
    import json

    from annotator.formats.export import _plain_parts, plain_records_apply

    if not plain_records_apply(options) or doc.source_sentences is not None:
        return None
    mine = [[s.start, s.end, s.label, s.id, k] for k, s in enumerate(doc.spans) if s.layer == layer]
    summary = (len(doc.spans), len(mine), json.dumps(mine)) if doc.spans else None
    # every annotator's spans, when others worked on it: here the other edges, as one more
    # annotator's, whose record is read beside this one (its spans cut the pieces both share)
    mine_edges = {(s.start, s.end) for s in doc.spans if s.layer == layer}
    others = [[a, b, "X", f"O{k}", k] for k, (a, b, edge_layer) in enumerate(doc.all_edges or ()) if edge_layer == layer
              and (a, b) not in mine_edges]
    other = (len(others), len(others), json.dumps(others))
    everyone = [summary, other] if doc.all_edges else []
    records = _plain_parts(doc.doc_id, doc.text, [summary, other] if others else [summary], everyone, options)[0]
    return records and records[:1]


def _runs_cut_however_many(yes: bool):
    """With ``yes``, texts with hard runs are cut in pieces however many and long their runs
    (the tests' short texts have more than hard_runs_apart takes)."""
    return mock.patch.multiple(tokenize_module, CHARACTERS_PER_RUN=0, RUNS_SHARE=0) if yes else contextlib.nullcontext()


@given(documents(), st.sampled_from(["iob2", "iob1", "bioes"]), st.sampled_from(["split", "expand", "drop"]),
       st.sampled_from(["entity", "quote"]), st.booleans(), st.booleans(), st.booleans(), st.booleans())
@settings(max_examples=1500, deadline=None)
def test_the_fast_token_paths_write_what_the_general_path_writes(doc, scheme, policy, layer, split_clitics, compact,
                                                                 from_rows, any_runs):
    options = ExportOptions(layers=(layer,), scheme=scheme, policy=policy, split_clitics=split_clitics)
    general = conll.render_tokenized(doc, options, token_layers(options), None)
    with mock.patch.object(conllu, "plain_tokens", lambda *args: None):
        general_conllu = conllu.render(doc, options)
    # compact: token offsets as arrays, as the fast path keeps them for a long text;
    # from_rows: the spans read from stored rows, as a project's export reads them;
    # any_runs: a text with hard runs cut in pieces
    fast = stored(doc) if from_rows else doc
    with mock.patch.object(tokenize_module, "COMPACT_FROM", 0 if compact else 10**9), \
            _runs_cut_however_many(any_runs):
        assert conll.render(fast, options) == general
        records = _as_plain_records_reads(doc, options, layer)
        if records is not None:  # (None: the general path's)
            assert conll.render_parts(records[0]) == general[0]
            assert getattr(records[0], "notes", []) == general[1]  # the tokens it cut, as the general path notes them
        if plain_tokens(fast, options, layer) is not None:  # taken only where no span changes beyond a cut token
            assert {note.action for note in general[1]} <= {"split"}
        assert conllu.render(fast, options) == general_conllu


@given(documents(), st.sampled_from([1, 2, 3, 7]), st.sampled_from(["iob2", "bioes"]))
@settings(max_examples=400, deadline=None)
def test_conllu_writes_a_document_in_runs_of_any_length_as_the_general_path_does(doc, run, scheme):
    """CoNLL-U joins a document's lines in runs of tokens (4,096 at a time): a sentence longer
    than a run, or cut by one, is written as the general path writes it."""
    options = ExportOptions(scheme=scheme)
    with mock.patch.object(conllu, "plain_tokens", lambda *args: None):
        general = conllu.render(doc, options)
    with mock.patch.object(conllu, "_IDS_MADE", run):
        conllu._first_ids.cache_clear()  # (made for the run's length)
        try:
            assert conllu.render(doc, options) == general
        finally:
            conllu._first_ids.cache_clear()


@pytest.mark.parametrize("text", ["قال الرئيس اليوم هنا", "قال NATO اليوم هنا" + " في المؤتمر" * 20, "He said it here"],
                         ids=["easy", "a hard run", "English"])
def test_a_span_over_white_space_between_another_annotators_spans_is_written_whole(project, tmp_path, text):
    """Two annotators: one marks three words, the other the first two apart. The short way cuts
    the text at every annotator's edges, so the white space between the second one's spans is
    a piece of no token inside the first one's span (an export of such a project failed on
    it). Easy text, one with a hard run, English: both annotators' tags are written."""
    from annotator.core.model import Document

    words = [m.span() for m in re.finditer(r"\S+", text)]
    project.add_documents([Document("d", text, {})])
    project.add_span(Span("", "d", "amal", "entity", "PER", words[0][0], words[2][1]))
    project.add_span(Span("", "d", "omar", "entity", "LOC", *words[0]))
    project.add_span(Span("", "d", "omar", "entity", "LOC", *words[1]))
    expected = {"iob2": (["B-PER", "I-PER", "I-PER"], ["B-LOC", "B-LOC", "O"]),
                "iob1": (["I-PER", "I-PER", "I-PER"], ["I-LOC", "B-LOC", "O"]),
                "bioes": (["B-PER", "I-PER", "E-PER"], ["S-LOC", "S-LOC", "O"])}
    rest = ["O"] * (len(words) - 3)
    for scheme, (amal, omar) in expected.items():
        out = tmp_path / f"{scheme}.conll"
        result = CliRunner().invoke(cli, ["export", str(project.location), "-f", "conll", "--scheme", scheme,
                                          "-o", str(out)])
        assert result.exit_code == 0, result.output
        blocks = [block.splitlines() for block in out.read_text(encoding="utf-8").split("-DOCSTART- -X- O O\n\n")[1:]]
        assert [[line.split()[-1] for line in block if line] for block in blocks] == [amal + rest, omar + rest]
        assert [line.split()[0] for line in blocks[0] if line] == text.split()


def test_a_stored_document_makes_span_objects_only_when_asked_and_drops_its_rows_when_given_spans():
    doc = ExportDoc("d", "زار الرئيس أنقرة", {}, "a", [Span("T1", "d", "a", "entity", "PER", 4, 10, {}),
                                                       Span("T2", "d", "a", "quote", "QUOTE", 0, 16, {})], [])
    from_rows = stored(doc)
    assert from_rows.layer_spans("entity") == doc.layer_spans("entity") == [(4, 10, "PER", "T1")]
    assert from_rows.span_count() == 2 and from_rows._spans is None
    assert from_rows.spans == doc.spans
    from_rows.spans = from_rows.spans[:1]
    assert from_rows.layer_spans("quote") == [] and from_rows.span_count() == 1
    assert replace(from_rows, text="x").spans == from_rows.spans


def test_the_fast_path_cuts_words_as_split_does_and_leaves_expanding_to_the_general_path():
    text = "زار الرئيس لتركيا أمس. ثم عاد"
    on_edges = Span("T1", "d", "a", "entity", "PER", 4, 10, {})  # الرئيس
    inside = Span("T2", "d", "a", "entity", "LOC", 12, 17, {})  # تركيا inside لتركيا
    options = ExportOptions(layers=("entity",))
    plain = plain_tokens(ExportDoc("d", text, {}, "a", [on_edges], [], None, None), options, "entity")
    assert plain.forms == ["زار", "الرئيس", "لتركيا", "أمس", ".", "ثم", "عاد"]
    assert plain.sentence_ends == [5, 7] and plain.tags == {1: "B-PER"} and plain.notes == []
    cut = ExportDoc("d", text, {}, "a", [on_edges, inside], [], None, None)
    plain = plain_tokens(cut, options, "entity")
    assert plain.forms == ["زار", "الرئيس", "ل", "تركيا", "أمس", ".", "ثم", "عاد"]
    assert plain.sentence_ends == [6, 8] and plain.tags == {1: "B-PER", 3: "B-LOC"}
    rendered, notes, _ = conll.render(cut, options)
    assert "ل _ _ O\nتركيا _ _ B-LOC\n" in rendered and [(n.host, n.action) for n in notes] == [("لتركيا", "split")]
    # Another annotator's span edge inside a word cuts it for everyone, with no note here.
    other = ExportDoc("d", text, {}, "a", [on_edges], [], None, [(4, 10, "entity"), (12, 17, "entity")])
    rendered, notes, _ = conll.render(other, options)
    assert "ل _ _ O\nتركيا _ _ O\n" in rendered and notes == []
    # Expanding a span to its word is the general path's, which notes it.
    expand = ExportOptions(layers=("entity",), policy="expand")
    assert plain_tokens(cut, expand, "entity") is None
    assert [n.action for n in conll.render(cut, expand)[1]] == ["expanded"]


def _random_team_project(project, rng):
    """Documents of Arabic, Latin, digits and punctuation (some with a harakat, a Latin word or a
    symbol), each worked on by none, one or several annotators: spans of two layers mostly on
    word edges, some inside words or across each other, statuses, a document with the tokens a
    column-file import keeps."""
    from annotator.core.model import Document, ValidationError

    documents = []
    for n in range(14):
        pieces = [(rng.choice(_WORDS[:4] + _WORDS[8:13] if n % 3 else _WORDS), rng.choice(_GAPS))
                  for _ in range(rng.randint(0, 30))]
        text = "".join(w + g for w, g in pieces)
        meta = {"conll": {"sentences": [{"tokens": ["قال"]}]}} if n == 5 else {}
        documents.append(Document(f"d{n:02d}", text, meta))
    project.add_documents(documents)
    for document in documents:
        text = document.text
        words = [match.span() for match in re.finditer(r"\S+", text)]
        for annotator in rng.sample(["amal", "omar", "badr"], rng.randint(0, 3)):
            k = 0
            while k < len(words):  # runs of one to three words, a few cut inside a word
                if rng.random() < 0.3:
                    run = rng.randint(1, 3)
                    a, b = words[k][0], words[min(k + run, len(words)) - 1][1]
                    if rng.random() < 0.1:
                        a = rng.randint(a, b - 1)
                    layer, label = rng.choice([("entity", "PER"), ("entity", "LOC"), ("quote", "QUOTE")])
                    try:
                        project.add_span(Span("", document.id, annotator, layer, label, a, b))
                    except ValidationError:
                        pass  # across a grapheme cluster
                    k += run
                k += 1
            if rng.random() < 0.6:
                project.set_status(document.id, annotator, rng.choice(["in progress", "done"]))
    return [d.id for d in documents]


def _both_paths(project, options, only, last):
    """A range written record by record (the per-document path) and through plain_records."""
    from annotator.formats.export import ExportReport, PlainRecord, _collect, _prepared, plain_records

    general_report, fast_report = ExportReport(), ExportReport()
    with project.one_moment():
        rows = project.export_rows(options.annotator, options.status, with_all_edges=True, positions=(0, last))
        general = "".join(_collect(conll.render(doc, options), general_report)
                          for doc in _prepared(rows, options, general_report, only))
        # rendered as they come, as the export does (a plain record's notes are counted as it is
        # given, a general one's as it is rendered: listed first, they came out of order)
        kinds = []
        fast = "".join(conll.render_parts(r) if kinds.append(isinstance(r, PlainRecord)) or kinds[-1]
                       else _collect(conll.render(r, options), fast_report)
                       for r in plain_records(project, options, 0, last, only, fast_report))
    return general, general_report, fast, fast_report, sum(kinds)


@pytest.mark.parametrize("any_runs", [False, True])
def test_the_range_reader_writes_what_the_per_document_path_writes(project, any_runs):
    """plain_records reads each annotator's spans of a document as one JSON list and tags them
    without Span objects; byte for byte the same CoNLL and the same report as the records
    export_rows gives, whatever the filters, layer, scheme and policy. (any_runs: a text with
    hard runs is cut in pieces however many and long they are.)"""
    import itertools
    import random

    from annotator.formats.export import ExportOptions

    rng = random.Random(14)
    ids = _random_team_project(project, rng)
    plain_total = records = 0
    for annotator, status, layers, scheme, policy, only in itertools.product(
            [None, "amal"], [None, "done"], [(), ("entity",), ("quote",)], ["iob2", "iob1", "bioes"],
            ["split", "expand", "drop"], [None, set(ids[::2])]):
        options = ExportOptions(annotator=annotator, status=status, layers=layers, scheme=scheme, policy=policy)
        with _runs_cut_however_many(any_runs):
            general, general_report, fast, fast_report, plain = _both_paths(project, options, only, len(ids) - 1)
        assert fast == general, options
        assert fast_report == general_report, options
        plain_total += plain
        records += general_report.documents
    assert plain_total > records / 2  # most took the short way (the rest: cut words, overlaps, kept tokens)


def test_the_range_reader_leaves_long_documents_to_the_general_path(project, monkeypatch):
    import random

    from annotator.formats import export
    from annotator.formats.export import ExportOptions

    ids = _random_team_project(project, random.Random(3))
    monkeypatch.setattr(export, "COMPACT_FROM", 40)  # 40 characters is long, here
    general, general_report, fast, fast_report, plain = _both_paths(project, ExportOptions(), None, len(ids) - 1)
    assert (fast, fast_report) == (general, general_report)
    assert 0 < plain < general_report.documents


def test_span_lists_are_read_in_order_whatever_their_labels_hold():
    """Each annotator's spans of a document come from the store as one JSON list, in any order:
    read in order, with labels holding quotes, commas, brackets or U+001F (what a list of
    values parted by a character would be cut at) whole."""
    import json

    from annotator.formats.export import _spans_of

    assert _spans_of((3, 2, '[[9, 12, "LOC"], [0, 4, "PER"]]')) == [[0, 4, "PER"], [9, 12, "LOC"]]
    assert _spans_of((3, 0, None)) == [] and _spans_of(None) == []
    label = 'P\x1fER, "x" [y] عربي'
    assert _spans_of((1, 1, json.dumps([[0, 4, label]]))) == [[0, 4, label]]


@pytest.mark.file_only
def test_documents_the_short_way_cannot_take_are_read_together_not_one_by_one(project):
    """Two spans of a layer on one token (overlapping) send their document to the general path;
    the rows of all such documents of a range are read by two queries, whatever their number (a
    query each made such a range slower than the usual reading)."""
    from annotator.core.model import Document
    from annotator.formats.export import ExportOptions, ExportReport, PlainRecord, plain_records

    project.add_documents([Document(f"d{n:02d}", "قالت لتركيا شيئا") for n in range(30)])
    for n in range(30):
        project.add_span(Span("", f"d{n:02d}", "amal", "entity", "GPE", 0, 11))
        project.add_span(Span("", f"d{n:02d}", "amal", "entity", "GPE", 6, 16))

    def selects(last: int) -> tuple[int, list]:
        statements = []
        project.db.conn.set_trace_callback(statements.append)
        try:
            with project.one_moment():
                records = list(plain_records(project, ExportOptions(), 0, last, None, ExportReport()))
        finally:
            project.db.conn.set_trace_callback(None)
        return sum(s.lstrip().upper().startswith("SELECT") for s in statements), records

    few, records = selects(4)
    many, more_records = selects(29)
    assert few == many  # not one more query per document
    assert len(more_records) == 30 and not any(isinstance(r, PlainRecord) for r in more_records)
    assert all(r.doc_id == f"d{n:02d}" for n, r in enumerate(more_records))


@pytest.mark.file_only
def test_spans_inside_words_are_read_the_short_way_with_the_notes_of_the_tokens_they_cut(project, tmp_path):
    """A span inside a word (تركيا in لتركيا, Clinton in Clinton-era) cuts its token there: such
    documents are read the short way (they are common in news, and went the general way), with
    the same file and the same notes, in the order the general path makes them (the spans'
    stored order, not their places)."""
    from annotator.core.model import Document
    from annotator.formats.export import ExportOptions, ExportReport, PlainPieces, plain_records

    project.add_documents([Document("ar", "قالت لتركيا وبريطانيا شيئا. ثم عادت"),
                           Document("en", "Clinton-era aides met O'Neil-led team. Then they left.")])
    for span in (Span("", "ar", "amal", "entity", "GPE", 13, 21),  # بريطانيا after و, stored first
                 Span("", "ar", "amal", "entity", "GPE", 6, 11),  # تركيا after ل
                 Span("", "en", "amal", "entity", "PER", 0, 7),  # Clinton before -era
                 Span("", "en", "amal", "entity", "PER", 22, 28)):  # O'Neil before -led
        project.add_span(span)
    project.add_span(Span("", "en", "karim", "entity", "ORG", 33, 35))  # "te" of team: cuts it for amal too
    options = ExportOptions(annotator="amal")
    report = ExportReport()
    with project.one_moment():
        records = list(plain_records(project, options, 0, 1, None, report))
    assert all(isinstance(r, PlainPieces) for r in records) and len(records) == 2
    assert [(n.doc_id, n.span_id, n.host) for n in report.notes] == [
        ("ar", "T1", "وبريطانيا"), ("ar", "T2", "لتركيا"), ("en", "T1", "Clinton-era"), ("en", "T2", "O'Neil-led")]
    assert "ل _ _ O\nتركيا _ _ B-GPE\nو _ _ O\nبريطانيا _ _ B-GPE\n" in conll.render_parts(records[0])
    assert "Clinton _ _ B-PER\n-era _ _ O\n" in conll.render_parts(records[1])
    assert "O'Neil _ _ B-PER\n-led _ _ O\nte _ _ O\nam _ _ O\n" in conll.render_parts(records[1])
    # the whole export (one process), as the general path writes it and notes what it cut
    out = tmp_path / "out.conll"
    result = CliRunner().invoke(cli, ["export", str(project.path), "-f", "conll", "--annotator", "amal", "-o", str(out),
                                      "--report", str(tmp_path / "report.tsv")])
    assert result.exit_code == 0, result.output
    general = [conll.render_tokenized(doc, options, ["entity"], None) for doc in _docs_of(project, options)]
    assert out.read_text(encoding="utf-8") == "".join(text for text, _, _ in general)
    assert (tmp_path / "report.tsv").read_text(encoding="utf-8").splitlines()[1:] == [
        f"{n.doc_id}\t{n.span_id}\t{n.host}\t{n.action}" for _, notes, _ in general for n in notes]


def _docs_of(project, options):
    from annotator.formats.export import _prepared

    return list(_prepared(project.export_rows(options.annotator, with_all_edges=True), options, ExportReport(), None))


def test_empty_kept_sentences_anywhere_are_written_as_the_general_path_writes_them():
    options = ExportOptions(layers=("entity",))
    for sentences in ([[], [(0, 3), (4, 9)]], [[(0, 3)], [], [(4, 9)]], [[(0, 3), (4, 9)], []]):
        doc = ExportDoc("d", "قال لتركيا", {}, "a", [Span("T1", "d", "a", "entity", "GPE", 4, 9, {})], [], sentences)
        plain = plain_tokens(doc, options, "entity")
        assert plain is not None
        assert conll._render_plain(plain) == conll.render_tokenized(doc, options, token_layers(options), None)[0]


@pytest.mark.file_only
def test_a_worker_reads_row_by_row_where_the_short_way_mostly_fails_and_tries_it_again_later(project, monkeypatch):
    """Ranges whose documents mostly need more than the tokens (two spans on one token in each)
    are read the usual way after the first, the short way being tried again every
    PROBE_EVERY ranges; ranges of whole-word spans always take it. The same bytes either way."""
    from annotator.core.model import Document
    from annotator.formats import export
    from annotator.formats.export import ExportOptions

    project.add_documents([Document(f"d{n:02d}", "قالت لتركيا شيئا") for n in range(40)]
                          + [Document(f"w{n:02d}", "قالت تركيا شيئا") for n in range(20)])
    for n in range(40):  # overlapping on لتركيا
        project.add_span(Span("", f"d{n:02d}", "amal", "entity", "GPE", 0, 11))
        project.add_span(Span("", f"d{n:02d}", "amal", "entity", "GPE", 6, 16))
    for n in range(20):
        project.add_span(Span("", f"w{n:02d}", "amal", "entity", "GPE", 5, 10))  # the whole word
    monkeypatch.setattr(export, "_WORKER", {"project": project, "only": None})
    monkeypatch.setattr(export, "PROBE_EVERY", 3)
    calls = []
    real = export.plain_records
    monkeypatch.setattr(export, "plain_records", lambda *args: (calls.append(args[2]), real(*args))[1])
    ranges = [(k, k + 3) for k in range(0, 60, 4)]  # 10 ranges of cut words, then 5 of whole words
    written = [b"".join(export._render_range(conll.render, conll.render_parts, ExportOptions(), *r)[0]) for r in ranges]
    assert calls == [0, 12, 24, 36, 48, 52, 56]  # a probe every third range while it fails, then every range
    monkeypatch.setattr(export, "_WORKER", {"project": project, "only": None})
    assert written == [b"".join(export._render_range(conll.render, None, ExportOptions(), *r)[0]) for r in ranges]
    assert all(text.count(b"B-GPE") == 4 for text in written)  # (of two overlapping spans, the first)
