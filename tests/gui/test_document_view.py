"""The document view: offsets across UTF-16/CRLF, selections in both directions, geometry."""

import pytest

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from annotator.core.model import Span

ARABIC = "قال المتحدث زكي أكتورك إن الشركة تلقت طلبات لتركيا أمس."
MIXED = "وقال المتحدث في معرض (IDEF 2025) أمس إن الطلبات زادت."


def span(layer, label, start, end, sid="T1"):
    return Span(sid, "d", "amal", layer, label, start, end, {})


def center_of(view, cp):
    (rect,) = view.span_rects(cp, cp + 1)[:1]
    return rect.center()


def send_mouse(view, kind, point, buttons, modifiers=Qt.KeyboardModifier.NoModifier):
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    global_point = view.viewport().mapToGlobal(point.toPoint())
    event = QMouseEvent(kind, QPointF(point), QPointF(global_point), button, buttons, modifiers)
    QApplication.sendEvent(view.viewport(), event)


def drag(view, start_point, end_point, modifiers=Qt.KeyboardModifier.NoModifier):
    held = Qt.MouseButton.LeftButton
    send_mouse(view, QEvent.Type.MouseButtonPress, start_point, held, modifiers)
    middle = (start_point + end_point) / 2
    send_mouse(view, QEvent.Type.MouseMove, middle, held, modifiers)
    send_mouse(view, QEvent.Type.MouseMove, end_point, held, modifiers)
    send_mouse(view, QEvent.Type.MouseButtonRelease, end_point, Qt.MouseButton.NoButton, modifiers)


def test_drag_right_to_left_and_left_to_right_give_the_same_logical_offsets(view):
    view.set_document(ARABIC, [])
    start = ARABIC.index("زكي")
    end = ARABIC.index("أكتورك") + len("أكتورك")
    first, last = center_of(view, start), center_of(view, end - 1)
    assert first.x() > last.x()  # right-to-left on screen
    drag(view, first, last)  # the reading direction
    rtl = view.selection_cp()
    view.select_cp(0, 0)
    drag(view, last, first)  # against it
    ltr = view.selection_cp()
    assert rtl == ltr == (start, end)
    assert ARABIC[slice(*rtl)] == "زكي أكتورك"


def test_drag_inside_a_word_snaps_to_the_word_and_alt_keeps_the_sub_word(view):
    view.set_document(ARABIC, [])
    host = ARABIC.index("لتركيا")
    drag(view, center_of(view, host + 2), center_of(view, host + 4))
    assert ARABIC[slice(*view.selection_cp())] == "لتركيا"
    view.select_cp(0, 0)
    drag(view, center_of(view, host + 1), center_of(view, host + 5), Qt.KeyboardModifier.AltModifier)
    assert ARABIC[slice(*view.selection_cp())] == "تركيا"
    assert view.subword_selection()


def test_selection_across_latin_and_digits_inside_arabic(view):
    view.set_document(MIXED, [])
    start, end = MIXED.index("("), MIXED.index(")") + 1
    view.select_cp(start, end)
    assert view.textCursor().selectedText() == "(IDEF 2025)"
    assert view.selection_cp() == (start, end)
    # The span is drawn where its glyphs are: inside the Arabic line, as one visual piece,
    # left of the Arabic word before it and right of the one after it (RTL paragraph).
    (piece,) = view.span_rects(start, end)
    before = view.span_rects(MIXED.index("معرض"), MIXED.index("معرض") + 4)[0]
    after = view.span_rects(MIXED.index("أمس"), MIXED.index("أمس") + 3)[0]
    assert after.right() <= piece.left() + 1 and piece.right() <= before.left() + 1


def test_emoji_and_crlf_before_a_span(view):
    text = "سطر أول 😀\r\nقال المتحدث إن تركيا\r\nانتهى"
    start = text.index("تركيا")
    view.set_document(text, [span("entity", "GPE", start, start + 5)])
    view.select_cp(start, start + 5)
    assert view.textCursor().selectedText() == "تركيا"
    # Qt position: one more unit for the emoji, one less for the folded CRLF.
    assert view.textCursor().selectionStart() == start + 1 - 1
    assert view.selection_cp() == (start, start + 5)
    view.select_cp(len(text) - 5, len(text))
    assert view.textCursor().selectedText() == "انتهى"


def test_highlight_rectangles_lie_over_the_span_glyphs(view):
    view.set_document(ARABIC, [])
    start = ARABIC.index("الشركة")
    end = start + len("الشركة")
    (rect,) = view.span_rects(start, end)
    # Independent geometry: the QTextLine's cursor positions at the word's two ends.
    block = view.document().firstBlock()
    line = block.layout().lineForTextPosition(start)
    origin = view.blockBoundingGeometry(block).translated(view.contentOffset()).topLeft()
    xs = sorted(origin.x() + line.cursorToX(p)[0] for p in (start, end))
    assert abs(rect.left() - xs[0]) < 1.5 and abs(rect.right() - xs[1]) < 1.5
    assert abs(rect.top() - (origin.y() + line.y())) < 0.5 and abs(rect.height() - line.height()) < 0.5


def test_clicks_select_and_cycle_overlapping_spans(view, qtbot):
    start = ARABIC.index("زكي")
    end = start + len("زكي أكتورك")
    spans = [span("entity", "PER", start, end, "T1"), span("speaker", "SPEAKER", ARABIC.index("المتحدث"), end, "T2")]
    view.set_document(ARABIC, spans)
    point = center_of(view, start + 1)
    clicked = []
    view.spanClicked.connect(lambda s: clicked.append(s.id if s else None))
    for _ in range(3):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point.toPoint())
    assert clicked == ["T1", "T2", "T1"]  # active layer (entity) first, then cycling
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 300))
    assert clicked[-1] is None


def test_only_visible_spans_become_extra_selections(view):
    lines = "\n".join(f"سطر رقم {n} فيه تركيا" for n in range(400))
    spans = []
    at = 0
    for n, line in enumerate(lines.split("\n")):
        k = line.index("تركيا")
        spans.append(span("entity", "GPE", at + k, at + k + 5, f"T{n}"))
        at += len(line) + 1
    view.set_document(lines, spans)
    assert 0 < len(view.extraSelections()) < 40
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    QApplication.processEvents()
    lo, hi = view.visible_range_cp()
    assert lo > len(lines) // 2
    selected = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in view.extraSelections()]
    assert selected and all(lo <= a for a, _ in selected)


def test_direction_override_and_alignment(view):
    view.set_document("Left to right first.\nثم سطر عربي.", [], "auto")
    option = view.document().defaultTextOption()
    assert option.alignment() & Qt.AlignmentFlag.AlignLeft
    view.set_direction("rtl")
    option = view.document().defaultTextOption()
    assert option.textDirection() == Qt.LayoutDirection.RightToLeft
    assert option.alignment() & Qt.AlignmentFlag.AlignRight


def edge_of(view, cp, side, outward=0.0):
    (rect,) = view.span_rects(cp, cp + 1)[:1]
    x = rect.left() - outward if side == "left" else rect.right() + outward
    return QPointF(x, rect.center().y())


@pytest.mark.parametrize("outward", [0.0, 1.0, -1.0], ids=["on the edge", "just outside", "just inside"])
def test_drag_across_a_latin_run_from_its_visual_edges_selects_the_run(view, outward):
    # "(IDEF 2025)" inside an Arabic line: the visual edges of the Latin run touch the
    # brackets, which are on the far side of the run in logical order. Qt's own hit test on
    # the edge selected ")".
    view.set_document(MIXED, [])
    start = MIXED.index("IDEF")
    end = MIXED.index("2025") + 4
    left, right = edge_of(view, start, "left", outward), edge_of(view, end - 1, "right", outward)
    assert left.x() < right.x()  # the Latin run reads left to right inside the Arabic line
    for a, b in ((left, right), (right, left)):
        view.select_cp(0, 0)
        drag(view, a, b)
        assert MIXED[slice(*view.selection_cp())] == "IDEF 2025"


def test_a_slight_overshoot_does_not_take_the_colon_or_quotation_marks(view):
    text = "قال فلان: «الطلبات زادت» أمس."
    view.set_document(text, [])
    name = text.index("فلان")
    drag(view, center_of(view, name), center_of(view, name + 4))  # over the colon
    assert text[slice(*view.selection_cp())] == "فلان"
    view.select_cp(0, 0)
    opening, closing = text.index("«"), text.index("»")
    drag(view, center_of(view, opening), center_of(view, closing))
    assert text[slice(*view.selection_cp())] == "الطلبات زادت"
    view.select_cp(0, 0)
    drag(view, center_of(view, opening), center_of(view, closing), Qt.KeyboardModifier.AltModifier)
    assert text[slice(*view.selection_cp())] == "«الطلبات زادت»"  # Alt keeps exactly what was selected


def test_a_drag_starting_inside_the_selection_starts_a_new_one(view):
    view.set_document(ARABIC, [])
    first = ARABIC.index("المتحدث")
    view.select_cp(first, first + len("المتحدث"))
    other = ARABIC.index("الشركة")
    drag(view, center_of(view, first + 2), center_of(view, other + 3))
    start, end = view.selection_cp()
    assert (start, end) == (first, other + len("الشركة"))


def test_layer_spans_follow_adds_and_removals(view):
    from annotator.core.model import Span

    text = "زار الرئيس لتركيا أمس وقال إن الزيارة ناجحة"
    view.set_document(text, [Span("Q1", "d", "a", "quote", "QUOTE", 27, 43, {}),
                             Span("T1", "d", "a", "entity", "GPE", 12, 17, {})])
    assert [s.id for s in view.layer_spans("quote")] == ["Q1"]
    view.add_span(Span("Q0", "d", "a", "quote", "QUOTE", 0, 10, {}))
    view.add_span(Span("T2", "d", "a", "entity", "PER", 4, 10, {}))
    assert [s.id for s in view.layer_spans("quote")] == ["Q0", "Q1"]  # in document order
    view.remove_span("Q1")
    assert [s.id for s in view.layer_spans("quote")] == ["Q0"]
    assert [s.id for s in view.layer_spans("entity")] == ["T2", "T1"]


@pytest.mark.parametrize("mark", ["\ufeff", "\ufffe"])
def test_a_text_that_begins_with_a_byte_order_mark_is_shown_as_stored(view, mark):
    """A str handed to Qt loses a leading U+FEFF (read as a byte order mark), and a leading
    U+FFFE swaps the bytes of the whole text: a document whose text began with one (a teammate's
    JSONL, a Label Studio task) showed each span one letter away from where it is stored, and a
    drag stored a span a letter off."""
    text = mark + "قال المتحدث زكي أكتورك"
    start = text.index("زكي")
    view.set_document(text, [span("entity", "PER", start, start + 3)])
    assert view.document().toPlainText() == text
    first, last = center_of(view, start), center_of(view, start + 2)
    drag(view, first, last, Qt.KeyboardModifier.AltModifier)  # Alt: exactly the letters dragged over
    assert view.selection_cp() == (start, start + 3)
    assert view.textCursor().selectedText() == "زكي"
    view.set_direction("ltr")
    assert view.document().toPlainText() == text and not view.document().isUndoAvailable()


def test_the_letters_after_an_emoji_are_hit_where_they_are(view):
    """Qt positions count an emoji twice (UTF-16) where the block's text in Python counts it
    once: every letter after one was looked up a unit off, and a drag across 🇸🇦 raised
    ("falls inside a surrogate pair") instead of selecting."""
    text = "قال 👨‍👩‍👧 أحمد 🇸🇦 إن الوفد وصل"
    view.set_document(text, [])
    for word in ("أحمد", "إن", "الوفد"):
        start = text.index(word)
        for cp in range(start, start + len(word)):
            assert view.character_at(center_of(view, cp))[:2] == (cp, cp + 1), (word, cp)
        drag(view, center_of(view, start), center_of(view, start + len(word) - 1), Qt.KeyboardModifier.AltModifier)
        assert text[slice(*view.selection_cp())] == word
    flag = text.index("🇸🇦")
    drag(view, center_of(view, flag - 2), center_of(view, flag + 3), Qt.KeyboardModifier.AltModifier)
    assert text[slice(*view.selection_cp())] == "د 🇸🇦 إ"
