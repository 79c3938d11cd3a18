"""The document view: the text shaped as whole paragraphs, spans painted at draw time.

Why a read-only ``QPlainTextEdit`` with extra selections and our own painting, and never
character formats: a ``QTextCharFormat`` boundary inside a word splits Qt's shaping item, so
Amiri loses its ligatures and the line re-flows (measured; see DEVELOPERS.md). Extra
selections are painted over the already shaped line, like the mouse selection.

* The active layer is a tint (extra selections, built for the visible blocks only: building
  20,000 of them costs about half a second).
* Other layers are underlines in stacked lanes, the selected span an outline; their geometry
  comes from ``QTextLine.glyphRuns(from, length)``, which gives the true extent of each visual
  run, so a span that crosses a bidi boundary (Arabic next to "IDEF 2025") is drawn as the
  separate pieces it really is. ``cursorToX`` jumps to the other run's edge there (measured).
* Segments are bands in a margin on the leading side.

Offsets: everything outside this widget is in code points. This widget converts with
:class:`annotator.core.offsets.QtPositionMap` (UTF-16 units, folded CRLF) and nowhere else.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from operator import attrgetter

from PySide6.QtCore import QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QRegion,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from annotator.core.direction import paragraph_is_rtl
from annotator.core.model import Span
from annotator.core.offsets import QtPositionMap, snap_selection
from annotator.core.schema import Schema
from annotator.gui.physical_keys import latin_letter

SEGMENT_LAYER = "segment"
LONG_SPAN = 2000  # spans longer than this are few (segments, long quotes) and kept apart
TINT_ALPHA = 90
LANE_SPACING = 3
BAND_WIDTH = 8
TAG_GUTTER = 70  # the strip on the trailing side where link names are written, beside the text
DIRECTIONS = {"auto": Qt.LayoutDirection.LayoutDirectionAuto, "rtl": Qt.LayoutDirection.RightToLeft,
              "ltr": Qt.LayoutDirection.LeftToRight}


def _document_order(span: Span) -> tuple[int, int]:
    return span.start, -span.end


_BYTE_ORDER_MARKS = ("\ufeff", "\ufffe")


class DocumentView(QPlainTextEdit):
    """Shows one document and one annotator's spans; reports selections in code points."""

    spanClicked = Signal(object)  # Span, or None when a click hit no span
    suggestionClicked = Signal(object)  # a suggested Span (id "s<pk>") under a click
    selectionChangedCp = Signal(int, int)  # start, end (code points; equal when nothing is selected)
    keyCommand = Signal(str, object)  # name, argument: ("label", key), ("delete", None), ...

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setCursorWidth(2)
        self._text = ""
        self._positions = QtPositionMap("")
        self._spans: list[Span] = []  # short spans, sorted by start
        self._starts: list[int] = []
        self._long: list[Span] = []
        self._schema: Schema | None = None
        self._colors: dict[tuple[str, str], QColor] = {}
        self._active_layer = "entity"
        self._hidden: set[str] = set()
        self._selected: str | None = None
        self._direction = "auto"
        self._tint_key = None  # what the current extra selections were built for
        self._version = 0  # bumped on every change of spans or options
        self._refreshes_held = 0  # inside one_refresh(): how deep
        self._refresh_wanted = False  # a refresh was asked for while held
        self._held_region: QRegion | None = QRegion()  # where, while held (None: everywhere)
        self._held_at = (0, 0)  # the scroll bars' values when it was held
        self._band = _SegmentBand(self)
        self._gutter = _LinkGutter(self)
        self._link_tags: list[tuple[float, str, QColor]] = []  # (viewport y, display name, colour)
        self._last_click: tuple[int, list[str]] | None = None
        self._subword = False  # the current selection was made with Alt held
        self._press_point: QPointF | None = None  # where the current mouse selection started
        self.language = "en"  # of the interface: link tags show relation names in it
        self._comparison: list[Span] = []  # another annotator's spans, drawn dashed (compare mode)
        self._suggestions: list[Span] = []  # pending suggestions, drawn dotted until decided
        self._selected_suggestion: str | None = None
        self._relations: list = []  # links of the shown spans, drawn when one end is selected
        self.updateRequest.connect(self._on_update_request)
        self.selectionChanged.connect(self._emit_selection)
        self._place_band()

    # ------------------------------------------------------------------ content

    def set_schema(self, schema: Schema) -> None:
        self._schema = schema
        self._colors = {(layer.name, label.name): QColor(label.color) for layer in schema.layers
                        for label in layer.labels}
        self._refresh()

    def set_document(self, text: str, spans: list[Span], direction: str = "auto") -> None:
        """Show ``text`` with ``spans``; ``direction`` is "auto" (per paragraph, from its first
        strong character), "rtl" or "ltr" (the per-document override)."""
        self._comparison = []
        self._suggestions = []
        self._selected_suggestion = None
        self._relations = []
        self._text = text
        self._positions = QtPositionMap(text)
        self._store_spans([])  # setPlainText repaints while the old spans would not fit the new text
        self._selected = None
        self._lay_out(direction)
        self._store_spans(spans)
        self._refresh()

    def set_direction(self, direction: str) -> None:
        """Lay the text out again in ``direction``; all that is shown on it stays: the spans,
        links, suggestions, another annotator's outlines, the selected span and text, and the
        scroll position (through set_document, the links, suggestions and outlines were gone
        until the document was opened again, and the selection with them)."""
        scroll = self.verticalScrollBar().value()
        cursor = self.textCursor()
        anchor, position = cursor.anchor(), cursor.position()
        self._lay_out(direction)
        cursor = QTextCursor(self.document())  # the same text: the same positions
        cursor.setPosition(anchor)
        cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(scroll)
        self._refresh()

    def _lay_out(self, direction: str) -> None:
        """Give the text (``self._text``) to Qt to lay out in ``direction``."""
        self._direction = direction
        option = self.document().defaultTextOption()
        option.setTextDirection(DIRECTIONS[direction])
        # QPlainTextEdit lays every block out with the document's one QTextOption and does not
        # mirror AlignLeft for right-to-left blocks (measured, Qt 6.11): so align the whole
        # document by its direction. Each paragraph still gets its own bidi direction.
        rtl = direction == "rtl" or (direction == "auto" and paragraph_is_rtl(self._text))
        option.setAlignment((Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
                            | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        if self._text[:1] in _BYTE_ORDER_MARKS:
            # PySide hands a str to Qt as UTF-16 read with its byte order mark: a leading U+FEFF
            # was dropped (every position after it one off its code point: spans drawn and made
            # a letter away) and U+FFFE swapped the bytes of the whole text. A space before it,
            # deleted in Qt, leaves the text as it is stored.
            self.setPlainText(" " + self._text)
            QTextCursor(self.document()).deleteChar()
            self.document().clearUndoRedoStacks()
        else:
            self.setPlainText(self._text)

    def set_spans(self, spans: list[Span]) -> None:
        self._store_spans(spans)
        if self._selected and self.selected_span() is None:
            self._selected = None
        self._refresh()

    def add_span(self, span: Span) -> None:
        """Show one more span (an edit): no re-sorting of the others."""
        self._by_id[span.id] = span
        cached = self._by_layer.get(span.layer)
        if cached is not None:  # keep the layer's ordered list current instead of rebuilding it
            cached.insert(bisect.bisect_right(cached, (span.start, -span.end), key=_document_order), span)
        if span.end - span.start > LONG_SPAN:
            self._long.append(span)
        else:
            at = bisect.bisect_right(self._starts, span.start)
            self._starts.insert(at, span.start)
            self._spans.insert(at, span)
        self._refresh(self._region_of([span]))

    def remove_span(self, span_id: str) -> None:
        gone = self._by_id.get(span_id)
        region = self._region_of([gone] if gone is not None else [])  # where it was drawn, while it is here
        span = self._by_id.pop(span_id, None)
        if span is not None and span.layer in self._by_layer:
            self._by_layer[span.layer] = [s for s in self._by_layer[span.layer] if s.id != span_id]
        if span is not None and span.end - span.start <= LONG_SPAN:
            # Among the spans starting where it starts (bisect), not a scan of all 20,000.
            at = bisect.bisect_left(self._starts, span.start)
            while at < len(self._spans) and self._starts[at] == span.start:
                if self._spans[at].id == span_id:
                    del self._spans[at]
                    del self._starts[at]
                    break
                at += 1
        elif span is not None:
            self._long = [s for s in self._long if s.id != span_id]
        if self._selected == span_id:
            self._selected = None
        self._refresh(region)

    def _store_spans(self, spans: list[Span]) -> None:
        # Two stable C-level sorts give (start, longer first) and cost next to nothing on the
        # store's already ordered lists; one sort with a Python key costs ~10 ms for 20,000.
        short = [s for s in spans if s.end - s.start <= LONG_SPAN]
        short.sort(key=attrgetter("end"), reverse=True)
        short.sort(key=attrgetter("start"))
        self._spans = short
        self._starts = [s.start for s in short]
        self._long = [s for s in spans if s.end - s.start > LONG_SPAN]
        self._by_id = {s.id: s for s in spans}  # selection and links look spans up by id
        self._by_layer: dict[str, list[Span]] = {}  # layer_spans(), filled on demand

    def layer_spans(self, layer: str) -> list[Span]:
        """The spans of one layer in document order (no copy of the others). Kept per layer
        and updated by edits: the quotes panel asks after every edit, and scanning 56,000
        spans for the few quotes took 4 ms of each."""
        if layer not in self._by_layer:
            self._by_layer[layer] = sorted((s for s in self._spans + self._long if s.layer == layer),
                                           key=_document_order)
        return list(self._by_layer[layer])

    def spans_by_id(self, ids) -> dict[str, Span]:
        """The shown spans with these ids."""
        return {i: self._by_id[i] for i in set(ids) if i in self._by_id}

    def spans(self) -> list[Span]:
        """All spans shown, in document order."""
        return sorted(self._spans + self._long, key=_document_order)

    def text(self) -> str:
        return self._text

    def direction(self) -> str:
        return self._direction

    def set_relations(self, relations: list) -> None:
        relations = list(relations)
        if relations != self._relations:  # after every edit: unchanged, nothing to repaint
            self._relations = relations
            self.viewport().update()

    def relations(self) -> list:
        return list(self._relations)

    def set_suggestions(self, spans: list[Span]) -> None:
        suggestions = sorted(spans, key=_document_order)
        if suggestions == self._suggestions:  # after every edit: unchanged, nothing to repaint
            return
        self._suggestions = suggestions
        if self._selected_suggestion and not any(s.id == self._selected_suggestion for s in self._suggestions):
            self._selected_suggestion = None
        self.viewport().update()

    def suggestions(self) -> list[Span]:
        return list(self._suggestions)

    def set_selected_suggestion(self, suggestion_id: str | None) -> None:
        self._selected_suggestion = suggestion_id
        self.viewport().update()

    def selected_suggestion(self) -> Span | None:
        return next((s for s in self._suggestions if s.id == self._selected_suggestion), None)

    def set_comparison(self, spans: list[Span]) -> None:
        """Overlay another annotator's spans as dashed outlines (empty list: none)."""
        self._comparison = sorted(spans, key=lambda s: s.start)
        self.viewport().update()

    def comparison(self) -> list[Span]:
        return list(self._comparison)

    def set_active_layer(self, layer: str) -> None:
        self._active_layer = layer
        self._refresh()

    def active_layer(self) -> str:
        return self._active_layer

    def set_layer_visible(self, layer: str, visible: bool) -> None:
        (self._hidden.discard if visible else self._hidden.add)(layer)
        self._refresh()

    def is_layer_visible(self, layer: str) -> bool:
        return layer not in self._hidden

    def set_selected_span(self, span_id: str | None, ensure_visible: bool = True) -> None:
        with self.one_refresh():  # scrolled to the span, it repaints all (see one_refresh)
            before = self._selection_region()
            self._selected = span_id
            span = self.selected_span()
            if span is not None and ensure_visible:
                cursor = QTextCursor(self.document())
                cursor.setPosition(self._positions.to_qt(span.start))
                self.setTextCursor(cursor)
                self.ensureCursorVisible()
            after = self._selection_region()
            self._refresh(before.united(after) if before is not None and after is not None else None)

    def _selection_region(self) -> QRegion | None:
        """Where the selected span's outline and links are drawn (see _region_of)."""
        selected = self.selected_span()
        if selected is None:
            return QRegion()
        linked = [r.to_id if r.from_id == selected.id else r.from_id
                  for r in self._relations if selected.id in (r.from_id, r.to_id)]
        return self._region_of([selected, *self.spans_by_id(linked).values()])

    def _region_of(self, spans: list[Span]) -> QRegion | None:
        """The band of the viewport, its whole width, where ``spans`` (and the links between
        them) are drawn; None (the whole viewport) when one reaches beyond the visible text.
        A change there is repainted there only: a whole repaint redraws every visible tint
        (8 ms with 80 tints on screen, 2-4 ms without, measured)."""
        if not spans:
            return QRegion()
        lo, hi = self.visible_range_cp()
        if all(span.start > hi for span in spans):
            return QRegion()  # all below: a link's curve sags further down, out of sight
        if all(span.end <= lo for span in spans):
            if len(spans) == 1:
                return QRegion()
            # All above: a link's curve between them may dip a little into the first line.
            return QRegion(0, 0, self.viewport().width(), 2 * self.fontMetrics().height())
        if any(span.start < lo or span.end > hi for span in spans):
            return None
        top = bottom = None
        for span in spans:
            for rect in self.span_rects(span.start, span.end):
                # A link's curve sags half a line below the lower of its two spans.
                top = rect.top() if top is None else min(top, rect.top())
                bottom = rect.bottom() + rect.height() if bottom is None else max(bottom, rect.bottom() + rect.height())
        if top is None:
            return QRegion()
        return QRegion(0, int(top) - 3, self.viewport().width(), int(bottom - top) + 7)

    def selected_span(self) -> Span | None:
        if self._selected is None:
            return None
        return self._by_id.get(self._selected)

    # ------------------------------------------------------------------ selection in code points

    def selection_cp(self) -> tuple[int, int]:
        cursor = self.textCursor()
        return self._to_cp(cursor.selectionStart()), self._to_cp(cursor.selectionEnd())

    def cursor_cp(self) -> int:
        return self._to_cp(self.textCursor().position())

    def _to_cp(self, position: int) -> int:
        # While the document is replaced, Qt signals selections and repaints with positions of
        # the text it still holds (-1, past the new end, or inside one of the new text's
        # surrogate pairs: opening a document after one with emoji raised there). Such a
        # position is taken to the nearest code point at or before it; the view is refreshed
        # once the new text is in.
        position = max(0, min(position, self._positions.to_qt(len(self._text))))
        try:
            return self._positions.to_codepoint(position)
        except ValueError:  # inside a surrogate pair: its character's start
            return self._positions.to_codepoint(position - 1)

    def select_cp(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._positions.to_qt(start))
        cursor.setPosition(self._positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def _emit_selection(self) -> None:
        self.selectionChangedCp.emit(*self.selection_cp())

    # ------------------------------------------------------------------ geometry

    def character_at(self, point: QPointF) -> tuple[int, int, float] | None:
        """The character under the pointer: its logical start and end (code points) and how
        far through it, in its own reading direction, the pointer is (0 at its start edge, 1
        at its end edge: the left edge of a Latin letter, the right edge of an Arabic one).
        None when the point is on no character."""
        cursor = self.cursorForPosition(point.toPoint())
        block = cursor.block()
        layout = block.layout()
        if layout is None:
            return None
        origin = self.blockBoundingGeometry(block).translated(self.contentOffset()).topLeft()
        x, y = point.x() - origin.x(), point.y() - origin.y()
        line = next((layout.lineAt(n) for n in range(layout.lineCount())
                     if layout.lineAt(n).y() <= y < layout.lineAt(n).y() + layout.lineAt(n).height()), None)
        if line is None:
            return None
        # Each character of the line, read from the stored text at its code point: block.text()
        # comes to Python in code points where Qt positions count UTF-16 units (each letter after
        # an emoji was looked up a unit off, and a drag across 🇸🇦 raised inside a surrogate
        # pair), and converting a whole paragraph of a long document costs a click milliseconds.
        to_cp, text = self._positions.to_codepoint, self._text
        boxes = []  # (position in block, left, right) in logical order, one per character
        characters = []  # (code point offset, character) of each box
        for q in range(line.textStart(), line.textStart() + line.textLength()):
            try:
                cp = to_cp(block.position() + q)
            except ValueError:
                continue  # the second half of a surrogate pair belongs to the first
            if cp >= len(text):
                continue
            runs = line.glyphRuns(q, 2 if ord(text[cp]) > 0xFFFF else 1)
            if runs:
                rect = runs[0].boundingRect()
                for run in runs[1:]:
                    rect = rect.united(run.boundingRect())
                boxes.append((q, rect.left(), rect.right()))
                characters.append((cp, text[cp]))
        # On the boundary of two characters (the edge of a Latin run inside Arabic touches a
        # bracket on the far side of the run), the one the pointer is inside wins, then a
        # letter or digit over punctuation and space.
        hits = [(left < x < right, characters[n][1].isalnum(), n) for n, (q, left, right) in enumerate(boxes)
                if left <= x <= right and right > left]
        if not hits:
            return None
        n = max(hits)[2]
        _q, left, right = boxes[n]
        cp, ch = characters[n]
        through = (x - left) / (right - left)
        if _is_rtl_at(ch, boxes, n):
            through = 1 - through
        return cp, cp + 1, through

    def dragged_range(self, pressed: QPointF, released: QPointF) -> tuple[int, int] | None:
        """The logical range a drag from ``pressed`` to ``released`` covers: every character
        the pointer went at least half-way over, in logical order whatever the visual order
        (Qt's own hit test can land on the far side of a Latin run inside Arabic)."""
        first, last = self.character_at(pressed), self.character_at(released)
        if first is None or last is None:
            return None
        if first[0] == last[0]:
            return first[0], first[1]
        forward = last[0] > first[0]
        if forward:
            start = first[0] if first[2] <= 0.5 else first[1]
            end = last[1] if last[2] >= 0.5 else last[0]
        else:
            start = last[0] if last[2] <= 0.5 else last[1]
            end = first[1] if first[2] >= 0.5 else first[0]
        return (start, end) if start < end else None

    def span_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles covering ``text[start:end]``, one per visual piece per line."""
        qs, qe = self._positions.to_qt(start), self._positions.to_qt(end)
        rects: list[QRectF] = []
        block = self.document().findBlock(qs)
        offset = self.contentOffset()
        while block.isValid() and block.position() < qe:
            if block.isVisible():
                layout = block.layout()
                origin = self.blockBoundingGeometry(block).translated(offset).topLeft()
                a = max(qs, block.position()) - block.position()
                b = min(qe, block.position() + block.length() - 1) - block.position()
                for n in range(layout.lineCount()):
                    line = layout.lineAt(n)
                    la, lb = max(a, line.textStart()), min(b, line.textStart() + line.textLength())
                    if la >= lb:
                        continue
                    top = origin.y() + line.y()
                    pieces = sorted((run.boundingRect().left(), run.boundingRect().right())
                                    for run in line.glyphRuns(la, lb - la))
                    merged: list[list[float]] = []
                    for left, right in pieces:
                        if merged and left <= merged[-1][1] + 0.5:
                            merged[-1][1] = max(merged[-1][1], right)
                        else:
                            merged.append([left, right])
                    for left, right in merged:
                        rects.append(QRectF(origin.x() + left, top, right - left, line.height()))
            block = block.next()
        return rects

    def visible_range_cp(self) -> tuple[int, int]:
        """Code point range of the blocks that intersect the viewport."""
        block = self.firstVisibleBlock()
        if not block.isValid():
            return 0, 0
        first = block.position()
        last = first
        height = self.viewport().height()
        offset = self.contentOffset()
        while block.isValid():
            last = block.position() + block.length() - 1
            if self.blockBoundingGeometry(block).translated(offset).bottom() > height:
                break
            block = block.next()
        return self._to_cp(first), self._to_cp(last)

    def _visible_spans(self) -> list[Span]:
        lo, hi = self.visible_range_cp()
        # Short spans that can reach the visible range start at most LONG_SPAN before it.
        first = bisect.bisect_left(self._starts, lo - LONG_SPAN)
        last = bisect.bisect_right(self._starts, hi)
        return [s for s in self._spans[first:last] + self._long
                if s.end > lo and s.start <= hi and s.layer not in self._hidden]

    def spans_at_point(self, point: QPointF) -> list[Span]:
        """Spans drawn under a viewport point: active layer first, then shortest first."""
        hits = [s for s in self._visible_spans() if s.layer != SEGMENT_LAYER
                and any(r.adjusted(-1, 0, 1, 0).contains(point) for r in self.span_rects(s.start, s.end))]
        hits.sort(key=lambda s: (s.layer != self._active_layer, s.end - s.start, s.start))
        return hits

    # ------------------------------------------------------------------ painting

    @contextmanager
    def one_refresh(self) -> Iterator[None]:
        """The refreshes asked for inside are done once, at its end. An edit shows the new span
        and then selects it, and each rebuilt every visible tint: three times per key in a
        large document (4 ms of the 16 a key may take, measured at 56,000 spans)."""
        if not self._refreshes_held:
            self._held_at = self.verticalScrollBar().value(), self.horizontalScrollBar().value()
        self._refreshes_held += 1
        try:
            yield
        finally:
            self._refreshes_held -= 1
            if not self._refreshes_held and self._refresh_wanted:
                region, self._refresh_wanted, self._held_region = self._held_region, False, QRegion()
                # Scrolled meanwhile, what a band was found to hold is elsewhere now: all of it.
                # (Qt repainted all of it on every scroll tried: this is a safety net.)
                scrolled = self._held_at != (self.verticalScrollBar().value(), self.horizontalScrollBar().value())
                self._refresh(None if scrolled else region)

    def _refresh(self, region: QRegion | None = None) -> None:
        """Show a change of the spans or of what is shown of them, repainting ``region`` of the
        viewport (None: all of it). The tints Qt draws repaint where they changed by
        themselves (setExtraSelections compares the old and the new)."""
        if self._refreshes_held:
            held = self._held_region if self._refresh_wanted else QRegion()
            self._held_region = None if held is None or region is None else held.united(region)
            self._refresh_wanted = True
            return
        self._version += 1
        self._tint_key = None
        self._update_tints()
        if region is None:
            self.viewport().update()
        elif not region.isEmpty():
            self.viewport().update(region)
        self._band.update()
        self._gutter.update()

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._band.scroll(0, dy)
        else:
            self._band.update()
        self._gutter.update()
        self._update_tints()

    def _update_tints(self) -> None:
        """Extra selections for the active layer's visible spans (rebuilt when that changes)."""
        key = (self.visible_range_cp(), self._active_layer, tuple(sorted(self._hidden)), self._version)
        if key == self._tint_key:
            return
        self._tint_key = key
        selections = []
        if self._active_layer not in self._hidden:
            for span in self._visible_spans():
                if span.layer != self._active_layer:
                    continue
                selection = QTextEdit.ExtraSelection()
                color = QColor(self._colors.get((span.layer, span.label), QColor("#888888")))
                color.setAlpha(TINT_ALPHA)
                fmt = QTextCharFormat()
                fmt.setBackground(color)
                fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
                cursor = QTextCursor(self.document())
                cursor.setPosition(self._positions.to_qt(span.start))
                cursor.setPosition(self._positions.to_qt(span.end), QTextCursor.MoveMode.KeepAnchor)
                selection.cursor = cursor
                selection.format = fmt
                selections.append(selection)
        self.setExtraSelections(selections)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the text (Qt), then underline lanes and the selected span's outline on top.
        https://doc.qt.io/qt-6/qplaintextedit.html#paintEvent"""
        super().paintEvent(event)
        if self._schema is None:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        lanes = [layer.name for layer in self._schema.layers
                 if layer.name not in (self._active_layer, SEGMENT_LAYER) and layer.name not in self._hidden]
        visible = self._visible_spans()
        for span in visible:
            if span.layer not in lanes:
                continue
            lane = lanes.index(span.layer)
            pen = QPen(self._colors.get((span.layer, span.label), QColor("#888888")), 2)
            painter.setPen(pen)
            for rect in self.span_rects(span.start, span.end):
                y = rect.bottom() - 1 - lane * LANE_SPACING
                painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        if self._comparison:
            lo, hi = self.visible_range_cp()
            for span in self._comparison:
                if span.end <= lo or span.start > hi or span.layer in self._hidden or span.layer == SEGMENT_LAYER:
                    continue
                pen = QPen(self._colors.get((span.layer, span.label), QColor("#888888")), 1.5, Qt.PenStyle.DashLine)
                painter.setPen(pen)
                for rect in self.span_rects(span.start, span.end):
                    painter.drawRect(rect.adjusted(0, 1, 0, -2))
        if self._suggestions:
            lo, hi = self.visible_range_cp()
            for span in self._suggestions:
                if span.end <= lo or span.start > hi or span.layer in self._hidden:
                    continue
                chosen = span.id == self._selected_suggestion
                color = self._colors.get((span.layer, span.label), QColor("#888888"))
                painter.setPen(QPen(color, 2.5 if chosen else 1.5, Qt.PenStyle.DotLine))
                for rect in self.span_rects(span.start, span.end):
                    painter.drawRect(rect.adjusted(1, 2, -1, -3))
        selected = self.selected_span()
        if selected is not None and selected.layer not in self._hidden:
            painter.setPen(QPen(self.palette().color(self.palette().ColorRole.Highlight), 2))
            for rect in self.span_rects(selected.start, selected.end):
                painter.drawRect(rect.adjusted(-1, 0, 1, -1))
            self._paint_links(painter, selected)
        elif self._link_tags:  # nothing selected now: the gutter names no link
            self._link_tags = []
            self._gutter.update()
        painter.end()

    def _paint_links(self, painter: QPainter, selected: Span) -> None:
        """Curves from the selected span to every span it is linked with, partners outlined;
        the links' names go to the gutter beside the text (never over it)."""
        tags: list[tuple[float, str, QColor]] = []
        own = self.span_rects(selected.start, selected.end)
        linked = [r for r in self._relations if selected.id in (r.from_id, r.to_id)]
        partners = self.spans_by_id([r.to_id if r.from_id == selected.id else r.from_id for r in linked])
        for relation in linked if own else []:
            other = partners.get(relation.to_id if relation.from_id == selected.id else relation.from_id)
            rects = self.span_rects(other.start, other.end) if other is not None else []
            if not rects:
                continue
            color = self._colors.get((other.layer, other.label), QColor("#555555"))
            painter.setPen(QPen(color, 2, Qt.PenStyle.DashLine))
            for rect in rects:
                painter.drawRect(rect.adjusted(-1, 0, 1, -1))
            # A curve along the bottoms of both spans, sagging by half a line between them: a
            # straight line through the text would strike it out, and between adjacent spans a
            # straight line has no length to be seen.
            start = QPointF(own[0].center().x(), own[0].bottom() - 1)
            end = QPointF(rects[0].center().x(), rects[0].bottom() - 1)
            sag = max(own[0].height(), rects[0].height()) * 0.5
            control = QPointF((start.x() + end.x()) / 2, max(start.y(), end.y()) + sag)
            path = QPainterPath(start)
            path.quadTo(control, end)
            faint = QColor(color)
            faint.setAlpha(170)
            painter.setPen(QPen(faint, 1.4))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            painter.drawEllipse(end, 3, 3)
            tags.append((rects[0].center().y(), self._relation_title(relation.label), color))
        if tags != self._link_tags:
            self._link_tags = tags
            self._gutter.update()

    def _relation_title(self, name: str) -> str:
        return self._schema.relation_title(name, self.language) if self._schema is not None else name

    def link_tags(self) -> list[tuple[float, str, QColor]]:
        """(y in the viewport, display name, colour) of the selected span's links, as drawn
        in the gutter."""
        return list(self._link_tags)

    # ------------------------------------------------------------------ margin band for segments

    def _place_band(self) -> None:
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        # Viewport margins are not mirrored by Qt: put the band on the UI's leading side and
        # the link-name gutter on the trailing side.
        if rtl:
            self.setViewportMargins(TAG_GUTTER, 0, BAND_WIDTH, 0)
        else:
            self.setViewportMargins(BAND_WIDTH, 0, TAG_GUTTER, 0)
        rect = self.contentsRect()
        x = rect.right() - BAND_WIDTH + 1 if rtl else rect.left()
        self._band.setGeometry(QRect(x, rect.top(), BAND_WIDTH, rect.height()))
        gutter_x = rect.left() if rtl else rect.right() - TAG_GUTTER + 1
        self._gutter.setGeometry(QRect(gutter_x, rect.top(), TAG_GUTTER, rect.height()))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place_band()
        self._fit_to_viewport()
        # The vertical scroll bar may appear once the new layout is known, narrowing the
        # viewport after this event: check again when the event loop has settled it.
        QTimer.singleShot(0, self._fit_to_viewport)
        self._tint_key = None
        self._update_tints()

    def _fit_to_viewport(self) -> None:
        """Lay the text out again when its lines are wider than the viewport. QPlainTextEdit
        lays out on its own resize, but a vertical scroll bar that appears afterwards narrows
        the viewport without a new layout: right-aligned Arabic lines were then cut at the right
        edge, with a horizontal scroll bar (seen in a 1400×860 window)."""
        if self.lineWrapMode() != QPlainTextEdit.LineWrapMode.WidgetWidth:
            return
        if self.document().documentLayout().documentSize().width() > self.viewport().width() + 0.5:
            self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.LayoutDirectionChange:
            self._place_band()

    def segment_rects(self) -> list[tuple[QRectF, QColor]]:
        """Band pieces (in band coordinates) for the visible segment spans."""
        if SEGMENT_LAYER in self._hidden:
            return []
        out = []
        top_margin = self.viewport().geometry().top() - self._band.geometry().top()
        for span in self._visible_spans():
            if span.layer != SEGMENT_LAYER:
                continue
            rects = self.span_rects(span.start, span.end)
            if rects:
                top = min(r.top() for r in rects) + top_margin
                bottom = max(r.bottom() for r in rects) + top_margin
                out.append((QRectF(1, top + 1, BAND_WIDTH - 2, bottom - top - 2),
                            self._colors.get((span.layer, span.label), QColor("#888888"))))
        return out

    # ------------------------------------------------------------------ input

    def subword_selection(self) -> bool:
        """Whether the current selection was made with Alt held (so it is not widened to words)."""
        return self._subword or bool(QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.AltModifier)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._subword = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        self._press_point = None
        if event.button() == Qt.MouseButton.LeftButton and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._press_point = QPointF(event.position())
            if self.textCursor().hasSelection():
                # A press inside the selection would start dragging the text away (drag and
                # drop); here it starts a new selection, as everywhere else.
                cursor = self.cursorForPosition(event.position().toPoint())
                self.setTextCursor(cursor)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        if self.textCursor().hasSelection():
            start, end = self.selection_cp()
            dragged = self.dragged_range(self._press_point, event.position()) if self._press_point else None
            if dragged is not None:
                start, end = dragged
            # Show what a label key will take: whole words without edge punctuation, or (Alt)
            # whole grapheme clusters.
            snap = snap_selection(self._text, start, end, self._subword)
            if snap[0] < snap[1] and snap != self.selection_cp():
                self.select_cp(*snap)
            return
        point = event.position()
        hits = self.spans_at_point(point)
        ids = [s.id for s in hits]
        cp = self.cursor_cp()
        # Repeated clicks on the same place cycle through overlapping spans.
        if hits and self._last_click and self._last_click[1] == ids and self._selected in ids:
            chosen = hits[(ids.index(self._selected) + 1) % len(hits)]
        else:
            chosen = hits[0] if hits else None
        self._last_click = (cp, ids)
        if chosen is None:  # nothing of one's own here: perhaps a suggestion
            suggestion = next((s for s in self._suggestions if s.layer not in self._hidden
                               and any(r.adjusted(-1, 0, 1, 0).contains(point) for r in self.span_rects(s.start, s.end))),
                              None)
            if suggestion is not None:
                self._selected_suggestion = suggestion.id
                self.viewport().update()
                self.suggestionClicked.emit(suggestion)
                return
        if self._selected_suggestion is not None:
            self._selected_suggestion = None
            self.viewport().update()  # its thicker outline goes
        self.set_selected_span(chosen.id if chosen else None, ensure_visible=False)
        self.spanClicked.emit(chosen)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        Mod = Qt.KeyboardModifier
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and mods == Mod.NoModifier:
            self.keyCommand.emit("delete", None)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == Mod.NoModifier:
            self.keyCommand.emit("enter", None)
        elif key == Qt.Key.Key_Tab and mods == Mod.NoModifier:
            self.keyCommand.emit("next-span", 1)
        elif key == Qt.Key.Key_Backtab:
            self.keyCommand.emit("next-span", -1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and mods & Mod.AltModifier:
            # Visual arrows: in a right-to-left paragraph, Left moves forward in the text.
            forward = (key == Qt.Key.Key_Right) != self._paragraph_is_rtl()
            edge = "start" if mods & Mod.ShiftModifier else "end"
            unit = "word" if mods & Mod.ControlModifier else "grapheme"
            self.keyCommand.emit("resize", (edge, 1 if forward else -1, unit))
        elif key == Qt.Key.Key_Escape:
            cursor = self.textCursor()
            cursor.clearSelection()
            self.setTextCursor(cursor)
            self.keyCommand.emit("escape", None)
        elif event.text() and event.text().isprintable() and not mods & (Mod.ControlModifier | Mod.MetaModifier) \
                and event.text().strip():
            # The typed text (a schema may give an Arabic hotkey) and the Latin letter of the
            # physical key (hotkeys work on the Arabic layout too).
            self.keyCommand.emit("label", (event.text().lower(), latin_letter(event)))
        else:
            if mods & Mod.ShiftModifier:
                self._subword = False  # a keyboard selection snaps to words like a mouse one
            super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab moves between spans here, not between widgets (Ctrl+Tab still leaves).
        https://doc.qt.io/qt-6/qwidget.html#focusNextPrevChild"""
        return False

    def _paragraph_is_rtl(self) -> bool:
        if self._direction != "auto":
            return self._direction == "rtl"
        return paragraph_is_rtl(self.textCursor().block().text())


def _is_rtl_at(ch: str, boxes: list[tuple[int, float, float]], n: int) -> bool:
    """Is the character at ``boxes[n]`` laid out right to left? Strong letters say so
    themselves; digits, spaces and punctuation take the direction their neighbours run in."""
    kind = unicodedata.bidirectional(ch)
    if kind in ("R", "AL"):
        return True
    if kind == "L":
        return False
    centre = (boxes[n][1] + boxes[n][2]) / 2
    if n + 1 < len(boxes):
        return (boxes[n + 1][1] + boxes[n + 1][2]) / 2 < centre
    if n > 0:
        return (boxes[n - 1][1] + boxes[n - 1][2]) / 2 > centre
    return False


class _LinkGutter(QWidget):
    """The strip beside the text where the selected span's links are named, each at the
    height of its partner, in the partner's colour and the interface's language."""

    def __init__(self, view: DocumentView):
        super().__init__(view)
        self._view = view

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        font = painter.font()
        font.setPointSizeF(max(7.0, self._view.font().pointSizeF() * 0.42))
        painter.setFont(font)
        metrics = painter.fontMetrics()
        top = self._view.viewport().geometry().top() - self.geometry().top()
        taken: list[QRectF] = []
        for y, title, color in self._view.link_tags():
            rect = QRectF(2, top + y - metrics.height() / 2, self.width() - 4, metrics.height())
            while any(rect.intersects(other) for other in taken):
                rect.translate(0, metrics.height())  # two links to one line: one under the other
            taken.append(rect)
            painter.fillRect(rect, QColor(255, 255, 255, 235))
            painter.setPen(color)
            painter.drawRect(rect)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter,
                             metrics.elidedText(title, Qt.TextElideMode.ElideRight, int(rect.width()) - 4))
        painter.end()


class _SegmentBand(QWidget):
    """The margin strip where segment spans (HEADLINE, BODY, ...) are shown as bands."""

    def __init__(self, view: DocumentView):
        super().__init__(view)
        self._view = view

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        for rect, color in self._view.segment_rects():
            painter.fillRect(rect, color)
        painter.end()
