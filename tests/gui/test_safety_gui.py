"""The window under the machine's limits: a read-only project, another program holding the
write lock, an older project, an export aimed at the project itself."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from PySide6.QtWidgets import QMessageBox

from annotator.gui.main_window import MainWindow
from annotator.sample import create_sample_project
from annotator.store.project import Project, ProjectError

DOC = "ar-01-defence-fair"


def make_window(qtbot, settings, path, interactive=False):
    win = MainWindow(settings, annotator="tester", interactive=interactive)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.open_project(path)
    win.open_document(DOC)
    win.show()
    qtbot.waitExposed(win)
    return win


def select(win, word):
    at = win.view.text().index(word)
    win.view.select_cp(at, at + len(word))
    return at


def stored_spans(path):
    with Project.open(path, readonly=True) as proj:
        return [(s.label, s.start, s.end) for s in proj.spans(DOC, "tester")]


def test_a_read_only_project_opens_read_only_and_says_so(qtbot, settings, tmp_path, bundled_fonts, monkeypatch):
    path = create_sample_project(tmp_path / "sample.db")
    monkeypatch.setattr("annotator.store.project._writable", lambda p: False)
    win = make_window(qtbot, settings, path)
    assert win.project.readonly
    assert "read-only" in win.windowTitle()
    assert win.status_readonly.isVisible()
    select(win, "إسطنبول")
    qtbot.keyClick(win.view, "g")
    assert "read-only" in win.last_error
    assert win.view.spans() == [] and stored_spans(path) == []


def test_a_write_refused_by_the_storage_is_shown_and_the_view_shows_what_is_stored(qtbot, settings, tmp_path,
                                                                                  bundled_fonts):
    path = create_sample_project(tmp_path / "sample.db")
    win = make_window(qtbot, settings, path)
    win.project.busy_timeout = 0.5
    locked, release = threading.Event(), threading.Event()

    def hold():
        conn = sqlite3.connect(path, timeout=0)
        conn.execute("BEGIN IMMEDIATE")
        locked.set()
        release.wait(10)
        conn.rollback()
        conn.close()

    holder = threading.Thread(target=hold)
    holder.start()
    locked.wait(5)
    try:
        select(win, "إسطنبول")
        qtbot.keyClick(win.view, "g")
        assert "another program is writing" in win.last_error
        assert "another program is writing" in win.statusBar().currentMessage()
        qtbot.wait(50)  # the view is re-read from the file right after
        win.ensure_spans_loaded()
        assert win.view.spans() == [] and stored_spans(path) == []
        assert win.undo_stack.count() == 0
    finally:
        release.set()
        holder.join()
    select(win, "إسطنبول")
    qtbot.keyClick(win.view, "g")
    assert [label for label, _, _ in stored_spans(path)] == ["GPE"]
    assert win.last_error == ""


def test_a_failed_undo_is_shown_and_the_history_cleared(qtbot, settings, tmp_path, bundled_fonts, monkeypatch):
    path = create_sample_project(tmp_path / "sample.db")
    win = make_window(qtbot, settings, path)
    select(win, "إسطنبول")
    qtbot.keyClick(win.view, "g")
    assert len(stored_spans(path)) == 1
    win.project.readonly = True  # as if the file had become read-only since
    win.undo_stack.undo()
    assert "read-only" in win.last_error
    qtbot.wait(50)
    assert win.undo_stack.count() == 0
    win.ensure_spans_loaded()
    assert [s.label for s in win.view.spans()] == ["GPE"] and len(stored_spans(path)) == 1


def _older(path):
    create_sample_project(path)
    conn = sqlite3.connect(path)
    conn.executescript("DROP TABLE document_doubt; DROP TABLE suggestion_decisions; DROP TABLE suggestion_links; "
                       "DROP TABLE suggestions; DELETE FROM _sqlite_migrations "  # (m004 and every later one)
                       "WHERE rowid >= (SELECT rowid FROM _sqlite_migrations WHERE name = 'm004_suggestions');")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No])
def test_an_older_project_is_upgraded_only_when_the_user_agrees(qtbot, settings, tmp_path, bundled_fonts,
                                                                monkeypatch, answer):
    path = _older(tmp_path / "old.db")
    before = path.read_bytes()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: asked.append(args[2]) or answer)
    win = MainWindow(settings, annotator="tester", interactive=True)
    qtbot.addWidget(win)
    monkeypatch.setattr("annotator.gui.file_actions.warn", lambda _parent, _title, text: asked.append(text))
    win.open_project_or_warn(path)
    assert "older version" in asked[0]
    backups = list(tmp_path.glob("old.before-upgrade-*.db"))
    if answer == QMessageBox.StandardButton.Yes:
        assert win.project is not None and len(backups) == 1
        assert "Upgraded" in win.statusBar().currentMessage()
    else:
        assert win.project is None and not backups
        assert "needs an upgrade" in asked[1]
        assert path.read_bytes() == before


def test_without_a_person_to_ask_an_older_project_is_not_upgraded(qtbot, settings, tmp_path, bundled_fonts):
    path = _older(tmp_path / "old.db")
    win = MainWindow(settings, annotator="tester", interactive=False)
    qtbot.addWidget(win)
    with pytest.raises(ProjectError, match="needs an upgrade"):
        win.open_project(path)
    assert not list(tmp_path.glob("*.before-upgrade-*"))


@pytest.mark.parametrize("target", ["project", "wal"])
def test_the_export_dialog_never_writes_onto_the_project(qtbot, settings, tmp_path, bundled_fonts, target):
    path = create_sample_project(tmp_path / "sample.db")
    win = make_window(qtbot, settings, path)
    select(win, "إسطنبول")
    qtbot.keyClick(win.view, "g")  # leaves a -wal beside the project
    out = path if target == "project" else path.with_name(path.name + "-wal")
    message = win.export_to(out)
    assert "nothing was written" in message
    with Project.open(path, readonly=True) as proj:
        assert stored_spans(path) and proj.document_count() == 11
    good = win.export_to(tmp_path / "out.jsonl")
    assert "Exported" in good and (tmp_path / "out.jsonl").stat().st_size > 0


def test_save_a_copy_from_the_file_menu_copies_the_latest_edit(qtbot, settings, tmp_path, bundled_fonts, monkeypatch):
    """Ctrl+Shift+S (File ▸ Save a copy…) writes a copy holding the edit just made, which
    SQLite still keeps in the -wal file beside the open project; never over an existing file."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QFileDialog, QMenu

    path = create_sample_project(tmp_path / "sample.db")
    win = make_window(qtbot, settings, path)
    at = select(win, "إسطنبول")
    qtbot.keyClick(win.view, "g")  # GPE: committed, and held in sample.db-wal while the window is open
    edited = stored_spans(path)
    assert ("GPE", at, at + len("إسطنبول")) in edited
    chosen = [tmp_path / "amal.db"]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(chosen[0]), ""))
    win.activateWindow()  # shortcuts go to the active window
    qtbot.waitUntil(win.isActiveWindow)
    qtbot.keyClick(win.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "Copied the project" in win.statusBar().currentMessage()
    assert stored_spans(tmp_path / "amal.db") == edited
    (tmp_path / "taken.db").write_text("someone's file", encoding="utf-8")
    chosen[0] = tmp_path / "taken.db"
    qtbot.keyClick(win.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "already exists" in win.statusBar().currentMessage()
    assert (tmp_path / "taken.db").read_text(encoding="utf-8") == "someone's file"
    chosen[0] = path  # through the File menu this time: Alt+F, then the item's mnemonic
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_C)
    qtbot.waitUntil(lambda: "nothing was written" in win.statusBar().currentMessage())
    assert stored_spans(path) == edited
