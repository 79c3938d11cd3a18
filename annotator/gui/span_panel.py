"""The Span panel: the selected span's label, offsets, attributes and links.

The panel is told which span to show after every edit, often while one of its own editors is
still delivering the signal that caused the edit (a type combo box, a name completer). Deleting
that editor there crashed the process (exit 139). So the panel updates in place when it shows
the same span with the same fields (values refreshed with signals blocked), and when it must
rebuild, old editors are detached and deleted later (``deleteLater``), never inside their own
signal.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from annotator.core.model import Relation, Span
from annotator.gui.plain_message import tooltip


_LINE_BREAKS_AND_TABS = re.compile("[\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+")


def _elided_label(text: str, parent: QWidget) -> QLabel:
    """A label that never asks for more width: selecting a span with a long link must not widen
    the dock, which would reflow and scroll the document. The full text is its tooltip."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names from a schema, never markup
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(0)
    label.setToolTip(tooltip(text))
    return label


def _value_box(parent: QWidget) -> QComboBox:
    """A box of allowed values, as narrow as a narrow dock: a long value is cut in the box and
    whole in its list."""
    box = QComboBox(parent)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(6)
    return box


def _plain(structure: tuple | None) -> bool:
    """Whether a span's rows (see SpanPanel.show_span) are its label and offsets only."""
    return structure is not None and not structure[3] and not structure[4]


class SpanPanel(QWidget):
    attributeChanged = Signal(str, object)  # name, value (object: see DocumentList.documentChosen)
    removeLink = Signal(object)  # Relation

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QFormLayout(self)
        # In a narrow dock a row that does not fit puts its value under its name, rather than
        # making the panel scroll sideways to a value half out of sight.
        self._layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._structure: tuple | None = None
        self._label: QLabel | None = None
        self._offsets: QLabel | None = None
        self._editors: dict[str, QComboBox | QLineEdit] = {}
        self.show_span(None)

    # ------------------------------------------------------------------ public

    def show_span(self, span: Span | None, *, label_title: str = "", attributes: dict | None = None,
                  links: list[tuple[Relation, str]] = (), completions: Callable[[str], list[str]] | None = None,
                  attribute_title: Callable[[str], str] = str, value_title: Callable[[str, str], str] = lambda n, v: v
                  ) -> None:
        """Show ``span`` (None: nothing selected). ``attributes`` maps each attribute of its
        label to its allowed values (empty: free text); ``links`` are (relation, shown text)."""
        attributes = attributes or {}
        structure = None if span is None else (
            span.id, span.layer, span.label, tuple((n, tuple(v)) for n, v in attributes.items()),
            tuple((r.id, r.label, r.from_id, r.to_id, shown) for r, shown in links))
        if structure is not None and (structure == self._structure or _plain(structure) and _plain(self._structure)):
            # The same rows: values refreshed in place. A span of another id too when its rows
            # are only its label and offsets (the common case: an entity just added): rebuilt,
            # the panel asked the window to lay itself out again and repaint whole, twice per
            # added span (measured). A span with editors is still shown by new ones, so that a
            # value typed for one span never lands on another.
            self._structure = structure
            self._refresh_values(span, label_title)
            return
        self._clear()
        self._structure = structure
        if span is None:
            self._layout.addRow(QLabel(self.tr("No span selected"), self))
            return
        self._label = _elided_label("", self)
        self._label.setObjectName("span-title")
        self._offsets = _elided_label("", self)  # its width changes with the numbers: never the dock's
        self._layout.addRow(self.tr("Label"), self._label)
        self._layout.addRow(self.tr("Offsets"), self._offsets)
        for name, allowed in attributes.items():
            if allowed:
                box = _value_box(self)
                box.addItem("—", "")
                for value in allowed:
                    box.addItem(value_title(name, value), value)
                box.currentIndexChanged.connect(lambda _i, n=name, b=box: self.attributeChanged.emit(n, b.currentData()))
                editor = box
            else:
                edit = QLineEdit(self)
                # Names already used in the project: one speaker, one spelling, one query.
                completer = QCompleter(completions(name) if completions else [], edit)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                edit.setCompleter(completer)
                edit.editingFinished.connect(lambda n=name, e=edit: self._text_edited(n, e))
                editor = edit
            editor.setObjectName(f"attribute-{name}")
            self._editors[name] = editor
            self._layout.addRow(attribute_title(name), editor)
        if links:
            # Each link on a row of the panel's whole width: the label column ("Quote type")
            # left the link's text a word per line in a narrow dock.
            self._layout.addRow(QLabel(self.tr("Links"), self))
        for relation, shown in links:
            row = QWidget(self)
            row_layout = QHBoxLayout(row)
            row_layout.setContentsMargins(0, 0, 0, 0)
            # Wrapped, not cut: the speaker's or cue's words are what the row is for.
            link = QLabel(shown, row)
            link.setTextFormat(Qt.TextFormat.PlainText)  # the document's words, never markup
            link.setWordWrap(True)  # shown whole: no tooltip (which would take "<b>" for markup)
            row_layout.addWidget(link, 1)
            # A small × (named "Remove" for its tooltip and screen readers): a "Remove" push
            # button beside the text was wider than a narrow dock and made the panel scroll.
            remove = QToolButton(row)
            remove.setText("×")
            remove.setToolTip(self.tr("Remove"))
            remove.setAccessibleName(self.tr("Remove"))
            remove.setObjectName("remove-link")
            remove.setAutoRaise(True)
            remove.clicked.connect(lambda _checked=False, r=relation: self.removeLink.emit(r))
            row_layout.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
            self._layout.addRow(row)
        self._refresh_values(span, label_title)

    def least_width(self) -> int:
        """The narrowest the panel can be and still show any span without scrolling sideways:
        its rows put a value under its name when they must, so what is left is a row with a
        value box (or, wider, the panel with nothing selected). The Arabic interface's "no span
        selected" is narrower than that: as the floor, it left a quote's type box scrolling.
        Measured on a row laid out as the panel lays its rows (a form layout's wrapped row is
        wider than its field by the style's spacing)."""
        probe = QWidget(self)  # never shown: this panel's font, style and direction
        layout = QFormLayout(probe)
        layout.setRowWrapPolicy(self._layout.rowWrapPolicy())
        layout.setContentsMargins(self._layout.contentsMargins())
        box = _value_box(probe)
        box.addItem("—")
        layout.addRow(QLabel("", probe), box)
        width = max(self.minimumSizeHint().width(), layout.minimumSize().width())
        probe.deleteLater()
        return width

    def set_editable(self, editable: bool) -> None:
        """Whether the span's values can be changed and its links removed here (not while the
        window shows another annotator's work)."""
        for widget in [*self._editors.values(), *self.findChildren(QToolButton, "remove-link")]:
            widget.setEnabled(editable)

    def revert(self, name: str) -> None:
        """Show the stored value of ``name`` again in its editor: a change the window refused
        (while viewing another's work, say) must not go on looking made."""
        editor = self._editors.get(name)
        if editor is None:
            return
        stored = editor.property("stored") or ""
        editor.blockSignals(True)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(stored)))
        else:
            editor.setText(stored)
        editor.blockSignals(False)

    def editor(self, name: str) -> QComboBox | QLineEdit | None:
        return self._editors.get(name)

    # ------------------------------------------------------------------ inside

    def _text_edited(self, name: str, edit: QLineEdit) -> None:
        # A one-line field, as a browser's: pasted line breaks and tabs are spaces (a name with
        # a line break in it broke line-based exports and showed cut in the tables).
        value = _LINE_BREAKS_AND_TABS.sub(" ", edit.text()).strip()
        if edit.text() != value:  # the value as it is stored: white space around it is not kept
            edit.setText(value)
        if value != edit.property("stored"):  # editingFinished also fires on focus loss
            self.attributeChanged.emit(name, value)

    def _refresh_values(self, span: Span, label_title: str) -> None:
        self._label.setText(f"{label_title} ({span.id})")
        self._label.setToolTip(tooltip(self._label.text()))
        self._offsets.setText(f"{span.start}–{span.end}")
        for name, editor in self._editors.items():
            value = span.attrs.get(name, "")
            editor.blockSignals(True)
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            elif editor.text().strip() != value and not editor.hasFocus():
                editor.setText(value)
            editor.setProperty("stored", value)
            editor.blockSignals(False)

    def _clear(self) -> None:
        # takeRow detaches a row without deleting it; deleteLater deletes once control is
        # back in the event loop, after any signal of these widgets has returned.
        while self._layout.rowCount():
            taken = self._layout.takeRow(0)
            for item in (taken.labelItem, taken.fieldItem):
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.hide()
                    widget.deleteLater()
        self._editors = {}
        self._label = self._offsets = None
