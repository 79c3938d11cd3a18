"""Learning from the annotators: train a span tagger, suggest with it, on held-out text."""

import json
import random
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

pytest.importorskip("sklearn")

from annotator.attribution.detector import _direct_quotes  # noqa: E402
from annotator.cli import cli  # noqa: E402
from annotator.core.agreement import match_spans  # noqa: E402
from annotator.core.model import AnnotatedDocument, Document, Span  # noqa: E402
from annotator.learn.tagger import Model, ModelError  # noqa: E402
from annotator.learn.training import (  # noqa: E402
    TrainingDocument,
    check_schema,
    evaluate,
    fit,
    predict_scored,
    suggest_with_model,
    train,
)
from annotator.store.bulk import import_records  # noqa: E402

PUD = Path(__file__).parent / "data" / "ud-arabic-pud-attribution" / "attribution.jsonl"

# A small corpus made on the fly: names in the contexts news puts them in, some after a
# clitic (لتركيا، بالقاهرة). The held-out documents use names never seen in training, so
# remembering names (the dictionary baseline) cannot find them; context can.
_PEOPLE = ["سامي حداد", "ليلى منصور", "كريم سالم", "نادية عمر", "فؤاد زيدان", "هدى قاسم", "رامي العطار",
           "منى يوسف", "طارق نجم", "سلمى راشد", "باسل عيسى", "دينا فارس", "وليد شاكر", "رنا خليل"]
_PLACES = ["تركيا", "مصر", "الأردن", "تونس", "المغرب", "لبنان", "العراق", "قطر", "اليمن", "ليبيا", "عمان", "السودان"]
_TEMPLATES = [
    ("قال الوزير {P} إن الحكومة ستزور {G} الأسبوع المقبل.", ""),
    ("وصل الرئيس {P} إلى {G} صباح اليوم في زيارة رسمية.", ""),
    ("أعلن المتحدث {P} أن الوفد سيتوجه ل{G} غداً.", "ل"),
    ("وأكدت الباحثة {P} أن الصادرات إلى {G} ارتفعت.", ""),
    ("التقى السفير {P} بنظيره في {G} لبحث التعاون.", ""),
    ("وقالت المديرة {P} إن المعرض سينتقل ل{G} في الربيع.", "ل"),
]


def synthetic(seed, people, places, n):
    rng = random.Random(seed)
    docs = []
    for k in range(n):
        text, spans = "", []
        for _ in range(3):
            template, _clitic = rng.choice(_TEMPLATES)
            person, place = rng.choice(people), rng.choice(places)
            sentence = template.replace("{P}", person).replace("{G}", place)
            base = len(text)
            p_at, g_at = sentence.index(person), sentence.index(place, sentence.index(person) + len(person))
            spans.append(Span(f"E{len(spans)}", f"d{seed}-{k}", "amal", "entity", "PER", base + p_at,
                              base + p_at + len(person), {}))
            spans.append(Span(f"E{len(spans)}", f"d{seed}-{k}", "amal", "entity", "GPE", base + g_at,
                              base + g_at + len(place), {}))
            text += sentence + " "
        docs.append(TrainingDocument(f"d{seed}-{k}", "amal", text.rstrip(), spans))
    return docs


def f1(gold_docs, predicted_by_doc, layer, label):
    g = f = m = 0
    for doc in gold_docs:
        gold = [(s.start, s.end, "x") for s in doc.spans if s.layer == layer and s.label == label]
        got = [(a, b, "x") for a, b in predicted_by_doc(doc)]
        g, f, m = g + len(gold), f + len(got), m + len(match_spans(gold, got, "exact"))
    return 2 * m / (g + f) if g + f else 0.0


def test_entities_on_unseen_names_beat_remembering_names_and_sub_word_spans_are_exact():
    train_docs = synthetic(1, _PEOPLE[:8], _PLACES[:7], 60)
    held_out = synthetic(2, _PEOPLE[8:], _PLACES[7:], 20)
    model = fit(train_docs, ["entity"], rules=False)
    seen = {doc.text[s.start:s.end]: s.label for doc in train_docs for s in doc.spans}

    def dictionary(label):  # the trivial baseline: every string labelled in training, wherever it occurs
        def found(doc):
            return [(doc.text.find(t), doc.text.find(t) + len(t)) for t, lab in seen.items()
                    if lab == label and t in doc.text]
        return found

    def by_model(label):
        def found(doc):
            return [(s.start, s.end) for s in predict_scored(model, doc.text)[0] if s.label == label]
        return found

    for label in ("PER", "GPE"):
        assert f1(held_out, by_model(label), "entity", label) > max(0.6, f1(held_out, dictionary(label), "entity",
                                                                         label) + 0.3)
    # a place after the clitic ل: the span is the name alone, inside the word
    doc = next(d for d in held_out if "ل" + _PLACES[8] in d.text or "ل" + _PLACES[9] in d.text
               or "ل" + _PLACES[10] in d.text or "ل" + _PLACES[11] in d.text)
    predicted = {(s.start, s.end) for s in predict_scored(model, doc.text)[0] if s.label == "GPE"}
    inside_a_word = [s for s in doc.spans if s.label == "GPE" and doc.text[s.start - 1] == "ل"]
    assert inside_a_word and all((s.start, s.end) in predicted for s in inside_a_word)


def pud(split):
    with PUD.open(encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    return [TrainingDocument(r["id"], "g", r["text"], [Span(s["id"], r["id"], "g", s["layer"], s["label"], s["start"],
                                                            s["end"], {}) for s in r["spans"]])
            for r in records if r["meta"]["split"] == split]


def test_quotes_learnt_from_real_text_beat_taking_every_quotation():
    """Trained on the PUD dev half without the rules' help, scored on the test half."""
    model = fit(pud("dev"), ["quote", "speaker", "cue"], rules=False)
    test = pud("test")
    scores = evaluate(model, test)
    g = f = m = 0
    for doc in test:  # trivial baseline: every quotation in marks is a quote
        gold = [(s.start, s.end, "x") for s in doc.spans if s.layer == "quote"]
        got = [(a, b, "x") for a, b in _direct_quotes(doc.text)]
        g, f, m = g + len(gold), f + len(got), m + len(match_spans(gold, got, "overlap"))
    baseline = 2 * m / (g + f)
    assert scores["quote", "QUOTE"].f1("overlap") > baseline + 0.2
    assert scores["cue", "CUE"].f1("overlap") > 0.5 and scores["speaker", "SPEAKER"].f1("overlap") > 0.5


def test_a_saved_model_predicts_the_same_and_scores_are_probabilities(tmp_path):
    model = fit(synthetic(3, _PEOPLE, _PLACES, 20), ["entity"], rules=False)
    model.save(tmp_path / "m")
    again = Model.load(tmp_path / "m")
    text = "قال الوزير سامي حداد إن الحكومة ستزور لتونس قريباً."
    spans, scores, doubt = predict_scored(model, text)
    assert [(s.start, s.end, s.label) for s in predict_scored(again, text)[0]] == [(s.start, s.end, s.label)
                                                                                  for s in spans]
    assert spans and all(0 < v <= 1 for v in scores) and 0 <= doubt <= 1


@pytest.mark.parametrize("damage", ["not json", "other format", "wrong shape", "pickled", "no weights", "not a zip",
                                    "broken zip", "an npy array"])
def test_a_damaged_or_foreign_model_folder_is_refused_by_name(tmp_path, damage):
    fit(synthetic(4, _PEOPLE, _PLACES, 5), ["entity"], rules=False).save(tmp_path / "m")
    meta, weights = tmp_path / "m" / "model.json", tmp_path / "m" / "weights.npz"
    if damage == "not json":
        meta.write_text("{", encoding="utf-8")
    elif damage == "other format":
        meta.write_text(json.dumps({"format": "something else"}), encoding="utf-8")
    elif damage == "wrong shape":
        np.savez(weights, **{"0_coef": np.zeros((2, 3)), "0_intercept": np.zeros(2)})
    elif damage == "pickled":
        np.savez(weights, **{"0_coef": np.array([object()], dtype=object), "0_intercept": np.zeros(2)})
    elif damage == "not a zip":
        weights.write_bytes(b"PK\x03\x04 not really a zip")
    elif damage == "broken zip":
        weights.write_bytes(weights.read_bytes()[: len(weights.read_bytes()) // 2])
    elif damage == "an npy array":
        with weights.open("wb") as f:
            np.save(f, np.zeros(3))
    else:
        weights.unlink()
    with pytest.raises(ModelError, match=str(tmp_path / "m").replace("\\", "\\\\")):
        Model.load(tmp_path / "m")


@pytest.fixture
def done_project(project):
    docs = synthetic(5, _PEOPLE, _PLACES, 30)
    import_records(project, [AnnotatedDocument(Document(d.doc_id, d.text, {}), "amal", "done", d.spans, [])
                             for d in docs])
    return project


def test_train_on_done_documents_suggest_with_scores_and_doubt_merging_with_rules(done_project):
    result = train(done_project, ["entity"])
    assert result.train_documents == 30 and len(result.held_out) == 6
    assert result.model.info["held_out_scores"]["entity/PER"]["f1_exact"] > 0.8
    doc_id = done_project.document_ids()[0]
    from annotator.attribution.suggestions import suggest_attribution

    suggest_attribution(done_project, [doc_id])
    rules = {(s.layer, s.start, s.end) for s in done_project.pending_suggestions(doc_id, "karim")}
    added = suggest_with_model(done_project, result.model, done_project.document_ids())
    assert added > 0
    pending = done_project.pending_suggestions(doc_id, "karim")
    places = [(s.layer, s.label, s.start, s.end) for s in pending]
    assert len(places) == len(set(places))  # one suggestion per place, whoever suggested it
    assert rules <= {(s.layer, s.start, s.end) for s in pending}
    scores = done_project.suggestion_scores(doc_id)
    assert {s.id for s in pending if s.annotator == "model"} <= set(scores)
    assert set(done_project.doubts()) == set(done_project.document_ids())


def test_a_model_from_another_schema_is_refused_and_the_same_schema_is_used(done_project, tmp_path):
    model = train(done_project, ["entity"], held_out=0).model
    from annotator.core.schema import Schema, default_schema

    check_schema(model, default_schema())  # another project with the same schema: fine
    other = Schema(tuple(layer for layer in default_schema().layers if layer.name != "entity"),
                   default_schema().relations)
    with pytest.raises(ModelError, match="layer 'entity'"):
        check_schema(model, other)


def test_training_needs_done_documents(project):
    import_records(project, [AnnotatedDocument(Document("d", "نص قصير.", {}), "amal", "in progress", [], [])])
    with pytest.raises(ModelError, match="no document is marked done"):
        train(project)


def test_cli_train_eval_suggest_and_retrain(done_project, tmp_path, monkeypatch):
    from annotator.learn.training import default_model_path

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))  # a server project's model goes there
    path = str(done_project.location)
    done_project.close()
    runner = CliRunner()
    result = runner.invoke(cli, ["train", path, "--layer", "entity", "--eval"])
    assert result.exit_code == 0, result.output
    assert "entity     PER" in result.output and "Model saved to" in result.output
    model = default_model_path(done_project.location)
    assert model.parent == (tmp_path if isinstance(done_project.location, Path) else tmp_path / "user-data/annotator/models")
    assert (model / "model.json").is_file()
    first = (model / "model.json").read_text(encoding="utf-8")
    result = runner.invoke(cli, ["suggest", path, "--model", str(model), "--no-attribution"])
    assert result.exit_code == 0 and "Stored" in result.output, result.output
    retrained = runner.invoke(cli, ["train", path, "--layer", "entity", "--seed", "1"])  # one action, replaces it
    assert retrained.exit_code == 0 and (model / "model.json").read_text(encoding="utf-8") != first
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "keep.txt").write_text("mine", encoding="utf-8")
    refused = runner.invoke(cli, ["train", path, "-o", str(tmp_path / "notes")])
    assert refused.exit_code == 1 and "not a model folder" in refused.output
    assert (tmp_path / "notes" / "keep.txt").read_text(encoding="utf-8") == "mine"
    if isinstance(done_project.location, Path):  # -o the project file itself
        refused = runner.invoke(cli, ["train", path, "-o", path])
        assert refused.exit_code == 1 and "nothing was written" in refused.output
    missing = runner.invoke(cli, ["suggest", path, "--model", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and "not a model folder" in missing.output


def test_without_scikit_learn_the_message_says_what_to_install(done_project, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "sklearn", None)  # as if it were not installed
    result = CliRunner().invoke(cli, ["train", str(done_project.path)])
    assert result.exit_code == 1 and 'pip install "annotator[learn]"' in result.output


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["و", "ف", "ب", "ل", "ك", "ال", "تركيا", "ِ", "ّ", "ً", "ـ", "\u200c", "\u200d", " ",
                                 "«", "»", ".", "ق", "a", "1", "👍🏽", "\n"]), max_size=30).map("".join))
def test_learning_tokens_cover_the_words_and_cut_only_between_grapheme_clusters(text):
    from annotator.core.offsets import is_grapheme_boundary
    from annotator.core.tokenize import tokenize
    from annotator.learn.features import learning_tokens

    tokens, words = learning_tokens(text)
    project_tokens = tokenize(text)
    for w, (start, end) in enumerate(project_tokens):  # each word's pieces tile it exactly
        pieces = [t for t, of in zip(tokens, words) if of == w]
        assert pieces[0][0] == start and pieces[-1][1] == end
        assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
        # the cuts made inside a word (after a proclitic) keep each letter with its marks
        assert all(is_grapheme_boundary(text, a[1]) for a in pieces[:-1])


def test_suggestions_written_with_a_model_import_elsewhere_merged_with_the_rules(done_project, tmp_path):
    """`suggest -o` writes the rules' and the model's record of each document; importing the
    file stores one suggestion per place (two records for one document are not an error)."""
    path = str(done_project.path)
    train(done_project, ["entity"]).model.save(tmp_path / "m")
    done_project.close()
    runner = CliRunner()
    out = tmp_path / "suggested.jsonl"
    result = runner.invoke(cli, ["suggest", path, "--model", str(tmp_path / "m"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["source"] for r in records} == {"rules", "model"} and len(records) == 60
    other = tmp_path / "other.db"
    assert runner.invoke(cli, ["init", str(other)]).exit_code == 0
    imported = runner.invoke(cli, ["import", str(other), str(out)])
    assert imported.exit_code == 0, imported.output
    places = {(r["id"], s["layer"], s["label"], s["start"], s["end"]) for r in records for s in r["spans"]}
    assert any(r["spans"] for r in records if r["source"] == "model")
    assert f"{len(places)} suggestion(s) to review" in imported.output
