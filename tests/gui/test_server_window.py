"""The window on a project on a PostgreSQL server, driven as an annotator does: opened by File ▸
Open URL…, spans added with the mouse and a key under the annotator's own role, another
annotator's work arriving without a click, a dropped connection shown and recovered."""

from __future__ import annotations

import itertools
import json
import os

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from annotator.core.model import Document, Span
from annotator.store.project import Project, ProjectError

TEXT = "قال المتحدث باسم الشركة زكي أكتورك إن الشركة تلقت طلبات من 12 دولة في أفريقيا وآسيا"
_roles = itertools.count()


@pytest.fixture
def team_urls(postgres_cluster):
    n = f"w{os.getpid()}_{next(_roles)}"
    lead, team, amina, omar = (f"{who}_{n}" for who in ("lead", "team", "amina", "omar"))
    postgres_cluster.create_role(lead)
    postgres_cluster.create_role(team, "NOLOGIN")
    for role in (amina, omar):
        postgres_cluster.create_role(role, f"LOGIN IN ROLE {team}")
    database = postgres_cluster.new_database(owner=lead)
    with Project.create(postgres_cluster.url(database, lead)) as project:
        project.grant_team(team)
        project.add_documents([Document("d", TEXT), Document("e", "زار الرئيس تركيا")])
    return {who: postgres_cluster.url(database, role) for who, role in (("lead", lead), ("amina", amina),
                                                                         ("omar", omar))}


@pytest.fixture
def window(qtbot, settings, bundled_fonts):
    from annotator.gui.main_window import MainWindow

    win = MainWindow(settings, annotator="someone", interactive=True)
    qtbot.addWidget(win)
    win.resize(1100, 700)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def _answer_next_dialog(qtbot, text: str) -> None:
    """Type ``text`` into the input dialog about to open, and press Enter (as a person would)."""
    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        edit = dialog.findChild(QLineEdit)
        edit.selectAll()
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    QTimer.singleShot(200, answer)


def _choose_open_url(window, qtbot, url: str) -> None:
    """File ▸ Open URL… by its mnemonics, the URL typed into the dialog."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    _answer_next_dialog(qtbot, url)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_U)


def _open_by_menu(window, qtbot, url: str) -> None:
    _choose_open_url(window, qtbot, url)
    qtbot.waitUntil(lambda: window.project is not None, timeout=5000)


def _drag_over(window, start: int, end: int) -> None:
    view = window.view
    points = [view.span_rects(start, start + 1)[0].center(), view.span_rects(end - 1, end)[0].center()]
    held = Qt.MouseButton.LeftButton
    for kind, point, buttons in ((QEvent.Type.MouseButtonPress, points[0], held),
                                 (QEvent.Type.MouseMove, points[1], held),
                                 (QEvent.Type.MouseButtonRelease, points[1], Qt.MouseButton.NoButton)):
        button = held if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
        global_point = view.viewport().mapToGlobal(point.toPoint())
        QApplication.sendEvent(view.viewport(), QMouseEvent(kind, QPointF(point), QPointF(global_point), button,
                                                            buttons, Qt.KeyboardModifier.NoModifier))


def test_an_annotator_works_on_the_server_under_their_role(window, qtbot, team_urls):
    _open_by_menu(window, qtbot, team_urls["amina"])
    amina = window.project.user
    assert window.annotator == amina  # not "someone": the server lets her write only as herself
    assert "postgresql://" in window.windowTitle()
    window.doc_search.setFocus()
    qtbot.keyClicks(window.doc_search, "12")  # in d's text: found by the server's search
    qtbot.waitUntil(lambda: window.doc_list.ids() == ["d"], timeout=3000)
    window.doc_search.clear()
    window.open_document("d")
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("entity"))
    start = TEXT.index("زكي")
    _drag_over(window, start, start + len("زكي أكتورك"))
    qtbot.keyClick(window.view, Qt.Key.Key_P)
    with Project.open(team_urls["lead"]) as lead:
        assert [(s.annotator, s.label, s.start, s.end) for s in lead.spans("d")] == \
            [(amina, "PER", start, start + len("زكي أكتورك"))]
    # Another annotator's work reaches the open window by itself (the project is open, not blind).
    with Project.open(team_urls["omar"]) as omar:
        omar.add_span(Span("", "d", omar.user, "entity", "ORG", TEXT.index("الشركة"),
                           TEXT.index("الشركة") + len("الشركة")))
        omar_name = omar.user
    qtbot.waitUntil(lambda: omar_name in window.project.annotators() and
                    "Another annotator changed" in window.statusBar().currentMessage(), timeout=5000)
    # (How soon: benchmarks/bench_server.py measures it; a timed test would fail on a busy machine.)


def test_the_start_page_opens_a_team_project_by_its_url(window, qtbot, team_urls):
    from PySide6.QtWidgets import QPushButton

    _answer_next_dialog(qtbot, team_urls["omar"])
    qtbot.mouseClick(window.welcome.findChild(QPushButton, "welcome-url"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.project is not None, timeout=5000)
    assert window.annotator == window.project.user and window.doc_list.ids() == ["d", "e"]
    assert not window.status_blind.isVisible()  # an open project
    with Project.open(team_urls["lead"]) as lead:
        lead.set_blind(True)
    window.open_project(team_urls["omar"])
    assert window.status_blind.isVisible() and "both marked it done" in window.status_blind.toolTip()


def test_a_dropped_connection_is_shown_and_the_window_carries_on(window, qtbot, team_urls, postgres_cluster):
    window.open_project(team_urls["amina"])
    window.open_document("d")
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("entity"))
    window.interactive = False  # a refusal would go to the status bar and last_error, not a dialog
    postgres_cluster.admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           f"WHERE usename = '{window.project.user}'")
    start = TEXT.index("طلبات")
    _drag_over(window, start, start + len("طلبات"))
    qtbot.keyClick(window.view, Qt.Key.Key_L)  # the window reads first: it reconnects, then writes
    assert window.last_error == ""
    with Project.open(team_urls["lead"]) as lead:
        assert [s.label for s in lead.spans("d")] == ["LOC"]
    # A write on a connection dropped since the last read is refused, and said.
    postgres_cluster.admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                           f"WHERE usename = '{window.project.user}'")
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert "lost the connection" in window.last_error
    assert [s.label for s in window.project.spans("d")] == ["LOC"]  # still there, and readable again
    # While the server is away, the status bar says so; when it is back, the note goes.
    from annotator.store import server

    real_connect = server._ServerConnection._connect

    def server_down(self):
        raise ProjectError("cannot connect to the server: connection refused")
    server._ServerConnection._connect = server_down
    try:
        postgres_cluster.admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                               f"WHERE usename = '{window.project.user}'")
        qtbot.waitUntil(lambda: window.status_connection.isVisible(), timeout=3000)
        assert "reconnecting" in window.status_connection.text()
    finally:
        server._ServerConnection._connect = real_connect
    qtbot.waitUntil(lambda: not window.status_connection.isVisible(), timeout=3000)
    assert "again" in window.statusBar().currentMessage()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert window.last_error == "" and window.project.spans("d") == []


def test_a_server_out_of_reach_is_said_and_the_window_stays_as_it_was(window, qtbot):
    from PySide6.QtWidgets import QMessageBox

    seen = []

    def read_and_close_warning():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            qtbot.keyClick(box, Qt.Key.Key_Return)
        else:
            QTimer.singleShot(100, read_and_close_warning)
    QTimer.singleShot(600, read_and_close_warning)
    _choose_open_url(window, qtbot, "postgresql://amal:s3cret@/news?host=/nonexistent")
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "cannot connect" in seen[0] and "s3cret" not in seen[0]
    assert window.project is None and QApplication.overrideCursor() is None
    assert "Connecting" not in window.statusBar().currentMessage()



def test_an_annotator_labels_while_the_lead_imports(window, qtbot, team_urls):
    """The lead imports a batch of new documents; amina's window goes on saving meanwhile (an
    import held the whole project, and her save waited 10 s, then was refused)."""
    import threading

    from annotator.core.model import AnnotatedDocument
    from annotator.store import bulk

    window.open_project(team_urls["amina"])
    window.project.busy_timeout = 2
    window.interactive = False  # a refusal would go to last_error, not a dialog
    window.open_document("d")
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("entity"))
    paused, resume, outcome = threading.Event(), threading.Event(), []

    def records():
        yield from (AnnotatedDocument(Document(f"n{k}", f"نص {k}")) for k in range(bulk.BATCH_RECORDS + 1))
        paused.set()
        resume.wait(30)

    def run():
        with Project.open(team_urls["lead"]) as lead:
            outcome.append(bulk.import_records(lead, records()))

    importing = threading.Thread(target=run)
    importing.start()
    try:
        assert paused.wait(30)
        start = TEXT.index("أفريقيا")
        _drag_over(window, start, start + len("أفريقيا"))
        qtbot.keyClick(window.view, Qt.Key.Key_L)
        assert window.last_error == ""
        assert [(s.label, s.start) for s in window.project.spans("d")] == [("LOC", start)]
    finally:
        resume.set()
        importing.join(30)
    assert outcome and outcome[0].documents_added == bulk.BATCH_RECORDS + 1


def test_the_agreement_view_on_a_server_reads_ahead_on_a_connection_of_its_own(window, qtbot, team_urls,
                                                                              monkeypatch):
    """Team ▸ Agreement on a server project of several runs of documents: the runs are read
    ahead on a connection of the reading's own (the window's stays free for its polls), and the
    view shows the report as the command computes it."""
    from annotator.store import server
    from annotator.team.agreement import AgreementOptions, compute

    monkeypatch.setattr(server, "RANGE_DOCUMENTS", 2)  # several runs: the reading goes ahead
    with Project.open(team_urls["lead"]) as lead:
        lead.add_documents([Document(f"x{k}", f"{TEXT} {k}") for k in range(5)])
        for doc_id in ("d", "e", "x0", "x1", "x2", "x3", "x4"):
            for name, end in (("amal", 3), ("karim", 3 if doc_id != "x2" else 7)):
                lead.add_span(Span("", doc_id, name, "entity", "PER", 0, end))
        report = compute(lead, AgreementOptions(only_done=False))
        expected = report["layers"]["entity"]["pairs"]["amal|karim"]["f1_exact"]["value"]
    read_ahead = []  # (the connection read on, the runs it read)
    real = server._asked_ahead
    monkeypatch.setattr(server, "_asked_ahead", lambda conn, items, *how: read_ahead.append((conn, list(items)))
                        or real(conn, items, *how))
    _open_by_menu(window, qtbot, team_urls["lead"])
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # Team ▸ Agreement…
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_A)
    qtbot.waitUntil(lambda: getattr(window, "agreement_dialog", None) is not None, timeout=5000)
    dialog = window.agreement_dialog
    assert dialog.summary.text().startswith("Nothing to compare")  # none marked done yet
    qtbot.mouseClick(dialog.all_docs, Qt.MouseButton.LeftButton, pos=dialog.all_docs.rect().center())
    assert dialog.all_docs.isChecked() and dialog.summary.text().startswith("7 documents")
    dialog.measure.setCurrentIndex(dialog.measure.findData("f1_exact"))
    assert dialog.matrix.item(0, 1).text() == f"{expected:.3f}"
    assert read_ahead and all(len(runs) > 1 and conn is not window.project.db.conn for conn, runs in read_ahead)
    assert all(conn.raw.closed for conn, _ in read_ahead)


def test_the_lead_imports_into_the_server_from_the_window_read_by_a_second_process_on_one_core(
        window, qtbot, team_urls, tmp_path, monkeypatch):
    """An import into a server waits for it at each batch it writes: the window has its input
    read by a second process (started afresh) meanwhile, also where it has one core; the
    documents and spans arrive as a reading in the window's process brings them."""
    import json
    import multiprocessing

    from annotator.store import reading_worker

    text = "قال المتحدث باسم الشركة إن المعرض يفتح أبوابه غداً في إسطنبول. "
    source = tmp_path / "many.jsonl"
    source.write_text("".join(json.dumps({"id": f"many{n:04d}", "text": text, "annotator": "amal",
                                          "spans": [{"start": 0, "end": 3, "layer": "entity", "label": "PER"}]},
                                         ensure_ascii=False) + "\n" for n in range(300)), encoding="utf-8")
    started = []
    real_context = multiprocessing.get_context
    monkeypatch.setattr(reading_worker.multiprocessing, "get_context",
                        lambda method=None: started.append(method) or real_context(method))
    monkeypatch.setattr(reading_worker, "WORKER_FROM_BYTES", 0)
    monkeypatch.setattr(reading_worker, "usable_cores", lambda: 1)
    from PySide6.QtWidgets import QFileDialog

    _open_by_menu(window, qtbot, team_urls["lead"])  # File ▸ Open URL…
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(source)], ""))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)  # File ▸ Import files…
    qtbot.waitUntil(lambda: "Imported 300 new document" in window.statusBar().currentMessage(), timeout=15000)
    assert started == ["spawn"]
    qtbot.waitUntil(lambda: "many0299" in window.doc_list.ids(), timeout=3000)  # listed in the window
    with Project.open(team_urls["lead"], readonly=True) as project:
        spans = project.db.execute("SELECT count(*) FROM spans WHERE doc_id LIKE 'many%'").fetchone()[0]
        assert spans == 300 and len([d for d in project.document_ids() if d.startswith("many")]) == 300


def test_the_lead_exports_a_server_project_of_one_moment_while_an_annotator_saves(window, qtbot, team_urls,
                                                                                  tmp_path, monkeypatch):
    """File ▸ Export JSONL (Ctrl+E) on a server project of several runs of documents: the export
    reads ahead on a connection of its own, in one read transaction, so a span another annotator
    saves meanwhile is in no record of it; the window's own connection stays free, and hears
    that save once the export is over."""
    from PySide6.QtWidgets import QFileDialog

    from annotator.store import server

    monkeypatch.setattr(server, "RANGE_DOCUMENTS", 2)  # several runs: the reading goes ahead
    with Project.open(team_urls["lead"]) as lead:
        lead.add_documents([Document(f"x{k}", f"{TEXT} {k}") for k in range(5)])
        before = list(lead.iter_export())
    _open_by_menu(window, qtbot, team_urls["lead"])
    omar = Project.open(team_urls["omar"])
    saved = []
    real = server._asked_ahead

    def asked_ahead(conn, items, queries_of, made_of):
        def made(item, *rows):
            if not saved:  # the first run is read: Omar saves a span in the last document
                saved.append(omar.add_span(Span("", "x4", omar.user, "entity", "PER", 0, 3)))
            yield from made_of(item, *rows)
        yield from real(conn, items, queries_of, made)

    monkeypatch.setattr(server, "_asked_ahead", asked_ahead)
    out = tmp_path / "out.jsonl"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(out), ""))
    try:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # File ▸ Export JSONL…
        qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(), timeout=10000)
        assert saved
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert records == before  # the moment the export began: Omar's span is not in it
        qtbot.waitUntil(lambda: "Another annotator changed" in window.statusBar().currentMessage(), timeout=5000)
        assert [s.annotator for s in window.project.spans("x4")] == [omar.user]
    finally:
        omar.close()


def test_on_a_server_an_annotator_cannot_switch_to_another_name(window, qtbot, team_urls):
    """An annotator works as the role they connect with: a switched name was taken and every
    edit then refused by the server."""
    from switch_annotator import switch_annotator

    window.open_project(team_urls["amina"])
    window.open_document("d")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    amina = window.project.user
    warnings = switch_annotator(window, qtbot, "omar")
    assert len(warnings) == 1 and "On this server you work as" in warnings[0] and amina in warnings[0]
    assert window.annotator == amina
    window.interactive = False  # a refusal would go to last_error, not a dialog
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("entity"))
    start = TEXT.index("أفريقيا")
    _drag_over(window, start, start + len("أفريقيا"))
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    assert window.last_error == ""
    assert [(s.annotator, s.start) for s in window.project.spans("d")] == [(amina, start)]
