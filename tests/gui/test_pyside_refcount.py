"""PySide6 6.12.0 on CPython 3.11 lost one reference to None per void method call and aborted
the process after a few thousand ("Fatal Python error: none_dealloc"). pyproject.toml pins
below 6.12 on Python < 3.12; this guards the pin."""

import sys

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QTableWidgetItem


def test_ten_thousand_void_calls_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    item = QTableWidgetItem()
    before = sys.getrefcount(None)
    for n in range(10_000):
        label.setText("نص")
        label.resize(100 + n % 3, 20)
        item.setBackground(QColor("#e6194b"))
    assert sys.getrefcount(None) >= before
