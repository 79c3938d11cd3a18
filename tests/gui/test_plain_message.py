"""Message boxes, tooltips, menu entries and check boxes show paths, ids, names and guidelines
from other people's files and schemas as written."""

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextDocument
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import QCheckBox, QLabel, QMessageBox

from annotator.core.model import Span
from annotator.gui.main_window import MainWindow
from annotator.gui.plain_message import message_box
from annotator.sample import create_sample_project
from annotator.store.project import Project


def test_a_reason_that_looks_like_markup_is_shown_as_written(qtbot):
    text = "data.jsonl:3: label '<b>X</b>' is not in the project schema"
    box = message_box(None, QMessageBox.Icon.Warning, "Import", text)
    qtbot.addWidget(box)
    label = box.findChild(QLabel, "qt_msgbox_label")
    assert label.text() == text
    # Laid out as characters, as wide as the whole line (as markup: the line without its tags).
    label.setWordWrap(False)
    assert label.sizeHint().width() >= label.fontMetrics().horizontalAdvance(text)


def shown(tip: str) -> str:
    """What a tooltip shows: a QLabel in Qt's automatic text format lays a text whose first line
    looks like markup out as HTML."""
    if not QtGui.mightBeRichText(tip):
        return tip
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


def as_labelled(text: str) -> str:
    """What a menu entry or check box labelled ``text`` shows: "&&" is an "&"; there is no
    mnemonic."""
    assert QKeySequence.mnemonic(text).isEmpty(), f"{text!r} has a mnemonic"
    return text.replace("&&", "&")


def test_names_and_guidelines_from_a_schema_and_a_project_are_shown_as_written(qtbot, settings, tmp_path,
                                                                                bundled_fonts):
    folder = tmp_path / "R&D &lt;corpus&gt;"  # (Qt takes "&lt;" for a sign of markup)
    folder.mkdir()
    location = create_sample_project(folder / "sample.db")
    guideline = "<b>Only</b> the name, without titles"
    with Project.open(location) as project:
        schema = project.schema
        entity = schema.layer("entity")
        labels = [dataclasses.replace(label, en="<i>Person</i>", guideline=guideline) if label.name == "PER"
                  else label for label in entity.labels]
        layers = [dataclasses.replace(layer, en="Names & places", labels=labels) if layer.name == "entity"
                  else layer for layer in schema.layers]
        project.set_schema(dataclasses.replace(schema, layers=layers))
        project.add_span(Span("", "ar-01-defence-fair", "R&D team", "entity", "PER", 0, 5, {}))
    settings.setValue("recent", [str(location)])
    window = MainWindow(settings, annotator="amal", interactive=False)
    qtbot.addWidget(window)
    window.resize(1300, 850)
    window.show()
    recent = window.welcome.recent.item(0)
    assert shown(recent.toolTip()) == str(location)
    qtbot.mouseClick(window.welcome.recent.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.welcome.recent.visualItemRect(recent).center())
    assert window.project is not None and window.project.path == location
    window.open_document("ar-01-defence-fair")

    # The labels list: the guideline is the tooltip of its label.
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("entity"))
    person = next(window.label_list.item(k) for k in range(window.label_list.count())
                  if window.label_list.item(k).data(Qt.ItemDataRole.UserRole) == "PER")
    assert shown(person.toolTip()) == guideline
    # The layer check boxes: "Names & places", no mnemonic.
    boxes = window.layer_checks.findChildren(QCheckBox)
    assert "Names & places" in [as_labelled(box.text()) for box in boxes]
    # The Span panel: a person span's label and id, with its tooltip.
    window.ensure_spans_loaded()
    span = next(s for s in window.project.spans("ar-01-defence-fair", "amal") if s.label == "PER")
    rect = window.view.span_rects(span.start, span.end)[0]
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert window.view.selected_span().label == "PER"
    title = window.span_panel.findChild(QLabel, "span-title")
    assert "<i>Person</i> (" in title.text()
    assert shown(title.toolTip()) == title.text()
    # Team ▸ Compare with: the other annotator's name as written; choosing it compares with them.
    entries = {as_labelled(action.text()).strip("\u2068\u2069"): action for action in window.compare_menu.actions()}
    assert "R&D team" in entries
    entries["R&D team"].trigger()
    assert window.compare_with == "R&D team"
    # File ▸ Open recent: the path as written.
    assert str(location) in [as_labelled(action.text()).strip("\u2068\u2069")
                             for action in window.recent_menu.actions()]
    window.close()
