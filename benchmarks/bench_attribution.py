"""Precision, recall and F1 of the attribution detector, on text seen and not seen while
writing its rules.

    python benchmarks/bench_attribution.py [--annotator amal] [--markdown]

Three corpora, each compared with people's annotations of quotes, speakers, cues and said_by
links (annotator/attribution/evaluation.py: exact = same offsets, overlap = intersecting, one
to one; a link is right when its quote and its speaker both match):

* the sample corpus (resources/sample, one annotator's annotations): the rules were written
  while looking at it, so its figure is not a measure of anything but regressions;
* UD Arabic-PUD, dev half (tests/data/ud-arabic-pud-attribution): rules were written while
  looking at its errors;
* UD Arabic-PUD, test half: never looked at while writing rules. This is the honest figure.
* UD English-PUD (tests/data/ud-english-pud-attribution), the same documents in English, dev
  and test halves alike, for the English rules (annotator/attribution/english.py).

Targets on unseen real news (overlap F1): quotes ≥ 0.85, cues ≥ 0.85, speakers ≥ 0.75,
said_by links ≥ 0.70.

Last, the time to run the detector on one long document made of the PUD texts (both languages)
repeated 1, 8 and 64 times, as time per character against the single copy (≈ 1.0 means linear).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from annotator.attribution.detector import detect
from annotator.attribution.evaluation import KINDS, evaluate, format_table
from annotator.sample import sample_annotations_path

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
PUD = DATA / "ud-arabic-pud-attribution" / "attribution.jsonl"
ENGLISH_PUD = DATA / "ud-english-pud-attribution" / "attribution.jsonl"
TARGETS = {"quotes": 0.85, "cues": 0.85, "speakers": 0.75, "said_by links": 0.70}


def corpora(annotator: str) -> list[tuple[str, list[dict]]]:
    with sample_annotations_path().open(encoding="utf-8") as f:
        sample = [r for r in map(json.loads, f) if r.get("annotator") == annotator]
    with PUD.open(encoding="utf-8") as f:
        pud = [json.loads(line) for line in f]
    with ENGLISH_PUD.open(encoding="utf-8") as f:
        english = [json.loads(line) for line in f]
    return [
        (f"sample corpus, {annotator} (seen while writing the rules)", sample),
        ("UD Arabic-PUD dev (errors looked at while writing the rules)",
         [r for r in pud if r["meta"]["split"] == "dev"]),
        ("UD Arabic-PUD test (held out)", [r for r in pud if r["meta"]["split"] == "test"]),
        ("UD English-PUD dev (errors looked at while writing the rules)",
         [r for r in english if r["meta"]["split"] == "dev"]),
        ("UD English-PUD test (held out)", [r for r in english if r["meta"]["split"] == "test"]),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--annotator", default="amal", help="whose annotations of the sample to compare with")
    parser.add_argument("--markdown", action="store_true", help="one overlap/exact F1 table for the README")
    args = parser.parse_args()
    results = []
    for title, records in corpora(args.annotator):
        started = time.perf_counter()
        evaluation = evaluate(records)
        seconds = time.perf_counter() - started
        results.append((title, evaluation))
        if not args.markdown:
            print(format_table(title, evaluation))
            print(f"({seconds:.2f} s for {len(records)} documents)\n")
    if args.markdown:
        print("| corpus | docs | " + " | ".join(KINDS) + " | said_by accuracy |")
        print("|---|---|" + "---|" * (len(KINDS) + 1))
        for title, evaluation in results:
            cells = []
            for kind in KINDS:
                overlap, exact = evaluation.score(kind, "overlap"), evaluation.score(kind, "exact")
                cells.append(f"{overlap.f1:.2f} ({exact.f1:.2f})")
            cells.append(f"{evaluation.said_by_accuracy('overlap'):.2f} ({evaluation.said_by_accuracy('exact'):.2f})")
            print(f"| {title} | {evaluation.documents} | " + " | ".join(cells) + " |")
    base_text = "\n".join(r["text"] for _title, recs in corpora(args.annotator)[1:] for r in recs)
    per_char = None
    for copies in (1, 8, 64):
        text = "\n".join([base_text] * copies)
        started = time.perf_counter()
        spans, _ = detect(text)
        seconds = time.perf_counter() - started
        per_char = per_char or seconds / len(text)
        print(f"one document of {len(text):,} characters: {seconds:.2f} s, {len(spans):,} suggestions, "
              f"time per character {seconds / len(text) / per_char:.2f}× the single copy's")
    # A sentence that never ends (a list, text without full stops) with a quotation and a cue
    # every few words, in English and in Arabic: each cue looks at a bounded stretch of it, so
    # this stays close to linear too (before, 62,000 English characters took 137 s, and 184,000
    # Arabic ones 422 s: each cue went through the sentence from its start).
    for piece in ('"we will win," said Smith, and ', "«سننتصر»، قال الوزير، "):
        per_char = None
        for copies in (2000, 16000):
            text = piece * copies
            started = time.perf_counter()
            spans, _ = detect(text)
            seconds = time.perf_counter() - started
            per_char = per_char or seconds / len(text)
            print(f"one sentence of {len(text):,} characters without a full stop ({piece.strip()[:12]} ...): "
                  f"{seconds:.2f} s, {len(spans):,} suggestions, "
                  f"time per character {seconds / len(text) / per_char:.2f}× the shorter one's")
    for title, held_out in results:
        if "held out" in title:
            print(f"Targets on held-out text, {title.split(' test')[0]} (overlap F1): " + ", ".join(
                f"{kind} {held_out.score(kind, 'overlap').f1:.2f} "
                f"{'≥' if held_out.score(kind, 'overlap').f1 >= target else '<'} {target}"
                for kind, target in TARGETS.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
