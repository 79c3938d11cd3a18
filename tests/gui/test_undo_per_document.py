"""Undo takes back the last edit of what the window shows: each document, as each annotator (or
the gold version) edits it, has its own history. With one history for the window, Ctrl+Z on a
document took back an edit of the document left before, out of sight and without a word."""

import pytest
from PySide6.QtCore import Qt

from annotator.core.model import GOLD

DOC, NEXT = "ar-01-defence-fair", "ar-02-budget"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(sample_window, qtbot):
    window = sample_window("amal")
    window.activateWindow()  # the window's shortcuts (Ctrl+Z, Ctrl+PgDown) work in the active window
    qtbot.waitUntil(window.isActiveWindow)
    return window


def span_ids(window, doc_id, annotator="amal"):
    return {span.id for span in window.project.spans(doc_id, annotator)}


def click_span(window, qtbot, span_id):
    window.ensure_spans_loaded()
    span = window.view.spans_by_id([span_id])[span_id]
    rect = window.view.span_rects(span.start, span.end)[0]
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert window.view.selected_span().id == span_id


def test_undo_on_another_document_leaves_the_edit_of_the_first_alone(window, qtbot):
    click_span(window, qtbot, "E1")
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert "E1" not in span_ids(window, DOC)
    on_next = span_ids(window, NEXT)
    qtbot.keyClick(window.view, Qt.Key.Key_PageDown, CTRL)
    assert window.doc_id == NEXT
    undo = window.undo_action  # Edit ▸ Undo
    assert not undo.isEnabled()  # nothing was done here
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert "E1" not in span_ids(window, DOC) and span_ids(window, NEXT) == on_next
    # Back on the first document, its history is there: Ctrl+Z brings the span back, in sight.
    qtbot.keyClick(window.view, Qt.Key.Key_PageUp, CTRL)
    assert window.doc_id == DOC and undo.isEnabled()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    window.ensure_spans_loaded()
    assert "E1" in span_ids(window, DOC) and "E1" in {span.id for span in window.view.spans()}


def test_undo_after_adjudicating_leaves_the_gold_decisions_alone(window, qtbot):
    window.adjudicate_action.trigger()
    assert window.annotator == GOLD
    window.auto_merge_gold()
    window.open_document(DOC)
    panel = window.differences
    panel.table.setCurrentCell(0, 0)
    candidate = panel.candidates[0]
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    gold = span_ids(window, DOC, GOLD)
    window.adjudicate_action.trigger()  # back to one's own work
    assert window.annotator == "amal"
    own = span_ids(window, DOC)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert span_ids(window, DOC, GOLD) == gold and span_ids(window, DOC) == own
    window.adjudicate_action.trigger()  # adjudicating again: the decision can be taken back
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert not any((s.layer, s.label, s.start, s.end) == candidate.key for s in window.project.spans(DOC, GOLD))
