"""Team views: agreement (pairwise matrix, per label), documents ranked by disagreement, and
the differences a curator decides when building the gold version."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.direction import isolated
from annotator.gui.bidi_cells import OwnDirectionDelegate
from annotator.gui.progress import Cancelled, Progress
from annotator.store.project import Project
from annotator.team.adjudication import Candidate
from annotator.team.agreement import AgreementOptions, compute, document_disagreements

MEASURES = ("f1_overlap", "f1_exact", "alpha_u", "kappa", "alpha_nominal")


def _item(text: str, value: float | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    if value is not None:  # green when they agree, red when they do not
        item.setBackground(QColor.fromHsvF(max(0.0, min(1.0, value)) / 3, 0.35, 1.0))
    return item


def _score_text(score: dict) -> str:
    return "—" if score.get("value") is None else f"{score['value']:.3f}"


class AgreementDialog(QDialog):
    """Agreement per pair and per label, and the documents where annotators disagree most."""

    # The document id and the pair of annotators its row is about; objects, not str, as in
    # DocumentList.documentChosen (ids and names are other people's, any character first).
    openDocument = Signal(object, object, object)

    def __init__(self, project: Project, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Agreement"))
        self.resize(900, 560)
        self.project = project
        self.report: dict = {}
        layout = QVBoxLayout(self)
        controls = QHBoxLayout()
        self.layer = QComboBox(self)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        for layer in project.schema.layers:
            self.layer.addItem(layer.ar if rtl else layer.en, layer.name)
        self.layer.setCurrentIndex(max(0, self.layer.findData("entity")))
        self.measure = QComboBox(self)
        for key, title in zip(MEASURES, (self.tr("F1 overlap"), self.tr("F1 exact"), "α_U", "κ", self.tr("α nominal"))):
            self.measure.addItem(title, key)
        self.all_docs = QCheckBox(self.tr("Every document worked on (not only done)"), self)
        self.recompute = QPushButton(self.tr("Compute again"), self)  # after a cancel, or edits since
        for widget in (QLabel(self.tr("Layer"), self), self.layer, QLabel(self.tr("Measure"), self), self.measure,
                       self.all_docs, self.recompute):
            controls.addWidget(widget)
        controls.addStretch(1)
        layout.addLayout(controls)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget(self)
        self.matrix = QTableWidget(self)
        self.labels = QTableWidget(self)
        self.documents = QTableWidget(self)
        for table in (self.matrix, self.labels, self.documents):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.documents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.documents.cellDoubleClicked.connect(self._open_row)
        self.tabs.addTab(self.matrix, self.tr("Pairs"))
        self.tabs.addTab(self.labels, self.tr("Labels"))
        self.tabs.addTab(self.documents, self.tr("Disagreements"))
        layout.addWidget(self.tabs)
        self.layer.currentIndexChanged.connect(self.refresh)
        self.measure.currentIndexChanged.connect(self._fill)
        self.all_docs.toggled.connect(self.refresh)
        self.recompute.clicked.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Compute the report for the chosen layer and documents: read document by document,
        with a progress dialog and Cancel when that takes a while (a large project)."""
        only_done = not self.all_docs.isChecked()
        progress = Progress(self.parentWidget() or self, self.tr("Computing agreement…"), self.tr("Cancel"),
                            self.tr("Agreement"), 2 * self.project.document_count())
        try:
            self.report = compute(self.project, AgreementOptions([self.layer.currentData()], None, only_done),
                                  progress.advance)
            self.ranking = document_disagreements(self.project, self.layer.currentData(),
                                                  AgreementOptions(only_done=only_done), progress.advance)
        except Cancelled:
            self.report, self.ranking = {"cancelled": True}, []
        finally:
            progress.close()
        self._fill()

    def _fill(self) -> None:
        report, layer, key = self.report, self.layer.currentData(), self.measure.currentData()
        annotators = report.get("annotators", [])
        if "cancelled" in report:
            self.summary.setText(self.tr("Not computed: cancelled (Compute again starts over)."))
        elif "undefined" in report:
            self.summary.setText(self.tr("Nothing to compare: fewer than two annotators have documents "
                                         "(only documents marked done count unless the box is ticked)."))
        else:
            overall = report["layers"][layer]["overall"]
            self.summary.setText(self.tr("{0} documents; all annotators: F1 overlap {1}, F1 exact {2}, α_U {3}, {4} {5}")
                                 .format(report["documents"], _score_text(overall["f1_overlap"]),
                                         _score_text(overall["f1_exact"]), _score_text(overall["alpha_u"]),
                                         overall["kappa"].get("measure", "κ"), _score_text(overall["kappa"])))
        # Pairwise matrix
        self.matrix.clear()
        self.matrix.setRowCount(len(annotators))
        self.matrix.setColumnCount(len(annotators))
        self.matrix.setHorizontalHeaderLabels(annotators)
        self.matrix.setVerticalHeaderLabels(annotators)
        pairs = report.get("layers", {}).get(layer, {}).get("pairs", {})
        for i, a in enumerate(annotators):
            for j, b in enumerate(annotators):
                if i == j:
                    self.matrix.setItem(i, j, _item("—"))
                    continue
                entry = pairs.get(f"{a}|{b}") or pairs.get(f"{b}|{a}")
                score = entry[key] if entry else {}
                self.matrix.setItem(i, j, _item(_score_text(score), score.get("value")))
        # Per label
        labels = report.get("layers", {}).get(layer, {}).get("labels", {})
        pair_names = list(pairs)
        self.labels.clear()
        self.labels.setColumnCount(1 + len(pair_names))
        self.labels.setHorizontalHeaderLabels([self.tr("Label")] + [p.replace("|", " × ") for p in pair_names])
        schema_layer = self.project.schema.layer(layer)
        names = [label for label in schema_layer.labels if label.name in labels]
        self.labels.setRowCount(len(names))
        label_key = key if key in ("f1_overlap", "f1_exact", "alpha_u") else "f1_overlap"
        for row, label in enumerate(names):
            title = label.ar if self.layoutDirection() == Qt.LayoutDirection.RightToLeft else label.en
            self.labels.setItem(row, 0, _item(f"{label.name} — {title}"))
            for column, pair in enumerate(pair_names, 1):
                score = labels[label.name].get(pair, {}).get(label_key, {})
                self.labels.setItem(row, column, _item(_score_text(score), score.get("value")))
        # Documents ranked by disagreement
        self.documents.clear()
        self.documents.setColumnCount(4)
        self.documents.setHorizontalHeaderLabels([self.tr("Document"), self.tr("F1 overlap (mean over pairs)"),
                                                  self.tr("Spans"), self.tr("Pair agreeing least")])
        self.documents.setRowCount(len(self.ranking))
        for row, (doc_id, value, count, (a, b)) in enumerate(self.ranking):
            self.documents.setItem(row, 0, _item(doc_id))
            self.documents.setItem(row, 1, _item(f"{value:.3f}", value))
            self.documents.setItem(row, 2, _item(str(count)))
            self.documents.setItem(row, 3, _item(f"{a} × {b}"))
        for table in (self.matrix, self.labels, self.documents):
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def _open_row(self, row: int, _column: int) -> None:
        doc_id, _value, _count, (a, b) = self.ranking[row]
        self.openDocument.emit(doc_id, a, b)


class DifferencesPanel(QWidget):
    """The open document's differences while adjudicating: who marked what; accept or reject."""

    accept = Signal(object)  # Candidate
    reject = Signal(object)
    showRange = Signal(int, int)  # start, end to select in the view

    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.info = QLabel(self)
        self.info.setTextFormat(Qt.TextFormat.PlainText)  # annotators' names, never markup
        self.info.setWordWrap(True)
        self.table = QTableWidget(self)
        # Who marked it first, then the label, at the leading side: the dock is narrow, and the
        # columns past its edge were the ones a curator decides by (the offsets last: the text
        # shows the item, each cell's tooltip has it all).
        self.table.setColumnCount(4)
        self.table.setHorizontalHeaderLabels([self.tr("Marked by"), self.tr("Label"), self.tr("Text"),
                                              self.tr("Offsets")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setItemDelegateForColumn(2, OwnDirectionDelegate(self.table))  # the item's words
        self.table.currentCellChanged.connect(lambda row, *_: self._show(row))
        buttons = QHBoxLayout()
        self.accept_button = QPushButton(self.tr("Accept into gold"), self)
        self.reject_button = QPushButton(self.tr("Reject"), self)
        self.accept_button.clicked.connect(lambda: self._decide(self.accept))
        self.reject_button.clicked.connect(lambda: self._decide(self.reject))
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.reject_button)
        layout.addWidget(self.info)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.candidates: list[Candidate] = []
        self.layer_title: Callable[[str], str] = str  # display name of a layer (set by the window)
        self.label_title: Callable[[str, str], str] = lambda _layer, label: label  # likewise, of a label

    def set_candidates(self, text: str, candidates: list[Candidate], annotators: list[str]) -> None:
        # What every annotator marked identically is agreed, not a difference: listed after the
        # differences (accept them one by one, or all with Auto-merge) and counted apart.
        agreed = [c for c in candidates if annotators and set(c.annotators) >= set(annotators)]
        differing = [c for c in candidates if c not in agreed]
        self.candidates = differing + agreed
        self.differing, self.agreed = len(differing), len(agreed)
        self.info.setText(self.tr("{0} difference(s) between {1}; {2} agreed item(s) not yet in gold").format(
            len(differing), isolated(", ".join(annotators)), len(agreed))
                          if annotators else self.tr("Fewer than two annotators finished this document."))
        self.table.setRowCount(len(self.candidates))
        for row, c in enumerate(self.candidates):
            who = self.tr("all (agreed)") if c in agreed else ", ".join(c.annotators)
            values = (who, f"{self.layer_title(c.layer)}: {self.label_title(c.layer, c.label)}",
                      text[c.start:c.end].replace("\n", " "), f"{c.start}–{c.end}")
            details = "\n".join((values[3], *values[:3]))  # offsets first: a first line with a tag is markup
            for column, value in enumerate(values):
                item = _item(value)
                item.setToolTip(details)
                if c in agreed:
                    item.setBackground(QColor("#e6f4ea"))
                self.table.setItem(row, column, item)
        enabled = bool(candidates)
        self.accept_button.setEnabled(enabled)
        self.reject_button.setEnabled(enabled)

    def current(self) -> Candidate | None:
        row = self.table.currentRow()
        return self.candidates[row] if 0 <= row < len(self.candidates) else None

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.candidates):
            self.showRange.emit(self.candidates[row].start, self.candidates[row].end)

    def _decide(self, signal) -> None:
        candidate = self.current() or (self.candidates[0] if self.candidates else None)
        if candidate is not None:
            signal.emit(candidate)
