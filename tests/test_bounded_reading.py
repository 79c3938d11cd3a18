"""Large files from other tools are read a document at a time: a reader's memory, and an
import's, is one document's (or a chunk's), never the file's."""

import tracemalloc

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.schema import default_schema
from annotator.formats import conll, conllu
from annotator.store import bulk
from annotator.store.bulk import import_records

WORDS = ["قال", "الرئيس", "إن", "المعرض", "يفتح", "أبوابه", "غدا", "في", "إسطنبول"]


def _conll_file(path, documents=600, tokens=120):
    with path.open("w", encoding="utf-8") as out:
        for d in range(documents):
            out.write("-DOCSTART- -X- O O\n\n")
            for k in range(tokens):
                out.write(f"{WORDS[k % len(WORDS)]} _ _ {'B-PER' if k % 17 == 0 else 'O'}\n")
            out.write("\n")
    return path


def _conllu_file(path, documents=600, sentences=4):
    with path.open("w", encoding="utf-8") as out:
        for d in range(documents):
            for s in range(sentences):
                words = WORDS * 3
                out.write(f"# newdoc id = d{d}\n# sent_id = d{d}-{s}\n# text = {' '.join(words)}\n")
                for k, word in enumerate(words, 1):
                    misc = "_" if k < len(words) else "SpaceAfter=No"
                    out.write(f"{k}\t{word}\t_\tX\t_\t_\t0\tdep\t_\t{misc}\n")
                out.write("\n")
    return path


def _peak_while(items) -> tuple[int, int]:
    """Python memory at its peak while ``items`` is consumed, and how many there were."""
    tracemalloc.start()
    try:
        count = sum(1 for _ in items)
        return tracemalloc.get_traced_memory()[1], count
    finally:
        tracemalloc.stop()


def test_a_conll_file_is_read_a_document_at_a_time(tmp_path):
    path = _conll_file(tmp_path / "big.conll")
    peak, count = _peak_while(conll.read(path, default_schema(), "amal"))
    assert count == 600
    # Held whole, its rows took many times the file's size; one document's are a small part.
    assert peak < path.stat().st_size / 4, (peak, path.stat().st_size)


def test_a_conllu_file_is_read_a_document_at_a_time(tmp_path):
    path = _conllu_file(tmp_path / "big.conllu")
    peak, count = _peak_while(conllu.read(path, default_schema(), "amal"))
    assert count == 600
    assert peak < path.stat().st_size / 4, (peak, path.stat().st_size)


def _held_and_peak(read) -> tuple[int, int, list]:
    """Python memory held by what ``read()`` gives once it is read, and at its peak while it
    is read."""
    tracemalloc.start()
    try:
        items = list(read())
        held, peak = tracemalloc.get_traced_memory()
        return held, peak, items
    finally:
        tracemalloc.stop()


def test_a_file_that_is_one_long_document_is_read_a_sentence_at_a_time(tmp_path):
    """A column file without -DOCSTART- lines, or a CoNLL-U file without "# newdoc", is one
    document (many real files are: WikiANN, ANERcorp, treebanks): it is built as its sentences
    come, so that the rows of all its sentences are never held beside what the document keeps
    (the CoNLL reader's peak was twice the document, 809 MB for 12 MB of a million tokens;
    CoNLL-U's 1.25 times, and its rows' values a string each)."""
    path = _conll_file(tmp_path / "one.conll", documents=1, tokens=20)
    text = path.read_text(encoding="utf-8").replace("-DOCSTART- -X- O O\n\n", "")
    path.write_text("".join(text + "\n" for _ in range(1500)), encoding="utf-8")  # 30,000 tokens
    held, peak, items = _held_and_peak(lambda: conll.read(path, default_schema(), "amal"))
    sentences = items[0].document.meta["conll"]["sentences"]
    assert len(items) == 1 and len(sentences.items) == 1500 and sentences.tokens == 30_000
    assert peak < 1.5 * held, (peak, held)
    # what a token's offsets and columns cost held: their JSON (as lists and tuples, 300 bytes)
    assert held < 120 * 30_000, held
    text = items[0].document.text
    assert [[text[a:b] for a, b in s["tokens"]] for s in sentences.decoded()] == \
        [[WORDS[k % len(WORDS)] for k in range(20)]] * 1500
    assert sentences.decoded()[0]["values"] == [["_", "_"]] * 20  # its two columns that are not tags
    # A treebank's rows are kept as their JSON, compressed once there are many (JSONItems): what
    # the document holds is a small part of its JSON, and reading twice the sentences takes
    # about the same peak (the first megabyte, kept as it is, and a block being compressed).
    path = _conllu_file(tmp_path / "one.conllu", documents=1, sentences=1200)  # 32,400 words
    held, peak, items = _held_and_peak(lambda: conllu.read(path, default_schema(), "amal"))
    sentences = items[0].document.meta["conllu"]["sentences"]
    assert len(items) == 1 and len(sentences.items) == 1200
    assert held < 60 * 32_400 < sentences.chars, (held, sentences.chars)  # (as JSON, 2 bytes a character here)
    lines = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line[:1].isdigit()]
    assert [row for sentence in sentences.decoded() for row in sentence["rows"]] == lines
    longer = _conllu_file(tmp_path / "longer.conllu", documents=1, sentences=2400)
    longer_held, longer_peak, _ = _held_and_peak(lambda: conllu.read(longer, default_schema(), "amal"))
    assert longer_held > 1.5 * held and longer_peak < 1.3 * peak, (held, peak, longer_held, longer_peak)


def test_a_long_document_being_imported_is_not_held_twice_by_its_reader(tmp_path):
    """While the import writes a document, the reader that made it waits at its yield: the
    sentences' texts it joined are let go (they were held beside the document: 9 MB of texts
    a million CoNLL-U tokens); and once it goes on to the next document, so is the last one
    (the CoNLL reader held it while it read the next, which may be as long)."""
    import gc

    files = {conllu.read: _conllu_file(tmp_path / "two.conllu", documents=2, sentences=600),
             conll.read: _conll_file(tmp_path / "two.conll", documents=2, tokens=20_000)}
    for read, path in files.items():
        reader = read(path, default_schema(), "amal")
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            item = next(reader)
            one, reading_one = (value - before for value in tracemalloc.get_traced_memory())
            text = len(item.document.text) * 2  # (Arabic: two bytes a character)
            item = None
            gc.collect()
            left = tracemalloc.get_traced_memory()[0] - before
            tracemalloc.reset_peak()
            item = next(reader)
            reading_the_next = tracemalloc.get_traced_memory()[1] - before
        finally:
            tracemalloc.stop()
        assert one > text and reading_the_next < reading_one + one / 2, (read, one, reading_one, reading_the_next)
        if read is conllu.read:
            assert left < text / 4, (one, text, left)  # (the CoNLL reader's local still names the document)
        assert item.document.id.endswith("2") or item.document.id == "d1"
        assert list(reader) == []


def test_a_long_text_is_checked_and_hashed_a_piece_at_a_time():
    """Whole, a text's UTF-8 encoder first reserves three bytes a character of a text that is
    not Latin-1: 50 MB to check or hash a treebank document of 16 million characters."""
    import hashlib

    from annotator.core.input_checks import lone_surrogate_at
    from annotator.core.model import text_sha256

    text = "قال الرئيس ’ " * 600_000  # 7.8 million characters, 16 MB held; its UTF-8 would be 14 MB
    for check in (lone_surrogate_at, text_sha256):
        tracemalloc.start()
        try:
            check(text)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 8_000_000, (check, peak)
    assert text_sha256(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert lone_surrogate_at(text) is None and lone_surrogate_at(text + "\ud800") == len(text)


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=()) | st.sampled_from("aب’\ud800\udc00"), max_size=40),
       piece=st.integers(1, 9))
def test_a_text_checked_or_hashed_in_pieces_is_so_as_whole(text, piece):
    import hashlib

    from annotator.core import input_checks, model

    try:
        text.encode("utf-8")
        first_surrogate = None
    except UnicodeEncodeError as exc:
        first_surrogate = exc.start
    saved = input_checks._ENCODED_AT_ONCE, model._HASHED_AT_ONCE
    input_checks._ENCODED_AT_ONCE = model._HASHED_AT_ONCE = piece
    try:
        assert input_checks.lone_surrogate_at(text) == first_surrogate
        if first_surrogate is None:
            assert model.text_sha256(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()
    finally:
        input_checks._ENCODED_AT_ONCE, model._HASHED_AT_ONCE = saved


def test_documents_nobody_worked_on_are_written_in_chunks(project, tmp_path, monkeypatch):
    """A treebank's documents carry no one's work and a large meta (the token rows): the
    import writes them in chunks of documents, not only of characters of text."""
    monkeypatch.setattr(bulk, "FLUSH_RECORDS", 50)
    written = []
    real = project.insert_annotated
    monkeypatch.setattr(project, "insert_annotated",
                        lambda records, documents, hashes=None: (written.append(len(documents)),
                                                                 real(records, documents, hashes))[1])
    path = _conllu_file(tmp_path / "tree.conllu", documents=180, sentences=1)
    report = import_records(project, conllu.read(path, project.schema, "amal"))
    assert report.documents_added == 180 and sum(written) == 180
    assert max(written) <= 50 and len(written) >= 4


def test_a_label_studio_export_is_read_a_task_at_a_time(tmp_path, monkeypatch):
    """A Label Studio export is one JSON list: it is read from the file a chunk at a time and
    its tasks parsed one at a time; neither the file's text nor every task is ever held."""
    import json

    from annotator.formats import json_formats

    text = " ".join(WORDS * 40)
    tasks = [{"id": n, "data": {"text": text}, "annotations": [{"result": [
        {"id": f"r{k}", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 4 * k, "end": 4 * k + 3, "text": text[4 * k:4 * k + 3], "labels": ["PER"]}}
        for k in range(30)]}]} for n in range(800)]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    del tasks
    monkeypatch.setattr(json_formats, "_CHUNK", 64 * 1024)  # chunks much smaller than the file here
    peak, count = _peak_while(json_formats.read_labelstudio(path, default_schema(), "amal"))
    assert count == 800
    # Its text held whole took more than the file (UTF-8 in, str out); a chunk and a task now.
    assert peak < path.stat().st_size / 4, (peak, path.stat().st_size)


def test_a_label_studio_file_cut_short_hands_on_no_task(tmp_path):
    from annotator.formats import json_formats
    from annotator.formats import RecordError

    path = tmp_path / "cut.json"
    path.write_text('[{"data": {"text": "نص"}}, {"data": {"text": "نص آخر"}}, {"data": {"te', encoding="utf-8")
    items = list(json_formats.read_labelstudio(path, default_schema(), "amal"))
    assert len(items) == 1 and isinstance(items[0], RecordError) and "not a JSON file" in items[0].reason


def test_label_studio_files_that_are_not_a_list_of_tasks_are_named(tmp_path):
    from annotator.formats import RecordError, json_formats

    for content, reason in (('"x"', "a Label Studio export is a JSON list of tasks"),
                            ('[{"data": {"text": "نص"}}] x', "not a JSON file: Extra data"),
                            ('[{"data": {"text": "نص"}} {"data": {}}]', "not a JSON file: Expecting ',' delimiter"),
                            ("", "not a JSON file: Expecting value")):
        path = tmp_path / "odd.json"
        path.write_text(content, encoding="utf-8")
        items = list(json_formats.read_labelstudio(path, default_schema(), "amal"))
        assert len(items) == 1 and isinstance(items[0], RecordError) and reason in items[0].reason, (content, items)


def test_a_json_list_read_in_chunks_gives_what_json_loads_gives(tmp_path):
    """Whatever the chunk's size and wherever it cuts (inside a string, an escape, a number:
    "1." is not 1), the list read a chunk at a time is json.loads's — lone surrogates and big
    integers included; anything json.loads refuses, or that is not a list, is left to the
    whole-file reader (which says exactly what is wrong)."""
    import json

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from annotator.formats import json_formats

    scalars = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30),
                        st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=30))
    values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                          | st.dictionaries(st.text(max_size=5), inner, max_size=4), max_leaves=12)
    path = tmp_path / "list.json"

    @settings(max_examples=300, deadline=None)
    @given(items=st.lists(values, max_size=6), chunk=st.sampled_from([1, 2, 3, 7, 64, 1 << 20]),
           ascii_only=st.booleans(), indent=st.sampled_from([None, 1]), cut=st.integers(min_value=0),
           insert=st.sampled_from(["", "x", ",", "]", "}", '"', "\\", ".", "e", "1", " "]))
    def check(items, chunk, ascii_only, indent, cut, insert):
        text = json.dumps(items, ensure_ascii=ascii_only, indent=indent)
        if insert:
            k = cut % (len(text) + 1)
            text = text[:k] + insert + text[k:]
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        json_formats._CHUNK = chunk
        try:
            try:
                expected = json.loads(text)
            except ValueError:
                expected = None
            try:
                got = list(json_formats._streamed_items(path))
            except json_formats._Unstreamable:
                got = None
            assert got == (expected if isinstance(expected, list) else None), text
        finally:
            json_formats._CHUNK = 1 << 20

    check()
    path.write_text('[{"text": "a\\ud800b"}, 12345678901234567890123456789]', encoding="utf-8")
    assert list(json_formats._streamed_items(path)) == [{"text": "a\ud800b"}, 12345678901234567890123456789]


def test_a_file_that_is_one_document_can_be_imported_as_documents_of_n_sentences(tmp_path):
    """--sentences-per-document N: a column file without -DOCSTART- lines (or a CoNLL-U file
    without "# newdoc id") comes in as documents of N sentences (the last one shorter), every
    token, tag and column kept, in order; a CoNLL-U document the file names is not cut."""
    import json

    from click.testing import CliRunner

    from annotator.cli import cli

    runner = CliRunner()
    conll_path = tmp_path / "wikiann.conll"
    conll_path.write_text("".join(f"{WORDS[s % 9]} NNP {'B-PER' if s % 3 == 0 else 'O'}\nقال VBD O\n\n"
                                  for s in range(25)), encoding="utf-8")
    conllu_path = _conllu_file(tmp_path / "treebank.conllu", documents=1, sentences=25)
    text = conllu_path.read_text(encoding="utf-8")
    conllu_path.write_text(text.replace("# newdoc id = d0\n", "", 24).replace("# newdoc id = d0\n", "")
                           + _conllu_file(tmp_path / "named.conllu", documents=1, sentences=12)
                           .read_text(encoding="utf-8").replace("d0", "named"), encoding="utf-8")
    for path, fmt, expected in ((conll_path, "conll", [10, 10, 5]), (conllu_path, "conllu", [10, 10, 5, 12])):
        whole, cut = tmp_path / f"whole-{fmt}.db", tmp_path / f"cut-{fmt}.db"
        for project, extra in ((whole, []), (cut, ["--sentences-per-document", "10"])):
            assert runner.invoke(cli, ["init", str(project)]).exit_code == 0
            result = runner.invoke(cli, ["import", str(project), str(path), "--extend-schema", *extra])
            assert result.exit_code == 0, result.output
        records = {}
        for project in (whole, cut):
            out = tmp_path / f"{project.stem}.jsonl"
            assert runner.invoke(cli, ["export", str(project), "-f", "jsonl", "-o", str(out)]).exit_code == 0
            records[project] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        key = "conll" if fmt == "conll" else "conllu"
        assert [len(r["meta"][key]["sentences"]) for r in records[cut]] == expected
        assert len(records[whole]) == (1 if fmt == "conll" else 2)  # one document without the option

        def tokens(rs):  # every token's text and tag, in order
            out = []
            for r in rs:
                tags = {s["start"]: s["label"] for s in r.get("spans", [])}
                for sentence in r["meta"][key]["sentences"]:
                    out += [(r["text"][a:b], tags.get(a, "O")) for a, b in sentence["tokens"]]
            return out

        assert tokens(records[cut]) == tokens(records[whole]) and len(tokens(records[whole])) >= 50
    # what the window asks about before such an import: the sentences a file leaves unmarked
    from annotator.formats.registry import unmarked_sentences

    assert unmarked_sentences(conll_path, "conll") == 25 and unmarked_sentences(conllu_path, "conllu") == 25
    marked = tmp_path / "marked.conll"  # (a byte order mark before the first -DOCSTART-)
    marked.write_text("\ufeff-DOCSTART- -X- O O\n\n" + conll_path.read_text(encoding="utf-8") * 2
                      + "-DOCSTART- -X- O O\n\n" + conll_path.read_text(encoding="utf-8"), encoding="utf-8")
    assert unmarked_sentences(marked, "conll") == 50
    assert unmarked_sentences(_conllu_file(tmp_path / "named.conllu", documents=3, sentences=30), "conllu") == 0
    plain = tmp_path / "plain.txt"
    plain.write_text("قال الرئيس", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(whole), str(plain), "--format", "text", "--sentences-per-document", "10"])
    assert result.exit_code == 2 and "--sentences-per-document goes with CoNLL and CoNLL-U" in result.output


def test_documents_that_keep_their_tokens_are_written_by_their_weight_not_their_text(tmp_path, monkeypatch):
    """A token a document keeps from a column file weighs what many characters of text weigh:
    an import writes its pending documents (and a reading process sends them) by that weight,
    so that a file cut in documents of N sentences is held N sentences or so at a time, not
    until the import's end."""
    from click.testing import CliRunner

    from annotator.cli import cli
    from annotator.store import reading_worker

    monkeypatch.setattr(bulk, "FLUSH_CHARS", 200_000)  # (a few documents of the file below)
    monkeypatch.setattr(reading_worker, "WORKER_FROM_BYTES", 10**12)  # read here, where it is traced
    path = tmp_path / "one.conll"
    path.write_text("".join(f"{WORDS[k % 9]} {'B-PER' if k % 11 == 0 else 'O'}\n" + ("\n" if k % 20 == 19 else "")
                            for k in range(40_000)), encoding="utf-8")
    peaks = {}
    for extra in ([], ["--sentences-per-document", "50"]):
        project = tmp_path / f"p{len(extra)}.db"
        assert CliRunner().invoke(cli, ["init", str(project)]).exit_code == 0
        tracemalloc.start()
        try:
            result = CliRunner().invoke(cli, ["import", str(project), str(path), *extra])
            peaks[bool(extra)] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert result.exit_code == 0, result.output
    assert "Imported 40 new document(s)" in result.output
    assert peaks[True] < peaks[False] / 3, peaks


def test_meta_kept_as_json_is_written_as_json_dumps_writes_it_whole():
    """A column file's sentences are kept as their JSON (EncodedJSON) and written into the
    meta's JSON as they are: the stored text is what json.dumps of the lists would be, also
    where the meta holds the string that stands for them while the rest is written."""
    import json

    from annotator.core.input_checks import record_problems
    from annotator.core.model import AnnotatedDocument, Document, EncodedJSON, decoded_meta, dumps_spliced

    sentences = [{"tokens": [[0, 3], [4, 9]], "values": [["NN", "قال"], ["X", "\u2067"]]}, {"tokens": [], "values": []}]
    kept = EncodedJSON([json.dumps(s, ensure_ascii=False) for s in sentences], 2)
    for other in ("source.conll", "\x00annotator: encoded JSON\x00"):
        meta = {"source": other, "conll": {"columns": ["pos", "lemma"], "sentences": kept}, "comments": ["# x"]}
        plain = {**meta, "conll": {**meta["conll"], "sentences": sentences}}
        assert dumps_spliced(meta) == json.dumps(plain, ensure_ascii=False) and decoded_meta(meta) == plain
    assert dumps_spliced({"conll": {"sentences": EncodedJSON([], 0)}}) == '{"conll": {"sentences": []}}'
    with pytest.raises(TypeError):
        json.dumps(meta)  # never written as a string by mistake
    lone = EncodedJSON([json.dumps({"values": [["a\udc80"]]}, ensure_ascii=False)], 1)
    record = AnnotatedDocument(Document("d", "abc", {"conll": {"sentences": lone}}), None, None, [], [])
    assert record_problems(record) == ["document 'd': meta.'conll'.'sentences'[0].'values'[0][0] contains a lone "
                                       "surrogate at character 1"]


def test_a_documents_large_meta_is_exported_to_jsonl_as_stored_not_parsed(project, tmp_path, monkeypatch):
    """A column file's document keeps every token's offsets and columns in its meta; the JSONL
    export writes that meta as the project stores it (checked, not parsed into objects: a
    million tokens' took 300-600 MB to parse), and the file is the same as when parsed."""
    import json

    from annotator.core.model import RawJSON
    from annotator.formats.jsonl import write_jsonl
    from annotator.store import project as project_module

    path = _conll_file(tmp_path / "one.conll", documents=1, tokens=20)
    text = path.read_text(encoding="utf-8").replace("-DOCSTART- -X- O O\n\n", "")
    path.write_text("".join(text + "\n" for _ in range(4000)), encoding="utf-8")  # 80,000 tokens
    import_records(project, conll.read(path, project.schema, "amal"))
    (stored,) = [meta for _id, _text, meta, *_ in project.export_rows()]
    assert len(stored) > project_module.STORED_META_CHARS

    def exported(stored_meta):
        out = tmp_path / f"out-{stored_meta}.jsonl"
        with out.open("w", encoding="utf-8", newline="\n") as f:
            tracemalloc.start()
            try:
                write_jsonl(project.iter_export(stored_meta=stored_meta), f)
                peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
        return out.read_text(encoding="utf-8"), peak

    parsed, parsed_peak = exported(False)
    as_stored, stored_peak = exported(True)
    assert as_stored == parsed and json.loads(as_stored)["meta"]["conll"]["sentences"][3999]["tokens"][19]
    # parsed, the meta cost many times its JSON (the rest, the text and 8,000 spans, is the same)
    assert parsed_peak - stored_peak > 5 * len(stored), (stored_peak, parsed_peak, len(stored))
    assert isinstance(next(project.iter_export(stored_meta=True))["meta"], RawJSON)
    # a short meta is parsed as before; a large one that is not JSON fails as json.loads fails
    monkeypatch.setattr(project_module, "STORED_META_CHARS", 10 ** 9)
    assert isinstance(next(project.iter_export(stored_meta=True))["meta"], dict)
    monkeypatch.setattr(project_module, "STORED_META_CHARS", 10)
    project.db.execute("UPDATE documents SET meta = ?", [stored[:-1]])
    with pytest.raises(json.JSONDecodeError):
        next(project.iter_export(stored_meta=True))


def test_a_token_export_reads_kept_sentences_compactly_and_as_json_gives_them(monkeypatch):
    """stored_meta reads a kept sentence's tokens as tuples and its repeated values as one string
    each, as the JSON is read: the same values as json.loads, in much less memory; what does not
    look like kept tokens or rows is left as json.loads reads it."""
    import json

    from annotator.formats import export
    from annotator.formats.export import source_token_sentences, stored_meta

    monkeypatch.setattr(export, "COMPACT_META_CHARS", 100)  # (a million: a document of 30,000 tokens)

    rows = [[str(k % 40 + 1), f"w{k}", "_", "NOUN", "_", "Case=Gen|Number=Sing", "0", "nmod", "_", "_"]
            for k in range(20_000)]
    sentences = [{"sent_id": f"s{n}", "tokens": [[k * 7, k * 7 + 6] for k in range(n * 40, n * 40 + 40)],
                  "comments": [], "rows": rows[n * 40:n * 40 + 40]} for n in range(500)]
    meta = json.dumps({"source": "tb.conllu", "conllu": {"sentences": sentences}}, ensure_ascii=False)

    def held(read):
        tracemalloc.start()
        try:
            value = read(meta)
            return value, tracemalloc.get_traced_memory()[0]
        finally:
            tracemalloc.stop()

    plain, plain_held = held(json.loads)
    compact, compact_held = held(stored_meta)
    assert json.loads(json.dumps(compact)) == plain
    assert compact_held < 0.7 * plain_held, (compact_held, plain_held)  # (0.6 here)
    assert source_token_sentences(compact, "x" * 140_000) == source_token_sentences(plain, "x" * 140_000)
    odd = {"conll": {"sentences": [{"tokens": [["0", "3"], [4, 7]], "values": [["NN", {"a": 1}], ["X"]]},
                                   {"tokens": [], "values": [[True, 1, 1.0, "1"], [1, True, None, "_"]]},
                                   {"tokens": [[0, 3, 5]], "rows": ["1\tw"]}]}, "pad": "x" * 80}
    text = json.dumps(odd)
    assert json.dumps(stored_meta(text)) == text  # (rows of strings alone are read anew)
    assert stored_meta(text)["conll"]["sentences"][1] == odd["conll"]["sentences"][1]  # true, 1, 1.0 apart
    assert source_token_sentences(stored_meta(text), "x" * 10) is None  # (as json.loads's: [0, 3, 5])


def test_many_json_items_are_kept_compressed_and_given_back_as_they_were():
    """JSONItems keeps a long document's sentences' JSON in compressed blocks once they are
    many: the same items come back (a lone surrogate too, for the import's check to name), as
    runs written with ", " between them, also after a trip to another process (pickle)."""
    import json
    import pickle

    from annotator.core.model import COMPRESSED_FROM, EncodedJSON, JSONItems

    items = [json.dumps({"tokens": [[k, k + 3]], "rows": [[str(k), WORDS[k % 9], "_"]]}, ensure_ascii=False)
             for k in range(40_000)]
    items[30_000] = '{"tokens": [[0, 1]], "rows": [["1", "\ud800", "_"]]}'  # (a lone surrogate)
    kept = JSONItems()
    tracemalloc.start()
    try:
        for item in items:
            kept.append(item)
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    chars = sum(map(len, items))
    assert chars > 2 * COMPRESSED_FROM and kept.blocks and len(kept) == 40_000 and kept.chars == chars
    assert held < chars / 4, (held, chars)  # (as strings: 2 bytes a character here)
    for again in (kept, pickle.loads(pickle.dumps(kept))):
        assert ", ".join(again.runs()) == ", ".join(items)
    encoded = EncodedJSON(kept, 40_000)
    assert encoded.chars == EncodedJSON(items, 40_000).chars
    assert encoded.decoded()[30_000]["rows"][0][1] == "\ud800"
    short = JSONItems(items[:10])
    assert not short.blocks and list(short.runs()) == items[:10]  # a short document's are kept as they are


@pytest.mark.parametrize("compressed", [False, True])
def test_a_kept_sentences_meta_is_written_into_its_row_piece_by_piece(project, compressed):
    """A project (a file: incremental blob I/O; a server: COPY) writes a meta whose kept
    sentences came as JSON pieces (EncodedJSON) into the document's row a piece at a time:
    joined, one character past Latin-1 (a dash) made the whole string two bytes a character,
    and its UTF-8 was made whole beside it."""
    import json

    from annotator.core.model import AnnotatedDocument, Document, EncodedJSON

    count = 8000 if compressed else 2000  # (compressed: the peak is a block's, whatever the meta's size)
    sentences = [{"tokens": [[k, k + 1] for k in range(40)], "values": [["NN", "B–NP"]] * 40} for _ in range(count)]
    sentences[7]["values"][3] = ["back\\slash", "tab\there"]  # (COPY's text format escapes both)
    items = [json.dumps(s, ensure_ascii=False) for s in sentences]
    chars = sum(map(len, items))
    if compressed:  # (as a column file's reader keeps them: see JSONItems)
        from annotator.core.model import JSONItems

        items = JSONItems(items)
        assert items.blocks
    meta = {"source": "one.conll", "conll": {"columns": ["pos", "chunk"], "sentences": EncodedJSON(items, 40 * count)}}
    record = AnnotatedDocument(Document("one\\id", "x" * 41, meta), None, None, [], [])
    tracemalloc.start()
    try:
        import_records(project, [record])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < chars / 2, (peak, chars)  # (joined: 2 bytes a character and 1 more of UTF-8)
    (stored,) = project.db.execute("SELECT meta FROM documents").fetchone()
    assert json.loads(stored) == {**meta, "conll": {**meta["conll"], "sentences": sentences}}
    assert project.document_ids() == ["one\\id"] and project.text("one\\id") == "x" * 41


def test_a_long_treebank_imported_with_nfc_moves_its_kept_tokens_a_run_at_a_time(project, tmp_path):
    """--nfc on a long document whose kept sentences are compressed (JSONItems): its tokens move
    with the text a run of sentences at a time (decoded whole, a million tokens took 1.3 GB), and
    the export writes the treebank's every row back on the composed text."""
    from annotator.core.model import JSONItems
    from annotator.formats.export import ExportOptions, ExportReport, export_documents

    path = _conllu_file(tmp_path / "long.conllu", documents=1, sentences=1500)
    source = path.read_text(encoding="utf-8").replace("المعرض", "ا\u0653لمعرض")  # alef + madda: آ
    path.write_text(source, encoding="utf-8")
    records = list(conllu.read(path, project.schema, "amal"))
    kept = records[0].document.meta["conllu"]["sentences"]
    assert isinstance(kept.items, JSONItems) and kept.items.blocks
    tracemalloc.start()
    try:
        decoded = kept.decoded()  # what moving the tokens of the whole list at once began with
        decoded_size = tracemalloc.get_traced_memory()[0]
        del decoded
        tracemalloc.reset_peak()
        import_records(project, records, nfc=True)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < decoded_size / 2.5, (peak, decoded_size)  # (a run's sentences, and the text)
    (doc_id,) = project.document_ids()
    text = project.text(doc_id)
    assert "ا\u0653" not in text and text.count("آلمعرض") == source.count("ا\u0653لمعرض") // 2  # (rows and # text)
    out = tmp_path / "out.conllu"
    report = ExportReport()
    conllu.write(export_documents(project, ExportOptions(), report), out, ExportOptions(), report)
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if line[:1].isdigit()]
    source_rows = [line.split("\t") for line in source.replace("ا\u0653", "آ").splitlines() if line[:1].isdigit()]
    assert [row[:9] for row in rows] == [row[:9] for row in source_rows]  # every row back, NFC as the text is


def _long_meta_record(doc_id="long", count=60):
    """A document whose kept sentences (EncodedJSON) make a meta of about 6 KB: Arabic, a dash,
    a backslash and a tab (escaped in JSON; COPY's text format escapes both)."""
    import json

    from annotator.core.model import AnnotatedDocument, Document, EncodedJSON

    sentences = [{"tokens": [[11 * k, 11 * k + 3], [11 * k + 4, 11 * k + 10]],
                  "values": [["VB", "B–VP"], ["back\\slash", "tab\there"]]} for k in range(count)]
    meta = {"source": "one.conll", "conll": {"columns": ["pos", "chunk"], "sentences": EncodedJSON(
        [json.dumps(s, ensure_ascii=False) for s in sentences], 2 * count)}}
    plain = {**meta, "conll": {**meta["conll"], "sentences": sentences}}
    return AnnotatedDocument(Document(doc_id, "قال الرئيس\n" * count, meta), None, None, [], []), plain


@pytest.mark.file_only
def test_a_long_meta_is_stored_as_its_utf8_and_every_reader_takes_it_as_text(project, tmp_path, monkeypatch,
                                                                             server_url):
    """A meta written in place of META_BLOB_BYTES or more is stored as a BLOB of its UTF-8
    (SQLite made a TEXT value whole twice before the pieces were written into it): what reads
    it, a copy to a file or a server included, takes it as the text it is."""
    import io
    import json

    from annotator.formats.conll import write as write_conll
    from annotator.formats.export import ExportOptions, ExportReport, export_documents
    from annotator.formats.jsonl import write_jsonl
    from annotator.store.project import Project

    monkeypatch.setattr(Project, "META_BLOB_BYTES", 1000)
    long, plain = _long_meta_record()
    short, short_plain = _long_meta_record("short", count=2)
    import_records(project, [long, short])
    assert project.db.execute("SELECT id, typeof(meta) FROM documents ORDER BY position").fetchall() == \
        [("long", "blob"), ("short", "text")]

    def readings(store):
        jsonl = io.StringIO()
        write_jsonl(store.iter_export(stored_meta=True), jsonl)
        conll_out = tmp_path / f"{id(store)}.conll"
        write_conll(export_documents(store, ExportOptions(), ExportReport()), conll_out, ExportOptions(), ExportReport())
        return ([store.document(i).meta for i in ("long", "short")], [d.meta for d in store.list_documents()],
                [r["meta"] for r in store.iter_export()], jsonl.getvalue(), conll_out.read_bytes())

    expected = readings(project)
    assert expected[0] == expected[1] == expected[2] == [plain, short_plain]
    assert [json.loads(line)["meta"] for line in expected[3].splitlines()] == [plain, short_plain]
    assert expected[4].decode("utf-8").count("قال VB B–VP O\n") == 62  # (the kept columns written back)
    def stored_as_text(other):  # (the threshold above the meta)
        monkeypatch.setattr(Project, "META_BLOB_BYTES", 1 << 30)
        import_records(other, [_long_meta_record()[0], _long_meta_record("short", count=2)[0]])
        assert other.db.execute("SELECT typeof(meta) FROM documents").fetchall() == [("text",), ("text",)]

    _copies_and_text_read_the_same(project, tmp_path, server_url, readings, expected, stored_as_text)


def _copies_and_text_read_the_same(project, tmp_path, server_url, readings, expected, stored_as_text):
    """``readings`` of copies of ``project`` to a file and to a server, and of a project where
    ``stored_as_text(it)`` imports the same records stored as text, are ``expected``."""
    from annotator.store.copying import copy_project
    from annotator.store.project import Project

    for target in (tmp_path / "copy.db", server_url):
        copy_project(project, target)
        copy = Project.open(target)
        try:
            assert readings(copy) == expected
        finally:
            copy.close()
    other = Project.create(tmp_path / "text.db")
    try:
        stored_as_text(other)
        assert readings(other) == expected
    finally:
        other.close()


def _sqlite_memory_highwater():
    """SQLite's sqlite3_memory_highwater(reset) from the library the sqlite3 module uses, or
    None where its symbol cannot be reached (a build that links it statically)."""
    import ctypes

    import _sqlite3

    try:
        function = ctypes.CDLL(_sqlite3.__file__).sqlite3_memory_highwater
    except (OSError, AttributeError):
        return None
    function.restype, function.argtypes = ctypes.c_int64, [ctypes.c_int]
    return function


def test_a_long_meta_is_written_without_sqlite_making_its_value_whole(tmp_path, monkeypatch):
    """Written in place as TEXT, SQLite made the value whole twice (the value, then the row)
    before the pieces were written into it: 180 MB for a treebank document's 92 MB of JSON,
    most of its import's peak. As a BLOB it makes none of it."""
    import json

    from annotator.core.model import AnnotatedDocument, Document, EncodedJSON, JSONItems
    from annotator.store.project import Project

    highwater = _sqlite_memory_highwater()
    if highwater is None:
        pytest.skip("sqlite3_memory_highwater is not reachable in this build")
    made = {}
    for name, blob_from in (("text", 1 << 40), ("blob", 1 << 20)):
        monkeypatch.setattr(Project, "META_BLOB_BYTES", blob_from)
        items = JSONItems(json.dumps({"tokens": [[0, 1]], "row": ["x" * 500, k]}) for k in range(20_000))
        project = Project.create(tmp_path / f"{name}.db")
        try:
            highwater(1)
            meta = {"conll": {"sentences": EncodedJSON(items, 20_000)}}
            import_records(project, [AnnotatedDocument(Document("d", "x", meta), None, None, [], [])])
            made[name] = highwater(1)
            assert len(project.document("d").meta["conll"]["sentences"]) == 20_000
        finally:
            project.close()
    size = items.chars  # (ASCII: as many bytes)
    assert made["text"] - made["blob"] > 1.5 * size, (made, size)


@pytest.mark.file_only
def test_a_long_text_is_stored_as_its_utf8_and_every_reader_takes_it_as_text(project, tmp_path, monkeypatch,
                                                                             server_url):
    """A text of TEXT_BLOB_BYTES or more is stored as a BLOB of its UTF-8, written a piece at a
    time (bound as a string, Python kept its UTF-8 beside it and SQLite copied it twice): what
    reads it — the window, the exports, the search with and without its index, a copy to a
    file or a server — takes it as the text it is, at the same code point offsets."""
    import io
    import sys
    from functools import partial

    from annotator.core.model import AnnotatedDocument, Document, Span
    from annotator.formats.conll import write as write_conll
    from annotator.formats.export import ExportOptions, ExportReport, export_documents
    from annotator.formats.jsonl import write_jsonl
    from annotator.store import project as project_module
    from annotator.store.project import Project
    from annotator.store.text_index import documents_containing, index_some

    monkeypatch.setattr(Project, "TEXT_BLOB_BYTES", 1000)
    monkeypatch.setattr(project_module, "_TEXT_PIECE_CHARS", 7)  # (pieces of every length of UTF-8, an emoji's 4)
    long_text = "".join(f"قال الرئيس {k} إن 😀 المعرض يفتح في Paris\n" for k in range(40))
    short_text = "قال الرئيس في Paris"
    size = sys.getsizeof(long_text)

    def record(doc_id, text):
        at = text.index("الرئيس", len(text) - 60)
        return AnnotatedDocument(Document(doc_id, text, {}), "amal", None,
                                 [Span("T1", doc_id, "amal", "entity", "PER", at, at + 6, {})], [])

    import_records(project, [record("long", long_text), record("short", short_text)])
    assert sys.getsizeof(long_text) == size  # (no UTF-8 made and kept beside the string)
    assert project.db.execute("SELECT doc_id, typeof(text) FROM document_texts ORDER BY rowid").fetchall() == \
        [("long", "blob"), ("short", "text")]

    def readings(store):
        jsonl = io.StringIO()
        write_jsonl(store.iter_export(stored_meta=True), jsonl)
        conll_out = tmp_path / f"{id(store)}.conll"
        write_conll(export_documents(store, ExportOptions(), ExportReport()), conll_out, ExportOptions(),
                    ExportReport())
        search = store.documents_containing if hasattr(store, "documents_containing") else partial(
            documents_containing, store.db.conn)  # (the window's: a server's, or a file's own)
        searches = [sorted(search(query)) for query in ("😀 المعرض", "الرئيس 39", "Paris")]
        return ([store.document(i).text for i in ("long", "short")], [store.text(i) for i in ("long", "short")],
                [r["text"] for r in store.iter_export()], jsonl.getvalue(), conll_out.read_bytes(), searches)

    expected = readings(project)
    assert expected[0] == expected[1] == expected[2] == [long_text, short_text]
    assert expected[5] == [["long"], ["long"], ["long", "short"]]
    assert expected[4].decode("utf-8").count("الرئيس _ _ B-PER\n39 _ _ O\n") == 1  # (the span, at its offsets)
    # the search's index takes it as text too
    assert index_some(project) is True
    conn = project.db.conn
    assert [sorted(documents_containing(conn, q)) for q in ("😀 المعرض", "الرئيس 39", "Paris", "يفتح في Par")] == \
        [["long"], ["long"], ["long", "short"], ["long"]]
    assert conn.execute("SELECT count(*) FROM document_search WHERE text GLOB '*😀 المعرض*'").fetchone() == (1,)
    def stored_as_text(other):  # (the threshold above it)
        monkeypatch.setattr(Project, "TEXT_BLOB_BYTES", 1 << 30)
        import_records(other, [record("long", long_text), record("short", short_text)])
        assert other.db.execute("SELECT typeof(text) FROM document_texts").fetchall() == [("text",), ("text",)]

    _copies_and_text_read_the_same(project, tmp_path, server_url, readings, expected, stored_as_text)


def test_a_long_text_is_written_without_sqlite_making_its_value_whole(tmp_path, monkeypatch):
    """Bound as a string, SQLite copied a long text's UTF-8 (the value, then the row): 88 MB
    more for a text of 44 MB. Stored as a BLOB written a piece at a time, it makes none of it."""
    from annotator.core.model import AnnotatedDocument, Document
    from annotator.store.project import Project

    highwater = _sqlite_memory_highwater()
    if highwater is None:
        pytest.skip("sqlite3_memory_highwater is not reachable in this build")
    text = "قال الرئيس إن المعرض يفتح أبوابه غدا\n" * 100_000  # (7 MB of UTF-8)
    made = {}
    for name, blob_from in (("text", 1 << 40), ("blob", 1 << 20)):
        monkeypatch.setattr(Project, "TEXT_BLOB_BYTES", blob_from)
        project = Project.create(tmp_path / f"{name}.db")
        try:
            highwater(1)
            import_records(project, [AnnotatedDocument(Document("d", text, {}), None, None, [], [])])
            made[name] = highwater(1)
            assert project.text("d") == text
        finally:
            project.close()
    size = len(text.encode("utf-8"))
    assert made["text"] - made["blob"] > 1.5 * size, (made, size)
