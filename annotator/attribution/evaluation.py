"""How well the attribution detector agrees with people's annotations.

Compares ``detect`` with annotated records (the native JSONL shape: ``text``, ``spans``,
``relations``) for quotes, direct quotes, speakers and cues, exact (same offsets) and overlap
(intersecting, one to one), and for the ``said_by`` links: a found link is right when its
quote matches a gold quote and its speaker matches that quote's gold speaker in the same mode.
Used by benchmarks/bench_attribution.py and by the tests that hold the detector to its figures
on text nobody wrote the rules on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from annotator.attribution.detector import detect
from annotator.core.agreement import match_spans

KINDS = ("quotes", "direct quotes", "speakers", "cues", "said_by links")
MODES = ("exact", "overlap")


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    matched: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    documents: int = 0
    scores: dict[tuple[str, str], Score] = field(default_factory=dict)
    link_accuracy: dict[str, list[int]] = field(default_factory=dict)  # mode: [right, found quotes with a speaker]

    def said_by_accuracy(self, mode: str) -> float:
        right, total = self.link_accuracy.get(mode, (0, 0))
        return right / total if total else 0.0

    def score(self, kind: str, mode: str) -> Score:
        return self.scores.setdefault((kind, mode), Score())


@dataclass(frozen=True)
class _Item:
    start: int
    end: int
    layer: str
    direct: bool
    speaker: tuple[int, int] | None  # a quote's said_by speaker


def _items(spans: Iterable[dict], relations: Iterable[dict]) -> list[_Item]:
    by_id = {s["id"]: s for s in spans}
    said_by = {}
    for r in relations:
        if r["label"] == "said_by" and r["to"] in by_id:
            said_by.setdefault(r["from"], by_id[r["to"]])
    out = []
    for s in by_id.values():
        if s["layer"] not in ("quote", "speaker", "cue"):
            continue
        speaker = said_by.get(s["id"])
        out.append(_Item(s["start"], s["end"], s["layer"], (s.get("attrs") or {}).get("type") == "direct",
                         None if speaker is None else (speaker["start"], speaker["end"])))
    return out


def _found_items(text: str, doc_id: str, detector: Callable) -> list[_Item]:
    spans, relations = detector(text, doc_id)
    return _items([{"id": s.id, "layer": s.layer, "start": s.start, "end": s.end, "attrs": s.attrs} for s in spans],
                  [{"label": r.label, "from": r.from_id, "to": r.to_id} for r in relations])


def _same(a: tuple[int, int], b: tuple[int, int], mode: str) -> bool:
    return a == b if mode == "exact" else min(a[1], b[1]) > max(a[0], b[0])


def evaluate(records: Iterable[dict], detector: Callable = detect) -> Evaluation:
    """Scores of ``detector`` against every record's quote, speaker and cue spans."""
    result = Evaluation()
    selections = {
        "quotes": lambda i: i.layer == "quote",
        "direct quotes": lambda i: i.layer == "quote" and i.direct,
        "speakers": lambda i: i.layer == "speaker",
        "cues": lambda i: i.layer == "cue",
    }
    for record in records:
        result.documents += 1
        gold = _items(record.get("spans", []), record.get("relations", []))
        found = _found_items(record["text"], record.get("id", ""), detector)
        for mode in MODES:
            for kind, keep in selections.items():
                g = [(i.start, i.end, "x") for i in gold if keep(i)]
                f = [(i.start, i.end, "x") for i in found if keep(i)]
                score = result.score(kind, mode)
                score.gold += len(g)
                score.found += len(f)
                score.matched += len(match_spans(g, f, mode))
            # A said_by link is right when its quote is matched to a gold quote (one to one)
            # and its speaker is that gold quote's speaker.
            gold_quotes = [i for i in gold if i.layer == "quote"]
            found_quotes = [i for i in found if i.layer == "quote"]
            pairs = match_spans([(i.start, i.end, "x") for i in gold_quotes],
                                [(i.start, i.end, "x") for i in found_quotes], mode)
            links = result.score("said_by links", mode)
            links.gold += sum(1 for i in gold_quotes if i.speaker)
            links.found += sum(1 for i in found_quotes if i.speaker)
            right = sum(1 for g, f in pairs if gold_quotes[g].speaker and found_quotes[f].speaker
                        and _same(gold_quotes[g].speaker, found_quotes[f].speaker, mode))
            links.matched += right
            # Link accuracy: of the gold quotes with a speaker that were found, the share whose
            # found quote names that speaker.
            accuracy = result.link_accuracy.setdefault(mode, [0, 0])
            accuracy[0] += right
            accuracy[1] += sum(1 for g, _f in pairs if gold_quotes[g].speaker)
    return result


def format_table(title: str, evaluation: Evaluation) -> str:
    lines = [f"{title}: {evaluation.documents} documents",
             f"{'':<14} {'match':<8} {'gold':>5} {'found':>6} {'P':>6} {'R':>6} {'F1':>6}"]
    for kind in KINDS:
        for mode in MODES:
            s = evaluation.score(kind, mode)
            lines.append(f"{kind:<14} {mode:<8} {s.gold:>5} {s.found:>6} {s.precision:>6.2f} {s.recall:>6.2f}"
                         f" {s.f1:>6.2f}")
    lines.append("said_by accuracy (found quotes that have a speaker, linked to it): " + ", ".join(
        f"{mode} {evaluation.said_by_accuracy(mode):.2f} ({evaluation.link_accuracy.get(mode, [0, 0])[0]}/"
        f"{evaluation.link_accuracy.get(mode, [0, 0])[1]})" for mode in MODES))
    return "\n".join(lines)
