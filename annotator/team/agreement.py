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
from dataclasses import dataclass
from itertools import combinations, repeat

from annotator.core.agreement import (
    Score,
    alpha_nominal_counts,
    alpha_u,
    cohen_kappa,
    cohen_kappa_counts,
    fleiss_kappa_counts,
    match_spans,
    mean_sd,
    span_f1,
    undefined,
)
from annotator.core.model import Span
from annotator.core.tagging import align, tag_layer
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


def compute(project: Project, options: AgreementOptions | None = None) -> dict:
    """The whole agreement report as JSON-ready data (see the README for its keys)."""
    options = options or AgreementOptions()
    schema = project.schema
    layers = options.layers or [layer.name for layer in schema.layers]
    eligible = eligible_by_document(project, options.annotators, options.only_done)
    annotators = sorted({a for names in eligible.values() for a in names})
    docs = [_load(project, doc_id, set(eligible[doc_id])) for doc_id in project.document_ids()
            if len(eligible.get(doc_id, ())) >= 2]
    report = {
        "annotators": annotators,
        "documents": len(docs),
        "only_done": options.only_done,
        "tokenizer": TOKENIZER,
        "scheme": SCHEME,
        "layers": {},
        "links": {},
        "attributes": {},
    }
    if len(annotators) < 2:
        report["undefined"] = ("fewer than two annotators have documents to compare"
                               + (" (only documents marked done count; use --all-docs)" if options.only_done else ""))
        return report
    pairs = list(combinations(annotators, 2))
    for layer in layers:
        report["layers"][layer] = _layer_report(docs, layer, annotators, pairs,
                                                [label.name for label in schema.layer(layer).labels])
    if schema.layer("quote") is not None:
        report["links"] = _links_report(docs, pairs)
        report["attributes"] = _attribute_report(docs, pairs, "type")
    return report


def _load(project: Project, doc_id: str, annotators: set[str]) -> _Doc:
    text = project.text(doc_id)
    spans: dict[str, list[Span]] = defaultdict(list)
    for span in project.spans(doc_id):
        if span.annotator in annotators:
            spans[span.annotator].append(span)
    relations: dict[str, list] = defaultdict(list)
    for relation in project.relations(doc_id):
        if relation.annotator in annotators:
            relations[relation.annotator].append(relation)
    for name in annotators:  # done with no spans: rated, and every span of the others disagrees
        spans.setdefault(name, [])
    return _Doc(doc_id, text, dict(spans), dict(relations), tokenize(text))


def _mentions(spans: list[Span], layer: str) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.label) for s in spans if s.layer == layer]


def _layer_report(docs: list[_Doc], layer: str, annotators: list[str], pairs, labels: list[str]) -> dict:
    per_pair: dict[str, dict] = {}
    label_f1: dict[str, dict[str, dict]] = {label: {} for label in labels}
    token_tags = _token_tags(docs, layer)  # doc -> annotator -> tags
    for a, b in pairs:
        shared = [d for d in docs if a in d.spans and b in d.spans]
        entry: dict = {"documents": len(shared)}
        for mode in ("exact", "overlap"):
            totals = [0, 0, 0]
            by_label: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
            for doc in shared:
                ma, mb = _mentions(doc.spans[a], layer), _mentions(doc.spans[b], layer)
                matched = match_spans(ma, mb, mode)
                totals[0] += len(matched)
                totals[1] += len(ma)
                totals[2] += len(mb)
                for i, _k in matched:
                    by_label[ma[i][2]][0] += 1
                for m in ma:
                    by_label[m[2]][1] += 1
                for m in mb:
                    by_label[m[2]][2] += 1
            entry[f"f1_{mode}"] = span_f1(*totals).as_dict()
            for label in labels:
                label_f1[label].setdefault(pair_key(a, b), {})[f"f1_{mode}"] = span_f1(*by_label[label]).as_dict()
        overall_u, per_label_u = _alpha_u(shared, layer, [a, b])
        entry["alpha_u"] = overall_u.as_dict()
        for label, score in per_label_u.items():
            label_f1.setdefault(label, {}).setdefault(pair_key(a, b), {})["alpha_u"] = score.as_dict()
        # Tokens as counts of tag patterns: most tokens are O for everyone, and counting
        # identical rows once (in C, via Counter over zip) keeps a corpus report in seconds.
        token_pairs: Counter = Counter()
        for doc in shared:
            token_pairs.update(zip(token_tags[doc.doc_id][a], token_tags[doc.doc_id][b]))
        entry["kappa"] = cohen_kappa_counts(token_pairs).as_dict()
        entry["alpha_nominal"] = alpha_nominal_counts(token_pairs).as_dict()
        per_pair[pair_key(a, b)] = entry
    overall: dict = {}
    for key in ("f1_exact", "f1_overlap"):
        overall[key] = mean_sd([_score(per_pair[pair_key(a, b)][key]) for a, b in pairs]).as_dict()
    everyone = [d for d in docs if all(name in d.spans for name in annotators)]
    overall["documents_all_annotators"] = len(everyone)
    overall["alpha_u"] = _alpha_u(everyone, layer, annotators)[0].as_dict()
    patterns: Counter = Counter()
    for doc in everyone:
        patterns.update(zip(*(token_tags[doc.doc_id][name] for name in annotators)))
    if len(annotators) == 2:
        overall["kappa"] = dict(cohen_kappa_counts(patterns).as_dict(), measure="Cohen")
    else:
        overall["kappa"] = dict(fleiss_kappa_counts(patterns).as_dict(), measure="Fleiss")
    with_missing: Counter = Counter()
    for doc in docs:  # α handles missing raters: every document with two or more
        tags = token_tags[doc.doc_id]
        length = len(next(iter(tags.values())))
        with_missing.update(zip(*(tags.get(name, repeat(None, length)) for name in annotators)))
    overall["alpha_nominal"] = alpha_nominal_counts(with_missing).as_dict()
    return {"pairs": per_pair, "overall": overall, "labels": label_f1}


def _score(data: dict) -> Score:
    return Score(data.get("value"), data.get("undefined", ""))


def _alpha_u(docs: list[_Doc], layer: str, raters: list[str]) -> tuple[Score, dict]:
    if not docs:
        return undefined("no document done by all of these annotators"), {}
    units: list[list] = [[] for _ in raters]
    offset = 0
    dropped = 0
    for doc in docs:
        for r, name in enumerate(raters):
            last_end: dict[str, int] = {}
            for s in sorted((s for s in doc.spans[name] if s.layer == layer), key=lambda s: (s.start, -s.end)):
                # α_U needs a rater's units of one category not to overlap: keep the first.
                if s.start < last_end.get(s.label, -1):
                    dropped += 1
                    continue
                units[r].append((s.label, offset + s.start, s.end - s.start))
                last_end[s.label] = s.end
        offset += len(doc.text)
    overall, per_label = alpha_u(0, offset, units)
    overall.counts["overlapping_units_dropped"] = dropped
    return overall, per_label


def _token_tags(docs: list[_Doc], layer: str) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    for doc in docs:
        everyone = [s for spans in doc.spans.values() for s in spans if s.layer == layer]
        tokens, _ranges, _notes = align(doc.text, doc.tokens, everyone, "split")
        tags = {}
        for name, spans in doc.spans.items():
            mine = [s for s in spans if s.layer == layer]
            _t, ranges, _n = align(doc.text, tokens, mine, "split")
            tags[name] = tag_layer(len(tokens), mine, ranges, "iob2")[0]
        out[doc.doc_id] = tags
    return out


def _links_report(docs: list[_Doc], pairs) -> dict:
    out: dict = {}
    for link in LINK_TYPES:
        per_pair = {}
        for a, b in pairs:
            agreed = total = 0
            for doc in docs:
                if a not in doc.spans or b not in doc.spans:
                    continue
                qa = [s for s in doc.spans[a] if s.layer == "quote"]
                qb = [s for s in doc.spans[b] if s.layer == "quote"]
                matched = match_spans([(s.start, s.end, s.layer) for s in qa], [(s.start, s.end, s.layer) for s in qb],
                                      "overlap")
                targets_a = _targets(doc, a, link)
                targets_b = _targets(doc, b, link)
                for i, k in matched:
                    ta, tb = targets_a.get(qa[i].id, []), targets_b.get(qb[k].id, [])
                    total += 1
                    if (not ta and not tb) or any(x.layer == y.layer and x.start < y.end and y.start < x.end
                                                  for x in ta for y in tb):
                        agreed += 1
            per_pair[pair_key(a, b)] = (Score(agreed / total, counts={"agreed": agreed, "matched_quotes": total})
                                        if total else undefined("no quotes matched between these annotators",
                                                                matched_quotes=0)).as_dict()
        out[link] = {"pairs": per_pair,
                     "overall": mean_sd([_score(v) for v in per_pair.values()]).as_dict()}
    return out


def _targets(doc: _Doc, annotator: str, link: str) -> dict[str, list[Span]]:
    by_id = {s.id: s for s in doc.spans[annotator]}
    out: dict[str, list[Span]] = defaultdict(list)
    for relation in doc.relations.get(annotator, []):
        if relation.label == link and relation.to_id in by_id:
            out[relation.from_id].append(by_id[relation.to_id])
    return out


def _attribute_report(docs: list[_Doc], pairs, attribute: str) -> dict:
    per_pair = {}
    for a, b in pairs:
        values = []
        for doc in docs:
            if a not in doc.spans or b not in doc.spans:
                continue
            qa = [s for s in doc.spans[a] if s.layer == "quote"]
            qb = [s for s in doc.spans[b] if s.layer == "quote"]
            for i, k in match_spans([(s.start, s.end, "q") for s in qa], [(s.start, s.end, "q") for s in qb], "overlap"):
                x, y = qa[i].attrs.get(attribute), qb[k].attrs.get(attribute)
                if x is not None and y is not None:
                    values.append((x, y))
        score = cohen_kappa(values)
        same = sum(1 for x, y in values if x == y)
        per_pair[pair_key(a, b)] = {"kappa": score.as_dict(),
                                    "observed": round(same / len(values), 6) if values else None,
                                    "compared": len(values)}
    return {f"quote.{attribute}": per_pair}


def document_disagreements(project: Project, layer: str, options: AgreementOptions | None = None
                           ) -> list[tuple[str, float, int, tuple[str, str]]]:
    """(document, mean pairwise F1 overlap, spans, the pair that agrees least) for documents
    two or more annotators did, worst first: where a curator or a team meeting should look."""
    options = options or AgreementOptions()
    eligible = eligible_by_document(project, options.annotators, options.only_done)
    out = []
    for doc_id, names in eligible.items():
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
