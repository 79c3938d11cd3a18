"""The text, the Span panel and the Spans table agree on the selected span, in the mirrored Arabic
interface as in the English one."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor


@pytest.mark.parametrize("doc_id", ["ar-01-defence-fair", "ar-04-football"])
def test_a_span_clicked_in_the_text_is_the_selected_row_of_the_spans_table(arabic_window, qtbot, doc_id):
    """Clicking a span selects its row in the Spans table, shown in the selection's colour (in
    the mirrored table QTableView.selectRow selected nothing)."""
    window = arabic_window
    window.open_document(doc_id)
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("quote"))
    window.ensure_spans_loaded()
    quote = window.view.spans_by_id(["Q1"])["Q1"]
    rect = window.view.span_rects(quote.start, quote.end)[0]
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert window.view.selected_span().id == "Q1"
    table, row = window.span_table, window.span_model.row_of("Q1")
    assert [index.row() for index in table.selectionModel().selectedRows()] == [row]
    qtbot.wait(50)
    image = table.viewport().grab().toImage()

    def background(at: int) -> QColor:  # a pixel of the row's last column, off its text
        cell = table.visualRect(window.span_model.index(at, window.span_model.columnCount() - 1))
        return QColor(image.pixel(cell.center().x(), cell.top() + 2))

    palette = table.palette()
    highlights = [palette.color(group, palette.ColorRole.Highlight)
                  for group in (palette.ColorGroup.Active, palette.ColorGroup.Inactive)]
    assert background(row) in highlights
    other = next(k for k in range(window.span_model.rowCount()) if k != row
                 and table.visualRect(window.span_model.index(k, 0)).intersects(table.viewport().rect()))
    assert background(other) not in highlights
    # Tab to the next span: its row follows.
    qtbot.keyClick(window.view, Qt.Key.Key_Tab)
    following = window.span_model.row_of(window.view.selected_span().id)
    assert [index.row() for index in table.selectionModel().selectedRows()] == [following]


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_row_half_in_sight_clicked_in_the_spans_table_is_the_span_selected_everywhere(window_in, qtbot, language):
    """A click on the Spans table's last, half-shown row selects that span in the text, the
    panel and the table alike (the table scrolled between press and release, and the release
    selected the row below: the table showed another span than the text)."""
    window = window_in(language)
    window.ensure_spans_loaded()
    table, model = window.span_table, window.span_model
    height = table.viewport().height()
    row = next(k for k in range(model.rowCount())
               if table.visualRect(model.index(k, 0)).bottom() >= height > table.visualRect(model.index(k, 0)).top())
    cell = table.visualRect(model.index(row, 2))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    chosen = window.view.selected_span()
    assert chosen is not None and model.row_of(chosen.id) == row
    assert [index.row() for index in table.selectionModel().selectedRows()] == [row]
    assert f"({chosen.id})" in window.span_panel._label.text()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_quotes_table_follows_the_selected_quote(window_in, qtbot, language):
    """Clicking a quote in the text selects its row in the Quotes table; a span that is no quote
    leaves no row selected; a row clicked there selects its quote."""
    window = window_in(language)
    window.ensure_spans_loaded()
    quotes = window.quotes_table
    ids = [quote.id for quote in window._quote_rows]
    assert len(ids) >= 2
    window.quotes_dock.raise_()
    for quote_id in reversed(ids):
        window.layer_combo.setCurrentIndex(window.layer_combo.findData("quote"))
        quote = window.view.spans_by_id([quote_id])[quote_id]
        rect = window.view.span_rects(quote.start, quote.end)[0]
        qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
        assert window.view.selected_span().id == quote_id
        assert [index.row() for index in quotes.selectionModel().selectedRows()] == [ids.index(quote_id)]
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("entity"))
    entity = next(span for span in window.view.spans() if span.layer == "entity")
    rect = window.view.span_rects(entity.start, entity.end)[0]
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert window.view.selected_span().layer == "entity"
    assert quotes.selectionModel().selectedRows() == []
    cell = quotes.visualItemRect(quotes.item(1, 0))
    qtbot.mouseClick(quotes.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    assert window.view.selected_span().id == ids[1]
    assert [index.row() for index in quotes.selectionModel().selectedRows()] == [1]
