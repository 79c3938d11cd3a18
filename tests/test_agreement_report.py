"""Agreement over a project: which documents count, the numbers, links, the CLI outputs."""

import json

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.model import AnnotatedDocument, Document, Relation, Span
from annotator.store.bulk import import_records
from annotator.team.agreement import AgreementOptions, compute

TEXT = "قال المتحدث زكي أكتورك إن الشركة تلقت طلبات من تركيا ولبنان أمس."


def at(word):
    start = TEXT.index(word)
    return start, start + len(word)


def record(annotator, entities, status="done", doc="d1", quotes=(), relations=()):
    spans = [Span(f"E{n}", doc, annotator, "entity", label, *at(word), {}) for n, (label, word) in enumerate(entities)]
    spans += [Span(sid, doc, annotator, layer, label, *at(word), attrs) for sid, layer, label, word, attrs in quotes]
    rels = [Relation(f"R{n}", doc, annotator, label, a, b) for n, (label, a, b) in enumerate(relations)]
    return AnnotatedDocument(Document(doc, TEXT, {}), annotator, status, spans, rels)


AMAL = [("PER", "زكي أكتورك"), ("GPE", "تركيا"), ("GPE", "لبنان")]
KARIM = [("PER", "زكي أكتورك"), ("GPE", "تركيا ولبنان"), ("ORG", "الشركة")]


def test_span_f1_exact_and_overlap_and_token_measures(project):
    import_records(project, [record("amal", AMAL), record("karim", KARIM)])
    entity = compute(project)["layers"]["entity"]
    pair = entity["pairs"]["amal|karim"]
    assert pair["f1_exact"]["value"] == pytest.approx(2 * 1 / 6)
    assert pair["f1_overlap"]["value"] == pytest.approx(2 * 2 / 6)  # تركيا ~ تركيا ولبنان; لبنان unmatched
    assert (pair["f1_exact"]["matched"], pair["f1_exact"]["a"], pair["f1_exact"]["b"]) == (1, 3, 3)
    assert 0 < pair["kappa"]["value"] < 1 and 0 < pair["alpha_nominal"]["value"] < 1
    assert 0 < pair["alpha_u"]["value"] < 1
    assert entity["labels"]["PER"]["amal|karim"]["f1_exact"]["value"] == 1.0
    assert entity["labels"]["ORG"]["amal|karim"]["f1_exact"]["value"] == 0.0
    assert entity["overall"]["kappa"]["measure"] == "Cohen"


def test_identical_work_agrees_perfectly(project):
    import_records(project, [record("amal", AMAL), record("karim", AMAL)])
    pair = compute(project)["layers"]["entity"]["pairs"]["amal|karim"]
    for key in ("f1_exact", "f1_overlap", "alpha_u", "kappa", "alpha_nominal"):
        assert pair[key]["value"] == pytest.approx(1.0), key


def test_only_done_documents_count_unless_asked(project):
    import_records(project, [record("amal", AMAL), record("karim", KARIM, status="in progress")])
    report = compute(project)
    assert report["documents"] == 0 and "fewer than two annotators" in report["undefined"]
    assert compute(project, AgreementOptions(only_done=False))["documents"] == 1


def test_an_annotator_who_did_not_do_a_document_is_left_out_of_it(project):
    import_records(project, [record("amal", AMAL), record("karim", AMAL), record("amal", AMAL, doc="d2"),
                             record("layla", [], doc="d2"), record("layla", AMAL, doc="d3"),
                             record("karim", AMAL, doc="d3")])
    report = compute(project)
    pairs = report["layers"]["entity"]["pairs"]
    assert pairs["amal|karim"]["documents"] == 1 and pairs["amal|karim"]["f1_exact"]["value"] == 1.0
    # layla did d2 and marked nothing: rated, so all of amal's spans there disagree.
    assert pairs["amal|layla"]["f1_exact"]["value"] == 0.0
    overall = report["layers"]["entity"]["overall"]
    assert overall["kappa"]["measure"] == "Fleiss"
    assert overall["documents_all_annotators"] == 0 and overall["alpha_u"]["value"] is None
    assert overall["f1_exact"]["pairs"] == 3


def test_undefined_measures_say_why(project):
    import_records(project, [record("amal", []), record("karim", [])])
    pair = compute(project)["layers"]["entity"]["pairs"]["amal|karim"]
    assert pair["f1_exact"]["value"] is None and "neither annotator" in pair["f1_exact"]["undefined"]
    assert pair["kappa"]["value"] is None and "one category" in pair["kappa"]["undefined"]
    assert pair["alpha_u"]["value"] is None


def test_links_and_quote_type_of_matched_quotes(project):
    quotes_a = [("Q1", "quote", "QUOTE", "الشركة تلقت طلبات", {"type": "indirect"}),
                ("S1", "speaker", "SPEAKER", "المتحدث زكي أكتورك", {}), ("C1", "cue", "CUE", "قال", {})]
    quotes_b = [("Q1", "quote", "QUOTE", "الشركة تلقت طلبات من تركيا", {"type": "direct"}),
                ("S1", "speaker", "SPEAKER", "زكي أكتورك", {}), ("C1", "cue", "CUE", "قال", {})]
    import_records(project, [
        record("amal", [], quotes=quotes_a, relations=[("said_by", "Q1", "S1"), ("cued_by", "Q1", "C1")]),
        record("karim", [], quotes=quotes_b, relations=[("said_by", "Q1", "S1")]),
    ])
    report = compute(project)
    assert report["links"]["said_by"]["pairs"]["amal|karim"]["value"] == 1.0  # overlapping speakers
    assert report["links"]["cued_by"]["pairs"]["amal|karim"]["value"] == 0.0  # one linked a cue, one did not
    assert report["attributes"]["quote.type"]["amal|karim"]["observed"] == 0.0


def test_cli_json_keys_table_and_html(tmp_path, sample_jsonl, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["init", "p.db"]).exit_code == 0
    assert runner.invoke(cli, ["import", "p.db", str(sample_jsonl)]).exit_code == 0
    result = runner.invoke(cli, ["agreement", "p.db", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for layer in ("segment", "entity", "quote", "speaker", "cue"):
        for scope in (data["layers"][layer]["pairs"]["amal|karim"], data["layers"][layer]["overall"]):
            assert {"f1_exact", "f1_overlap", "alpha_u", "kappa", "alpha_nominal"} <= set(scope)
    table = runner.invoke(cli, ["agreement", "p.db", "--layer", "entity", "--report", "r.html"])
    assert table.exit_code == 0 and "amal × karim" in table.output and "F1 overlap" in table.output
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") >= 2 and "amal|karim" in page


def test_documents_ranked_worst_first(project):
    from annotator.team.agreement import document_disagreements

    import_records(project, [record("amal", AMAL), record("karim", KARIM), record("amal", AMAL, doc="d2"),
                             record("karim", AMAL, doc="d2")])
    ranking = document_disagreements(project, "entity")
    assert [doc for doc, _, _, _ in ranking] == ["d1", "d2"]
    assert ranking[0][1] == pytest.approx(2 * 2 / 6) and ranking[1][1] == 1.0


def test_every_annotators_alpha_u_is_alpha_u_of_the_documents_concatenated(project):
    # The report measures each pair once per document and sums the pairs for all annotators;
    # this holds that sum (and each annotator's gaps carried across documents) to α_U computed
    # from scratch on one continuum, three annotators, a document one of them skipped.
    from annotator.core.agreement import alpha_u
    layla = [("PER", "المتحدث"), ("GPE", "تركيا"), ("PER", "زكي")]
    docs = {"d1": {"amal": AMAL, "karim": KARIM, "layla": layla},
            "d2": {"amal": KARIM, "karim": [], "layla": AMAL},
            "d3": {"amal": layla, "karim": AMAL}}
    import_records(project, [record(name, spans, doc=doc) for doc, by in docs.items() for name, spans in by.items()])
    overall = compute(project)["layers"]["entity"]["overall"]
    units = [[], [], []]
    offset = 0
    for doc in ("d1", "d2"):  # the documents all three did
        for r, name in enumerate(("amal", "karim", "layla")):
            for label, word in docs[doc][name]:
                start, end = at(word)
                units[r].append((label, offset + start, end - start))
        offset += len(TEXT)
    expected, _per_label = alpha_u(0, offset, units)
    assert overall["documents_all_annotators"] == 2
    assert overall["alpha_u"]["value"] == pytest.approx(expected.value, abs=1e-6)
