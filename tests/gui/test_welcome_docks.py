"""The start page has the window to itself: the workbench panels, empty without a project, are
hidden while it shows and come back as the user had them when a project opens."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QPushButton

from annotator.gui.main_window import MainWindow


def panels(win):
    return [win.docs_dock, win.labels_dock, win.attr_dock, win.quotes_dock, win.table_dock]


def click_recent(qtbot, win, row: int) -> None:
    item = win.welcome.recent.item(row)
    qtbot.mouseClick(win.welcome.recent.viewport(), Qt.MouseButton.LeftButton,
                     pos=win.welcome.recent.visualItemRect(item).center())


def test_panels_wait_for_a_project_and_keep_the_users_layout(qtbot, settings, tmp_path, bundled_fonts, monkeypatch):
    monkeypatch.setattr("annotator.sample.default_sample_location", lambda: tmp_path / "demo" / "sample.db")
    win = MainWindow(settings, annotator="amal", interactive=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert all(dock.isHidden() for dock in panels(win))  # the start page alone
    qtbot.mouseClick(win.welcome.findChild(QPushButton, "welcome-sample"), Qt.MouseButton.LeftButton)
    assert win.project is not None
    assert not any(dock.isHidden() for dock in panels(win))
    # The user closes the Quotes panel with its own close button.
    close = next(b for b in win.quotes_dock.findChildren(QAbstractButton)
                 if b.objectName() == "qt_dockwidget_closebutton")
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert win.quotes_dock.isHidden()
    win.close_project()
    assert all(dock.isHidden() for dock in panels(win))
    click_recent(qtbot, win, 0)  # the sample again, from the start page's recent list
    assert win.project is not None
    assert win.quotes_dock.isHidden() and not win.labels_dock.isHidden()  # as the user left them
    win.close_project()
    win.close()  # saves the layout: the user's, not the start page's
    again = MainWindow(settings, annotator="amal", interactive=False)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    click_recent(qtbot, again, 0)
    assert again.quotes_dock.isHidden() and not again.labels_dock.isHidden() and not again.docs_dock.isHidden()
    again.close()
