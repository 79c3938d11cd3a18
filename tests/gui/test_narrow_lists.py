"""The document list in a narrow dock: each row fits its width, the id keeps its start and its
end, the status keeps the trailing edge, and nothing scrolls sideways (in the Arabic
interface one "id — status" string used to run off the list's left edge under a scroll bar)."""

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QToolTip

from annotator.gui.document_list import DocumentList, row_layout
from layout_checks import in_sight, layout_of, settled

LONG_ID = "mixed-01-web-summit-and-more-words"


def test_a_row_that_fits_shows_the_whole_id_at_the_leading_edge_and_the_status_at_the_trailing(qapp):
    metrics = QFontMetrics(QFont("DejaVu Sans", 10))
    rect = QRect(10, 0, 600, 20)
    for right_to_left in (False, True):
        shown_id, id_rect, status, status_rect = row_layout(rect, metrics, "ar-07-parliament", "done", right_to_left)
        assert shown_id == "ar-07-parliament" and status == "done"
        assert rect.contains(id_rect) and rect.contains(status_rect)
        assert not id_rect.intersects(status_rect)
        if right_to_left:
            assert id_rect.right() == rect.right() and status_rect.left() == rect.left()
        else:
            assert id_rect.left() == rect.left() and status_rect.right() == rect.right()


def test_a_narrow_row_cuts_the_id_in_its_middle_and_then_gives_up_the_status(qapp):
    metrics = QFontMetrics(QFont("DejaVu Sans", 10))
    whole = metrics.horizontalAdvance(LONG_ID)
    rect = QRect(0, 0, whole // 2 + metrics.horizontalAdvance("in progress"), 20)
    shown_id, id_rect, status, _status_rect = row_layout(rect, metrics, LONG_ID, "in progress", True)
    assert status == "in progress"
    assert "…" in shown_id and shown_id.startswith("mixed") and shown_id.endswith("words")
    assert metrics.horizontalAdvance(shown_id) <= id_rect.width()
    tiny = QRect(0, 0, metrics.horizontalAdvance("in progress") + 10, 20)
    shown_id, id_rect, status, status_rect = row_layout(tiny, metrics, LONG_ID, "in progress", True)
    assert status == "" and status_rect.isEmpty() and id_rect == tiny  # the id matters more
    assert shown_id.startswith("m") and metrics.horizontalAdvance(shown_id) <= tiny.width()


def _ink_columns(image, rect: QRect, background: QColor) -> list[int]:
    """The x of every column of ``rect`` with a pixel that is not the background."""
    return [x for x in range(rect.left(), rect.right() + 1)
            if any(QColor(image.pixel(x, y)) != background for y in range(rect.top(), rect.bottom() + 1))]


@pytest.mark.parametrize("direction", [Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight])
def test_a_narrow_list_paints_every_row_inside_itself_and_opens_what_is_clicked(qtbot, bundled_fonts, direction):
    doc_list = DocumentList()
    qtbot.addWidget(doc_list)
    doc_list.setLayoutDirection(direction)
    doc_list.setFont(QFont("DejaVu Sans", 10))
    rows = [("ar-01-defence-fair", "منتهٍ", 900), (LONG_ID, "قيد العمل", 1200)]
    doc_list.set_rows(rows, None)
    doc_list.resize(150, 120)
    doc_list.show()
    qtbot.waitExposed(doc_list)
    assert not doc_list.horizontalScrollBar().isVisible()  # nothing to scroll to sideways
    image = doc_list.viewport().grab().toImage()
    background = QColor(image.pixel(doc_list.viewport().width() // 2, doc_list.viewport().height() - 2))
    long_row = doc_list.visualRect(doc_list.list_model.index(1, 0))
    ink = _ink_columns(image, long_row, background)
    # The id at the leading edge, the status at the trailing one, neither cut by the list's edges.
    assert long_row.width() == doc_list.viewport().width()
    assert ink and ink[0] > long_row.left() and ink[-1] < long_row.right()
    assert ink[-1] > long_row.right() - 8 and ink[0] < long_row.left() + 8
    # The whole id is a hover away.
    qtbot.mouseMove(doc_list.viewport(), long_row.center())
    assert LONG_ID in doc_list.list_model.data(doc_list.list_model.index(1, 0), Qt.ItemDataRole.ToolTipRole).split("\n")
    chosen = []
    doc_list.documentChosen.connect(chosen.append)
    qtbot.mouseClick(doc_list.viewport(), Qt.MouseButton.LeftButton, pos=long_row.center())
    assert chosen == [LONG_ID]
    QToolTip.hideText()
    assert doc_list.indexAt(QPoint(long_row.left() + 2, long_row.center().y())).row() == 1


def test_in_the_arabic_interface_a_narrow_labels_dock_wraps_long_names_and_a_double_click_applies_one(
        arabic_window, qtbot):
    window = arabic_window
    window.resizeDocks([window.labels_dock], [130], Qt.Orientation.Horizontal)  # narrower than its names
    labels = window.label_list
    qtbot.waitUntil(lambda: labels.viewport().width() < 200)
    assert not labels.horizontalScrollBar().isVisible()
    rows = [labels.visualItemRect(labels.item(n)) for n in range(labels.count())]
    width = labels.viewport().width()
    assert all(row.left() >= 0 and row.right() < width for row in rows)  # every row inside the list
    gpe = next(n for n in range(labels.count()) if labels.item(n).data(Qt.ItemDataRole.UserRole) == "GPE")
    assert rows[gpe].height() > min(row.height() for row in rows)  # "كيان جغرافي سياسي" wrapped
    labels.scrollToItem(labels.item(gpe))
    rows[gpe] = labels.visualItemRect(labels.item(gpe))
    text = window.view.text()
    at = text.index("طائرات مسيّرة جديدة في معرض IDEF", 60)  # the body's, which nobody marked
    window.view.select_cp(at, at + len("طائرات"))
    # A double click as the system delivers it: a click, then the double-click event.
    qtbot.mouseClick(labels.viewport(), Qt.MouseButton.LeftButton, pos=rows[gpe].center())
    qtbot.mouseDClick(labels.viewport(), Qt.MouseButton.LeftButton, pos=rows[gpe].center())
    window.ensure_spans_loaded()
    assert [(s.label, s.layer) for s in window.view.spans() if (s.start, s.end) == (at, at + len("طائرات"))] == \
        [("GPE", "entity")]


def test_in_the_arabic_interface_the_narrowest_span_dock_shows_a_quote_without_scrolling_sideways(
        arabic_window, qtbot):
    """"لا مقطع محدد" (no span selected) is narrower than a value box: the dock's floor is the
    width at which any span's rows fit, so a quote's type box does not scroll out of sight."""
    window = arabic_window
    window.resizeDocks([window.attr_dock], [40], Qt.Orientation.Horizontal)  # as narrow as it goes
    window.resizeDocks([window.labels_dock, window.attr_dock], [200, 600], Qt.Orientation.Vertical)
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("quote"))
    window.ensure_spans_loaded()
    quote = window.view.spans_by_id(["Q1"])["Q1"]
    rect = window.view.span_rects(quote.start, quote.end)[-1]
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert window.view.selected_span().id == "Q1"
    box = window.span_panel.editor("type")
    area = window.attr_dock.widget()
    settled(qtbot, lambda: (layout_of(box), area.horizontalScrollBar().maximum()))
    assert in_sight(box, area)


def test_in_the_arabic_interface_a_narrow_differences_dock_shows_who_marked_each_item(arabic_window, qtbot):
    """The curator decides by who marked what: in the Differences dock as first laid out that
    column is in sight at the leading edge, not past the dock's far edge."""
    window = arabic_window
    window.adjudicate_action.trigger()
    qtbot.waitUntil(lambda: window.differences.table.rowCount() > 0, timeout=3000)
    table = window.differences.table
    header = [table.horizontalHeaderItem(k).text() for k in range(table.columnCount())]
    who = header.index(window.differences.tr("Marked by"))
    settled(qtbot, lambda: (table.visualRect(table.model().index(0, who)).getRect(), table.viewport().width()))
    for row in range(min(3, table.rowCount())):
        cell = table.visualRect(table.model().index(row, who))
        assert 0 <= cell.left() and cell.right() <= table.viewport().width()
        assert table.item(row, who).text()
        assert table.item(row, who).text() in table.item(row, 2).toolTip()  # the text's cell
        # The offsets first: a tooltip whose first line holds a tag (a name, a word) is markup.
        assert table.item(row, 2).toolTip().split("\n")[0] == table.item(row, 3).text()


def test_a_document_id_that_looks_like_markup_is_written_as_it_is_in_its_tooltip(qapp):
    """Qt takes a tooltip whose first line holds a tag for markup: the id is on the second."""
    from PySide6.QtGui import Qt as TextQt

    from annotator.gui.document_list import DocumentListModel

    model = DocumentListModel()
    model.set_rows([("<i>x</i>", "done", 12)])
    tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "<i>x</i>" in tip.split("\n") and not TextQt.mightBeRichText(tip)
