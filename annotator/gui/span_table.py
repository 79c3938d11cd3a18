"""The span table: every span of the open document, sortable; a row selects its span.

The model sorts itself (in Python, by a key per column) instead of sitting under a
QSortFilterProxyModel: the proxy asks ``data()`` for every row on each reset, ~300,000 Python
calls for a document with 20,000 spans. Edits arrive as single inserts and removals.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.core.model import Span
from annotator.core.schema import Schema
from annotator.gui.plain_message import tooltip

COLUMNS = ("layer", "label", "text", "start", "end", "attributes")


class SpanTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._spans: list[Span] = []
        self._keys: list[tuple] = []
        self._by_id: dict[str, Span] = {}
        self._text = ""
        self._colors: dict[tuple[str, str], QColor] = {}
        self._column = COLUMNS.index("start")
        self._descending = False
        self._schema: Schema | None = None
        self.language = "en"  # display names of layers, labels and attribute values

    # ------------------------------------------------------------------ content

    def set_content(self, text: str, spans: list[Span], schema: Schema | None) -> None:
        self.beginResetModel()
        self._text = text
        if schema is not None:
            self._schema = schema
            self._colors = {(l.name, b.name): QColor(b.color) for l in schema.layers for b in l.labels}
        self._spans = sorted(spans, key=self._key, reverse=self._descending)
        self._keys = [self._key(s) for s in self._spans]
        self._by_id = {s.id: s for s in self._spans}
        self.endResetModel()

    def add(self, span: Span) -> None:
        key = self._key(span)
        row = self._position(key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._spans.insert(row, span)
        self._keys.insert(row, key)
        self._by_id[span.id] = span
        self.endInsertRows()

    def remove(self, span_id: str) -> None:
        row = self.row_of(span_id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._by_id[self._spans[row].id]
        del self._spans[row]
        del self._keys[row]
        self.endRemoveRows()

    def _position(self, key: tuple) -> int:
        """Where a row with ``key`` goes: after the rows with equal keys."""
        return self._bisect(key, after_equal=True)

    def _position_left(self, key: tuple) -> int:
        """The first row whose key is ``key`` (if any)."""
        return self._bisect(key, after_equal=False)

    def _bisect(self, key: tuple, after_equal: bool) -> int:
        if not self._descending:
            return (bisect.bisect_right if after_equal else bisect.bisect_left)(self._keys, key)
        # Descending order: the first row whose key is smaller (or not larger) than `key`.
        lo, hi = 0, len(self._keys)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._keys[mid] > key or (after_equal and self._keys[mid] == key):
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _key(self, span: Span) -> tuple:
        column = COLUMNS[self._column]
        if column == "text":
            first = self._text[span.start:span.end]
        elif column == "attributes":
            first = self._attributes(span)
        else:
            first = getattr(span, column)
        return (first, span.start, span.end, span.layer, span.id)

    def span_at(self, row: int) -> Span:
        return self._spans[row]

    def row_of(self, span_id: str) -> int:
        span = self._by_id.get(span_id)
        if span is None:
            return -1
        # Rows are sorted by key: bisect to the span's key, then step over equal keys.
        key = self._key(span)
        row = self._position_left(key)
        while row < len(self._spans) and self._keys[row] == key:
            if self._spans[row].id == span_id:
                return row
            row += 1
        return next((n for n, s in enumerate(self._spans) if s.id == span_id), -1)

    # ------------------------------------------------------------------ Qt model interface

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """https://doc.qt.io/qt-6/qabstractitemmodel.html#sort"""
        self.layoutAboutToBeChanged.emit()
        self._column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._spans.sort(key=self._key, reverse=self._descending)
        self._keys = [self._key(s) for s in self._spans]
        self.layoutChanged.emit()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._spans)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return (self.tr("Layer"), self.tr("Label"), self.tr("Text"), self.tr("Start"), self.tr("End"),
                    self.tr("Attributes"))[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        span = self._spans[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "text":
                text = self._text[span.start:span.end].replace("\n", " ")
                return text if len(text) <= 80 else text[:79] + "…"
            if column == "attributes":
                return self._attributes(span)
            layer = self._schema.layer(span.layer) if self._schema is not None else None
            if column == "layer" and layer is not None:
                return layer.ar if self.language == "ar" else layer.en
            label = layer.label(span.label) if layer is not None and column == "label" else None
            if label is not None:  # the display name; the identifier is the tooltip
                return (label.ar if self.language == "ar" else label.en) or span.label
            return getattr(span, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in ("layer", "label"):
            return tooltip(getattr(span, column))
        if role == Qt.ItemDataRole.DecorationRole and column == "label":
            return self._colors.get((span.layer, span.label))
        return None

    def _attributes(self, span: Span) -> str:
        if self._schema is None:
            return ", ".join(f"{k}={v}" for k, v in span.attrs.items())
        title = self._schema.title
        return "، ".join(f"{title(k, self.language)}: {title(v, self.language)}" for k, v in span.attrs.items()) \
            if self.language == "ar" else ", ".join(f"{title(k, 'en')}: {title(v, 'en')}" for k, v in span.attrs.items())
