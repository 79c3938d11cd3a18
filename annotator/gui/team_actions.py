"""Team work in the window: agreement, comparing annotators, viewing a pair, adjudicating the
gold version. A part of :class:`~annotator.gui.main_window.MainWindow`, kept in a module of its
own so that each concern has one home."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.direction import isolated
from annotator.core.model import GOLD
from annotator.gui.plain_message import without_mnemonic
from annotator.gui.progress import Cancelled, Progress
from annotator.gui.team_views import AgreementDialog
from annotator.team.adjudication import auto_merge, differences, eligible_annotators


class TeamActions:
    """Methods of MainWindow (see its module for the state they use)."""

    # ================================================================== team

    def show_agreement(self) -> None:
        if self.project is None:
            return
        dialog = AgreementDialog(self.project, self)
        dialog.openDocument.connect(self._open_for_comparison)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.agreement_dialog = dialog

    def _open_for_comparison(self, doc_id: str, first: str, second: str) -> None:
        """Show the pair a disagreement row is about: one's own work against the other's when
        one is in the pair, else ``first``'s work (not editable) against ``second``'s."""
        if self.annotator in (first, second):
            self.open_document(doc_id)
            self.set_compare_with(second if self.annotator == first else first)
            return
        if self.viewing_from is None:
            self.viewing_from = self.annotator
        self.annotator = first  # not saved as the user's name
        self.open_document(doc_id)
        self.set_compare_with(second)
        self.status_viewing.setText(self.tr("Viewing {0} × {1}: editing is off (Team ▸ Back to my work)").format(
            isolated(first), isolated(second)))
        self.status_viewing.show()
        self.back_action.setEnabled(True)
        self._update_status_bar()

    def back_to_my_work(self) -> None:
        if self.viewing_from is None:
            return
        self.annotator, self.viewing_from = self.viewing_from, None
        self.status_viewing.hide()
        self.back_action.setEnabled(False)
        self.set_compare_with("")
        if self.doc_id:
            self.open_document(self.doc_id)
        self._update_status_bar()

    def _rebuild_compare_menu(self) -> None:
        self.compare_menu.clear()
        self._action(self.compare_menu, self.tr("Nobody"), lambda: self.set_compare_with(""))
        if self.project is not None:
            for name in self.project.annotators():
                if name != self.annotator:
                    self._action(self.compare_menu, without_mnemonic(isolated(name)),
                                 lambda checked=False, n=name: self.set_compare_with(n))

    def set_compare_with(self, name: str) -> None:
        """Overlay another annotator's spans (dashed) over one's own: a disagreement at a glance."""
        self.compare_with = name
        self._refresh_comparison()
        if name:
            self.statusBar().showMessage(self.tr("Dashed outlines: {0}'s spans").format(isolated(name)), 6000)

    def _refresh_comparison(self) -> None:
        if self.project is None or self.doc_id is None or not self.compare_with:
            self.view.set_comparison([])
            return
        self.view.set_comparison(self.project.spans(self.doc_id, self.compare_with))

    def toggle_adjudication(self, on: bool) -> None:
        """Work on the gold version: the differences between annotators are listed to decide."""
        if self.project is None:
            self.adjudicate_action.setChecked(False)
            return
        if on and self.viewing_from is not None:
            self.back_to_my_work()
        if on and self.adjudicating_from is None:
            self.adjudicating_from = self.annotator
            self.annotator = GOLD  # not saved as the user's name
            self.differences_dock.show()
            self.differences_dock.raise_()
            # The list of differences is what a curator works through: give it most of the side.
            self.resizeDocks([self.labels_dock, self.differences_dock],
                             [int(self.height() * 0.25), int(self.height() * 0.6)], Qt.Orientation.Vertical)
        elif not on and self.adjudicating_from is not None:
            self.annotator = self.adjudicating_from
            self.adjudicating_from = None
            self.differences_dock.hide()
        self._rebuild_compare_menu()
        self._show_as_current_annotator()

    def refresh_differences(self) -> None:
        if self.adjudicating_from is None or self.project is None or self.doc_id is None:
            return
        names = eligible_annotators(self.project, self.doc_id, None, only_done=True)
        found = differences(self.project, self.doc_id, names) if len(names) >= 2 else []
        self.differences.set_candidates(self.view.text(), found, names if len(names) >= 2 else [])

    def auto_merge_gold(self) -> None:
        if self.project is None:
            return
        progress = Progress(self, self.tr("Merging agreed spans into gold…"), self.tr("Cancel"),
                            self.tr("Auto-merge"), self.project.document_count())
        try:
            report = auto_merge(self.project, progress=progress.advance)
        except Cancelled:
            self.statusBar().showMessage(self.tr("Auto-merge cancelled: nothing was merged."), 8000)
            return
        finally:
            progress.close()
        self.statusBar().showMessage(self.tr("Auto-merged {0} span(s) into gold; {1} difference(s) left.").format(
            report.spans_added, report.differences_left), 8000)
        self.reload_spans()
        self.refresh_differences()
        self.refresh_documents()

    def _show_range(self, start: int, end: int) -> None:
        self.view.select_cp(start, end)
        self.view.ensureCursorVisible()
