"""A span tagger per layer: a linear model over hashed token features, decoded with BIO
constraints.

Why this and not spaCy or a CRF: sklearn-crfsuite is no longer maintained; spaCy's NER holds
one set of non-overlapping entities per pipeline and gives no per-span confidence without its
slower beam search, and a spaCy pipeline per layer takes minutes to train on two cores. A
logistic-regression tagger (scikit-learn's SGDClassifier, trained an epoch at a time so that
training shows progress and can stop) over hashed features trains on a few hundred documents
in seconds, gives a probability per token — so every suggestion has a score and every
document a measure of doubt — and is decoded with the BIO constraints a CRF would learn
(I-X only after B-X or I-X) by Viterbi over the log-probabilities.

A model is saved as JSON (what it is, what it was trained on, its held-out scores) and one
``.npz`` of weights read without pickle, so a model file from elsewhere cannot run code.
"""

from __future__ import annotations

import json
import math
import random
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from annotator.learn import ModelError

N_FEATURES = 2 ** 18
FORMAT = "annotator-span-tagger"
VERSION = 1


class Cancelled(Exception):
    """Training or suggesting was stopped by the user."""


def _hasher():
    from sklearn.feature_extraction import FeatureHasher

    return FeatureHasher(n_features=N_FEATURES, input_type="string", alternate_sign=False)


@dataclass
class LayerModel:
    layer: str
    classes: list[str]  # "O", "B-LABEL", "I-LABEL", ...
    coef: np.ndarray  # (classes, N_FEATURES), float32
    intercept: np.ndarray  # (classes,)

    def probabilities(self, features) -> np.ndarray:
        """(tokens, classes) probabilities for a hashed feature matrix."""
        scores = features @ self.coef.T + self.intercept
        scores = np.asarray(scores, dtype=np.float64)
        if len(self.classes) == 1:
            return np.ones((scores.shape[0], 1))
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores


@dataclass
class Model:
    layers: dict[str, LayerModel]
    info: dict = field(default_factory=dict)  # summary: documents, labels, date, scores, ...
    rules_features: bool = True

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        arrays = {}
        for k, layer in enumerate(self.layers.values()):
            arrays[f"{k}_coef"] = layer.coef
            arrays[f"{k}_intercept"] = layer.intercept
        meta = {"format": FORMAT, "version": VERSION, "n_features": N_FEATURES, "rules_features": self.rules_features,
                "layers": [{"layer": name, "classes": layer.classes} for name, layer in self.layers.items()],
                "info": self.info}
        tmp_weights = folder / "weights.tmp.npz"
        np.savez_compressed(tmp_weights, **arrays)
        tmp_weights.replace(folder / "weights.npz")
        tmp_meta = folder / "model.tmp.json"
        tmp_meta.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp_meta.replace(folder / "model.json")

    @classmethod
    def load(cls, folder: Path) -> Model:
        meta_path, weights_path = folder / "model.json", folder / "weights.npz"
        if not meta_path.is_file() or not weights_path.is_file():
            raise ModelError(f"{folder}: not a model folder (model.json and weights.npz expected)")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ModelError(f"{meta_path}: cannot be read as JSON ({exc})") from None
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise ModelError(f"{meta_path}: not an annotator model")
        if meta.get("version") != VERSION or meta.get("n_features") != N_FEATURES:
            raise ModelError(f"{meta_path}: made by another version of annotator (version {meta.get('version')})")
        try:
            weights = np.load(weights_path, allow_pickle=False)
            if not hasattr(weights, "files"):  # a plain .npy array, not an .npz archive
                raise ModelError(f"{weights_path}: not the weights of a model")
            with weights:
                arrays = {name: weights[name] for name in weights.files}
        except (OSError, ValueError, EOFError, KeyError, zipfile.BadZipFile, zlib.error) as exc:
            if isinstance(exc, ModelError):
                raise
            raise ModelError(f"{weights_path}: cannot be read ({exc})") from None
        layers = {}
        entries = meta.get("layers")
        if not isinstance(entries, list):
            raise ModelError(f"{meta_path}: no layers")
        for k, entry in enumerate(entries):
            try:
                name, classes = str(entry["layer"]), [str(c) for c in entry["classes"]]
                coef, intercept = arrays[f"{k}_coef"], arrays[f"{k}_intercept"]
            except (KeyError, TypeError):
                raise ModelError(f"{folder}: layer {k} is incomplete") from None
            if coef.shape != (len(classes), N_FEATURES) or intercept.shape != (len(classes),) \
                    or not np.issubdtype(coef.dtype, np.floating) or "O" not in classes:
                raise ModelError(f"{folder}: the weights of layer {name!r} do not fit its classes")
            layers[name] = LayerModel(name, classes, coef.astype(np.float32, copy=False), intercept.astype(np.float64))
        info = meta.get("info") if isinstance(meta.get("info"), dict) else {}
        return cls(layers, info, bool(meta.get("rules_features", True)))

    def labels(self) -> dict[str, list[str]]:
        return {name: sorted({c[2:] for c in layer.classes if c != "O"}) for name, layer in self.layers.items()}


def bio_tags(n_tokens: int, ranges: Sequence[tuple[int, int, str]]) -> list[str]:
    """BIO tags from (first token, last token + 1, label) ranges; later overlapping ones are left out."""
    tags = ["O"] * n_tokens
    for first, last, label in sorted(ranges):
        if first >= last or any(tags[k] != "O" for k in range(first, last)):
            continue
        tags[first] = "B-" + label
        for k in range(first + 1, last):
            tags[k] = "I-" + label
    return tags


def train_layer(layer: str, examples: list[tuple], epochs: int = 12, seed: int = 0,
                progress: Callable[[float], None] | None = None, cancelled: Callable[[], bool] | None = None
                ) -> LayerModel:
    """``examples``: (hashed feature matrix, tags) per document."""
    from scipy.sparse import vstack
    from sklearn.linear_model import SGDClassifier

    classes = sorted({t for _x, tags in examples for t in tags} | {"O"})
    if len(classes) == 1:
        return LayerModel(layer, classes, np.zeros((1, N_FEATURES), np.float32), np.zeros(1))
    classifier = SGDClassifier(loss="log_loss", alpha=1e-5, random_state=seed, learning_rate="optimal")
    order = list(range(len(examples)))
    rng = random.Random(seed)
    batch = 32
    for epoch in range(epochs):
        rng.shuffle(order)
        for b in range(0, len(order), batch):
            if cancelled is not None and cancelled():
                raise Cancelled()
            chosen = [examples[k] for k in order[b:b + batch]]
            x = vstack([c[0] for c in chosen]).tocsr()
            y = [t for c in chosen for t in c[1]]
            classifier.partial_fit(x, y, classes=classes)
        if progress is not None:
            progress((epoch + 1) / epochs)
    coef = classifier.coef_.astype(np.float32)
    intercept = classifier.intercept_.astype(np.float64)
    known = list(classifier.classes_)
    if len(known) == 2 and coef.shape[0] == 1:  # binary: scikit-learn keeps one row
        coef = np.vstack([-coef, coef]) / 2
        intercept = np.array([-intercept[0], intercept[0]]) / 2
    return LayerModel(layer, known, coef, intercept)


def decode(probabilities: np.ndarray, classes: list[str]) -> tuple[list[tuple[int, int, str, float]], list[float]]:
    """Constrained Viterbi over log-probabilities: (first, last + 1, label, score) spans, where
    a span's score is the geometric mean of its tokens' probabilities, and each token's
    confidence (its highest probability)."""
    n = probabilities.shape[0]
    if n == 0:
        return [], []
    logp = np.log(np.clip(probabilities, 1e-12, 1.0))
    k = len(classes)
    allowed = np.zeros((k, k), dtype=bool)  # allowed[previous, current]
    for i, a in enumerate(classes):
        for j, b in enumerate(classes):
            allowed[i, j] = not b.startswith("I-") or (a != "O" and a[2:] == b[2:])
    start_ok = np.array([not c.startswith("I-") for c in classes])
    penalty = np.where(allowed, 0.0, -1e9)
    score = np.where(start_ok, logp[0], -1e9)
    back = np.zeros((n, k), dtype=np.int64)
    for t in range(1, n):
        total = score[:, None] + penalty
        back[t] = total.argmax(axis=0)
        score = total.max(axis=0) + logp[t]
    best = [int(score.argmax())]
    for t in range(n - 1, 0, -1):
        best.append(int(back[t, best[-1]]))
    best.reverse()
    tags = [classes[b] for b in best]
    spans = []
    t = 0
    while t < n:
        if tags[t].startswith("B-"):
            label = tags[t][2:]
            u = t + 1
            while u < n and tags[u] == "I-" + label:
                u += 1
            mean_log = sum(logp[v, best[v]] for v in range(t, u)) / (u - t)
            spans.append((t, u, label, math.exp(mean_log)))
            t = u
        else:
            t += 1
    return spans, probabilities.max(axis=1).tolist()


def doubt(confidences: list[float], least: int = 10) -> float:
    """How unsure the model is of a document: the mean of 1 − confidence over its ``least``
    least confident tokens (a whole document of sure O's does not drown one unsure place)."""
    if not confidences:
        return 0.0
    lowest = sorted(confidences)[:least]
    return sum(1 - c for c in lowest) / len(lowest)
