"""A large JSONL import is read and checked by a second process (store/reading_worker.py):
the project, the messages, the rejects and the report must be exactly those of an import read
in one process, whatever the input holds; a reader that dies or fails must leave the project
untouched with a clear message."""

import json
import multiprocessing
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.cli import UNEXPECTED_FAILURE, cli
from annotator.core.model import AnnotatedDocument, Document, Span
from annotator.formats import RecordError
from annotator.store import reading_worker
from annotator.store.bulk import CheckOptions, Checked, check_fully, import_records
from annotator.store.project import Project
from test_import_export import TRICKY, export_lines, tricky_record, write_lines


def mixed_input(count: int = 60) -> list:
    """Good records among every kind of trouble an import meets, spread over several chunks."""
    records = []
    for n in range(count):
        records.append(tricky_record(id=f"doc{n:03d}"))
        if n % 7 == 0:
            records.append(tricky_record("badr", id=f"doc{n:03d}", relations=[]))  # a second annotator
    records += [
        tricky_record(id="doc001"),  # the same work twice in one import
        tricky_record(id="doc002", text=TRICKY + " changed"),  # an id met earlier with another text
        tricky_record(id="unknown-label", spans=[{"start": 0, "end": 3, "label": "NOPE", "layer": "entity"}],
                      relations=[]),
        tricky_record(id="bad-offsets", spans=[{"start": 5, "end": 2, "label": "PER", "layer": "entity"}],
                      relations=[]),
        tricky_record(id="twins", spans=[tricky_record()["spans"][1]] * 2, relations=[]),  # merged, noted
        {"id": "in-project", "text": "نص موجود في المشروع."},  # already in the project: skipped
        {"id": "bare", "text": "نص بلا عمل."},
        {"id": "guess", "text": TRICKY, "source": "model",
         "spans": [{"start": TRICKY.index("الرئيس"), "end": TRICKY.index("الرئيس") + 6, "label": "PER",
                    "layer": "entity"}]},
    ]
    return records


def readers_started(monkeypatch) -> list:
    """The reading processes the import starts from now on."""
    processes = []
    real = multiprocessing.get_context

    class Recording:
        def __init__(self, context):
            self.context = context

        def __getattr__(self, name):
            return getattr(self.context, name)

        def Process(self, *args, **kwargs):  # noqa: N802 - multiprocessing's name
            processes.append(self.context.Process(*args, **kwargs))
            return processes[-1]

    monkeypatch.setattr(multiprocessing, "get_context", lambda method=None: Recording(real(method)))
    return processes


def run_import(tmp_path, name: str, lines: str, *options: str, worker: bool, monkeypatch):
    """The CLI's import of ``lines`` into a copy of one starting project: (exit code, output,
    the project's export, rejects file, report file)."""
    start = tmp_path / "start.db"
    if not start.exists():
        with Project.create(start) as project:
            from test_import_export import jsonl_import
            jsonl_import(project, write_lines(tmp_path / "before.jsonl",
                                              [{"id": "in-project", "text": "نص موجود في المشروع."}]))
    target = tmp_path / f"{name}.db"
    shutil.copy(start, target)
    source = tmp_path / "in.jsonl"
    source.write_text(lines, encoding="utf-8")
    monkeypatch.setattr(reading_worker, "WORKER_FROM_BYTES", 0 if worker else 10**12)
    monkeypatch.setattr(reading_worker, "CHUNK_RECORDS", 16)  # many chunks, some records cut across them
    monkeypatch.setattr(reading_worker, "PIECE_BYTES", 997)  # each chunk sent in many pieces, cut anywhere
    started = readers_started(monkeypatch)
    rejects, report = tmp_path / f"{name}.rejects.jsonl", tmp_path / f"{name}.report.tsv"
    extra = ["--rejects", str(rejects)] if "--skip-invalid" in options else []
    result = CliRunner().invoke(cli, ["import", str(target), str(source), *options, *extra,
                                      "--report", str(report)])
    assert bool(started) == worker
    with Project.open(target) as project:
        exported = export_lines(project)
        suggestions = project.pending_suggestions("guess", "amal") if "guess" in project.document_ids() else []
    output = result.output.replace(name, "NAME")
    return (result.exit_code, output, exported, [(s.label, s.start, s.end) for s in suggestions],
            rejects.read_text(encoding="utf-8") if rejects.exists() else None,
            report.read_text(encoding="utf-8") if report.exists() else None)


@pytest.mark.parametrize("options", [(), ("--skip-invalid",), ("--skip-invalid", "--nfc", "--normalize-newlines"),
                                     ("--skip-invalid", "--extend-schema")])
def test_an_import_read_by_a_second_process_ends_exactly_as_one_read_here(tmp_path, monkeypatch, options):
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in mixed_input())
    lines += "{not json\n"
    here = run_import(tmp_path, "here", lines, *options, worker=False, monkeypatch=monkeypatch)
    there = run_import(tmp_path, "there", lines, *options, worker=True, monkeypatch=monkeypatch)
    assert there == here
    code, output, exported, suggestions, rejects, report = there
    assert UNEXPECTED_FAILURE not in output
    if "--skip-invalid" in options:
        assert code == 0 and len(exported) > 60 and suggestions
        rejected = [json.loads(line) for line in rejects.splitlines()]
        # Every rejected record keeps its input line, also those turned down for what the
        # import met before (the reader drops the lines of records it found good).
        assert {r["source"].rsplit(":", 1)[1] for r in rejected} and all(r["input"] for r in rejected)
        assert any("different text" in r["reason"] for r in rejected)
        assert any("appears twice" in r["reason"] for r in rejected)
        assert "merged" in report
        assert any("NOPE" in r["reason"] for r in rejected) != ("--extend-schema" in options)
    else:
        assert code == 1 and "nothing imported" in output
        assert exported == [json.dumps({"id": "in-project", "text": "نص موجود في المشروع.", "meta": {}},
                                       ensure_ascii=False)]


def test_utf16_offsets_are_converted_by_the_reader_as_here(tmp_path, monkeypatch):
    from annotator.core.offsets import Utf16Map

    units = Utf16Map(TRICKY)
    record = tricky_record()
    for span in record["spans"]:
        span["start"], span["end"] = units.to_utf16(span["start"]), units.to_utf16(span["end"])
    lines = "".join(json.dumps({**record, "id": f"d{n}"}, ensure_ascii=False) + "\n" for n in range(40))
    here = run_import(tmp_path, "here", lines, "--offset-unit", "utf16", worker=False, monkeypatch=monkeypatch)
    there = run_import(tmp_path, "there", lines, "--offset-unit", "utf16", worker=True, monkeypatch=monkeypatch)
    assert there == here and there[0] == 0
    first = next(json.loads(line) for line in there[2] if json.loads(line)["id"] == "d0")
    assert first["spans"][1]["start"] == TRICKY.index("تركيا")


def test_the_reader_started_as_on_windows_and_macos_gives_the_same_project(tmp_path, monkeypatch):
    """Windows and macOS start the reader fresh (spawn): what it runs and the schema it checks
    against must travel to it."""
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in mixed_input(20))
    here = run_import(tmp_path, "here", lines, "--skip-invalid", worker=False, monkeypatch=monkeypatch)
    monkeypatch.setattr(reading_worker, "START_METHOD", "spawn")
    there = run_import(tmp_path, "there", lines, "--skip-invalid", worker=True, monkeypatch=monkeypatch)
    assert there == here and there[0] == 0


def _dies(paths, schema, annotator):
    yield from ()
    os._exit(3)  # as if killed, out of memory: no goodbye


class Unreadable(Exception):
    pass


def _fails(paths, schema, annotator):
    yield AnnotatedDocument(Document("a", "نص"), None, None, [], [])
    raise Unreadable("the disk went away")


def test_a_reader_that_dies_fails_the_import_with_a_clear_message(project, monkeypatch):
    monkeypatch.setattr(reading_worker, "WORKER_FROM_BYTES", 0)
    items = reading_worker.read_checked(lambda: _dies(None, None, None), [1], project.schema, CheckOptions())
    with pytest.raises(reading_worker.ReaderStopped, match="exit code 3.*nothing imported"):
        import_records(project, items)
    assert project.document_ids() == []


def _dies_sending(paths, schema, annotator):
    yield AnnotatedDocument(Document("a", "نص"), None, None, [], [])
    yield AnnotatedDocument(Document("b", "نص " * 300_000), None, None, [], [])  # megabytes to send
    time.sleep(0.5)  # the queue's thread is writing them: the pipe holds 64 KB at a time
    os._exit(3)  # killed in the middle of the message


@pytest.mark.parametrize("long_text_chars", [1 << 30, 1000])  # the text in its chunk's pickle, or ahead of it
def test_a_reader_that_dies_in_the_middle_of_sending_fails_the_import_instead_of_waiting(project, monkeypatch,
                                                                                       long_text_chars):
    import threading

    monkeypatch.setattr(reading_worker, "WORKER_FROM_BYTES", 0)
    monkeypatch.setattr(reading_worker, "LONG_TEXT_CHARS", long_text_chars)
    monkeypatch.setattr(reading_worker, "CHUNK_RECORDS", 1)
    items = reading_worker.read_checked(lambda: _dies_sending(None, None, None), [1], project.schema, CheckOptions())
    assert next(items).record.document.id == "a"
    time.sleep(1.5)  # meanwhile it began sending the next and died
    raised = []

    def take() -> None:
        try:
            next(items)
        except reading_worker.ReaderStopped as exc:
            raised.append(exc)

    taker = threading.Thread(target=take, daemon=True)
    taker.start()
    taker.join(20)
    assert not taker.is_alive(), "the import waited for ever on the cut message"
    assert raised and "exit code 3" in str(raised[0]) and "nothing imported" in str(raised[0])


def test_a_reader_that_fails_raises_its_error_here(project, monkeypatch):
    from functools import partial

    monkeypatch.setattr(reading_worker, "WORKER_FROM_BYTES", 0)
    items = reading_worker.read_checked(partial(_fails, None, None, None), [1], project.schema, CheckOptions())
    with pytest.raises(Unreadable, match="disk went away"):
        import_records(project, items)
    assert project.document_ids() == []


def test_an_import_that_stops_early_stops_its_reader(project, monkeypatch):
    monkeypatch.setattr(reading_worker, "WORKER_FROM_BYTES", 0)
    monkeypatch.setattr(reading_worker, "CHUNK_RECORDS", 1)
    processes = readers_started(monkeypatch)
    items = reading_worker.read_checked(partial_forever(), [1], project.schema, CheckOptions())
    assert isinstance(next(items), Checked)
    items.close()  # the import failed or was interrupted here
    assert processes and not processes[0].is_alive()


def _forever(paths, schema, annotator):
    n = 0
    while True:  # far more than the queue holds: the reader blocks, waiting for room
        n += 1
        yield AnnotatedDocument(Document(f"d{n}", "نص"), None, None, [], [])


def partial_forever():
    from functools import partial

    return partial(_forever, None, None, None)


def test_records_checked_against_another_schema_are_checked_again_and_other_options_refused(project):
    """The import uses a reader's findings only when they were made with its own schema;
    otherwise it checks the record's spans itself. Records checked under other offset or text
    options (converted or normalised already) are refused, never converted twice."""
    text = "زار الرئيس أنقرة."
    record = AnnotatedDocument(Document("d", text), "amal", None,
                               [Span("T1", "d", "amal", "entity", "NOPE", 4, 10)], [])
    stale = check_fully(record, project.schema, "another schema", CheckOptions())
    stale.schema_problems = []  # what a reader with a schema that had NOPE would have found
    report = import_records(project, [stale], skip_invalid=True)
    assert report.records_added == 0 and "NOPE" in report.rejected[0].reason

    crlf = AnnotatedDocument(Document("e", "سطر\r\nسطر"), "amal", None,
                             [Span("T1", "e", "amal", "entity", "PER", 5, 8)], [])
    other_options = check_fully(crlf, project.schema, project.schema.to_toml(), CheckOptions())
    with pytest.raises(ValueError, match="other offset or text options"):
        import_records(project, [other_options], newlines=True)
    assert "e" not in project.document_ids()
    same = check_fully(crlf, project.schema, project.schema.to_toml(), CheckOptions(newlines=True))
    assert import_records(project, [same], newlines=True).records_added == 1
    assert project.text("e") == "سطر\nسطر" and project.spans("e")[0].start == 4


def _running(pid: int) -> bool:
    stat = Path(f"/proc/{pid}/stat")
    if stat.parent.parent.is_dir() and Path("/proc/self").exists():
        try:
            return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended
        except OSError:
            return False
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False


@pytest.mark.skipif(sys.platform == "win32", reason="kills a process with SIGKILL")
def test_a_reader_whose_importer_is_killed_ends_too(tmp_path):
    """An importer killed while its reader waits for room in the queue must not leave the
    reader waiting for ever."""
    script = (
        "import multiprocessing, os, signal\n"
        "from annotator.core.schema import default_schema\n"
        "from annotator.store import reading_worker\n"
        "from annotator.store.bulk import CheckOptions\n"
        "from test_reading_worker import partial_forever\n"
        "reading_worker.WORKER_FROM_BYTES = 0\n"
        "items = reading_worker.read_checked(partial_forever(), [1], default_schema(), CheckOptions())\n"
        "next(items)\n"
        "print(multiprocessing.active_children()[0].pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), *sys.path])}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    reader = int(done.stdout.split()[0])
    deadline = time.monotonic() + 20
    while _running(reader) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _running(reader)


@pytest.mark.parametrize("fmt", ["conll", "conllu"])
@pytest.mark.parametrize("broken", [False, True])
def test_column_files_read_by_a_second_process_end_as_read_here(tmp_path, monkeypatch, fmt, broken):
    """CoNLL and CoNLL-U files are read ahead too: the same project, or the same refusal."""
    from test_bounded_reading import _conll_file, _conllu_file

    source = (_conll_file if fmt == "conll" else _conllu_file)(tmp_path / f"in.{fmt}", documents=40)
    lines = source.read_text(encoding="utf-8")
    if broken:  # a bad line near the end: nothing is imported, and the message names it
        cut = lines.rindex("\n", 0, len(lines) - 200)
        lines = lines[:cut] + ("\nonly-a-token\n" if fmt == "conll" else "\n1\tonly\ttwo\n") + lines[cut:]

    def run(name, worker):
        target = tmp_path / f"{name}.db"
        Project.create(target).close()
        path = tmp_path / name / f"in.{fmt}"  # one file name: documents are named after it
        path.parent.mkdir()
        path.write_text(lines, encoding="utf-8")
        monkeypatch.setattr(reading_worker, "WORKER_FROM_BYTES", 0 if worker else 10**12)
        started = readers_started(monkeypatch)
        result = CliRunner().invoke(cli, ["import", str(target), str(path), "--format", fmt])
        assert bool(started) == worker
        with Project.open(target) as project:
            return result.exit_code, result.output.replace(name, "NAME"), export_lines(project)

    here, there = run("here", False), run("there", True)
    assert there == here
    assert (there[0], len(there[2])) == ((1, 0) if broken else (0, 40))


def _jsonl_of(path):
    from functools import partial

    from annotator.core.schema import default_schema
    from annotator.formats.jsonl import read_jsonl

    return partial(read_jsonl, path, default_schema(), "amal")


def test_checked_work_travels_as_stored_rows_whose_repeated_strings_travel_once(project, tmp_path, monkeypatch):
    """The reader sends a good record's spans as the rows the store writes (the importing
    process writes them without making Span objects again), with the ids, labels and layers
    that repeat from record to record as one string each; a suggestion, or a record with a
    problem, keeps its Span list. Read one by one, the rows are the spans the file gave."""
    from annotator.core.model import StoredSpans

    records = [tricky_record(id=f"d{n}") for n in range(3)]
    records.append({"id": "guess", "text": TRICKY, "source": "model", "spans": [tricky_record()["spans"][1]]})
    records.append(tricky_record(id="bad", spans=[{"start": 5, "end": 2, "label": "PER", "layer": "entity"}],
                                 relations=[]))
    path = write_lines(tmp_path / "in.jsonl", records)
    monkeypatch.setattr(reading_worker, "WORKER_FROM_BYTES", 0)
    started = readers_started(monkeypatch)
    items = list(reading_worker.read_checked(_jsonl_of(path), [1], project.schema, CheckOptions()))
    assert started
    work = [item for item in items if item.record.document.id.startswith("d")]
    assert [type(item.record.spans) for item in work] == [StoredSpans] * 3
    first, second = work[0].record.spans, work[1].record.spans
    assert first.rows[0][0] is second.rows[0][0] and first.rows[0][4] is second.rows[0][4]  # "T1", "QUOTE"
    here = [check_fully(r, project.schema, project.schema.to_toml(), CheckOptions())
            for r in read_jsonl_items(path, project)]
    assert [list(item.record.spans) for item in work] == [item.record.spans for item in here[:3]]
    assert list(first)[2].attrs == {"name": "المتحدث"} and list(first)[1].attrs == {}
    assert first == here[0].record.spans and first[1:3] == here[0].record.spans[1:3] and len(first) == 5
    guess, bad = items[3], items[4]
    assert type(guess.record.spans) is list and type(bad.record.spans) is list and bad.schema_problems


def read_jsonl_items(path, project):
    from annotator.formats.jsonl import read_jsonl

    return list(read_jsonl(path, project.schema, "amal"))


def test_stored_rows_are_written_as_the_spans_they_came_from(project):
    """The store writes a record whose spans are stored rows exactly as the same record with
    Span objects: spans, attributes and the relations between them (by the spans' ids)."""
    from annotator.core.model import StoredSpans

    def records(stored: bool, suffix: str):
        made = []
        for n in range(3):
            record = tricky_record(id=f"d{n}{suffix}")
            item = check_fully(next(iter(_records_of(record, project))), project.schema, project.schema.to_toml(),
                               CheckOptions())
            if stored:
                item.record.spans = StoredSpans.of(item.record.spans)
            made.append(item)
        return made

    import_records(project, records(False, "a"))
    import_records(project, records(True, "b"))
    for n in range(3):
        spans_a, spans_b = project.spans(f"d{n}a"), project.spans(f"d{n}b")
        assert [(s.id, s.layer, s.label, s.start, s.end, s.attrs) for s in spans_a] == \
               [(s.id, s.layer, s.label, s.start, s.end, s.attrs) for s in spans_b]
        links = [[(r.id, r.label, r.from_id, r.to_id) for r in project.relations(d)] for d in (f"d{n}a", f"d{n}b")]
        assert links[0] == links[1] == [("R1", "said_by", "T1", "T3")]


def _records_of(record: dict, project):
    from annotator.formats.jsonl import record_from_json

    made = record_from_json(record, project.schema, "amal")
    for span in made.spans:
        span.doc_id = made.document.id
    return [made]


def test_an_import_into_a_server_read_by_a_second_process_ends_as_one_read_here(postgres_cluster, tmp_path,
                                                                               monkeypatch):
    """The server writes the rows the reader sends by COPY: the same project, rejects and
    report as an import read in one process, and the same as a file's."""
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in mixed_input(40))
    source = tmp_path / "in.jsonl"
    source.write_text(lines, encoding="utf-8")

    def run(worker: bool):
        url = postgres_cluster.url(postgres_cluster.new_database())
        Project.create(url).close()
        monkeypatch.setattr(reading_worker, "WORKER_FROM_BYTES", 0 if worker else 10**12)
        monkeypatch.setattr(reading_worker, "CHUNK_RECORDS", 16)
        started = readers_started(monkeypatch)
        result = CliRunner().invoke(cli, ["import", url, str(source), "--skip-invalid"])
        assert bool(started) == worker
        with Project.open(url) as project:
            return result.exit_code, result.output.replace(url, "URL"), export_lines(project)

    here, there = run(False), run(True)
    assert there == here and there[0] == 0 and len(there[2]) > 40
    on_file = run_import(tmp_path, "file", lines, "--skip-invalid", worker=True, monkeypatch=monkeypatch)
    # The file began with "in-project" (so its copy in the input was skipped); here it is new.
    assert sorted(on_file[2]) == sorted(there[2]) and on_file[0] == 0


def test_an_import_into_a_server_is_read_by_a_second_process_also_on_one_core(postgres_cluster, tmp_path,
                                                                              monkeypatch):
    """An import into a server waits for it while it writes each batch: the input is read
    meanwhile by a second process also where the import has one core, which a file's import
    (busy writing the whole time) keeps to itself; the project is the same."""
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in mixed_input(40))
    source = tmp_path / "in.jsonl"
    source.write_text(lines, encoding="utf-8")
    monkeypatch.setattr(reading_worker, "usable_cores", lambda: 1)
    monkeypatch.setattr(reading_worker, "WORKER_FROM_BYTES", 0)
    monkeypatch.setattr(reading_worker, "CHUNK_RECORDS", 16)
    exported = []
    for where in (postgres_cluster.url(postgres_cluster.new_database()), str(tmp_path / "p.db")):
        Project.create(where).close()
        started = readers_started(monkeypatch)
        result = CliRunner().invoke(cli, ["import", where, str(source), "--skip-invalid"])
        assert result.exit_code == 0, result.output
        assert bool(started) == where.startswith("postgresql://")
        with Project.open(where) as project:
            exported.append(sorted(export_lines(project)))
    assert exported[0] == exported[1] and len(exported[0]) > 40


class _AliveReader:
    def is_alive(self) -> bool:
        return True


def _peak_traced(call) -> int:
    """The most memory tracemalloc saw allocated while ``call()`` ran."""
    import tracemalloc

    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


class _Discarding:
    """A queue that keeps only the sizes of what is put in it."""

    def __init__(self):
        self.sizes = []

    def put(self, message, timeout=None) -> None:
        piece, what = message
        self.sizes.append((len(piece), what))


def test_a_chunk_travels_in_pieces_and_is_never_whole_in_either_process(monkeypatch):
    """A chunk is pickled into pieces of PIECE_BYTES as it is sent, and unpickled as its pieces
    come: a file that is one long document is one chunk of tens of megabytes, which pickled
    whole (and copied by the queue on both sides) took four times its size in the two
    processes."""
    import pickle
    import queue
    import tracemalloc

    monkeypatch.setattr(reading_worker, "PIECE_BYTES", 1 << 20)
    chunk = [os.urandom(1 << 20) for _ in range(24)] + ["نص ’ text " * 20_000, list(range(50_000))]
    pickled = len(pickle.dumps(chunk, pickle.HIGHEST_PROTOCOL))
    sent = _Discarding()
    sending = _peak_traced(lambda: reading_worker._send_pickled(sent, chunk))
    assert sum(size for size, _ in sent.sizes) == pickled
    assert all(size == 1 << 20 for size, _ in sent.sizes[:-1]) and sent.sizes[-1][0] <= 1 << 20
    assert [what for _, what in sent.sizes] == [reading_worker._MORE] * (len(sent.sizes) - 1) + [reading_worker._LAST]
    assert sending < 4 * (1 << 20), sending  # a few pieces, not the 25 MB pickle

    pieces = queue.Queue()
    reading_worker._send_pickled(pieces, chunk)
    tracemalloc.start()
    try:
        taken = reading_worker._PiecesIn(pieces, _AliveReader()).unpickled()
        taking = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert taken == chunk and pieces.empty()
    assert taking < 24 * (1 << 20) + 4 * (1 << 20) + 3_000_000, taking  # what it makes, and a few pieces


@settings(max_examples=60, deadline=None)
@given(chunks=st.lists(st.recursive(st.none() | st.integers() | st.text(max_size=300) | st.binary(max_size=3000),
                                    lambda inner: st.lists(inner, max_size=6) | st.tuples(inner, inner),
                                    max_leaves=30), min_size=1, max_size=4),
       piece_bytes=st.integers(1, 700))
def test_chunks_sent_in_pieces_of_any_size_arrive_as_they_were_one_after_another(chunks, piece_bytes):
    import queue

    saved = reading_worker.PIECE_BYTES
    reading_worker.PIECE_BYTES = piece_bytes
    try:
        pieces = queue.Queue()
        for chunk in chunks:
            reading_worker._send_pickled(pieces, chunk)
        sizes = [len(piece) for piece, _ in list(pieces.queue)]
        assert max(sizes) <= piece_bytes
        assert [reading_worker._PiecesIn(pieces, _AliveReader()).unpickled() for _ in chunks] == chunks
        assert pieces.empty()
    finally:
        reading_worker.PIECE_BYTES = saved


class _CannotTravel:
    def __reduce__(self):
        raise ValueError("this record cannot be sent")


def _cannot_be_sent_whole(paths, schema, annotator):
    from annotator.formats import RecordError

    yield RecordError("big.jsonl:1", "x" * 300_000)  # pieces of the chunk go before the failure
    yield _CannotTravel()


def test_a_chunk_the_reader_cannot_send_whole_fails_the_import_with_its_reason(project, monkeypatch):
    """The pieces of a chunk already sent when its pickling failed are dropped, and the import
    fails with the reader's error, not with what the cut pickle would read as."""
    from functools import partial

    monkeypatch.setattr(reading_worker, "WORKER_FROM_BYTES", 0)
    monkeypatch.setattr(reading_worker, "PIECE_BYTES", 4096)
    items = reading_worker.read_checked(partial(_cannot_be_sent_whole, None, None, None), [1], project.schema,
                                        CheckOptions())
    with pytest.raises(ValueError, match="this record cannot be sent"):
        import_records(project, items)
    assert project.document_ids() == []


def _checked_long(doc_id: str, text: str, options=CheckOptions()) -> Checked:
    from annotator.core.schema import default_schema

    schema = default_schema()
    record = AnnotatedDocument(Document(doc_id, text, {"source": "x"}), "amal", None,
                               [Span("T1", doc_id, "amal", "entity", "PER", 4, 10, {})], [])
    return check_fully(record, schema, schema.to_toml(), options)


def test_a_long_text_travels_ahead_of_its_chunk_as_its_utf8_in_pieces(monkeypatch):
    """A document's long text is sent on its own, a piece of its UTF-8 at a time, before the
    chunk's pickle, and put back in its place: pickled, it was made UTF-8 whole beside the
    document (44 MB for four million Arabic tokens), the reading process's peak."""
    import queue

    monkeypatch.setattr(reading_worker, "PIECE_BYTES", 1 << 20)
    monkeypatch.setattr(reading_worker, "LONG_TEXT_CHARS", 1000)
    long_text = "قال الرئيس 😀 إن المعرض\n" * 400_000  # 9.6 million characters, 16 MB of UTF-8
    chunk = [_checked_long("a", long_text), _checked_long("b", "قال الرئيس لتركيا"),
             _checked_long("c", "نص ثالث " * 200), RecordError("x.jsonl:3", "bad")]
    expected = [(item.record.document.id, item.record.document.text) for item in chunk[:3]]
    sent, alone = _Discarding(), [_checked_long("a", long_text)]
    sending = _peak_traced(lambda: reading_worker._send_pickled(sent, alone))
    text_pieces = [size for size, what in sent.sizes if what == reading_worker._TEXT]
    assert sum(text_pieces) == len(long_text.encode("utf-8")) and max(text_pieces) <= 1 << 20
    assert sending < 6 * (1 << 20), sending  # a few pieces, not the 16 MB of UTF-8

    pieces = queue.Queue()
    reading_worker._send_pickled(pieces, chunk)
    reading_worker._send_pickled(pieces, [_checked_long("d", "قصير")])  # (the next chunk: no text of its own)
    kinds = [what for _, what in list(pieces.queue)]
    first_pickled = next(k for k, what in enumerate(kinds) if what in (reading_worker._MORE, reading_worker._LAST))
    assert kinds[:first_pickled].count(reading_worker._TEXT_END) == 2  # (both texts ahead of the chunk's pickle)
    taken = reading_worker._PiecesIn(pieces, _AliveReader()).unpickled()
    assert [(item.record.document.id, item.record.document.text) for item in taken[:3]] == expected
    assert taken[0].sha == chunk[0].sha and taken[0].record.spans == chunk[0].record.spans
    assert taken[3] == RecordError("x.jsonl:3", "bad")
    assert [item.record.document.text for item in reading_worker._PiecesIn(pieces, _AliveReader()).unpickled()] \
        == ["قصير"] and pieces.empty()


def _long_documents(paths, schema, annotator):
    for n in range(3):
        yield AnnotatedDocument(Document(f"d{n}", f"نص {n} قال الرئيس\n" * (400 * (n + 1)), {}), "amal", None,
                                [Span("T1", f"d{n}", "amal", "entity", "PER", 9, 15, {})], [])


def test_an_import_read_apart_puts_each_long_text_back_in_its_document(project, monkeypatch):
    from functools import partial

    monkeypatch.setattr(reading_worker, "WORKER_FROM_BYTES", 0)
    monkeypatch.setattr(reading_worker, "LONG_TEXT_CHARS", 7000)  # (the second and third documents)
    monkeypatch.setattr(reading_worker, "PIECE_BYTES", 997)
    items = reading_worker.read_checked(partial(_long_documents, None, None, None), [1], project.schema,
                                        CheckOptions())
    import_records(project, items)
    assert [project.text(doc_id) for doc_id in project.document_ids()] == \
        [f"نص {n} قال الرئيس\n" * (400 * (n + 1)) for n in range(3)]
    assert [project.spans(doc_id)[0].start for doc_id in project.document_ids()] == [9, 9, 9]
