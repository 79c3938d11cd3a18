import pytest
from PySide6.QtCore import QSettings

from annotator.gui.document_view import DocumentView


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def view(qtbot, bundled_fonts):
    from PySide6.QtGui import QFont

    from annotator.core.schema import default_schema

    widget = DocumentView()
    qtbot.addWidget(widget)
    widget.setFont(QFont("Noto Naskh Arabic", 20))
    widget.set_schema(default_schema())
    widget.resize(700, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
