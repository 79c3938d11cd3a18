"""A steady page and display names: selecting a linked span moves no text, link names are
written beside the text (never over it) and, like attribute names and values, in the
interface's language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from annotator.gui.app import install_translation
from annotator.gui.main_window import MainWindow
from annotator.sample import create_sample_project

DOC = "ar-01-defence-fair"


@pytest.fixture(params=["en", "ar"])
def window(request, qtbot, settings, tmp_path, bundled_fonts):
    app = QApplication.instance()
    translators = install_translation(app, request.param)
    win = MainWindow(settings, annotator="amal", interactive=False)
    qtbot.addWidget(win)
    win.resize(1366, 768)  # a common laptop screen
    win.open_project(create_sample_project(tmp_path / "sample.db"))
    win.open_document(DOC)
    win.show()
    qtbot.waitExposed(win)
    win.ensure_spans_loaded()
    yield win
    win.close()
    for translator in translators:
        app.removeTranslator(translator)
    install_translation(app, "en")


def click(qtbot, win, span_id):
    span = win.view.spans_by_id([span_id])[span_id]
    point = win.view.span_rects(span.start, span.end)[0].center().toPoint()
    for _ in range(4):
        qtbot.mouseClick(win.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        if win.view.selected_span() is not None and win.view.selected_span().id == span_id:
            return
    raise AssertionError(f"could not click {span_id}")


def test_selecting_a_linked_span_moves_no_text(window, qtbot):
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("quote"))
    width = window.view.viewport().width()
    first = window.view.character_at(QPointF(window.view.viewport().width() / 2, 10))
    scroll = window.view.verticalScrollBar().value()
    click(qtbot, window, "Q1")  # linked to a speaker and a cue; the Span panel lists both links
    qtbot.wait(20)
    assert window.view.viewport().width() == width
    assert window.view.verticalScrollBar().value() == scroll
    assert window.view.character_at(QPointF(window.view.viewport().width() / 2, 10)) == first


def test_link_names_are_beside_the_text_in_the_interface_language(window, qtbot):
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("quote"))
    click(qtbot, window, "Q1")
    qtbot.waitUntil(lambda: len(window.view.link_tags()) == 2, timeout=2000)  # drawn with the next paint
    names = sorted(title for _y, title, _color in window.view.link_tags())
    arabic = window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert names == (sorted(["قاله", "بفعل القول"]) if arabic else ["cued by", "said by"])
    gutter = window.view._gutter.geometry()
    viewport = window.view.viewport().geometry()
    assert not gutter.intersects(viewport)  # the names never cover text
    # A click where there is no span: nothing selected, and the gutter names no link any more.
    free = window.view.text().index("كشفت")  # a word in no span
    assert not [s for s in window.view.spans() if s.layer != "segment" and s.start < free + 4 and free < s.end]
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.view.span_rects(free, free + 4)[0].center().toPoint())
    assert window.view.selected_span() is None
    qtbot.waitUntil(lambda: window.view.link_tags() == [], timeout=2000)


def test_attribute_names_and_values_are_display_names(window, qtbot):
    arabic = window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("quote"))
    click(qtbot, window, "Q1")
    box = window.span_panel.editor("type")
    assert box.currentText() == ("مباشر" if arabic else "direct") and box.currentData() == "direct"
    field_label = window.span_panel.layout().labelForField(box)
    assert field_label.text() == ("نوع الاقتباس" if arabic else "Quote type")
    row = next(r for r in range(window.quotes_table.rowCount()) if window.quotes_table.item(r, 1).text())
    assert window.quotes_table.item(row, 1).text() in (("مباشر", "غير مباشر") if arabic else ("direct", "indirect"))
    table_row = window.span_model.row_of("Q1")
    assert window.span_model.data(window.span_model.index(table_row, 0)) == ("اقتباس" if arabic else "Quote")
    entity_row = window.span_model.row_of("E3")
    assert window.span_model.data(window.span_model.index(entity_row, 1)) == (
        "كيان جغرافي سياسي" if arabic else "Geo-political entity")  # the label's display name, not GPE


def test_keyboard_help_keeps_each_key_readable_and_dialogs_follow_the_language(window):
    from PySide6.QtWidgets import QFileDialog

    window.show_keyboard_help()
    table = window.keyboard_help.table
    shown = [table.item(row, 0).text() for row in range(table.rowCount())]
    keys = [text.strip("\u2068\u2069") for text in shown]
    assert "Ctrl+Z / Ctrl+Shift+Z" in keys and "Ctrl+Return" in keys  # a cell of its own
    arabic = window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # Read left to right also where the table lays its cells out right to left: without the
    # isolate "Alt+←/→" showed as "→/←+Alt".
    from PySide6.QtGui import QTextLayout, QTextOption

    import unicodedata

    def key_alone(text: str) -> bool:  # a key sequence, not a translated description
        return not any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)

    for text in filter(key_alone, shown):
        layout = QTextLayout(text, table.font())
        option = QTextOption()
        option.setTextDirection(table.layoutDirection())
        layout.setTextOption(option)
        layout.beginLayout()
        line = layout.createLine()
        line.setLineWidth(2000)
        layout.endLayout()
        inside = range(text.index(text.strip("\u2068\u2069")) + 1, len(text.rstrip("\u2069")))
        xs = [line.cursorToX(k)[0] for k in inside]
        assert xs == sorted(xs), text
    assert all(table.item(row, 1).text() for row in range(table.rowCount()))
    if arabic:
        assert table.item(keys.index("Ctrl+Z / Ctrl+Shift+Z"), 1).text() == "تراجع / إعادة"
    window.keyboard_help.close()
    # Qt's own (translated, mirrored) file dialog with the Arabic interface.
    native_off = bool(window._dialog_options() & QFileDialog.Option.DontUseNativeDialog)
    assert native_off == arabic


@pytest.mark.parametrize("size", [(1366, 768), (1280, 720)])
def test_on_a_laptop_screen_the_document_keeps_most_of_the_window(qtbot, tmp_path, bundled_fonts, size):
    from PySide6.QtCore import QSettings

    fresh = QSettings(str(tmp_path / "first-start.ini"), QSettings.Format.IniFormat)  # no saved layout
    win = MainWindow(fresh, annotator="amal", interactive=False)
    qtbot.addWidget(win)
    win.resize(*size)
    win.open_project(create_sample_project(tmp_path / "sample.db"))
    win.open_document(DOC)
    win.show()
    qtbot.waitExposed(win)
    win._default_layout()  # as on a first start at this size
    QApplication.processEvents()
    view = win.view.geometry()
    assert view.width() >= 0.5 * size[0] and view.height() >= 0.5 * size[1]
    assert win.table_dock in win.tabifiedDockWidgets(win.quotes_dock)
    win.adjudicate_action.trigger()
    qtbot.wait(50)
    table = win.differences.table
    assert win.differences_dock.isVisible()
    assert table.viewport().height() >= 5 * table.verticalHeader().defaultSectionSize()
    win.close()
