"""Import and export speed of the store, against baselines measured in the same run.

    python benchmarks/bench_store.py [--docs 10000] [--spans-per-doc 30]

Generates Arabic-like documents (~3 KB each) with spans, then prints:
  * import of native JSONL (parse + validate + one transaction) vs a plain sqlite-utils
    ``insert_all`` of the same document and span rows (target ratio ≤ 2);
  * export to native JSONL vs a plain ``json.dumps`` of the same rows read back (target ≤ 2);
  * opening the project and listing its documents (target < 0.5 s).
Figures, not assertions: machines differ, ratios are what to compare.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from sqlite_utils import Database

from annotator.formats.jsonl import read_jsonl, write_jsonl
from annotator.store.bulk import import_records
from annotator.store.project import Project

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
PREFIXES = ["", "", "", "و", "ب", "ل", "ال", "وال"]
LABELS = ["PER", "ORG", "GPE", "LOC", "MISC"]


def make_document(rng: random.Random, n: int, spans_per_doc: int) -> dict:
    words = []
    length = 0
    while length < 3000:
        word = rng.choice(PREFIXES) + "".join(rng.choice(LETTERS) for _ in range(rng.randint(2, 6)))
        if rng.random() < 0.03:
            word = str(rng.randint(1, 2030))
        words.append(word)
        length += len(word) + 1
    text = " ".join(words)
    starts = []
    at = 0
    for word in words:
        starts.append((at, at + len(word)))
        at += len(word) + 1
    spans = []
    # Entities on distinct words (entities may overlap, but real ones rarely do), plus a
    # few quotes that do not overlap each other.
    chosen = sorted(rng.sample(range(len(words)), spans_per_doc - 3))
    for k, w in enumerate(chosen, 1):
        start, end = starts[w]
        spans.append({"id": f"T{k}", "start": start, "end": end, "layer": "entity",
                      "label": rng.choice(LABELS), "attrs": {}})
    step = len(words) // 3
    for q in range(3):
        start = starts[q * step][0]
        end = starts[q * step + 10][1]
        spans.append({"id": f"Q{q + 1}", "start": start, "end": end, "layer": "quote", "label": "QUOTE",
                      "attrs": {"type": "direct"}})
    return {"id": f"doc{n:05d}", "text": text, "meta": {"n": n}, "annotator": "bench", "status": "done",
            "spans": spans, "relations": []}


def write_corpus(path: Path, rng: random.Random, docs: int, spans_per_doc: int) -> list[dict]:
    """The benchmark corpus as native JSONL at ``path``; returns its records."""
    records = [make_document(rng, n, spans_per_doc) for n in range(docs)]
    with path.open("w", encoding="utf-8") as out:
        write_jsonl(records, out)
    return records


def timed(fn):
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--spans-per-doc", type=int, default=30)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = tmp / "corpus.jsonl"
        records = write_corpus(source, rng, args.docs, args.spans_per_doc)
        n_spans = sum(len(r["spans"]) for r in records)
        print(f"corpus: {len(records)} documents, {n_spans} spans, {source.stat().st_size / 1e6:.1f} MB JSONL")

        # Baseline: the same rows, already in memory, through sqlite-utils insert_all.
        doc_rows = [{"id": r["id"], "text": r["text"], "meta": json.dumps(r["meta"])} for r in records]
        span_rows = [{"doc_id": r["id"], "annotator": r["annotator"], **{k: (json.dumps(v) if k == "attrs" else v)
                                                                          for k, v in s.items()}}
                     for r in records for s in r["spans"]]

        def baseline_import():
            db = Database(tmp / "baseline.db")
            db["documents"].insert_all(doc_rows, pk="id")
            db["spans"].insert_all(span_rows)
            db.conn.close()

        base_import, _ = timed(baseline_import)
        project_path = tmp / "project.db"

        def our_import():
            with Project.create(project_path) as project:
                return import_records(project, read_jsonl(source, project.schema, "bench"))

        our_import_time, report = timed(our_import)
        assert report.spans_added == n_spans, report

        def baseline_export():
            db = Database(tmp / "baseline.db")
            with (tmp / "baseline.jsonl").open("w", encoding="utf-8") as out:
                for row in db.query("SELECT * FROM documents"):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                for row in db.query("SELECT * FROM spans"):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
            db.conn.close()

        base_export, _ = timed(baseline_export)

        def our_export():
            with Project.open(project_path, readonly=True) as project, \
                    (tmp / "export.jsonl").open("w", encoding="utf-8") as out:
                return write_jsonl(project.iter_export(), out)

        our_export_time, count = timed(our_export)
        assert count == len(records)
        assert (tmp / "export.jsonl").read_bytes() == source.read_bytes(), "export is not identical to the input"

        def open_and_list():
            with Project.open(project_path, readonly=True) as project:
                return len(project.list_documents())

        list_time, listed = timed(open_and_list)
        assert listed == len(records)

    print(f"import  : {our_import_time:6.2f} s   baseline insert_all {base_import:6.2f} s   "
          f"ratio {our_import_time / base_import:4.2f}  (target ≤ 2)")
    print(f"export  : {our_export_time:6.2f} s   baseline json.dumps {base_export:6.2f} s   "
          f"ratio {our_export_time / base_export:4.2f}  (target ≤ 2)")
    print(f"open + list {listed} documents: {list_time:.3f} s  (target < 0.5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
