"""File ▸ Switch annotator… as a person uses it (shared by the window tests)."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox


def switch_annotator(window, qtbot, name: str) -> list[str]:
    """File ▸ Switch annotator… by its mnemonics; ``name`` pasted into the dialog (a tab can
    only be pasted) and Enter; returns the text of any warning that follows, closed with Enter."""
    warnings: list[str] = []

    def close_warning():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            warnings.append(box.text())
            qtbot.keyClick(box, Qt.Key.Key_Return)
        elif isinstance(box, QInputDialog) or box is None:
            QTimer.singleShot(50, close_warning)

    def answer():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(50, answer)
            return
        edit = dialog.findChild(QLineEdit)
        edit.selectAll()
        QApplication.clipboard().setText(name)
        qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert edit.text() == name
        QTimer.singleShot(50, close_warning)
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    QTimer.singleShot(100, answer)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_A)
    qtbot.wait(300)  # the warning, if any, has come and gone
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    return warnings
