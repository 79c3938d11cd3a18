"""Highlights must not change how Arabic is shaped (DEVELOPERS.md; measured with Amiri)."""

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QTextCharFormat, QTextLayout, QTextOption

TEXT = "بسم الله الرحمن الرحيم"


def render(formats=(), selections=()):
    layout = QTextLayout(TEXT, QFont("Amiri", 28))
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.setFormats(list(formats))
    layout.beginLayout()
    layout.createLine().setLineWidth(800)
    layout.endLayout()
    image = QImage(820, 100, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setPen(Qt.GlobalColor.black)
    layout.draw(painter, QPointF(10, 10), list(selections))
    painter.end()
    return image


def medial_sin(color="black"):
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    selection = QTextLayout.FormatRange()
    selection.start, selection.length, selection.format = 1, 1, fmt  # the medial س of بسم
    return selection


def test_draw_time_highlight_in_text_colour_leaves_pixels_identical(bundled_fonts):
    assert "Amiri" in bundled_fonts
    assert render(selections=[medial_sin()]) == render()


def test_the_forbidden_way_would_be_caught(bundled_fonts):
    # A character format on part of a word splits the shaping run: Amiri's ligature breaks.
    # If this ever stops differing, the test above no longer proves anything.
    assert render(formats=[medial_sin()]) != render()


def test_document_view_tints_do_not_reshape_or_reflow(view, bundled_fonts):
    from annotator.core.model import Span
    from annotator.core.schema import parse_schema

    view.setFont(QFont("Amiri", 24))
    white = {"layer": [{"name": "entity", "label": [{"name": "X", "color": "#ffffff"}]}]}
    view.set_schema(parse_schema(white))
    text = "قال إن " + TEXT
    view.set_document(text, [])
    plain = view.viewport().grab().toImage()
    width = view.document().firstBlock().layout().lineAt(0).naturalTextWidth()
    # A sub-word span (part of الرحمن) tinted with the background colour.
    start = text.index("الرحمن") + 2
    view.set_document(text, [Span("T1", "d", "a", "entity", "X", start, start + 3, {})])
    view.set_active_layer("entity")
    assert len(view.extraSelections()) == 1
    tinted = view.viewport().grab().toImage()
    assert view.document().firstBlock().layout().lineAt(0).naturalTextWidth() == width
    assert tinted == plain
