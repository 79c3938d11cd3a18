"""Other people's text shown as written: in message boxes, tooltips, menu entries and check boxes.

A QMessageBox or a tooltip takes its text for HTML when the first line looks like markup, and
the texts here carry paths, ids, names and guidelines from other people's files and schemas
("data.jsonl:3: label '<b>X</b>' is not in the schema" would show a bold X and hide the
reason's very subject). A menu entry, check box or button takes "&" for the mark of its
keyboard mnemonic: a layer named "Q&A" showed as "QA" with an underlined A, and Alt+A
toggled it."""

from __future__ import annotations

from PySide6.QtGui import Qt  # QtGui's Qt: QtCore's lacks mightBeRichText and convertFromPlainText
from PySide6.QtWidgets import QMessageBox, QWidget


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def warn(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Warning, title, text).exec()


def inform(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Information, title, text).exec()


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes-or-no question (QMessageBox.question takes its text for markup where it looks so)."""
    box = message_box(parent, QMessageBox.Icon.Question, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def tooltip(text: str) -> str:
    """``text`` as a tooltip that shows it as written: Qt takes a tooltip whose first line holds
    a tag (or "&lt;") for markup, so such a text goes as the HTML that writes it."""
    return Qt.convertFromPlainText(text) if Qt.mightBeRichText(text) else text


def without_mnemonic(text: str) -> str:
    """``text`` as the label of a menu entry, check box or button, every "&" shown as written
    and none marking a mnemonic."""
    return text.replace("&", "&&")
