"""Train a span tagger on a project's finished documents, evaluate it on held-out documents,
and store its predictions as suggestions.

Training documents are those marked done: the adjudicated gold where it is done (``--gold``:
only gold), else every annotator's done copy (``--annotator A``: only A's). A share of the
documents (by a seeded shuffle, at least one) is held out to score the model per label
(exact and overlap, as the agreement report counts them); the model that is saved is then
trained on all of them, and its summary carries the held-out scores.
"""

from __future__ import annotations

import bisect
import random
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.attribution.evaluation import MODES, Score
from annotator.core.agreement import match_spans
from annotator.core.model import GOLD, Span
from annotator.learn import ModelError, require_learn
from annotator.learn.features import featurize, learning_tokens
from annotator.learn.tagger import Cancelled, LayerModel, Model, _hasher, bio_tags, decode, doubt, train_layer
from annotator.store.location import is_server_url, shown_url

DEFAULT_LAYERS = ("entity", "quote", "speaker", "cue")
SOURCE = "model"


@dataclass
class TrainingDocument:
    doc_id: str
    annotator: str
    text: str
    spans: list[Span]


@dataclass
class LabelScore:
    """One label's held-out counts, matched exactly and by overlap (the attribution
    evaluation's Score for each mode)."""
    by_mode: dict[str, Score] = field(default_factory=lambda: {mode: Score() for mode in MODES})

    @property
    def gold(self) -> int:
        return self.by_mode["exact"].gold

    @property
    def found(self) -> int:
        return self.by_mode["exact"].found

    def f1(self, mode: str) -> float:
        return self.by_mode[mode].f1

    def precision(self, mode: str) -> float:
        return self.by_mode[mode].precision

    def recall(self, mode: str) -> float:
        return self.by_mode[mode].recall


@dataclass
class TrainingResult:
    model: Model
    train_documents: int
    held_out: list[str] = field(default_factory=list)
    scores: dict[tuple[str, str], LabelScore] = field(default_factory=dict)  # (layer, label)
    seconds: float = 0.0

    def held_out_f1(self, mode: str = "overlap") -> float | None:
        """F1 over every label of the held-out documents (None when nothing was held out)."""
        total = Score()
        for score in self.scores.values():
            total.gold += score.by_mode[mode].gold
            total.found += score.by_mode[mode].found
            total.matched += score.by_mode[mode].matched
        return total.f1 if total.gold + total.found else None


def training_documents(project, annotator: str | None = None, gold_only: bool = False) -> list[TrainingDocument]:
    """Documents marked done, one record per usable (document, annotator)."""
    chosen: list[TrainingDocument] = []
    by_doc: dict[str, list[dict]] = {}
    for record in project.iter_export(status="done"):
        by_doc.setdefault(record["id"], []).append(record)
    for doc_id, records in by_doc.items():
        gold = [r for r in records if r["annotator"] == GOLD]
        if gold_only or (annotator is None and gold):
            picked = gold
        elif annotator is not None:
            picked = [r for r in records if r["annotator"] == annotator]
        else:
            picked = records
        for record in picked:
            spans = [Span(s["id"], doc_id, record["annotator"], s["layer"], s["label"], s["start"], s["end"],
                          s.get("attrs") or {}) for s in record["spans"]]
            chosen.append(TrainingDocument(doc_id, record["annotator"], record["text"], spans))
    return chosen


def _examples(documents: list[TrainingDocument], layers: list[str], rules: bool,
              progress: Callable[[float], None] | None, cancelled: Callable[[], bool] | None):
    hasher = _hasher()
    out = {layer: [] for layer in layers}
    cache: dict[str, tuple] = {}
    for k, doc in enumerate(documents):
        if cancelled is not None and cancelled():
            raise Cancelled()
        if doc.doc_id not in cache:
            tokens, words = learning_tokens(doc.text)
            cache.clear()  # one document's features at a time: copies of a document are adjacent
            cache[doc.doc_id] = (tokens, hasher.transform(featurize(doc.text, tokens, words, rules)))
        tokens, matrix = cache[doc.doc_id]
        for layer in layers:
            out[layer].append((matrix, bio_tags(len(tokens), _token_ranges(tokens, [s for s in doc.spans
                                                                                   if s.layer == layer]))))
        if progress is not None:
            progress((k + 1) / len(documents))
    return out


def _token_ranges(tokens: list[tuple[int, int]], spans: list[Span]) -> list[tuple[int, int, str]]:
    """Each span as the tokens it covers (a token it only touches is taken whole)."""
    starts = [t[0] for t in tokens]
    ends = [t[1] for t in tokens]
    ranges = []
    for span in spans:
        first = bisect.bisect_right(ends, span.start)
        last = bisect.bisect_left(starts, span.end)
        if first < last:
            ranges.append((first, last, span.label))
    return ranges


def fit(documents: list[TrainingDocument], layers: list[str], *, rules: bool = True, epochs: int = 12, seed: int = 0,
        progress: Callable[[str, float], None] | None = None, cancelled: Callable[[], bool] | None = None) -> Model:
    """A model of ``layers`` trained on ``documents``."""
    require_learn()
    examples = _examples(documents, layers, rules, (lambda f: progress("features", f)) if progress else None, cancelled)
    trained: dict[str, LayerModel] = {}
    for n, layer in enumerate(layers):
        trained[layer] = train_layer(
            layer, examples[layer], epochs, seed,
            (lambda f, n=n: progress("training", (n + f) / len(layers))) if progress else None, cancelled)
    return Model(trained, {}, rules)


def predict_scored(model: Model, text: str, doc_id: str = "") -> tuple[list[Span], list[float], float]:
    """The model's spans for ``text``, their scores (0–1), and the document's doubt (0–1)."""
    require_learn()
    tokens, words = learning_tokens(text)
    if not tokens:
        return [], [], 0.0
    matrix = _hasher().transform(featurize(text, tokens, words, model.rules_features))
    spans: list[Span] = []
    scores: list[float] = []
    doubts = []
    for layer_model in model.layers.values():
        found, confidences = decode(layer_model.probabilities(matrix), layer_model.classes)
        doubts.append(doubt(confidences))
        for first, last, label, score in found:
            spans.append(Span(f"M{len(spans) + 1}", doc_id, SOURCE, layer_model.layer, label,
                              tokens[first][0], tokens[last - 1][1], {}))
            scores.append(score)
    return spans, scores, sum(doubts) / len(doubts) if doubts else 0.0


def evaluate(model: Model, documents: Iterable[TrainingDocument]) -> dict[tuple[str, str], LabelScore]:
    """Per (layer, label): gold, found, exact and overlap matches."""
    scores: dict[tuple[str, str], LabelScore] = {}
    for doc in documents:
        found, _scores, _doubt = predict_scored(model, doc.text, doc.doc_id)
        for layer, labels in model.labels().items():
            for label in labels:
                gold = [(s.start, s.end, "x") for s in doc.spans if s.layer == layer and s.label == label]
                got = [(s.start, s.end, "x") for s in found if s.layer == layer and s.label == label]
                score = scores.setdefault((layer, label), LabelScore())
                for mode, counts in score.by_mode.items():
                    counts.gold += len(gold)
                    counts.found += len(got)
                    counts.matched += len(match_spans(gold, got, mode))
    return scores


def train(project, layers: list[str] | None = None, annotator: str | None = None, gold_only: bool = False,
          held_out: float = 0.2, seed: int = 0, epochs: int = 12, rules: bool = True,
          progress: Callable[[str, float], None] | None = None, cancelled: Callable[[], bool] | None = None,
          ) -> TrainingResult:
    """Train on the project's done documents, score on a held-out share, then train on all."""
    require_learn()
    started = time.perf_counter()
    schema_layers = [layer.name for layer in project.schema.layers]
    layers = list(layers) if layers else [name for name in DEFAULT_LAYERS if name in schema_layers]
    unknown = [name for name in layers if name not in schema_layers]
    if unknown:
        raise ModelError(f"no such layer in the project's schema: {', '.join(unknown)}")
    documents = training_documents(project, annotator, gold_only)
    if not documents:
        who = "gold" if gold_only else (annotator or "anyone")
        raise ModelError(f"no document is marked done by {who}: mark the documents you finished as done, "
                         "then train")
    used = {s.layer for doc in documents for s in doc.spans}
    layers = [name for name in layers if name in used]
    if not layers:
        raise ModelError("the done documents have no spans in the layers asked for")
    doc_ids = sorted({d.doc_id for d in documents})
    random.Random(seed).shuffle(doc_ids)
    n_held = max(1, round(len(doc_ids) * held_out)) if len(doc_ids) >= 5 and held_out > 0 else 0
    held = set(doc_ids[:n_held])
    scores: dict = {}
    if held:
        def stage(name):
            return (lambda step, f: progress(f"{name}: {step}", f)) if progress else None

        trial = fit([d for d in documents if d.doc_id not in held], layers, rules=rules, epochs=epochs, seed=seed,
                    progress=stage("held-out trial"), cancelled=cancelled)
        scores = evaluate(trial, [d for d in documents if d.doc_id in held])
    model = fit(documents, layers, rules=rules, epochs=epochs, seed=seed,
                progress=(lambda step, f: progress(f"final model: {step}", f)) if progress else None,
                cancelled=cancelled)
    result = TrainingResult(model, len({d.doc_id for d in documents}), sorted(held), scores,
                            time.perf_counter() - started)
    model.info = {
        "trained": time.strftime("%Y-%m-%d %H:%M:%S"),
        "project": project.path.name if isinstance(project.path, Path) else str(project.path),
        "annotator": "gold" if gold_only else (annotator or "gold where done, else every annotator"),
        "documents": result.train_documents,
        "records": len(documents),
        "labels": model.labels(),
        "held_out_documents": len(held),
        "held_out_scores": {f"{layer}/{label}": {"gold": s.gold, "found": s.found,
                                                 "f1_exact": round(s.f1("exact"), 4),
                                                 "f1_overlap": round(s.f1("overlap"), 4)}
                            for (layer, label), s in sorted(scores.items())},
        "seconds": round(result.seconds, 1),
    }
    return result


def check_schema(model: Model, schema) -> None:
    """A model trained on another project fits this one when its layers and labels exist here."""
    problems = []
    for layer, labels in model.labels().items():
        found = schema.layer(layer)
        if found is None:
            problems.append(f"layer {layer!r}")
            continue
        names = {label.name for label in found.labels}
        problems += [f"label {label!r} in layer {layer!r}" for label in labels if label not in names]
    if problems:
        raise ModelError("the model does not fit this project's schema: it predicts " + ", ".join(problems)
                         + " which the schema does not have")


def suggest_with_model(project, model: Model, doc_ids: list[str],
                       progress: Callable[[float], None] | None = None,
                       cancelled: Callable[[], bool] | None = None) -> int:
    """Store the model's predictions as suggestions (source "model", each with its score) and
    each document's doubt. Returns how many new suggestions were stored."""
    check_schema(model, project.schema)
    added = 0
    for k, doc_id in enumerate(doc_ids):
        if cancelled is not None and cancelled():
            raise Cancelled()
        spans, scores, document_doubt = predict_scored(model, project.text(doc_id), doc_id)
        added += project.add_suggestions(doc_id, spans, [], SOURCE, scores={s.id: v for s, v in zip(spans, scores)})
        project.set_doubt(doc_id, document_doubt, model.info.get("trained", ""))
        if progress is not None:
            progress((k + 1) / len(doc_ids))
    return added


def default_model_path(project_path: Path | str) -> Path:
    """Beside the project: news.db → news.model/. A project on a server has no folder of its
    own: its model goes to the user's data folder, named after the server and database."""
    if is_server_url(project_path):
        import re
        from urllib.parse import urlsplit

        import platformdirs

        try:
            parts = urlsplit(str(project_path))
            where = f"{parts.hostname or 'local'}_{parts.port or ''}_{parts.path.strip('/')}"
        except ValueError:  # not a URL the server would take either; still a name of its own
            where = shown_url(str(project_path)).partition("://")[2]
        name = re.sub(r"[^\w.-]+", "_", where)
        return platformdirs.user_data_path("annotator") / "models" / f"{name}.model"
    return project_path.with_name(project_path.stem + ".model")


def load(path: Path) -> Model:
    require_learn()
    return Model.load(path)
