"""Linking quotes to speakers and cues in the window, the Quotes panel, suggestions."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel



@pytest.fixture
def window(sample_window):
    return sample_window("layla")


def mark(window, qtbot, layer, words, key):
    window.layer_combo.setCurrentIndex(window.layer_combo.findData(layer))
    text = window.view.text()
    start = text.index(words)
    window.view.select_cp(start, start + len(words))
    qtbot.keyClick(window.view, key)
    return next(s for s in window.view.spans() if s.layer == layer and text[s.start:s.end] == words)


def click(window, qtbot, span):
    rect = window.view.span_rects(span.start, span.end)[0]
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())


def test_link_by_click_and_by_keyboard_with_undo_and_quotes_panel(window, qtbot):
    quote = mark(window, qtbot, "quote", "صمّمنا هذه الطائرات لتركيا أولاً، ثم للتصدير", "q")
    speaker = mark(window, qtbot, "speaker", "المتحدث باسم الشركة زكي أكتورك", "s")
    cue = mark(window, qtbot, "cue", "وقال", "c")
    assert window.quotes_table.rowCount() == 1 and window.quotes_table.item(0, 2).text() == ""  # flagged
    window.select_span(quote.id)
    qtbot.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.link_from is not None
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("speaker"))
    click(window, qtbot, speaker)
    assert [(r.label, r.from_id, r.to_id) for r in window.view.relations()] == [("said_by", quote.id, speaker.id)]
    assert window.quotes_table.item(0, 2).text() == "المتحدث باسم الشركة زكي أكتورك"
    # Keyboard: Ctrl+L, Tab to the nearest candidate until the cue, Enter.
    window.select_span(quote.id)
    window.start_link()
    for _ in range(len(window._link_candidates)):
        window._cycle_link_candidate(1)
        if window._link_candidates[window._link_index].id == cue.id:
            break
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    assert sorted(r.label for r in window.project.relations(window.doc_id, "layla")) == ["cued_by", "said_by"]
    assert window.quotes_table.item(0, 3).text() == "وقال"
    window.undo_stack.undo()
    assert [r.label for r in window.project.relations(window.doc_id, "layla")] == ["said_by"]
    window.undo_stack.redo()
    # Remove from the Span panel.
    window.select_span(quote.id, ensure_visible=False)
    window.remove_link(next(r for r in window.view.relations() if r.label == "said_by"))
    assert [r.label for r in window.project.relations(window.doc_id, "layla")] == ["cued_by"]
    window.undo_stack.undo()
    assert len(window.project.relations(window.doc_id, "layla")) == 2


def test_links_are_drawn_when_an_end_is_selected(window, qtbot):
    quote = mark(window, qtbot, "quote", "صمّمنا هذه الطائرات لتركيا أولاً، ثم للتصدير", "q")
    speaker = mark(window, qtbot, "speaker", "المتحدث باسم الشركة زكي أكتورك", "s")
    window.select_span(quote.id, ensure_visible=False)
    before = window.view.viewport().grab().toImage()
    window.start_link()
    window.finish_link(speaker)
    window.select_span(quote.id, ensure_visible=False)
    assert window.view.viewport().grab().toImage() != before


def test_speaker_name_completes_from_the_project(window, qtbot):
    speaker = mark(window, qtbot, "speaker", "المتحدث باسم الشركة زكي أكتورك", "s")
    window.select_span(speaker.id)
    edit = window.span_panel.editor("name")
    names = edit.completer().model().stringList() if hasattr(edit.completer().model(), "stringList") else []
    assert "زكي أكتورك" in names


def test_suggestions_enter_accepts_delete_rejects_and_accept_all(window, qtbot):
    from annotator.attribution.detector import detect

    window.suggest_here()
    suggestions = window.view.suggestions()
    expected = len(detect(window.view.text())[0])
    assert expected > 5 and len(suggestions) == expected  # the detector's quotes, speakers, cues
    first = suggestions[0]
    rect = window.view.span_rects(first.start, first.end)[0]
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert window.view.selected_suggestion() is not None
    chosen = window.view.selected_suggestion()
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    assert any((s.layer, s.start, s.end) == (chosen.layer, chosen.start, chosen.end) for s in window.view.spans())
    assert len(window.view.suggestions()) == expected - 1
    window.view.set_selected_suggestion(window.view.suggestions()[0].id)
    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert len(window.view.suggestions()) == expected - 2
    window.accept_all_suggestions()
    assert window.view.suggestions() == []
    assert len(window.project.relations(window.doc_id, "layla")) >= 4  # links came with their ends
    window.undo_stack.undo()
    assert len(window.view.suggestions()) == expected - 2


@pytest.mark.parametrize("target", ["a span it cannot link to", "no span"])
def test_a_click_that_makes_no_link_selects_as_any_click_does(sample_window, qtbot, target):
    """Ctrl+L on a quote, then a click on an entity (no link goes from a quote to one) or off
    every span: link mode ends, and the text, the Span panel and both tables show what the
    click selected (they went on showing the quote while the text showed the entity)."""
    window = sample_window("amal")
    window.activateWindow()  # the window's shortcuts (Ctrl+L) work in the active window
    qtbot.waitUntil(window.isActiveWindow)
    window.ensure_spans_loaded()
    spans = window.view.spans_by_id(["Q1", "E1"])
    click(window, qtbot, spans["Q1"])
    assert window.view.selected_span().id == "Q1"
    qtbot.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.link_from is not None
    links = window.project.relations(window.doc_id, "amal")
    if target == "no span":
        margin = window.view.viewport().rect().bottomLeft() + QPoint(5, -5)  # below the text's end
        qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=margin)
        expected = None
    else:
        click(window, qtbot, spans["E1"])
        expected = "E1"
    assert window.link_from is None and window.project.relations(window.doc_id, "amal") == links
    selected = window.view.selected_span()
    assert (selected.id if selected else None) == expected
    table_rows = [index.row() for index in window.span_table.selectionModel().selectedRows()]
    quote_rows = [index.row() for index in window.quotes_table.selectionModel().selectedRows()]
    assert quote_rows == []
    assert table_rows == ([] if expected is None else [window.span_model.row_of(expected)])

    def panel_shows() -> str:  # the rows it replaced are hidden, then deleted
        hidden = Qt.WidgetAttribute.WA_WState_ExplicitShowHide
        return " ".join(label.text() for label in window.span_panel.findChildren(QLabel)
                        if not (label.isHidden() and label.testAttribute(hidden)))

    assert "(Q1)" not in panel_shows()
    if expected is not None:
        assert f"({expected})" in panel_shows()


def suggest_from_the_document_menu(window, qtbot) -> None:
    """Document ▸ Suggest quotes and speakers, by the menus' mnemonics (Alt+D, then S), as a
    person does from the keyboard."""
    from PySide6.QtWidgets import QApplication, QMenu

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu)
                    and QApplication.activePopupWidget().title().replace("&", "") == "Document")
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_S)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def test_suggestions_on_an_english_article_are_accepted_with_their_links(window, qtbot):
    """The English rules in the window: the sample's English article opened from the document
    list with a click, its suggestions asked for from the Document menu with the keyboard, the
    speaker's dotted outline clicked and accepted with Enter, then the rest with Accept all
    (Ctrl+Shift+Enter): the quotes come with their said_by links to the speakers the rules
    found."""
    doc_list = window.doc_list
    row = doc_list.row_of("en-01-solar")
    rect = doc_list.visualRect(doc_list.model().index(row, 0))
    qtbot.mouseClick(doc_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.doc_id == "en-01-solar", timeout=3000)
    suggest_from_the_document_menu(window, qtbot)
    text = window.view.text()
    suggested = {(s.layer, text[s.start:s.end]) for s in window.view.suggestions()}
    assert ("speaker", "Energy Minister Karim Alaoui") in suggested
    assert ("quote", "We are no longer asking whether renewables pay off,") in suggested
    speaker = next(s for s in window.view.suggestions() if text[s.start:s.end] == "Energy Minister Karim Alaoui")
    rect = window.view.span_rects(speaker.start, speaker.end)[0]
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert window.view.selected_suggestion().id == speaker.id
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    assert ("speaker", "Energy Minister Karim Alaoui") in {(s.layer, text[s.start:s.end]) for s in window.view.spans()}
    qtbot.keyClick(window.view, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)  # Accept all
    assert window.view.suggestions() == []
    spans = {s.id: s for s in window.project.spans("en-01-solar", "layla")}
    links = {(r.label, text[spans[r.from_id].start:spans[r.from_id].end], text[spans[r.to_id].start:spans[r.to_id].end])
             for r in window.project.relations("en-01-solar", "layla")}
    assert ("said_by", "Morocco will double its installed solar capacity by 2030",
            "Energy Minister Karim Alaoui") in links
    assert ("said_by", "We are no longer asking whether renewables pay off,", "Alaoui") in links
    assert ("said_by", "Solar capacity in Morocco to double by 2030", "minister") in links  # the headline
    assert ("said_by", "The Noor Ouarzazate complex already supplies power to more than a million people",
            "the national energy agency") in links


def test_a_long_document_has_its_suggestions_found_while_the_window_stays_responsive(window, qtbot):
    """A document of a quarter of a million characters: its rules run in a thread of their own
    (on a 4.7 MB document the window froze for 6 s), the window goes on answering clicks and
    keys meanwhile, and the suggestions arrive, stored once, as many as the rules find."""
    from annotator.attribution.detector import detect
    from annotator.core.model import Document
    from annotator.gui.link_actions import BACKGROUND_FROM

    text = "\n".join([window.project.text("ar-01-defence-fair")] * 500)
    assert len(text) > BACKGROUND_FROM
    window.project.add_documents([Document("long", text)])
    window.refresh_documents()
    doc_list = window.doc_list
    rect = doc_list.visualRect(doc_list.model().index(doc_list.row_of("long"), 0))
    qtbot.mouseClick(doc_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.doc_id == "long", timeout=3000)
    suggest_from_the_document_menu(window, qtbot)
    assert window._rules_running is not None and window.view.suggestions() == []  # not found yet: running
    qtbot.keyClick(window.view, Qt.Key.Key_Right)  # the window answers meanwhile
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, 20))
    suggest_from_the_document_menu(window, qtbot)  # again
    qtbot.waitUntil(lambda: window._rules_running is None, timeout=60000)
    expected = len(detect(text, "long")[0])
    assert expected > 1000 and len(window.view.suggestions()) == expected  # stored once, not twice
    assert len(window.project.pending_suggestions("long", "layla")) == expected
