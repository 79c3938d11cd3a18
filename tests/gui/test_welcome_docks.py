"""The start page has the window to itself: the workbench panels, empty without a project, are
hidden while it shows and come back as the user had them when a project opens."""

from annotator.gui.main_window import MainWindow
from annotator.sample import create_sample_project


def panels(win):
    return [win.docs_dock, win.labels_dock, win.attr_dock, win.quotes_dock, win.table_dock]


def test_panels_wait_for_a_project_and_keep_the_users_layout(qtbot, settings, tmp_path, bundled_fonts):
    sample = create_sample_project(tmp_path / "s.db")
    win = MainWindow(settings, annotator="amal", interactive=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    assert all(dock.isHidden() for dock in panels(win))  # the start page alone
    win.open_project(sample)
    assert not any(dock.isHidden() for dock in panels(win))
    win.quotes_dock.toggleViewAction().trigger()  # the user closes one panel
    assert win.quotes_dock.isHidden()
    win.close_project()
    assert all(dock.isHidden() for dock in panels(win))
    win.open_project(sample)
    assert win.quotes_dock.isHidden() and not win.labels_dock.isHidden()  # as the user left them
    win.close_project()
    win.close()  # saves the layout: the user's, not the start page's
    again = MainWindow(settings, annotator="amal", interactive=False)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    again.open_project(sample)
    assert again.quotes_dock.isHidden() and not again.labels_dock.isHidden() and not again.docs_dock.isHidden()
    again.close()
