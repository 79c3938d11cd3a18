"""Column files: the layout found or given (--columns), nested tags as a second layer, and the
source's tokens and POS/chunk columns kept through a round trip; every annotator's copy of a
document exported with the same tokens."""

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.model import AnnotatedDocument, Document, Span
from annotator.formats import registry
from annotator.formats.export import ExportOptions, ExportReport, export_documents
from annotator.store.bulk import import_records
from annotator.store.project import Project
from test_not_carried import GERMEVAL  # GermEval 2014's layout: index, token, outer and nested tags

CONLL2003 = """-DOCSTART- -X- -X- O

EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC
call NN I-NP O
. . O O

U.N. NNP I-NP B-ORG
official NN I-NP O
Ekeus NNP I-NP B-PER
heads VBZ I-VP O
for IN I-PP O
Baghdad NNP I-NP B-LOC
. . O O
"""

@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    CliRunner().invoke(cli, ["init", "p.db"])
    return lambda *args: CliRunner().invoke(cli, [str(a) for a in args])


def test_conll2003_comes_back_with_its_tokens_and_pos_and_chunk_columns(run, tmp_path):
    (tmp_path / "in.conll").write_text(CONLL2003, encoding="utf-8")
    assert run("import", "p.db", "in.conll").exit_code == 0
    result = run("export", "p.db", "-f", "conll", "-o", "out.conll")
    assert result.exit_code == 0, result.output
    written = (tmp_path / "out.conll").read_text(encoding="utf-8")
    # "U.N." stays one token with its POS and chunk; only the DOCSTART line's filler differs.
    assert written == CONLL2003.replace("-DOCSTART- -X- -X- O", "-DOCSTART- -X- O O") + "\n"


def test_a_token_the_export_cuts_loses_only_its_own_columns(run, tmp_path):
    (tmp_path / "in.conll").write_text(CONLL2003, encoding="utf-8")
    run("import", "p.db", "in.conll")
    with Project.open(tmp_path / "p.db") as proj:
        (doc_id,) = proj.document_ids()
        text = proj.text(doc_id)
        start = text.index("Baghdad")
        proj.add_span(Span("", doc_id, "annotator", "entity", "LOC", start, start + 4, {}))  # "Bagh"
    run("export", "p.db", "-f", "conll", "-o", "out.conll", "--annotator", "annotator")
    lines = (tmp_path / "out.conll").read_text(encoding="utf-8").split("\n")
    assert "Bagh _ _ B-LOC" in lines and "dad _ _ O" in lines
    assert "Ekeus NNP I-NP O" in lines and "heads VBZ I-VP O" in lines


def test_germeval_nested_tags_go_to_a_second_layer_and_export_as_a_second_column(run, tmp_path):
    (tmp_path / "g.tsv").write_text(GERMEVAL, encoding="utf-8")
    refused = run("import", "p.db", "g.tsv", "--format", "conll")
    assert refused.exit_code == 1 and "entity_nested" in refused.output and "--extend-schema" in refused.output
    assert run("import", "p.db", "g.tsv", "--format", "conll", "--extend-schema").exit_code == 0
    result = run("export", "p.db", "-f", "conll", "--layer", "entity", "--layer", "entity_nested", "-o", "out.conll")
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "out.conll").read_text(encoding="utf-8").split("\n")
    assert lines[0] == "-DOCSTART- -X- O O"  # the exact separator spaCy's converter splits on
    assert "Berlin _ _ B-ORG B-LOC" in lines and "GmbH _ _ I-ORG O" in lines
    assert "Deutschland _ _ B-LOC O" in lines


def test_columns_say_where_each_column_goes(run, tmp_path):
    (tmp_path / "g.tsv").write_text(GERMEVAL, encoding="utf-8")
    result = run("import", "p.db", "g.tsv", "--format", "conll", "--columns", "index,token,entity,entity")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        (doc_id,) = proj.document_ids()
        text = proj.text(doc_id)
        assert sorted((s.layer, text[s.start:s.end], s.label) for s in proj.spans(doc_id)) == \
            [("entity", "Berlin", "LOC"), ("entity", "Berlin GmbH", "ORG"), ("entity", "Deutschland", "LOC")]


@pytest.mark.parametrize("columns, expected", [
    ("token,pos,entity", "4 columns, but --columns names 3"),
    ("index,token,pos,chunk", "no tag column"),
    ("index,index,entity,entity", "exactly one column 'token'"),
    ("index,entity,token,entity", "column 2 should hold entity tags, but 'Aufgrund' is not"),
    ("index,token,,entity", "an empty column name"),
])
def test_columns_that_do_not_fit_are_refused_with_the_reason(run, tmp_path, columns, expected):
    (tmp_path / "g.tsv").write_text(GERMEVAL, encoding="utf-8")
    result = run("import", "p.db", "g.tsv", "--format", "conll", "--columns", columns)
    assert result.exit_code != 0 and expected in result.output, result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        assert proj.document_ids() == []


def test_columns_go_with_column_files_only(run, tmp_path):
    (tmp_path / "a.txt").write_text("نص", encoding="utf-8")
    result = run("import", "p.db", "a.txt", "--columns", "token,entity")
    assert result.exit_code == 2 and "--columns" in result.output


def test_a_column_file_with_the_tags_elsewhere_reads_with_columns(run, tmp_path):
    # Tags first, then the token: no layout to guess, --columns says it.
    (tmp_path / "t.conll").write_text("B-PER Ekeus\nO heads\nB-LOC Baghdad\n", encoding="utf-8")
    assert run("import", "p.db", "t.conll").exit_code == 1
    result = run("import", "p.db", "t.conll", "--columns", "entity,token")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        (doc_id,) = proj.document_ids()
        text = proj.text(doc_id)
        assert text == "Ekeus heads Baghdad"
        assert sorted(text[s.start:s.end] for s in proj.spans(doc_id)) == ["Baghdad", "Ekeus"]


# ----------------------------------------------------------------------------- one token stream per document


TEXT = "قال المتحدث باسم الخارجية لتركيا إن الوفد وصل."


def _span(annotator, n, word, label="ORG", cut=0):
    start = TEXT.index(word) + cut
    return Span(f"T{n}", "d", annotator, "entity", label, start, start + len(word) - cut, {})


def test_every_annotator_and_gold_get_the_same_tokens(project, tmp_path):
    # amal marks تركيا inside لتركيا; badr marks the whole word; gold marks الخارجية only.
    import_records(project, [
        AnnotatedDocument(Document("d", TEXT, {}), "amal", "done", [_span("amal", 1, "لتركيا", "GPE", cut=1)], []),
        AnnotatedDocument(Document("d", TEXT, {}), "badr", "done", [_span("badr", 1, "لتركيا", "GPE"),
                                                                    _span("badr", 2, "باسم الخارجية")], []),
        AnnotatedDocument(Document("d", TEXT, {}), "gold", "done", [_span("gold", 1, "الخارجية")], []),
    ])
    tokens = {}
    for annotator in ("amal", "badr", "gold"):
        out = tmp_path / f"{annotator}.conll"
        options = ExportOptions(annotator=annotator)
        report = ExportReport()
        registry.write("conll", export_documents(project, options, report), out, options, report, project)
        rows = [line.split(" ") for line in out.read_text(encoding="utf-8").split("\n")[2:] if line]
        tokens[annotator] = [r[0] for r in rows]
        if annotator == "amal":
            assert [n.action for n in report.notes] == ["split"]  # its own edge, said once
        else:
            assert report.notes == []  # cut at amal's edge, which is not theirs to report
    assert tokens["amal"] == tokens["badr"] == tokens["gold"]
    assert "ل" in tokens["gold"] and "تركيا" in tokens["gold"]
    # seqeval compares them token by token.
    seqeval = pytest.importorskip("seqeval.metrics")
    tags = {a: [[line.split(" ")[-1] for line in (tmp_path / f"{a}.conll").read_text(encoding="utf-8")
                 .split("\n")[2:] if line]] for a in tokens}
    assert seqeval.f1_score(tags["gold"], tags["badr"]) == pytest.approx(0.0)
    assert seqeval.f1_score(tags["amal"], tags["amal"]) == 1.0


def test_prodigy_tokens_are_kept_and_exported_again(run, tmp_path):
    import json

    text = "The U.N. and the F.B.I. met in Baghdad."
    words = ["The", "U.N.", "and", "the", "F.B.I.", "met", "in", "Baghdad", "."]
    tokens, at = [], 0
    for k, word in enumerate(words):
        start = text.index(word, at)
        tokens.append({"text": word, "start": start, "end": start + len(word), "id": k,
                       "ws": text[start + len(word):start + len(word) + 1] == " "})
        at = start + len(word)
    task = {"text": text, "tokens": tokens, "answer": "accept", "meta": {"id": "n1", "source": "wire"},
            "spans": [{"start": 4, "end": 8, "label": "ORG", "token_start": 1, "token_end": 1}]}
    (tmp_path / "p.jsonl").write_text(json.dumps(task) + "\n", encoding="utf-8")
    assert run("import", "p.db", "p.jsonl", "--format", "prodigy").exit_code == 0
    for fmt in ("prodigy", "conll"):
        assert run("export", "p.db", "-f", fmt, "-o", f"out.{fmt}").exit_code == 0
    record = json.loads((tmp_path / "out.prodigy").read_text(encoding="utf-8"))
    assert [(t["text"], t["start"], t["end"]) for t in record["tokens"]] == \
        [(t["text"], t["start"], t["end"]) for t in tokens]
    assert record["spans"][0]["token_start"] == 1 and record["spans"][0]["token_end"] == 1
    conll_tokens = [line.split(" ")[0] for line in (tmp_path / "out.conll").read_text(encoding="utf-8")
                    .split("\n")[2:] if line]
    assert conll_tokens == words


def test_spacy_convert_reads_our_conll_exports_one_layer_or_several(run, tmp_path):
    pytest.importorskip("spacy")
    from spacy.training.converters import conll_ner_to_docs

    (tmp_path / "g.tsv").write_text(GERMEVAL + "\n" + GERMEVAL.replace("Manfred", "Ecce"), encoding="utf-8")
    run("import", "p.db", "g.tsv", "--format", "conll", "--extend-schema")
    for layers, expected in ((["--layer", "entity"], [("Deutschland", "LOC"), ("Berlin GmbH", "ORG")]),
                             (["--layer", "entity", "--layer", "entity_nested"], [("Berlin", "LOC")])):
        assert run("export", "p.db", "-f", "conll", *layers, "-o", "s.conll").exit_code == 0
        docs = list(conll_ner_to_docs((tmp_path / "s.conll").read_text(encoding="utf-8"), n_sents=10,
                                      no_print=True))
        assert [(e.text, e.label_) for e in docs[0].ents] == expected * 2  # spaCy reads the last tag column


@pytest.mark.parametrize("nfc", [True, False])
def test_nfc_normalises_the_kept_rows_where_the_text_needed_nothing_and_in_jsonl_records(run, tmp_path, nfc):
    """--nfc normalises what a token source keeps even where the text is NFC already (a
    decomposed lemma beside composed forms), and in a JSONL record's kept sentences (a plain
    list, as an older export wrote them); without it they stay as written."""
    import json

    (tmp_path / "lemma.conllu").write_text(
        "# newdoc id = d1\n# note = a\t\u030cb\n# text = Café\n1\tCafé\tcafe\u0301\tPROPN\t_\t_\t0\troot\t_\t"
        "SpaceAfter=No\n\n",
        encoding="utf-8")
    record = {"id": "d2", "text": "Zoe\u0308 dort", "meta": {"conllu": {"sentences": [
        {"sent_id": "s1", "tokens": [[0, 4], [5, 9]], "comments": ["# text = Zoe\u0308 dort"],
         "rows": [["1", "Zoe\u0308", "Zoe\u0308", "PROPN", "_", "_", "2", "nsubj", "_", "_"],
                  ["2", "dort", "dormir", "VERB", "_", "_", "0", "root", "_", "SpaceAfter=No"]]}]}}}
    (tmp_path / "kept.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    options = ("--nfc",) if nfc else ()
    assert run("import", "p.db", "lemma.conllu", "kept.jsonl", *options).exit_code == 0
    result = run("export", "p.db", "-f", "conllu", "-o", "out.conllu")
    assert result.exit_code == 0, result.output
    out = (tmp_path / "out.conllu").read_text(encoding="utf-8")
    rows = [line.split("\t")[:3] for line in out.splitlines() if line[:1].isdigit()]
    zoe, cafe = ("Zo\u00eb", "caf\u00e9") if nfc else ("Zoe\u0308", "cafe\u0301")
    assert rows == [["1", "Café", cafe], ["1", zoe, zoe], ["2", "dort", "dormir"]]
    assert f"# text = {zoe} dort\n" in out
    assert ("not NFC" in result.output) is not nfc  # (the text of d2)
    # (a mark after a tab: NFC as it is; normalised as JSON text, "\t" would have taken it)
    assert "# note = a\t\u030cb\n" in out


@pytest.mark.parametrize("option", ["--nfc", "--normalize-newlines"])
def test_normalised_text_keeps_the_files_tokens_and_columns(run, tmp_path, option):
    # A decomposed é (e + U+0301) and ë: --nfc makes each one character, so every later
    # offset moves. The tokens the import keeps must move with the text: left in place, the
    # export wrote no POS column (the tokens no longer matched) and CoNLL-U read other words.
    # --newlines changes no offset of these files: the tokens stay as they were.
    (tmp_path / "nfd.conll").write_text(
        "Cafe\u0301 NN B-ORG\nde IN I-ORG\nParis NNP B-LOC\nest VB O\n\nZoe\u0308 NNP B-PER\ndort VB O\n",
        encoding="utf-8")
    (tmp_path / "nfd.conllu").write_text(
        "# newdoc id = d1\n# text = Cafe\u0301 de Zoe\u0308\n"
        "1\tCafe\u0301\tcafe\u0301\tPROPN\t_\t_\t0\troot\t_\tNER=B-ORG\n"
        "2\tde\tde\tADP\t_\t_\t3\tcase\t_\tNER=O\n"
        "3\tZoe\u0308\tZoe\u0308\tPROPN\t_\t_\t1\tnmod\t_\tNER=B-PER\n\n", encoding="utf-8")
    composed = option == "--nfc"
    cafe, zoe = ("Caf\u00e9", "Zo\u00eb") if composed else ("Cafe\u0301", "Zoe\u0308")
    assert run("import", "p.db", "nfd.conll", "--columns", "token,pos,entity", option).exit_code == 0
    assert run("init", "q.db").exit_code == 0
    assert run("import", "q.db", "nfd.conllu", option).exit_code == 0
    assert run("export", "p.db", "-f", "conll", "-o", "out.conll").exit_code == 0
    assert (tmp_path / "out.conll").read_text(encoding="utf-8").split("\n")[2:11] == [
        f"{cafe} NN _ B-ORG", "de IN _ I-ORG", "Paris NNP _ B-LOC", "est VB _ O", "",
        f"{zoe} NNP _ B-PER", "dort VB _ O", "", ""]
    assert run("export", "q.db", "-f", "conllu", "-o", "out.conllu").exit_code == 0
    rows = [line.split("\t") for line in (tmp_path / "out.conllu").read_text(encoding="utf-8").splitlines()
            if line[:1].isdigit()]
    # (a treebank's rows come back, lemma, UPOS and relations with them: before, --nfc lost
    # them all and wrote only the forms and tags; and with --nfc their strings are NFC as the
    # text is, which CoNLL-U requires: they came back as the file wrote them, and "# text" too)
    lemma = "caf\u00e9" if composed else "cafe\u0301"
    assert [(r[1], r[2], r[3], r[6], r[7], r[9]) for r in rows] == [
        (cafe, lemma, "PROPN", "0", "root", "NER=B-ORG"), ("de", "de", "ADP", "3", "case", "NER=O"),
        (zoe, zoe, "PROPN", "1", "nmod", "NER=B-PER")]
    assert f"# text = {cafe} de {zoe}\n" in (tmp_path / "out.conllu").read_text(encoding="utf-8")
