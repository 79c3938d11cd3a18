"""A project of many documents in the window and in `annotator list`.

    python benchmarks/bench_window_scale.py [--docs 100000]

Prints, with baselines measured in the same run:
* opening the project in the main window (list shown) — target ≤ 1 s at 100,000 documents;
* one keystroke in the document filter (names matched at once) — target ≤ 100 ms; and how
  long until the background text search has added the documents whose text matches;
* `annotator list PROJECT` piped (tab-separated, every document) — target ≤ 2 s; the baseline
  is a plain Python script that selects the same rows with sqlite3 and prints them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402

from annotator.formats.jsonl import read_jsonl  # noqa: E402
from annotator.gui.app import make_app  # noqa: E402
from annotator.gui.main_window import MainWindow  # noqa: E402
from annotator.store.bulk import import_records  # noqa: E402
from annotator.store.project import Project  # noqa: E402

WORDS = "قال وزير الدفاع إن المعرض ناجح الشركة تلقت طلبات من دول أفريقيا وآسيا في إسطنبول يوم الثلاثاء".split()
BASELINE_LIST = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
out = sys.stdout
for doc_id, length in conn.execute("SELECT id, length FROM documents ORDER BY position"):
    out.write(f"{doc_id}\\t{length}\\n")
"""


def build(path: Path, count: int) -> None:
    rng = random.Random(7)
    source = path.with_suffix(".jsonl")
    with source.open("w", encoding="utf-8") as out:
        for n in range(count):
            text = " ".join(rng.choice(WORDS) for _ in range(80))
            if n % 1000 == 0:
                text += " IDEF"
            out.write(json.dumps({"id": f"news/{n:06d}", "text": text}, ensure_ascii=False) + "\n")
    with Project.create(path) as project:
        import_records(project, read_jsonl(source, project.schema, "bench"))
    source.unlink()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "many.db"
        started = time.perf_counter()
        build(path, args.docs)
        print(f"{args.docs} documents built in {time.perf_counter() - started:.1f} s")
        app = make_app([])
        window = MainWindow(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat), annotator="bench",
                            interactive=False)
        started = time.perf_counter()
        window.open_project(path)
        window.show()
        app.processEvents()
        opened = time.perf_counter() - started
        print(f"window open with the list: {opened * 1000:.0f} ms (target ≤ 1000 ms)")
        keystrokes = []
        for query in ("n", "ne", "new", "news", "news/", "news/0", "news/00", "news/000"):
            started = time.perf_counter()
            window.doc_search.setText(query)
            app.processEvents()
            keystrokes.append(time.perf_counter() - started)
        print(f"filter keystroke (names): median {statistics.median(keystrokes) * 1000:.1f} ms, worst "
              f"{max(keystrokes) * 1000:.1f} ms (target ≤ 100 ms)")
        started = time.perf_counter()
        window.doc_search.setText("IDEF")
        while window._text_matches is None or window._text_matches[0] != "IDEF":
            app.processEvents()
            time.sleep(0.002)
        print(f"text search shown: {(time.perf_counter() - started) * 1000:.0f} ms after the keystroke "
              f"({window.doc_list.count()} documents; the window stays responsive meanwhile)")
        window.close()
        for label, command in (("baseline (sqlite3 + print)", [sys.executable, "-c", BASELINE_LIST, str(path)]),
                               ("annotator list (piped)", [sys.executable, "-m", "annotator", "list", str(path)])):
            started = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            elapsed = time.perf_counter() - started
            if label.startswith("baseline"):
                baseline = elapsed
                print(f"{label}: {elapsed:.2f} s")
            else:
                print(f"{label}: {elapsed:.2f} s = {elapsed / baseline:.1f}× the baseline (target ≤ 2 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
