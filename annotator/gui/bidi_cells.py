"""Table cells that show a document's words in their own direction.

An item view lays every cell out in the interface's direction: in the English interface an
Arabic span's text was a left-to-right paragraph, so "تركيا تعرض طائرات في معرض IDEF 2025" showed
IDEF 2025 at the right end and "تركيا." its period on the wrong side; in the Arabic interface an
English "U.S." showed as ".U.S". The delegate lays each cell out in the direction of its first
strong character (as the document view lays out each paragraph), aligned to the column's
leading edge like every other cell. Not isolate marks in the text: they would end up in what
a user copies from the table.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from annotator.core.direction import paragraph_is_rtl


class OwnDirectionDelegate(QStyledItemDelegate):
    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        interface_rtl = option.direction == Qt.LayoutDirection.RightToLeft
        text_rtl = paragraph_is_rtl(option.text)
        if text_rtl == interface_rtl:
            return
        option.direction = Qt.LayoutDirection.RightToLeft if text_rtl else Qt.LayoutDirection.LeftToRight
        # Where the interface puts its cells' text, whatever the text's own direction.
        vertical = option.displayAlignment & Qt.AlignmentFlag.AlignVertical_Mask
        leading = Qt.AlignmentFlag.AlignRight if interface_rtl else Qt.AlignmentFlag.AlignLeft
        option.displayAlignment = Qt.AlignmentFlag.AlignAbsolute | leading | (vertical or Qt.AlignmentFlag.AlignVCenter)
