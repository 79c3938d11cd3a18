"""A right-to-left paragraph always fits the viewport's width: no line cut at the right edge,
no horizontal scroll bar, when the window opens and when it is resized."""

import random

import pytest

from annotator.core.model import AnnotatedDocument, Document, Span
from annotator.store.bulk import import_records
from annotator.store.project import Project

WORDS = ("قال المتحدث باسم وزارة الخارجية إن الوفد وصل إلى العاصمة صباح اليوم لبحث التعاون الاقتصادي "
         "والتجاري بين البلدين").split()


def long_paragraph() -> str:
    rng = random.Random(1)
    words = []
    while sum(len(w) + 1 for w in words) < 3000:
        words.append(rng.choice(WORDS))
    return " ".join(words) + "."


@pytest.fixture
def long_window(qtbot, settings, tmp_path, bundled_fonts):
    from annotator.gui.main_window import MainWindow

    text = long_paragraph()
    spans = [Span("Q1", "long", "amal", "quote", "QUOTE", 0, 400, {"type": "direct"})]
    at = 0
    for k, word in enumerate(text.split(" ")[5:300:10], 1):
        start = text.index(word, at)
        spans.append(Span(f"T{k}", "long", "amal", "entity", "ORG", start, start + len(word), {}))
        at = start + len(word)
    with Project.create(tmp_path / "long.db") as proj:
        import_records(proj, [AnnotatedDocument(Document("long", text, {}), "amal", "in progress", spans, [])])
    win = MainWindow(settings, annotator="amal", interactive=False)
    qtbot.addWidget(win)
    win.open_project(tmp_path / "long.db")
    win.open_document("long")
    win.resize(1400, 860)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def fits(view) -> bool:
    return (view.horizontalScrollBar().maximum() == 0
            and view.document().documentLayout().documentSize().width() <= view.viewport().width() + 0.5)


def test_a_long_arabic_paragraph_fits_when_the_window_opens(qtbot, long_window):
    view = long_window.view
    qtbot.waitUntil(lambda: fits(view), timeout=2000)
    assert view.verticalScrollBar().isVisible()  # the case that narrowed the viewport after layout


@pytest.mark.parametrize("width", [1100, 1399, 1600, 900])
def test_it_still_fits_after_the_window_is_resized(qtbot, long_window, width):
    long_window.resize(width, 860)
    qtbot.waitUntil(lambda: fits(long_window.view), timeout=2000)
