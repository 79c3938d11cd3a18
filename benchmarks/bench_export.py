"""Export speed of the token and standoff formats against native JSONL, in the same run.

    python benchmarks/bench_export.py [--docs 10000] [--spans-per-doc 30]

Builds the same corpus as bench_store.py (10,000 Arabic-like documents, 300,000 spans),
then exports it to native JSONL (the baseline), CoNLL, CoNLL-U and brat, and prints each time
and its ratio to the JSONL export. Target: every ratio ≤ 3.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from bench_store import write_corpus

from annotator.formats import registry
from annotator.formats.export import ExportOptions, ExportReport, export_documents
from annotator.formats.jsonl import read_jsonl, write_jsonl
from annotator.store.bulk import import_records
from annotator.store.project import Project


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--spans-per-doc", type=int, default=30)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = tmp / "corpus.jsonl"
        write_corpus(source, rng, args.docs, args.spans_per_doc)
        path = tmp / "project.db"
        with Project.create(path) as project:
            report = import_records(project, read_jsonl(source, project.schema, "bench"))
        print(f"corpus: {report.documents_added} documents, {report.spans_added} spans")
        times = {}
        with Project.open(path, readonly=True) as project:
            t0 = time.perf_counter()
            with (tmp / "out.jsonl").open("w", encoding="utf-8") as out:
                write_jsonl(project.iter_export(), out)
            times["jsonl"] = time.perf_counter() - t0
            for fmt, target in (("conll", tmp / "out.conll"), ("conllu", tmp / "out.conllu"), ("brat", tmp / "brat")):
                options = ExportOptions(annotator="bench", layers=("entity",) if fmt != "brat" else ())
                export_report = ExportReport()
                t0 = time.perf_counter()
                registry.write(fmt, export_documents(project, options, export_report), target, options,
                               export_report, project)
                times[fmt] = time.perf_counter() - t0
    base = times["jsonl"]
    print(f"native jsonl : {base:6.2f} s (baseline)")
    for fmt in ("conll", "conllu", "brat"):
        print(f"{fmt:<13}: {times[fmt]:6.2f} s   ratio {times[fmt] / base:4.2f}  (target ≤ 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
