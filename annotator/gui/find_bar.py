"""The find bar under the document: Arabic-aware matching (harakat, tatweel and letter
variants ignored by default), Enter/Shift+Enter to step, Escape to close and go back to the
text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from annotator.core.search import find_all


class FindBar(QWidget):
    matchChosen = Signal(int, int)  # start, end in code points
    closed = Signal()

    def __init__(self, text: Callable[[], str], parent: QWidget | None = None):
        super().__init__(parent)
        self._text = text
        self.matches: list[tuple[int, int]] = []
        self.index = -1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Find in document"))
        self.edit.textChanged.connect(self.run)
        self.edit.returnPressed.connect(lambda: self.step(1))
        self.ignore_marks = QCheckBox(self.tr("Ignore harakat and tatweel"), self)
        self.ignore_marks.setChecked(True)
        self.letter_variants = QCheckBox(self.tr("أ إ آ = ا, ى = ي"), self)
        self.letter_variants.setToolTip(self.tr("Treat the alef forms as alef and alef maqsura as ya"))
        self.letter_variants.setChecked(True)
        self.ta_marbuta = QCheckBox(self.tr("ة = ه"), self)
        self.ta_marbuta.setToolTip(self.tr("Treat ta marbuta as ha"))
        self.result = QLabel(self)
        previous_button = QPushButton(self.tr("Previous"), self)
        previous_button.clicked.connect(lambda: self.step(-1))
        next_button = QPushButton(self.tr("Next"), self)
        next_button.clicked.connect(lambda: self.step(1))
        close_button = QPushButton(self.tr("Close"), self)
        close_button.clicked.connect(self.close_bar)
        for box in (self.ignore_marks, self.letter_variants, self.ta_marbuta):
            box.toggled.connect(self.run)
        for widget in (self.edit, self.ignore_marks, self.letter_variants, self.ta_marbuta, self.result,
                       previous_button, next_button, close_button):
            layout.addWidget(widget)

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        else:
            super().keyPressEvent(event)

    def run(self) -> None:
        query = self.edit.text()
        self.matches = find_all(self._text(), query, ignore_marks=self.ignore_marks.isChecked(),
                                letter_variants=self.letter_variants.isChecked(),
                                ta_marbuta=self.ta_marbuta.isChecked())
        self.index = -1
        self.result.setText(self.tr("{0} found").format(len(self.matches)) if query else "")

    def step(self, step: int) -> None:
        if not self.matches:
            return
        self.index = (self.index + step) % len(self.matches)
        self.matchChosen.emit(*self.matches[self.index])
        self.result.setText(self.tr("{0} of {1}").format(self.index + 1, len(self.matches)))
