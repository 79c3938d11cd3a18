"""File ▸ Switch annotator…: the name a person types (or pastes) is the name every span they make
is stored under, so the window takes only a name the project can hold and mean."""

import pytest
from PySide6.QtCore import Qt

from switch_annotator import switch_annotator


@pytest.fixture
def window(qtbot, settings, tmp_path, bundled_fonts):
    from annotator.gui.main_window import MainWindow
    from annotator.sample import create_sample_project

    settings.setValue("annotator/name", "amal")
    win = MainWindow(settings, interactive=True)  # dialogs and warnings as a person meets them
    qtbot.addWidget(win)
    win.resize(1300, 850)
    win.open_project(create_sample_project(tmp_path / "sample.db"))
    win.open_document("ar-01-defence-fair")
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    yield win
    win.close()


WORD = 6  # تعرض, the headline's second word: no entity on it


def label_a_word(window, qtbot) -> None:
    """Drag inside the word (the drag takes the whole word) and press the PER key, as a person
    does."""
    view = window.view
    start, end = (view.span_rects(cp, cp + 1)[0].center().toPoint() for cp in (WORD + 1, WORD + 2))
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), end)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    qtbot.keyClick(view, Qt.Key.Key_P)


@pytest.mark.parametrize("name, reason", [
    ("gold", "the name of the adjudicated version"),
    ("la\tyla", "cannot hold the control character U+0009"),
])
def test_a_name_the_project_cannot_hold_or_would_misread_is_refused(window, qtbot, settings, name, reason):
    """A pasted tab was stored as part of the name, and the project's JSONL export then failed to
    import anywhere (an import refuses control characters in names); "gold" wrote straight into
    the adjudicated version."""
    before = {s.id for s in window.project.spans("ar-01-defence-fair")}
    warnings = switch_annotator(window, qtbot, name)
    assert len(warnings) == 1 and reason in warnings[0]
    assert window.annotator == "amal" and settings.value("annotator/name") == "amal"
    label_a_word(window, qtbot)
    added = [s for s in window.project.spans("ar-01-defence-fair") if s.id not in before]
    assert [(s.annotator, s.label, s.start) for s in added] == [("amal", "PER", WORD)]
    assert set(window.project.annotators()) == {"amal", "karim"}


def test_switching_while_adjudicating_works_as_the_new_name_afterwards(window, qtbot, settings):
    """Switched while adjudicating, the window went on showing the differences and, on leaving
    adjudication, went back to the old name."""
    window.adjudicate_action.trigger()
    assert window.annotator == "gold" and window.differences_dock.isVisible()
    assert switch_annotator(window, qtbot, "layla") == []
    assert window.annotator == "layla" and settings.value("annotator/name") == "layla"
    assert not window.adjudicate_action.isChecked() and not window.differences_dock.isVisible()
    label_a_word(window, qtbot)
    assert [(s.label, s.start) for s in window.project.spans("ar-01-defence-fair", "layla")] == [("PER", WORD)]
    window.adjudicate_action.trigger()
    window.adjudicate_action.trigger()
    assert window.annotator == "layla"


def test_a_remembered_name_no_project_can_hold_is_asked_again(qtbot, settings, bundled_fonts):
    from annotator.gui.main_window import MainWindow

    settings.setValue("annotator/name", "a\x1b[31mb")  # kept by an older version of the window
    win = MainWindow(settings, interactive=False)
    qtbot.addWidget(win)
    assert win.annotator == ""
