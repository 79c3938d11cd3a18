"""The whole agreement report for 3 annotators × 1,000 documents × 30 spans each.

    python benchmarks/bench_agreement.py

The annotators start from the same spans and each changes some of them (a boundary moved by
a word, another label, a span left out), as real annotators disagree. Prints the time of the
complete report (every layer, pairs and overall, α_U, κ and α on tokens, links) and its
headline numbers. Target: ≤ 3 s.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from bench_store import make_document

from annotator.core.model import AnnotatedDocument, Document, Span
from annotator.store.bulk import import_records
from annotator.store.project import Project
from annotator.team.agreement import compute

LABELS = ["PER", "ORG", "GPE", "LOC", "MISC"]


def main() -> int:
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "team.db"
        records = []
        for n in range(1000):
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
                records.append(AnnotatedDocument(Document(base["id"], text, {}), annotator, "done", spans, []))
        with Project.create(path) as project:
            import_records(project, records)
        with Project.open(path, readonly=True) as project:
            t0 = time.perf_counter()
            report = compute(project)
            elapsed = time.perf_counter() - t0
    entity = report["layers"]["entity"]["overall"]
    print(f"{report['documents']} documents × {len(report['annotators'])} annotators, "
          f"{sum(len(r.spans) for r in records)} spans")
    print(f"whole agreement report: {elapsed:.2f} s  (target ≤ 3 s)")
    print(f"entity: F1 exact {entity['f1_exact']['value']:.3f}, F1 overlap {entity['f1_overlap']['value']:.3f}, "
          f"α_U {entity['alpha_u']['value']:.3f}, Fleiss κ {entity['kappa']['value']:.3f}, "
          f"α nominal {entity['alpha_nominal']['value']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
