"""INCEpTION both ways: UIMA CAS XMI (dkpro-cassis) and WebAnno TSV 3.3, exact round trips of
hard documents, and INCEpTION's own test files read with what they hold or reported."""

import io
import warnings
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import UNEXPECTED_FAILURE, cli
from annotator.core.model import AnnotatedDocument, Document, Relation, Span
from annotator.formats.webanno_tsv import escape_value, split_unescaped, unescape_value
from annotator.store.bulk import import_records
from annotator.store.project import Project

DATA = Path(__file__).parent / "data" / "inception"
# An emoji before the spans (UTF-16 offsets differ), a sub-word entity, overlapping layers,
# relations within and across layers, a "type" attribute (a reserved name in cassis), a line
# break inside a span, and text between sentences that is more than one space.
TEXT = "قال المتحدث زكي أكتورك 😀 إن «الشركة تلقت طلبات لتركيا» أمس.\n\nوأكد أن IDEF 2025 نجح.  "


def at(word, occurrence=1):
    start = -1
    for _ in range(occurrence):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def record(annotator, doc_id="hard"):
    spans = [
        Span("T1", doc_id, annotator, "speaker", "SPEAKER", *at("المتحدث زكي أكتورك"), {"name": "زكي أكتورك"}),
        Span("T2", doc_id, annotator, "entity", "PER", *at("زكي أكتورك"), {}),
        Span("T3", doc_id, annotator, "quote", "QUOTE", *at("الشركة تلقت طلبات لتركيا"), {"type": "direct"}),
        Span("T4", doc_id, annotator, "entity", "GPE", *at("تركيا"), {}),
        Span("T5", doc_id, annotator, "cue", "CUE", *at("قال"), {}),
        Span("T6", doc_id, annotator, "entity", "MISC", *at("IDEF 2025"), {}),
        Span("T7", doc_id, annotator, "segment", "BODY", 0, TEXT.index("نجح.") + 4, {}),
        Span("T8", doc_id, annotator, "cue", "CUE", *at("وأكد"), {}),
    ]
    relations = [Relation("R1", doc_id, annotator, "said_by", "T3", "T1"),
                 Relation("R2", doc_id, annotator, "cued_by", "T3", "T5"),
                 Relation("R3", doc_id, annotator, "refers_to", "T1", "T2")]
    return AnnotatedDocument(Document(doc_id, TEXT, {}), annotator, "done", spans, relations)


def content(project):
    out = {}
    for doc_id in project.document_ids():
        text = project.text(doc_id)
        for annotator in project.annotators():
            spans = {s.id: s for s in project.spans(doc_id, annotator)}
            key = {i: (s.layer, s.label, s.start, s.end, text[s.start:s.end]) for i, s in spans.items()}
            out[(doc_id, annotator)] = (
                text,
                sorted((*key[i], tuple(sorted(s.attrs.items()))) for i, s in spans.items()),
                sorted((r.label, key[r.from_id], key[r.to_id]) for r in project.relations(doc_id, annotator)))
    return out


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return lambda *args: CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def team(tmp_path):
    with Project.create(tmp_path / "p.db") as proj:
        import_records(proj, [record("amal"), record("karim"), record("gold"),
                              AnnotatedDocument(Document("plain", "نص لم يعلّم عليه أحد.", {}), None, None, [], [])])
        yield content(proj)


@pytest.mark.parametrize("fmt", ["inception-xmi", "webanno-tsv"])
def test_a_team_project_goes_to_inception_and_back_exactly(run, tmp_path, team, fmt):
    result = run("export", "p.db", "-f", fmt, "-o", "out")
    assert result.exit_code == 0, result.output
    suffix = ".xmi" if fmt == "inception-xmi" else ".tsv"
    files = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob(f"*{suffix}"))
    # The layout of an INCEpTION project export: annotators by name, gold as the curation.
    assert files == [f"annotation/hard/amal{suffix}", f"annotation/hard/karim{suffix}",
                     f"curation/hard/CURATION_USER{suffix}", f"source/plain{suffix}"]
    assert run("init", "back.db").exit_code == 0
    result = run("import", "back.db", "out")
    assert result.exit_code == 0, result.output
    assert "Left out or changed" not in result.output
    with Project.open(tmp_path / "back.db", readonly=True) as proj:
        assert sorted(proj.document_ids()) == ["hard", "plain"]
        assert content(proj) == team


def test_webanno_tsv_keeps_sub_word_spans_as_sub_tokens_in_utf16(run, tmp_path, team):
    run("export", "p.db", "-f", "webanno-tsv", "-o", "out", "--annotator", "amal")
    tsv = (tmp_path / "out" / "annotation" / "hard" / "amal.tsv").read_text(encoding="utf-8")
    rows = {line.split("\t")[2]: line.split("\t") for line in tsv.split("\n") if line[:1].isdigit()}
    start16 = TEXT.index("لتركيا") + 1  # one astral character (the emoji) before: +1 in UTF-16
    assert rows["لتركيا"][1] == f"{start16}-{start16 + 6}"
    sub = rows["تركيا"]
    assert sub[0].count(".") == 1 and sub[1] == f"{start16 + 1}-{start16 + 6}"  # the row 1-N.1
    assert tsv.startswith("#FORMAT=WebAnno TSV 3.3\n#T_SP=")
    assert "\n#T_RL=webanno.custom.SaidBy|label|BT_uima.tcas.Annotation\n" in tsv


def test_cassis_reads_our_xmi_with_our_type_system(run, tmp_path, team):
    import cassis

    run("export", "p.db", "-f", "inception-xmi", "-o", "out")
    with (tmp_path / "out" / "TypeSystem.xml").open("rb") as f, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cassis renames the accessor of the feature "type" to type_
        ts = cassis.load_typesystem(f)
    with (tmp_path / "out" / "annotation" / "hard" / "amal.xmi").open("rb") as f:
        cas = cassis.load_cas_from_xmi(f, typesystem=ts)
    assert cas.sofa_string == TEXT
    entities = sorted((e.get_covered_text(), e.value) for e in
                      cas.select("de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"))
    assert entities == sorted([("زكي أكتورك", "PER"), ("تركيا", "GPE"), ("IDEF 2025", "MISC")])
    (quote,) = cas.select("webanno.custom.Quote")
    assert quote.get("label") == "QUOTE" and quote.get("type_") == "direct"
    (link,) = cas.select("webanno.custom.SaidBy")
    assert link.Governor.get_covered_text() == "الشركة تلقت طلبات لتركيا"
    assert link.Dependent.get_covered_text() == "المتحدث زكي أكتورك"
    assert len(cas.select("de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token")) > 10
    xmi = (tmp_path / "out" / "annotation" / "hard" / "amal.xmi").read_text(encoding="utf-8")
    assert ' type="direct"' in xmi  # the feature's real name, not cassis's Python accessor


def test_an_inception_zip_of_one_document_imports(run, tmp_path, team):
    run("export", "p.db", "-f", "inception-xmi", "-o", "out", "--annotator", "amal")
    archive = tmp_path / "hard.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(tmp_path / "out" / "annotation" / "hard" / "amal.xmi", "hard.xmi")
        z.write(tmp_path / "out" / "TypeSystem.xml", "TypeSystem.xml")
    run("init", "z.db")
    result = run("import", "z.db", archive, "--format", "inception-xmi", "--annotator", "amal")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "z.db", readonly=True) as proj:
        assert content(proj)[("hard", "amal")] == team[("hard", "amal")]


def test_a_zipped_project_export_is_read_in_place(run, tmp_path, team, monkeypatch):
    """INCEpTION's project export is one zip: exportedproject*.json, annotation/<document>/
    <user>.zip (each a zip of one XMI and its TypeSystem.xml), curation/<document>/
    CURATION_USER.zip, source/ and annotation_ser/. It was refused as "a zip of INCEpTION's XMI
    holds one .xmi file"; it is read as its folder would be, the per-user zips included."""
    run("export", "p.db", "-f", "inception-xmi", "-o", "out")
    out = tmp_path / "out"
    typesystem = (out / "TypeSystem.xml").read_bytes()

    def one_document(xmi: Path, name: str) -> bytes:
        inner = io.BytesIO()
        with zipfile.ZipFile(inner, "w") as z:
            z.writestr(name, xmi.read_bytes())
            z.writestr("TypeSystem.xml", typesystem)
        return inner.getvalue()

    archive = tmp_path / "project.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("exportedproject4.json", "{}")
        for xmi in sorted(out.rglob("*.xmi")):
            relative = xmi.relative_to(out)
            if relative.parts[0] == "source":
                z.writestr(f"source/{xmi.stem}.txt", "")  # the document as uploaded
                continue
            document = relative.parts[1]
            z.writestr(f"{relative.parts[0]}/{document}/{xmi.stem}.zip", one_document(xmi, f"{document}.xmi"))
            z.writestr(f"annotation_ser/{document}/{xmi.stem}.ser", b"\x00binary")
    run("init", "z.db")
    result = run("import", "z.db", archive, "--format", "inception-xmi")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "z.db", readonly=True) as proj:
        assert {key: value for key, value in content(proj).items() if key[0] != "plain"} == \
            {key: value for key, value in team.items() if key[0] != "plain"}
    # A member that would unpack to more than is read is refused by name, nothing imported.
    with zipfile.ZipFile(archive, "a") as z:
        z.writestr("annotation/huge/amal.xmi", "x")
    monkeypatch.setattr("annotator.formats.inception.MEMBER_LIMIT", 0)
    run("init", "y.db")
    refused = run("import", "y.db", archive, "--format", "inception-xmi")
    assert refused.exit_code == 1 and "unpacks to" in refused.output


# ----------------------------------------------------------------------------- INCEpTION's own files

TSV = DATA / "tsv"


@pytest.mark.parametrize("name, text, spans, relations, notes", [
    ("testMultiTokenSpanWithFeatureValue", "This is a test .", [("PERSON", "This is a test .")], 0, []),
    ("testCrossSentenceSpanWithFeatureValue", "He loves her .\nShe loves him not .",
     [("PERSON", "He loves her .\nShe loves him not .")], 0, []),
    ("testSentenceWithEmoji", "I like it 😊 .", [("Span", "😊")], 0, ["without a value"]),
    ("testSentenceWithLineBreak", "This is\na test .", [("Span", "This")], 0, ["without a value"]),
    ("testSentenceWithTab", "This is\ta test .", [("Span", "This")], 0, ["without a value"]),
    ("testSubMultiTokenSpanWithoutFeatureValue2", "This is a test .", [("Span", "his i")], 0, []),
    ("testTokenBoundedStackedSpanWithFeatureValue", "This is a test .",
     [("NE", w) for w in ("This", "is", "a", "test", ".")], 0, ["identical duplicate"]),
    ("testTokenBoundedSpanWithUnderscoreFeatureValue", "This is a test .",
     [("_", w) for w in ("This", "is", "a", "test", ".")], 0, []),
    ("testSingleNonTokenRelationWithoutFeature", "This is a test .", [("Span", "This"), ("Span", ".")], 1, []),
    ("docs-relation-disambiguation", "This is a test .", [("NamedEntity", "This"), ("NamedEntity", ".")], 1,
     ["identical duplicate"]),
    ("testDependencyWithValues", "This is a test .", [], 0,
     ["2 de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS annotation(s) not carried",
      "Dependency (links annotations that were not imported)"]),
    ("testSingleTokenRelationWithMultipleFeatureValues", "This is a test .", [], 0,
     ["ComplexRelation (links annotations that were not imported)"]),
])
def test_inception_test_suite_files_import_with_what_they_hold(run, tmp_path, name, text, spans, relations, notes):
    run("init", "p.db")
    result = run("import", "p.db", TSV / f"{name}.tsv", "--extend-schema", "--report", "report.tsv")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        (doc_id,) = proj.document_ids()
        assert proj.text(doc_id) == text
        found = proj.spans(doc_id)
        assert sorted((s.label, text[s.start:s.end]) for s in found) == sorted(spans)
        assert len(proj.relations(doc_id)) == relations
    report = (tmp_path / "report.tsv").read_text(encoding="utf-8") if notes else ""
    for note in notes:
        assert note in report


def test_labels_that_cannot_be_names_are_refused_with_the_file_and_a_suggestion(run, tmp_path):
    run("init", "p.db")
    for path in (TSV / "testTokenBoundedSpanWithFeatureValue.tsv", DATA / "xmi" /
                 "testTokenBoundedSpanWithFeatureValue.xmi"):
        result = run("import", "p.db", path, "--extend-schema")
        assert result.exit_code == 1 and str(path) in result.output and "'NE 0'" in result.output
        assert "'NE_0'" in result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        assert proj.document_ids() == []


def test_inception_xmi_without_a_type_system_reads_dkpro_types_and_reports_the_rest(run, tmp_path):
    run("init", "p.db")
    result = run("import", "p.db", DATA / "xmi" / "testSingleTokenRelationWithFeatureValue.xmi")
    assert result.exit_code == 0, result.output
    assert "no TypeSystem.xml beside it" in result.output and "1 webanno.custom.Relation" in result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        assert proj.text("doc") == "This is a test ."  # DocumentMetaData's id, read without a type system


def test_a_hostile_xmi_entity_is_not_expanded(run, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    xmi = tmp_path / "x.xmi"
    xmi.write_text(f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "{secret.as_uri()}">]>'
                   '<xmi:XMI xmlns:xmi="http://www.omg.org/XMI" xmlns:cas="http:///uima/cas.ecore" xmi:version="2.0">'
                   '<cas:Sofa xmi:id="1" sofaNum="1" sofaID="_InitialView" mimeType="text" sofaString="a &e; b"/>'
                   '</xmi:XMI>', encoding="utf-8")
    run("init", "p.db")
    run("import", "p.db", xmi)
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        assert all("TOP SECRET" not in proj.text(d) for d in proj.document_ids())


@pytest.mark.parametrize("value", ["plain", "a_b", "x|y", "[1]", "*", "_", "a->b", "c;d", "back\\slash", "tab\there",
                                   "line\nbreak"])
def test_feature_values_escape_and_come_back(value):
    escaped = escape_value(value)
    assert "\t" not in escaped and "\n" not in escaped.replace("\\\n", "")
    assert split_unescaped(escaped + "|" + escaped, "|") == [escaped, escaped]
    assert unescape_value(escaped) == value


def test_an_export_folder_that_is_not_empty_is_refused(run, tmp_path, team):
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine", encoding="utf-8")
    result = run("export", "p.db", "-f", "webanno-tsv", "-o", "out")
    assert result.exit_code == 1 and "not an empty folder" in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["keep.txt"]


NASTY = "سطر أول\r\nفيه\tجدولة و[قوس] | خط _ و* ->؛ ونجمة\n\n\nوآخر 😀 \\ بعد شرطة مائلة"


@pytest.mark.parametrize("fmt", ["inception-xmi", "webanno-tsv"])
def test_escapes_line_endings_and_odd_values_come_back(run, tmp_path, fmt):
    def at(word):
        start = NASTY.index(word)
        return start, start + len(word)

    spans = [Span("T1", "n", "amal", "quote", "QUOTE", *at("فيه\tجدولة و[قوس]"), {"type": "direct"}),
             Span("T2", "n", "amal", "speaker", "SPEAKER", *at("خط _ و*"), {"name": "a|b [1] _ * -> ; \\ x"}),
             Span("T3", "n", "amal", "entity", "MISC", *at("😀"), {}),
             Span("T4", "n", "amal", "cue", "CUE", *at("سطر أول\r\nفيه"), {})]
    with Project.create(tmp_path / "n.db") as proj:
        import_records(proj, [AnnotatedDocument(Document("n", NASTY, {}), "amal", "done", spans,
                                                [Relation("R1", "n", "amal", "said_by", "T1", "T2")])])
        before = content(proj)
    assert run("export", "n.db", "-f", fmt, "-o", "out").exit_code == 0
    run("init", "back.db")
    result = run("import", "back.db", "out")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "back.db", readonly=True) as proj:
        assert content(proj) == before


def test_what_webanno_tsv_cannot_hold_is_said(run, tmp_path):
    with Project.create(tmp_path / "w.db") as proj:
        import_records(proj, [AnnotatedDocument(Document("blank", "   \n  ", {})),
                              AnnotatedDocument(Document("lead", "\n\nنص قصير.", {}))])
    result = run("export", "w.db", "-f", "webanno-tsv", "-o", "out")
    assert result.exit_code == 0, result.output
    assert "blank: a text of white space only is written as an empty document" in result.output
    assert "lead: the 2 white space character(s) before the first word come back as spaces" in result.output


@pytest.mark.parametrize("fmt, suffix", [("inception-xmi", ".xmi"), ("webanno-tsv", ".tsv")])
def test_inceptions_initial_cas_is_nobodys_work(run, tmp_path, team, fmt, suffix):
    run("export", "p.db", "-f", fmt, "-o", "out")
    (tmp_path / "out" / "annotation" / "hard" / f"amal{suffix}").rename(
        tmp_path / "out" / "annotation" / "hard" / f"INITIAL_CAS{suffix}")
    run("init", "back.db")
    result = run("import", "back.db", "out", "--annotator", "pre")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "back.db", readonly=True) as proj:
        assert sorted(proj.annotators()) == ["gold", "karim", "pre"]  # no user called INITIAL_CAS


@pytest.mark.parametrize("fmt", ["inception-xmi", "webanno-tsv"])
def test_spans_of_a_layer_the_schema_lost_are_reported_not_a_crash(tmp_path, fmt):
    from annotator.core.schema import default_schema
    from annotator.formats import inception, webanno_tsv
    from annotator.formats.export import ExportDoc, ExportOptions, ExportReport

    text = "قال المتحدث إن الوفد وصل."
    doc = ExportDoc("d", text, {}, "amal",
                    [Span("T1", "d", "amal", "gone", "OLD", 0, 3, {}),
                     Span("T2", "d", "amal", "entity", "ORG", 15, 20, {})],
                    [Relation("R1", "d", "amal", "said_by", "T1", "T2")])
    report = ExportReport()
    writer = inception.write if fmt == "inception-xmi" else webanno_tsv.write
    writer([doc], tmp_path / "out", ExportOptions(), report, schema=default_schema())
    actions = sorted(n.action for n in report.notes)
    assert actions == ["link not carried (its type or an end is not in the schema)",
                       "not carried (layer not in the schema)"]


@pytest.mark.parametrize("damage", ["encrypted", "corrupt"])
def test_a_zip_that_cannot_be_unpacked_is_refused_by_name(run, tmp_path, team, damage):
    """A password-protected zip ended in the CLI's unexpected-failure message ("RuntimeError:
    File ... is encrypted"); a damaged member in zlib's error. Each is refused naming the zip
    and member, nothing imported."""
    run("export", "p.db", "-f", "inception-xmi", "-o", "out", "--annotator", "amal")
    xmi = (tmp_path / "out" / "annotation" / "hard" / "amal.xmi").read_bytes()
    archive = tmp_path / "hard.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("hard.xmi", xmi)
    data = bytearray(archive.read_bytes())
    if damage == "encrypted":  # what a password-protected zip says of its member, in both headers
        data[6] |= 0x1
        data[data.index(b"PK\x01\x02") + 8] |= 0x1
    else:  # the deflated bytes scrambled after the member's local header
        start = 30 + len("hard.xmi")
        data[start:start + 64] = bytes(range(64))
    archive.write_bytes(bytes(data))
    run("init", "z.db")
    result = run("import", "z.db", archive, "--format", "inception-xmi", "--annotator", "amal")
    assert result.exit_code == 1 and UNEXPECTED_FAILURE not in result.output and "Traceback" not in result.output
    assert f"{archive}: " in result.output and "hard.xmi" in result.output
    assert ("is encrypted" if damage == "encrypted" else "cannot") in result.output


def test_a_zipped_export_of_documents_nobody_annotated_imports(run, tmp_path):
    """Such an export has only source/<document>.xmi: its zip was taken for one document's and
    refused ("holds one .xmi file; this one has 2")."""
    with Project.create(tmp_path / "p.db") as proj:
        import_records(proj, [AnnotatedDocument(Document(name, "نص لم يعلّم عليه أحد.", {}), None, None, [], [])
                              for name in ("a", "b")])
    run("export", "p.db", "-f", "inception-xmi", "-o", "out")
    archive = tmp_path / "plain.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for file in sorted((tmp_path / "out").rglob("*")):
            if file.is_file():
                z.write(file, file.relative_to(tmp_path / "out").as_posix())
    run("init", "z.db")
    result = run("import", "z.db", archive)
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "z.db", readonly=True) as proj:
        assert proj.document_ids() == ["a", "b"]


REAL_EXPORT = DATA / "real-export"


def _zipped(folder: Path, archive: Path) -> Path:
    with zipfile.ZipFile(archive, "w") as z:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                z.write(file, file.relative_to(folder).as_posix())
    return archive


@pytest.mark.parametrize("zipped", [False, True], ids=["folder", "zip"])
def test_a_project_export_made_by_inception_gives_each_user_their_name_and_status(run, tmp_path, zipped):
    """INCEpTION's own export (older versions): annotation/<document>/<user><random digits>.tsv,
    the users and their states in exportedproject.json. Each file was an annotator of its own
    (ik_8721522139116735202), so two people's work could not be compared, and the states were
    dropped; zipped, the WebAnno TSV inside was not read at all."""
    source = _zipped(REAL_EXPORT, tmp_path / "export.zip") if zipped else REAL_EXPORT
    run("init", "p.db")
    result = run("import", "p.db", source, "--extend-schema", "--annotator", "pre")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        assert proj.document_ids() == ["tr0304.tsv"]
        assert sorted(proj.annotators()) == ["ik", "pre", "yes"]  # INITIAL_CAS: the import's annotator
        assert proj.status("tr0304.tsv", "ik") == "in progress"
        assert proj.status("tr0304.tsv", "yes") == "in progress"
        ik = proj.spans("tr0304.tsv", "ik")
        yes = proj.spans("tr0304.tsv", "yes")
        assert len(yes) > len(ik) > 0  # yes marked more dates than ik (8 TxtDate against 6)
        assert sum(s.label == "TxtDate" for s in yes) == 8 and sum(s.label == "TxtDate" for s in ik) == 6


def test_inception_states_become_statuses_and_serialised_cas_names_give_the_users(run, tmp_path):
    """A finished annotation document is "done" here (also with no spans: agreement counts it),
    curation's state is gold's; without exportedproject.json, annotation_ser/<doc>/<user>.ser
    names the users."""
    import json
    import shutil

    folder = tmp_path / "export"
    shutil.copytree(REAL_EXPORT, folder)
    described = json.loads((folder / "exportedproject.json").read_text(encoding="utf-8"))
    for entry in described["annotation_documents"]:
        entry["state"] = {"ik": "FINISHED"}.get(entry["user"], entry["state"])
    described["source_documents"][0]["state"] = "CURATION_FINISHED"
    (folder / "exportedproject.json").write_text(json.dumps(described), encoding="utf-8")
    # ik's file with nothing marked: the text and tokens only (no layers declared, no columns)
    user_file = next((folder / "annotation" / "tr0304.tsv").glob("ik_*.tsv"))
    lines = user_file.read_text(encoding="utf-8").split("\n")
    user_file.write_text("\n".join("\t".join(line.split("\t")[:3]) + "\t" if line[:1].isdigit() else line
                                   for line in lines if not line.startswith("#T_")), encoding="utf-8")
    curation = folder / "curation" / "tr0304.tsv"
    curation.mkdir(parents=True)
    shutil.copy(next((folder / "annotation" / "tr0304.tsv").glob("yes*.tsv")), curation / "CURATION_USER.tsv")
    run("init", "p.db")
    result = run("import", "p.db", folder, "--extend-schema")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        assert proj.status("tr0304.tsv", "ik") == "done" and proj.spans("tr0304.tsv", "ik") == []
        assert proj.status("tr0304.tsv", "gold") == "done"
    (folder / "exportedproject.json").unlink()
    for user in ("INITIAL_CAS", "ik", "yes"):
        (folder / "annotation_ser" / "tr0304.tsv").mkdir(parents=True, exist_ok=True)
        (folder / "annotation_ser" / "tr0304.tsv" / f"{user}.ser").write_bytes(b"")
    run("init", "q.db")
    result = run("import", "q.db", folder, "--extend-schema")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "q.db", readonly=True) as proj:
        assert sorted(proj.annotators()) == ["gold", "imported", "yes"]  # ik marked nothing, no state: no record


def test_a_broken_inception_project_description_is_refused_by_name_and_changes_nothing(run, tmp_path):
    import shutil

    folder = tmp_path / "export"
    shutil.copytree(REAL_EXPORT, folder)
    (folder / "exportedproject.json").write_text('{"annotation_documents": [', encoding="utf-8")
    run("init", "p.db")
    result = run("import", "p.db", folder, "--extend-schema")
    assert result.exit_code != 0
    assert "exportedproject.json: not INCEpTION's project description (JSON)" in result.output
    assert "Schema extended" not in result.output  # it was said, then rolled back with the import
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        assert proj.document_ids() == [] and proj.schema.layer("txtdate") is None


@pytest.mark.parametrize("name, links", [
    ("testMultiTokenSlotFeature", [("p1", "This", "is a"), ("p2", "This", "test .")]),
    ("testSimpleSameRoleSlotFeature", [("p1", "This", "a"), ("p1", "This", "is")]),
    ("testSimpleSlotFeatureWithoutValues", [("links", "This", "a"), ("links", "This", "is")]),  # no role: the feature
    ("testStackedSimpleSlotFeatureWithoutValues", [("links", "This", "a"), ("links", "This", "is")]),
])
def test_slot_features_come_in_as_relations_from_their_host(run, tmp_path, name, links):
    """A layer with a slot (link) feature was dropped whole, spans and all ("slot features not
    carried"): a real export lost 95 of a document's annotations on its main layer. Each link
    is a relation named by its role (by the feature where the role is empty), host to target."""
    run("init", "p.db")
    result = run("import", "p.db", TSV / f"{name}.tsv", "--extend-schema")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        (doc_id,) = proj.document_ids()
        text = proj.text(doc_id)
        by_id = {s.id: s for s in proj.spans(doc_id)}
        assert sorted((r.label, text[by_id[r.from_id].start:by_id[r.from_id].end],
                       text[by_id[r.to_id].start:by_id[r.to_id].end]) for r in proj.relations(doc_id)) == links
        assert any(s.label == "SimpleLinkHost" for s in by_id.values())


def test_slot_roles_and_targets_that_do_not_pair_up_are_said(run, tmp_path):
    text = (TSV / "testMultiTokenSlotFeature.tsv").read_text(encoding="utf-8")
    (tmp_path / "odd.tsv").write_text(text.replace("p1;p2\t1-2[1];1-4[2]", "p1;p2\t1-2[1]"), encoding="utf-8")
    run("init", "p.db")
    result = run("import", "p.db", tmp_path / "odd.tsv", "--extend-schema")
    assert result.exit_code == 0, result.output
    assert "1 webanno.custom.SimpleLinkHost (slot links whose roles and targets do not pair up)" in result.output


def test_inceptions_uploaded_source_file_is_the_document_not_a_second_one(run, tmp_path):
    """source/<document> is the file as uploaded, named as the document (c_part1.tsv): it was read
    as a document of its own ("c_part1"), and once named right, its annotations (the initial
    CAS's) were refused as the same document twice."""
    import shutil

    folder = tmp_path / "export"
    shutil.copytree(REAL_EXPORT, folder)
    (folder / "source").mkdir()
    shutil.copy(folder / "annotation" / "tr0304.tsv" / "INITIAL_CAS.tsv", folder / "source" / "tr0304.tsv")
    run("init", "p.db")
    result = run("import", "p.db", folder, "--extend-schema", "--report", "report.tsv")
    assert result.exit_code == 0, result.output
    assert "annotation/tr0304.tsv/INITIAL_CAS holds them" in (tmp_path / "report.tsv").read_text(encoding="utf-8")
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        assert proj.document_ids() == ["tr0304.tsv"]
        assert sorted(proj.annotators()) == ["ik", "imported", "yes"]


def _import_cas(run, tmp_path, cas, ts) -> None:
    """``cas`` as an XMI with its type system, imported into a new p.db with --extend-schema."""
    (tmp_path / "in").mkdir()
    cas.to_xmi(tmp_path / "in" / "doc.xmi")
    ts.to_xml(tmp_path / "in" / "TypeSystem.xml")
    run("init", "p.db")
    result = run("import", "p.db", tmp_path / "in", "--format", "inception-xmi", "--extend-schema")
    assert result.exit_code == 0, result.output


def test_xmi_slot_links_numbers_and_booleans_are_carried(run, tmp_path):
    """In XMI a slot feature is an array of links (role, target), and a feature may be a number
    or a boolean: all three were dropped without a word."""
    import cassis

    ts = cassis.TypeSystem()
    role_type = ts.create_type("webanno.custom.Role", supertypeName="uima.tcas.Annotation")
    ts.create_feature(role_type, "value", "uima.cas.String")
    link_type = ts.create_type("webanno.custom.FrameLink", supertypeName="uima.cas.TOP")
    ts.create_feature(link_type, "role", "uima.cas.String")
    ts.create_feature(link_type, "target", "webanno.custom.Role")
    frame_type = ts.create_type("webanno.custom.Frame", supertypeName="uima.tcas.Annotation")
    ts.create_feature(frame_type, "value", "uima.cas.String")
    ts.create_feature(frame_type, "links", "uima.cas.FSArray", elementType="webanno.custom.FrameLink")
    ts.create_feature(frame_type, "confidence", "uima.cas.Float")
    ts.create_feature(frame_type, "negated", "uima.cas.Boolean")
    ts.create_feature(frame_type, "rank", "uima.cas.Integer")
    cas = cassis.Cas(typesystem=ts)
    cas.sofa_string = text = "باع زيد السيارة لعمرو ."
    seller = role_type(begin=text.index("زيد"), end=text.index("زيد") + 3, value="AGENT")
    goods = role_type(begin=text.index("السيارة"), end=text.index("السيارة") + 7, value="THEME")
    links = ts.get_type("uima.cas.FSArray")(elements=[link_type(role="seller", target=seller),
                                                      link_type(role="", target=goods)])
    for fs in (seller, goods, frame_type(begin=0, end=3, value="Sell", links=links, confidence=0.75, negated=True,
                                         rank=2)):
        cas.add(fs)
    _import_cas(run, tmp_path, cas, ts)
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        by_id = {s.id: s for s in proj.spans("doc")}
        frame = next(s for s in by_id.values() if s.label == "Sell")
        assert frame.attrs == {"confidence": "0.75", "negated": "true", "rank": "2"}
        assert sorted((r.label, text[by_id[r.to_id].start:by_id[r.to_id].end]) for r in proj.relations("doc")
                      if r.from_id == frame.id) == [("links", "السيارة"), ("seller", "زيد")]


def test_chains_come_in_as_linked_spans_with_extend_schema_and_are_said_otherwise(run, tmp_path):
    """Coreference chains were listed as not carried: each link is now a span (its
    referenceType the label) linked to the next by its referenceRelation, in either column
    order (INCEpTION writes referenceRelation first, its user guide the other way)."""
    guide = ("#FORMAT=WebAnno TSV 3.3\n"
             "#T_CH=de.tudarmstadt.ukp.dkpro.core.api.coref.type.CoreferenceLink|referenceType|referenceRelation\n\n\n"
             "#Text=He shot himself with his revolver .\n"
             "1-1\t0-2\tHe\tpr[1]\tcoref->1-1\t\n1-2\t3-7\tshot\t_\t_\t\n1-3\t8-15\thimself\tpr[1]\tcoref->1-2\t\n"
             "1-4\t16-20\twith\t_\t_\t\n1-5\t21-24\this\tpr[1]|nam[2]\t*->1-3|*->2-1\t\n"
             "1-6\t25-33\trevolver\tnam[2]\t*->2-1\t\n1-7\t33-34\t.\t_\t_\t\n")
    (tmp_path / "guide.tsv").write_text(guide, encoding="utf-8")
    run("init", "p.db")
    result = run("import", "p.db", tmp_path / "guide.tsv", TSV / "testSimpleChain.tsv", "--extend-schema")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        text = proj.text("guide")
        by_id = {s.id: s for s in proj.spans("guide")}
        assert sorted((s.layer, s.label, text[s.start:s.end]) for s in by_id.values()) == [
            ("coreference", "nam", "his revolver"), ("coreference", "pr", "He"), ("coreference", "pr", "himself"),
            ("coreference", "pr", "his")]
        assert sorted((r.label, text[by_id[r.from_id].start:by_id[r.from_id].end],
                       text[by_id[r.to_id].start:by_id[r.to_id].end]) for r in proj.relations("guide")) == [
            ("coref", "He", "himself"), ("coref", "himself", "his")]
        suite = proj.text("testSimpleChain")
        assert [suite[s.start:s.end] for s in sorted(proj.spans("testSimpleChain"), key=lambda s: s.start)] == [
            "This", "is", "a"]
        assert len(proj.relations("testSimpleChain")) == 2
    run("init", "q.db")
    closed = run("import", "q.db", tmp_path / "guide.tsv")
    assert closed.exit_code == 0, closed.output
    assert "4 de.tudarmstadt.ukp.dkpro.core.api.coref.type.CoreferenceLink (chains: the schema has no layer" in \
        closed.output


def test_xmi_coreference_chains_come_in_as_linked_spans(run, tmp_path):
    """DKPro's CoreferenceLink (each link's next, referenceType, referenceRelation) was listed as
    a type not carried."""
    import cassis

    from annotator.formats.inception import dkpro_typesystem

    ts = dkpro_typesystem()
    cas = cassis.Cas(typesystem=ts)
    cas.sofa_string = text = "قال الوزير إنه سيستقيل، وأضاف أنه لن يعود."
    link_type = ts.get_type("de.tudarmstadt.ukp.dkpro.core.api.coref.type.CoreferenceLink")
    words = [("الوزير", 0, "nam", "coref"), ("إنه", 0, "pro", "coref"), ("أنه", 0, "pro", "")]
    links, at = [], 0
    for word, _n, kind, relation in words:
        at = text.index(word, at)
        links.append(link_type(begin=at, end=at + len(word), referenceType=kind, referenceRelation=relation or None))
        at += len(word)
    for link, following in zip(links, links[1:]):
        link.next = following
    for link in links:
        cas.add(link)
    cas.add(ts.get_type("de.tudarmstadt.ukp.dkpro.core.api.coref.type.CoreferenceChain")(first=links[0]))
    _import_cas(run, tmp_path, cas, ts)
    with Project.open(tmp_path / "p.db", readonly=True) as proj:
        by_id = {s.id: s for s in proj.spans("doc")}
        assert sorted((s.layer, s.label, text[s.start:s.end]) for s in by_id.values()) == [
            ("coreference", "nam", "الوزير"), ("coreference", "pro", "أنه"), ("coreference", "pro", "إنه")]
        assert sorted((r.label, text[by_id[r.from_id].start:by_id[r.from_id].end],
                       text[by_id[r.to_id].start:by_id[r.to_id].end]) for r in proj.relations("doc")) == [
            ("coref", "إنه", "أنه"), ("coref", "الوزير", "إنه")]


@pytest.mark.parametrize("fmt", ["inception-xmi", "webanno-tsv"])
def test_statuses_and_work_with_nothing_marked_go_to_inception_and_back(run, tmp_path, fmt):
    """A document an annotator finished with nothing marked came back as nobody's work, and no
    status came back: the export now says each one's state where INCEpTION does
    (exportedproject.json), and the import reads it."""
    with Project.create(tmp_path / "p.db") as proj:
        import_records(proj, [record("amal"),
                              AnnotatedDocument(Document("hard", TEXT, {}), "karim", "done", [], []),
                              AnnotatedDocument(Document("hard", TEXT, {}), "layla", "in progress", [], []),
                              AnnotatedDocument(Document("hard", TEXT, {}), "gold", "done",
                                                [Span("G1", "hard", "gold", "entity", "PER", *at("زكي أكتورك"), {})],
                                                [])])
    assert run("export", "p.db", "-f", fmt, "-o", "out").exit_code == 0
    run("init", "back.db")
    result = run("import", "back.db", "out")
    assert result.exit_code == 0, result.output
    with Project.open(tmp_path / "back.db", readonly=True) as proj:
        assert {name: proj.stored_status("hard", name) for name in ("amal", "karim", "layla", "gold")} == {
            "amal": "done", "karim": "done", "layla": "in progress", "gold": "done"}
        assert proj.spans("hard", "karim") == [] and len(proj.spans("hard", "amal")) == 8
