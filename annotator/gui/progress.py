"""A progress dialog for the long jobs the window runs in its own thread."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog


class Cancelled(Exception):
    """Raised in the job by :meth:`Progress.advance` once the user clicked Cancel."""


class Progress:
    """A progress dialog for a job run in the window's own thread that may take a while (an
    import, an export, the agreement report): shown after a second, the window repainting
    meanwhile; its Cancel makes :meth:`advance` raise :class:`Cancelled`, and the job keeps
    nothing of its work (an import's transaction rolls back, an export's partial file goes).
    The job calls :meth:`advance` once per item (or iterates :meth:`each`)."""

    EVERY_SECONDS = 0.05  # how often the window is given time to repaint and to take a click

    def __init__(self, window, label: str, cancel: str, title: str, total: int):
        self.dialog = QProgressDialog(label, cancel, 0, total, window)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)  # the window waits, and repaints
        self.dialog.setMinimumDuration(1000)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.total, self.done, self.updated_at = total, 0, time.monotonic()

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.updated_at < self.EVERY_SECONDS:
            return
        self.updated_at = now
        # A modal progress dialog lets Qt handle events in setValue(); a busy one (total
        # unknown) too, by the same call.
        self.dialog.setValue(min(self.done, self.total) if self.total else 0)
        QApplication.processEvents()
        if self.dialog.wasCanceled():
            raise Cancelled

    def each(self, items):
        for item in items:
            self.advance()
            yield item

    def close(self) -> None:
        self.dialog.close()
        self.dialog.deleteLater()

