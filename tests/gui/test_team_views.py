"""Agreement view, disagreement browser with overlay, adjudication in the window."""

import pytest
from PySide6.QtCore import Qt

from annotator.core.direction import isolated
from annotator.core.model import GOLD
from annotator.gui.team_views import AgreementDialog
from annotator.store.project import Project
from annotator.team.agreement import compute


@pytest.fixture
def window(sample_window):
    return sample_window("amal")


def test_agreement_dialog_shows_the_report_numbers(window, qtbot):
    dialog = AgreementDialog(window.project, window)
    qtbot.addWidget(dialog)
    expected = compute(window.project)["layers"]["entity"]["pairs"]["amal|karim"]["f1_overlap"]["value"]
    assert dialog.matrix.item(0, 1).text() == f"{expected:.3f}" == dialog.matrix.item(1, 0).text()
    dialog.measure.setCurrentIndex(dialog.measure.findData("f1_exact"))
    exact = compute(window.project)["layers"]["entity"]["pairs"]["amal|karim"]["f1_exact"]["value"]
    assert dialog.matrix.item(0, 1).text() == f"{exact:.3f}"
    assert dialog.labels.rowCount() == 5 and dialog.labels.item(0, 0).text().startswith("PER")
    ranked = [dialog.documents.item(r, 1).text() for r in range(dialog.documents.rowCount())]
    assert ranked == sorted(ranked) and dialog.documents.rowCount() == 6


def test_token_measures_picked_with_the_keyboard_show_the_pairs_counts(window, qtbot):
    """κ and α nominal of a pair come from the tag patterns counted once per token for every
    annotator: picked in the measure box with the arrow keys, they are the report's."""
    dialog = AgreementDialog(window.project, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    pair = compute(window.project)["layers"]["entity"]["pairs"]["amal|karim"]
    dialog.measure.setFocus()
    for _ in range(3):  # F1 overlap -> F1 exact -> α_U -> κ
        qtbot.keyClick(dialog.measure, Qt.Key.Key_Down)
    assert dialog.measure.currentData() == "kappa"
    assert dialog.matrix.item(0, 1).text() == f"{pair['kappa']['value']:.3f}"
    qtbot.keyClick(dialog.measure, Qt.Key.Key_Down)
    assert dialog.measure.currentData() == "alpha_nominal"
    assert dialog.matrix.item(1, 0).text() == f"{pair['alpha_nominal']['value']:.3f}"


def test_disagreement_browser_opens_a_document_with_the_other_annotator_overlaid(window, qtbot):
    dialog = AgreementDialog(window.project, window)
    qtbot.addWidget(dialog)
    dialog.openDocument.connect(window._open_for_comparison)
    worst = dialog.documents.item(0, 0).text()
    plain = None
    window.open_document(worst)
    window.ensure_spans_loaded()
    plain = window.view.viewport().grab().toImage()
    dialog._open_row(0, 0)
    assert window.doc_id == worst and window.compare_with == "karim"
    assert {s.annotator for s in window.view.comparison()} == {"karim"}
    assert window.view.viewport().grab().toImage() != plain  # the dashed outlines are drawn
    window.set_compare_with("")
    assert window.view.comparison() == []


def test_adjudication_mode_accept_reject_undo(window):
    window.adjudicate_action.trigger()
    assert window.annotator == GOLD and window.differences_dock.isVisible()
    window.auto_merge_gold()
    window.open_document("ar-01-defence-fair")
    panel = window.differences
    before = len(panel.candidates)
    assert before > 0
    candidate = panel.candidates[0]
    panel.table.setCurrentCell(0, 0)
    assert window.view.selection_cp() == (candidate.start, candidate.end)
    panel.accept_button.click()
    assert len(panel.candidates) == before - 1
    assert any((s.layer, s.label, s.start, s.end) == candidate.key for s in window.project.spans(window.doc_id, GOLD))
    panel.table.setCurrentCell(0, 0)
    panel.reject_button.click()
    assert len(panel.candidates) == before - 2
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert len(panel.candidates) == before
    assert not any((s.label, s.start, s.end) == candidate.key[1:] for s in window.project.spans(window.doc_id, GOLD))
    window.adjudicate_action.trigger()
    assert window.annotator == "amal" and not window.differences_dock.isVisible()
    assert window.settings.value("annotator/name", "", str) != GOLD  # never saved as the user's name


def test_progress_of_the_chosen_annotator(window):
    # The name is a bidi isolate (it may be in another script than the sentence around it).
    assert window.progress_label.text() == f"{isolated('amal')}: 11 of 11 documents done (11 assigned or started)"
    window.annotator_filter.setCurrentIndex(window.annotator_filter.findData("karim"))
    assert window.progress_label.text() == f"{isolated('karim')}: 6 of 11 documents done (8 assigned or started)"


def double_click_row(qtbot, table, row):
    rect = table.visualRect(table.model().index(row, 0))
    # As a mouse does it: a press and release, then the double click (an item view acts on
    # a double click only over the index the press was on).
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def documents_tab(window, qtbot) -> AgreementDialog:
    """Team ▸ Agreement's report, shown on its Documents tab, opening its rows in ``window``."""
    dialog = AgreementDialog(window.project, window)
    qtbot.addWidget(dialog)
    dialog.openDocument.connect(window._open_for_comparison)
    dialog.tabs.setCurrentWidget(dialog.documents)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_disagreement_row_shows_the_pair_it_is_about(sample_window, qtbot):
    window = sample_window("layla")  # a lead who is in no pair
    dialog = documents_tab(window, qtbot)
    assert dialog.documents.item(0, 3).text() == "amal × karim"
    worst = dialog.documents.item(0, 0).text()
    double_click_row(qtbot, dialog.documents, 0)
    assert window.doc_id == worst and window.annotator == "amal" and window.compare_with == "karim"
    assert {s.annotator for s in window.view.comparison()} == {"karim"}
    assert window.status_viewing.isVisible()
    assert f"{isolated('amal')} × {isolated('karim')}" in window.status_viewing.text()
    count = len(window.project.spans(worst, "amal"))
    window.view.select_cp(0, 5)
    qtbot.keyClick(window.view, "g")  # viewing someone else's work: no edit
    assert len(window.project.spans(worst, "amal")) == count and f"looking at {isolated('amal')}" in window.last_error
    window.back_action.trigger()
    assert window.annotator == "layla" and window.compare_with == "" and not window.status_viewing.isVisible()


def test_the_differences_panel_tells_agreed_items_from_differences(window, qtbot):
    window.adjudicate_action.trigger()
    window.open_document("ar-01-defence-fair")
    panel = window.differences
    agreed = [c for c in panel.candidates if set(c.annotators) >= {"amal", "karim"}]
    assert agreed and panel.agreed == len(agreed)
    assert panel.differing == len(panel.candidates) - len(agreed)
    assert f"{panel.differing} difference(s)" in panel.info.text()
    assert panel.candidates[panel.differing:] == agreed  # differences first
    window.auto_merge_gold()
    assert panel.agreed == 0 and len(panel.candidates) == panel.differing


def test_the_differences_dock_only_shows_while_adjudicating(window, qtbot, settings):
    window.adjudicate_action.trigger()
    assert window.differences_dock.isVisible()
    window.close()  # saves the layout with the dock shown
    from annotator.gui.main_window import MainWindow

    again = MainWindow(settings, annotator="amal", interactive=False)
    qtbot.addWidget(again)
    again.show()
    assert not again.differences_dock.isVisible()


def test_the_agreement_report_can_be_cancelled_and_computed_again(window, qtbot, monkeypatch):
    """A large project's report takes a while: its progress dialog's Cancel leaves the dialog
    saying so, and the dialog's Compute again button (clicked) computes it."""
    from progress_clicks import cancel_when_shown

    seen = cancel_when_shown(window, qtbot, monkeypatch)
    dialog = AgreementDialog(window.project, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert seen and seen[0][0] == 2 * window.project.document_count()
    assert "cancelled" in dialog.summary.text() and dialog.matrix.rowCount() == 0
    qtbot.mouseClick(dialog.recompute, Qt.MouseButton.LeftButton)
    expected = compute(window.project)["layers"]["entity"]["pairs"]["amal|karim"]["f1_overlap"]["value"]
    assert dialog.matrix.item(0, 1).text() == f"{expected:.3f}"
    assert "cancelled" not in dialog.summary.text() and dialog.documents.rowCount() == 6


def test_a_cancelled_auto_merge_merges_nothing(window, qtbot, monkeypatch):
    """Team ▸ Auto-merge over a large corpus shows its progress; Cancel rolls back everything
    it merged so far (one transaction), then the same merge goes through."""
    from progress_clicks import cancel_when_shown

    window.adjudicate_action.trigger()
    last = window.project.document_count()  # cancelled at the last document: the others are merged by then
    seen = cancel_when_shown(window, qtbot, monkeypatch, after=last)
    window.auto_merge_gold()
    assert seen == [(last, last)] and "nothing was merged" in window.statusBar().currentMessage()
    assert all(window.project.spans(doc, GOLD) == [] for doc in window.project.document_ids())
    window.auto_merge_gold()
    assert "Auto-merged" in window.statusBar().currentMessage()
    assert any(window.project.spans(doc, GOLD) for doc in window.project.document_ids())


def test_auto_merge_from_the_team_menu_puts_what_both_agree_on_into_gold(sample_window, qtbot):
    """Team ▸ Auto-merge by the menus' mnemonics, as a person does (on a server too, where the
    merge holds one document at a time): spans both annotators marked alike go into gold."""
    from PySide6.QtWidgets import QApplication, QMenu

    window = sample_window("amal")
    project = window.project
    assert not any(project.spans(doc_id, GOLD) for doc_id in project.document_ids())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert menu.title().replace("&", "") == "Team"
    qtbot.keyClick(menu, Qt.Key.Key_M)  # Auto-&merge agreed spans into gold
    qtbot.waitUntil(lambda: "Auto-merged" in window.statusBar().currentMessage())
    gold = {doc_id: project.spans(doc_id, GOLD) for doc_id in project.document_ids()}
    merged = sum(map(len, gold.values()))
    assert merged > 0 and f"Auto-merged {merged} span(s) into gold" in window.statusBar().currentMessage()
    for doc_id, spans in gold.items():
        agreed = {(s.layer, s.label, s.start, s.end) for s in project.spans(doc_id, "amal")} \
            & {(s.layer, s.label, s.start, s.end) for s in project.spans(doc_id, "karim")}
        assert {(s.layer, s.label, s.start, s.end) for s in spans} <= agreed


def test_a_value_chosen_while_viewing_anothers_work_is_refused_and_not_shown(sample_window, qtbot):
    """Viewing amal × karim (editing off), a quote type chosen or a speaker's name typed in the
    Span panel is refused with a message, and the panel shows the stored value again (the box
    went on showing the refused choice)."""
    window = sample_window("layla")
    window.show_agreement()  # Team ▸ Agreement; a double-click on the document's row
    dialog = window.agreement_dialog
    row = next(k for k, ranked in enumerate(dialog.ranking) if ranked[0] == "ar-01-defence-fair")
    assert dialog.ranking[row][3] == ("amal", "karim")
    double_click_row(qtbot, dialog.documents, row)
    assert window.viewing_from == "layla" and window.annotator == "amal"
    window.ensure_spans_loaded()
    for span_id, name in (("Q1", "type"), ("S1", "name")):
        span = window.view.spans_by_id([span_id])[span_id]
        rect = window.view.span_rects(span.start, span.end)[0]
        qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
        assert window.view.selected_span().id == span_id
        editor = window.span_panel.editor(name)
        assert not editor.isEnabled()  # editing is off, and the panel shows it
        stored = window.project.span("ar-01-defence-fair", "amal", span_id).attrs.get(name, "")
        editor.setEnabled(True)  # a change that reaches the window all the same is refused
        editor.setFocus()
        if name == "type":
            qtbot.keyClick(editor, Qt.Key.Key_Down)  # another type, by the box's own keys
            shown = editor.currentData()
        else:
            qtbot.keyClicks(editor, "x")
            qtbot.keyClick(editor, Qt.Key.Key_Return)
            shown = editor.text()
        assert window.project.span("ar-01-defence-fair", "amal", span_id).attrs.get(name, "") == stored
        assert shown == stored
        assert "Back to my work" in window.statusBar().currentMessage()
    window.back_to_my_work()  # layla's own work: editable again
    window.ensure_spans_loaded()
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("quote"))
    window.view.select_cp(0, 10)
    qtbot.keyClick(window.view, Qt.Key.Key_Q)  # a quote of layla's own, selected
    assert window.view.selected_span().layer == "quote"
    assert window.span_panel.editor("type").isEnabled()


@pytest.mark.parametrize("mark", ["\ufeff", "\ufffe"])
def test_a_document_whose_id_begins_with_a_byte_order_mark_opens(qtbot, settings, tmp_path, bundled_fonts, mark):
    """A str sent through a Qt signal is read as UTF-16 with its byte order mark: an id beginning
    with U+FEFF came out without it ("no document 'news-1'") and one beginning with U+FFFE
    byte-swapped; clicking its row in the document list, or double-clicking it in Team ▸
    Agreement, opened nothing."""
    from annotator.core.model import AnnotatedDocument, Document, Span
    from annotator.gui.main_window import MainWindow
    from annotator.store.bulk import import_records

    doc_id, text = mark + "news-1", "قال المتحدث زكي أكتورك"
    with Project.create(tmp_path / "p.db") as project:
        import_records(project, [
            AnnotatedDocument(Document(doc_id, text, {}), who, "done",
                              [Span("T1", doc_id, who, "entity", label, 12, 15, {})], [])
            for who, label in (("amal", "PER"), ("karim", "ORG"))] + [AnnotatedDocument(Document("other", "نص", {}))])
    window = MainWindow(settings, annotator="layla", interactive=False)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.open_project(tmp_path / "p.db")
    window.show()
    qtbot.waitExposed(window)
    row = window.doc_list.row_of(doc_id)
    rect = window.doc_list.visualRect(window.doc_list.list_model.index(row, 0))
    qtbot.mouseClick(window.doc_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.doc_id == doc_id and window.view.text() == text and window.last_error == ""
    window.open_document("other")
    dialog = documents_tab(window, qtbot)
    double_click_row(qtbot, dialog.documents, 0)
    assert window.doc_id == doc_id and window.annotator == "amal" and window.compare_with == "karim"
    window.close()
