"""Message boxes show paths, ids and labels from other people's files as written."""

from PySide6.QtWidgets import QLabel, QMessageBox

from annotator.gui.plain_message import message_box


def test_a_reason_that_looks_like_markup_is_shown_as_written(qtbot):
    text = "data.jsonl:3: label '<b>X</b>' is not in the project schema"
    box = message_box(None, QMessageBox.Icon.Warning, "Import", text)
    qtbot.addWidget(box)
    label = box.findChild(QLabel, "qt_msgbox_label")
    assert label.text() == text
    # Laid out as characters, as wide as the whole line (as markup: the line without its tags).
    label.setWordWrap(False)
    assert label.sizeHint().width() >= label.fontMetrics().horizontalAdvance(text)
