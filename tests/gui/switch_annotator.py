"""File ▸ Switch annotator… as a person uses it (shared by the window tests)."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

WARNING_WAIT = 20  # times 50 ms: how long a warning may take to show after the dialog closes


def switch_annotator(window, qtbot, name: str) -> list[str]:
    """File ▸ Switch annotator… by its mnemonics; ``name`` pasted into the dialog (a tab can
    only be pasted) and Enter; returns the text of any warning that follows, closed with Enter.
    Every timer it starts has ended when it returns (one left polling would answer the next
    test's warning)."""
    warnings: list[str] = []
    finished: list[bool] = []

    def close_warning(tries: int) -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            warnings.append(box.text())
            qtbot.keyClick(box, Qt.Key.Key_Return)
            finished.append(True)
        elif tries:
            QTimer.singleShot(50, lambda: close_warning(tries - 1))
        else:
            finished.append(True)  # no warning came

    def answer(tries: int) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            if tries:
                QTimer.singleShot(50, lambda: answer(tries - 1))
            return
        edit = dialog.findChild(QLineEdit)
        edit.selectAll()
        QApplication.clipboard().setText(name)
        qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert edit.text() == name
        QTimer.singleShot(50, lambda: close_warning(WARNING_WAIT))
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    QTimer.singleShot(100, lambda: answer(100))  # (the dialog shows within 5 s)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_A)
    qtbot.waitUntil(lambda: bool(finished), timeout=5000)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    return warnings
