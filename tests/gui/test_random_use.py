"""A random sequence of what a person does in the window, checking after every step that the
text, the Span panel, the Spans and Quotes tables and the store agree: on the selected span, and
on every span. (The Spans table once showed one span while the text had selected another.)"""

import random

import pytest
from PySide6.QtCore import QPoint, Qt

KEYS = [Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_P, Qt.Key.Key_O, Qt.Key.Key_G, Qt.Key.Key_Q,
        Qt.Key.Key_S, Qt.Key.Key_C, Qt.Key.Key_M, Qt.Key.Key_Delete, Qt.Key.Key_Escape, Qt.Key.Key_Left,
        Qt.Key.Key_Right]


def agree(window, step) -> None:
    window.ensure_spans_loaded()
    stored = sorted((s.id, s.layer, s.label, s.start, s.end)
                    for s in window.project.spans(window.doc_id, window.annotator))
    shown = sorted((s.id, s.layer, s.label, s.start, s.end) for s in window.view.spans())
    assert stored == shown, step
    span = window.view.selected_span()
    table_rows = [index.row() for index in window.span_table.selectionModel().selectedRows()]
    quote_rows = [index.row() for index in window.quotes_table.selectionModel().selectedRows()]
    quote_ids = [quote.id for quote in window._quote_rows]
    if span is None:
        assert quote_rows == [], step
        return
    assert table_rows == [window.span_model.row_of(span.id)], step
    assert f"({span.id})" in window.span_panel._label.text(), step
    assert quote_rows == ([quote_ids.index(span.id)] if span.id in quote_ids else []), step


@pytest.mark.parametrize("language, seed", [("ar", 1), ("en", 2)])
def test_a_random_session_keeps_the_text_the_tables_and_the_store_in_agreement(window_in, qtbot, language, seed):
    window = window_in(language)
    rng = random.Random(seed)
    for step in range(150):
        window.ensure_spans_loaded()
        roll = rng.random()
        if roll < 0.3:
            viewport = window.view.viewport()
            at = QPoint(rng.randrange(viewport.width()), rng.randrange(min(300, viewport.height())))
            qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=at)
            what = f"click the text at {at}"
        elif roll < 0.45 and window.span_model.rowCount():
            table, row = window.span_table, rng.randrange(window.span_model.rowCount())
            table.scrollTo(window.span_model.index(row, 0))
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                             pos=table.visualRect(window.span_model.index(row, 2)).center())
            what = f"click Spans row {row}"
        elif roll < 0.5 and window.quotes_table.rowCount():
            table = window.quotes_table
            row = rng.randrange(table.rowCount())
            table.scrollToItem(table.item(row, 0))
            qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                             pos=table.visualItemRect(table.item(row, 0)).center())
            what = f"click Quotes row {row}"
        elif roll < 0.58:
            key = rng.choice([Qt.Key.Key_Left, Qt.Key.Key_Right])
            modifiers = rng.choice([Qt.KeyboardModifier.AltModifier,
                                    Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier])
            qtbot.keyClick(window.view, key, modifiers)
            what = f"{modifiers} {key}"
        elif roll < 0.62:
            window.layer_combo.setCurrentIndex(rng.randrange(window.layer_combo.count()))
            what = "switch the active layer"
        elif roll < 0.68:
            qtbot.keyClick(window.view, rng.choice([Qt.Key.Key_Z, Qt.Key.Key_Y]), Qt.KeyboardModifier.ControlModifier)
            what = "undo or redo"
        else:
            key = rng.choice(KEYS)
            qtbot.keyClick(window.view, key)
            what = f"key {key}"
        agree(window, (step, what))
