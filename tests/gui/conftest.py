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


@pytest.fixture
def sample_window(qtbot, settings, tmp_path, bundled_fonts):
    """A main window on a fresh copy of the sample project, for a given annotator."""
    from annotator.gui.main_window import MainWindow
    from annotator.sample import create_sample_project

    windows = []

    def make(annotator: str, doc_id: str = "ar-01-defence-fair"):
        win = MainWindow(settings, annotator=annotator, interactive=False)
        qtbot.addWidget(win)
        win.resize(1300, 850)
        win.open_project(create_sample_project(tmp_path / f"sample-{len(windows)}.db"))
        win.open_document(doc_id)
        win.show()
        qtbot.waitExposed(win)
        windows.append(win)
        return win

    yield make
    for win in windows:
        win.close()
