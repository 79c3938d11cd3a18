"""Table cells lay out a document's words in their own direction, aligned like the column."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from annotator.core.direction import paragraph_is_rtl


def cell_layout(table, row: int, column: int) -> tuple[str, Qt.LayoutDirection, Qt.AlignmentFlag]:
    index = table.model().index(row, column)
    option = QStyleOptionViewItem()
    option.initFrom(table)  # the view's direction, font and palette, as when it paints
    table.itemDelegateForIndex(index).initStyleOption(option, index)
    horizontal = option.displayAlignment & Qt.AlignmentFlag.AlignHorizontal_Mask
    return option.text, option.direction, horizontal


@pytest.mark.parametrize("language, doc_id", [("en", "ar-01-defence-fair"), ("ar", "en-01-solar"),
                                              ("ar", "mixed-01-web-summit"), ("en", "mixed-01-web-summit")])
def test_the_spans_and_quotes_tables_lay_out_each_text_in_its_own_direction(window_in, qtbot, language, doc_id):
    """An Arabic headline in the English interface is a right-to-left line ("IDEF 2025" at its
    left end, not its right), an English quote in the Arabic interface a left-to-right one; each
    cell still starts at the column's leading edge."""
    window = window_in(language)
    window.open_document(doc_id)
    window.ensure_spans_loaded()
    interface_rtl = language == "ar"
    leading = Qt.AlignmentFlag.AlignRight if interface_rtl else Qt.AlignmentFlag.AlignLeft
    crossed = 0  # cells whose text runs against the interface
    for table, columns in ((window.span_table, (2,)), (window.quotes_table, (0, 2, 3))):
        for row in range(table.model().rowCount()):
            for column in columns:
                text, direction, horizontal = cell_layout(table, row, column)
                if not text:
                    continue
                rtl = paragraph_is_rtl(text)
                assert direction == (Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight), text
                if rtl != interface_rtl:  # laid out the other way, still at the column's leading edge
                    assert horizontal & leading, text
                    crossed += 1
    assert crossed
