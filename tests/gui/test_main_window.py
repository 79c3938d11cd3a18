"""The workbench window: marking with hotkeys, undo/redo, persistence, external changes, the
mirrored Arabic UI."""

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import Span
from annotator.gui.app import install_translation
from annotator.gui.main_window import MainWindow
from annotator.sample import create_sample_project
from annotator.store.project import Project
from progress_clicks import cancel_when_shown


@pytest.fixture
def sample(tmp_path):
    return create_sample_project(tmp_path / "sample.db")


@pytest.fixture
def window(qtbot, settings, sample, bundled_fonts):
    win = MainWindow(settings, annotator="tester", interactive=False)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.open_project(sample)
    win.open_document("ar-01-defence-fair")
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def select_word(window, word, occurrence=1):
    text = window.view.text()
    at = -1
    for _ in range(occurrence):
        at = text.index(word, at + 1)
    window.view.select_cp(at, at + len(word))
    return at


def spans(window):
    window.ensure_spans_loaded()
    return [(s.label, window.view.text()[s.start:s.end]) for s in window.view.spans()]


def test_label_hotkey_creates_a_span_that_is_committed_at_once(window, qtbot, sample):
    select_word(window, "إسطنبول")
    qtbot.keyClick(window.view, "g")
    assert spans(window) == [("GPE", "إسطنبول")]
    with Project.open(sample, readonly=True) as other:  # another connection sees it now
        (stored,) = other.spans("ar-01-defence-fair", "tester")
        assert (stored.label, stored.layer) == ("GPE", "entity")


def test_sub_word_selection_is_widened_to_the_word_unless_alt(window, qtbot):
    text = window.view.text()
    host = text.index("لتركيا")
    window.view.select_cp(host + 1, host + 6)
    qtbot.keyClick(window.view, "g")
    assert spans(window) == [("GPE", "لتركيا")]
    window.undo_stack.undo()
    window.view.select_cp(host + 1, host + 6)
    qtbot.keyClick(window.view, "g", Qt.KeyboardModifier.AltModifier)
    assert spans(window) == [("GPE", "تركيا")]


def test_every_edit_undoes_and_redoes(window, qtbot):
    select_word(window, "أكتورك")
    qtbot.keyClick(window.view, "p")
    (span,) = window.view.spans()
    window.select_span(span.id)
    qtbot.keyClick(window.view, "o")  # relabel
    assert spans(window) == [("ORG", "أكتورك")]
    qtbot.keyClick(window.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier)
    assert spans(window)[0][1] == "أكتورك للصحفيين"  # RTL paragraph: Left grows the end by a word
    window.select_span(span.id)
    window.set_attribute("unused", "")  # no change, no command
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert spans(window) == []
    window.set_status("done")
    assert window.project.status("ar-01-defence-fair", "tester") == "done"
    stack = window.undo_stack
    assert stack.count() == 5
    history = []
    for _ in range(5):
        stack.undo()
        history.append(spans(window))
    # Undone in reverse: status, delete, resize, relabel, add.
    assert history == [[], [("ORG", "أكتورك للصحفيين")], [("ORG", "أكتورك")], [("PER", "أكتورك")], []]
    # The first edit made the document "in progress" (not an undo step of its own).
    assert window.project.status("ar-01-defence-fair", "tester") == "in progress"
    for _ in range(5):
        stack.redo()
    assert spans(window) == [] and window.project.status("ar-01-defence-fair", "tester") == "done"


def test_refused_edit_is_reported_and_not_stacked(window, qtbot):
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("quote"))
    select_word(window, "صمّمنا هذه")
    qtbot.keyClick(window.view, "q")
    select_word(window, "هذه الطائرات")
    qtbot.keyClick(window.view, "q")  # overlaps the first quote: quotes may not overlap
    assert "overlap" in window.last_error
    assert window.undo_stack.count() == 1


def test_persistence_after_reopening(window, qtbot, settings, sample):
    select_word(window, "أفريقيا")
    qtbot.keyClick(window.view, "l")
    window.close()
    again = MainWindow(settings, annotator="tester", interactive=False)
    qtbot.addWidget(again)
    again.open_project(sample)
    again.open_document("ar-01-defence-fair")
    assert spans(again) == [("LOC", "أفريقيا")]
    again.close()


def test_tab_moves_between_spans_and_table_follows(window, qtbot):
    window.set_annotator("amal")
    entity_ids = [s.id for s in window.view.spans() if s.layer == "entity"]
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    assert window.view.selected_span().id == entity_ids[1]
    row = window.span_table.selectionModel().selectedRows()[0]
    assert window.span_model.data(row) == "Entity"  # the layer's display name
    qtbot.keyClick(window.view, Qt.Key.Key_Backtab)
    assert window.view.selected_span().id == entity_ids[0]


def test_mark_done_opens_the_next_unfinished_document(window):
    window.mark_done_and_next()
    assert window.doc_id == "ar-02-budget"
    assert window.project.status("ar-01-defence-fair", "tester") == "done"


def type_text(widget, text: str) -> None:
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, ord(ch), Qt.KeyboardModifier.NoModifier, ch))


def test_find_ignores_harakat_and_tatweel(window, qtbot):
    window.open_document("ar-04-football")
    window.show_find_bar()
    type_text(window.find_bar.edit, "قدموا")  # the text has قدّموا with a shadda
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    text = window.view.text()
    assert text[slice(*window.view.selection_cp())] == "قدّموا"
    window.find_bar.ignore_marks.setChecked(False)
    assert window.find_bar.result.text() == "0 found"
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Escape)  # closes the bar, back to the text
    assert not window.find_bar.isVisible()


def test_find_folds_arabic_letter_variants(window, qtbot):
    text = window.view.text()
    assert "إسطنبول" in text
    window.show_find_bar()
    type_text(window.find_bar.edit, "اسطنبول")  # written without the hamza
    assert window.find_bar.result.text().startswith("2 ")
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    assert text[slice(*window.view.selection_cp())] == "إسطنبول"
    window.find_bar.letter_variants.setChecked(False)
    assert window.find_bar.result.text() == "0 found"


def test_changes_by_another_process_are_noticed(window, sample):
    with Project.open(sample) as other:
        other.set_status("ar-01-defence-fair", "tester", "in progress")
        from annotator.core.model import Span

        other.add_span(Span("", "ar-01-defence-fair", "tester", "entity", "GPE", 0, 5, {}))
    window.check_external_changes()
    assert spans(window) == [("GPE", "تركيا")]
    assert "in progress" in window.doc_list.text_at(window.doc_list.currentRow())


def test_document_filters(window, qtbot):
    window.status_filter.setCurrentIndex(window.status_filter.findData("done"))
    assert window.doc_list.count() == 0  # tester has finished nothing
    window.status_filter.setCurrentIndex(0)
    window.doc_search.setFocus()
    qtbot.keyClicks(window.doc_search, "IDEF")  # in a text, not in a name: found by the background search
    qtbot.waitUntil(lambda: window.doc_list.ids() == ["ar-01-defence-fair"], timeout=3000)
    window.doc_search.clear()
    qtbot.keyClicks(window.doc_search, "budget")  # in a name: shown at once
    assert window.doc_list.ids() == ["ar-02-budget"]
    rect = window.doc_list.visualRect(window.doc_list.list_model.index(0, 0))
    qtbot.mouseClick(window.doc_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.doc_id == "ar-02-budget"


def test_the_window_indexes_texts_while_idle_and_searches_new_documents_at_once(window, qtbot, sample):
    from annotator.core.model import Document
    from annotator.store.text_index import indexed_up_to, supported

    if not supported():
        pytest.skip("this SQLite has no FTS5 trigram tokenizer")
    conn = window.project.db.conn
    last = lambda: conn.execute("SELECT max(rowid) FROM document_texts").fetchone()[0]  # noqa: E731
    qtbot.waitUntil(lambda: not window.search_indexer.running, timeout=5000)
    assert indexed_up_to(conn) == last()  # every text indexed, without anyone asking
    with Project.open(sample) as other:  # another program adds a document after that
        other.add_documents([Document("zz-new", "خبر جديد عن مهرجان الربيع في الرباط", {})])
    window.doc_search.setFocus()
    type_text(window.doc_search, "مهرجان الربيع")  # not indexed yet: found by scanning
    qtbot.waitUntil(lambda: window.doc_list.ids() == ["zz-new"], timeout=3000)
    window.check_external_changes()  # the poll notices the change: the indexer takes the new text
    qtbot.waitUntil(lambda: indexed_up_to(conn) == last(), timeout=5000)
    window.doc_search.clear()
    qtbot.keyClicks(window.doc_search, "IDEF")
    qtbot.waitUntil(lambda: window.doc_list.ids() == ["ar-01-defence-fair"], timeout=3000)
    added = sample.parent / "added.jsonl"  # imported in the window: indexed after the import
    added.write_text('{"id": "zz-imported", "text": "موسم قطف الزيتون في جنين"}\n', encoding="utf-8")
    window.import_paths([added])
    qtbot.waitUntil(lambda: indexed_up_to(conn) == last(), timeout=5000)


def test_import_reports_file_and_line(window, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "text": "نص", "spans": [{"start": 0, "end": 9, "label": "PER"}]}\n', encoding="utf-8")
    message = window.import_paths([bad])
    assert f"{bad}:1" in message and "0 ≤ start < end" in message
    good = tmp_path / "new.txt"
    good.write_text("نص جديد", encoding="utf-8")
    assert "Imported 1 new document" in window.import_paths([good])


def test_arabic_ui_is_mirrored_and_translated(qtbot, settings, sample, bundled_fonts):
    app = QApplication.instance()
    translators = install_translation(app, "ar")
    try:
        win = MainWindow(settings, annotator="tester", interactive=False)
        qtbot.addWidget(win)
        win.resize(1200, 800)
        win.open_project(sample)
        win.show()
        qtbot.waitExposed(win)
        assert win.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert win.menuBar().actions()[0].text() == "ملف(&F)"
        assert win.dockWidgetArea(win.docs_dock) == Qt.DockWidgetArea.RightDockWidgetArea
        # Mirrored: the document list sits right of the text.
        assert win.docs_dock.geometry().left() > win.centralWidget().geometry().right()
        assert win.layer_combo.currentText() == "كيان"
        win.close()
    finally:
        for translator in translators:
            app.removeTranslator(translator)
        install_translation(app, "en")


def test_attribute_editor_sets_allowed_values_and_free_text(window, qtbot):
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("quote"))
    select_word(window, "صمّمنا هذه الطائرات")
    qtbot.keyClick(window.view, "q")
    (quote,) = window.view.spans()
    box = window.span_panel.editor("type")
    box.setCurrentIndex(box.findData("direct"))
    assert window.project.span("ar-01-defence-fair", "tester", quote.id).attrs == {"type": "direct"}
    window.undo_stack.undo()
    assert window.project.span("ar-01-defence-fair", "tester", quote.id).attrs == {}
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("speaker"))
    select_word(window, "زكي أكتورك")
    qtbot.keyClick(window.view, "s")
    speaker = next(s for s in window.view.spans() if s.layer == "speaker")
    edit = window.span_panel.editor("name")
    edit.setText("زكي أكتورك")
    edit.editingFinished.emit()
    assert window.project.span("ar-01-defence-fair", "tester", speaker.id).attrs == {"name": "زكي أكتورك"}


def test_keyboard_selection_then_label(window, qtbot):
    text = window.view.text()
    start = text.index("إسطنبول")
    window.view.select_cp(start + 2, start + 2)
    # In a right-to-left paragraph Shift+Left extends forward in the text.
    for _ in range(3):
        qtbot.keyClick(window.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    assert window.view.selection_cp() == (start + 2, start + 5)
    qtbot.keyClick(window.view, "g")
    assert spans(window) == [("GPE", "إسطنبول")]  # widened to the whole word


def test_first_start_offers_the_sample_recent_projects_and_open(qtbot, settings, sample, bundled_fonts, monkeypatch,
                                                                tmp_path):
    from PySide6.QtWidgets import QPushButton

    settings.setValue("recent", [str(sample)])
    win = MainWindow(settings, annotator="tester", interactive=False)
    qtbot.addWidget(win)
    win.show()
    assert win.pages.currentWidget() is win.welcome
    assert win.welcome.recent.count() == 1
    monkeypatch.setattr("annotator.sample.default_sample_location", lambda: tmp_path / "demo" / "sample.db")
    qtbot.mouseClick(win.welcome.findChild(QPushButton, "welcome-sample"), Qt.MouseButton.LeftButton)
    assert win.project is not None and win.project.path == tmp_path / "demo" / "sample.db"
    assert win.pages.currentWidget() is win.document_page
    win.close_project()
    assert win.pages.currentWidget() is win.welcome
    assert win.welcome.recent.count() == 2  # the sample just opened, then the older one
    item = win.welcome.recent.item(1)
    qtbot.mouseClick(win.welcome.recent.viewport(), Qt.MouseButton.LeftButton,
                     pos=win.welcome.recent.visualItemRect(item).center())
    assert win.project is not None and win.project.path == sample


def test_a_document_is_in_progress_after_its_first_edit(window, qtbot):
    assert window.project.stored_status("ar-01-defence-fair", "tester") is None
    select_word(window, "إسطنبول")
    qtbot.keyClick(window.view, "g")
    assert window.project.status("ar-01-defence-fair", "tester") == "in progress"


def test_window_import_shows_what_was_not_carried(window, tmp_path):
    source = tmp_path / "answers.jsonl"
    source.write_text('{"id": "x", "text": "نص قصير", "annotator": "a", "spans": ['
                      '{"id": "T1", "start": 0, "end": 2, "label": "PER"}, {"id": "T2", "start": 0, "end": 2, '
                      '"label": "PER"}]}\n', encoding="utf-8")
    message = window.import_paths([source])
    assert "Left out or changed (1)" in message and "identical duplicate" in message


def _many_records(path, count):
    text = "قال المتحدث باسم الشركة إن المعرض يفتح أبوابه غداً في إسطنبول. " * 20
    path.write_text("".join(json.dumps({"id": f"many{n:05d}", "text": text, "annotator": "amal",
                                        "spans": [{"start": 0, "end": 3, "layer": "entity", "label": "PER"}]},
                                       ensure_ascii=False) + "\n" for n in range(count)), encoding="utf-8")
    return path


def test_a_long_import_shows_its_progress_and_cancel_keeps_nothing(window, qtbot, tmp_path, monkeypatch):
    """An import that takes a while shows a progress dialog (the window keeps repainting);
    clicking its Cancel stops the import and keeps nothing of it."""
    from PySide6.QtWidgets import QProgressDialog

    source = _many_records(tmp_path / "many.jsonl", 3000)
    before = window.project.document_ids()
    seen = cancel_when_shown(window, qtbot, monkeypatch)
    message = window.import_paths([source])
    assert "cancelled" in message and "nothing was imported" in message
    assert seen and seen[0][0] == 3000 and 0 < seen[0][1] < 3000  # counted lines, part way
    assert window.project.document_ids() == before
    assert not any(d.isVisible() for d in window.findChildren(QProgressDialog))
    # Not cancelled, the same import goes through.
    assert "Imported 3000 new document" in window.import_paths([source])
    assert len(window.project.document_ids()) == len(before) + 3000


def test_a_long_export_can_be_cancelled_and_leaves_no_file(window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QProgressDialog

    assert "Imported 3000 new document" in window.import_paths([_many_records(tmp_path / "many.jsonl", 3000)])
    out = tmp_path / "exports" / "out.jsonl"
    out.parent.mkdir()
    seen = cancel_when_shown(window, qtbot, monkeypatch)
    message = window.export_to(out)
    assert "cancelled" in message and seen and 0 < seen[0][1] < seen[0][0] == window.project.document_count()
    assert list(out.parent.iterdir()) == []  # no export, no partial file
    assert not any(d.isVisible() for d in window.findChildren(QProgressDialog))
    assert "Exported" in window.export_to(out)
    assert len(out.read_text(encoding="utf-8").splitlines()) >= window.project.document_count()


def test_a_large_import_in_the_window_is_read_by_a_second_process_started_afresh(window, qtbot, tmp_path,
                                                                                monkeypatch):
    """As `annotator import` does, the window has a large file read and checked by a second
    process, started by spawn (forking a process that runs Qt's threads is unsafe); the
    project is the one a reading in the window's process makes, and Cancel ends the reader."""
    import multiprocessing

    from annotator.store import reading_worker

    source = _many_records(tmp_path / "many.jsonl", 3000)
    started = []
    real_context = multiprocessing.get_context

    def recording(method=None):
        started.append(method)
        return real_context(method)
    monkeypatch.setattr(reading_worker.multiprocessing, "get_context", recording)
    monkeypatch.setattr(reading_worker, "WORKER_FROM_BYTES", 0)
    seen = cancel_when_shown(window, qtbot, monkeypatch)
    assert "nothing was imported" in window.import_paths([source])
    assert seen and started == ["spawn"]
    qtbot.waitUntil(lambda: not multiprocessing.active_children(), timeout=5000)  # the reader ended
    monkeypatch.undo()
    monkeypatch.setattr(reading_worker.multiprocessing, "get_context", recording)
    monkeypatch.setattr(reading_worker, "WORKER_FROM_BYTES", 0)
    before = window.project.document_ids()
    assert "Imported 3000 new document" in window.import_paths([source])
    assert started == ["spawn", "spawn"]
    from annotator.formats.registry import readers
    from annotator.store.bulk import import_records

    read_here = Project.create(tmp_path / "here.db")
    try:
        import_records(read_here, readers("jsonl", "*")([source], read_here.schema, "imported"))
        assert [r for r in window.project.iter_export() if r["id"] not in before] == list(read_here.iter_export())
    finally:
        read_here.close()


def choose_text_direction(window, qtbot, direction: str) -> None:
    """View ▸ Text direction ▸ ``direction``, by the menus' mnemonics and a click, as a person
    does."""
    from PySide6.QtWidgets import QMenu

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_D)  # Text &direction
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu)
                    and QApplication.activePopupWidget().title().replace("&", "") == "Text direction")
    menu = QApplication.activePopupWidget()
    choice = menu.actionGeometry(window.direction_actions[direction]).center()
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=choice)


def test_a_documents_text_direction_chosen_from_the_view_menu_is_kept(sample_window, qtbot):
    """View ▸ Text direction ▸ Left to right, by the menus' mnemonic and a click, as a person
    does; the choice is the document's, kept in the project (on a server too, where it waits
    only for that document's writers)."""
    window = sample_window("amal")
    choose_text_direction(window, qtbot, "ltr")
    assert window.project.get_setting(f"direction/{window.doc_id}") == "ltr"
    assert window.direction_actions["ltr"].isChecked() and window.view.direction() == "ltr"


def test_a_new_text_direction_keeps_the_links_suggestions_outlines_and_selection(sample_window, qtbot):
    """Changing the direction lays the text out again; what is drawn on it stays: the links
    (gone until the document was opened again), the suggestions, the other annotator's dashed
    outlines, and the selected span, which the panel and the Spans table go on showing."""
    window = sample_window("amal")
    window.ensure_spans_loaded()
    window.set_compare_with("karim")
    text = window.view.text()
    word = text.rstrip(".\n ").rsplit(" ", 1)[-1]
    at = text.rindex(word)  # a model's suggestion on the last word
    window.project.add_suggestions(window.doc_id, [Span("m1", window.doc_id, "model", "entity", "ORG", at,
                                                        at + len(word), {})], [], "model")
    window.reload_spans()
    quote = window.view.spans_by_id(["Q1"])["Q1"]
    rect = window.view.span_rects(quote.start, quote.end)[0]
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert window.view.selected_span().id == "Q1"
    shown = (window.view.relations(), window.view.suggestions(), window.view.comparison())
    assert all(shown)
    choose_text_direction(window, qtbot, "rtl")
    assert window.view.direction() == "rtl"
    assert (window.view.relations(), window.view.suggestions(), window.view.comparison()) == shown
    assert window.view.selected_span().id == "Q1"
    assert [index.row() for index in window.span_table.selectionModel().selectedRows()] == \
        [window.span_model.row_of("Q1")]


def test_a_project_file_given_as_a_string_opens(qtbot, settings, tmp_path, bundled_fonts):
    window = MainWindow(settings, annotator="amal", interactive=False)
    qtbot.addWidget(window)
    window.open_project(str(create_sample_project(tmp_path / "sample.db")))  # not a Path
    assert window.project is not None and window.windowTitle().endswith("sample.db")


def test_an_export_through_a_symbolic_link_keeps_the_link(window, tmp_path):
    (tmp_path / "v1.jsonl").write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.jsonl"
    link.symlink_to("v1.jsonl")
    assert "Exported" in window.export_to(link)
    assert link.is_symlink() and (tmp_path / "v1.jsonl").read_text(encoding="utf-8").startswith('{"id"')


def test_a_language_chosen_from_the_view_menu_is_the_next_starts(window, qtbot, settings):
    """View ▸ Language ▸ العربية by the menus' mnemonics and a click; the choice is saved for the
    next start, said in the status bar (a window with nobody to answer a box opened one anyway,
    and waited)."""
    from PySide6.QtWidgets import QMenu

    from annotator.gui.app import ui_language

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_L)  # &Language
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu)
                    and QApplication.activePopupWidget().title().replace("&", "") == "Language")
    menu = QApplication.activePopupWidget()
    arabic = next(action for action in menu.actions() if action.text() == "العربية")
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(arabic).center())
    qtbot.waitUntil(lambda: "next start" in window.statusBar().currentMessage())
    assert ui_language(settings) == "ar" and QApplication.activeModalWidget() is None


def test_opening_a_document_after_a_long_paragraph_is_clicked_without_an_error(window, qtbot):
    """While the view's document is replaced, Qt repaints with positions of the text it still
    holds; read against the new text, the end of the old first paragraph fell inside a flag's
    surrogate pair, and the repaint raised ("falls inside a surrogate pair") as the document
    list's row was clicked."""
    from annotator.core.model import AnnotatedDocument, Document
    from annotator.store.bulk import import_records

    paragraph = "قال أحمد إن الوفد وصل أمس " * 300  # one block taller than the view
    first = paragraph + "\nنص"
    second = "ب" * (len(paragraph) - 1) + "🇸🇦 أمس."  # the old paragraph's end: inside 🇸
    import_records(window.project, [AnnotatedDocument(Document("long-1", first, {})),
                                    AnnotatedDocument(Document("long-2", second, {}))])
    window.refresh_documents()
    window.open_document("long-1")
    qtbot.wait(50)
    rect = window.doc_list.visualRect(window.doc_list.list_model.index(window.doc_list.row_of("long-2"), 0))
    qtbot.mouseClick(window.doc_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.wait(50)
    assert window.doc_id == "long-2" and window.view.document().toPlainText() == second


def test_the_window_imports_a_doccano_export(window, tmp_path):
    """The window has no --format: a doccano export was refused for unknown keys."""
    source = tmp_path / "admin.jsonl"
    source.write_text('{"id": 41, "text": "زار أحمد القاهرة", "label": [[4, 8, "PER"], [9, 16, "GPE"]]}\n',
                      encoding="utf-8")
    message = window.import_paths([source])
    assert "Imported 1 new document(s) and 2 span(s)" in message


def test_the_window_imports_several_doccano_users_files_each_as_its_user(window, tmp_path):
    """doccano exports each user's work as USER.jsonl with no user in the records: chosen
    together in the window they were all the window's annotator's, refused as their work twice."""
    for user, labels in (("admin", [[4, 8, "PER"]]), ("amal", [[4, 8, "PER"], [9, 16, "GPE"]])):
        (tmp_path / f"{user}.jsonl").write_text(json.dumps({"id": 41, "text": "زار أحمد القاهرة", "label": labels},
                                                           ensure_ascii=False) + "\n", encoding="utf-8")
    message = window.import_paths([tmp_path / "admin.jsonl", tmp_path / "amal.jsonl"])
    assert "Imported 1 new document(s) and 3 span(s)" in message
    assert {s.annotator for s in window.project.spans("41")} == {"admin", "amal"}


def test_a_document_opens_and_takes_a_span_without_its_meta_being_read(window, qtbot, sample, monkeypatch):
    """A column file's document keeps every token's offsets and columns in its meta (a million
    tokens: 32-88 MB of JSON, 1.6 s and 300 MB to read): opening it from the list, marking a
    word and the table need only its text and spans."""
    import json

    with Project.open(sample) as project:  # a meta no JSON reader takes: reading it fails loudly
        project.db.execute("UPDATE documents SET meta = ? WHERE id = 'ar-02-budget'", ['{"conll": [[0, 3'])
    monkeypatch.setattr(json, "loads", lambda *a, **k: pytest.fail("the document's meta was read"))
    window.doc_search.setFocus()
    qtbot.keyClicks(window.doc_search, "budget")
    rect = window.doc_list.visualRect(window.doc_list.list_model.index(0, 0))
    qtbot.mouseClick(window.doc_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.doc_id == "ar-02-budget"
    monkeypatch.undo()  # (spans and settings are JSON too)
    word = next(w for w in window.view.text().split()[1:] if w.isalpha())
    select_word(window, word)
    qtbot.keyClick(window.view, "o")
    assert ("ORG", word) in spans(window)
    assert window.span_model.rowCount() == len(window.view.spans())
