"""The document list: a model/view list that stays fast at 100,000 documents.

A QListWidget made one item object per document on every keystroke in the filter (0.7–2 s at
20,000). Here the rows are plain tuples behind a QAbstractListModel, matching ids is a
substring test in Python, and matching the texts runs in a background thread with its own
read-only connection (SQLite's WAL lets it read while the window writes), so typing never
waits for a scan of every text: the id matches show at once, the text matches join them when
the search is done, and a newer keystroke makes an older search's answer moot. The texts are
looked up in SQLite's full-text index, which :class:`SearchIndexer` brings up to date in short
slices while the window is idle (documents it has not reached yet are scanned).
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from PySide6.QtCore import (QModelIndex, QObject, QPersistentModelIndex, QRect, QRectF, QSize, QStringListModel, Qt,
                            QTimer, Signal)
from PySide6.QtGui import QFontMetrics, QPainter, QPalette, QTextOption
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QListView, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem, QWidget)

from annotator.core.direction import paragraph_is_rtl
from annotator.store.location import is_server_url
from annotator.store.project import Project, ProjectError
from annotator.store.text_index import documents_containing, index_some


class DocumentListModel(QStringListModel):
    """The shown rows. A C++ string list underneath: the view asks for the row count on every
    layout, 200,000 times for 100,000 rows, which a Python ``rowCount`` made 0.1 s a keystroke."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.rows: list[tuple[str, str, int]] = []  # (document id, shown status, length)

    def set_rows(self, rows: list[tuple[str, str, int]]) -> None:
        self.rows = rows
        self.setStringList([f"{doc_id}  —  {status}" for doc_id, status, _length in rows])

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable  # not editable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.UserRole and index.isValid():
            return self.rows[index.row()][0]
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            doc_id, _status, length = self.rows[index.row()]
            # The whole id (a narrow list shows it cut in the middle), on the second line: Qt
            # takes a tooltip whose first line holds a tag for markup, and ids are other
            # people's ("<i>x</i>" showed an italic x).
            return self.tr("{0} code points").format(length) + f"\n{doc_id}"
        return super().data(index, role)


# Room kept between the id and the status, and the least of an id shown before the status
# gives way to it, in average character widths.
GAP_CHARS, LEAST_ID_CHARS = 2, 8


def row_layout(rect: QRect, metrics: QFontMetrics, doc_id: str, status: str,
               right_to_left: bool) -> tuple[str, QRect, str, QRect]:
    """Where a row's two parts go inside ``rect``: the id, cut in its middle when it does not
    fit (ids often differ only at their end: "ar-07-parliament", "ar-08-book-fair"), at the
    row's leading edge, and the status whole at the trailing edge. When the list is too narrow
    for both, the status goes and the id takes the row. Returns (shown id, its rectangle, shown
    status, its rectangle); an empty status has an empty rectangle."""
    status_width = metrics.horizontalAdvance(status)
    room = rect.width() - status_width - GAP_CHARS * metrics.averageCharWidth()
    if not status or room < LEAST_ID_CHARS * metrics.averageCharWidth():
        return metrics.elidedText(doc_id, Qt.TextElideMode.ElideMiddle, rect.width()), QRect(rect), "", QRect()
    id_rect, status_rect = QRect(rect), QRect(rect)
    id_rect.setWidth(room)
    status_rect.setWidth(status_width)
    if right_to_left:
        id_rect.moveRight(rect.right())
        status_rect.moveLeft(rect.left())
    else:
        status_rect.moveRight(rect.right())
    return metrics.elidedText(doc_id, Qt.TextElideMode.ElideMiddle, room), id_rect, status, status_rect


class DocumentRowDelegate(QStyledItemDelegate):
    """Paints a row as its document id and its status, each in its own place, so that a narrow
    dock never scrolls the list sideways nor cuts off the id's start: with one "id — status"
    string the Arabic interface cut the long ids at their left, under a horizontal scroll bar."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        # No width of its own: the list then gives every row the viewport's width, which the
        # row fits itself to, instead of the width of its whole text.
        return QSize(0, super().sizeHint(option, index).height())

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        model = index.model()
        rows = getattr(model, "rows", None)
        if rows is None or not index.isValid():
            super().paint(painter, option, index)
            return
        doc_id, status, _length = rows[index.row()]
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        widget = item.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)  # background, selection
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, item, widget)
        text_rect.adjust(2, 0, -2, 0)  # the margin Qt's own item text keeps
        right_to_left = item.direction == Qt.LayoutDirection.RightToLeft
        shown_id, id_rect, shown_status, status_rect = row_layout(text_rect, item.fontMetrics, doc_id, status,
                                                                  right_to_left)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        group = (QPalette.ColorGroup.Normal if item.state & QStyle.StateFlag.State_Active
                 else QPalette.ColorGroup.Inactive)
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        painter.setFont(item.font)
        painter.setPen(item.palette.color(group, text_role))
        leading = Qt.AlignmentFlag.AlignRight if right_to_left else Qt.AlignmentFlag.AlignLeft
        # The id in its own direction (an Arabic id reads right to left in the English interface
        # too); where it sits is the interface's leading edge.
        id_option = QTextOption(Qt.AlignmentFlag.AlignAbsolute | leading | Qt.AlignmentFlag.AlignVCenter)
        id_option.setTextDirection(Qt.LayoutDirection.RightToLeft if paragraph_is_rtl(doc_id)
                                   else Qt.LayoutDirection.LeftToRight)
        id_option.setWrapMode(QTextOption.WrapMode.NoWrap)
        painter.drawText(QRectF(id_rect), shown_id, id_option)
        if shown_status:  # in the text colour too: annotators scan the list for what is not done
            trailing = Qt.AlignmentFlag.AlignLeft if right_to_left else Qt.AlignmentFlag.AlignRight
            status_option = QTextOption(Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter | trailing)
            status_option.setTextDirection(item.direction)
            status_option.setWrapMode(QTextOption.WrapMode.NoWrap)
            painter.drawText(QRectF(status_rect), shown_status, status_option)
        painter.restore()


class DocumentList(QListView):
    """The list of documents; ``documentChosen`` fires when the user picks another row."""

    # object, not str: PySide hands a str to Qt as UTF-16 read with its byte order mark, and an
    # id beginning with U+FEFF arrived without it (no such document), one with U+FFFE byte-swapped.
    documentChosen = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.list_model = DocumentListModel(self)
        self.setModel(self.list_model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)  # no size query per row: constant time for 100,000 rows
        self.setItemDelegate(DocumentRowDelegate(self))
        # The delegate fits each row to the width: nothing to scroll to sideways.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._quiet = False
        self.selectionModel().currentRowChanged.connect(self._row_changed)

    def set_rows(self, rows: list[tuple[str, str, int]], current: str | None) -> None:
        self._quiet = True
        try:
            self.list_model.set_rows(rows)
            row = self.row_of(current) if current is not None else -1
            if row >= 0:
                # A reset list starts at its top: keep the open document in sight instead.
                self.setCurrentIndex(self.list_model.index(row, 0))
                self.scrollTo(self.list_model.index(row, 0))
        finally:
            self._quiet = False

    def count(self) -> int:
        return len(self.list_model.rows)

    def ids(self) -> list[str]:
        return [row[0] for row in self.list_model.rows]

    def doc_id_at(self, row: int) -> str:
        return self.list_model.rows[row][0]

    def text_at(self, row: int) -> str:
        return self.list_model.data(self.list_model.index(row, 0), Qt.ItemDataRole.DisplayRole)

    def row_of(self, doc_id: str) -> int:
        for n, row in enumerate(self.list_model.rows):
            if row[0] == doc_id:
                return n
        return -1

    def currentRow(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def setCurrentRow(self, row: int, quiet: bool = False) -> None:
        self._quiet = quiet
        try:
            self.setCurrentIndex(self.list_model.index(row, 0))
        finally:
            self._quiet = False

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet and current.isValid():
            self.documentChosen.emit(self.list_model.rows[current.row()][0])


class TextSearch(QObject):
    """Finds the documents whose text contains a query, off the window's thread."""

    found = Signal(int, str, object)  # generation, query, set of document ids

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.generation = 0
        self._running: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def start(self, path: Path, query: str) -> int:
        """Search ``query`` in the texts of the project at ``path``; returns the generation
        that ``found`` will carry. A running search is interrupted."""
        with self._lock:
            self.generation += 1
            generation = self.generation
            if self._running is not None:
                self._running.interrupt()
        threading.Thread(target=self._search, args=(path, query, generation), daemon=True).start()
        return generation

    def _search(self, path: Path | str, query: str, generation: int) -> None:
        if is_server_url(path):
            self._search_server(path, query, generation)
            return
        try:
            conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=5,
                                   check_same_thread=False)
        except sqlite3.Error:
            return
        with self._lock:
            if generation != self.generation:
                conn.close()
                return
            self._running = conn
        try:
            ids = documents_containing(conn, query)
        except sqlite3.Error:  # interrupted by a newer keystroke, or the file went away
            ids = None
        finally:
            with self._lock:
                if self._running is conn:
                    self._running = None
            conn.close()
        if ids is not None and generation == self.generation:
            self.found.emit(generation, query, ids)


    def _search_server(self, url: str, query: str, generation: int) -> None:
        """The server scans the texts (in C, ~0.3 s per 30 MB) on a connection of this thread's
        own; a newer keystroke cancels it."""
        from annotator.store.server import ServerProject

        try:
            project = ServerProject.open(url, readonly=True)
        except ProjectError:
            return
        with self._lock:
            if generation != self.generation:
                project.close()
                return
            self._running = _Cancel(project)
        try:
            ids = project.documents_containing(query)
        except ProjectError:  # cancelled by a newer keystroke, or the server went away
            ids = None
        finally:
            with self._lock:
                if isinstance(self._running, _Cancel) and self._running.project is project:
                    self._running = None
            project.close()
        if ids is not None and generation == self.generation:
            self.found.emit(generation, query, ids)


class _Cancel:
    """A running server search, interrupted as a sqlite3 connection is."""

    def __init__(self, project):
        self.project = project

    def interrupt(self) -> None:
        self.project.db.conn.raw.cancel_safe()


class SearchIndexer(QObject):
    """Adds new documents to the project's text index a slice at a time (100,000 characters,
    a few milliseconds; see :func:`annotator.store.text_index.index_some`) on the window's own
    connection, between the events of the window, until every document is indexed. Started
    when a project opens and when documents arrive (an import, another program's change)."""

    SLICE_CHARS = 100_000
    PAUSE_MS = 10  # between slices: keys and paints go first
    RETRY_MS = 3000  # when another program holds the write lock, or writing failed

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.project: Project | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._slice)

    def start(self, project: Project) -> None:
        """Index what ``project`` lacks (again after an import or another program's change)."""
        self.project = project
        if not self._timer.isActive():
            self._timer.start(self.PAUSE_MS)

    def stop(self) -> None:
        self._timer.stop()
        self.project = None

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def _slice(self) -> None:
        if self.project is None:
            return
        done = index_some(self.project, self.SLICE_CHARS)
        if done is False:
            self._timer.start(self.PAUSE_MS)
        elif done is None:
            self._timer.start(self.RETRY_MS)
