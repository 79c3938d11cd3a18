import pytest
from PySide6.QtCore import QSettings, Qt

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


@pytest.fixture(params=["file", "server"])
def sample_store(request):
    """Where the sample project of a window test lives: a file, then a PostgreSQL database (the
    window's edits, links, team views and model jobs on both stores)."""
    return request.param


@pytest.fixture
def sample_window(qtbot, settings, tmp_path, bundled_fonts, sample_store, request):
    """A main window on a fresh copy of the sample project, for a given annotator."""
    from annotator.gui.main_window import MainWindow
    from annotator.sample import create_sample_project
    from annotator.store.project import Project

    windows = []

    def make(annotator: str, doc_id: str = "ar-01-defence-fair"):
        win = MainWindow(settings, annotator=annotator, interactive=False)
        qtbot.addWidget(win)
        win.resize(1300, 850)
        location = create_sample_project(tmp_path / f"sample-{len(windows)}.db")
        if sample_store == "server":
            cluster = request.getfixturevalue("postgres_cluster")
            url = cluster.url(cluster.new_database())
            with Project.open(location, readonly=True) as sample:
                sample.copy_to(url)
            location = url
        win.open_project(location)
        win.open_document(doc_id)
        win.show()
        qtbot.waitExposed(win)
        windows.append(win)
        return win

    yield make
    for win in windows:
        win.close()


@pytest.fixture
def window_in(qtbot, settings, tmp_path, bundled_fonts):
    """Makes the window on the sample project in the English ("en") or the Arabic ("ar",
    mirrored) interface, open on ar-01-defence-fair as annotator amal."""
    from PySide6.QtWidgets import QApplication

    from annotator.gui.app import install_translation
    from annotator.gui.main_window import MainWindow
    from annotator.sample import create_sample_project

    app = QApplication.instance()
    translators, windows = [], []

    def make(language: str):
        if language == "ar":
            translators.extend(install_translation(app, "ar"))
        window = MainWindow(settings, annotator="amal", interactive=False)
        qtbot.addWidget(window)
        window.resize(1100, 800)
        window.open_project(create_sample_project(tmp_path / f"sample-{len(windows)}.db"))
        window.open_document("ar-01-defence-fair")
        window.show()
        qtbot.waitExposed(window)
        mirrored = window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert mirrored == (language == "ar")
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
    if translators:
        for translator in translators:
            app.removeTranslator(translator)
        install_translation(app, "en")


@pytest.fixture
def arabic_window(window_in):
    """The window in the Arabic interface (mirrored) on the sample project."""
    return window_in("ar")
