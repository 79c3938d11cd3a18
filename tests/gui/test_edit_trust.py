"""Edits an annotator can trust, driven with real mouse and key events: the Span panel's own
editors never crash the window, and the selection stays on the span the user last touched."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QToolButton

from annotator.core.model import Relation
from layout_checks import in_sight, layout_of, settled

DOC = "ar-01-defence-fair"


@pytest.fixture
def window(sample_window):
    return sample_window("amal")


def click_span(window, qtbot, span_id: str, layer: str):
    window.layer_combo.setCurrentIndex(window.layer_combo.findData(layer))
    window.ensure_spans_loaded()
    span = window.view.spans_by_id([span_id])[span_id]
    rect = window.view.span_rects(span.start, span.end)[0]
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    for _ in range(3):  # a click on overlapping spans cycles: click until it is ours
        if window.view.selected_span() is not None and window.view.selected_span().id == span_id:
            break
        qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert window.view.selected_span().id == span_id
    return span


def type_text(widget, text: str) -> None:
    """Type non-Latin text as key events carry it (QTest's keyClicks takes ASCII only): the
    key code of a letter of another script is its code point."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, ord(ch), Qt.KeyboardModifier.NoModifier, ch))


def stored(window, span_id):
    return window.project.span(DOC, "amal", span_id)


def test_changing_a_quote_type_in_the_panel_with_the_keyboard(window, qtbot):
    click_span(window, qtbot, "Q1", "quote")
    box = window.span_panel.editor("type")
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # direct → indirect, through the widget's own key handling
    qtbot.wait(20)
    assert stored(window, "Q1").attrs == {"type": "indirect"}
    assert window.span_panel.editor("type") is box  # updated in place, not rebuilt under the signal
    assert box.currentData() == "indirect"
    assert window.view.selected_span().id == "Q1"
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.wait(20)
    assert stored(window, "Q1").attrs == {"type": "mixed"}
    window.undo_stack.undo()
    assert stored(window, "Q1").attrs == {"type": "indirect"} and box.currentData() == "indirect"


def test_choosing_a_speaker_name_from_the_completion(window, qtbot):
    click_span(window, qtbot, "S3", "speaker")
    edit = window.span_panel.editor("name")
    edit.setFocus()
    # Offscreen windows are never active, so Qt sends no focus-in of its own; the line edit
    # connects its completer on focus-in.
    QApplication.sendEvent(edit, QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.MouseFocusReason))
    type_text(edit, "أكتو")
    popup = edit.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.wait(20)
    assert stored(window, "S3").attrs == {"name": "زكي أكتورك"}
    assert window.span_panel.editor("name") is edit and edit.text() == "زكي أكتورك"
    assert window.view.selected_span().id == "S3"


def test_a_name_typed_with_spaces_around_it_shows_as_it_is_stored(window, qtbot):
    """The store keeps a value without the white space around it; the editor shows it so once
    the typing is done, also when the value was already stored (it went on showing "  زكي ")."""
    click_span(window, qtbot, "S3", "speaker")
    edit = window.span_panel.editor("name")
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    edit.selectAll()
    type_text(edit, "  زكي ")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert stored(window, "S3").attrs == {"name": "زكي"}
    assert edit.text() == "زكي"
    qtbot.keyClick(edit, Qt.Key.Key_Home)
    type_text(edit, " ")  # the same value once stripped: nothing to store
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert stored(window, "S3").attrs == {"name": "زكي"} and edit.text() == "زكي"


def test_a_pasted_name_is_one_line_and_a_control_character_is_refused(window, qtbot):
    """A name pasted with a line break and a tab was stored with them (a brat export then wrote
    the name on two lines of its .ann); the field is one line, as a browser's is. A terminal's
    colour code pasted in is refused, with the reason, and the stored name shown again."""
    click_span(window, qtbot, "S3", "speaker")
    edit = window.span_panel.editor("name")
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    edit.selectAll()
    QApplication.clipboard().setText("زكي\r\nأكتورك\tالمتحدث\n")
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert stored(window, "S3").attrs == {"name": "زكي أكتورك المتحدث"} and edit.text() == "زكي أكتورك المتحدث"
    edit.selectAll()
    QApplication.clipboard().setText("\x1b[31mزكي")
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert stored(window, "S3").attrs == {"name": "زكي أكتورك المتحدث"} and edit.text() == "زكي أكتورك المتحدث"
    assert "U+001B" in window.statusBar().currentMessage()


def test_the_selection_stays_on_the_relabelled_span(window, qtbot):
    click_span(window, qtbot, "E3", "entity")  # إسطنبول, GPE
    window.view.setFocus()
    scroll = window.view.verticalScrollBar().value()
    qtbot.keyClick(window.view, "l")  # relabel to LOC
    assert window.view.selected_span().id == "E3" and stored(window, "E3").label == "LOC"
    qtbot.keyClick(window.view, "o")  # the next key edits the same span
    assert window.view.selected_span().id == "E3" and stored(window, "E3").label == "ORG"
    assert window.span_table.selectionModel().selectedRows()[0].row() == window.span_model.row_of("E3")
    assert window.view.verticalScrollBar().value() == scroll
    window.undo_stack.undo()
    assert window.view.selected_span().id == "E3" and stored(window, "E3").label == "LOC"
    window.undo_stack.redo()
    assert window.view.selected_span().id == "E3" and stored(window, "E3").label == "ORG"


def test_resizing_twice_resizes_the_same_span(window, qtbot):
    speaker = click_span(window, qtbot, "S2", "speaker")  # أكتورك, under the PER entity E9
    window.view.setFocus()
    # Arrows are visual; in this right-to-left paragraph Alt+Left moves the end forward.
    qtbot.keyClick(window.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.view.selected_span().id == "S2"
    assert stored(window, "S2").end == speaker.end + 2
    assert (stored(window, "E9").start, stored(window, "E9").end) == (279, 285)


def test_delete_leaves_nothing_selected_and_a_second_delete_does_nothing(window, qtbot):
    click_span(window, qtbot, "C1", "cue")
    window.view.setFocus()
    count = len(window.project.spans(DOC, "amal"))
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert window.view.selected_span() is None
    assert not window.span_table.selectionModel().selectedRows()
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert len(window.project.spans(DOC, "amal")) == count - 1
    assert {r.id for r in window.project.relations(DOC, "amal")} >= {"R1", "R4", "R5"}
    window.undo_stack.undo()
    assert window.view.selected_span().id == "C1"  # the restored span, selected again


def test_picking_a_row_in_the_spans_table_selects_that_span(window, qtbot):
    window.ensure_spans_loaded()
    row = window.span_model.row_of("E5")
    index = window.span_model.index(row, 0)
    window.span_table.scrollTo(index)
    rect = window.span_table.visualRect(index)
    qtbot.mouseClick(window.span_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.view.selected_span().id == "E5"
    assert window.span_panel.editor("type") is None  # an entity has no attributes


def arabic_layout_key(letter: str, native: bool) -> QKeyEvent:
    """The key event of a Latin letter's key while the Arabic layout is active: the text is the
    Arabic letter; with ``native`` also the platform's code of the physical key."""
    import sys

    from annotator.gui import physical_keys

    arabic = next(a for a, latin in physical_keys.ARABIC_LAYOUT.items() if latin == letter)
    scan = virtual = 0
    if native:
        if sys.platform == "darwin":
            virtual = next(c for c, l in physical_keys._MACOS.items() if l == letter)
        elif sys.platform == "win32":
            scan = next(c for c, l in physical_keys._WINDOWS.items() if l == letter)
        else:
            scan = next(c for c, l in physical_keys._XKB.items() if l == letter)
    return QKeyEvent(QEvent.Type.KeyPress, ord(arabic[0]), Qt.KeyboardModifier.NoModifier, scan, virtual, 0, arabic)


@pytest.mark.parametrize("native", [True, False], ids=["physical key code", "layout table"])
def test_label_hotkeys_work_on_the_arabic_layout(window, qtbot, native):
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("entity"))
    text = window.view.text()
    start = text.index("المعرض")
    window.view.select_cp(start, start + len("المعرض"))
    QApplication.sendEvent(window.view, arabic_layout_key("m", native))  # ة on the key of M → MISC
    added = window.view.selected_span()
    assert added is not None and (added.label, added.start) == ("MISC", start)
    QApplication.sendEvent(window.view, arabic_layout_key("l", native))  # م on L → relabel to LOC
    assert window.project.span(DOC, "amal", added.id).label == "LOC"


def test_a_labelled_span_is_tinted_by_one_rebuild_of_the_tints(window, qtbot, monkeypatch):
    """The label's key adds the span, shows it and selects it; the tints of the visible spans
    are rebuilt once for all of that (each step rebuilt them: three times per key, 4 ms of a
    key's 16 in a document of 56,000 spans), and the new span is among them when the view
    next paints. Undo takes its tint away the same way."""
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("entity"))
    window.ensure_spans_loaded()
    text = window.view.text()
    start = text.index("المعرض")
    window.view.select_cp(start, start + len("المعرض"))
    builds = []
    real = window.view.setExtraSelections
    monkeypatch.setattr(window.view, "setExtraSelections", lambda selections: builds.append(
        [(window.view._to_cp(s.cursor.selectionStart()), window.view._to_cp(s.cursor.selectionEnd()))
         for s in selections]) or real(selections))
    qtbot.keyClick(window.view, Qt.Key.Key_G)  # GPE
    added = window.view.selected_span()
    assert added is not None and (added.label, added.start, added.end) == ("GPE", start, start + len("المعرض"))
    assert len(builds) == 1 and (added.start, added.end) in builds[0]
    del builds[:]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.view.spans_by_id([added.id]) == {}
    assert builds and all((added.start, added.end) not in build for build in builds)
    assert len(builds) == 1


def test_the_span_panel_shows_each_clicked_span_whatever_was_shown_before(window, qtbot):
    """Clicking one span after another: the panel shows the one clicked, its label and offsets
    (an entity's plain rows refreshed in place, by the same widgets), a quote's type editor for
    the quote only, and an entity again without it."""
    entities = sorted((s for s in window.project.spans(DOC, "amal") if s.layer == "entity"), key=lambda s: s.start)
    first, second = entities[0], entities[1]
    panel = window.span_panel

    def labels() -> list[str]:  # the texts of the panel's labels, as laid out now
        items = (panel.layout().itemAt(k) for k in range(panel.layout().count()))
        return [item.widget().text() for item in items if isinstance(item.widget(), QLabel)]

    click_span(window, qtbot, first.id, "entity")
    assert f"({first.id})" in " ".join(labels()) and f"{first.start}–{first.end}" in labels()
    widgets = [panel.layout().itemAt(k).widget() for k in range(panel.layout().count())]
    click_span(window, qtbot, second.id, "entity")
    assert f"({second.id})" in " ".join(labels()) and f"{second.start}–{second.end}" in labels()
    assert f"({first.id})" not in " ".join(labels())
    assert [panel.layout().itemAt(k).widget() for k in range(panel.layout().count())] == widgets
    click_span(window, qtbot, "Q1", "quote")
    assert panel.editor("type") is not None and "(Q1)" in " ".join(labels())
    click_span(window, qtbot, first.id, "entity")
    assert panel.editor("type") is None and f"{first.start}–{first.end}" in labels()
    assert "(Q1)" not in " ".join(labels())


def test_selecting_a_quote_never_widens_a_span_dock_made_narrow(window, qtbot):
    """A user narrows the Span dock, then clicks a quote: the dock keeps its width, so the text
    beside it is not squeezed and reflowed under the pointer (it widened by 56 px, measured),
    and the quote's rows fit the narrow panel instead of scrolling sideways: the type box goes
    under its name, each link's words wrap beside a small remove button, which a click uses."""
    window.resizeDocks([window.attr_dock], [60], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    dock, text = window.attr_dock.width(), window.view.viewport().width()
    window.resizeDocks([window.labels_dock, window.attr_dock], [200, 600], Qt.Orientation.Vertical)  # room below
    quote = click_span(window, qtbot, "Q1", "quote")
    QApplication.processEvents()
    panel = window.span_panel
    assert panel.editor("type") is not None
    assert (window.attr_dock.width(), window.view.viewport().width()) == (dock, text)
    area = window.attr_dock.widget()
    removes = panel.findChildren(QToolButton, "remove-link")
    links = [r for r in window.view.relations() if quote.id in (r.from_id, r.to_id)]
    assert len(removes) == len(links) >= 2
    settled(qtbot, lambda: (layout_of(panel.editor("type"), *removes), area.horizontalScrollBar().maximum()))
    for widget in [panel.editor("type"), *removes]:
        assert in_sight(widget, area)
    area.ensureWidgetVisible(removes[0])
    qtbot.mouseClick(removes[0], Qt.MouseButton.LeftButton)
    assert len([r for r in window.project.relations(window.doc_id, "amal") if quote.id in (r.from_id, r.to_id)]) \
        == len(links) - 1
    click_span(window, qtbot, "E1", "entity")
    QApplication.processEvents()
    assert (window.attr_dock.width(), window.view.viewport().width()) == (dock, text)


def test_a_span_dock_made_narrow_keeps_the_width_of_the_panel_with_nothing_selected(window, qtbot):
    """The scroll area lets a narrow Span dock scroll; it does not let the dock's side shrink
    below what the panel showed with nothing selected, as the dock held before (in a small
    window that side shrank until no value showed)."""
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)  # nothing selected
    QApplication.processEvents()
    floor = window.span_panel.minimumSizeHint().width()
    window.resizeDocks([window.attr_dock], [40], Qt.Orientation.Horizontal)
    QApplication.processEvents()
    assert window.attr_dock.widget().width() >= floor > 40


def test_what_an_edit_repaints_is_what_a_whole_repaint_shows(window, qtbot):
    """After an edit the view repaints only where the change is drawn (a whole repaint redraws
    every tint on screen). After each step — a span labelled by its key, another clicked, a
    quote with links selected and left, a span deleted, undone, redone — the screen is the
    same, pixel for pixel, as the view repainted whole: nothing stale is left of an outline,
    a link or a tint."""
    from PySide6.QtGui import QGuiApplication

    flash = QApplication.cursorFlashTime()
    QApplication.setCursorFlashTime(0)  # a blinking cursor would differ between two grabs
    try:
        window.show()
        qtbot.waitExposed(window)
        view = window.view
        window.layer_combo.setCurrentIndex(window.layer_combo.findData("entity"))
        window.ensure_spans_loaded()
        painted = []

        def same_as_a_whole_repaint(step: str) -> None:
            QApplication.processEvents()
            screen = QGuiApplication.primaryScreen()
            corner = view.viewport().mapTo(window, QPoint(0, 0))
            area = (window.winId(), corner.x(), corner.y(), view.viewport().width(), view.viewport().height())
            shown = screen.grabWindow(*area).toImage()  # what is on the screen
            view.viewport().repaint()
            assert shown == screen.grabWindow(*area).toImage(), f"stale pixels after: {step}"
            painted.append(step)

        text = view.text()
        start = text.index("المعرض")
        view.select_cp(start, start + len("المعرض"))
        same_as_a_whole_repaint("a selection")
        qtbot.keyClick(view, Qt.Key.Key_G)  # GPE: added and selected
        added = view.selected_span()
        assert added is not None and added.label == "GPE"
        same_as_a_whole_repaint("a span labelled")
        click_span(window, qtbot, "E4", "entity")
        same_as_a_whole_repaint("another span clicked")
        # In the quote layer: a quote with links selected, then left (its curves and its
        # partners' outlines must go), a new quote added, deleted, the delete undone and redone.
        click_span(window, qtbot, "Q1", "quote")
        same_as_a_whole_repaint("a quote with links selected")
        first = text.index("تعرض")  # in the headline, in no quote
        view.select_cp(first, first + len("تعرض"))
        qtbot.keyClick(view, Qt.Key.Key_Q)
        quote = view.selected_span()
        assert quote is not None and quote.layer == "quote" and quote.start == first
        same_as_a_whole_repaint("a quote added: the linked quote left")
        click_span(window, qtbot, "Q1", "quote")
        same_as_a_whole_repaint("the quote with links again")
        click_span(window, qtbot, quote.id, "quote")
        same_as_a_whole_repaint("the quote with links left by a click")
        qtbot.keyClick(view, Qt.Key.Key_Delete)
        assert not view.spans_by_id([quote.id])
        same_as_a_whole_repaint("a quote deleted")
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert view.spans_by_id([quote.id])
        same_as_a_whole_repaint("the delete undone")
        qtbot.keyClick(view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # Redo
        assert not view.spans_by_id([quote.id])
        same_as_a_whole_repaint("redone")
        # A quote in the headline linked to a speaker lines below: leaving it clears the curve.
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        speaker = window.project.span(DOC, "amal", "S1")
        window.project.add_relation(Relation("", DOC, "amal", "said_by", quote.id, speaker.id))
        window.reload_spans()
        click_span(window, qtbot, quote.id, "quote")
        same_as_a_whole_repaint("a quote linked to a speaker lines below")
        click_span(window, qtbot, "Q1", "quote")
        same_as_a_whole_repaint("that quote left")
        # A span added, left, drawn as a lane under another layer, then undone: its lane goes.
        later = text.index("طائرات")
        view.select_cp(later, later + len("طائرات"))
        qtbot.keyClick(view, Qt.Key.Key_Q)
        lane = view.selected_span()
        assert lane is not None and lane.start == later
        click_span(window, qtbot, "Q1", "quote")
        window.layer_combo.setCurrentIndex(window.layer_combo.findData("entity"))
        same_as_a_whole_repaint("the quote layer drawn as lanes")
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert not view.spans_by_id([lane.id])
        same_as_a_whole_repaint("a lane's span undone")
        assert len(painted) == 14
        # Tab from span to span in a short window: the view scrolls to each, nothing stale.
        window.resize(window.width(), 420)
        click_span(window, qtbot, "E1", "entity")
        scrolled = set()
        for _ in range(12):
            qtbot.keyClick(view, Qt.Key.Key_Tab)
            scrolled.add(view.verticalScrollBar().value())
            same_as_a_whole_repaint(f"Tab to {view.selected_span().id}")
        assert len(scrolled) > 1  # it did scroll
    finally:
        QApplication.setCursorFlashTime(flash)



def test_a_link_whose_partner_reads_like_markup_shows_its_words(window, qtbot):
    """A speaker's words are shown as they are in the Span panel's link rows, never as HTML."""
    from PySide6.QtWidgets import QLabel

    from annotator.core.model import Relation, Span

    panel = window.span_panel
    quote = Span("Q9", "d", "amal", "quote", "QUOTE", 0, 5, {})
    relation = Relation("R9", "d", "amal", "said_by", "Q9", "S9")
    shown = "said by → <b>Bold</b> & <i>co</i>"
    panel.show_span(quote, label_title="QUOTE", links=[(relation, shown)])
    link = next(label for label in panel.findChildren(QLabel) if "Bold" in label.text())
    assert link.text() == shown and link.textFormat() == Qt.TextFormat.PlainText


def test_a_document_id_that_looks_like_markup_is_shown_as_written(qtbot, settings, tmp_path, bundled_fonts):
    """Ids come from other people's files: the status bar shows "<i>x</i>" as those characters,
    not an italic x."""
    from annotator.core.model import AnnotatedDocument, Document
    from annotator.gui.main_window import MainWindow
    from annotator.store.bulk import import_records
    from annotator.store.project import Project

    doc_id = "<i>x</i>"
    with Project.create(tmp_path / "odd.db") as project:
        import_records(project, [AnnotatedDocument(Document(doc_id, "نص قصير.", {}), "amal", "new", [], [])])
    win = MainWindow(settings, annotator="amal", interactive=False)
    qtbot.addWidget(win)
    win.open_project(tmp_path / "odd.db")
    win.open_document(doc_id)
    label = win.status_doc
    assert doc_id in label.text()
    # Laid out as characters: as wide as the text itself (as markup it is one italic letter).
    assert label.sizeHint().width() >= label.fontMetrics().horizontalAdvance(label.text())
    win.close()
