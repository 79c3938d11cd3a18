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


def test_the_demo_upgrades_a_sample_project_an_older_annotator_made(tmp_path):
    """`annotator demo` after an update: the sample project in the user data folder was made by
    the older version; it is upgraded (a backup kept beside it, the user's edits kept) instead
    of the demo refusing to open it when nobody can be asked (--screenshot)."""
    import sqlite3

    from click.testing import CliRunner

    from annotator.cli import cli
    from annotator.sample import ensure_sample_project
    from annotator.store.recognition import recognise
    from test_hostile import _older_project

    path = _older_project(tmp_path / "sample-project.db")
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO documents(id, position, length, sha256, meta) VALUES ('mine', 0, 2, 'x', '{}')")
    conn.execute("INSERT INTO document_texts(doc_id, text) VALUES ('mine', 'نص')")
    conn.commit()
    conn.close()
    assert recognise(path).pending
    assert ensure_sample_project(path) == path
    assert not recognise(path).pending and len(list(tmp_path.glob("sample-project.before-upgrade-*.db"))) == 1
    with Project.open(path, readonly=True) as project:
        assert project.document_ids() == ["mine"]
    assert ensure_sample_project(path) == path  # up to date: nothing more
    assert len(list(tmp_path.glob("*.before-upgrade-*"))) == 1
    assert CliRunner().invoke(cli, ["list", str(path), "--plain"]).exit_code == 0
