"""Large files from other tools are read a document at a time: a reader's memory, and an
import's, is one document's (or a chunk's), never the file's."""

import tracemalloc

from annotator.core.schema import default_schema
from annotator.formats import conll, conllu, whole_text
from annotator.store import bulk
from annotator.store.bulk import import_records

WORDS = ["قال", "الرئيس", "إن", "المعرض", "يفتح", "أبوابه", "غدا", "في", "إسطنبول"]


def _conll_file(path, documents=600, tokens=120):
    with path.open("w", encoding="utf-8") as out:
        for d in range(documents):
            out.write("-DOCSTART- -X- O O\n\n")
            for k in range(tokens):
                out.write(f"{WORDS[k % len(WORDS)]} _ _ {'B-PER' if k % 17 == 0 else 'O'}\n")
            out.write("\n")
    return path


def _conllu_file(path, documents=600, sentences=4):
    with path.open("w", encoding="utf-8") as out:
        for d in range(documents):
            for s in range(sentences):
                words = WORDS * 3
                out.write(f"# newdoc id = d{d}\n# sent_id = d{d}-{s}\n# text = {' '.join(words)}\n")
                for k, word in enumerate(words, 1):
                    misc = "_" if k < len(words) else "SpaceAfter=No"
                    out.write(f"{k}\t{word}\t_\tX\t_\t_\t0\tdep\t_\t{misc}\n")
                out.write("\n")
    return path


def _peak_while(items) -> tuple[int, int]:
    """Python memory at its peak while ``items`` is consumed, and how many there were."""
    tracemalloc.start()
    try:
        count = sum(1 for _ in items)
        return tracemalloc.get_traced_memory()[1], count
    finally:
        tracemalloc.stop()


def test_a_conll_file_is_read_a_document_at_a_time(tmp_path):
    path = _conll_file(tmp_path / "big.conll")
    peak, count = _peak_while(conll.read(path, default_schema(), "amal"))
    assert count == 600
    # Held whole, its rows took many times the file's size; one document's are a small part.
    assert peak < path.stat().st_size / 4, (peak, path.stat().st_size)


def test_a_conllu_file_is_read_a_document_at_a_time(tmp_path):
    path = _conllu_file(tmp_path / "big.conllu")
    peak, count = _peak_while(conllu.read(path, default_schema(), "amal"))
    assert count == 600
    assert peak < path.stat().st_size / 4, (peak, path.stat().st_size)


def test_documents_nobody_worked_on_are_written_in_chunks(project, tmp_path, monkeypatch):
    """A treebank's documents carry no one's work and a large meta (the token rows): the
    import writes them in chunks of documents, not only of characters of text."""
    monkeypatch.setattr(bulk, "FLUSH_RECORDS", 50)
    written = []
    real = project.insert_annotated
    monkeypatch.setattr(project, "insert_annotated",
                        lambda records, documents, hashes=None: (written.append(len(documents)),
                                                                 real(records, documents, hashes))[1])
    path = _conllu_file(tmp_path / "tree.conllu", documents=180, sentences=1)
    report = import_records(project, conllu.read(path, project.schema, "amal"))
    assert report.documents_added == 180 and sum(written) == 180
    assert max(written) <= 50 and len(written) >= 4


def test_a_label_studio_export_is_parsed_a_task_at_a_time(tmp_path):
    """A Label Studio export is one JSON list: its tasks are parsed one at a time (the file's
    text is held, not every task's objects at once)."""
    import json

    from annotator.formats import json_formats

    text = " ".join(WORDS * 40)
    tasks = [{"id": n, "data": {"text": text}, "annotations": [{"result": [
        {"id": f"r{k}", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": 4 * k, "end": 4 * k + 3, "text": text[4 * k:4 * k + 3], "labels": ["PER"]}}
        for k in range(30)]}]} for n in range(800)]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    del tasks
    text_peak, _ = _peak_while(whole_text(path) for _ in range(1))  # what reading the text costs anyway
    peak, count = _peak_while(json_formats.read_labelstudio(path, default_schema(), "amal"))
    assert count == 800
    # Beyond the text, one task's objects at a time (all of them at once: more than the file).
    assert peak - text_peak < path.stat().st_size / 2, (peak, text_peak, path.stat().st_size)


def test_a_label_studio_file_cut_short_hands_on_no_task(tmp_path):
    from annotator.formats import json_formats
    from annotator.formats import RecordError

    path = tmp_path / "cut.json"
    path.write_text('[{"data": {"text": "نص"}}, {"data": {"text": "نص آخر"}}, {"data": {"te', encoding="utf-8")
    items = list(json_formats.read_labelstudio(path, default_schema(), "amal"))
    assert len(items) == 1 and isinstance(items[0], RecordError) and "not a JSON file" in items[0].reason


def test_label_studio_files_that_are_not_a_list_of_tasks_are_named(tmp_path):
    from annotator.formats import RecordError, json_formats

    for content, reason in (('"x"', "a Label Studio export is a JSON list of tasks"),
                            ('[{"data": {"text": "نص"}}] x', "not a JSON file: Extra data"),
                            ('[{"data": {"text": "نص"}} {"data": {}}]', "not a JSON file: Expecting ',' delimiter"),
                            ("", "not a JSON file: Expecting value")):
        path = tmp_path / "odd.json"
        path.write_text(content, encoding="utf-8")
        items = list(json_formats.read_labelstudio(path, default_schema(), "amal"))
        assert len(items) == 1 and isinstance(items[0], RecordError) and reason in items[0].reason, (content, items)
