"""File ▸ Import's file type says the format, as `annotator import --format` does: a doccano export
named .json (taken for Label Studio's) or a CoNLL-U file named .txt (taken for text) could only be
imported from the command line. Driven as a person does it: Ctrl+I, the type picked in the
dialog's list with the keyboard, the file's name typed, Return."""

import json

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog, QLineEdit


@pytest.fixture
def window(qtbot, settings, tmp_path, bundled_fonts):
    from annotator.gui.main_window import MainWindow
    from annotator.store.project import Project

    settings.setValue("annotator/name", "amal")
    win = MainWindow(settings, interactive=True)
    qtbot.addWidget(win)
    Project.create(tmp_path / "p.db").close()
    win.open_project(tmp_path / "p.db")
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def choose_in_the_file_dialog(qtbot, path, file_type: str, seen: list[str]) -> None:
    """In the file dialog when it opens: pick ``file_type`` in its list of types (Down arrow
    until it shows), type the file's path, press Return."""

    def act(tries: int) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            if tries:
                QTimer.singleShot(50, lambda: act(tries - 1))
            return
        types = dialog.findChild(QComboBox, "fileTypeCombo")
        types.setFocus()
        seen.extend(types.itemText(k) for k in range(types.count()))
        for _ in range(types.count()):
            if types.currentText().startswith(file_type):
                break
            qtbot.keyClick(types, Qt.Key.Key_Down)
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        if not types.currentText().startswith(file_type):
            qtbot.keyClick(name, Qt.Key.Key_Escape)  # no such type: the dialog is left, nothing chosen
            return
        dialog.setDirectory(str(path.parent))  # in the file's folder (typing its path char by char
        # makes the dialog's completer select every folder on the way)
        qtbot.keyClicks(name, path.name)
        qtbot.keyClick(name, Qt.Key.Key_Return)

    QTimer.singleShot(50, lambda: act(100))


def import_by_the_menu(window, qtbot, path, file_type: str) -> list[str]:
    seen: list[str] = []
    choose_in_the_file_dialog(qtbot, path, file_type, seen)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Imported" in window.statusBar().currentMessage(), timeout=10000)
    return seen


def test_a_doccano_export_named_json_imports_with_its_type_chosen(window, qtbot, tmp_path):
    path = tmp_path / "admin.json"  # JSONL, as doccano writes it, with the name a user gave it
    path.write_text(json.dumps({"id": 7, "text": "زار أحمد القاهرة", "label": [[4, 8, "PER"], [9, 16, "GPE"]]},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    types = import_by_the_menu(window, qtbot, path, "doccano JSONL")
    assert types[0].startswith("Documents and annotations, format found from each file")
    (doc_id,) = window.project.document_ids()
    assert window.project.text(doc_id) == "زار أحمد القاهرة"
    assert sorted((s.label, s.start, s.end) for s in window.project.spans(doc_id)) == [("GPE", 9, 16), ("PER", 4, 8)]


def test_a_treebank_file_named_txt_imports_as_conllu_with_its_type_chosen(window, qtbot, tmp_path):
    path = tmp_path / "ud.txt"  # found from the file, it is a text document of its lines
    path.write_text("# sent_id = 1\n# text = زار أحمد القاهرة\n"
                    "1\tزار\tزار\tVERB\t_\t_\t0\troot\t_\t_\n"
                    "2\tأحمد\tأحمد\tPROPN\t_\t_\t1\tnsubj\t_\t_\n"
                    "3\tالقاهرة\tالقاهرة\tPROPN\t_\t_\t1\tobj\t_\tSpaceAfter=No\n\n", encoding="utf-8")
    import_by_the_menu(window, qtbot, path, "CoNLL-U (")
    (doc_id,) = window.project.document_ids()
    assert window.project.text(doc_id) == "زار أحمد القاهرة"


def test_auto_still_finds_the_format_from_each_file(window, qtbot, tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("قال المتحدث إن الوفد وصل.", encoding="utf-8")
    import_by_the_menu(window, qtbot, path, "Documents and annotations")
    (doc_id,) = window.project.document_ids()
    assert window.project.text(doc_id) == "قال المتحدث إن الوفد وصل."
