"""Bringing annotators' copies of a project together.

Each annotator works in their own copy; ``merge`` reads another project file (read-only, as
untrusted input: every record is validated against *our* schema and texts, exactly as an
import is) and adds its spans, relations and statuses:

* documents are matched by id and text hash; a document whose id is new but whose text we
  have under another id is merged into ours (and reported); the same id with another text is
  an error;
* work that is already here, identical, is skipped, so merging again changes nothing;
* the same annotator's different work on the same document is a conflict: by default the
  whole merge stops and lists them; ``prefer="ours"`` keeps ours, ``prefer="theirs"`` replaces
  ours. All or nothing, in one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.core.input_checks import record_problems
from annotator.core.model import AnnotatedDocument, Document, Relation, Span, text_sha256
from annotator.outputs import same_file
from annotator.store.location import is_server_url, shown_location
from annotator.store.bulk import annotation_problems
from annotator.store.project import Project

PREFERENCES = ("fail", "ours", "theirs")


class MergeFailed(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"nothing merged, {len(problems)} problem(s): " + "; ".join(problems[:5]))


@dataclass
class MergeReport:
    documents_added: int = 0
    records_added: int = 0
    unchanged: int = 0
    replaced: list[str] = field(default_factory=list)  # "doc / annotator" replaced by theirs
    kept: list[str] = field(default_factory=list)  # conflicts where ours was kept
    matched_by_text: list[tuple[str, str]] = field(default_factory=list)  # (their id, our id)


def merge(project: Project, other_path: Path, prefer: str = "fail") -> MergeReport:
    if prefer not in PREFERENCES:
        raise ValueError(f"prefer must be one of {', '.join(PREFERENCES)}")
    # One transaction from the first read: what was compared is what the merge writes into,
    # even with another program writing to the project. It adds documents and work as an
    # import does, and holds each document of the project before it compares its work: on a
    # server the team goes on saving to the others meanwhile (a file's transaction holds all).
    with project.transaction(importing=True):
        return _merge(project, other_path, prefer)


def _merge(project: Project, other_path: Path, prefer: str) -> MergeReport:
    shown = shown_location(other_path)  # never a password
    if (str(other_path) == str(project.location) if is_server_url(other_path) or is_server_url(project.location)
            else same_file(Path(other_path), project.path)):
        raise MergeFailed([f"{shown}: is the project itself"])
    report = MergeReport()
    ours_by_id = project.document_hashes()
    ours_by_hash = {sha: doc_id for doc_id, sha in ours_by_id.items()}
    schema = project.schema
    problems: list[str] = []
    new_documents: dict[str, Document] = {}
    to_insert: list[AnnotatedDocument] = []
    to_replace: list[tuple[str, str]] = []
    with Project.open(other_path, readonly=True) as other:
        for record in _readable(other.iter_export(), shown, problems):
            source = f"{shown}: document {record['id']!r}" + (
                f", annotator {record['annotator']!r}" if record.get("annotator") else "")
            try:
                incoming = _record(record)
            except (KeyError, TypeError, ValueError) as exc:
                problems.append(f"{source}: unreadable record ({exc})")
                continue
            sha = text_sha256(incoming.document.text)
            doc_id = incoming.document.id
            if doc_id in ours_by_id and ours_by_id[doc_id] != sha:
                problems.append(f"{source}: the same id has a different text here")
                continue
            unusable = record_problems(replace(incoming, annotator=None, spans=[], relations=[]))
            if unusable:
                problems.append(f"{source}: " + "; ".join(unusable))
                continue
            if doc_id not in ours_by_id and sha in ours_by_hash:
                ours_id = ours_by_hash[sha]
                report.matched_by_text.append((doc_id, ours_id))
                incoming = _renamed(incoming, ours_id)
                doc_id = ours_id
            if doc_id not in ours_by_id and doc_id not in new_documents:
                new_documents[doc_id] = incoming.document
            if incoming.annotator is None:
                continue
            invalid = record_problems(incoming) or annotation_problems(incoming, schema)
            if invalid:
                problems.append(f"{source}: " + "; ".join(invalid))
                continue
            if doc_id in ours_by_id:
                project.lock_documents([doc_id])  # before its work is read: what is compared stays
            if doc_id in ours_by_id and project.has_work(doc_id, incoming.annotator):
                if _same_work(project, incoming):
                    report.unchanged += 1
                    continue
                where = f"{doc_id} / {incoming.annotator}"
                if prefer == "fail":
                    problems.append(f"{source}: conflicts with the work here (use --prefer ours or --prefer theirs)")
                    continue
                if prefer == "ours":
                    report.kept.append(where)
                    continue
                report.replaced.append(where)
                to_replace.append((doc_id, incoming.annotator))
            to_insert.append(incoming)
    if problems:
        raise MergeFailed(problems)
    with project.transaction():  # one transaction: replacements and additions together
        for doc_id, annotator in to_replace:
            project.delete_work(doc_id, annotator)
        project.insert_annotated(to_insert, list(new_documents.values()))
    report.documents_added = len(new_documents)
    report.records_added = len(to_insert)
    return report


def _readable(records, other_path: Path, problems: list[str]):
    """The other file's records; a crafted or damaged file (meta that is not JSON, a broken
    table) ends the reading with a problem instead of an internal error."""
    try:
        yield from records
    except (ValueError, sqlite3.Error) as exc:
        problems.append(f"{other_path}: cannot be read as a project ({type(exc).__name__}: {exc})")


def _record(record: dict) -> AnnotatedDocument:
    annotator = record.get("annotator")
    doc_id = record["id"]
    spans = [Span(s["id"], doc_id, annotator, s["layer"], s["label"], s["start"], s["end"], dict(s["attrs"]))
             for s in record.get("spans", [])]
    relations = [Relation(r["id"], doc_id, annotator, r["label"], r["from"], r["to"])
                 for r in record.get("relations", [])]
    if not isinstance(record["text"], str):
        raise ValueError("text is not a string")
    return AnnotatedDocument(Document(doc_id, record["text"], dict(record.get("meta") or {})), annotator,
                             record.get("status"), spans, relations)


def _renamed(record: AnnotatedDocument, doc_id: str) -> AnnotatedDocument:
    return replace(record, document=replace(record.document, id=doc_id),
                   spans=[replace(s, doc_id=doc_id) for s in record.spans],
                   relations=[replace(r, doc_id=doc_id) for r in record.relations])


def _content(spans, relations, status) -> tuple:
    """Work compared without ids: copies made in different files may number spans differently."""
    by_id = {s.id: s for s in spans}

    def key(s: Span) -> tuple:
        return (s.layer, s.label, s.start, s.end, json.dumps(s.attrs, sort_keys=True))

    return (sorted(key(s) for s in spans),
            sorted((r.label, key(by_id[r.from_id]), key(by_id[r.to_id])) for r in relations),
            status)


def _same_work(project: Project, incoming: AnnotatedDocument) -> bool:
    doc_id, annotator = incoming.document.id, incoming.annotator
    ours = _content(project.spans(doc_id, annotator), project.relations(doc_id, annotator),
                    project.stored_status(doc_id, annotator))
    return ours == _content(incoming.spans, incoming.relations, incoming.status)

