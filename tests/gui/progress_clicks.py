"""Clicking Cancel on the window's progress dialog (annotator/gui/progress.py) as a person would."""

from PySide6.QtCore import Qt


def cancel_when_shown(window, qtbot, monkeypatch, after: int = 1) -> list:
    """Click Cancel on the next progress dialog once it shows ``after`` items done (shown at
    once, updated at every item); returns [(its maximum, its value when clicked)]."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    from annotator.gui import progress

    monkeypatch.setattr(progress.Progress, "EVERY_SECONDS", 0.0)
    original = progress.Progress.__init__

    def shown_at_once(self, *args):
        original(self, *args)
        self.dialog.setMinimumDuration(0)

    monkeypatch.setattr(progress.Progress, "__init__", shown_at_once)
    seen = []

    def click_cancel():
        dialog = next((d for d in window.findChildren(QProgressDialog) if d.isVisible()), None)
        if dialog is None or dialog.value() < after:
            QTimer.singleShot(0, click_cancel)
            return
        seen.append((dialog.maximum(), dialog.value()))
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click_cancel)
    return seen
