"""The bundled sample corpus is what the README and the demo promise."""

import json

from annotator.sample import create_sample_project, sample_texts_path
from annotator.store.project import Project


def load(sample_jsonl):
    return [json.loads(line) for line in sample_jsonl.read_text(encoding="utf-8").splitlines()]


def test_sample_texts_and_annotations_agree(sample_jsonl):
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sample_texts_path().glob("*.txt")}
    records = load(sample_jsonl)
    assert {r["id"] for r in records} == set(texts)
    for record in records:
        assert record["text"] == texts[record["id"]]
    arabic = [i for i in texts if i.startswith("ar-")]
    assert len(arabic) >= 8
    assert any(i.startswith("en-") for i in texts) and any(i.startswith("mixed-") for i in texts)


def test_sample_has_two_annotators_who_honestly_disagree(sample_jsonl):
    records = load(sample_jsonl)
    by = {(r["id"], r["annotator"]): {(s["layer"], s["label"], s["start"], s["end"]) for s in r["spans"]} for r in records}
    assert {a for _, a in by} == {"amal", "karim"}
    shared = [doc for doc, a in by if a == "karim"]
    differing = [doc for doc in shared if by[(doc, "amal")] != by[(doc, "karim")]]
    assert len(differing) >= 6
    # Sub-word entities after clitics, Latin names inside Arabic, quotes of every type.
    spans = [(r["text"], s) for r in records if r["annotator"] == "amal" for s in r["spans"]]
    assert any(text[s["start"] - 1] in "لبو" and text[s["start"] - 2].isspace() and s["layer"] == "entity"
               for text, s in spans if s["start"] > 1)
    assert any(s["layer"] == "entity" and text[s["start"]:s["end"]].isascii() for text, s in spans
               if text.startswith(("ت", "م")))
    assert {s["attrs"].get("type") for _, s in spans if s["layer"] == "quote"} == {"direct", "indirect", "mixed"}
    assert any(s["label"] == "BOILERPLATE" for _, s in spans)


def test_sample_project_builds(tmp_path):
    path = create_sample_project(tmp_path / "sample.db")
    with Project.open(path, readonly=True) as project:
        assert project.document_count() == 11
        assert project.annotators() == ["amal", "karim"]
