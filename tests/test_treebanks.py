"""Treebanks stay treebanks: a CoNLL-U file imported and exported gives back every line, with
entities on syntactic words (also inside multiword tokens), under the MISC key asked for."""

import re
from pathlib import Path

import pytest

from annotator.core.model import Span
from annotator.formats import registry
from annotator.formats.conllu import word_pieces
from annotator.formats.export import ExportOptions, ExportReport, export_documents
from annotator.store.bulk import import_records

DATA = Path(__file__).parent / "data"
PADT = DATA / "ud-arabic-padt" / "assabah.20041005.0017.conllu"
PUD = Path(__file__).resolve().parents[2] / "shared" / "data" / "ud-arabic-pud" / "ar_pud-ud-test.conllu"
DOC = "assabah.20041005.0017"


@pytest.fixture
def run(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from annotator.cli import cli

    monkeypatch.chdir(tmp_path)
    return lambda *args: CliRunner().invoke(cli, [str(a) for a in args])


def imported(project, path=PADT, misc_key=None, annotator="ud"):
    report = import_records(project, registry.readers("conllu", "", misc_key=misc_key)([path], project.schema,
                                                                                         annotator))
    return report


def export(project, out, **options):
    opts = ExportOptions(annotator=options.pop("annotator", None), **options)
    report = ExportReport()
    registry.write("conllu", export_documents(project, opts, report), out, opts, report, project)
    return report


def add(project, label, word, occurrence=1, annotator="ud"):
    text = project.text(DOC)
    start = -1
    for _ in range(occurrence):
        start = text.index(word, start + 1)
    return project.add_span(Span("", DOC, annotator, "entity", label, start, start + len(word), {}))


def without_key(text, key):
    """The file with the MISC items of ``key`` taken out (and an emptied MISC as '_')."""
    out = []
    for line in text.split("\n"):
        fields = line.split("\t")
        if len(fields) == 10:
            items = [i for i in fields[9].split("|") if not i.startswith(key + "=")]
            fields[9] = "|".join(items) or "_"
            line = "\t".join(fields)
        out.append(line)
    return "\n".join(out)


def rows(text):
    return [line.split("\t") for line in text.split("\n") if line and not line.startswith("#")]


def test_a_treebank_comes_back_line_for_line_but_the_entity_key(project, tmp_path):
    imported(project)
    export(project, tmp_path / "out.conllu")
    written = (tmp_path / "out.conllu").read_text(encoding="utf-8")
    assert without_key(written, "NER") == PADT.read_text(encoding="utf-8")
    # Every syntactic word carries a tag, ranges and empty nodes none.
    for fields in rows(written):
        assert ("NER=" in fields[9]) == fields[0].isdigit()


@pytest.mark.parametrize("surface, forms, pieces", [
    ("بموجبه", ["ب", "موجب", "ه"], [(0, 1), (1, 5), (5, 6)]),
    ("للحكومة", ["ل", "الحكومة"], [(0, 1), (1, 7)]),  # the article's alef is not written
    ("والاعلام", ["و", "الإعلام"], [(0, 1), (1, 8)]),
    ("منصبيها", ["منصبي", "ها"], [(0, 5), (5, 7)]),
    ("vámonos", ["vamos", "nos"], [(0, 4), (4, 7)]),
    ("abc", ["x", "y", "z"], None),  # two words left in the middle: ambiguous
    ("ab", ["ab", "c"], None),
])
def test_words_are_found_inside_multiword_tokens(surface, forms, pieces):
    assert word_pieces(surface, forms) == pieces


def test_entities_sit_on_syntactic_words_inside_multiword_tokens_and_come_back(project, tmp_path):
    imported(project)
    add(project, "ORG", "لحكومة")  # للحكومة = ل + الحكومة: the second word
    add(project, "PER", "بشار الاسد")
    add(project, "LOC", "سوريا")
    add(project, "ORG", "الاعلام")  # والاعلام = و + الإعلام
    export(project, tmp_path / "out.conllu")
    written = (tmp_path / "out.conllu").read_text(encoding="utf-8")
    tags = {(f[0], f[1]): re.search(r"NER=([^|]+)", f[9]).group(1) for f in rows(written) if f[0].isdigit()}
    assert tags[("34", "ل")] == "O" and tags[("35", "الحكومة")] == "B-ORG"
    assert tags[("10", "بشار")] == "B-PER" and tags[("11", "الاسد")] == "I-PER"
    assert tags[("22", "و")] == "O" and tags[("23", "الإعلام")] == "B-ORG"
    assert tags[("1", "سوريا")] == "B-LOC"
    ranges = [f for f in rows(written) if "-" in f[0]]
    assert all("NER" not in f[9] for f in ranges)
    # And back: the same characters, read from the words' tags.
    conllu = pytest.importorskip("conllu")
    assert len(conllu.parse(written)) == 2
    from annotator.store.project import Project
    copy = Project.create(tmp_path / "copy.db")
    imported(copy, tmp_path / "out.conllu")
    text = copy.text(DOC)
    assert sorted((s.label, text[s.start:s.end]) for s in copy.spans(DOC)) == \
        sorted([("ORG", "لحكومة"), ("PER", "بشار الاسد"), ("LOC", "سوريا"), ("ORG", "الاعلام")])
    copy.close()


def test_a_span_edge_inside_a_treebank_word_takes_the_whole_word_and_says_so(project, tmp_path):
    imported(project)
    add(project, "ORG", "حكوم")  # inside الحكومة
    report = export(project, tmp_path / "out.conllu")
    assert [n.action for n in report.notes] == ["expanded"]
    written = (tmp_path / "out.conllu").read_text(encoding="utf-8")
    assert without_key(written, "NER") == PADT.read_text(encoding="utf-8")  # no word was cut
    assert "\tNER=B-ORG" not in written and "|NER=B-ORG" in written


def test_spacy_reads_our_entities_with_misc_key_ne(project, tmp_path):
    pytest.importorskip("spacy")
    from spacy.training.converters import conllu_to_docs

    imported(project)
    add(project, "PER", "بشار الاسد")
    add(project, "ORG", "لحكومة")
    export(project, tmp_path / "ne.conllu", misc_key="NE")
    written = (tmp_path / "ne.conllu").read_text(encoding="utf-8")
    assert "NER=" not in written and "|NE=B-PER" in written
    docs = list(conllu_to_docs(written, n_sents=1, no_print=True))
    ents = [(e.text, e.label_) for doc in docs for e in doc.ents]
    assert ("بشار الاسد", "PER") in ents and ("الحكومة", "ORG") in ents
    # Read back by the same key, or by default (NE is one of the keys looked for).
    from annotator.store.project import Project
    for key in ("NE", None):
        copy = Project.create(tmp_path / f"copy-{key}.db")
        imported(copy, tmp_path / "ne.conllu", misc_key=key)
        text = copy.text(DOC)
        assert sorted(text[s.start:s.end] for s in copy.spans(DOC)) == ["بشار الاسد", "لحكومة"]
        copy.close()


def test_an_unknown_misc_key_reads_no_entities(project, tmp_path):
    path = tmp_path / "x.conllu"
    path.write_text("# sent_id = 1\n# text = زار تركيا\n1\tزار\t_\t_\t_\t_\t_\t_\t_\tNER=O\n"
                    "2\tتركيا\t_\t_\t_\t_\t_\t_\t_\tNER=B-LOC|Ent=B-PER\n\n", encoding="utf-8")
    imported(project, path, misc_key="Ent")
    assert [s.label for s in project.spans("x-1")] == ["PER"]


def test_the_cli_exports_a_treebank_for_spacy(run, tmp_path):
    assert run("init", "p.db").exit_code == 0
    assert run("import", "p.db", PADT).exit_code == 0
    result = run("export", "p.db", "-f", "conllu", "--misc-key", "NE", "-o", "out.conllu")
    assert result.exit_code == 0, result.output
    assert without_key((tmp_path / "out.conllu").read_text(encoding="utf-8"), "NE") == \
        PADT.read_text(encoding="utf-8")
    bad = run("export", "p.db", "-f", "conllu", "--misc-key", "N E", "-o", "bad.conllu")
    assert bad.exit_code == 2 and "--misc-key" in bad.output


@pytest.mark.skipif(not PUD.exists(), reason="shared/data/ud-arabic-pud is not beside the repository")
def test_ud_arabic_pud_comes_back_line_for_line(project, tmp_path):
    imported(project, PUD)
    export(project, tmp_path / "pud.conllu")
    assert without_key((tmp_path / "pud.conllu").read_text(encoding="utf-8"), "NER") == \
        PUD.read_text(encoding="utf-8")


def test_labels_spacy_cannot_read_after_ne_are_named_once(run, tmp_path):
    assert run("init", "p.db").exit_code == 0
    assert run("import", "p.db", PADT).exit_code == 0
    from annotator.core.schema import SchemaDeclaration, extend_schema
    from annotator.store.project import Project

    with Project.open(tmp_path / "p.db") as proj:
        schema, _ = extend_schema(proj.schema, [], [SchemaDeclaration("test", labels=[("entity", "Person")])])
        proj.set_schema(schema)
        add(proj, "Person", "بشار الاسد")
        add(proj, "PER", "سوريا")
    result = run("export", "p.db", "-f", "conllu", "--misc-key", "NE", "-o", "ne.conllu")
    assert result.exit_code == 0, result.output
    assert result.output.count("reads only labels of A-Z and _ after NE=: Person") == 1


NO_TEXT = """# sent_id = s1
1\tدمشق\tدمشق\tPROPN\t_\t_\t0\troot\t_\tSpaceAfter=No
2\t:\t:\tPUNCT\t_\t_\t1\tpunct\t_\t_
3-4\tللحكومة\t_\t_\t_\t_\t_\t_\t_\tNER=B-ORG
3\tل\tل\tADP\t_\t_\t4\tcase\t_\t_
4\tالحكومة\tحكومة\tNOUN\t_\t_\t1\tnmod\t_\t_

"""


def test_a_sentence_without_text_is_rebuilt_and_a_tag_on_a_range_line_is_read(project, tmp_path):
    source = tmp_path / "old.conllu"
    source.write_text(NO_TEXT, encoding="utf-8")
    imported(project, source)
    (doc_id,) = project.document_ids()
    text = project.text(doc_id)
    assert text == "دمشق: للحكومة"
    (span,) = project.spans(doc_id)
    assert (span.label, text[span.start:span.end]) == ("ORG", "للحكومة")  # the whole token: its range was tagged
    export(project, tmp_path / "out.conllu")
    written = (tmp_path / "out.conllu").read_text(encoding="utf-8")
    assert "# text" not in written  # line for line: the file had none
    lines = {f[0]: f for f in rows(written)}
    assert lines["3-4"][9] == "_"  # the tag moved from the range line ...
    assert lines["3"][9] == "NER=B-ORG" and lines["4"][9] == "NER=I-ORG"  # ... onto its words


def test_a_bioes_single_tag_on_a_range_line_is_one_span(project, tmp_path):
    source = tmp_path / "s.conllu"
    source.write_text(NO_TEXT.replace("NER=B-ORG", "NER=S-ORG"), encoding="utf-8")
    imported(project, source)
    (doc_id,) = project.document_ids()
    (span,) = project.spans(doc_id)
    assert project.text(doc_id)[span.start:span.end] == "للحكومة"


def test_a_decomposed_treebank_imported_with_nfc_exports_as_the_composed_one(run, tmp_path):
    """The CoNLL-U export asks for --nfc when a text is not NFC (CoNLL-U requires it). A
    treebank written decomposed (NFD: every hamza and madda on its alef as a mark after it,
    as some tools write Arabic) and imported with --nfc exports what the composed file
    exports: its rows, "# text" and other comments normalised with the text (they were written
    back as the file had them), its tokens moved."""
    import unicodedata

    source = PADT.read_text(encoding="utf-8")
    decomposed = unicodedata.normalize("NFD", source)
    assert decomposed != source and unicodedata.is_normalized("NFC", source)
    (tmp_path / "nfd.conllu").write_text(decomposed, encoding="utf-8")
    for name, path, options in (("composed", PADT, ()), ("nfd", tmp_path / "nfd.conllu", ("--nfc",))):
        assert run("init", f"{name}.db").exit_code == 0
        assert run("import", f"{name}.db", path, *options).exit_code == 0
        result = run("export", f"{name}.db", "-f", "conllu", "-o", f"{name}.out.conllu")
        assert result.exit_code == 0 and "not NFC" not in result.output, result.output
    exported = (tmp_path / "nfd.out.conllu").read_text(encoding="utf-8")
    assert exported == (tmp_path / "composed.out.conllu").read_text(encoding="utf-8")
    assert "# text = " in exported and exported.count("\n") > 40
