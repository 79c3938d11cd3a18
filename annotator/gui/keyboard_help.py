"""Help ▸ Keyboard: one row per key, the key in a cell of its own.

Written as running text, the Arabic translation mixed right-to-left sentences with
"Ctrl+Z / Ctrl+Shift+Z" and the bidi algorithm scattered the key names across the line. In a
table every key is a cell of its own; a mirrored table still lays a cell out right to left, so
each key is a bidi isolate that reads left to right ("Alt+←/→" showed as "→/←+Alt").
"""

from __future__ import annotations

import unicodedata

from PySide6.QtWidgets import QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QTableWidget, \
    QTableWidgetItem, QVBoxLayout, QWidget

from annotator.core.direction import isolated


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


class KeyboardHelp(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard"))
        rows = [
            (self.tr("select, then a label's key"), self.tr("Label the selection in the active layer (whole words)")),
            (self.tr("Alt + select"), self.tr("Keep part of a word (sub-word span), punctuation included")),
            (self.tr("click a span"), self.tr("Select it; click again to cycle through overlapping spans")),
            (self.tr("a label's key"), self.tr("Relabel the selected span")),
            ("Tab / Shift+Tab", self.tr("Next / previous span of the active layer")),
            ("Delete", self.tr("Remove the selected span and its links")),
            ("Alt+←/→", self.tr("Move the end of the selected span by a letter (arrows are visual)")),
            ("Alt+Shift+←/→", self.tr("Move the start of the selected span by a letter")),
            ("Alt+Ctrl+←/→", self.tr("Move the edge by a word")),
            ("Ctrl+L", self.tr("Link the selected span: then click its partner, or Tab and Enter")),
            ("Ctrl+Return", self.tr("Mark the document done and open the next one")),
            ("Ctrl+F", self.tr("Find (harakat, tatweel and letter variants ignored by default)")),
            ("Escape", self.tr("Close the find bar; clear the selection")),
            ("Ctrl+Z / Ctrl+Shift+Z", self.tr("Undo / redo")),
        ]
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("Action")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, (key, action) in enumerate(rows):
            # A key sequence alone reads left to right; a translated description ("Alt مع
            # التحديد") keeps the interface's direction.
            self.table.setItem(row, 0, QTableWidgetItem(key if _has_rtl(key) else isolated(key)))
            self.table.setItem(row, 1, QTableWidgetItem(action))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 480)
