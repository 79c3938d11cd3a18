"""Suggest ▸ Train model / Suggest with model / Most doubtful first, driven from the menu bar
with the keyboard, the progress dialog's own Cancel button, and clicks on the suggestions."""

import functools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QProgressDialog, QPushButton

pytest.importorskip("sklearn")


@pytest.fixture
def window(sample_window, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))  # a server project's model goes there
    return sample_window("layla")


def choose(window, qtbot, item_key):
    """Alt+S opens the Suggest menu; the item's mnemonic picks it, as a person would."""
    window.activateWindow()  # back from the progress dialog
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert menu.title().replace("&", "") == "Suggest"
    qtbot.keyClick(menu, item_key)


def progress_dialog(window):
    return next((w for w in window.findChildren(QProgressDialog) if w.isVisible()), None)


def test_train_then_suggest_with_scores_and_doubt_order(window, qtbot, tmp_path):
    from pathlib import Path

    model = window.model_path()
    on_file = isinstance(window.project.location, Path)  # beside a file; in the user's data folder for a server
    assert model.parent == (window.project.path.parent if on_file else tmp_path / "user-data/annotator/models")
    choose(window, qtbot, Qt.Key.Key_T)  # &Train model
    assert window.model_job is not None and progress_dialog(window) is not None
    qtbot.waitUntil(lambda: window.model_job is None, timeout=60000)
    assert (model / "model.json").is_file()
    assert "Model trained on 11 done document(s)" in window.statusBar().currentMessage()

    choose(window, qtbot, Qt.Key.Key_M)  # Suggest with &model
    qtbot.waitUntil(lambda: window.model_job is None, timeout=60000)
    window.check_external_changes()  # the poll: the job's writes are this window's own, not news
    assert "from the model" in window.statusBar().currentMessage()
    scores = window.project.suggestion_scores(window.doc_id)
    scored = [s for s in window.view.suggestions() if s.id in scores]
    assert scored, "the open document shows the model's suggestions"
    suggestion = scored[0]
    rect = window.view.span_rects(suggestion.start, suggestion.end)[0]
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert f"score {scores[suggestion.id]:.2f}" in window.statusBar().currentMessage()

    doubts = window.project.doubts()
    assert set(doubts) == set(window.project.document_ids())
    choose(window, qtbot, Qt.Key.Key_D)  # Most &doubtful first
    assert window.doubt_action.isChecked()
    shown = window.doc_list.ids()
    assert [doubts[d] for d in shown] == sorted(doubts.values(), reverse=True)
    # The queue: Ctrl+Return marks the document done and opens the next most doubtful one.
    window.doc_list.setCurrentRow(0)
    qtbot.waitUntil(lambda: window.doc_id == shown[0])
    qtbot.keyClick(window.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.project.status(shown[0], "layla") == "done" and window.doc_id == shown[1]


def test_cancel_keeps_no_model_and_the_window_answers_while_training(window, qtbot, monkeypatch):
    from annotator.learn import training

    monkeypatch.setattr(training, "train", functools.partial(training.train, epochs=100000))  # a long run
    model = window.model_path()
    choose(window, qtbot, Qt.Key.Key_T)
    dialog = progress_dialog(window)
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=30000)  # training is under way
    qtbot.keyClicks(window.doc_search, "ar-0")  # the window still takes keys and filters the list
    qtbot.waitUntil(lambda: all("ar-0" in d for d in window.doc_list.ids()), timeout=5000)
    assert window.model_job is not None
    button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model_job is None, timeout=30000)
    assert not model.exists()
    assert "Cancelled" in window.statusBar().currentMessage()


def test_suggest_with_model_without_one_says_how_to_make_one(window, qtbot, monkeypatch):
    warnings = []
    monkeypatch.setattr(window, "_warn", lambda title, message: warnings.append(message))
    choose(window, qtbot, Qt.Key.Key_M)
    assert warnings and "Train model" in warnings[0] and window.model_job is None


def test_closing_the_window_during_training_stops_it_and_saves_nothing(window, qtbot, monkeypatch):
    from annotator.learn import training

    monkeypatch.setattr(training, "train", functools.partial(training.train, epochs=100000))
    model = window.model_path()
    choose(window, qtbot, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: progress_dialog(window) is not None and progress_dialog(window).value() > 0,
                    timeout=30000)
    window.close()
    assert window.model_job is None and window.project is None
    qtbot.wait(200)  # the worker's late "cancelled" signal arrives and is ignored
    assert not model.exists()
