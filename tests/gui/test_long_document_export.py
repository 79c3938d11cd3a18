"""File ▸ Export JSONL (Ctrl+E) writes a long document's stored meta as it reads it from the
project, a piece at a time: the same file as the meta parsed and written again."""

import json

from PySide6.QtCore import Qt


def test_ctrl_e_exports_a_long_documents_meta_a_piece_at_a_time(qtbot, settings, tmp_path, bundled_fonts,
                                                                 monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from annotator.formats import conllu
    from annotator.formats.jsonl import write_jsonl
    from annotator.gui.main_window import MainWindow
    from annotator.store import project as project_module
    from annotator.store.bulk import import_records
    from annotator.store.project import Project

    rows = []
    for n in range(400):
        rows.append(f"# sent_id = s{n}\n# text = قال الرئيس إن المعرض يفتح غدا\n")
        for k, word in enumerate("قال الرئيس إن المعرض يفتح غدا".split(), 1):
            rows.append(f"{k}\t{word}\t{word}\tX\t_\t_\t0\tdep\t_\tNER={'B-PER' if k == 2 else 'O'}\n")
        rows.append("\n")
    source = tmp_path / "long.conllu"
    source.write_text("".join(rows), encoding="utf-8")
    path = tmp_path / "long.db"
    with Project.create(path) as project:
        import_records(project, conllu.read(source, project.schema, "amal"))
        with (tmp_path / "parsed.jsonl").open("w", encoding="utf-8", newline="\n") as out:
            write_jsonl(project.iter_export(), out)
    monkeypatch.setattr(Project, "LONG_TEXT_CHARS", 1000)  # (this document: 12,000 characters)
    monkeypatch.setattr(project_module, "STORED_META_CHARS", 10_000)  # (its meta: 150,000)
    read = []
    pieces = Project.meta_pieces
    monkeypatch.setattr(Project, "meta_pieces", lambda self, doc_id: read.append(doc_id) or pieces(self, doc_id))

    settings.setValue("annotator/name", "amal")
    window = MainWindow(settings, interactive=False)
    qtbot.addWidget(window)
    window.open_project(path)
    window.show()
    qtbot.waitExposed(window)
    target = tmp_path / "out.jsonl"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(target.exists)
    assert target.read_bytes() == (tmp_path / "parsed.jsonl").read_bytes()
    assert json.loads(target.read_text(encoding="utf-8"))["meta"]["conllu"]["sentences"][399]["sent_id"] == "s399"
    assert len(read) >= 2  # checked, then read again as it was written
    assert "Exported 1 record(s)" in window.statusBar().currentMessage()
    window.close()
