"""Building the gold version: auto-merge, differences, accept/reject with undo, export."""

from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.model import GOLD, AnnotatedDocument, Document, Relation, Span
from annotator.store.bulk import import_records
from annotator.team.adjudication import (
    AcceptCandidate,
    RejectCandidate,
    auto_merge,
    differences,
    take_all_from,
)
from annotator.team.agreement import compute

TEXT = "قال المتحدث زكي أكتورك إن «الشركة تلقت طلبات» من تركيا."


def at(word):
    start = TEXT.index(word)
    return start, start + len(word)


def work(annotator, entities, link=True, status="done"):
    spans = [Span(f"E{n}", "d", annotator, "entity", label, *at(word), {}) for n, (label, word) in enumerate(entities)]
    spans += [Span("Q", "d", annotator, "quote", "QUOTE", *at("الشركة تلقت طلبات"), {"type": "direct"}),
              Span("S", "d", annotator, "speaker", "SPEAKER", *at("المتحدث زكي أكتورك"), {})]
    relations = [Relation("R1", "d", annotator, "said_by", "Q", "S")] if link else []
    return AnnotatedDocument(Document("d", TEXT, {}), annotator, status, spans, relations)


def gold(project):
    return sorted((s.label, TEXT[s.start:s.end]) for s in project.spans("d", GOLD))


def test_auto_merge_takes_what_everyone_agrees_on_once(project):
    import_records(project, [work("amal", [("PER", "زكي أكتورك"), ("GPE", "تركيا")]),
                             work("karim", [("PER", "زكي أكتورك"), ("LOC", "تركيا")]),
                             work("layla", [("PER", "زكي أكتورك")], link=False)])
    report = auto_merge(project)
    assert gold(project) == [("PER", "زكي أكتورك"), ("QUOTE", "الشركة تلقت طلبات"), ("SPEAKER", "المتحدث زكي أكتورك")]
    assert report.relations_added == 0  # layla drew no link
    assert auto_merge(project).spans_added == 0  # again: nothing new
    two_of_three = auto_merge(project, min_agreement=2)
    assert two_of_three.relations_added == 1
    assert [d.label for d in differences(project, "d", ["amal", "karim", "layla"])] == ["GPE", "LOC"]
    assert project.status("d", GOLD) == "in progress"


def test_accept_and_reject_are_undoable_and_remembered(project):
    import_records(project, [work("amal", [("GPE", "تركيا")]), work("karim", [("LOC", "تركيا")])])
    auto_merge(project)
    names = ["amal", "karim"]
    gpe, loc = sorted(differences(project, "d", names), key=lambda c: c.label)
    accept = AcceptCandidate(gpe)
    accept.do(project)
    reject = RejectCandidate(loc)
    reject.do(project)
    assert ("GPE", "تركيا") in gold(project) and differences(project, "d", names) == []
    assert auto_merge(project, min_agreement=1).spans_added == 0  # a rejection stays rejected
    reject.undo(project)
    accept.undo(project)
    assert ("GPE", "تركيا") not in gold(project) and len(differences(project, "d", names)) == 2
    accept.do(project)  # redo keeps the id
    assert ("GPE", "تركيا") in gold(project)


def test_undoing_the_first_acceptance_into_gold_leaves_gold_without_a_status_as_before(project):
    import_records(project, [work("amal", [("GPE", "تركيا")]), work("karim", [("LOC", "تركيا")])])
    assert project.stored_status("d", GOLD) is None
    gpe = next(c for c in differences(project, "d", ["amal", "karim"]) if c.label == "GPE")
    accept = AcceptCandidate(gpe)
    accept.do(project)
    assert project.stored_status("d", GOLD) == "in progress"
    accept.undo(project)
    assert project.stored_status("d", GOLD) is None and gold(project) == []
    accept.do(project)  # redo
    assert project.stored_status("d", GOLD) == "in progress" and ("GPE", "تركيا") in gold(project)


def test_take_all_from_a_trusted_annotator(project):
    import_records(project, [work("amal", [("GPE", "تركيا"), ("ORG", "الشركة")]), work("karim", [("LOC", "تركيا")])])
    auto_merge(project)
    added, problems = take_all_from(project, "amal")
    assert added == 2 and problems == []
    assert ("ORG", "الشركة") in gold(project)


def test_gold_is_not_an_annotator_in_agreement_and_exports_with_gold(project, tmp_path, monkeypatch):
    import_records(project, [work("amal", [("GPE", "تركيا")]), work("karim", [("GPE", "تركيا")])])
    auto_merge(project)
    project.set_status("d", GOLD, "done")
    assert compute(project)["annotators"] == ["amal", "karim"]
    path = project.path
    project.close()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["export", str(path), "--gold", "-f", "brat", "-o", "gold"])
    assert result.exit_code == 0, result.output
    assert "GPE" in (tmp_path / "gold" / "d.ann").read_text(encoding="utf-8")
    listing = CliRunner().invoke(cli, ["adjudicate", str(path), "--list"])
    assert "0 difference(s) left" in listing.output
