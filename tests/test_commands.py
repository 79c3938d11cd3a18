"""Every user action undoes and redoes exactly, with no Qt involved."""

import pytest

from annotator.commands import AddRelation, AddSpan, DeleteRelation, DeleteSpan, SetStatus, UpdateSpan
from annotator.core.model import Document, Relation, Span, ValidationError

TEXT = "قال المتحدث إن «الشركة تلقت طلبات» من تركيا."


@pytest.fixture
def doc(project):
    project.add_documents([Document("d", TEXT)])
    return project


def state(project):
    return project.spans("d"), project.relations("d"), project.statuses()


def at(word):
    start = TEXT.index(word)
    return start, start + len(word)


def test_each_command_round_trips(doc):
    project = doc
    quote = AddSpan(Span("", "d", "amal", "quote", "QUOTE", *at("الشركة تلقت طلبات"), {"type": "direct"}))
    speaker = AddSpan(Span("", "d", "amal", "speaker", "SPEAKER", *at("المتحدث"), {}))
    # Commands that refer to spans made by earlier ones are built once those have run.
    steps = [
        lambda: quote,
        lambda: speaker,
        lambda: AddRelation(Relation("", "d", "amal", "said_by", quote.span.id, speaker.span.id)),
        lambda: UpdateSpan("d", "amal", quote.span.id, attrs={"type": "indirect"}),
        lambda: UpdateSpan("d", "amal", speaker.span.id, start=at("المتحدث")[0] - 4, label="SPEAKER"),
        lambda: SetStatus("d", "amal", "in progress"),
        lambda: DeleteRelation("d", "amal", "R1"),
        lambda: AddRelation(Relation("R7", "d", "amal", "said_by", quote.span.id, speaker.span.id)),
        lambda: DeleteSpan("d", "amal", quote.span.id),
    ]
    done = []
    snapshots = []
    for make in steps:
        command = make()
        snapshots.append(state(project))
        command.do(project)
        assert state(project) != snapshots[-1], type(command).__name__
        done.append(command)
    final = state(project)
    assert project.spans("d")[0].start == at("المتحدث")[0] - 4
    for command, before in zip(reversed(done), reversed(snapshots)):
        command.undo(project)
        assert state(project) == before, type(command).__name__
    for command in done:
        command.do(project)
    assert state(project) == final


def test_delete_restores_attached_relations_with_their_ids(doc):
    project = doc
    q = AddSpan(Span("", "d", "amal", "quote", "QUOTE", *at("الشركة تلقت طلبات"), {}))
    s = AddSpan(Span("", "d", "amal", "speaker", "SPEAKER", *at("المتحدث"), {}))
    q.do(project)
    s.do(project)
    link = AddRelation(Relation("", "d", "amal", "said_by", q.span.id, s.span.id))
    link.do(project)
    before = state(project)
    delete = DeleteSpan("d", "amal", s.span.id)
    delete.do(project)
    assert project.relations("d") == []
    delete.undo(project)
    assert state(project) == before
    delete.do(project)  # redo
    assert [x.id for x in project.spans("d")] == [q.span.id]


def test_redo_reuses_the_assigned_id(doc):
    add = AddSpan(Span("", "d", "amal", "entity", "GPE", *at("تركيا"), {}))
    add.do(doc)
    first_id = add.span.id
    add.undo(doc)
    assert doc.spans("d") == []
    add.do(doc)
    assert [s.id for s in doc.spans("d")] == [first_id]


def test_refused_command_changes_nothing(doc):
    AddSpan(Span("", "d", "amal", "quote", "QUOTE", *at("الشركة تلقت"), {})).do(doc)
    before = state(doc)
    with pytest.raises(ValidationError):
        AddSpan(Span("", "d", "amal", "quote", "QUOTE", *at("تلقت طلبات"), {})).do(doc)
    with pytest.raises(ValidationError):
        UpdateSpan("d", "amal", "T1", end=len(TEXT) + 3).do(doc)
    assert state(doc) == before


def test_set_status_undo_restores_the_previous_status(doc):
    SetStatus("d", "amal", "in progress").do(doc)
    done = SetStatus("d", "amal", "done")
    done.do(doc)
    done.undo(doc)
    assert doc.status("d", "amal") == "in progress"
