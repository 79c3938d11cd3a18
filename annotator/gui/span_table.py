"""The span table: every span of the open document, sortable; a row selects its span."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.core.model import Span
from annotator.core.schema import Schema


class SpanTableModel(QAbstractTableModel):
    COLUMNS = ("layer", "label", "text", "start", "end", "attributes")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._spans: list[Span] = []
        self._text = ""
        self._colors: dict[tuple[str, str], QColor] = {}

    def set_content(self, text: str, spans: list[Span], schema: Schema | None) -> None:
        self.beginResetModel()
        self._text = text
        self._spans = sorted(spans, key=lambda s: (s.start, s.end))
        if schema is not None:
            self._colors = {(l.name, b.name): QColor(b.color) for l in schema.layers for b in l.labels}
        self.endResetModel()

    def span_at(self, row: int) -> Span:
        return self._spans[row]

    def row_of(self, span_id: str) -> int:
        return next((n for n, s in enumerate(self._spans) if s.id == span_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        """https://doc.qt.io/qt-6/qabstractitemmodel.html#rowCount"""
        return 0 if parent.isValid() else len(self._spans)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (self.tr("Layer"), self.tr("Label"), self.tr("Text"), self.tr("Start"), self.tr("End"),
                    self.tr("Attributes"))[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        span = self._spans[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "text":
                text = self._text[span.start:span.end].replace("\n", " ")
                return text if len(text) <= 80 else text[:79] + "…"
            if column == "attributes":
                return ", ".join(f"{k}={v}" for k, v in span.attrs.items())
            return getattr(span, column)
        if role == Qt.ItemDataRole.UserRole:  # sort key: numbers as numbers
            return getattr(span, column) if column in ("start", "end") else self.data(index)
        if role == Qt.ItemDataRole.DecorationRole and column == "label":
            return self._colors.get((span.layer, span.label))
        return None
