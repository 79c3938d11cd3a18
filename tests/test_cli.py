import json

import pytest
from click.testing import CliRunner

from annotator import __version__
from annotator.cli import cli


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def invoke(*args, ok=True):
        result = CliRunner().invoke(cli, [str(a) for a in args])
        if ok:
            assert result.exit_code == 0, result.output
        else:
            assert result.exit_code != 0, result.output
            assert "Traceback" not in result.output
        return result

    return invoke


def test_version(run):
    assert __version__ in run("--version").output


def test_every_command_has_help(run):
    for name, command in cli.commands.items():
        assert command.help, name
        assert "Usage" in run(name, "--help").output


def test_init_import_list_stats_export(run, tmp_path, sample_jsonl):
    run("init", "p.db")
    out = run("import", "p.db", sample_jsonl).output
    assert "Imported 11 new document(s), 19 annotated record(s)" in out
    assert "skipped 19 already" in run("import", "p.db", sample_jsonl).output
    listing = run("list", "p.db", "--table").output
    assert "ar-01-defence-fair" in listing and "amal" in listing and "karim" in listing and "6/11" in listing
    plain = run("list", "p.db").output.splitlines()  # not a terminal: tab-separated lines
    assert plain[0].split("\t") == ["document", "length", "amal", "karim"] and len(plain) == 12
    assert plain[1].split("\t")[:3] == ["ar-01-defence-fair", "474", "done"]
    limited = run("list", "p.db", "--table", "--limit", "2")
    assert "ar-02-budget" in limited.output and "ar-03-climate" not in limited.output
    assert "9 more" in limited.output
    stats = run("stats", "p.db").output
    assert "QUOTE" in stats and "said_by" in stats
    run("export", "p.db", "-f", "jsonl", "-o", "out.jsonl")
    assert (tmp_path / "out.jsonl").read_bytes() == sample_jsonl.read_bytes()
    run("export", "p.db", "-o", "karim.jsonl", "--annotator", "karim", "--status", "done")
    karim = [json.loads(line) for line in (tmp_path / "karim.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(karim) == 6 and {r["annotator"] for r in karim} == {"karim"}


def test_import_text_folder_with_glob_and_annotator(run, tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("نص أول", encoding="utf-8")
    (tmp_path / "c" / "b.text").write_text("نص ثان", encoding="utf-8")
    run("init", "p.db")
    assert "Imported 1 new" in run("import", "p.db", "c", "--annotator", "amal").output
    assert "Imported 1 new" in run("import", "p.db", "c", "--glob", "*.text").output
    assert "new" in run("list", "p.db").output


@pytest.mark.parametrize("fmt, expected", [
    ("auto", "a folder with no file matching '*.md' in it or below it"),
    ("brat", "no .ann files in it or below it"),
    ("webanno-tsv", "no .tsv files in it or below it"),
])
def test_a_folder_with_nothing_to_import_is_refused_by_name(run, tmp_path, fmt, expected):
    """A folder holding no file the format reads (notes in .md for a text import, texts with no
    .ann for brat) is said to be so, not reported as an import of 0 documents."""
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("نص أول", encoding="utf-8")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text("نص ثان", encoding="utf-8")
    run("init", "p.db")
    glob = ("--glob", "*.md") if fmt == "auto" else ()
    result = run("import", "p.db", "notes", "c", "--format", fmt, *glob, ok=False)
    assert f"notes: {expected}" in result.output and "nothing imported" in result.output
    assert run("list", "p.db").output.splitlines()[1:] == []


def test_failed_import_names_file_and_line_and_changes_nothing(run, tmp_path):
    run("init", "p.db")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "نص"}\n{"id": "b", "text": 5}\n', encoding="utf-8")
    result = run("import", "p.db", bad, ok=False)
    assert result.exit_code == 1
    assert f"{bad}:2: document 'b': 'text' must be a string" in result.output
    assert "nothing imported" in result.output
    assert "0 document(s)" in run("list", "p.db", "--table").output
    result = run("import", "p.db", bad, "--skip-invalid", "--rejects", "rejects.jsonl")
    assert "Imported 1 new" in result.output
    assert json.loads((tmp_path / "rejects.jsonl").read_text(encoding="utf-8"))["source"] == f"{bad}:2"


def test_clear_errors_never_tracebacks(run, tmp_path):
    assert "no such project file" in run("list", "missing.db", ok=False).output
    run("init", "p.db")
    assert "already exists" in run("init", "p.db", ok=False).output
    assert "no document 'nope'" in run("show", "p.db", "nope", ok=False).output
    (tmp_path / "s.toml").write_text("[[layer]]\nname = 1\n", encoding="utf-8")
    assert "s.toml" in run("init", "q.db", "--schema", "s.toml", ok=False).output
    assert "--rejects goes with --skip-invalid" in run("import", "p.db", "s.toml", "--rejects", "r", ok=False).output


def test_show_marks_spans_with_and_without_bidi(run, sample_jsonl):
    run("init", "p.db")
    run("import", "p.db", sample_jsonl)
    result = run("show", "p.db", "ar-01-defence-fair", ok=False)
    assert "choose one with --annotator" in result.output
    logical = run("show", "p.db", "ar-01-defence-fair", "--annotator", "amal", "--layer", "entity", "--no-bidi").output
    assert "ل\u200f[\u200fتركيا\u200f]GPE\u200f" in logical
    visual = run("show", "p.db", "ar-01-defence-fair", "--annotator", "amal", "--layer", "entity", "--width", "200").output
    # Reshaped (presentation forms) and reordered: the visual line reads right to left.
    from annotator.terminal import display

    shaped = display("تركيا")
    assert all(0xFE70 <= ord(ch) <= 0xFEFF for ch in shaped)  # presentation forms
    assert f"GPE[{shaped}]" in visual
    assert "E8  entity   GPE" in visual


def test_schema_print_and_replace(run, tmp_path):
    run("init", "p.db")
    toml_text = run("schema", "p.db").output
    assert '[[relation]]\nname = "said_by"' in toml_text
    smaller = tmp_path / "small.toml"
    smaller.write_text('[[layer]]\nname = "entity"\n[[layer.label]]\nname = "PER"\n', encoding="utf-8")
    run("schema", "p.db", "--set", smaller)
    assert "quote" not in run("schema", "p.db").output


def test_gui_without_a_display_says_so(run, monkeypatch):
    monkeypatch.setattr("sys.platform", "linux")
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    run("init", "p.db")
    result = run("gui", "p.db", ok=False)
    assert "no display available" in result.output


def test_auto_format_detects_conllu_and_text_can_be_forced(run, tmp_path):
    conllu = tmp_path / "sample.conllu"
    conllu.write_text("# sent_id = s1\n# text = زار تركيا\n1\tزار\t_\t_\t_\t_\t_\t_\t_\tNER=O\n"
                      "2\tتركيا\t_\t_\t_\t_\t_\t_\t_\tNER=B-GPE\n\n", encoding="utf-8")
    run("init", "p.db")
    assert "1 span(s)" in run("import", "p.db", conllu).output
    run("init", "q.db")
    assert "0 span(s)" in run("import", "q.db", conllu, "--format", "text").output


@pytest.mark.parametrize("name, reason", [("gold", "the adjudicated version's name"),
                                          ("a\tb", "control character U+0009")])
def test_the_window_is_not_started_as_a_name_it_would_refuse(run, sample_jsonl, name, reason):
    run("init", "p.db")
    run("import", "p.db", sample_jsonl)
    result = run("gui", "p.db", "--annotator", name, ok=False)
    assert result.exit_code == 2 and reason in result.output


@pytest.mark.parametrize("fmt, layers", [("doccano", ()), ("prodigy", ("--layer", "quote"))])
def test_an_export_with_no_place_for_attributes_says_how_many_it_left_out(run, tmp_path, sample_jsonl, fmt, layers):
    from annotator.store.project import Project

    run("init", "p.db")
    run("import", "p.db", sample_jsonl)
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        valued = [s for d in proj.document_ids() for s in proj.spans(d, "karim")
                  if s.attrs and (not layers or s.layer == layers[1])]
    assert valued
    result = run("export", "p.db", "-f", fmt, "-o", "out.jsonl", "--annotator", "karim", *layers)
    assert (f"{sum(len(s.attrs) for s in valued)} attribute value(s) of {len(valued)} span(s) left out: "
            f"{'Prodigy' if fmt == 'prodigy' else fmt} has no place for them" in result.output)


def test_more_notes_than_are_listed_are_counted(run, tmp_path):
    """An export's notes beyond the twentieth were dropped without a word."""
    run("init", "p.db")
    lines = [json.dumps({"id": f"d{n}", "text": "قال أحمد", "annotator": "amal",
                         "spans": [{"id": "T1", "start": 0, "end": 3, "layer": "quote", "label": "QUOTE", "attrs": {}},
                                   {"id": "T2", "start": 4, "end": 8, "layer": "speaker", "label": "SPEAKER",
                                    "attrs": {}}],
                         "relations": [{"id": "R1", "label": "said_by", "from": "T1", "to": "T2"}]},
                        ensure_ascii=False) for n in range(25)]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run("import", "p.db", "in.jsonl")
    result = run("export", "p.db", "-f", "doccano", "-o", "out.jsonl")
    assert result.output.count("relation(s) left out") == 20 and "... and 5 more note(s)" in result.output


def test_an_export_through_a_symbolic_link_replaces_the_file_it_names(run, tmp_path, sample_jsonl):
    """The link stays: it was replaced by a plain file, and the file it named kept the old export."""
    run("init", "p.db")
    run("import", "p.db", sample_jsonl)
    (tmp_path / "v1.conll").write_text("old\n", encoding="utf-8")
    (tmp_path / "latest.conll").symlink_to("v1.conll")
    run("export", "p.db", "-f", "conll", "-o", "latest.conll")
    assert (tmp_path / "latest.conll").is_symlink()
    assert (tmp_path / "v1.conll").read_text(encoding="utf-8").startswith("-DOCSTART-")
    assert sorted(p.name for p in tmp_path.iterdir() if "conll" in p.name) == ["latest.conll", "v1.conll"]


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no named pipes here")
def test_an_export_to_a_pipe_or_a_device_writes_into_it(run, tmp_path, sample_jsonl):
    """A pipe (or /dev/null, /dev/stdout) is written to, not replaced by a file beside it: run as
    root, -o /dev/null replaced the device with a file; otherwise the temporary file could not
    be made in /dev."""
    import os
    import stat
    import threading

    run("init", "p.db")
    run("import", "p.db", sample_jsonl)
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)  # there, so that the export's open does not wait
    received, done = bytearray(), threading.Event()

    def read():
        while True:
            try:
                chunk = os.read(reader, 65536)
            except BlockingIOError:
                chunk = None
            if chunk:
                received.extend(chunk)
            elif done.is_set():
                return
            else:
                done.wait(0.01)

    thread = threading.Thread(target=read)
    thread.start()
    try:
        run("export", "p.db", "-f", "conll", "-o", pipe)
    finally:
        done.set()
        thread.join()
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    run("export", "p.db", "-f", "conll", "-o", "file.conll")
    assert bytes(received) == (tmp_path / "file.conll").read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".annotator-export-")]


def test_an_export_file_gets_the_permissions_of_a_new_file(run, tmp_path, sample_jsonl):
    """Not the temporary file's owner-only ones (a teammate could not read the training set)."""
    import os
    import sys

    if sys.platform == "win32":
        pytest.skip("no POSIX permissions")
    run("init", "p.db")
    run("import", "p.db", sample_jsonl)
    mask = os.umask(0o022)
    try:
        run("export", "p.db", "-f", "conll", "-o", "new.conll")
        (tmp_path / "kept.conll").write_text("", encoding="utf-8")
        os.chmod(tmp_path / "kept.conll", 0o640)
        run("export", "p.db", "-f", "conll", "-o", "kept.conll")
    finally:
        os.umask(mask)
    assert (tmp_path / "new.conll").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "kept.conll").stat().st_mode & 0o777 == 0o640


def test_doccanos_export_of_each_user_imports_with_the_users_names(run, tmp_path):
    """doccano exports each user's work as USER.jsonl with no user in the records; imported
    together they were one annotator's twice ("appears twice")."""
    from annotator.store.project import Project

    text = "قال سمير إن الفريق فاز في القاهرة"
    (tmp_path / "m1.jsonl").write_text(json.dumps({"id": 7, "text": text, "label": [[4, 8, "PER"], [26, 33, "GPE"]]},
                                                  ensure_ascii=False) + "\n", encoding="utf-8")
    (tmp_path / "m2.jsonl").write_text(json.dumps({"id": 7, "text": text, "label": [[4, 8, "PER"]]},
                                                  ensure_ascii=False) + "\n", encoding="utf-8")
    named = {"id": 8, "text": text, "label": [[4, 8, "PER"]], "annotator": "sara"}
    (tmp_path / "named.jsonl").write_text(json.dumps(named, ensure_ascii=False) + "\n", encoding="utf-8")
    run("init", "p.db")
    assert "appears twice" in run("import", "p.db", "m1.jsonl", "m2.jsonl", "--format", "doccano", ok=False).output
    refused = run("import", "p.db", "m1.jsonl", "--format", "doccano", "--annotator", "x",
                  "--annotator-from-file-name", ok=False)
    assert refused.exit_code == 2 and "choose one" in refused.output
    run("import", "p.db", "m1.jsonl", "m2.jsonl", "named.jsonl", "--format", "doccano", "--annotator-from-file-name")
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        assert {s.annotator: 0 for s in proj.spans("7")}.keys() == {"m1", "m2"}
        assert [s.label for s in proj.spans("7", "m2")] == ["PER"]
        assert proj.annotators() == ["m1", "m2", "sara"]  # a record's own annotator stays
