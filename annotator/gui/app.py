"""Starting the GUI: the QApplication, bundled fonts, the translation and the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from annotator import __version__
from annotator.gui.fonts import register_bundled_fonts
from annotator.gui.main_window import MainWindow
from annotator.resources_path import resource_path
from annotator.store.project import ProjectError

ORGANISATION = "annotator"
APPLICATION = "annotator"
SCREENSHOT_SIZE = (1400, 860)


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    register_bundled_fonts()
    return app


def ui_language(settings: QSettings, requested: str | None = None) -> str:
    """'ar' or 'en': asked for, else saved, else the system's language."""
    if requested:
        return requested
    saved = settings.value("ui/language", "", str)
    if saved:
        return saved
    return "ar" if QLocale.system().language() == QLocale.Language.Arabic else "en"


def install_translation(app: QApplication, language: str) -> list[QTranslator]:
    """Load our Arabic strings and Qt's own, and mirror the whole UI for Arabic."""
    translators: list[QTranslator] = []
    if language == "ar":
        ours = QTranslator(app)
        if ours.load(str(resource_path("translations", "annotator_ar.qm"))):
            app.installTranslator(ours)
            translators.append(ours)
        qt_own = QTranslator(app)
        if qt_own.load(QLocale(QLocale.Language.Arabic), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_own)
            translators.append(qt_own)
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    else:
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    return translators


def run(project: Path | None, doc_id: str | None = None, screenshot: Path | None = None,
        language: str | None = None, annotator: str | None = None) -> int:
    app = make_app()
    settings = QSettings()
    install_translation(app, ui_language(settings, language))
    window = MainWindow(settings, annotator=annotator, interactive=screenshot is None)
    if project is not None:
        if screenshot is not None:
            window.open_project(project)  # a refusal is the command's error message
        else:
            window.open_project_or_warn(project)
        if window.project is not None and not window.annotator:
            # The sample and shared projects name their annotators: offer the first one.
            names = window.project.annotators()
            if screenshot is not None and names:
                window.set_annotator(names[0])
        if doc_id:
            window.open_document(doc_id)
    if screenshot is not None:
        window.resize(*SCREENSHOT_SIZE)
        window.show()
        for _ in range(5):
            app.processEvents()
        ok = window.grab().save(str(screenshot))
        window.close()
        if not ok:
            print(f"could not write {screenshot}", file=sys.stderr)
            return 1
        return 0
    window.show()
    if not window.annotator:
        QTimer.singleShot(0, window.ask_annotator)
    _report_storage_failures(window)
    return app.exec()


def _report_storage_failures(window: MainWindow) -> None:
    """A write the storage refuses in any slot (a status change, an auto-merge...) is shown in
    the window and the view re-read from the file, not only printed to a terminal nobody sees.
    Qt slots report exceptions through sys.excepthook."""
    previous = sys.excepthook

    def hook(kind, value, traceback):
        if isinstance(value, ProjectError):
            window.storage_failed(value)
        else:
            previous(kind, value, traceback)

    sys.excepthook = hook
