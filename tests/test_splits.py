"""Training sets straight out: --split by document with a seed for every file format, and
Hugging Face features that datasets reads with the tags as ClassLabel."""

import json

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.model import AnnotatedDocument, Document, Span
from annotator.store.bulk import import_records
from annotator.store.project import Project


@pytest.fixture
def project_with_twenty(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with Project.create(tmp_path / "p.db") as proj:
        records = []
        for n in range(20):
            text = f"زار الوزير مدينة رقم {n} أمس."
            start = text.index("الوزير")
            for annotator in ("amal", "badr"):
                records.append(AnnotatedDocument(Document(f"d{n:02}", text, {}), annotator, "done",
                                                 [Span("T1", f"d{n:02}", annotator, "entity", "PER", start, start + 6,
                                                       {})], []))
        import_records(proj, records)
    return tmp_path


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _docs_in(path):
    return {line.split(" ", 1)[0] for line in path.read_text(encoding="utf-8").split("\n")
            if line.startswith("# newdoc id")}


@pytest.mark.parametrize("fmt, suffix", [("conll", ".conll"), ("conllu", ".conllu"), ("hf", ".jsonl"),
                                         ("prodigy", ".jsonl"), ("spacy", ".spacy"), ("jsonl", ".jsonl")])
def test_split_by_document_into_files_named_after_the_parts(project_with_twenty, fmt, suffix):
    tmp = project_with_twenty
    result = run("export", "p.db", "-f", fmt, "-o", f"out{suffix}", "--split", "train=0.8,dev=0.1,test=0.1",
                 "--seed", "7")
    assert result.exit_code == 0, result.output
    for name, count in (("train", 16), ("dev", 2), ("test", 2)):
        assert (tmp / f"out.{name}{suffix}").exists()
        assert f"{name}: {count} document(s), {count * 2} record(s)" in result.output
    assert not (tmp / f"out{suffix}").exists()


def test_the_same_seed_gives_the_same_split_and_annotators_stay_together(project_with_twenty):
    tmp = project_with_twenty
    parts = {}
    for seed, folder in (("3", "a"), ("3", "b"), ("4", "c")):
        (tmp / folder).mkdir()
        assert run("export", "p.db", "-f", "conllu", "-o", f"{folder}/x.conllu", "--split", "train=0.5,test=0.5",
                   "--seed", seed).exit_code == 0
        parts[folder] = {name: (tmp / folder / f"x.{name}.conllu").read_text(encoding="utf-8")
                         for name in ("train", "test")}
    assert parts["a"] == parts["b"] and parts["a"] != parts["c"]
    train = [line for line in parts["a"]["train"].split("\n") if line.startswith("# newdoc id")]
    test = [line for line in parts["a"]["test"].split("\n") if line.startswith("# newdoc id")]
    assert len(train) == len(test) == 20  # 10 documents x 2 annotators each
    assert not set(train) & set(test)


@pytest.mark.parametrize("spec, reason", [
    ("train=0.8,dev=0.1", "add up to 0.9"),
    ("train=0.8,train=0.2", "named twice"),
    ("train=x,dev=1", "NAME=SHARE"),
    ("../up=0.5,dev=0.5", "NAME=SHARE"),
])
def test_a_bad_split_is_refused_before_anything_is_written(project_with_twenty, spec, reason):
    result = run("export", "p.db", "-f", "conll", "-o", "out.conll", "--split", spec)
    assert result.exit_code == 2 and reason in result.output
    assert sorted(p.name for p in project_with_twenty.iterdir()) == ["p.db"]


def test_a_split_part_may_not_be_an_input(project_with_twenty):
    result = run("export", "p.db", "-f", "conll", "-o", "p", "--split", "db=1")  # p.db: the project
    assert result.exit_code != 0 and "p.db" in result.output


def test_hugging_face_datasets_reads_the_tags_as_class_labels(project_with_twenty):
    datasets = pytest.importorskip("datasets")
    tmp = project_with_twenty
    assert run("export", "p.db", "-f", "hf", "-o", "ner.jsonl", "--annotator", "amal").exit_code == 0
    features = datasets.Features.from_dict(json.loads((tmp / "ner.features.json").read_text(encoding="utf-8")))
    data = datasets.load_dataset("json", data_files=str(tmp / "ner.jsonl"), features=features,
                                 cache_dir=str(tmp / "cache"))["train"]
    tags = data.features["ner_tags"].feature
    assert isinstance(tags, datasets.ClassLabel) and tags.names[0] == "O"
    row = data[0]
    assert [tags.int2str(t) for t in row["ner_tags"]][:3] == ["O", "B-PER", "O"]
    assert row["tokens"][:2] == ["زار", "الوزير"]
