"""What the window shows before a project is open: the sample project, recent projects,
Open and New, instead of a blank window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from annotator.core.direction import isolated
from annotator.gui.plain_message import tooltip
from annotator.store.location import is_server_url


class WelcomePanel(QWidget):
    openSample = Signal()
    openProject = Signal()
    openUrl = Signal()
    newProject = Signal()
    openRecent = Signal(object)  # a path or URL (object: see DocumentList.documentChosen)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # One column of readable width in the middle of the window, whatever its size.
        outer = QVBoxLayout(self)
        column = QWidget(self)
        column.setMinimumWidth(560)
        column.setMaximumWidth(640)
        outer.addStretch(1)
        outer.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        layout = QVBoxLayout(column)
        layout.setSpacing(10)
        title = QLabel(self.tr("No project is open"), self)
        title.setStyleSheet("font-size: 18pt; font-weight: bold")
        layout.addWidget(title)
        layout.addSpacing(8)
        for text, signal, name in ((self.tr("Open the sample project (Arabic news)"), self.openSample, "sample"),
                                   (self.tr("Open a project…"), self.openProject, "open"),
                                   (self.tr("Open a team project on a server (URL)…"), self.openUrl, "url"),
                                   (self.tr("New project…"), self.newProject, "new")):
            button = QPushButton(text, self)
            button.setObjectName(f"welcome-{name}")
            button.clicked.connect(signal.emit)
            layout.addWidget(button)
        layout.addSpacing(16)
        self.recent_title = QLabel(self.tr("Recent projects"), self)
        self.recent = QListWidget(self)
        self.recent.setMaximumHeight(180)
        # Long paths are shortened in the middle (the whole path is the tooltip), not scrolled.
        self.recent.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.recent.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recent.itemActivated.connect(lambda item: self.openRecent.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.recent.itemClicked.connect(lambda item: self.openRecent.emit(item.data(Qt.ItemDataRole.UserRole)))
        layout.addWidget(self.recent_title)
        layout.addWidget(self.recent)

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        for entry in paths:
            # Each path a bidi isolate: in the Arabic interface "/home/x/p.db" showed as "home/x/p.db/".
            shown = isolated(entry) if is_server_url(entry) else f"{isolated(Path(entry).name)}  —  {isolated(entry)}"
            item = QListWidgetItem(shown)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            item.setToolTip(tooltip(entry))
            self.recent.addItem(item)
        self.recent_title.setVisible(bool(paths))
        self.recent.setVisible(bool(paths))
