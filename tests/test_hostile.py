"""The safety promises, tried as an attacker or a careless user would (README: Safety).

Every refused command must leave the project byte-for-byte as it was, write nothing outside
``-o``, and say what is wrong with file and line; nothing a user can produce may end in the
CLI's message for an unexpected failure.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import UNEXPECTED_FAILURE, cli
from annotator.core.model import Document, Span
from annotator.store.project import Project, ProjectError, StorageError

ARABIC = "قال وزير الدفاع إن المعرض ناجح"


# ----------------------------------------------------------------------------- helpers


def invoke(*args) -> "CliRunner.Result":
    return CliRunner(env={"COLUMNS": "250"}).invoke(cli, [str(a) for a in args])


def refused(result, *needles: str) -> str:
    """The command failed with a clear message containing ``needles``."""
    output = result.output
    assert result.exit_code != 0, output
    assert UNEXPECTED_FAILURE not in output and "Traceback" not in output, output
    for needle in needles:
        assert needle in output, output
    return output


def fingerprint(*paths: Path) -> dict:
    """Bytes of each path: a refused command changes none of them. An empty or absent file
    count as one: SQLite itself makes an empty -wal and an -shm to read a WAL project, and
    removes them when the last connection closes."""
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths
            if p.is_file() and p.stat().st_size and not p.name.endswith("-shm")}


def project_files(project: Path) -> list[Path]:
    return [project, project.with_name(project.name + "-wal"), project.with_name(project.name + "-shm")]


def tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "p.db"
    assert invoke("init", path).exit_code == 0
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "d1", "text": ARABIC, "annotator": "amal", "spans": [
        {"start": 4, "end": 8, "label": "PER"}]}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert invoke("import", path, source).exit_code == 0, "setup import"
    return path


# ----------------------------------------------------------------------------- 1. outputs never overwrite


OUTPUT_COMMANDS = [
    ("export jsonl -o", lambda p, out: ["export", p, "-f", "jsonl", "-o", out]),
    ("export conll -o", lambda p, out: ["export", p, "-f", "conll", "-o", out]),
    ("export conllu -o", lambda p, out: ["export", p, "-f", "conllu", "-o", out]),
    ("export doccano -o", lambda p, out: ["export", p, "-f", "doccano", "-o", out]),
    ("export labelstudio -o", lambda p, out: ["export", p, "-f", "labelstudio", "-o", out]),
    ("export hf -o", lambda p, out: ["export", p, "-f", "hf", "-o", out]),
    ("export brat -o", lambda p, out: ["export", p, "-f", "brat", "-o", out]),
    ("export --report", lambda p, out: ["export", p, "-f", "conll", "-o", p.with_name("x.conll"), "--report", out]),
    ("agreement --report", lambda p, out: ["agreement", p, "--report", out]),
    ("suggest -o", lambda p, out: ["suggest", p, "-o", out]),
    ("import --rejects", lambda p, out: ["import", p, p.with_name("in.jsonl"), "--skip-invalid", "--rejects", out]),
]


@pytest.mark.parametrize("target", ["project", "wal", "shm", "hard link", "symbolic link", "dotted path"])
@pytest.mark.parametrize("name,command", OUTPUT_COMMANDS, ids=[c[0] for c in OUTPUT_COMMANDS])
def test_no_output_overwrites_the_project(project, name, command, target):
    with Project.open(project) as proj:  # leave a -wal and -shm beside the project
        proj.set_status("d1", "amal", "in progress")
        keep_open = sqlite3.connect(project)
        keep_open.execute("SELECT count(*) FROM documents").fetchone()
    try:
        out = {
            "project": project,
            "wal": project.with_name("p.db-wal"),
            "shm": project.with_name("p.db-shm"),
            "hard link": project.with_name("alias.db"),
            "symbolic link": project.with_name("link.db"),
            "dotted path": project.parent / "sub" / ".." / "p.db",
        }[target]
        if target == "hard link":
            os.link(project, out)
        if target == "symbolic link":
            out.symlink_to(project)
        (project.parent / "sub").mkdir(exist_ok=True)
        before = fingerprint(*project_files(project))
        refused(invoke(*command(project, out)))
        assert fingerprint(*project_files(project)) == before
    finally:
        keep_open.close()
    with Project.open(project, readonly=True) as proj:
        assert proj.document_ids() == ["d1"]


def test_rejects_file_may_not_be_an_input(project, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    before = fingerprint(bad, *project_files(project))
    refused(invoke("import", project, bad, "--skip-invalid", "--rejects", bad), "input of this command")
    assert fingerprint(bad, *project_files(project)) == before


def test_report_and_output_may_not_be_one_file(project, tmp_path):
    out = tmp_path / "same.conll"
    refused(invoke("export", project, "-f", "conll", "-o", out, "--report", out), "same file")
    assert not out.exists()


# ----------------------------------------------------------------------------- 2. ids never escape -o

HOSTILE_IDS = ["../escape", "../../far/away", "/absolute/path", "C:\\Windows\\evil", "CON", "aux.txt", "news.2024",
               "news.2025", "News.2024", "esp.train-doc-100", "esp.train-doc-101", "2024/a", "2024/A", "..", ".",
               "a.txt/b", "a", "x" * 400, "trailing. ", "قصة/خبر", "[/x]", "tab\u200fmark", "a:b|c?d*e"]


@pytest.fixture
def hostile_project(tmp_path):
    path = tmp_path / "work" / "hostile.db"
    path.parent.mkdir()
    with Project.create(path) as proj:
        proj.add_documents(Document(doc_id, f"{ARABIC} {n}") for n, doc_id in enumerate(HOSTILE_IDS))
        for doc_id in HOSTILE_IDS:
            proj.add_span(Span("", doc_id, "amal", "entity", "PER", 4, 8))
            proj.add_span(Span("", doc_id, "../karim", "entity", "ORG", 9, 14))
            proj.add_span(Span("", doc_id, "Amal", "entity", "LOC", 15, 20))  # amal's folder, ignoring case
    return path


@pytest.mark.parametrize("fmt", ["brat", "jsonl", "conll", "conllu", "doccano", "doccano-relations", "prodigy",
                                 "spacy-json", "labelstudio", "hf", "inception-xmi", "webanno-tsv", "quotes"])
@pytest.mark.parametrize("who", [[], ["--annotator", "amal"]], ids=["everyone", "one annotator"])
def test_hostile_ids_stay_under_the_output(hostile_project, tmp_path, fmt, who):
    outside_before = tree(tmp_path)
    out = tmp_path / "work" / "out" / ("brat" if fmt == "brat" else f"export.{fmt}")
    out.parent.mkdir(parents=True, exist_ok=True)
    result = invoke("export", hostile_project, "-f", fmt, "-o", out, *who)
    assert result.exit_code == 0, result.output
    created = tree(tmp_path) - outside_before
    prefix = out.relative_to(tmp_path).as_posix()
    stray = [p for p in created if not (p.startswith(prefix) or p == "work/out"
                                        or p.startswith("work/hostile.db-")  # SQLite's own -wal/-shm
                                        or (fmt == "hf" and p.endswith("export.features.json")))]
    assert not stray, stray
    if fmt == "brat":
        anns = sorted(out.rglob("*.ann"))
        folders = 1 if who else 3  # amal, ../karim, Amal: one subfolder each
        assert len(anns) == len(HOSTILE_IDS) * folders  # no two ids share a file
        assert len({p.as_posix().casefold() for p in anns}) == len(anns)  # not even ignoring case
        # Importing the export gives back every id exactly.
        back = tmp_path / "back.db"
        assert invoke("init", back).exit_code == 0
        moved = re.search(r"annotator 'amal' is in the folder '([^']+)'", result.output)  # Amal came first
        folder = out if who else out / (moved.group(1) if moved else "amal")
        result = invoke("import", back, folder, "--format", "brat", "--annotator", "amal")
        assert result.exit_code == 0, result.output
        assert result.exit_code == 0, result.output
        with Project.open(back, readonly=True) as proj:
            assert sorted(proj.document_ids()) == sorted(HOSTILE_IDS)


def test_merge_of_a_crafted_teammate_file_writes_nothing_outside(hostile_project, tmp_path):
    ours = tmp_path / "ours.db"
    assert invoke("init", ours).exit_code == 0
    assert invoke("merge", ours, hostile_project).exit_code == 0
    before = tree(tmp_path)
    out = tmp_path / "exported"
    assert invoke("export", ours, "-f", "brat", "-o", out).exit_code == 0
    assert all(p.startswith("exported") or p.startswith("ours.db-") for p in tree(tmp_path) - before)


# ----------------------------------------------------------------------------- 3. bad input, file:line


def _jsonl(records: list) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


GOOD = {"id": "ok", "text": ARABIC}
BAD_JSONL = {
    "lone surrogate in text": '{"id": "s", "text": "a\\ud800b"}',
    "lone surrogate in id": '{"id": "a\\udc00", "text": "x"}',
    "lone surrogate in meta": '{"id": "m", "text": "x", "meta": {"k": ["\\ud83d"]}}',
    "lone surrogate in annotator": '{"id": "n", "text": "xyz", "annotator": "\\ud800", "status": "done"}',
    "lone surrogate in attribute": '{"id": "t", "text": "abc def", "annotator": "a", "spans": [{"start": 0, "end": 3, '
                                   '"layer": "speaker", "label": "SPEAKER", "attrs": {"name": "\\udfff"}}]}',
    "NUL in id": '{"id": "a\\u0000b", "text": "x"}',
    "newline in id": '{"id": "a\\nb", "text": "x"}',
    "ESC in annotator": '{"id": "e", "text": "xyz", "annotator": "\\u001b[31m", "status": "done"}',
    "control character in span id": '{"id": "c", "text": "abc", "annotator": "a", "spans": [{"id": "T\\u0007", '
                                    '"start": 0, "end": 3, "label": "PER"}]}',
    "deep nesting": '{"id": "d", "text": "x", "meta": ' + "[" * 100000 + "]" * 100000 + "}",
    "huge integer": '{"id": "h", "text": "x", "meta": {"n": ' + "9" * 5000 + "}}",
    "huge offset": '{"id": "o", "text": "abc", "annotator": "a", "spans": [{"start": 0, "end": ' + "9" * 40 +
                   ', "label": "PER"}]}',
    "a list, not an object": "[1, 2, 3]",
    "text a number": '{"id": "n", "text": 5}',
    "invalid status": '{"id": "st", "text": "x", "annotator": "a", "status": "finished"}',
}


@pytest.mark.parametrize("case", BAD_JSONL)
def test_bad_jsonl_record_names_file_and_line_and_imports_nothing(project, tmp_path, case):
    source = tmp_path / "bad.jsonl"
    source.write_text(_jsonl([GOOD, BAD_JSONL[case]]), encoding="utf-8")
    before = fingerprint(*project_files(project))
    refused(invoke("import", project, source), f"{source}:2", "nothing imported")
    assert fingerprint(*project_files(project)) == before


@pytest.mark.parametrize("case", ["lone surrogate in text", "lone surrogate in id", "NUL in id", "huge integer"])
def test_skip_invalid_rejects_only_the_bad_record(project, tmp_path, case):
    source = tmp_path / "bad.jsonl"
    rejects = tmp_path / "rejects.jsonl"
    source.write_text(_jsonl([GOOD, BAD_JSONL[case]]), encoding="utf-8")
    result = invoke("import", project, source, "--skip-invalid", "--rejects", rejects)
    assert result.exit_code == 0, result.output
    assert "Imported 1 new document(s)" in result.output
    (rejected,) = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    assert rejected["source"] == f"{source}:2"
    with Project.open(project, readonly=True) as proj:
        assert proj.document_ids() == ["d1", "ok"]


def test_utf16_without_bom_is_recognised(project, tmp_path):
    for name, fmt in (("doc.txt", "text"), ("doc.jsonl", "jsonl"), ("doc.conll", "conll"), ("doc.json", "labelstudio")):
        source = tmp_path / name
        content = json.dumps(GOOD, ensure_ascii=False) + "\n" if fmt == "jsonl" else ARABIC + "\n"
        source.write_bytes(content.encode("utf-16-le"))
        before = fingerprint(*project_files(project))
        refused(invoke("import", project, source, "--format", fmt), str(source), "UTF-16 without a byte order mark")
        assert fingerprint(*project_files(project)) == before


def test_utf16_jsonl_with_bom_is_read(project, tmp_path):
    source = tmp_path / "bom.jsonl"
    source.write_bytes(b"\xff\xfe" + (json.dumps(GOOD, ensure_ascii=False) + "\n").encode("utf-16-le"))
    result = invoke("import", project, source)
    assert result.exit_code == 0, result.output
    assert "Imported 1 new document(s)" in result.output


FOREIGN = {
    "doccano": ("d.jsonl", ['{"text": "abc", "label": [[0, 3]]}', '{"text": "abc", "label": 5}',
                            '{"text": "abc", "entities": [{"id": 1}]}', '{"text": ["a"], "label": []}',
                            '{"text": "abc", "entities": [], "relations": [{"from_id": 9, "to_id": 8, "type": "x"}]}']),
    "prodigy": ("p.jsonl", ['{"text": "abc", "meta": [1], "spans": []}', '{"text": "abc", "spans": [{"start": 0}]}',
                            '{"text": "abc", "spans": 7}', '{"meta": {"id": "x"}}',
                            '{"text": "abc", "spans": [{"start": 0, "end": 3, "label": "PER"}], "relations": [{}]}']),
    "labelstudio": ("l.json", ['[{"data": {"text": "abc"}, "annotations": [{"result": [{"type": "labels", '
                               '"value": {"start": 0}}]}]}]', "5", '"just a string"', '[{"data": 5}]',
                               '[{"data": {"text": "abc"}, "annotations": [{"result": [{"type": "labels", "value": '
                               '{"start": 0, "end": 3, "labels": []}}]}]}]',
                               '[{"data": {"text": "abc"}, "annotations": [{"result": [{"type": "relation", '
                               '"from_id": "a", "to_id": "b"}]}]}]', '{"data": {"text": "abc"}, "annotations": 3}',
                               "[" * 50000 + "]" * 50000]),
    "conll": ("c.conll", ["word\n\n-DOCSTART-\n\x00\x00 B-PER\n", "w B-NOPE\n", "w I-\n"]),
    "conllu": ("u.conllu", ["# text = a\n1\ta\n", "1-2\tab\t_\n", "x\ty\tz\n", "1\ta\t_\t_\t_\t_\t0\t_\t_\tNER=B-ZZZ\n"]),
    "webanno-tsv": ("w.tsv", ["#FORMAT=WebAnno TSV 3.3\n\n\n1-1\t0-4\tThis\n",
                              "#FORMAT=WebAnno TSV 3.3\n#T_SP=x|value\n\n\n#Text=ab\n1-1\tzero-2\tab\t_\n",
                              "#FORMAT=WebAnno TSV 3.3\n#T_SP=x|value\n\n\n#Text=ab\n1-1\t0-2\tab\n",
                              "#FORMAT=WebAnno TSV 3.3\n#T_RL=webanno.custom.R|BT_webanno.custom.S\n\n\n#Text=ab\n"
                              "1-1\t0-2\tab\t1-1[x]\n", "#FORMAT=CoNLL\n", "#FORMAT=WebAnno TSV 3.3\n#T_XX=a\n",
                              "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.S|value\n\n\n#Text=ab\n#Text=cd\n"
                              "1-1\t0-2\tab\tX\n\n#Text=zz\n2-1\t1-3\tzz\tY\n"]),
    "inception-xmi": ("x.xmi", ["<xmi:XMI", "<?xml version='1.0'?><a/>", "not xml at all",
                                '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                                '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" '
                                'xmi:version="2.0"><cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" '
                                'mimeType="text" sofaString="&e;"/></xmi:XMI>']),
}


@pytest.mark.parametrize("fmt,number", [(fmt, n) for fmt, (_, cases) in FOREIGN.items() for n in range(len(cases))])
def test_malformed_foreign_files_get_a_clear_message(project, tmp_path, fmt, number):
    name, cases = FOREIGN[fmt]
    source = tmp_path / name
    source.write_text(cases[number], encoding="utf-8")
    before = fingerprint(*project_files(project))
    result = invoke("import", project, source, "--format", fmt)
    if result.exit_code != 0:
        refused(result, str(source))
        assert fingerprint(*project_files(project)) == before
    else:  # a shape the reader can take as it is; then it was imported, not silently dropped
        assert "Imported" in result.output, result.output


BRAT_LINES = ["T1\tPER 0 3\tabc\nA1\tname", "T1\tPER 0 3\tabc\nR1\tsaid_by", "T1\tPER 0 3\tabc\nR1\tsaid_by Arg1 Arg2",
              "T1\tPER zero 3\tabc", "T1\tPER 0 " + "9" * 5000 + "\tabc", "T1\tPER", "\x00\x00\x00"]


@pytest.mark.parametrize("number", range(len(BRAT_LINES)))
def test_malformed_brat_lines_name_the_line(project, tmp_path, number):
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc.txt").write_text("abc def", encoding="utf-8")
    (folder / "doc.ann").write_text(BRAT_LINES[number] + "\n", encoding="utf-8")
    before = fingerprint(*project_files(project))
    refused(invoke("import", project, folder, "--format", "brat"), "doc.ann")
    assert fingerprint(*project_files(project)) == before


@pytest.mark.parametrize("pattern", ["../*", "../../*.txt", "/etc/*", "sub/../../*"])
def test_glob_may_not_leave_the_folder(project, tmp_path, pattern):
    folder = tmp_path / "texts"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    before = fingerprint(*project_files(project))
    refused(invoke("import", project, folder, "--glob", pattern), "--glob")
    assert fingerprint(*project_files(project)) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_instead_of_blocking(project, tmp_path):
    pipe = tmp_path / "pipe.jsonl"
    os.mkfifo(pipe)
    refused(invoke("import", project, pipe), "not a regular file")


def test_odd_command_lines_get_a_usage_message(project, tmp_path):
    (tmp_path / "folder").mkdir()
    refused(invoke("export", project, "-o", tmp_path / "folder"), "a folder; give a file name")
    refused(invoke("export", project, "-o", tmp_path / "nowhere" / "x.jsonl"), "no such folder")
    refused(invoke("assign", project, "amal", "--count", "-3"), "--count")


# ----------------------------------------------------------------------------- 4. two programs at once


def _hold_write_lock(path: Path, seconds: float) -> threading.Thread:
    locked = threading.Event()

    def hold():
        conn = sqlite3.connect(path, timeout=0)
        conn.execute("BEGIN IMMEDIATE")
        locked.set()
        time.sleep(seconds)
        conn.rollback()
        conn.close()

    thread = threading.Thread(target=hold)
    thread.start()
    locked.wait(5)
    return thread


def test_import_waits_for_another_writer_and_says_so(project, tmp_path):
    source = tmp_path / "more.jsonl"
    source.write_text(_jsonl([GOOD]), encoding="utf-8")
    holder = _hold_write_lock(project, 2.0)
    result = CliRunner().invoke(cli, ["import", str(project), str(source)])
    holder.join()
    assert result.exit_code == 0, result.output
    assert f"waiting for another program writing to {project}" in result.output
    assert "Imported 1 new document(s)" in result.output


def test_a_writer_gives_up_with_a_clear_message_and_writes_nothing(project):
    holder = _hold_write_lock(project, 3.0)
    waits = []
    with Project.open(project) as proj:
        proj.busy_timeout = 1.2
        proj.on_wait = waits.append
        with pytest.raises(StorageError, match="another program is writing to .* did not finish within 1 s"):
            proj.add_span(Span("", "d1", "amal", "entity", "GPE", 9, 14))
    holder.join()
    assert waits and "waiting for another program" in waits[0]
    with Project.open(project, readonly=True) as proj:
        assert [s.label for s in proj.spans("d1")] == ["PER"]


def test_two_imports_at_once_both_land(project, tmp_path):
    sources = []
    for n in range(2):
        source = tmp_path / f"batch{n}.jsonl"
        source.write_text(_jsonl([{"id": f"b{n}-{k}", "text": ARABIC} for k in range(300)]), encoding="utf-8")
        sources.append(source)
    results = []
    threads = [threading.Thread(target=lambda s=s: results.append(invoke("import", project, s))) for s in sources]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(r.exit_code == 0 for r in results), [r.output for r in results]
    with Project.open(project, readonly=True) as proj:
        assert proj.document_count() == 601


# ----------------------------------------------------------------------------- 5. crafted project files


def _crafted(path: Path, how: str) -> Path:
    if how == "empty file":
        path.write_bytes(b"")
        return path
    if how == "text file":
        path.write_text("not a database", encoding="utf-8")
        return path
    if how == "foreign SQLite":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE people (name TEXT)")
        conn.commit()
        conn.close()
        return path
    Project.create(path).close()
    conn = sqlite3.connect(path)
    if how == "spans is a recursive view":
        conn.executescript("PRAGMA foreign_keys=OFF; DROP TABLE relations; DROP TABLE spans; CREATE VIEW spans AS "
                           "WITH RECURSIVE r(pk) AS (SELECT 1 UNION ALL SELECT pk + 1 FROM r) SELECT pk, '' AS id, "
                           "'' AS doc_id, '' AS annotator, '' AS layer, '' AS label, 0 AS start, 1 AS \"end\", "
                           "'{}' AS attrs FROM r;")
    elif how == "newer version":
        conn.execute("INSERT INTO _sqlite_migrations(migration_set, name, applied_at) VALUES "
                     "('annotator', 'm999_from_the_future', '2030-01-01')")
    elif how == "trigger":
        conn.execute("CREATE TRIGGER t AFTER INSERT ON spans BEGIN DELETE FROM documents; END")
    elif how == "missing column":
        conn.executescript("PRAGMA foreign_keys=OFF; ALTER TABLE spans DROP COLUMN attrs;")
    conn.commit()
    conn.close()
    return path


CRAFTED = {
    "empty file": "an empty file",
    "text file": "not an SQLite file",
    "foreign SQLite": "no annotator tables",
    "spans is a recursive view": "'spans' is a view",
    "newer version": "made by a newer annotator",
    "trigger": "triggers",
    "missing column": "lacks attrs",
}


@pytest.mark.parametrize("how", CRAFTED)
@pytest.mark.parametrize("command", ["import", "list", "export", "merge", "gui"])
def test_crafted_files_are_refused_untouched(tmp_path, how, command):
    crafted = _crafted(tmp_path / "crafted.db", how)
    before = fingerprint(*project_files(crafted))
    source = tmp_path / "in.jsonl"
    source.write_text(_jsonl([GOOD]), encoding="utf-8")
    if command == "merge":
        ours = tmp_path / "ours.db"
        assert invoke("init", ours).exit_code == 0
        args = ["merge", ours, crafted]
    else:
        args = {"import": ["import", crafted, source], "list": ["list", crafted],
                "export": ["export", crafted, "-o", tmp_path / "o.jsonl"],
                "gui": ["gui", crafted, "--screenshot", tmp_path / "s.png"]}[command]
    started = time.monotonic()
    refused(invoke(*args), CRAFTED[how])
    assert time.monotonic() - started < 20
    assert fingerprint(*project_files(crafted)) == before


def _older_project(path: Path) -> Path:
    """A project as the first release made it (only the first migration)."""
    Project.create(path).close()
    conn = sqlite3.connect(path)
    conn.executescript("DROP TABLE document_doubt; DROP TABLE suggestion_decisions; DROP TABLE suggestion_links; "
                       "DROP TABLE suggestions; DROP TABLE adjudication_rejections; DROP INDEX spans_doc_layer_start; DROP INDEX spans_doc_start;"
                       "DELETE FROM _sqlite_migrations WHERE name != 'm001_initial';")
    conn.commit()
    conn.close()
    return path


def test_an_older_project_is_backed_up_before_it_is_upgraded(tmp_path):
    old = _older_project(tmp_path / "old.db")
    before = old.read_bytes()
    refused(invoke("list", old), "older annotator")  # read-only commands never upgrade
    assert old.read_bytes() == before
    result = invoke("import", old, tmp_path / "missing.jsonl")
    refused(result)  # a refused command does not upgrade either (path checked first)
    assert old.read_bytes() == before
    source = tmp_path / "in.jsonl"
    source.write_text(_jsonl([GOOD]), encoding="utf-8")
    result = invoke("import", old, source)
    assert result.exit_code == 0, result.output
    (backup,) = tmp_path.glob("old.before-upgrade-*.db")
    assert f"the old file was kept as {backup}" in result.output
    conn = sqlite3.connect(backup)
    assert [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")] == ["m001_initial"]
    conn.close()
    assert invoke("list", old).exit_code == 0


def test_gui_screenshot_does_not_upgrade_silently(tmp_path):
    old = _older_project(tmp_path / "old.db")
    before = old.read_bytes()
    refused(invoke("gui", old, "--screenshot", tmp_path / "s.png"), "needs an upgrade")
    assert old.read_bytes() == before
    assert not list(tmp_path.glob("*.before-upgrade-*"))


# ----------------------------------------------------------------------------- 6. schema changes


def _schema_toml(project: Path, tmp_path: Path, edit) -> Path:
    toml = invoke("schema", project).output
    changed = tmp_path / "schema.toml"
    changed.write_text(edit(toml), encoding="utf-8")
    return changed


def test_closing_a_layer_to_overlaps_is_refused_while_spans_overlap(tmp_path):
    path = tmp_path / "p.db"
    with Project.create(path) as proj:
        proj.add_documents([Document("d", ARABIC)])
        proj.add_span(Span("", "d", "amal", "entity", "ORG", 0, 8))
        proj.add_span(Span("", "d", "amal", "entity", "PER", 4, 14))
        assert proj.schema.layer("entity").overlap
    toml = invoke("schema", path).output
    lines = toml.split("\n")
    start = next(i for i, line in enumerate(lines) if line == 'name = "entity"')
    at = next(i for i in range(start, len(lines)) if lines[i].startswith("overlap"))
    lines[at] = "overlap = false"
    changed = tmp_path / "schema.toml"
    changed.write_text("\n".join(lines), encoding="utf-8")
    before = fingerprint(*project_files(path))
    refused(invoke("schema", path, "--set", changed), "overlap in layer 'entity'", "'d' by 'amal'")
    assert fingerprint(*project_files(path)) == before


def test_moving_a_relation_to_other_layers_is_refused_under_stored_links(sample_jsonl, tmp_path):
    path = tmp_path / "p.db"
    assert invoke("init", path).exit_code == 0
    assert invoke("import", path, sample_jsonl).exit_code == 0
    toml = invoke("schema", path).output
    assert 'to = "speaker"' in toml
    changed = tmp_path / "schema.toml"
    changed.write_text(toml.replace('to = "speaker"', 'to = "entity"', 1), encoding="utf-8")
    before = fingerprint(*project_files(path))
    refused(invoke("schema", path, "--set", changed), "said_by", "link(s) join")
    assert fingerprint(*project_files(path)) == before


# ----------------------------------------------------------------------------- 7. terminal output


@pytest.mark.parametrize("doc_id", ["[/x]", "[link=https://example.com]click[/link]", "\x1b[31mred", ":smile:",
                                    "[bold]b"])
def test_ids_are_printed_as_they_are_never_as_markup_or_escapes(tmp_path, doc_id):
    path = tmp_path / "p.db"
    with Project.create(path) as proj:
        proj.db.conn.execute("PRAGMA foreign_keys=ON")
        proj.add_documents([Document(doc_id, ARABIC)])
        proj.add_span(Span("", doc_id, doc_id.replace("\x1b", "esc"), "entity", "PER", 4, 8))
    for command in (["list", path, "--table"], ["list", path], ["stats", path], ["show", path, doc_id]):
        result = invoke(*command)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output
        shown = doc_id.replace("\x1b", "\\x1b")
        if command[0] != "stats":
            assert shown in result.output, result.output
    refused(invoke("show", path, doc_id + "?"), "no document")


# ----------------------------------------------------------------------------- 8. the machine's limits


def test_read_only_project_is_reported_as_read_only(project, tmp_path, monkeypatch):
    # As root (CI) chmod does not stop writes; the check itself is what is tried here.
    monkeypatch.setattr("annotator.store.project._writable", lambda path: False)
    source = tmp_path / "in2.jsonl"
    source.write_text(_jsonl([GOOD]), encoding="utf-8")
    refused(invoke("import", project, source), "read-only")
    assert invoke("list", project).exit_code == 0  # reading still works


def test_disk_full_is_named(project, tmp_path, monkeypatch):
    import errno

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "o.conll"))

    monkeypatch.setattr("annotator.formats.conll.write", full)
    refused(invoke("export", project, "-f", "conll", "-o", tmp_path / "o.conll"), "no space left on the device")


def test_storage_failure_inside_a_write_is_named_and_rolled_back(project, monkeypatch):
    with Project.open(project) as proj:
        real_execute = proj.db.execute

        def failing(sql, *args):
            if sql.startswith("INSERT INTO spans"):
                raise sqlite3.OperationalError("database or disk is full")
            return real_execute(sql, *args)

        monkeypatch.setattr(proj.db, "execute", failing)
        with pytest.raises(StorageError, match="no space left on the device holding"):
            proj.add_span(Span("", "d1", "amal", "entity", "GPE", 9, 14))
        monkeypatch.undo()
        assert [s.label for s in proj.spans("d1")] == ["PER"]
        assert not proj.db.conn.in_transaction


def test_missing_folder_for_a_new_project(tmp_path):
    refused(invoke("init", tmp_path / "nowhere" / "p.db"), "no such folder")
    with pytest.raises(ProjectError):
        Project.create(tmp_path / "nowhere" / "p.db")
