"""The whole agreement report for 3 annotators × N documents × 30 spans each.

    python benchmarks/bench_agreement.py [--docs 1000] [--docs 10000 ...]

The annotators start from the same spans and each changes some of them (a boundary moved by
a word, another label, a span left out), as real annotators disagree. For each size, prints
the time of the complete report (every layer, pairs and overall, α_U, κ and α on tokens,
links) and the peak memory of the process that computed it (a fresh one, so the figure is
the report's own; Linux and macOS), beside the time to read the same documents and spans
back from the project (the floor any report pays). Targets: 1k × 3 ≤ 2 s, time linear in
the documents, ≤ 1 GB at 100k.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_store import make_document

from annotator.core.model import AnnotatedDocument, Document, Span
from annotator.store.bulk import import_records
from annotator.store.project import Project

LABELS = ["PER", "ORG", "GPE", "LOC", "MISC"]

# Run in a fresh interpreter: the report's time, the time to read everything back, peak memory.
MEASURE = """
import json, sys, time
from pathlib import Path
from annotator.store.project import Project
from annotator.team.agreement import compute
with Project.open(Path(sys.argv[1]), readonly=True) as project:
    t0 = time.perf_counter()
    for doc_id in project.document_ids():
        project.text(doc_id); project.spans(doc_id); project.relations(doc_id)
    read = time.perf_counter() - t0
    t0 = time.perf_counter()
    report = compute(project)
    elapsed = time.perf_counter() - t0
try:
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
except ImportError:
    peak = None
entity = report["layers"]["entity"]["overall"]
print(json.dumps({"read": read, "report": elapsed, "peak_mb": peak, "documents": report["documents"],
                  "entity": {k: entity[k]["value"] for k in ("f1_exact", "f1_overlap", "alpha_u", "kappa",
                                                            "alpha_nominal")}}))
"""


def records(docs: int, rng: random.Random):
    for n in range(docs):
        base = make_document(rng, n, 30)
        text = base["text"]
        words = [(s["start"], s["end"]) for s in base["spans"] if s["layer"] == "entity"]
        for annotator in ("amal", "karim", "layla"):
            spans = []
            for k, (start, end) in enumerate(words):
                roll = rng.random()
                if roll < 0.05:
                    continue  # missed
                label = rng.choice(LABELS) if roll < 0.12 else LABELS[k % len(LABELS)]
                if roll > 0.95:  # boundary: take the next word too
                    nxt = text.find(" ", end + 1)
                    end = nxt if nxt > 0 else end
                spans.append(Span(f"T{k + 1}", base["id"], annotator, "entity", label, start, end, {}))
            yield AnnotatedDocument(Document(base["id"], text, {}), annotator, "done", spans, [])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, action="append", help="documents (repeatable; default 1000)")
    args = parser.parse_args()
    for docs in args.docs or [1000]:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "team.db"
            with Project.create(path) as project:
                report = import_records(project, records(docs, random.Random(11)))
            out = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True,
                                 check=True)
            m = json.loads(out.stdout)
        peak = f"{m['peak_mb']:.0f} MB" if m["peak_mb"] is not None else "n/a"
        e = m["entity"]
        print(f"{m['documents']} documents × 3 annotators, {report.spans_added} spans: report {m['report']:.2f} s "
              f"(reading them back alone: {m['read']:.2f} s, ratio {m['report'] / m['read']:.1f}), "
              f"peak {peak}")
        print(f"  entity: F1 exact {e['f1_exact']:.3f}, F1 overlap {e['f1_overlap']:.3f}, α_U {e['alpha_u']:.3f}, "
              f"Fleiss κ {e['kappa']:.3f}, α nominal {e['alpha_nominal']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
