"""Links between spans (Ctrl+L, click or Tab/Enter), the Quotes panel, and suggestions (accept,
reject, suggest here, mark all occurrences). A part of
:class:`~annotator.gui.main_window.MainWindow`, in a module of its own."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QTableWidgetItem,
)

from annotator.attribution.detector import detect
from annotator.attribution.suggestions import (
    AcceptAllSuggestions,
    AcceptSuggestion,
    RejectSuggestion,
    store_attribution,
    suggest_occurrences,
)
from annotator.commands import AddRelation, DeleteRelation
from annotator.core.direction import isolated
from annotator.core.model import Relation, Span

# A document this long (about a fifth of a second of the rules) has its suggestions found in a
# thread of their own, so that the window stays responsive: a 4.7 MB document took 6 s, in
# which the window froze. Shorter ones are found at once, as before.
BACKGROUND_FROM = 200_000
_RULES_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="rules")


class LinkActions:
    """Methods of MainWindow (see its module for the state they use)."""

    # ================================================================== links and quotes

    def _link_types(self, source: Span, target: Span) -> list[str]:
        schema = self.project.schema
        return [r.name for r in schema.relations if r.from_layer == source.layer and r.to_layer == target.layer]

    def start_link(self) -> None:
        """Link mode: the selected span is the link's start; click (or Tab, Enter) its end."""
        span = self.view.selected_span()
        if span is None or self.project is None:
            self.statusBar().showMessage(self.tr("Select a quote or speaker first."), 5000)
            return
        targets = {r.to_layer for r in self.project.schema.relations if r.from_layer == span.layer}
        if not targets:
            self.statusBar().showMessage(self.tr("A {0} cannot start a link.").format(isolated(span.layer)), 5000)
            return
        self.link_from = span
        self._link_candidates = sorted((s for s in self.view.spans() if s.layer in targets and s.id != span.id),
                                       key=lambda s: abs(s.start - span.start))
        self._link_index = -1
        self.statusBar().showMessage(self.tr("Link from “{0}”: click a {1} (or Tab, then Enter); Esc cancels.").format(
            isolated(self.view.text()[span.start:span.end][:40]), isolated(" / ".join(sorted(targets)))))

    def _cycle_link_candidate(self, step: int) -> None:
        if not self._link_candidates:
            return
        self._link_index = (self._link_index + step) % len(self._link_candidates)
        candidate = self._link_candidates[self._link_index]
        self.view.select_cp(candidate.start, candidate.end)
        self.view.ensureCursorVisible()

    def finish_link(self, target: Span | None) -> bool:
        """Link mode's end: link its span to ``target`` and select it again. False when no
        link was made (no target, or no link type between the two)."""
        source = self.link_from
        self.cancel_link()
        if source is None or target is None:
            return False
        types = self._link_types(source, target)
        if not types:
            self.last_error = f"no link type from {source.layer} to {target.layer}"
            self.statusBar().showMessage(self.tr("Not done: {0}").format(isolated(str(self.last_error))), 6000)
            return False
        relation = Relation("", source.doc_id, source.annotator, types[0], source.id, target.id)
        self.run(AddRelation(relation), self.tr("Link {0}").format(types[0]))
        self.select_span(source.id, ensure_visible=False)
        return True

    def cancel_link(self) -> None:
        if self.link_from is not None:
            self.statusBar().clearMessage()  # the "Link from…" prompt is over
        self.link_from = None
        self._link_candidates = []
        self._link_index = -1

    def remove_link(self, relation: Relation) -> None:
        self.run(DeleteRelation(relation.doc_id, relation.annotator, relation.id), self.tr("Remove link"))

    def _refresh_links(self) -> None:
        """Relations, suggestions and the quotes panel of the open document."""
        if self.project is None or self.doc_id is None or not self.annotator:
            self.view.set_relations([])
            self.view.set_suggestions([])
            self.quotes_table.setRowCount(0)
            return
        relations = self.project.relations(self.doc_id, self.annotator)
        self.view.set_relations(relations)
        self.view.set_suggestions(self.project.pending_suggestions(self.doc_id, self.annotator))
        text = self.view.text()
        # Only the spans the panel shows: a document may hold 20,000 and this runs per edit.
        spans = self.view.spans_by_id(r.to_id for r in relations)
        linked: dict[tuple[str, str], Span] = {}
        continues = set()
        for r in relations:
            if r.to_id in spans:
                linked[(r.from_id, r.label)] = spans[r.to_id]
            if r.label == "continues":
                continues.add(r.from_id)
        quotes = self.view.layer_spans("quote")
        self.quotes_table.setRowCount(len(quotes))
        self._quote_rows = quotes
        for row, quote in enumerate(quotes):
            speaker, cue = linked.get((quote.id, "said_by")), linked.get((quote.id, "cued_by"))
            words = " ".join(text[quote.start:quote.end].split()[:8])
            kind = quote.attrs.get("type", "")
            cells = [("↳ " if quote.id in continues else "") + words,
                     self.project.schema.title(kind, self._language()) if kind else "",
                     "" if speaker is None else (speaker.attrs.get("name") or text[speaker.start:speaker.end]),
                     "" if cue is None else text[cue.start:cue.end]]
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if speaker is None and quote.id not in continues:
                    item.setBackground(QColor("#f8d7da"))  # unattributed: flagged
                    item.setToolTip(self.tr("No speaker linked (said_by)"))
                self.quotes_table.setItem(row, column, item)
        selected = self.view.selected_span()
        self._show_attributes(selected)
        self._select_quote_row(selected.id if selected else None)

    def _on_quote_row(self, row: int, _column: int) -> None:
        if 0 <= row < len(getattr(self, "_quote_rows", [])):
            self.select_span(self._quote_rows[row].id)

    # ================================================================== suggestions

    def _on_suggestion_clicked(self, suggestion: Span) -> None:
        self.select_span(None, ensure_visible=False)
        self.view.set_selected_suggestion(suggestion.id)
        score = self.project.suggestion_scores(self.doc_id).get(suggestion.id) if self.project else None
        source = isolated(suggestion.annotator) if score is None else self.tr("{0}, score {1:.2f}").format(
            isolated(suggestion.annotator), score)
        self.statusBar().showMessage(self.tr("Suggestion ({0}): {1} — Enter accepts, Delete rejects").format(
            source, isolated(suggestion.label)), 8000)

    def accept_suggestion(self, suggestion: Span) -> None:
        if self._require_annotator():
            self.run(AcceptSuggestion(self.doc_id, self.annotator, int(suggestion.id[1:])),
                     self.tr("Accept {0}").format(suggestion.label))

    def reject_suggestion(self, suggestion: Span) -> None:
        if self._require_annotator():
            self.run(RejectSuggestion(self.doc_id, self.annotator, int(suggestion.id[1:])),
                     self.tr("Reject {0}").format(suggestion.label))

    def accept_all_suggestions(self) -> None:
        if self.doc_id is None or not self._require_annotator():
            return
        command = AcceptAllSuggestions(self.doc_id, self.annotator)
        if self.run(command, self.tr("Accept all suggestions")) and command.skipped:
            self.statusBar().showMessage(self.tr("{0} suggestion(s) left: they overlap spans already there.").format(
                command.skipped), 8000)

    def suggest_here(self) -> None:
        if self.project is None or self.doc_id is None:
            return
        if self._rules_running is not None:
            self.statusBar().showMessage(self.tr("Suggestions are being found already…"), 5000)
            return
        doc_id, text = self.doc_id, self.project.text(self.doc_id)
        if len(text) < BACKGROUND_FROM:
            self._store_rules(self.project, doc_id, *detect(text, doc_id))
            return
        # The rules read only the text (a copy of it): the thread touches neither the project
        # nor Qt; what they find is stored here, in the window's thread, once they are done.
        future: Future = _RULES_THREAD.submit(detect, text, doc_id)
        self._rules_running = (self.project, doc_id, future)
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self.statusBar().showMessage(self.tr("Finding suggestions in this document…"))
        timer = QTimer(self)
        timer.setInterval(50)
        timer.timeout.connect(lambda: self._rules_done(timer))
        timer.start()

    def _rules_done(self, timer: QTimer) -> None:
        project, doc_id, future = self._rules_running
        if not future.done():
            return
        timer.stop()
        timer.deleteLater()
        self._rules_running = None
        QApplication.restoreOverrideCursor()
        if project is not self.project:
            return  # another project was opened meanwhile: these were found for the one closed
        try:
            spans, relations = future.result()
        except Exception as exc:  # noqa: BLE001 — said, never lost silently
            self._warn(self.tr("Suggestions"), str(exc))
            return
        self._store_rules(project, doc_id, spans, relations)

    def _store_rules(self, project, doc_id: str, spans: list, relations: list) -> None:
        added = store_attribution(project, doc_id, spans, relations)
        if doc_id == self.doc_id:
            self._refresh_links()
        self.statusBar().showMessage(self.tr("{0} new suggestion(s).").format(added), 6000)

    def mark_all_occurrences(self) -> None:
        span = self.view.selected_span()
        if span is None or self.project is None:
            self.statusBar().showMessage(self.tr("Select a span first."), 5000)
            return
        added = suggest_occurrences(self.project, self.doc_id, span)
        self._refresh_links()
        self.statusBar().showMessage(self.tr("{0} more occurrence(s) suggested.").format(added), 6000)
