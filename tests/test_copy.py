"""`annotator copy SOURCE TARGET`: an exact copy of a project, safe while the project is open
and being written elsewhere, never replacing a file."""

import json
import shutil

import pytest
from click.testing import CliRunner

from annotator.cli import UNEXPECTED_FAILURE, cli
from annotator.store.project import Project
from test_import_export import export_lines, jsonl_import, tricky_record, write_lines


@pytest.fixture
def busy(tmp_path):
    """A project left open by another program (a window) holding edits that SQLite keeps in
    its -wal file, not yet folded into the project file."""
    project = Project.create(tmp_path / "team.db")
    jsonl_import(project, write_lines(tmp_path / "a.jsonl", [tricky_record(id="first")]))
    project.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the first document is in the file
    project.db.conn.execute("PRAGMA wal_autocheckpoint=0")
    jsonl_import(project, write_lines(tmp_path / "b.jsonl", [tricky_record("karim", id="latest")]))
    assert (tmp_path / "team.db-wal").stat().st_size > 0
    yield project
    project.close()


def test_a_copy_holds_the_edits_still_in_the_wal_which_copying_the_file_loses(busy, tmp_path):
    result = CliRunner().invoke(cli, ["copy", str(busy.path), str(tmp_path / "amal.db")])
    assert result.exit_code == 0, result.output
    assert "2 document(s), 10 span(s)" in result.output
    with Project.open(tmp_path / "amal.db", readonly=True) as copy:
        assert export_lines(copy) == export_lines(busy)
        assert json.loads(export_lines(copy)[1])["annotator"] == "karim"
    shutil.copy(busy.path, tmp_path / "by-hand.db")  # what copying the file alone gives
    with Project.open(tmp_path / "by-hand.db", readonly=True) as by_hand:
        assert by_hand.document_ids() == ["first"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary file left


def test_the_copy_is_a_project_of_its_own(busy, tmp_path):
    assert CliRunner().invoke(cli, ["copy", str(busy.path), str(tmp_path / "amal.db")]).exit_code == 0
    before = export_lines(busy)
    with Project.open(tmp_path / "amal.db") as copy:
        jsonl_import(copy, write_lines(tmp_path / "c.jsonl", [tricky_record("amal", id="only-in-the-copy")]))
        assert "only-in-the-copy" in copy.document_ids()
    assert export_lines(busy) == before


@pytest.mark.parametrize("target, message", [
    ("amal.db", "already exists"),
    ("amal.db-wal", "already exists"),
    ("team.db", "that is the project"),
    ("team.db-wal", "the project's team.db-wal"),
    ("missing/amal.db", "no such folder"),
])
def test_a_copy_never_replaces_a_file_and_says_why(busy, tmp_path, target, message):
    (tmp_path / "amal.db").write_text("someone's file", encoding="utf-8")
    (tmp_path / "amal.db-wal").write_bytes(b"")
    listing = sorted(p.name for p in tmp_path.iterdir())
    result = CliRunner().invoke(cli, ["copy", str(busy.path), str(tmp_path / target)])
    assert result.exit_code == 1 and message in result.output and UNEXPECTED_FAILURE not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == listing
    assert (tmp_path / "amal.db").read_text(encoding="utf-8") == "someone's file"


def test_a_source_that_is_not_a_project_is_refused(tmp_path):
    source = tmp_path / "notes.db"
    source.write_text("not a project", encoding="utf-8")
    result = CliRunner().invoke(cli, ["copy", str(source), str(tmp_path / "copy.db")])
    assert result.exit_code == 1 and "not an annotator project" in result.output
    assert not (tmp_path / "copy.db").exists() and source.read_text(encoding="utf-8") == "not a project"
