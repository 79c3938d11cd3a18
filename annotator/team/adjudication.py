"""Adjudication: a curator builds the gold version (annotator ``gold``) from everyone's work.

* :func:`auto_merge` copies into gold every span that enough annotators marked identically
  (same layer, label and offsets; by default all who did the document), and the relations
  they all drew between such spans;
* :func:`differences` lists what remains: spans some annotators marked and gold neither has
  nor rejected, each with who marked it;
* :class:`AcceptCandidate` and :class:`RejectCandidate` are undoable commands (the GUI puts
  them on its undo stack); an accepted span is an ordinary gold span afterwards, so editing
  it is editing gold.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from annotator.commands import Command
from annotator.core.model import GOLD, Relation, Span, ValidationError, overlap_problems
from annotator.store.project import Project
from annotator.team.eligibility import eligible_by_document

Key = tuple[str, str, int, int]  # (layer, label, start, end)


@dataclass(frozen=True)
class Candidate:
    doc_id: str
    layer: str
    label: str
    start: int
    end: int
    annotators: tuple[str, ...]
    attrs: tuple[tuple[str, str], ...] = ()  # the attributes most of them gave

    @property
    def key(self) -> Key:
        return (self.layer, self.label, self.start, self.end)


@dataclass
class AutoMergeReport:
    documents: int = 0
    spans_added: int = 0
    relations_added: int = 0
    skipped_overlaps: int = 0
    differences_left: int = 0
    details: list[str] = field(default_factory=list)


def eligible_annotators(project: Project, doc_id: str, annotators: list[str] | None, only_done: bool) -> list[str]:
    """The annotators whose work on one document counts (see annotator.team.eligibility)."""
    return eligible_by_document(project, annotators, only_done).get(doc_id, [])


def candidates(project: Project, doc_id: str, annotators: list[str]) -> list[Candidate]:
    """Every distinct (layer, label, start, end) the annotators marked, with who marked it."""
    who: dict[Key, list[str]] = defaultdict(list)
    attrs: dict[Key, list[tuple]] = defaultdict(list)
    for span in project.spans(doc_id):
        if span.annotator in annotators:
            key = (span.layer, span.label, span.start, span.end)
            who[key].append(span.annotator)
            attrs[key].append(tuple(sorted(span.attrs.items())))
    out = []
    for key, names in who.items():
        common = max(set(attrs[key]), key=attrs[key].count)
        out.append(Candidate(doc_id, *key, tuple(sorted(set(names))), common))
    return sorted(out, key=lambda c: (c.start, -c.end, c.layer, c.label))


def differences(project: Project, doc_id: str, annotators: list[str]) -> list[Candidate]:
    """Candidates that gold neither has nor rejected."""
    in_gold = {(s.layer, s.label, s.start, s.end) for s in project.spans(doc_id, GOLD)}
    rejected = project.rejections(doc_id)
    return [c for c in candidates(project, doc_id, annotators) if c.key not in in_gold and c.key not in rejected]


def auto_merge(project: Project, annotators: list[str] | None = None, min_agreement: int | None = None,
               only_done: bool = True, progress: Callable[[], None] | None = None) -> AutoMergeReport:
    """Copy into gold what enough annotators agree on; one transaction for the whole corpus.
    ``progress()`` is called once per document; should it raise, nothing is merged."""
    report = AutoMergeReport()
    eligible = eligible_by_document(project, annotators, only_done)
    with project.transaction(importing=True):  # see _held
        for doc_id in project.document_ids():
            if progress is not None:
                progress()
            names = eligible.get(doc_id, [])
            if len(names) < 2 or len(names := _held(project, doc_id, names, only_done)) < 2:
                continue
            report.documents += 1
            needed = min_agreement or len(names)
            gold = project.spans(doc_id, GOLD)
            in_gold = {(s.layer, s.label, s.start, s.end): s for s in gold}
            rejected = project.rejections(doc_id)
            for candidate in candidates(project, doc_id, names):
                if len(candidate.annotators) < needed or candidate.key in in_gold or candidate.key in rejected:
                    continue
                span = Span("", doc_id, GOLD, candidate.layer, candidate.label, candidate.start, candidate.end,
                            dict(candidate.attrs))
                if overlap_problems([s for s in in_gold.values()] + [span], project.schema):
                    report.skipped_overlaps += 1  # the curator decides between overlapping ones
                    continue
                span = project.add_span(span)
                in_gold[candidate.key] = span
                report.spans_added += 1
            report.relations_added += _merge_relations(project, doc_id, names, needed, in_gold)
            if in_gold and project.stored_status(doc_id, GOLD) is None:
                project.set_status(doc_id, GOLD, "in progress")
            report.differences_left += len(differences(project, doc_id, names))
    return report


def _held(project: Project, doc_id: str, names: list[str], only_done: bool) -> list[str]:
    """Hold the document for the rest of the transaction and return those of ``names`` whose
    work still counts there.

    Adjudicating a corpus holds the documents it compares one by one, as an import does: on
    a server the team goes on saving to the other documents meanwhile (a file's transaction
    holds them all). Who counted was read before the document was held; one who reopened it
    since no longer counts (statuses are written under the document's lock)."""
    project.lock_documents([doc_id])
    if not only_done:
        return names
    return [name for name in names if project.stored_status(doc_id, name) == "done"]


def _merge_relations(project: Project, doc_id: str, names: list[str], needed: int, in_gold: dict) -> int:
    votes: dict[tuple, set[str]] = defaultdict(set)
    for name in names:
        spans = {s.id: s for s in project.spans(doc_id, name)}
        for relation in project.relations(doc_id, name):
            a, b = spans.get(relation.from_id), spans.get(relation.to_id)
            if a and b:
                votes[(relation.label, (a.layer, a.label, a.start, a.end), (b.layer, b.label, b.start, b.end))].add(name)
    existing = {(r.label, r.from_id, r.to_id) for r in project.relations(doc_id, GOLD)}
    added = 0
    for (label, a, b), who in votes.items():
        if len(who) < needed or a not in in_gold or b not in in_gold:
            continue
        key = (label, in_gold[a].id, in_gold[b].id)
        if key in existing:
            continue
        project.add_relation(Relation("", doc_id, GOLD, label, in_gold[a].id, in_gold[b].id))
        existing.add(key)
        added += 1
    return added


class AcceptCandidate(Command):
    """Take a difference into gold, as the annotators marked it."""

    text = "Accept into gold"

    def __init__(self, candidate: Candidate):
        self.candidate = candidate
        self.span: Span | None = None
        self.started = False  # whether this gave the gold version its first status

    def do(self, project: Project) -> None:
        c = self.candidate
        span = Span(self.span.id if self.span else "", c.doc_id, GOLD, c.layer, c.label, c.start, c.end,
                    dict(c.attrs))
        with project.transaction(document=c.doc_id):
            self.span = project.add_span(span)
            self.started = project.stored_status(c.doc_id, GOLD) is None
            if self.started:
                project.set_status(c.doc_id, GOLD, "in progress")

    def undo(self, project: Project) -> None:
        with project.transaction(document=self.candidate.doc_id):
            project.delete_span(self.candidate.doc_id, GOLD, self.span.id)
            if self.started:  # as before: the gold version had no status
                project.clear_status(self.candidate.doc_id, GOLD)


class RejectCandidate(Command):
    """Leave a difference out of gold, and remember that it was decided."""

    text = "Reject from gold"

    def __init__(self, candidate: Candidate):
        self.candidate = candidate

    def do(self, project: Project) -> None:
        project.set_rejected(self.candidate.doc_id, self.candidate.key, True)

    def undo(self, project: Project) -> None:
        project.set_rejected(self.candidate.doc_id, self.candidate.key, False)


def take_all_from(project: Project, annotator: str, annotators: list[str] | None = None,
                  only_done: bool = True) -> tuple[int, list[str]]:
    """Accept every remaining difference that ``annotator`` marked (a trusted senior, say).

    Returns (spans added, problems: differences that could not be accepted, e.g. overlaps)."""
    added, problems = 0, []
    eligible = eligible_by_document(project, annotators, only_done)
    with project.transaction(importing=True):  # see _held
        for doc_id in project.document_ids():
            if annotator not in eligible.get(doc_id, []):
                continue
            names = _held(project, doc_id, eligible[doc_id], only_done)
            if annotator not in names:
                continue
            for candidate in differences(project, doc_id, names):
                if annotator not in candidate.annotators:
                    continue
                try:
                    AcceptCandidate(candidate).do(project)
                    added += 1
                except ValidationError as exc:
                    problems.append(f"{doc_id}: {candidate.label} {candidate.start}–{candidate.end}: {exc}")
    return added, problems
