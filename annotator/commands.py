"""User actions as undoable commands, without Qt (the pattern of glue's core/command.py).

Every edit a user makes is one :class:`Command`: ``do`` applies it to the project (one
transaction, committed at once) and ``undo`` reverses it exactly, ids included. The GUI wraps
each in a ``QUndoCommand`` (annotator/gui/undo.py); tests drive them with no display.
"""

from __future__ import annotations

from dataclasses import replace

from annotator.core.model import Relation, Span
from annotator.store.project import Project


class Command:
    """One user action. ``text`` names it in Undo/Redo menus."""

    text = ""

    def do(self, project: Project) -> None:
        raise NotImplementedError

    def undo(self, project: Project) -> None:
        raise NotImplementedError


class AddSpan(Command):
    text = "Add span"

    def __init__(self, span: Span):
        self.span = span

    def do(self, project: Project) -> None:
        # The first run assigns an id; redo reuses it so later commands still find the span.
        self.span = project.add_span(self.span)

    def undo(self, project: Project) -> None:
        project.delete_span(self.span.doc_id, self.span.annotator, self.span.id)


class DeleteSpan(Command):
    text = "Delete span"

    def __init__(self, doc_id: str, annotator: str, span_id: str):
        self.key = (doc_id, annotator, span_id)
        self.span: Span | None = None
        self.relations: list[Relation] = []

    def do(self, project: Project) -> None:
        self.span, self.relations = project.delete_span(*self.key)

    def undo(self, project: Project) -> None:
        project.add_span(self.span)
        for relation in self.relations:
            project.add_relation(relation)


class UpdateSpan(Command):
    """Relabel, resize, move to another layer, or change attributes."""

    text = "Change span"

    def __init__(self, doc_id: str, annotator: str, span_id: str, text: str = "", **changes):
        self.key = (doc_id, annotator, span_id)
        self.changes = changes
        self.before: dict = {}
        if text:
            self.text = text

    def do(self, project: Project) -> None:
        old = project.span(*self.key)
        self.before = {name: getattr(old, name) for name in self.changes}
        project.update_span(*self.key, **self.changes)

    def undo(self, project: Project) -> None:
        project.update_span(*self.key, **self.before)


class AddRelation(Command):
    text = "Link spans"

    def __init__(self, relation: Relation):
        self.relation = relation

    def do(self, project: Project) -> None:
        self.relation = project.add_relation(self.relation)

    def undo(self, project: Project) -> None:
        project.delete_relation(self.relation.doc_id, self.relation.annotator, self.relation.id)


class DeleteRelation(Command):
    text = "Remove link"

    def __init__(self, doc_id: str, annotator: str, relation_id: str):
        self.key = (doc_id, annotator, relation_id)
        self.relation: Relation | None = None

    def do(self, project: Project) -> None:
        self.relation = project.delete_relation(*self.key)

    def undo(self, project: Project) -> None:
        project.add_relation(replace(self.relation))


class SetStatus(Command):
    text = "Set document status"

    def __init__(self, doc_id: str, annotator: str, status: str):
        self.doc_id, self.annotator, self.status = doc_id, annotator, status
        self.before: str | None = None

    def do(self, project: Project) -> None:
        self.before = project.stored_status(self.doc_id, self.annotator)
        project.set_status(self.doc_id, self.annotator, self.status)

    def undo(self, project: Project) -> None:
        if self.before is None:
            project.clear_status(self.doc_id, self.annotator)  # exactly as before: no status
        else:
            project.set_status(self.doc_id, self.annotator, self.before)
