import codecs
import json
import sys

import pytest

from annotator.formats.jsonl import read_jsonl
from annotator.formats.text import read_text_files
from annotator.store.bulk import ImportFailed, import_records, write_rejects
from annotator.store.project import Project

# Sub-word entity, an emoji before a span, CRLF, overlapping layers and relations.
TRICKY = "قال 😀 المتحدث:\r\n«زار الرئيس لتركيا أمس»\r\nكَتَبَ (IDEF 2025)."


def tricky_record(annotator="amal", **extra):
    q0 = TRICKY.index("«") + 1
    spans = [
        {"id": "T1", "start": q0, "end": TRICKY.index("»"), "layer": "quote", "label": "QUOTE", "attrs": {"type": "direct"}},
        {"id": "T2", "start": TRICKY.index("تركيا"), "end": TRICKY.index("تركيا") + 5, "layer": "entity", "label": "GPE", "attrs": {}},
        {"id": "T3", "start": TRICKY.index("المتحدث"), "end": TRICKY.index("المتحدث") + 7, "layer": "speaker", "label": "SPEAKER", "attrs": {"name": "المتحدث"}},
        {"id": "T4", "start": TRICKY.index("الرئيس"), "end": TRICKY.index("الرئيس") + 6, "layer": "entity", "label": "PER", "attrs": {}},
        {"id": "T5", "start": TRICKY.index("IDEF"), "end": TRICKY.index("2025") + 4, "layer": "entity", "label": "MISC", "attrs": {}},
    ]
    record = {"id": "tricky", "text": TRICKY, "meta": {"lang": "ar"}, "annotator": annotator, "status": "done",
              "spans": spans, "relations": [{"id": "R1", "label": "said_by", "from": "T1", "to": "T3"}]}
    record.update(extra)
    return record


def write_lines(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def jsonl_import(project, path, **options):
    return import_records(project, read_jsonl(path, project.schema, "imported"), **options)


def dump(project):
    """Everything a project holds, as comparable data."""
    return {
        "docs": [(d.id, d.length, d.sha256, d.meta, d.status) for d in project.list_documents()],
        "texts": [project.text(i) for i in project.document_ids()],
        "spans": [project.spans(i) for i in project.document_ids()],
        "relations": [project.relations(i) for i in project.document_ids()],
        "annotators": project.annotators(),
    }


def export_lines(project, **filters):
    return [json.dumps(r, ensure_ascii=False) for r in project.iter_export(**filters)]


def test_import_export_import_reproduces_the_project(project, tmp_path, sample_jsonl):
    records = [tricky_record("amal"), tricky_record("karim", status="in progress"),
               {"id": "bare", "text": "نص بلا تعليق\n"}]
    jsonl_import(project, write_lines(tmp_path / "in.jsonl", records))
    jsonl_import(project, sample_jsonl)
    exported = write_lines(tmp_path / "out.jsonl", list(project.iter_export()))
    with Project.create(tmp_path / "copy.db") as copy:
        jsonl_import(copy, exported)
        assert dump(copy) == dump(project)
        assert export_lines(copy) == export_lines(project)
    stored = project.spans("tricky", "amal")
    assert [TRICKY[s.start:s.end] for s in stored if s.label == "GPE"] == ["تركيا"]
    assert "\r\n" in project.text("tricky")  # stored exactly as given


def test_export_filters_by_annotator_and_status(project, tmp_path):
    jsonl_import(project, write_lines(tmp_path / "in.jsonl", [tricky_record("amal"),
                                                              tricky_record("karim", status="in progress")]))
    assert [r["annotator"] for r in project.iter_export(annotator="karim")] == ["karim"]
    assert [r["annotator"] for r in project.iter_export(status="done")] == ["amal"]
    assert list(project.iter_export(status="new")) == []


def test_one_bad_line_imports_nothing_and_names_file_and_line(project, tmp_path):
    bad_span = tricky_record("karim")
    bad_span["spans"][1]["start"] += 1  # inside the word: fine for graphemes ...
    bad_span["spans"][0]["end"] = 10_000  # ... but this one is out of range
    path = write_lines(tmp_path / "in.jsonl", [tricky_record("amal"), bad_span])
    with path.open("a", encoding="utf-8") as f:
        f.write("{not json\n")
    with pytest.raises(ImportFailed) as info:
        jsonl_import(project, path)
    sources = [e.source for e in info.value.errors]
    assert sources == [f"{path}:2", f"{path}:3"]
    assert "0 ≤ start < end" in info.value.errors[0].reason
    assert "invalid JSON" in info.value.errors[1].reason
    assert project.document_count() == 0 and project.annotators() == []


def test_skip_invalid_imports_the_rest_and_writes_rejects(project, tmp_path):
    bad = tricky_record("karim")
    bad["spans"][0]["attrs"] = {"type": "hearsay"}
    path = write_lines(tmp_path / "in.jsonl", [tricky_record("amal"), bad])
    report = jsonl_import(project, path, skip_invalid=True)
    assert report.records_added == 1 and len(report.rejected) == 1
    write_rejects(tmp_path / "rejects.jsonl", report.rejected)
    rejected = [json.loads(line) for line in (tmp_path / "rejects.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rejected[0]["source"] == f"{path}:2"
    assert "hearsay" in rejected[0]["reason"]
    assert json.loads(rejected[0]["input"])["annotator"] == "karim"
    assert project.annotators() == ["amal"]


def test_reimporting_skips_and_counts(project, tmp_path):
    path = write_lines(tmp_path / "in.jsonl", [tricky_record("amal")])
    first = jsonl_import(project, path)
    assert (first.documents_added, first.spans_added, first.relations_added) == (1, 5, 1)
    again = jsonl_import(project, path)
    assert again.skipped == [f"{path}:1"] and again.records_added == 0
    assert len(project.spans("tricky")) == 5
    # A second annotator's work on the same document is added to it.
    other = jsonl_import(project, write_lines(tmp_path / "k.jsonl", [tricky_record("karim")]))
    assert (other.documents_added, other.records_added) == (0, 1)


def test_same_id_with_other_text_is_refused(project, tmp_path):
    jsonl_import(project, write_lines(tmp_path / "a.jsonl", [{"id": "x", "text": "أ"}]))
    with pytest.raises(ImportFailed, match="invalid record"):
        jsonl_import(project, write_lines(tmp_path / "b.jsonl", [{"id": "x", "text": "ب"}]))
    with pytest.raises(ImportFailed) as info:
        jsonl_import(project, write_lines(tmp_path / "c.jsonl", [{"id": "y", "text": "ب"}, {"id": "y", "text": "ج"}]))
    assert "different text at" in info.value.errors[0].reason


def test_optional_fields_are_filled_in(project, tmp_path):
    text = "زار الرئيس لتركيا أمس."
    start = text.index("تركيا")
    path = write_lines(tmp_path / "in.jsonl", [{"id": "d", "text": text, "spans": [{"start": start, "end": start + 5, "label": "GPE"}]}])
    jsonl_import(project, path)
    (stored,) = project.spans("d")
    assert (stored.id, stored.layer, stored.annotator, stored.attrs) == ("T1", "entity", "imported", {})


def test_unknown_label_and_keys_are_reported(project, tmp_path):
    path = write_lines(tmp_path / "in.jsonl", [
        {"id": "d", "text": "نص", "spans": [{"start": 0, "end": 2, "label": "PERSON"}]},
        {"id": "e", "text": "نص", "spams": []},
    ])
    with pytest.raises(ImportFailed) as info:
        jsonl_import(project, path)
    reasons = [e.reason for e in info.value.errors]
    assert "label 'PERSON' is not in the project schema" in reasons[0]
    assert "unknown keys spams" in reasons[1]


def test_nfc_and_newline_options_remap_offsets(project, tmp_path):
    text = "ا\u0653ية\r\nتركيا"
    start = text.index("تركيا")
    path = write_lines(tmp_path / "in.jsonl", [{"id": "d", "text": text, "annotator": "amal",
                                                "spans": [{"start": start, "end": start + 5, "label": "GPE"}]}])
    jsonl_import(project, path, nfc=True, newlines=True)
    stored_text = project.text("d")
    assert stored_text == "آية\nتركيا"
    (span,) = project.spans("d")
    assert stored_text[span.start:span.end] == "تركيا"


def test_nfc_moves_the_tokens_a_record_keeps_and_refuses_one_inside_a_letter(project, tmp_path):
    text = "ا\u0653ية تركيا"  # alef + madda above: one character once composed
    tokens = [[0, 4], [5, 10]]
    path = write_lines(tmp_path / "in.jsonl", [{"id": "d", "text": text, "meta": {
        "conll": {"columns": ["pos"], "sentences": [{"tokens": tokens, "values": [["NOUN"], ["PROPN"]]}]}}}])
    jsonl_import(project, path, nfc=True)
    stored = project.document("d")
    assert [stored.text[a:b] for a, b in stored.meta["conll"]["sentences"][0]["tokens"]] == ["آية", "تركيا"]
    inside = write_lines(tmp_path / "inside.jsonl", [{"id": "e", "text": text, "meta": {
        "conll": {"columns": [], "sentences": [{"tokens": [[0, 1], [1, 4]], "values": [[], []]}]}}}])
    with pytest.raises(ImportFailed) as failed:
        jsonl_import(project, inside, nfc=True)
    assert "meta conll token [0, 1]" in failed.value.errors[0].reason
    assert project.document_ids() == ["d"]


def test_text_files_in_every_supported_encoding(project, tmp_path):
    folder = tmp_path / "corpus"
    (folder / "2024").mkdir(parents=True)
    text = "قال المتحدث إن تركيا\r\nسطر ثانٍ"
    (folder / "plain.txt").write_bytes(text.encode("utf-8"))
    (folder / "bom.txt").write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    (folder / "2024" / "le.txt").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    (folder / "2024" / "be.txt").write_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be"))
    (folder / "skip.md").write_text("not a txt")
    report = import_records(project, read_text_files([folder]))
    assert report.documents_added == 4
    assert sorted(project.document_ids()) == ["2024/be", "2024/le", "bom", "plain"]
    assert {project.text(i) for i in project.document_ids()} == {text}


def test_an_arabic_windows_1256_text_file_is_recognised_and_imports_with_encoding(tmp_path):
    """Arabic text files from Windows before UTF-8 are in Windows-1256: refused as "not valid
    UTF-8 (byte 0xde)" with nothing to do about it; now the refusal says what the file is and
    --encoding reads it."""
    from click.testing import CliRunner

    from annotator.cli import cli

    text = "قال المتحدث إن الوفد وصل إلى القاهرة.\r\nوأضاف أن الاجتماع انتهى."
    (tmp_path / "news.txt").write_bytes(text.encode("cp1256"))
    (tmp_path / "latin.txt").write_bytes("Le délégué a dit : « non ».".encode("cp1252"))

    def run(*args):
        return CliRunner().invoke(cli, [str(a) for a in args])

    run("init", tmp_path / "p.db")
    refused = run("import", tmp_path / "p.db", tmp_path / "news.txt")
    assert refused.exit_code == 1
    assert "news.txt:1: not valid UTF-8 (byte 0xde); it reads as Arabic in Windows-1256 (cp1256): import it " \
           "with --encoding cp1256" in refused.output
    latin = run("import", tmp_path / "p.db", tmp_path / "latin.txt")
    assert latin.exit_code == 1 and "cp1256" not in latin.output  # no Arabic: no such advice
    imported = run("import", tmp_path / "p.db", tmp_path / "news.txt", "--encoding", "cp1256")
    assert imported.exit_code == 0, imported.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        assert proj.text("news") == text
    assert run("import", tmp_path / "p.db", tmp_path / "news.txt", "--encoding", "cp9999").exit_code == 2


def test_undecodable_text_file_names_the_line(project, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("سطر أول\nسطر ثانٍ \xff".encode("utf-8").replace(b"\xc3\xbf", b"\xff"))
    with pytest.raises(ImportFailed) as info:
        import_records(project, read_text_files([bad]))
    assert info.value.errors[0].source == f"{bad}:2"
    assert "not valid UTF-8 (byte 0xff)" in info.value.errors[0].reason
    assert project.document_count() == 0


@pytest.mark.parametrize("flush_every, batch", [(1, 1), (500, 1), (1, 200), (500, 200), (2, 3)])
def test_conflicts_inside_one_import_are_found_across_written_chunks(project, monkeypatch, flush_every, batch):
    from annotator.core.model import AnnotatedDocument, Document, Span
    from annotator.store import bulk
    from annotator.store.bulk import ImportFailed, import_records

    monkeypatch.setattr(bulk, "FLUSH_RECORDS", flush_every)  # written after every record, or at the end
    # Records are checked against the project a batch at a time: conflicts inside one batch
    # and across batches must be found alike.
    monkeypatch.setattr(bulk, "BATCH_RECORDS", batch)

    def rec(doc_id, text, who, source):
        spans = [Span("T1", doc_id, who, "entity", "PER", 0, 3, {})] if who else []
        record = AnnotatedDocument(Document(doc_id, text, {}), who, None, spans, [])
        record.source = source
        return record

    import_records(project, [rec("old", "نص قديم", None, "a:1")])
    records = [rec("d1", "نص أول", "amal", "f:1"), rec("d2", "نص ثان", "amal", "f:2"),
               rec("d1", "نص مختلف", "karim", "f:3"),  # same id, another text than line 1
               rec("d2", "نص ثان", "amal", "f:4"),  # amal's d2 twice
               rec("old", "نص آخر", "amal", "f:5"),  # another text than the project's
               rec("old", "نص قديم", "karim", "f:6")]  # fine: the project's document, new work
    with pytest.raises(ImportFailed) as failed:
        import_records(project, records)
    reasons = {e.source: e.reason for e in failed.value.errors}
    assert reasons == {"f:3": "document 'd1' has a different text at f:1",
                       "f:4": "document 'd2' by 'amal' appears twice in this import (also at f:2)",
                       "f:5": "document 'old' is already in the project with a different text"}
    assert project.document_ids() == ["old"]  # nothing of the failed import was kept
    report = import_records(project, records, skip_invalid=True)
    assert report.documents_added == 2 and report.records_added == 3
    assert sorted(project.annotators()) == ["amal", "karim"]
    again = import_records(project, [rec("d1", "نص أول", "amal", "g:1"), rec("old", "نص قديم", "karim", "g:2")])
    assert again.skipped == ["g:1", "g:2"] and again.records_added == 0


def test_worker_ranges_hold_a_few_documents_or_characters_and_only_the_exported_ones(project, tmp_path):
    from annotator.formats.export import ExportOptions, ExportReport, export_documents

    lengths = [5, 5, 5, 30, 5, 5]
    jsonl_import(project, write_lines(tmp_path / "d.jsonl", [{"id": f"d{n}", "text": "ن" * length}
                                                            for n, length in enumerate(lengths)]))
    positions = dict(project.db.execute("SELECT id, position FROM documents").fetchall())
    at = [positions[f"d{n}"] for n in range(len(lengths))]
    source = export_documents(project, ExportOptions(), ExportReport())
    # Two documents at most, about twelve characters: a longer document is a run of its own.
    assert source.position_ranges(2, 12) == (6, [(at[0], at[1]), (at[2], at[2]), (at[3], at[3]), (at[4], at[5])])
    some = export_documents(project, ExportOptions(), ExportReport(), only={"d0", "d2", "d5"})
    assert some.position_ranges(2, 12) == (3, [(at[0], at[2]), (at[5], at[5])])


@pytest.mark.skipif(sys.platform == "win32", reason="an open file cannot be renamed away on Windows")
@pytest.mark.file_only
def test_a_project_moved_away_during_a_large_export_is_said_not_a_broken_pool(project, tmp_path, monkeypatch):
    from annotator.formats import export, registry
    from annotator.formats.export import ExportOptions, ExportReport, export_documents
    from annotator.store.project import ProjectError

    records = [tricky_record(id=f"doc{n:03d}") for n in range(export.PARALLEL_FROM + 40)]
    jsonl_import(project, write_lines(tmp_path / "many.jsonl", records))
    real_ranges = export.ExportSource.position_ranges

    def ranges_then_move(self, *args):
        ranges = real_ranges(self, *args)
        project.path.rename(tmp_path / "moved.db")  # another program moves it once the export began
        return ranges

    monkeypatch.setattr(export.ExportSource, "position_ranges", ranges_then_move)
    options, report = ExportOptions(), ExportReport()
    with pytest.raises(ProjectError, match="no such project file"):
        registry.write("conll", export_documents(project, options, report), tmp_path / "out.conll", options, report,
                       project)


def test_worker_processes_started_as_on_windows_and_macos_write_the_same_export(project, tmp_path, monkeypatch):
    """Windows and macOS start worker processes fresh (spawn), not as copies of this one: the
    workers must find the writer, open the project and read their ranges on their own."""
    from annotator.formats import export, registry
    from annotator.formats.export import ExportOptions, ExportReport, export_documents

    records = [tricky_record(id=f"doc{n:03d}") for n in range(export.PARALLEL_FROM + 40)]
    jsonl_import(project, write_lines(tmp_path / "many.jsonl", records))

    def run(name):
        report = ExportReport()
        registry.write("conll", export_documents(project, ExportOptions(), report), tmp_path / name, ExportOptions(),
                       report, project)
        return (tmp_path / name).read_text(encoding="utf-8"), report

    monkeypatch.setattr(export, "POOL_START_METHOD", "spawn")
    spawned, spawned_report = run("spawned.conll")
    monkeypatch.setattr(export, "PARALLEL_FROM", 10**9)
    here, here_report = run("here.conll")
    assert spawned == here and spawned_report == here_report and spawned.count("B-GPE") == len(records)


@pytest.mark.parametrize("fmt", ["conll", "conllu"])
def test_a_large_export_written_by_worker_processes_equals_one_written_here(project, tmp_path, monkeypatch, fmt):
    from annotator.formats import export, registry
    from annotator.formats.export import ExportOptions, ExportReport, export_documents

    many = export.PARALLEL_FROM + 40
    records = [tricky_record(id=f"doc{n:03d}") for n in range(many)]
    # A second annotator on some documents (one span fewer) and documents nobody worked on.
    records += [tricky_record("badr", id=f"doc{n:03d}", spans=tricky_record()["spans"][1:], relations=[])
                for n in range(0, 90, 3)]
    records += [{"id": f"empty{n}", "text": "نص بلا عمل.", "meta": {}} for n in range(5)]
    jsonl_import(project, write_lines(tmp_path / "many.jsonl", records))
    monkeypatch.setattr(export, "CHUNK_CHARS", 200)  # runs cut by length too (a few documents each)
    ranged = []
    real_ranges = export._render_ranges
    monkeypatch.setattr(export, "_render_ranges", lambda *args: (ranged.append(1), real_ranges(*args))[1])

    def run(name, only=None):
        report = ExportReport()
        progress = []
        options = ExportOptions(layers=("entity",))
        registry.write(fmt, export_documents(project, options, report, only, lambda: progress.append(1)),
                       tmp_path / name, options, report, project)
        assert len(progress) == report.documents
        return (tmp_path / name).read_text(encoding="utf-8"), report

    pooled, pooled_report = run("pool.out")
    some = {f"doc{n:03d}" for n in range(many) if n % 7} | {"empty1"}
    pooled_some, pooled_some_report = run("pool-some.out", some)
    assert len(ranged) == 2  # the workers read the project themselves
    monkeypatch.setattr(export, "PARALLEL_FROM", 10**9)
    here, here_report = run("here.out")
    here_some, here_some_report = run("here-some.out", some)
    assert len(ranged) == 2
    assert pooled == here and pooled.count("B-GPE") == many + 30
    assert pooled_report == here_report and len(pooled_report.notes) == many + 30  # تركيا split
    assert pooled_report.documents == many + 30 + 5
    assert pooled_some == here_some and pooled_some_report == here_some_report
    assert pooled_some_report.documents == len(some) + 25  # badr on multiples of 3 but not of 7
    assert not list(tmp_path.glob(".annotator-export-parts-*"))  # the workers' range files are gone


def test_worker_ranges_are_written_in_turn_or_through_files_that_are_removed_whatever_happens(
        project, tmp_path, monkeypatch):
    """Workers write each range in its place in the output when it is its turn, else to a file
    beside it that is appended in its turn, by the system where it can (copy_file_range) and by
    reading and writing elsewhere; without os.pwrite (Windows) every range comes as a file. The
    output is the same every way, and the files go, also when a worker fails."""
    import multiprocessing
    import os

    from annotator.formats import export, registry
    from annotator.formats.export import ExportOptions, ExportReport, export_documents

    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the changes below reach the workers only as copies of this process")
    # Forked, although pytest-qt has loaded Qt here (which makes the workers spawn): they use none.
    monkeypatch.setattr(export, "process_start_method", lambda configured: configured)
    monkeypatch.setattr(export, "POOL_START_METHOD", "fork")
    records = [tricky_record(id=f"doc{n:03d}") for n in range(export.PARALLEL_FROM + 40)]
    jsonl_import(project, write_lines(tmp_path / "many.jsonl", records))
    monkeypatch.setattr(export, "CHUNK_CHARS", 400)  # many ranges
    appended = []
    real_append = export.append_range
    monkeypatch.setattr(export, "append_range", lambda rendered, out: (appended.append(rendered),
                                                                        real_append(rendered, out)))

    def run(name):
        appended.clear()
        report = ExportReport()
        registry.write("conll", export_documents(project, ExportOptions(), report), tmp_path / name, ExportOptions(),
                       report, project)
        written = (tmp_path / name).read_bytes()
        assert not list(tmp_path.glob(".annotator-export-parts-*"))
        return written

    monkeypatch.setattr(export, "PARALLEL_FROM", 10**9)
    here = run("here.conll")  # in this process
    assert not appended
    monkeypatch.setattr(export, "PARALLEL_FROM", 200)

    def pooled(name):
        written = run(name)
        assert sum(rendered.size for rendered in appended) == len(written) and len(appended) > 10
        assert [rendered.index for rendered in appended] == list(range(len(appended)))
        return written

    assert pooled("turns.conll") == here
    assert any(rendered.path is None for rendered in appended)  # written in place by the workers

    real_in_turn = export.OutputTurns.write_in_turn
    monkeypatch.setattr(export.OutputTurns, "write_in_turn",  # every other range out of turn
                        lambda self, fd, index, data: index % 2 == 0 and real_in_turn(self, fd, index, data))
    assert pooled("files.conll") == here
    assert [rendered.path is None for rendered in appended].count(False) >= len(appended) // 2

    def cannot(*args):
        raise OSError(18, "Invalid cross-device link")

    for pwrite in (True, False):
        if not pwrite:
            monkeypatch.delattr(os, "pwrite")  # as on Windows: every range through a file
        monkeypatch.setattr(os, "copy_file_range", cannot, raising=False)  # as on a file system that cannot
        assert pooled(f"copied-{pwrite}.conll") == here
        monkeypatch.delattr(os, "copy_file_range", raising=False)  # as on Windows and macOS
        assert pooled(f"elsewhere-{pwrite}.conll") == here
    assert all(rendered.path is not None and rendered.turns is None for rendered in appended)

    real_records = export.plain_records

    def failing(project, options, first, last, *args):
        if first >= 128:
            raise RuntimeError("a worker failed")
        return real_records(project, options, first, last, *args)

    monkeypatch.undo()
    monkeypatch.setattr(export, "process_start_method", lambda configured: configured)
    monkeypatch.setattr(export, "POOL_START_METHOD", "fork")
    monkeypatch.setattr(export, "plain_records", failing)  # the workers are copies of this process: they fail too
    report = ExportReport()
    with pytest.raises(RuntimeError, match="a worker failed"):
        registry.write("conll", export_documents(project, ExportOptions(), report), tmp_path / "failed.conll",
                       ExportOptions(), report, project)
    assert not list(tmp_path.glob(".annotator-export-parts-*"))


def test_an_export_pinned_to_one_core_renders_in_its_own_process(project, tmp_path, monkeypatch):
    """os.cpu_count() counts the machine's cores; a process pinned to one (taskset, a container's
    CPU set) starts no workers that would only take turns on it (but for a server's: see there)."""
    import os

    from annotator.formats import export, registry
    from annotator.formats.export import ExportOptions, ExportReport, export_documents
    from annotator.store.location import is_server_url

    if not hasattr(os, "sched_getaffinity"):
        pytest.skip("no CPU affinity on this system")
    records = [tricky_record(id=f"doc{n:03d}") for n in range(export.PARALLEL_FROM + 40)]
    jsonl_import(project, write_lines(tmp_path / "many.jsonl", records))
    pools = []
    real_ranges = export._render_ranges
    monkeypatch.setattr(export, "_render_ranges", lambda *args: (pools.append(args[3]), real_ranges(*args))[1])
    monkeypatch.setattr(os, "cpu_count", lambda: 8)

    def run(name):
        report = ExportReport()
        registry.write("conll", export_documents(project, ExportOptions(), report), tmp_path / name, ExportOptions(),
                       report, project)
        return (tmp_path / name).read_bytes()

    # From a server, one worker more than the cores: each waits for the database part of the time.
    from_server = is_server_url(project.location)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3})
    alone = run("alone.conll")
    assert pools == ([2] if from_server else [])
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2})
    assert run("three.conll") == alone and pools[-1] == 3 + from_server
