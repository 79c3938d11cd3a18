"""Importing records into a project, all or nothing, and exporting them.

Import checks every record before writing any: the document text against what the project
(or an earlier line of the same import) already holds under that id, every span's offsets,
label, attributes and overlaps, every relation's ends. By default one bad record aborts the
whole import and the project is untouched; ``skip_invalid`` imports the good records and
returns the bad ones to be written to a rejects file.
"""

from __future__ import annotations

import itertools
import json
import threading
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.core.model import (
    TOKEN_SOURCES,
    AnnotatedDocument,
    Document,
    EncodedJSON,
    JSONItems,
    are_offset_pairs,
    decoded_meta,
    overlap_problems,
    spans_plainly_valid,
    text_sha256,
    validate_relation,
    validate_span,
)
from annotator.core.collections_pause import fewer_collections
from annotator.core.input_checks import record_problems
from annotator.core.offsets import Utf16Map, is_grapheme_boundary, normalize_text, snap_to_graphemes
from annotator.core.schema import SchemaDeclaration
from annotator.formats import LineInFile, RecordError, SkippedRecord
from annotator.store.project import Project, StorageError


@dataclass
class ImportReport:
    documents_added: int = 0
    records_added: int = 0  # (document, annotator) records whose work was added
    spans_added: int = 0
    relations_added: int = 0
    suggestions_added: int = 0
    skipped: list[str] = field(default_factory=list)  # sources of records already in the project
    rejected: list[RecordError] = field(default_factory=list)
    # (source, what): parts of the input not imported, e.g. brat event lines, a Prodigy "reject"
    # answer, identical duplicate spans merged. Printed and written to --report: never silent.
    not_carried: list[tuple[str, str]] = field(default_factory=list)

    def added_rows(self) -> dict[str, int]:
        """How many rows the import added to each table (for :meth:`Project.after_bulk_write`)."""
        return {"documents": self.documents_added, "document_texts": self.documents_added,
                "document_status": self.records_added, "spans": self.spans_added,
                "relations": self.relations_added, "suggestions": self.suggestions_added}


# How much an import holds before writing it (inside its one transaction).
FLUSH_RECORDS = 500
FLUSH_CHARS = 8_000_000
# A token a document keeps from its source (a column file's offsets and columns, in its meta)
# weighs in memory what this many characters of text weigh (about 250 bytes against 4-6):
# counted as text alone, documents of a 12 MB CoNLL file cut in 1,000 sentences each were all
# held until the import's end (334 MB; see document_weight).
TOKEN_CHARS = 40


def document_weight(document) -> int:
    """What a document weighs in memory, in characters of text: its text, and the tokens its
    meta keeps from a token format's source (each TOKEN_CHARS)."""
    weight = len(document.text) if isinstance(document.text, str) else 0
    meta = document.meta
    if isinstance(meta, dict):
        for key in TOKEN_SOURCES:
            kept = meta.get(key)
            if isinstance(kept, dict) and isinstance(kept.get("sentences"), EncodedJSON):
                weight += kept["sentences"].chars  # (a character of JSON weighs about one of text)
            elif isinstance(kept, dict) and isinstance(kept.get("sentences"), list):
                weight += TOKEN_CHARS * sum(len(s["tokens"]) for s in kept["sentences"]
                                            if isinstance(s, dict) and isinstance(s.get("tokens"), (list, tuple)))
    return weight


class ImportFailed(Exception):
    """Nothing was imported; ``errors`` lists every bad record with its file:line."""

    def __init__(self, errors: list[RecordError]):
        self.errors = errors
        super().__init__(f"{len(errors)} invalid record(s); nothing imported")


def import_records(
    project: Project,
    records: Iterable[AnnotatedDocument | RecordError],
    *,
    skip_invalid: bool = False,
    nfc: bool = False,
    newlines: bool = False,
    progress: Callable[[], None] | None = None,
    offset_unit: str = "codepoint",
    snap: bool = False,
) -> ImportReport:
    """Validate ``records`` and add them to ``project`` in one transaction.

    A document already in the project with the same text is not added again; a record whose
    (document, annotator) already has work in the project is skipped and counted. ``nfc`` and
    ``newlines`` normalise incoming text and remap its offsets (see
    :func:`annotator.core.offsets.normalize_text`).
    """
    # The write lock is taken before the project is read for validation: what was checked is
    # what the insert finds, and a second writer waits instead of failing half-way.
    with project.transaction(importing=True), fewer_collections():
        report = _import_locked(project, records, skip_invalid, CheckOptions(offset_unit, nfc, newlines, snap),
                                progress)
    project.after_bulk_write(report.added_rows())  # nothing yet inside a caller's transaction: see there
    return report


def _import_locked(project: Project, records, skip_invalid: bool, options: CheckOptions,
                   progress: Callable[[], None] | None) -> ImportReport:
    # What the project already holds is asked per batch of records (indexed lookups of their
    # ids), never loaded whole: memory stays flat however large the project.
    importer = _Importer(project, skip_invalid, options)
    batch: list = []
    batch_chars = 0
    try:
        for record in records:
            if progress is not None:
                progress()
            batch.append(record)
            document = record.record.document if isinstance(record, Checked) else getattr(record, "document", None)
            if document is not None:
                batch_chars += document_weight(document)
            if len(batch) >= BATCH_RECORDS or batch_chars >= FLUSH_CHARS:
                importer.take(batch)
                batch, batch_chars = [], 0
        importer.take(batch)
        return importer.finish()
    except BaseException as exc:
        # The writes under way end before the transaction rolls back. A failed write is the
        # cause when this process's own step then failed on the transaction it aborted.
        failed_write = importer.writes.stop()
        if failed_write is not None and isinstance(exc, StorageError):
            raise failed_write from None
        raise
    finally:
        importer.close_checks()


class _WritesInTurn:
    """An import's batches written one after another, each while the import checks the next
    (on a server: see Project.writes_in_background), else at once. A write's failure is raised
    by the next step that waits for it."""

    def __init__(self, in_background: bool):
        self.in_background = in_background
        self.thread: threading.Thread | None = None
        self.failure: BaseException | None = None

    def write(self, write: Callable, *args) -> None:
        self.wait()
        if not self.in_background:
            write(*args)
            return

        def run() -> None:
            try:
                write(*args)
            except BaseException as exc:  # noqa: BLE001 - raised by the import's next wait
                self.failure = exc

        self.thread = threading.Thread(target=run, name="annotator import writes", daemon=True)
        self.thread.start()

    def wait(self) -> None:
        """Until the write under way has ended; raises its failure."""
        failure = self.stop()
        if failure is not None:
            raise failure

    def stop(self) -> BaseException | None:
        """Until the write under way has ended; its failure, if it failed."""
        if self.thread is not None:
            self.thread.join()
            self.thread = None
        failure, self.failure = self.failure, None
        return failure


# How many records are checked against the project with one query (their ids in one IN list).
BATCH_RECORDS = 200


class _Importer:
    """The state of one import: what it has met, what waits to be written, its report."""

    def __init__(self, project: Project, skip_invalid: bool, options: CheckOptions):
        self.project = project
        self.schema = project.schema
        self.skip_invalid, self.options = skip_invalid, options
        self.schema_text = project.schema.to_toml()  # what records checked elsewhere must have met
        self.report = ImportReport()
        # What this import has met so far (documents with their hash and first source, and
        # each annotator's work) lives in temporary tables, not dicts: SQLite keeps them on disk
        # past a few megabytes, so an import of any size holds no more memory than a chunk.
        # What the checks ask of the project, on a connection of their own where writes go on
        # meanwhile (see Project.checks_connection).
        self.checks = project.checks_connection()
        try:
            self.seen = _SeenInImport(self.checks.db.conn)
        except BaseException:
            self.close_checks()
            raise
        # Records are written in chunks as they are checked, inside the import's one
        # transaction: memory stays bounded whatever the file's size, and a bad record anywhere
        # still rolls everything back (ImportFailed leaves the transaction, which rolls back).
        self.accepted: list[AnnotatedDocument] = []
        self.new_documents: dict[str, Document] = {}
        self.hashes: dict[str, str] = {}  # of new_documents (computed once, by check_record)
        self.added_documents: set[str] = set()
        self.pending_chars = 0
        self.writes = _WritesInTurn(project.writes_in_background)

    def take(self, batch: list) -> None:
        """Check a batch of records in their order and queue the good ones for writing."""
        checked = [check_record(r, self.options) if isinstance(r, AnnotatedDocument) else r for r in batch]
        if any(isinstance(c, Checked) and c.options != self.options for c in checked):
            # Its offsets may have been converted (UTF-16) or its text normalised already:
            # checking it again under other options could convert twice.
            raise ValueError("records checked with other offset or text options than the import's")
        ids = list({c.record.document.id for c in checked if isinstance(c, Checked) and not c.problems})
        stored = self.checks.document_hashes_of(ids)  # in the project before this import
        # Their writers wait from here to the import's end (on a server; a file's import holds
        # the whole project): what is checked below is what is written.
        self.project.lock_documents(sorted(stored))
        met = self.seen.documents(ids)  # doc id -> (sha, first source, in the project before)
        work = self.seen.works(ids)  # (doc id, annotator) -> source, for this import's work
        stored_work = self.checks.work_of([i for i in ids if i in stored or (i in met and met[i][2])])
        new_met: list[tuple] = []
        new_work: list[tuple] = []
        report = self.report
        for item in checked:
            if isinstance(item, RecordError):
                report.rejected.append(item)
                continue
            if isinstance(item, SkippedRecord):
                report.not_carried.append((item.source, item.reason))
                continue
            if isinstance(item, SchemaDeclaration):
                continue  # a tool's configuration: read by import --extend-schema, nothing to store
            record = item.record
            report.not_carried += [(record.source, note) for note in record.notes]
            if item.problems:
                report.rejected.append(RecordError(record.source, "; ".join(item.problems), record.raw))
                continue
            doc = record.document
            problems: list[str] = []
            first = met.get(doc.id)  # (sha, first source, in the project before this import)
            stored_sha = stored.get(doc.id) if first is None else None
            met_before = stored_sha is not None if first is None else first[2]
            if stored_sha is not None and stored_sha != item.sha:
                problems.append(f"document {doc.id!r} is already in the project with a different text")
            elif first is not None and first[0] != item.sha:
                problems.append(f"document {doc.id!r} has a different text at {first[1]}")
            key = (doc.id, record.annotator)
            # Suggestion records (a "source") are not anyone's work: several for one document
            # (the rules' and a model's) merge, one suggestion per place.
            is_work = record.annotator is not None and record.suggested_by is None
            earlier = work.get(key) if not problems and is_work else None
            if earlier is not None:
                problems.append(f"document {doc.id!r} by {record.annotator!r} appears twice in this import "
                                f"(also at {earlier})")
            if problems:
                report.rejected.append(RecordError(record.source, "; ".join(problems), record.raw))
                continue
            if first is None:
                met[doc.id] = (item.sha, record.source, met_before)
                new_met.append((doc.id, item.sha, record.source, int(met_before)))
            if is_work:
                work[key] = record.source
                new_work.append((doc.id, record.annotator, record.source))
            self._queue(item, met_before, key in stored_work)
        self.seen.add(new_met, new_work)

    def _queue(self, item: Checked, already_there: bool, has_work: bool) -> None:
        record, sha = item.record, item.sha
        report, doc = self.report, record.document
        suggested = record.suggested_by is not None
        if not suggested and already_there and (record.annotator is None or has_work):
            report.skipped.append(record.source)
            return
        problems = (list(item.schema_problems) if item.schema_problems is not None
                    and item.schema_text == self.schema_text else schema_problems(record, self.schema))
        if any(marker in problem for problem in problems for marker in _MISSING_FROM_SCHEMA):
            problems.append("import with --extend-schema to add what the schema lacks")
        if not already_there:
            problems += self.project.storage_problems(doc)
        if problems:
            report.rejected.append(RecordError(record.source, "; ".join(problems), record.raw))
            return
        if report.rejected and not self.skip_invalid:
            return  # the import will fail: go on checking (to list every problem), stop writing
        if not already_there and doc.id not in self.new_documents and doc.id not in self.added_documents:
            self.new_documents[doc.id] = doc
            self.hashes[doc.id] = sha
            self.pending_chars += document_weight(doc)
        if suggested:
            self._flush()  # its document must be in the project first
            self.writes.wait()
            report.suggestions_added += self.project.add_suggestions(doc.id, record.spans, record.relations,
                                                                     record.suggested_by)
        elif record.annotator is not None:
            self.accepted.append(record)
            self.pending_chars += 50 * len(record.spans)
        # New documents count too: records without anyone's work (a treebank's, a text folder's)
        # add no accepted record, and a document's meta (a treebank's token rows) can be many
        # times its text: counting characters alone let a 47 MB CoNLL-U import hold every
        # document until its end (590 MB).
        if len(self.accepted) + len(self.new_documents) >= FLUSH_RECORDS or self.pending_chars >= FLUSH_CHARS:
            self._flush()

    def _flush(self) -> None:
        report = self.report
        if self.accepted or self.new_documents:
            self.writes.write(self.project.insert_annotated, list(self.accepted), list(self.new_documents.values()),
                              dict(self.hashes))
        report.records_added += len(self.accepted)
        report.spans_added += sum(len(r.spans) for r in self.accepted)
        report.relations_added += sum(len(r.relations) for r in self.accepted)
        self.added_documents.update(self.new_documents)
        self.accepted.clear()
        self.new_documents.clear()
        self.hashes.clear()
        self.pending_chars = 0

    def close_checks(self) -> None:
        if self.checks is not self.project:
            self.checks.close()  # its temporary tables with it

    def finish(self) -> ImportReport:
        if self.report.rejected and not self.skip_invalid:
            raise ImportFailed(self.report.rejected)  # the transaction rolls back, the temporary tables too
        self._flush()
        self.writes.wait()
        self.seen.close()
        self.report.documents_added = len(self.added_documents)
        return self.report


class _SeenInImport:
    """The documents and (document, annotator) pairs an import has met, in temporary tables of
    the project's connection (never in the project file)."""

    def __init__(self, conn):
        self.conn = conn
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS import_documents "
                     "(id TEXT PRIMARY KEY, sha TEXT, source TEXT, before INTEGER) WITHOUT ROWID")
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS import_work "
                     "(doc_id TEXT, annotator TEXT, source TEXT, PRIMARY KEY (doc_id, annotator)) WITHOUT ROWID")
        conn.execute("DELETE FROM temp.import_documents")
        conn.execute("DELETE FROM temp.import_work")

    def documents(self, ids: list[str]) -> dict[str, tuple[str, str, bool]]:
        if not ids:  # "IN ()" is SQLite's, not standard SQL
            return {}
        rows = self.conn.execute(f"SELECT id, sha, source, before FROM temp.import_documents "
                                 f"WHERE id IN ({','.join('?' * len(ids))})", ids)
        return {doc_id: (sha, source, bool(before)) for doc_id, sha, source, before in rows}

    def works(self, ids: list[str]) -> dict[tuple[str, str], str]:
        if not ids:
            return {}
        rows = self.conn.execute(f"SELECT doc_id, annotator, source FROM temp.import_work "
                                 f"WHERE doc_id IN ({','.join('?' * len(ids))})", ids)
        return {(doc_id, annotator): source for doc_id, annotator, source in rows}

    def add(self, documents: list[tuple], work: list[tuple]) -> None:
        self.conn.executemany("INSERT INTO temp.import_documents VALUES (?, ?, ?, ?)", documents)
        self.conn.executemany("INSERT INTO temp.import_work VALUES (?, ?, ?)", work)

    def close(self) -> None:
        self.conn.execute("DROP TABLE IF EXISTS temp.import_documents")
        self.conn.execute("DROP TABLE IF EXISTS temp.import_work")


@dataclass(frozen=True)
class CheckOptions:
    """How an import reads offsets and text: the unit of the file's offsets, and whether text
    is normalised to NFC and its newlines to LF."""

    offset_unit: str = "codepoint"
    nfc: bool = False
    newlines: bool = False
    snap: bool = False  # widen span edges that split a grapheme cluster to whole clusters


@dataclass
class Checked:
    """A record with what can be checked before the project is asked (see :func:`check_record`)."""

    record: AnnotatedDocument
    problems: list[str]  # the record cannot be imported as it is (offsets, units, characters)
    options: CheckOptions
    sha: str = ""
    # Checked against the schema already (by a reading process, see store/reading_worker.py):
    # that schema (as TOML: the import uses what was found only under the same schema) and
    # what it found.
    schema_text: str = ""
    schema_problems: list[str] | None = None


def check_record(record: AnnotatedDocument, options: CheckOptions) -> Checked:
    """What a record needs before the project is asked about it: duplicate spans merged,
    characters and offsets checked (converted from UTF-16 when asked), text normalised when
    asked, and its hash. (Checking it against the schema waits: a record already in the
    project is skipped unchecked.)"""
    record = _without_duplicate_spans(record)
    problems = record_problems(record)
    if not problems:
        record, problems = _in_code_points(record, options.offset_unit)
    if problems:
        return Checked(record, problems, options)
    if options.nfc or options.newlines:
        try:
            record = _normalised(record, nfc=options.nfc, newlines=options.newlines)
        except ValueError as exc:
            return Checked(record, [str(exc)], options)
    if options.snap:
        record = _snapped_to_graphemes(record)
    return Checked(record, [], options, text_sha256(record.document.text))


def _snapped_to_graphemes(record: AnnotatedDocument) -> AnnotatedDocument:
    """The record with each span edge that splits a grapheme cluster (a letter from its
    harakat, an emoji sequence) moved out to the cluster's edge, said in its notes: tools that
    select in a browser can end a span between a letter and its marks (import --snap-to-graphemes)."""
    text = record.document.text
    spans, moved = [], []
    for span in record.spans:
        if isinstance(span.start, int) and isinstance(span.end, int) and 0 <= span.start < span.end <= len(text) \
                and not (is_grapheme_boundary(text, span.start) and is_grapheme_boundary(text, span.end)):
            start, end = snap_to_graphemes(text, span.start, span.end)
            moved.append(f"{span.id} {span.start}..{span.end} -> {start}..{end}")
            span = replace(span, start=start, end=end)
        spans.append(span)
    if not moved:
        return record
    record = replace(record, spans=spans, notes=[*record.notes, f"document {record.document.id!r}: {len(moved)} "
                                                f"span(s) widened to whole letters with their marks: "
                                                + "; ".join(moved[:5]) + (" …" if len(moved) > 5 else "")])
    return _without_duplicate_spans(record)


def check_fully(record: AnnotatedDocument, schema, schema_text: str, options: CheckOptions) -> Checked:
    """:func:`check_record` and the schema's checks too (``schema_text``: its TOML), for a
    process that reads ahead of the import; the import uses what was found when the record is
    not in the project already."""
    checked = check_record(record, options)
    if not checked.problems:
        checked.schema_text = schema_text
        checked.schema_problems = schema_problems(checked.record, schema)
    return checked


def schema_problems(record: AnnotatedDocument, schema) -> list[str]:
    """What ``schema`` says against the record's spans and links (a suggestion's, or work)."""
    if record.suggested_by is not None:
        return _suggestion_problems(record, schema)
    return annotation_problems(record, schema)


_MISSING_FROM_SCHEMA = ("unknown layer", "is not in layer", "unknown relation type", "has no attribute")


def _in_code_points(record: AnnotatedDocument, unit: str) -> tuple[AnnotatedDocument, list[str]]:
    """The record's span offsets in code points (converted from UTF-16 units when the file
    counts those), checked against the span texts the file gives, with the likely unit named
    when they disagree."""
    if unit == "codepoint" and not record.span_texts:
        return record, []  # nothing to convert or check: the common case stays free
    text = record.document.text
    spans = record.spans
    if unit == "utf16" and spans:
        units = Utf16Map(text)
        converted, problems = [], []
        for span in spans:
            try:
                converted.append(replace(span, start=units.to_codepoint(span.start), end=units.to_codepoint(span.end)))
            except (ValueError, IndexError, TypeError) as exc:
                problems.append(f"span {span.id}: {exc}")
        if problems:
            return record, problems
        spans = converted
        record = replace(record, spans=spans)
    problems = []
    for span in spans:
        given = record.span_texts.get(span.id)
        if given is None or not isinstance(span.start, int) or not isinstance(span.end, int):
            continue
        if text[span.start:span.end] != given:
            problems.append(f"span {span.id}: the file gives the text {given!r} but the offsets {span.start}..{span.end} "
                            f"hold {text[span.start:span.end]!r}" + _unit_hint(text, span, given, unit))
    return record, problems


def _unit_hint(text: str, span, given: str, unit: str) -> str:
    """Name the offset unit under which the file's own span text would match."""
    units = Utf16Map(text)
    try:
        if unit == "codepoint":
            a, b = units.to_codepoint(span.start), units.to_codepoint(span.end)
            if text[a:b] == given:
                return "; the offsets look like UTF-16 units: import with --offset-unit utf16"
        else:
            # The span is already converted; the file's own numbers were its UTF-16 positions.
            a, b = units.to_utf16(span.start), units.to_utf16(span.end)
            if text[a:b] == given:
                return "; the offsets look like code points: import with --offset-unit codepoint"
    except (ValueError, IndexError):
        pass
    return ""


def _without_duplicate_spans(record: AnnotatedDocument) -> AnnotatedDocument:
    """One span for each identical (layer, label, offsets, attributes): links to a dropped copy
    go to the kept one, identical links are merged too. Reported in the record's notes."""
    try:
        if len({(s.layer, s.label, s.start, s.end) for s in record.spans}) == len(record.spans):
            return record  # no two spans even share their place: nothing to merge
    except TypeError:
        pass  # unhashable offsets: validation reports them
    kept: dict[tuple, str] = {}
    alias: dict[str, str] = {}
    spans = []
    for span in record.spans:
        try:
            # Most spans have no attributes: no JSON for them (300,000 dumps cost seconds).
            attrs = json.dumps(span.attrs, sort_keys=True) if span.attrs else ""
            key = (span.layer, span.label, span.start, span.end, attrs)
        except (TypeError, ValueError):
            spans.append(span)  # validation reports what is wrong with it
            continue
        if key in kept:
            alias[span.id] = kept[key]
        else:
            kept[key] = span.id
            spans.append(span)
    if not alias:
        return record
    relations, seen = [], set()
    for relation in record.relations:
        relation = replace(relation, from_id=alias.get(relation.from_id, relation.from_id),
                           to_id=alias.get(relation.to_id, relation.to_id))
        if (relation.label, relation.from_id, relation.to_id) not in seen:
            seen.add((relation.label, relation.from_id, relation.to_id))
            relations.append(relation)
    note = (f"document {record.document.id!r}: {len(alias)} identical duplicate span(s) merged "
            f"({', '.join(sorted(alias))} into {', '.join(sorted(set(alias.values())))})")
    return replace(record, spans=spans, relations=relations, notes=[*record.notes, note])


def annotation_problems(record: AnnotatedDocument, schema) -> list[str]:
    text = record.document.text
    problems: list[str] = []
    if spans_plainly_valid(record.spans, text, schema):
        spans_by_id = {span.id: span for span in record.spans}
    else:  # span by span, naming every problem
        spans_by_id = {}
        for span in record.spans:
            if span.id in spans_by_id:
                problems.append(f"span id {span.id!r} is used twice")
            spans_by_id[span.id] = span
            problems += validate_span(span, text, schema)
        if problems:
            return problems
    problems += overlap_problems(record.spans, schema)
    seen_relations = set()
    for relation in record.relations:
        if relation.id in seen_relations:
            problems.append(f"relation id {relation.id!r} is used twice")
        seen_relations.add(relation.id)
        problems += validate_relation(relation, spans_by_id, schema)
    return problems


def _suggestion_problems(record: AnnotatedDocument, schema) -> list[str]:
    """Suggestions may overlap each other (a model proposes, people decide), but each must be
    a valid span, and links must join suggestions of the same record."""
    problems: list[str] = []
    ids = set()
    for span in record.spans:
        problems += validate_span(span, record.document.text, schema)
        ids.add(span.id)
    for relation in record.relations:
        if relation.from_id not in ids or relation.to_id not in ids:
            problems.append(f"relation {relation.id}: its ends must be spans of the same record")
        elif schema.relation(relation.label) is None:
            problems.append(f"relation {relation.id}: unknown relation type {relation.label!r}")
    return problems


def _normalised(record: AnnotatedDocument, *, nfc: bool, newlines: bool) -> AnnotatedDocument:
    text, remap = normalize_text(record.document.text, nfc=nfc, newlines=newlines)
    spans = []
    for span in record.spans:
        try:
            spans.append(replace(span, start=remap(span.start), end=remap(span.end)))
        except ValueError as exc:
            raise ValueError(f"span {span.id}: {exc}; cannot normalise its offsets") from None
    meta = record.document.meta
    if text != record.document.text or nfc:
        meta = _tokens_normalised(meta, remap, nfc=nfc, moved=text != record.document.text)
    return replace(record, document=replace(record.document, text=text, meta=meta), spans=spans)


def _tokens_normalised(meta: dict, remap, *, nfc: bool, moved: bool) -> dict:
    """``meta`` with the tokens a column file's import keeps (TOKEN_SOURCES) moved as the text
    was (``moved``: it changed): left where they were, a token export after --nfc wrote other
    tokens than the file's, and a CoNLL file's kept columns (POS, chunk) were lost. With
    ``nfc``, the strings kept with them are normalised too (a treebank's rows and comments, a
    CoNLL file's columns): the CoNLL-U export writes them back, and after --nfc, which it asks
    for when a text is not NFC, it wrote the rows and "# text" as the file had them. A
    malformed list is left as it is (the export checks it against the text and tokenizes
    afresh)."""
    for key in TOKEN_SOURCES:
        kept = meta.get(key)
        stored = kept.get("sentences") if isinstance(kept, dict) else None
        if isinstance(stored, EncodedJSON):  # (as a column file's reader keeps them)
            if moved or nfc and not all(unicodedata.is_normalized("NFC", run) for run in stored.runs()):
                changed = _encoded_tokens_moved(stored, key, remap, nfc)
                if changed is not None:
                    meta = {**meta, key: {**kept, "sentences": changed}}
            continue
        sentences = decoded_meta(stored)
        if isinstance(sentences, list) and all(map(_token_list, sentences)):
            if nfc and not unicodedata.is_normalized("NFC", json.dumps(sentences, ensure_ascii=False)):
                sentences = _nfc_strings(sentences)
            elif not moved:
                continue
            meta = {**meta, key: {**kept, "sentences": [_sentence_moved(sentence, key, remap)
                                                        for sentence in sentences]}}
    return meta


def _sentence_moved(sentence: dict, key: str, remap) -> dict:
    return {**sentence, "tokens": [_moved(token, key, remap) for token in sentence["tokens"]]}


def _encoded_tokens_moved(stored: EncodedJSON, key: str, remap, nfc: bool) -> EncodedJSON | None:
    """An EncodedJSON's sentences with their tokens moved (None when one sentence's tokens are
    not a list of offsets: left as they are), and with ``nfc`` their strings normalised, read
    and written again a run of sentences at a time (see JSONItems): decoded whole, a treebank of
    a million tokens took 1.3 GB to import with --nfc."""
    for run in stored.runs():
        if not all(map(_token_list, json.loads(f"[{run}]"))):
            return None
    items = JSONItems()
    for run in stored.runs():
        # (a run whose JSON is NFC has NFC strings: JSON's own characters are ASCII, and its
        # strings are written as they are but for escapes, which normalisation leaves alone)
        strings_to_normalise = nfc and not unicodedata.is_normalized("NFC", run)
        for sentence in json.loads(f"[{run}]"):
            if strings_to_normalise:
                sentence = _nfc_strings(sentence)
            items.append(json.dumps(_sentence_moved(sentence, key, remap), ensure_ascii=False))
    return EncodedJSON(items, stored.tokens)


def _nfc_strings(value):
    """``value`` (parsed JSON) with every string in it NFC. (Not the JSON text normalised: a
    combining mark after an escape such as \\t would join its letter.)"""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc_strings(item) for item in value]
    if isinstance(value, dict):
        return {key: _nfc_strings(item) for key, item in value.items()}
    return value


def _token_list(sentence) -> bool:
    return isinstance(sentence, dict) and are_offset_pairs(sentence.get("tokens"))


def _moved(token, key: str, remap) -> tuple[int, int]:
    try:
        return remap(token[0]), remap(token[1])
    except ValueError:
        raise ValueError(f"meta {key} token {list(token)}: an offset is not on a grapheme cluster boundary; "
                         "cannot normalise its offsets") from None


def write_rejects(path: Path, rejected: list[RecordError]) -> None:
    """Rejected records as JSONL: ``{"source", "reason", "input"}`` (input: the raw line)."""
    with path.open("w", encoding="utf-8", newline="\n", errors="backslashreplace") as out:
        for error in rejected:
            if isinstance(error.raw, LineInFile):
                _write_long_reject(out, error)
                continue
            out.write(json.dumps({"source": error.source, "reason": error.reason, "input": error.raw},
                                 ensure_ascii=False) + "\n")


def _write_long_reject(out, error: RecordError) -> None:
    """A rejected long JSONL line (a LineInFile) as write_rejects writes a record, its input
    read from the file and written a piece at a time: read whole and written as one string, a
    line of 100 MB took 750 MB."""
    head = json.dumps({"source": error.source, "reason": error.reason}, ensure_ascii=False)[:-1]
    try:
        pieces = error.raw.pieces()
        first = next(pieces)
    except OSError:  # (the file is gone)
        out.write(head + ', "input": null}\n')
        return
    out.write(head + ', "input": "')
    for piece in itertools.chain((first,), pieces):
        out.write(json.dumps(piece, ensure_ascii=False)[1:-1])  # (JSON escapes a character at a time)
    out.write('"}\n')
