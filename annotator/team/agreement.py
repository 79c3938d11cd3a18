"""Inter-annotator agreement over a project, per layer, per label and per annotator pair.

What is compared:
* only documents an annotator marked done (``only_done``), or every document they worked on;
  an annotator who did not do a document is left out of it, not counted as disagreeing;
* span F1, exact and overlap (one-to-one), summed over documents;
* Krippendorff's α_U on the character continuum: the documents a pair (or everyone) did,
  concatenated, with each label a category;
* Cohen's κ (pairs; overall with two annotators), Fleiss' κ (overall with more) and
  Krippendorff's α nominal on a token projection: the annotator tokenizer, tokens cut at
  every annotator's span edges so each span is representable, IOB2 tags per layer;
* for quotes matched between annotators (overlap), whether their ``said_by``/``cued_by``
  links point at matching spans, and whether their ``type`` attribute agrees.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations, repeat
from operator import itemgetter

from annotator.core.agreement import (
    Score,
    UnitizingAccumulator,
    alpha_nominal_counts,
    cohen_kappa,
    cohen_kappa_counts,
    fleiss_kappa_counts,
    match_spans,
    mean_sd,
    span_f1,
    undefined,
    unit_layout,
    units_disagreement,
)
from annotator.core.model import Span
from annotator.core.tagging import split_at_edges, tag_layer, token_ranges
from annotator.core.tokenize import tokenize
from annotator.store.project import Project
from annotator.team.eligibility import eligible_by_document

TOKENIZER = "annotator tokenizer (annotator.core.tokenize), tokens cut at every annotator's span edges"
SCHEME = "IOB2"
LINK_TYPES = ("said_by", "cued_by")


@dataclass
class AgreementOptions:
    layers: list[str] | None = None  # None: every layer of the schema
    annotators: list[str] | None = None  # None: every annotator with eligible documents
    only_done: bool = True


@dataclass
class _Doc:
    doc_id: str
    text: str
    spans: dict[str, list[Span]]  # annotator -> spans
    relations: dict[str, list]  # annotator -> relations
    tokens: list[tuple[int, int]]


def pair_key(a: str, b: str) -> str:
    return f"{a}|{b}"


def compute(project: Project, options: AgreementOptions | None = None,
            progress: Callable[[], None] | None = None) -> dict:
    """The whole agreement report as JSON-ready data (see the README for its keys).

    Documents are read and measured one at a time into running counts, so time and memory stay
    linear and bounded whatever the size of the project (only α_U keeps a histogram of unit and
    gap lengths per label). ``progress()`` is called once per document of the project (it may
    raise to stop)."""
    options = options or AgreementOptions()
    schema = project.schema
    layers = options.layers or [layer.name for layer in schema.layers]
    eligible = eligible_by_document(project, options.annotators, options.only_done)
    annotators = sorted({a for names in eligible.values() for a in names})
    report = {
        "annotators": annotators,
        "documents": 0,
        "only_done": options.only_done,
        "tokenizer": TOKENIZER,
        "scheme": SCHEME,
        "layers": {},
        "links": {},
        "attributes": {},
    }
    pairs = list(combinations(annotators, 2))
    per_layer = {layer: _LayerCounts(layer, annotators, pairs, [label.name for label in schema.layer(layer).labels])
                 for layer in layers}
    links = _LinkCounts(pairs) if schema.layer("quote") is not None else None
    attributes = _AttributeCounts(pairs, "type") if schema.layer("quote") is not None else None
    ids = project.document_ids()
    loaded = project.documents_with_work([doc_id for doc_id in ids if len(eligible.get(doc_id, ())) >= 2])
    for doc_id in ids:
        if progress is not None:
            progress()
        if len(eligible.get(doc_id, ())) < 2:
            continue
        doc = _load(next(loaded), set(eligible[doc_id]))
        report["documents"] += 1
        if len(annotators) < 2:
            continue
        for counts in per_layer.values():
            counts.add(doc)
        if links is not None:
            links.add(doc)
            attributes.add(doc)
    if len(annotators) < 2:
        report["undefined"] = ("fewer than two annotators have documents to compare"
                               + (" (only documents marked done count; use --all-docs)" if options.only_done else ""))
        return report
    for layer, counts in per_layer.items():
        report["layers"][layer] = counts.result()
    if links is not None:
        report["links"] = links.result()
        report["attributes"] = attributes.result()
    return report


def _load(work: tuple[str, str, list[Span], list], annotators: set[str]) -> _Doc:
    doc_id, text, all_spans, all_relations = work
    spans: dict[str, list[Span]] = defaultdict(list)
    for span in all_spans:
        if span.annotator in annotators:
            spans[span.annotator].append(span)
    relations: dict[str, list] = defaultdict(list)
    for relation in all_relations:
        if relation.annotator in annotators:
            relations[relation.annotator].append(relation)
    for name in annotators:  # done with no spans: rated, and every span of the others disagrees
        spans.setdefault(name, [])
    return _Doc(doc_id, text, dict(spans), dict(relations), tokenize(text))


def _mentions(spans: list[Span], layer: str) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.label) for s in spans if s.layer == layer]


class _LayerCounts:
    """One layer's running counts: span matches per pair and label, α_U, token tag patterns."""

    def __init__(self, layer: str, annotators: list[str], pairs, labels: list[str]):
        self.layer, self.annotators, self.pairs, self.labels = layer, annotators, pairs, labels
        self.shared = Counter()  # pair -> documents both did
        self.totals = {(pair, mode): [0, 0, 0] for pair in pairs for mode in ("exact", "overlap")}
        self.by_label = {(pair, mode): defaultdict(lambda: [0, 0, 0]) for pair in pairs for mode in ("exact", "overlap")}
        self.alpha_pair = {pair: UnitizingAccumulator(2) for pair in pairs}
        self.alpha_all = UnitizingAccumulator(len(annotators))
        self.dropped = Counter()  # pair or "all" -> overlapping units left out of α_U
        self.documents_all = 0
        # Every annotator's tags on each token, None for those who did not do the document.
        # The pairs' counts (rows where both have a tag) and the all-annotator patterns (rows
        # with no None) are read from it at the end: one count per token instead of one per
        # pair and measure (most of the report's time went to counting).
        self.with_missing = Counter()

    def add(self, doc: _Doc) -> None:
        layer = self.layer
        mine = {name: [s for s in spans if s.layer == layer] for name, spans in doc.spans.items()}
        if not any(mine.values()):
            self._add_unmarked(doc)
            return
        token_count, tags, covered = _token_tags(doc, mine)
        units = {name: _units(spans) for name, spans in mine.items()}
        length = len(doc.text)
        layouts = {name: {label: unit_layout(mine_units, length) for label, mine_units in by_label.items()}
                   for name, (by_label, _dropped) in units.items()}
        measured: dict[str, int] = {}  # label -> α_U's observed disagreement, summed over the pairs
        for pair in self.pairs:
            a, b = pair
            if a not in doc.spans or b not in doc.spans:
                continue
            self.shared[pair] += 1
            ma, mb = _mentions(mine[a], layer), _mentions(mine[b], layer)
            for mode in ("exact", "overlap"):
                matched = match_spans(ma, mb, mode)
                totals, by_label = self.totals[(pair, mode)], self.by_label[(pair, mode)]
                totals[0] += len(matched)
                totals[1] += len(ma)
                totals[2] += len(mb)
                for i, _k in matched:
                    by_label[ma[i][2]][0] += 1
                for m in ma:
                    by_label[m[2]][1] += 1
                for m in mb:
                    by_label[m[2]][2] += 1
            observed = _disagreement(units[a][0], units[b][0])
            for label, value in observed.items():
                measured[label] = measured.get(label, 0) + value
            self.dropped[pair] += _add_units(self.alpha_pair[pair], length, [units[a], units[b]],
                                             [layouts[a], layouts[b]], observed)
        if all(name in doc.spans for name in self.annotators):
            # Every pair was measured above: all annotators' disagreement is their sum.
            self.documents_all += 1
            self.dropped["all"] += _add_units(self.alpha_all, length, [units[name] for name in self.annotators],
                                              [layouts[name] for name in self.annotators], measured)
        # Tokens as counts of tag patterns. Most tokens are in nobody's span: O for everyone
        # who did the document, counted at once; only the tokens some span covers are counted
        # a row at a time.
        if token_count > len(covered):
            self.with_missing[tuple("O" if name in tags else None for name in self.annotators)] += \
                token_count - len(covered)
        self.with_missing.update(zip(*(_tags_at(tags.get(name), covered) for name in self.annotators)))

    def _add_unmarked(self, doc: _Doc) -> None:
        """:meth:`add` of a document where nobody marked this layer (most layers of most
        documents: a report covers every layer): the same counts, in a few steps. Every
        annotator who did it agrees on O for each token, and α_U's continuum grows by the text."""
        for a, b in self.pairs:
            if a in doc.spans and b in doc.spans:
                self.shared[a, b] += 1
                self.alpha_pair[a, b].add(len(doc.text), ((), ()))
        if all(name in doc.spans for name in self.annotators):
            self.documents_all += 1
            self.alpha_all.add(len(doc.text), [()] * len(self.annotators))
        if doc.tokens:
            self.with_missing[tuple("O" if name in doc.spans else None for name in self.annotators)] += len(doc.tokens)

    def result(self) -> dict:
        per_pair: dict[str, dict] = {}
        label_f1: dict[str, dict[str, dict]] = {label: {} for label in self.labels}
        for pair in self.pairs:
            a, b = pair
            entry: dict = {"documents": self.shared[pair]}
            for mode in ("exact", "overlap"):
                entry[f"f1_{mode}"] = span_f1(*self.totals[(pair, mode)]).as_dict()
                by_label = self.by_label[(pair, mode)]
                for label in self.labels:
                    label_f1[label].setdefault(pair_key(a, b), {})[f"f1_{mode}"] = \
                        span_f1(*by_label.get(label, [0, 0, 0])).as_dict()
            overall_u, per_label_u = _alpha_u_result(self.alpha_pair[pair], self.shared[pair], self.dropped[pair])
            entry["alpha_u"] = overall_u.as_dict()
            for label, score in per_label_u.items():
                label_f1.setdefault(label, {}).setdefault(pair_key(a, b), {})["alpha_u"] = score.as_dict()
            token_pairs = self._pair_counts(a, b)
            entry["kappa"] = cohen_kappa_counts(token_pairs).as_dict()
            entry["alpha_nominal"] = alpha_nominal_counts(token_pairs).as_dict()
            per_pair[pair_key(a, b)] = entry
        overall: dict = {}
        for key in ("f1_exact", "f1_overlap"):
            overall[key] = mean_sd([_score(per_pair[pair_key(a, b)][key]) for a, b in self.pairs]).as_dict()
        overall["documents_all_annotators"] = self.documents_all
        overall["alpha_u"] = _alpha_u_result(self.alpha_all, self.documents_all, self.dropped["all"])[0].as_dict()
        patterns = Counter({row: n for row, n in self.with_missing.items() if None not in row})  # all did it
        if len(self.annotators) == 2:
            overall["kappa"] = dict(cohen_kappa_counts(patterns).as_dict(), measure="Cohen")
        else:
            overall["kappa"] = dict(fleiss_kappa_counts(patterns).as_dict(), measure="Fleiss")
        overall["alpha_nominal"] = alpha_nominal_counts(self.with_missing).as_dict()
        return {"pairs": per_pair, "overall": overall, "labels": label_f1}


    def _pair_counts(self, a: str, b: str) -> Counter:
        """(a's tag, b's tag) counts over the tokens of the documents both did."""
        i, k = self.annotators.index(a), self.annotators.index(b)
        counts: Counter = Counter()
        for row, n in self.with_missing.items():
            if row[i] is not None and row[k] is not None:
                counts[row[i], row[k]] += n
        return counts


def _score(data: dict) -> Score:
    return Score(data.get("value"), data.get("undefined", ""))


def _units(spans: list[Span]) -> tuple[dict[str, list[tuple[int, int]]], int]:
    """One annotator's units of a layer for α_U: (begin, length) by label, in order, and how
    many were left out (α_U needs a rater's units of one category not to overlap: the first is
    kept)."""
    by_label: dict[str, list[tuple[int, int]]] = {}
    last_end: dict[str, int] = {}
    dropped = 0
    for start, negative_end, label in sorted((s.start, -s.end, s.label) for s in spans):
        if start < last_end.get(label, -1):
            dropped += 1
            continue
        by_label.setdefault(label, []).append((start, -negative_end - start))
        last_end[label] = -negative_end
    return by_label, dropped


def _disagreement(first: dict[str, list[tuple[int, int]]], second: dict[str, list[tuple[int, int]]]) -> dict[str, int]:
    """α_U's observed disagreement of two annotators' units (:func:`_units`), by label."""
    return {label: units_disagreement(first.get(label, []), second.get(label, []))
            for label in first.keys() | second.keys()}


def _add_units(accumulator: UnitizingAccumulator, length: int, raters: list[tuple[dict, int]],
               layouts: list[dict], observed: dict[str, int]) -> int:
    """Add one document's units to α_U: each rater's :func:`_units` and their layouts by label,
    and the raters' observed disagreement by label; returns how many overlapping units were
    left out."""
    labels = set().union(*layouts)  # a rater's layouts are keyed by the labels of their units
    accumulator.add_layouts(length, {label: [layout.get(label) for layout in layouts] for label in labels},
                            {label: observed[label] for label in labels})
    return sum(dropped for _by_label, dropped in raters)


def _alpha_u_result(accumulator: UnitizingAccumulator, documents: int, dropped: int) -> tuple[Score, dict]:
    if not documents:
        return undefined("no document done by all of these annotators"), {}
    overall, per_label = accumulator.result()
    overall.counts["overlapping_units_dropped"] = dropped
    return overall, per_label


def _token_tags(doc: _Doc, mine: dict[str, list[Span]]) -> tuple[int, dict[str, list[str]], list[int]]:
    """Every annotator's IOB2 tags (``mine``: each one's spans of the layer) on the document's
    tokens cut at all their span edges (as ``align`` with the split policy cuts them): how many
    tokens there are, the tags by annotator, and the indices of the tokens some span covers (in
    order; every other token is O for everyone)."""
    tokens = split_at_edges(doc.text, doc.tokens, [s for spans in mine.values() for s in spans])
    bounds = (list(map(itemgetter(0), tokens)), list(map(itemgetter(1), tokens)))
    tags: dict[str, list[str]] = {}
    covered: set[int] = set()
    for name, spans in mine.items():
        ranges = token_ranges(doc.text, tokens, spans, "split", bounds=bounds)
        tags[name] = tag_layer(len(tokens), spans, ranges, "iob2")[0]
        for first, last in ranges.values():
            covered.update(range(first, last))
    return len(tokens), tags, sorted(covered)


def _tags_at(tags: list[str] | None, indices: list[int]):
    """The tags at ``indices``; None at each for an annotator who did not do the document."""
    return repeat(None, len(indices)) if tags is None else [tags[k] for k in indices]


class _LinkCounts:
    """For quotes matched between two annotators: do their said_by/cued_by links agree."""

    def __init__(self, pairs):
        self.pairs = pairs
        self.counts = {(link, pair): [0, 0] for link in LINK_TYPES for pair in pairs}  # agreed, total

    def add(self, doc: _Doc) -> None:
        for a, b, qa, qb, matched in _matched_quotes(doc, self.pairs):
            for link in LINK_TYPES:
                targets_a = _targets(doc, a, link)
                targets_b = _targets(doc, b, link)
                counts = self.counts[(link, (a, b))]
                for i, k in matched:
                    ta, tb = targets_a.get(qa[i].id, []), targets_b.get(qb[k].id, [])
                    counts[1] += 1
                    if (not ta and not tb) or any(x.layer == y.layer and x.start < y.end and y.start < x.end
                                                  for x in ta for y in tb):
                        counts[0] += 1

    def result(self) -> dict:
        out: dict = {}
        for link in LINK_TYPES:
            per_pair = {}
            for a, b in self.pairs:
                agreed, total = self.counts[(link, (a, b))]
                per_pair[pair_key(a, b)] = (Score(agreed / total, counts={"agreed": agreed, "matched_quotes": total})
                                            if total else undefined("no quotes matched between these annotators",
                                                                    matched_quotes=0)).as_dict()
            out[link] = {"pairs": per_pair,
                         "overall": mean_sd([_score(v) for v in per_pair.values()]).as_dict()}
        return out


def _matched_quotes(doc: _Doc, pairs):
    """(a, b, a's quotes, b's quotes, their one-to-one overlap matches) for each pair that did
    this document: what the link and attribute counts compare."""
    for a, b in pairs:
        if a not in doc.spans or b not in doc.spans:
            continue
        qa = [s for s in doc.spans[a] if s.layer == "quote"]
        qb = [s for s in doc.spans[b] if s.layer == "quote"]
        if qa and qb:
            yield a, b, qa, qb, match_spans([(s.start, s.end, "q") for s in qa], [(s.start, s.end, "q") for s in qb],
                                            "overlap")


def _targets(doc: _Doc, annotator: str, link: str) -> dict[str, list[Span]]:
    by_id = {s.id: s for s in doc.spans[annotator]}
    out: dict[str, list[Span]] = defaultdict(list)
    for relation in doc.relations.get(annotator, []):
        if relation.label == link and relation.to_id in by_id:
            out[relation.from_id].append(by_id[relation.to_id])
    return out


class _AttributeCounts:
    """For quotes matched between two annotators: do they give the same attribute value."""

    def __init__(self, pairs, attribute: str):
        self.pairs, self.attribute = pairs, attribute
        self.values: dict = {pair: Counter() for pair in pairs}  # (x, y) -> how often

    def add(self, doc: _Doc) -> None:
        for a, b, qa, qb, matched in _matched_quotes(doc, self.pairs):
            for i, k in matched:
                x, y = qa[i].attrs.get(self.attribute), qb[k].attrs.get(self.attribute)
                if x is not None and y is not None:
                    self.values[(a, b)][(x, y)] += 1

    def result(self) -> dict:
        per_pair = {}
        for a, b in self.pairs:
            values = list(self.values[(a, b)].elements())
            score = cohen_kappa(values)
            same = sum(1 for x, y in values if x == y)
            per_pair[pair_key(a, b)] = {"kappa": score.as_dict(),
                                        "observed": round(same / len(values), 6) if values else None,
                                        "compared": len(values)}
        return {f"quote.{self.attribute}": per_pair}


def document_disagreements(project: Project, layer: str, options: AgreementOptions | None = None,
                           progress: Callable[[], None] | None = None
                           ) -> list[tuple[str, float, int, tuple[str, str]]]:
    """(document, mean pairwise F1 overlap, spans, the pair that agrees least) for documents
    two or more annotators did, worst first: where a curator or a team meeting should look.
    ``progress()`` is called once per document someone worked on (it may raise to stop)."""
    options = options or AgreementOptions()
    eligible = eligible_by_document(project, options.annotators, options.only_done)
    out = []
    for doc_id, names in eligible.items():
        if progress is not None:
            progress()
        if len(names) < 2:
            continue
        by_annotator: dict[str, list] = defaultdict(list)
        for span in project.spans(doc_id):
            if span.annotator in names and span.layer == layer:
                by_annotator[span.annotator].append((span.start, span.end, span.label))
        scores = []
        for a, b in combinations(sorted(names), 2):
            ma, mb = by_annotator[a], by_annotator[b]
            score = span_f1(len(match_spans(ma, mb, "overlap")), len(ma), len(mb))
            scores.append((1.0 if score.value is None else score.value, (a, b)))  # both empty: no disagreement
        worst = min(scores)[1]
        out.append((doc_id, sum(v for v, _ in scores) / len(scores), sum(len(v) for v in by_annotator.values()), worst))
    return sorted(out, key=lambda row: (row[1], row[0]))
