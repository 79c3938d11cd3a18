"""A path in an Arabic message keeps its own order when isolated (UAX #9 FSI … PDI)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextLayout, QTextOption

from annotator.core.direction import isolated

MESSAGE = "نُسخ المشروع إلى {0} (المستندات: 11، المقاطع الموسومة: 300)"


def x_of(text: str, index: int) -> float:
    """Where the character at ``index`` starts on screen, in a right-to-left paragraph."""
    layout = QTextLayout(text, QFont("Noto Naskh Arabic", 12))
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(2000)
    layout.endLayout()
    return line.cursorToX(index)[0]


@pytest.mark.parametrize("path", ["/tmp/copy.db", "C:\\Users\\amal\\copy.db"])
def test_a_path_in_an_arabic_message_reads_left_to_right_when_isolated(qapp, bundled_fonts, path):
    """The cursor after each of the path's characters moves rightwards along the path."""
    kept = MESSAGE.format(isolated(path))
    start = kept.index(path)
    after = [x_of(kept, start + k) for k in range(1, len(path))]  # the end is the run's edge: ambiguous
    assert after == sorted(after)
    # Without the isolate the bidi algorithm moves a leading "/" to the far end: what the
    # status bar showed ("tmp/copy.db: 11/" with the message's older wording).
    if path.startswith("/"):
        plain = MESSAGE.format(path)
        start = plain.index(path)
        assert x_of(plain, start + 1) > x_of(plain, start + 2)


def test_a_refused_edit_in_the_arabic_interface_shows_the_reason_as_an_isolate(arabic_window, qtbot):
    """The store's reasons are English: in the Arabic status bar the reason is one isolated
    run, so its own punctuation and ids stay where it wrote them."""
    window = arabic_window
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("quote"))
    text = window.view.text()
    quote = next(s for s in window.view.spans() if s.layer == "quote")
    inside = quote.start + 1
    window.view.select_cp(inside, min(quote.end, inside + 4))
    qtbot.keyClick(window.view, "q")  # overlaps the quote there: quotes may not overlap
    assert window.last_error and text  # refused
    message = window.statusBar().currentMessage()
    assert isolated(window.last_error) in message


def test_a_document_id_that_starts_with_digits_reads_as_written_in_the_arabic_status_bar(arabic_window,
                                                                                        tmp_path):
    """"المستند: 2024-01-15-news" laid out right to left showed the id as "news-2024-01-15"
    (the digits and the word are separate runs of a right-to-left line); as an isolate the id
    reads left to right."""
    from annotator.core.model import AnnotatedDocument, Document
    from annotator.store.bulk import import_records
    from annotator.store.project import Project

    doc_id = "2024-01-15-news"
    with Project.create(tmp_path / "dated.db") as project:
        import_records(project, [AnnotatedDocument(Document(doc_id, "خبر قصير.", {}), "amal", "new", [], [])])
    window = arabic_window
    window.open_project(tmp_path / "dated.db")
    window.open_document(doc_id)
    shown = window.status_doc.text()
    start = shown.index(doc_id)
    after = [x_of(shown, start + k) for k in range(1, len(doc_id))]
    assert after == sorted(after), shown
