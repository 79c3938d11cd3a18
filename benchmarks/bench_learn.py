"""Learning curves of the span tagger (annotator train) on real annotated text, and its speed.

    python benchmarks/bench_learn.py [--seed 0]

* UD Arabic-PUD (tests/data/ud-arabic-pud-attribution): quotes, speakers and cues; trained on
  25, 50, 100 and all 195 documents of the dev half, scored on the 202 documents of the test
  half — with the rule detector's output among the features (as `annotator train` does) and
  without it (what the model learns by itself) — beside the rules alone.
* The sample corpus (amal's 11 documents): entities; trained on 2, 4 and 8 documents, scored on
  the other 3 (a small corpus: the curve shows the trend, not a figure to quote).

Overlap F1 per label (exact F1 in brackets). Then the time to train, and to suggest, per 1,000
documents of PUD's size (about 2.5 sentences each), measured on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

from annotator.attribution.evaluation import evaluate as evaluate_rules
from annotator.core.model import Span
from annotator.learn.training import TrainingDocument, evaluate, fit, predict_scored
from annotator.sample import sample_annotations_path

PUD = Path(__file__).resolve().parent.parent / "tests" / "data" / "ud-arabic-pud-attribution" / "attribution.jsonl"


def documents(records) -> list[TrainingDocument]:
    return [TrainingDocument(r["id"], r.get("annotator", ""), r["text"],
                             [Span(s["id"], r["id"], "", s["layer"], s["label"], s["start"], s["end"], {})
                              for s in r["spans"]]) for r in records]


def cell(scores, layer, label) -> str:
    s = scores.get((layer, label))
    return "—" if s is None else f"{s.f1('overlap'):.2f} ({s.f1('exact'):.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with PUD.open(encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    dev = documents([r for r in records if r["meta"]["split"] == "dev"])
    test = documents([r for r in records if r["meta"]["split"] == "test"])
    random.Random(args.seed).shuffle(dev)
    layers = [("quote", "QUOTE"), ("speaker", "SPEAKER"), ("cue", "CUE")]
    print(f"UD Arabic-PUD: train on n dev documents, score on {len(test)} test documents; overlap F1 (exact)")
    print("| features | n | " + " | ".join(layer for layer, _ in layers) + " | train s |")
    print("|---|---|" + "---|" * len(layers) + "---|")
    rules = evaluate_rules([{"id": d.doc_id, "text": d.text, "spans": [
        {"id": s.id, "layer": s.layer, "start": s.start, "end": s.end, "attrs": {}} for s in d.spans],
        "relations": []} for d in test])
    print("| rules alone (no training) | 0 | " + " | ".join(
        f"{rules.score(kind, 'overlap').f1:.2f} ({rules.score(kind, 'exact').f1:.2f})"
        for kind in ("quotes", "speakers", "cues")) + " | — |")
    timing = None
    for with_rules in (True, False):
        for n in (25, 50, 100, len(dev)):
            started = time.perf_counter()
            model = fit(dev[:n], [layer for layer, _ in layers], rules=with_rules, seed=args.seed)
            seconds = time.perf_counter() - started
            scores = evaluate(model, test)
            name = "words + rules' output" if with_rules else "words only"
            print(f"| {name} | {n} | " + " | ".join(cell(scores, *pair) for pair in layers) + f" | {seconds:.1f} |")
            if with_rules and n == len(dev):
                timing = (seconds / n, model)
    per_doc_train, model = timing
    started = time.perf_counter()
    for doc in test:
        predict_scored(model, doc.text, doc.doc_id)
    per_doc_suggest = (time.perf_counter() - started) / len(test)
    print(f"\nPer 1,000 documents: training {per_doc_train * 1000:.0f} s, suggesting {per_doc_suggest * 1000:.0f} s")

    with sample_annotations_path().open(encoding="utf-8") as f:
        sample = documents([r for r in map(json.loads, f) if r.get("annotator") == "amal"])
    random.Random(args.seed).shuffle(sample)
    held, pool = sample[:3], sample[3:]
    labels = sorted({s.label for d in sample for s in d.spans if s.layer == "entity"})
    print(f"\nSample corpus, entities: train on n documents, score on {len(held)} others; overlap F1 (exact)")
    print("| n | " + " | ".join(labels) + " |")
    print("|---|" + "---|" * len(labels))
    for n in (2, 4, len(pool)):
        model = fit(pool[:n], ["entity"], rules=False, seed=args.seed)
        scores = evaluate(model, held)
        print(f"| {n} | " + " | ".join(cell(scores, "entity", label) for label in labels) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
