"""A random sequence of what a person does in the window, checking after every step that the
text, the Span panel, the Spans and Quotes tables and the store agree: on the selected span, on
every span and link, and on the selected span's values; that no span edge splits a letter from
its marks; and at the end that undoing every document's history gives back each document as
it was first opened, and redoing them each as it was left. (The Spans table once showed one
span while the text had selected another; a click that made no link left the panel and the
tables on the link's quote; redoing "Accept all suggestions" gave its spans new ids, and the
edits after it on the undo stack missed them; a new text direction dropped the links and the
selection; Ctrl+Z took back edits of another document.)"""

import random

import pytest
import regex
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QToolButton

KEYS = [Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_P, Qt.Key.Key_O, Qt.Key.Key_G, Qt.Key.Key_Q,
        Qt.Key.Key_S, Qt.Key.Key_C, Qt.Key.Key_M, Qt.Key.Key_H, Qt.Key.Key_B, Qt.Key.Key_Delete,
        Qt.Key.Key_Escape, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Return]
LABEL_KEYS = [Qt.Key.Key_P, Qt.Key.Key_O, Qt.Key.Key_G, Qt.Key.Key_Q, Qt.Key.Key_S, Qt.Key.Key_C, Qt.Key.Key_H,
              Qt.Key.Key_B]
CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)


def stored_as(window, doc_id: str, annotator: str) -> tuple[list, list]:
    """The spans and links ``annotator`` has in ``doc_id``, as the store holds them."""
    spans = sorted((s.id, s.layer, s.label, s.start, s.end, tuple(sorted(s.attrs.items())))
                   for s in window.project.spans(doc_id, annotator))
    links = sorted((r.id, r.label, r.from_id, r.to_id) for r in window.project.relations(doc_id, annotator))
    return spans, links


def stored(window) -> tuple[list, list]:
    """What the store holds of the open document as the window's annotator edits it."""
    return stored_as(window, window.doc_id, window.annotator)


def agree(window, step, edges: set[int]) -> None:
    window.ensure_spans_loaded()
    spans, links = stored(window)
    assert spans == sorted((s.id, s.layer, s.label, s.start, s.end, tuple(sorted(s.attrs.items())))
                           for s in window.view.spans()), step
    assert links == sorted((r.id, r.label, r.from_id, r.to_id) for r in window.view.relations()), step
    assert all(start in edges and end in edges for _id, _layer, _label, start, end, _attrs in spans), step
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
    values = dict(next(s for s in spans if s[0] == span.id)[5])
    for name, editor in window.span_panel._editors.items():
        if isinstance(editor, QComboBox):
            assert (editor.currentData() or "") == values.get(name, ""), (step, name)
        elif not editor.hasFocus():  # (being typed in, it shows what is typed)
            assert editor.text() == values.get(name, ""), (step, name)


def grapheme_edges(text: str) -> set[int]:
    return {0, *(match.end() for match in regex.finditer(r"\X", text))}


def random_step(window, qtbot, rng) -> str:
    """Does one thing a person does, chosen at random; says what."""
    viewport = window.view.viewport()

    def somewhere() -> QPoint:
        return QPoint(rng.randrange(viewport.width()), rng.randrange(min(400, viewport.height())))

    roll = rng.random()
    if roll < 0.2:
        at = somewhere()
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=at)
        return f"click the text at {at}"
    if roll < 0.32:  # select with the mouse (whole words, or with Alt part of one), then a label's key
        a, b, modifiers = somewhere(), somewhere(), rng.choice([Qt.KeyboardModifier.NoModifier, ALT])
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, modifiers, a)
        qtbot.mouseMove(viewport, (a + b) / 2)
        qtbot.mouseMove(viewport, b)
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifiers, b)
        key = rng.choice(LABEL_KEYS)
        qtbot.keyClick(window.view, key)
        return f"drag {a} → {b} ({modifiers}), key {key}"
    if roll < 0.38 and window.span_model.rowCount():
        table, row = window.span_table, rng.randrange(window.span_model.rowCount())
        table.scrollTo(window.span_model.index(row, 0))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                         pos=table.visualRect(window.span_model.index(row, 2)).center())
        return f"click Spans row {row}"
    if roll < 0.41 and window.quotes_table.rowCount():
        table = window.quotes_table
        row = rng.randrange(table.rowCount())
        table.scrollToItem(table.item(row, 0))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                         pos=table.visualItemRect(table.item(row, 0)).center())
        return f"click Quotes row {row}"
    if roll < 0.46:
        key = rng.choice([Qt.Key.Key_Left, Qt.Key.Key_Right])
        modifiers = rng.choice([ALT, ALT | SHIFT, ALT | CTRL])
        qtbot.keyClick(window.view, key, modifiers)
        return f"{modifiers} {key}"
    if roll < 0.49:
        window.layer_combo.setCurrentIndex(rng.randrange(window.layer_combo.count()))
        return "switch the active layer"
    if roll < 0.56:
        qtbot.keyClick(window.view, rng.choice([Qt.Key.Key_Z, Qt.Key.Key_Y]), rng.choice([CTRL, CTRL | SHIFT]))
        return "undo or redo"
    if roll < 0.62:  # Ctrl+L, then a click anywhere, or Tab to a candidate and Enter (or Escape)
        qtbot.keyClick(window.view, Qt.Key.Key_L, CTRL)
        if rng.random() < 0.5:
            at = somewhere()
            qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=at)
            return f"link, then click {at}"
        for _ in range(rng.randrange(3)):
            qtbot.keyClick(window.view, Qt.Key.Key_Tab)
        qtbot.keyClick(window.view, rng.choice([Qt.Key.Key_Return, Qt.Key.Key_Escape]))
        return "link with Tab and Enter or Escape"
    if roll < 0.67:
        labels = window.label_list
        item = labels.item(rng.randrange(labels.count()))
        labels.scrollToItem(item)
        qtbot.mouseDClick(labels.viewport(), Qt.MouseButton.LeftButton, pos=labels.visualItemRect(item).center())
        return f"double-click the label {item.text()}"
    if roll < 0.74 and window.span_panel._editors:
        name, editor = rng.choice(list(window.span_panel._editors.items()))
        window.attr_dock.widget().ensureWidgetVisible(editor)
        qtbot.mouseClick(editor, Qt.MouseButton.LeftButton)
        if isinstance(editor, QComboBox):
            QApplication.processEvents()
            qtbot.keyClick(editor.view(), rng.choice([Qt.Key.Key_Down, Qt.Key.Key_Up]))
            qtbot.keyClick(editor.view(), Qt.Key.Key_Return)
            return f"choose a {name}"
        qtbot.keyClicks(editor, rng.choice(["x", "Zaki", " 12 ", ""]))
        if rng.random() < 0.5:
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        else:  # or leave it for the text
            qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=somewhere())
        return f"type in {name}"
    if roll < 0.77:
        removes = window.span_panel.findChildren(QToolButton, "remove-link")
        removes = [button for button in removes if button.isVisibleTo(window.span_panel)]
        if not removes:
            return "no link to remove"
        button = rng.choice(removes)
        window.attr_dock.widget().ensureWidgetVisible(button)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        return "remove a link in the Span panel"
    if roll < 0.79:
        choice = rng.randrange(3)
        if choice == 0:
            qtbot.keyClick(window.view, Qt.Key.Key_M, CTRL | SHIFT)
            return "mark all occurrences"
        if choice == 1:
            window.suggest_here()
            return "suggest quotes and speakers"
        qtbot.keyClick(window.view, Qt.Key.Key_Return, CTRL | SHIFT)
        return "accept all suggestions"
    key = rng.choice(KEYS)
    qtbot.keyClick(window.view, key)
    return f"key {key}"


@pytest.mark.parametrize("language, seed, doc_id", [("ar", 2, "ar-01-defence-fair"), ("en", 2, "mixed-01-web-summit")])
def test_a_random_session_keeps_the_text_the_tables_and_the_store_in_agreement(window_in, qtbot, language, seed,
                                                                               doc_id):
    window = window_in(language)
    window.open_document(doc_id)
    window.activateWindow()  # the window's shortcuts (Ctrl+L, Ctrl+Shift+M, ...) work in the active window
    qtbot.waitUntil(window.isActiveWindow)
    rng = random.Random(seed)
    first_seen, edges = {}, {}  # per document: as first opened; where its graphemes begin
    done = []
    for step in range(300):
        if window.doc_id not in first_seen:
            first_seen[window.doc_id] = stored(window)
            edges[window.doc_id] = grapheme_edges(window.project.text(window.doc_id))
        window.ensure_spans_loaded()
        roll = rng.random()
        if roll < 0.03:
            qtbot.keyClick(window.view, rng.choice([Qt.Key.Key_PageDown, Qt.Key.Key_PageUp]), CTRL)
            done.append("another document")
        elif roll < 0.06:
            window.direction_actions[rng.choice(["auto", "rtl", "ltr"])].trigger()  # View ▸ Text direction
            done.append("another text direction")
        else:
            done.append(random_step(window, qtbot, rng))
        if window.doc_id not in first_seen:
            first_seen[window.doc_id] = stored(window)
            edges[window.doc_id] = grapheme_edges(window.project.text(window.doc_id))
        agree(window, (step, done[-3:]), edges[window.doc_id])
    assert len(first_seen) >= 2  # the session went to another document
    # Each document's own history: undone, the document as first opened; redone, as left.
    for doc_id, at_start in first_seen.items():
        window.open_document(doc_id)
        at_end, steps = stored(window), window.undo_stack.index()
        for _ in range(steps):
            window.undo_stack.undo()
        assert stored(window) == at_start, doc_id
        for _ in range(steps):
            window.undo_stack.redo()
        assert stored(window) == at_end, doc_id
    assert sum(1 for step in done if step.startswith(("drag", "key", "accept", "type", "choose"))) >= 20


# Everything that makes a Qt position differ from a code point offset, or a grapheme from a
# code point: a leading byte order mark, CRLF and a lone CR, emoji (a ZWJ family, a flag), a
# paragraph separator inside a line, harakat and shadda, tabs, Latin and digits inside Arabic.
HARD_TEXT = "\n".join([
    "\ufeffقال المتحدث زكي أكتورك للصحفيين: «صمّمنا هذه الطائرات لتركيا أولاً».\r\nوأضاف أن الشركة تلقت 12 طلباً.",
    "قال 👨‍👩‍👧 أحمد 🇸🇦 إن «الوفد وصل» (IDEF 2025) أمس.\u2028وقال علي: «نعم».\tوأضاف: «لا».",
    "قَالَ المُتَحَدِّثُ زَكِيّ: «صَمَّمْنَا الطَّائِرَاتِ لِتُرْكِيَا».\n\nوَأَضَافَ أَنَّ الشَّرِكَةَ تَلَقَّتْ طَلَبَاتٍ.",
    "Ahmed said: \"we arrived\".\r\n\r\nقال أحمد: «وصلنا» ثم\r\nأضاف 3.5% إلى ١٢٬٥ مليون.\r",
] * 3)


def test_a_random_session_on_a_text_with_emoji_marks_and_odd_line_breaks(window_in, qtbot):
    """The same session on a text where Qt positions and code points part ways (a drag across an
    emoji raised; a leading byte order mark moved every span a letter)."""
    from annotator.core.model import AnnotatedDocument, Document
    from annotator.store.bulk import import_records

    window = window_in("en")
    import_records(window.project, [AnnotatedDocument(Document("hard", HARD_TEXT, {}))])
    window.refresh_documents()
    window.open_document("hard")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    rng = random.Random(0)
    first_seen, edges, done = stored(window), grapheme_edges(HARD_TEXT), []
    for step in range(250):
        window.ensure_spans_loaded()
        if rng.random() < 0.05:
            window.direction_actions[rng.choice(["auto", "rtl", "ltr"])].trigger()  # View ▸ Text direction
            done.append("another text direction")
        else:
            done.append(random_step(window, qtbot, rng))
        if window.doc_id != "hard":  # (the session stays on this document)
            window.open_document("hard")
        agree(window, (step, done[-3:]), edges)
    at_end, steps = stored(window), window.undo_stack.index()
    for _ in range(steps):
        window.undo_stack.undo()
    assert stored(window) == first_seen
    for _ in range(steps):
        window.undo_stack.redo()
    assert stored(window) == at_end
    assert sum(1 for step in done if step.startswith(("drag", "key", "accept", "type", "choose"))) >= 20

def everyone(window) -> list:
    """Every annotator's spans and links of every document (what viewing must leave alone)."""
    out = []
    for doc_id in window.project.document_ids():
        out.append(sorted((s.annotator, s.id, s.layer, s.label, s.start, s.end) for s in window.project.spans(doc_id)))
        out.append(sorted((r.annotator, r.id, r.from_id, r.to_id) for r in window.project.relations(doc_id)))
    return out


def test_a_random_session_with_gold_and_other_pairs_work(sample_window, qtbot):
    """The same, also adjudicating (deciding differences into gold, and back), and viewing
    other pairs' work from Team ▸ Agreement (nothing in the store may change meanwhile); at the
    end each document's history as each annotator and as gold undoes to how it was first seen.
    As layla, who is in no pair of the sample: a pair opens for reading only."""
    window = sample_window("layla")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.show_agreement()
    dialog = window.agreement_dialog
    rng = random.Random(0)
    first_seen, done, viewed = {}, [], 0
    for step in range(300):
        key = (window.doc_id, window.annotator)
        if key not in first_seen:
            first_seen[key] = stored(window)
        window.ensure_spans_loaded()
        roll = rng.random()
        before = everyone(window) if window.viewing_from is not None else None
        if roll < 0.05 and dialog.documents.rowCount():
            row = rng.randrange(dialog.documents.rowCount())
            double_click = dialog.documents.visualItemRect(dialog.documents.item(row, 0)).center()
            qtbot.mouseDClick(dialog.documents.viewport(), Qt.MouseButton.LeftButton, pos=double_click)
            done.append(f"view the pair of row {row}")
        elif roll < 0.08:
            window.back_action.trigger()  # Team ▸ Back to my work (when enabled)
            done.append("back to my work")
        elif roll < 0.11:
            window.adjudicate_action.trigger()
            done.append(f"adjudicate: {window.adjudicating_from is not None}")
        elif roll < 0.16 and window.adjudicating_from is not None and window.differences.candidates:
            panel = window.differences
            panel.table.setCurrentCell(rng.randrange(len(panel.candidates)), 0)
            qtbot.mouseClick(rng.choice([panel.accept_button, panel.reject_button]), Qt.MouseButton.LeftButton)
            done.append("decide a difference")
        else:
            done.append(random_step(window, qtbot, rng))
            if before is not None:
                viewed += 1
                assert everyone(window) == before, ("edited while viewing", step, done[-3:])
        key = (window.doc_id, window.annotator)
        if key not in first_seen:
            first_seen[key] = stored(window)
        agree(window, (step, done[-3:]), grapheme_edges(window.project.text(window.doc_id)))
    assert viewed >= 10 and "decide a difference" in done  # steps taken while viewing
    window.back_action.trigger()
    if window.adjudicating_from is not None:
        window.adjudicate_action.trigger()
    for (doc_id, annotator), at_start in first_seen.items():
        history = window.undo_histories.follow(doc_id, annotator)
        while history.canUndo():
            history.undo()
        assert stored_as(window, doc_id, annotator) == at_start, (doc_id, annotator)
