"""Merging annotators' copies: matching, idempotence, conflicts, untrusted input."""

import sqlite3

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.model import AnnotatedDocument, Document, Span
from annotator.store.bulk import import_records
from annotator.store.project import Project
from annotator.team.merge import MergeFailed, merge

TEXT = "زار الرئيس لتركيا أمس."


def copy_with(tmp_path, name, annotator, label="GPE", doc_id="d1", status="done", text=TEXT):
    path = tmp_path / f"{name}.db"
    with Project.create(path) as project:
        spans = [Span("T1", doc_id, annotator, "entity", label, 12, 17, {})] if label else []
        import_records(project, [AnnotatedDocument(Document(doc_id, text, {}), annotator, status, spans, [])])
    return path


def snapshot(project):
    return [(d, project.spans(d), project.relations(d)) for d in project.document_ids()], project.statuses()


def test_merge_brings_work_together_and_again_changes_nothing(project, tmp_path):
    report = merge(project, copy_with(tmp_path, "amal", "amal"))
    assert (report.documents_added, report.records_added) == (1, 1)
    merge(project, copy_with(tmp_path, "karim", "karim", label="LOC"))
    assert sorted(s.annotator for s in project.spans("d1")) == ["amal", "karim"]
    before = snapshot(project)
    again = merge(project, tmp_path / "amal.db")
    assert (again.records_added, again.unchanged, again.documents_added) == (0, 1, 0)
    assert snapshot(project) == before


def test_conflicts_stop_the_merge_unless_a_side_is_chosen(project, tmp_path):
    merge(project, copy_with(tmp_path, "amal", "amal", label="GPE"))
    other = copy_with(tmp_path, "amal2", "amal", label="LOC")
    before = snapshot(project)
    with pytest.raises(MergeFailed) as info:
        merge(project, other)
    assert "conflicts with the work here" in info.value.problems[0]
    assert snapshot(project) == before
    assert merge(project, other, "ours").kept == ["d1 / amal"]
    assert [s.label for s in project.spans("d1")] == ["GPE"]
    assert merge(project, other, "theirs").replaced == ["d1 / amal"]
    assert [s.label for s in project.spans("d1")] == ["LOC"]


def test_documents_match_by_text_hash_and_ids_must_not_collide(project, tmp_path):
    merge(project, copy_with(tmp_path, "a", "amal"))
    renamed = merge(project, copy_with(tmp_path, "b", "karim", doc_id="other-name"))
    assert renamed.matched_by_text == [("other-name", "d1")] and project.document_ids() == ["d1"]
    with pytest.raises(MergeFailed, match="different text"):
        merge(project, copy_with(tmp_path, "c", "layla", label=None, text="نص آخر تماماً"))


def test_untrusted_input_is_validated_and_never_written(project, tmp_path):
    bad = copy_with(tmp_path, "bad", "amal")
    conn = sqlite3.connect(bad)  # someone edited the file by hand: an offset inside a letter's marks
    conn.execute("UPDATE document_texts SET text = ?", ["زار الرئيس لتَركيا أمس."])
    conn.execute("UPDATE documents SET sha256 = 'x'")
    conn.execute('UPDATE spans SET start = 13, "end" = 18')  # 13: between ت and its fatha
    conn.commit()
    conn.close()
    with pytest.raises(MergeFailed, match="grapheme"):
        merge(project, bad)
    assert project.document_count() == 0
    mtime = bad.stat().st_mtime
    with pytest.raises(MergeFailed):
        merge(project, bad)
    assert bad.stat().st_mtime == mtime  # opened read-only


def test_cli_merge_and_assign(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    copy_with(tmp_path, "amal", "amal")
    copy_with(tmp_path, "amal2", "amal", label="LOC")
    assert runner.invoke(cli, ["init", "team.db"]).exit_code == 0
    out = runner.invoke(cli, ["merge", "team.db", "amal.db"])
    assert out.exit_code == 0 and "1 annotator record(s) added" in out.output
    conflict = runner.invoke(cli, ["merge", "team.db", "amal2.db"])
    assert conflict.exit_code == 1 and "nothing merged" in conflict.output and "Traceback" not in conflict.output
    assert "replaced by theirs" in runner.invoke(cli, ["merge", "team.db", "amal2.db", "--prefer", "theirs"]).output
    assigned = runner.invoke(cli, ["assign", "team.db", "karim", "--count", "5"])
    assert "Assigned 1 document(s) to karim" in assigned.output
    listing = runner.invoke(cli, ["list", "team.db"]).output
    assert "karim" in listing and "new" in listing
