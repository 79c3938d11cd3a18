"""Precision and recall of the attribution detector on the annotated sample corpus.

    python benchmarks/bench_attribution.py [--annotator amal]

Compares `annotator suggest`'s detector with one annotator's quotes, speakers and cues in
resources/sample (all eleven documents, the English and mixed ones included), exact match
(same offsets) and overlap match (intersecting, one to one). Target: overlap F1 ≥ 0.8 for
direct quotes and for cues.
"""

from __future__ import annotations

import argparse
import json
import sys

from annotator.attribution.detector import detect
from annotator.core.agreement import match_spans
from annotator.sample import sample_annotations_path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotator", default="amal")
    args = parser.parse_args()
    gold_by_kind: dict[str, list] = {}
    found_by_kind: dict[str, list] = {}
    with sample_annotations_path().open(encoding="utf-8") as f:
        records = [json.loads(line) for line in f if json.loads(line).get("annotator") == args.annotator]
    for record in records:
        text, doc = record["text"], record["id"]
        spans, _ = detect(text, doc)
        for kind, keep in (("direct quotes", lambda s: s["layer"] == "quote" and s["attrs"].get("type") == "direct"),
                           ("all quotes", lambda s: s["layer"] == "quote"),
                           ("speakers", lambda s: s["layer"] == "speaker"),
                           ("cues", lambda s: s["layer"] == "cue")):
            gold_by_kind.setdefault(kind, []).append([(s["start"], s["end"], "x") for s in record["spans"] if keep(s)])
            found = [{"layer": s.layer, "attrs": s.attrs, "start": s.start, "end": s.end} for s in spans]
            found_by_kind.setdefault(kind, []).append([(s["start"], s["end"], "x") for s in found if keep(s)])
    print(f"{len(records)} documents annotated by {args.annotator}")
    print(f"{'':<14} {'match':<8} {'gold':>5} {'found':>6} {'P':>6} {'R':>6} {'F1':>6}")
    for kind in gold_by_kind:
        for mode in ("exact", "overlap"):
            matched = sum(len(match_spans(g, f, mode)) for g, f in zip(gold_by_kind[kind], found_by_kind[kind]))
            gold = sum(len(g) for g in gold_by_kind[kind])
            found = sum(len(f) for f in found_by_kind[kind])
            p = matched / found if found else 0.0
            r = matched / gold if gold else 0.0
            f1 = 2 * p * r / (p + r) if p + r else 0.0
            target = "  (target ≥ 0.8)" if mode == "overlap" and kind in ("direct quotes", "cues") else ""
            print(f"{kind:<14} {mode:<8} {gold:>5} {found:>6} {p:>6.2f} {r:>6.2f} {f1:>6.2f}{target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
