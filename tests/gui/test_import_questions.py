"""File ▸ Import asks what the command line has options for: whether to read an Arabic text file
saved in Windows-1256 so (it said only "not valid UTF-8"), whether to add to the schema what
another tool's files use (it said "import with --extend-schema", which the window has not), and
whether to widen spans that split a letter from its harakat (--snap-to-graphemes)."""

import json

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

TEXT = "قال المتحدث إن الوفد وصل إلى القاهرة.\r\nوأضاف أن الاجتماع انتهى."


@pytest.fixture
def window(qtbot, settings, tmp_path, bundled_fonts):
    from annotator.gui.main_window import MainWindow
    from annotator.sample import create_sample_project

    settings.setValue("annotator/name", "amal")
    win = MainWindow(settings, interactive=True)  # the question as a person meets it
    qtbot.addWidget(win)
    win.open_project(create_sample_project(tmp_path / "sample.db"))
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


_test_number = [0]  # which test the pollers below belong to


@pytest.fixture(autouse=True)
def _pollers_end_with_their_test():
    yield
    _test_number[0] += 1  # a poller still waiting stops: it would answer the next test's box


def answer_the_box(qtbot, key, seen: list[str], then: str | None = None) -> None:
    """Answer the next message box with ``key`` ("yes": a click on its Yes button; else Escape),
    recording its text; a box without a Yes button is left to another answer. ``then``: the
    answer to the box after it, if one comes (looked for only once this one is answered)."""
    mine = _test_number[0]

    def answer(tries: int) -> None:
        if _test_number[0] != mine:
            return
        box = QApplication.activeModalWidget()
        yes = box.button(QMessageBox.StandardButton.Yes) if isinstance(box, QMessageBox) else None
        if isinstance(box, QMessageBox) and (key != "yes" or yes is not None):
            seen.append(box.text())
            if then is not None:
                answer_the_box(qtbot, then, seen)
            if key == "yes":
                qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
            else:
                qtbot.keyClick(box, Qt.Key.Key_Escape)
        elif tries:
            QTimer.singleShot(50, lambda: answer(tries - 1))

    QTimer.singleShot(50, lambda: answer(100))


@pytest.mark.parametrize("reply", ["yes", "no"])
def test_an_arabic_windows_1256_file_is_read_so_when_the_person_agrees(window, qtbot, tmp_path, reply):
    source = tmp_path / "news.txt"
    source.write_bytes(TEXT.encode("cp1256"))
    before = window.project.document_ids()
    seen: list[str] = []
    answer_the_box(qtbot, reply, seen, then="no" if reply == "no" else None)  # a refusal then, closed too
    message = window.import_paths([source])
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert "reads as Arabic text saved in Windows-1256" in seen[0]
    if reply == "yes":
        assert "Imported 1 new document" in message
        assert window.project.text("news") == TEXT
    else:
        assert "not valid UTF-8" in message and window.project.document_ids() == before


@pytest.mark.parametrize("reply", ["yes", "no"])
def test_labels_the_schema_lacks_are_added_when_the_person_agrees(window, qtbot, tmp_path, reply):
    folder = tmp_path / "n2c2"
    folder.mkdir()
    (folder / "100.txt").write_text("Take aspirin every day.\n", encoding="utf-8")
    (folder / "100.ann").write_text("T1\tDrug 5 12\taspirin\nT2\tFrequency 13 22\tevery day\n"
                                    "R1\tFrequency-Drug Arg1:T2 Arg2:T1\n", encoding="utf-8")
    seen: list[str] = []
    answer_the_box(qtbot, reply, seen, then="no")  # what follows (the report), closed
    message = window.import_paths([folder])
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert "the project's schema does not have" in seen[0] and "label 'Drug' is not in the project schema" in seen[0]
    layer_items = [window.layer_combo.itemData(k) for k in range(window.layer_combo.count())]
    if reply == "yes":
        assert "Imported 1 new document(s) and 2 span(s)" in message and "Schema extended (" in message
        assert window.project.schema.layer("entity").label("Drug") is not None
        assert [r.label for r in window.project.relations("100")] == ["Frequency-Drug"]
        window.layer_combo.setCurrentIndex(layer_items.index("entity"))
        labels = [window.label_list.item(k).text() for k in range(window.label_list.count())]
        assert any("Drug" in text for text in labels)  # the window shows the new label
    else:
        assert "100" not in window.project.document_ids()
        assert window.project.schema.layer("entity").label("Drug") is None


@pytest.mark.parametrize("reply", ["yes", "no"])
def test_spans_that_split_a_letter_from_its_harakat_are_widened_when_the_person_agrees(window, qtbot, tmp_path,
                                                                                      reply):
    text = "قَالَ المُتَحَدِّثُ إن الوفد وصل"
    source = tmp_path / "ls.json"
    source.write_text(json.dumps([{"id": 1, "data": {"text": text}, "annotations": [{"id": 1, "result": [
        {"id": "r", "from_name": "entity", "to_name": "text", "type": "labels",
         "value": {"start": 6, "end": 9, "labels": ["PER"]}}]}]}], ensure_ascii=False), encoding="utf-8")
    seen: list[str] = []
    answer_the_box(qtbot, reply, seen, then="no")
    message = window.import_paths([source])
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    assert "end between a letter and its harakat" in seen[0] and "splits a grapheme cluster" in seen[0]
    if reply == "yes":
        assert "Imported 1 new document(s) and 1 span(s)" in message
        (doc_id,) = [d for d in window.project.document_ids() if window.project.text(d) == text]
        (span,) = window.project.spans(doc_id)
        assert text[span.start:span.end] == "المُ"  # the damma with its letter
    else:
        assert "Nothing was imported" in message


def test_file_import_by_its_shortcut_asks_and_imports_another_tools_labels(window, qtbot, tmp_path, monkeypatch):
    """The same as a person does it: Ctrl+I (File ▸ Import files…), the file chosen, the question
    answered with a click on Yes; the new label is then in the Labels panel's list."""
    from PySide6.QtWidgets import QFileDialog

    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "7.txt").write_text("زار أحمد القاهرة\n", encoding="utf-8")
    (folder / "7.ann").write_text("T1\tCITY 9 16\tالقاهرة\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(folder / "7.ann")], ""))
    seen: list[str] = []
    answer_the_box(qtbot, "yes", seen)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Imported" in window.statusBar().currentMessage(), timeout=5000)
    assert "label 'CITY' is not in the project schema" in seen[0]
    assert [s.label for s in window.project.spans("7")] == ["CITY"]
    window.layer_combo.setCurrentIndex(window.layer_combo.findData("entity"))
    assert any("CITY" in window.label_list.item(k).text() for k in range(window.label_list.count()))


def long_conll(path, sentences: int):
    """A column file that marks no documents (no -DOCSTART-), as WikiANN and ANERcorp are."""
    path.write_text("".join(f"زار O\nأحمد B-PER\nالقاهرة{n} B-LOC\n\n" for n in range(sentences)), encoding="utf-8")
    return path


@pytest.mark.parametrize("reply", ["yes", "no"])
def test_a_long_file_that_marks_no_documents_is_cut_when_the_person_agrees(window, qtbot, tmp_path, reply,
                                                                           monkeypatch):
    """File ▸ Import as a person does it (Ctrl+I, the file chosen, the question answered with a
    click or Escape): `import --sentences-per-document` as a question."""
    from PySide6.QtWidgets import QFileDialog

    source = long_conll(tmp_path / "wikiann.conll", 1200)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(source)], ""))
    before = set(window.project.document_ids())
    seen: list[str] = []
    answer_the_box(qtbot, reply, seen)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Imported" in window.statusBar().currentMessage(), timeout=10000)
    assert "wikiann.conll\u2069 has 1200 sentences that it does not divide into documents" in seen[0]
    new = sorted(set(window.project.document_ids()) - before)
    if reply == "yes":
        assert new == ["wikiann-1", "wikiann-2"]
        texts = [window.project.text(d).split("\n") for d in new]
        assert [len(t) for t in texts] == [1000, 200]
        assert texts[0][0] == "زار أحمد القاهرة0" and texts[1][-1] == "زار أحمد القاهرة1199"
        assert len(window.project.spans("wikiann-2")) == 400
    else:
        assert new == ["wikiann"]
        assert len(window.project.text("wikiann").split("\n")) == 1200


def test_a_file_of_documents_or_a_short_one_is_imported_without_the_question(window, qtbot, tmp_path):
    short = long_conll(tmp_path / "short.conll", 1000)
    marked = tmp_path / "marked.conll"
    marked.write_text("".join(f"-DOCSTART- -X- O O\n\n{long_conll(tmp_path / 'part.conll', 600).read_text()}"
                              for _ in range(2)).replace("القاهرة", "الجيزة", 600), encoding="utf-8")
    seen: list[str] = []
    answer_the_box(qtbot, "no", seen)
    message = window.import_paths([short, marked])
    assert "Imported 3 new document(s)" in message and seen == []
    assert len(window.project.text("short").split("\n")) == 1000
