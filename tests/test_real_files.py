"""Every real third-party file kept under tests/data (and UD Arabic-PUD beside the repository),
through import and back: what round-trips exactly, and what is reported as not carried. The
README's table "Real files from other tools" lists the same facts."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.store.project import Project

DATA = Path(__file__).parent / "data"
PUD = Path(__file__).resolve().parents[2] / "shared" / "data" / "ud-arabic-pud" / "ar_pud-ud-test.conllu"


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    invoke = lambda *args: CliRunner().invoke(cli, [str(a) for a in args])  # noqa: E731
    invoke("init", "p.db")
    return invoke


def snapshot(project_path):
    with Project.open(project_path, readonly=True) as proj:
        out = {}
        for doc_id in proj.document_ids():
            text = proj.text(doc_id)
            spans = {s.id: s for s in proj.spans(doc_id)}
            key = {i: (s.layer, s.label, s.start, s.end) for i, s in spans.items()}
            out[doc_id] = (text, sorted((*key[i], tuple(sorted(s.attrs.items()))) for i, s in spans.items()),
                           sorted((r.label, key[r.from_id], key[r.to_id]) for r in proj.relations(doc_id)))
        return out


# (source, import options, export format, output name, expected report lines (substrings), spans, relations)
CASES = [
    ("brat-bionlp-ge", ["--extend-schema"], "brat", "out", ["an event (no such annotations in the schema)"], 10, 0),
    ("brat-bionlp-rel", ["--extend-schema"], "brat", "out", [], 30, 9),
    ("ud-arabic-padt/assabah.20041005.0017.conllu", [], "conllu", "out.conllu", [], 0, 0),
    ("doccano/sequence_labeling-export-example.jsonl", ["--format", "doccano", "--extend-schema"], "doccano",
     "out.jsonl", [], 4, 0),
    ("doccano/relation_extraction-example.jsonl", ["--format", "doccano", "--extend-schema"], "doccano-relations",
     "out.jsonl", [], 4, 3),
    ("doccano/sequence_labeling-example_overlapping.jsonl", ["--format", "doccano", "--extend-schema"], "doccano",
     "out.jsonl", ["1 identical duplicate span(s) merged"], 1, 0),
    ("labelstudio/full-export-csv_test.json", [], "labelstudio", "out.json",
     ["rectanglelabels result(s) by hakan@heartex.com not carried", "rectanglelabels prediction result(s)"], 0, 0),
    ("inception/tsv/testSubMultiTokenSpanWithoutFeatureValue2.tsv", ["--extend-schema"], "webanno-tsv", "out",
     ["without a value: imported with the label 'Span'"], 1, 0),
    ("inception/tsv/testSentenceWithEmoji.tsv", ["--extend-schema"], "webanno-tsv", "out",
     ["without a value"], 1, 0),
    ("inception/tsv/testCrossSentenceSpanWithFeatureValue.tsv", ["--extend-schema"], "inception-xmi", "out", [], 1, 0),
    ("inception/tsv/testDependencyWithValues.tsv", [], "webanno-tsv", "out",
     ["2 de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS annotation(s) not carried"], 0, 0),
    ("inception/xmi/testSingleTokenRelationWithFeatureValue.xmi", [], "inception-xmi", "out",
     ["no TypeSystem.xml beside it, so these were not read: 1 webanno.custom.Relation"], 0, 0),
]


@pytest.mark.parametrize("source, options, fmt, out, reported, n_spans, n_relations", CASES,
                         ids=[c[0] for c in CASES])
def test_a_real_file_imports_exports_and_comes_back(run, tmp_path, source, options, fmt, out, reported, n_spans,
                                                    n_relations):
    result = run("import", "p.db", DATA / source, *options, "--report", "report.tsv")
    assert result.exit_code == 0, result.output
    report = (tmp_path / "report.tsv").read_text(encoding="utf-8")
    for line in reported:
        assert line in report
    if not reported:
        assert report == "source\tnot carried\n"  # nothing was left behind
    first = snapshot(tmp_path / "p.db")
    assert sum(len(spans) for _, spans, _ in first.values()) == n_spans
    assert sum(len(rels) for _, _, rels in first.values()) == n_relations
    # Out in the same format family and back into a fresh project: the same documents and spans.
    # brat writes one annotator's files at the top of the folder, several in subfolders.
    who = ["--annotator", "imported"] if fmt == "brat" else []
    result = run("export", "p.db", "-f", fmt, "-o", out, *who)
    assert result.exit_code == 0, result.output
    run("init", "back.db")
    again = ["--format", {"doccano-relations": "doccano"}.get(fmt, fmt), *who]
    result = run("import", "back.db", out, *again, "--extend-schema")
    assert result.exit_code == 0, result.output
    back = snapshot(tmp_path / "back.db")
    if fmt.startswith("doccano"):
        # doccano has no document ids: compare by text.
        first = {v[0]: v for v in first.values()}
        back = {v[0]: v for v in back.values()}
    assert back == first


@pytest.mark.skipif(not PUD.exists(), reason="shared/data/ud-arabic-pud is not beside the repository")
def test_ud_arabic_pud_imports_and_comes_back_line_for_line(run, tmp_path):
    result = run("import", "p.db", PUD, "--report", "report.tsv")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "report.tsv").read_text(encoding="utf-8") == "source\tnot carried\n"
    assert run("export", "p.db", "-f", "conllu", "-o", "out.conllu").exit_code == 0
    lines = []
    for line in (tmp_path / "out.conllu").read_text(encoding="utf-8").split("\n"):
        fields = line.split("\t")
        if len(fields) == 10:
            fields[9] = "|".join(i for i in fields[9].split("|") if not i.startswith("NER=")) or "_"
        lines.append("\t".join(fields))
    assert "\n".join(lines) == PUD.read_text(encoding="utf-8")
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        assert len(proj.document_ids()) > 100


def test_label_studio_export_of_real_files_is_valid_json(run, tmp_path):
    run("import", "p.db", DATA / "brat-bionlp-rel", "--extend-schema")
    assert run("export", "p.db", "-f", "labelstudio", "-o", "ls.json").exit_code == 0
    tasks = json.loads((tmp_path / "ls.json").read_text(encoding="utf-8"))
    results = [r for t in tasks for a in t["annotations"] for r in a["result"]]
    assert sum(r["type"] == "relation" for r in results) == 9
