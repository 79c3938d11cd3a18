"""A project: one SQLite file holding documents, the schema, annotators, spans, relations and
per-annotator document status.

Every public method that writes is one transaction: when it returns, the change is on disk
(WAL mode, so readers in other processes see it and are not blocked). Methods validate
against the document text and the project schema and raise
:class:`~annotator.core.model.ValidationError` before writing anything.
"""

from __future__ import annotations

import codecs
import functools
import itertools
import json
import operator
import os
import sqlite3
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from annotator.core.model import (
    STATUSES,
    AnnotatedDocument,
    Document,
    RawJSON,
    Relation,
    Span,
    StoredJSON,
    StoredSpans,
    ValidationError,
    attrs_json,
    dumps_spliced,
    holds_spliced,
    iter_spliced_pieces,
    next_id,
    overlap_problems,
    utf8_pieces,
    validate_relation,
    validate_span,
)
from annotator.core.schema import Schema, default_schema, parse_schema
from annotator.formats.kept_sentences import NotKept, check_json
from annotator.outputs import project_files
from annotator.store.location import is_server_url
from annotator.store.migrations import MARKERS, migrations
from annotator.store.recognition import NotAProject, recognise
from annotator.store.storage_errors import explain_sqlite_error

BUSY_TIMEOUT_SECONDS = 10
# After this long waiting for another writer, say so (then keep waiting up to the timeout).
WAIT_NOTICE_SECONDS = 1
# SQLite's page cache (KiB) while an importing transaction runs, instead of its 2 MB default:
# with 2 MB, the pages of the growing tables and indexes are written out to the WAL again and
# again before the commit (a spill each time the cache is full of changed pages); with 16 MB
# an import of 10,000 documents / 300,000 spans took 10-15% less CPU in the writing process
# (measured; 32 and 128 MB gave no more, and an import's memory has a ceiling to keep).
IMPORT_CACHE_KIB = 16_384
# documents.meta as text, for every reader of it: a long one is stored as a BLOB of its UTF-8
# (Project.META_BLOB_BYTES). (No other table of a query that reads it has a column "meta".)
META_AS_TEXT = "CAST(meta AS TEXT)"
# document_texts.text as text, for every reader of it: a long one is stored as a BLOB of its
# UTF-8 too (Project.TEXT_BLOB_BYTES). (documents, which queries join to it, has no "text".)
TEXT_AS_TEXT = "CAST(text AS TEXT)"
_SPAN_COLUMNS = 'spans.pk, spans.id, spans.doc_id, spans.annotator, spans.layer, spans.label, spans.start, spans."end", spans.attrs'


_TEXT_PIECE_CHARS = 1 << 18  # a long text is encoded to UTF-8 this many characters at a time


def _utf8_size(text: str) -> int:
    """The length of ``text``'s UTF-8, encoded a piece at a time (not kept: see TEXT_BLOB_BYTES)."""
    return sum(map(len, utf8_pieces(text, _TEXT_PIECE_CHARS)))


class ProjectError(Exception):
    """A project that cannot be created, opened or changed as asked."""


class StorageError(ProjectError):
    """A write the storage refused: lock held past the timeout, read-only file, disk full.
    Nothing of that write is stored."""


class ProjectReadOnly(ProjectError):
    """The project file (or its folder) cannot be written: open it read-only instead."""


class ProjectNeedsUpgrade(ProjectError):
    """A project made by an older annotator, not upgraded because the caller did not allow it."""


@dataclass
class DocumentInfo:
    """What a document listing shows, read without the document's text."""

    id: str
    length: int
    sha256: str
    meta: dict
    status: dict[str, str] = field(default_factory=dict)  # annotator -> status


def _checked_under_the_document_lock(method):
    """As :func:`_checked_under_the_write_lock`, for a method that changes one document, named
    by its first argument (the document's id, or a span or relation of it). On a server only
    that document's writers wait for each other: an annotator saving is not held up by others
    saving elsewhere, nor by an import of new documents."""
    @functools.wraps(method)
    def locked(self, first, *args, **kwargs):
        with self._write(document=first if isinstance(first, str) else first.doc_id):
            return method(self, first, *args, **kwargs)
    return locked


def _checked_under_the_write_lock(method):
    """Run a writing method's checks and its write in one transaction holding the write lock,
    so that what was validated is still true when it is written (another program may write
    in between otherwise). The write inside becomes a savepoint."""
    @functools.wraps(method)
    def locked(self, *args, **kwargs):
        with self._write():
            return method(self, *args, **kwargs)
    return locked


class Project:
    """An open project file. Use :meth:`create` or :meth:`open`, and close it (or use ``with``)."""

    def __init__(self, path: Path, conn: sqlite3.Connection | None, readonly: bool):
        self.path = path  # what messages name (a server's URL without its password)
        self.location = path  # what opens it again (another process opens it by this)
        self.readonly = readonly
        # No sqlite-utils plugins: none is ours, and finding them reads every installed
        # package's metadata (22 ms of every command's start, measured).
        self.db = Database(conn, execute_plugins=False) if conn is not None else None
        self.busy_timeout = BUSY_TIMEOUT_SECONDS
        # Told "waiting for another program writing to P…" when a write has to wait.
        self.on_wait: Callable[[str], None] | None = None
        self.upgrade_backup: Path | None = None  # the copy kept when open() upgraded the file
        self._schema: Schema | None = None
        # Texts never change once imported, and every edit validates against its document's
        # text: keep the last few instead of reading megabytes per keystroke.
        self._texts: dict[str, str] = {}
        # The number of the span id to try first for a document and annotator (see
        # _next_span_id): one past the last this project gave.
        self._next_span_numbers: dict[tuple[str, str], int] = {}

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def create(cls, path: str | Path, schema: Schema | None = None) -> Project:
        """A new project: a file at ``path``, or in the empty database a ``postgresql://``
        URL names (:mod:`annotator.store.server`)."""
        if is_server_url(path):
            from annotator.store.server import ServerProject

            return ServerProject.create(path, schema)
        path = Path(path)
        if path.exists():
            raise ProjectError(f"{path}: already exists; choose another name or delete it first")
        if not path.parent.exists():
            raise ProjectError(f"{path.parent}: no such folder")
        try:
            project = cls(path, _connect(path, readonly=False), readonly=False)
        except sqlite3.Error as exc:
            path.unlink(missing_ok=True)
            raise ProjectError(explain_sqlite_error(exc, path)) from None
        try:
            migrations.apply(project.db)
            project.set_schema(schema or default_schema())
        except BaseException as exc:
            project.close()
            for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
                leftover.unlink(missing_ok=True)
            if isinstance(exc, sqlite3.Error):
                raise ProjectError(explain_sqlite_error(exc, path)) from None
            raise
        return project

    @classmethod
    def open(cls, path: str | Path, readonly: bool = False, upgrade: bool = True) -> Project:
        """Open a project file. It is first recognised read-only (nothing in a foreign file is
        changed before that); a project from an older annotator is upgraded only when
        ``upgrade`` and not ``readonly``, after a backup copy beside it (``upgrade_backup``).
        A ``postgresql://`` URL opens a project on a server instead."""
        if is_server_url(path):
            from annotator.store.server import ServerProject

            return ServerProject.open(path, readonly, upgrade)
        path = Path(path)
        if not path.exists():
            raise ProjectError(f"{path}: no such project file (create one with 'annotator init {path}')")
        if path.is_dir():
            raise ProjectError(f"{path}: a folder, not a project file")
        try:
            pending = recognise(path).pending
        except NotAProject as exc:
            raise ProjectError(str(exc)) from None
        changes = [name for name in pending if name not in MARKERS]  # (markers: written when opened for writing)
        if changes and readonly:
            raise ProjectNeedsUpgrade(f"{path}: made by an older annotator; open it once for writing to upgrade it "
                                      "(a backup copy is kept)")
        if changes and not upgrade:
            raise ProjectNeedsUpgrade(f"{path}: made by an older annotator and needs an upgrade before use "
                                      "(a backup copy is kept)")
        if not readonly and not _writable(path):
            raise ProjectReadOnly(f"{path} is read-only (the file or its folder cannot be written); "
                                  "open it read-only to look at it")
        try:
            project = cls(path, _connect(path, readonly=readonly), readonly)
        except sqlite3.Error as exc:
            error = ProjectReadOnly if "readonly" in str(exc) else ProjectError
            raise error(explain_sqlite_error(exc, path)) from None
        if pending and not readonly:
            try:
                if changes:
                    project.upgrade_backup = _backup_copy(project.db.conn, path)
                migrations.apply(project.db)
            except (sqlite3.Error, OSError) as exc:
                project.close()
                message = explain_sqlite_error(exc, path) if isinstance(exc, sqlite3.Error) else str(exc)
                raise ProjectError(f"{path}: could not upgrade it: {message}") from None
        return project

    def close(self) -> None:
        self.db.conn.close()

    def copy_to(self, target: str | Path) -> tuple[int, int]:
        """Write a copy of the whole project to the new file ``target``, consistent even while
        other programs write to it: what they committed and SQLite still holds in the
        ``-wal`` file beside the project is included (copying the project file alone loses it).
        Written to a temporary file in the target's folder and renamed into place when
        complete, so a failed copy leaves no half-written project behind. Returns the copy's
        numbers of documents and spans. A ``postgresql://`` target gets the same project in its
        empty database (:mod:`annotator.store.copying`)."""
        if is_server_url(target):
            from annotator.store.copying import copy_project

            return copy_project(self, target)
        # The temporary file is made by SQLite (not mkstemp, whose file only its owner may
        # read): the copy gets the permissions of any new project, for a teammate to use.
        target, temporary = copy_target(target)
        try:
            copy = sqlite3.connect(str(temporary))
            try:
                self.db.conn.backup(copy)  # page by page, in one read transaction of the project
                counts = copy.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM spans)").fetchone()
            finally:
                copy.close()
            os.replace(temporary, target)
            return counts
        except sqlite3.Error as exc:
            raise ProjectError(explain_sqlite_error(exc, target)) from None
        finally:
            for leftover in project_files(temporary):
                leftover.unlink(missing_ok=True)

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def data_version(self) -> int:
        """Changes when another connection commits to the file (for refreshing views)."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    @contextmanager
    def _write(self, document: str | None = None, importing: bool = False):
        """One transaction holding the write lock from its start (BEGIN IMMEDIATE), so that a
        second writer waits for the busy timeout instead of failing at its first write; nested
        blocks are savepoints. A storage failure (lock held past the timeout, read-only file,
        disk full) rolls back and becomes a ProjectError that says which.

        ``document`` (a write to that document only) and ``importing`` (see
        :meth:`transaction`) let a server's writers go on side by side; a file has one writer
        at a time whatever they say."""
        if self.readonly:
            raise ProjectError(f"{self.path}: opened read-only; nothing was written")
        conn = self.db.conn
        if conn.in_transaction:
            with self.db.atomic():
                yield
            return
        cache = conn.execute("PRAGMA cache_size").fetchone()[0] if importing else None
        if importing:
            conn.execute(f"PRAGMA cache_size=-{IMPORT_CACHE_KIB}")
        try:
            self._begin_immediate()
            try:
                yield
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                _rollback(conn)
                if isinstance(exc, sqlite3.OperationalError) or type(exc) is sqlite3.DatabaseError:
                    raise StorageError(explain_sqlite_error(exc, self.path)) from None
                raise
            except BaseException:
                _rollback(conn)
                raise
        finally:
            if importing:
                with suppress(sqlite3.Error):  # never hides why the transaction failed
                    conn.execute(f"PRAGMA cache_size={cache}")  # SQLite frees what it held past that

    def _begin_immediate(self) -> None:
        conn = self.db.conn
        started = time.monotonic()
        try:
            for attempt, timeout in enumerate((min(WAIT_NOTICE_SECONDS, self.busy_timeout), self.busy_timeout)):
                remaining = max(0.0, timeout - (time.monotonic() - started))
                conn.execute(f"PRAGMA busy_timeout={int(remaining * 1000)}")
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) and "busy" not in str(exc):
                        raise StorageError(explain_sqlite_error(exc, self.path)) from None
                    if attempt == 1 or remaining <= 0:
                        raise StorageError(explain_sqlite_error(exc, self.path, waited=self.busy_timeout)) from None
                    if self.on_wait is not None:
                        self.on_wait(f"waiting for another program writing to {self.path}…")
        finally:
            conn.execute(f"PRAGMA busy_timeout={int(self.busy_timeout * 1000)}")

    @contextmanager
    def one_moment(self):
        """Reads in one transaction: every query in it sees the project as it was at the first
        (on a server, a repeatable-read transaction). Inside a transaction already open: that
        one."""
        conn = self.db.conn
        if conn.in_transaction:
            yield
            return
        conn.execute("BEGIN")
        try:
            yield
        finally:
            conn.rollback()  # nothing was written: the end of the snapshot

    def transaction(self, importing: bool = False, document: str | None = None):
        """Group several writes into one transaction (each method's own nests inside it).
        ``document``: they all change that document (see :meth:`_write`).

        ``importing``: the transaction adds documents and work, and calls
        :meth:`lock_documents` for the documents already in the project before it reads or
        changes them. On a server, annotators then go on saving their work on every other
        document meanwhile (the import's new documents are nobody's until it commits);
        without it, every other writer waits for the transaction's end."""
        return self._write(document=document, importing=importing)

    def lock_documents(self, doc_ids: list[str]) -> None:
        """In an importing transaction: the documents it is about to read and change, which
        their writers may not change until it ends (a file's transaction holds them all
        already)."""

    # ------------------------------------------------------------------ schema

    @property
    def schema(self) -> Schema:
        if self._schema is None:
            row = self.db.execute("SELECT value FROM settings WHERE key = 'schema'").fetchone()
            self._schema = parse_schema(json.loads(row[0]))
        return self._schema

    # Whether an import writes each batch while it checks the next (a file's connection
    # belongs to the thread that opened it, and SQLite's writing is this process's own work).
    writes_in_background = False

    def checks_connection(self) -> Project:
        """Where an import's checks read what the project held before it (its documents and
        work) and keep what it has met: this project (see ServerProject)."""
        return self

    def after_bulk_write(self, added: dict[str, int]) -> None:
        """Called once a bulk write (an import, a copy) has committed, with how many rows it
        added per table (inside a transaction still open, it does nothing: the caller calls it
        again after). A file needs nothing (see ServerProject)."""

    @_checked_under_the_write_lock
    def forget_schema(self) -> None:
        """Read the schema from the file again (after a rolled-back change)."""
        self._schema = None

    def set_schema(self, schema: Schema) -> None:
        """Replace the schema; refused if any stored span or relation would become invalid."""
        problems = []
        for layer, label, attrs, count in self.db.execute(
            'SELECT layer, label, attrs, count(*) FROM spans GROUP BY layer, label, attrs'
        ):
            probe = Span("?", "", "", layer, label, 0, 1, json.loads(attrs))
            for problem in validate_span(probe, " ", schema):
                problems.append(f"{count} stored span(s): {problem.removeprefix('span ?: ')}")
        for label, count in self.db.execute("SELECT label, count(*) FROM relations GROUP BY label"):
            if schema.relation(label) is None:
                problems.append(f"{count} stored relation(s) of type {label!r}, which the new schema lacks")
        problems += self._relation_layer_problems(schema)
        problems += self._overlap_problems(schema)
        for layer, label, count in self.db.execute(
                "SELECT layer, label, count(*) FROM suggestions GROUP BY layer, label"):
            if schema.layer(layer) is None or schema.layer(layer).label(label) is None:
                problems.append(f"{count} stored suggestion(s) labelled {label!r} in layer {layer!r}, which the new "
                                "schema lacks")
        if problems:
            raise ValidationError(problems)
        with self._write():
            self.db.execute(
                "INSERT OR REPLACE INTO settings(key, value) VALUES ('schema', ?)",
                [json.dumps(schema.to_dict(), ensure_ascii=False)],
            )
        self._schema = schema

    def _relation_layer_problems(self, schema: Schema) -> list[str]:
        """Stored links whose ends would no longer be in the layers their type joins."""
        problems = []
        for label, from_layer, to_layer, count, example in self.db.execute(
            "SELECT r.label, f.layer, t.layer, count(*), min(r.doc_id || ' ' || r.id) FROM relations r "
            "JOIN spans f ON f.pk = r.from_pk JOIN spans t ON t.pk = r.to_pk GROUP BY r.label, f.layer, t.layer"
        ):
            rtype = schema.relation(label)
            if rtype is not None and (rtype.from_layer, rtype.to_layer) != (from_layer, to_layer):
                problems.append(f"{count} stored {label!r} link(s) join {from_layer!r} to {to_layer!r}, but the new "
                                f"schema has {label!r} join {rtype.from_layer!r} to {rtype.to_layer!r} "
                                f"(e.g. document/relation {example})")
        return problems

    def _overlap_problems(self, schema: Schema, examples: int = 3) -> list[str]:
        """Stored overlapping spans in layers the new schema closes to overlaps."""
        problems = []
        for layer in schema.layers:
            if layer.overlap:
                continue
            rows = self.db.execute(
                'SELECT a.doc_id, a.annotator, a.id, b.id FROM spans a JOIN spans b ON b.doc_id = a.doc_id '
                'AND b.annotator = a.annotator AND b.layer = a.layer AND b.pk > a.pk '
                'AND b.start < a."end" AND a.start < b."end" WHERE a.layer = ?', [layer.name]).fetchall()
            if rows:
                shown = "; ".join(f"{d!r} by {a!r}: {x} and {y}" for d, a, x, y in rows[:examples])
                problems.append(f"{len(rows)} pair(s) of stored spans overlap in layer {layer.name!r}, which the new "
                                f"schema closes to overlaps (e.g. {shown}); remove the overlaps first")
        return problems

    def get_setting(self, key: str, default: str = "") -> str:
        """A project-wide setting (e.g. ``direction/<doc>``), stored in the project file."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str, document: str | None = None) -> None:
        """``document``: the setting is that document's (its text direction), and waits only
        for the document's writers (see :meth:`_write`)."""
        if key == "schema":
            raise ProjectError("the schema is changed with set_schema, which validates it")
        with self._write(document=document):
            self.db.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", [key, value])

    # ------------------------------------------------------------------ documents

    def document_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def list_documents(self) -> list[DocumentInfo]:
        """All documents in import order with their status per annotator (texts not read)."""
        infos = {}
        for doc_id, length, sha, meta in self.db.execute(
            f"SELECT id, length, sha256, {META_AS_TEXT} FROM documents ORDER BY position"
        ):
            infos[doc_id] = DocumentInfo(doc_id, length, sha, json.loads(meta))
        for doc_id, annotator, status in self.db.execute("SELECT doc_id, annotator, status FROM document_status"):
            infos[doc_id].status[annotator] = status
        return list(infos.values())

    def document_rows(self) -> tuple[list[tuple[str, int]], dict[str, dict[str, str]]]:
        """(id, length) of every document in order, and document -> annotator -> status: what
        the window's list needs, without parsing every document's meta."""
        rows = self.db.execute("SELECT id, length FROM documents ORDER BY position").fetchall()
        statuses: dict[str, dict[str, str]] = {}
        for doc_id, annotator, status in self.db.execute("SELECT doc_id, annotator, status FROM document_status"):
            statuses.setdefault(doc_id, {})[annotator] = status
        return rows, statuses

    def iter_document_rows(self) -> Iterator[tuple[str, int, dict[str, str]]]:
        """(id, length, annotator -> status) of every document in order, read as it goes
        (``annotator list --plain`` of a project of any size in flat memory)."""
        statuses = _GroupedByPosition(self.db.conn.execute(
            "SELECT s.annotator, s.status, d.position FROM document_status s JOIN documents d ON d.id = s.doc_id "
            "ORDER BY d.position"))
        for doc_id, length, position in self.db.conn.execute(
                "SELECT id, length, position FROM documents ORDER BY position"):
            yield doc_id, length, {row[0]: row[1] for row in statuses.take(position)}

    def document_ids(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT id FROM documents ORDER BY position")]

    def document(self, doc_id: str) -> Document:
        row = self.db.execute(
            f"SELECT d.id, {TEXT_AS_TEXT}, {META_AS_TEXT} FROM documents d JOIN document_texts t "
            "ON t.doc_id = d.id WHERE d.id = ?",
            [doc_id],
        ).fetchone()
        if row is None:
            raise ProjectError(f"no document {doc_id!r} in {self.path}")
        return Document(row[0], row[1], json.loads(row[2]))

    def text(self, doc_id: str) -> str:
        """A document's text, without its meta (a column file's document keeps every token's
        offsets and columns there: reading it to open a document of a million tokens in the
        window took 1.6 s of its 1.8 s, and 300 MB)."""
        text = self._texts.get(doc_id)
        if text is None:
            row = self.db.execute(f"SELECT {TEXT_AS_TEXT} FROM document_texts WHERE doc_id = ?", [doc_id]).fetchone()
            if row is None:
                raise ProjectError(f"no document {doc_id!r} in {self.path}")
            text = row[0]
            if len(self._texts) >= 4:
                self._texts.pop(next(iter(self._texts)))
            self._texts[doc_id] = text
        return text

    def document_hashes(self) -> dict[str, str]:
        """Document id -> sha256 of its text, for matching imports and merges."""
        return dict(self.db.execute("SELECT id, sha256 FROM documents"))

    def add_documents(self, documents: Iterable[Document]) -> int:
        """Add new documents in one transaction; an id already present is an error."""
        documents = list(documents)
        with self._write():
            self._insert_documents(documents)
        return len(documents)

    def document_hashes_of(self, ids: list[str]) -> dict[str, str]:
        """Document id -> sha256 for those of ``ids`` the project holds (one query for a batch
        of at most a few hundred ids; an import asks per batch instead of per record)."""
        if not ids:
            return {}
        return dict(self.db.conn.execute(
            f"SELECT id, sha256 FROM documents WHERE id IN ({','.join('?' * len(ids))})", ids))

    def work_of(self, ids: list[str]) -> set[tuple[str, str]]:
        """The (document, annotator) pairs with a stored span or status among ``ids``."""
        if not ids:
            return set()
        marks = ",".join("?" * len(ids))
        return set(self.db.conn.execute(
            f"SELECT DISTINCT doc_id, annotator FROM spans WHERE doc_id IN ({marks}) "
            f"UNION SELECT doc_id, annotator FROM document_status WHERE doc_id IN ({marks})", ids + ids))

    def has_work(self, doc_id: str, annotator: str) -> bool:
        """Whether (document, annotator) has any stored span or status (index lookups)."""
        return bool(self.db.execute(
            "SELECT EXISTS(SELECT 1 FROM spans WHERE doc_id = ? AND annotator = ?) "
            "OR EXISTS(SELECT 1 FROM document_status WHERE doc_id = ? AND annotator = ?)",
            [doc_id, annotator, doc_id, annotator]).fetchone()[0])

    def _insert_documents(self, documents: list[Document], hashes: dict[str, str] | None = None) -> None:
        # Only these ids are looked up (an import writes in chunks: reading every id per chunk
        # made each chunk slower as the project grew).
        ids = [d.id for d in documents]
        for k in range(0, len(ids), 500):
            chunk = ids[k:k + 500]
            row = self.db.execute(f"SELECT id FROM documents WHERE id IN ({','.join('?' * len(chunk))}) LIMIT 1",
                                  chunk).fetchone()
            if row is not None:
                raise ProjectError(f"document {row[0]!r} already exists")
        position = self.db.execute("SELECT coalesce(max(position), -1) + 1 FROM documents").fetchone()[0]
        rows, in_place = [], []
        for n, d in enumerate(documents):
            row = (d.id, position + n, len(d.text), (hashes or {}).get(d.id) or d.sha256)
            if self._writes_meta_in_place and holds_spliced(d.meta):
                in_place.append((row, d.meta))
            else:
                rows.append((*row, dumps_spliced(d.meta) if d.meta else "{}"))
        self._insert_rows("documents", ("id", "position", "length", "sha256", "meta"), rows)
        for row, meta in in_place:
            self._insert_meta_in_place(row, meta)
        rows = []
        for d in documents:  # (in order: the search index follows document_texts' rowids)
            size = _utf8_size(d.text) if self._writes_text_in_place and 4 * len(d.text) >= self.TEXT_BLOB_BYTES else 0
            if size < self.TEXT_BLOB_BYTES:
                rows.append((d.id, d.text))
                continue
            self._insert_rows("document_texts", ("doc_id", "text"), rows)
            rows = []
            self._insert_text_in_place(d.id, d.text, size)
        self._insert_rows("document_texts", ("doc_id", "text"), rows)

    # A text of this many bytes of UTF-8 or more is stored as a BLOB of them, written a piece at
    # a time (SQLite's incremental blob I/O), which every reader takes as text (TEXT_AS_TEXT).
    # Bound as a string, a text of 44 MB (four million Arabic tokens) raised an import's peak by
    # 107 MB: Python keeps the string's UTF-8 beside it once made, and SQLite copied the bound
    # value and then the row.
    TEXT_BLOB_BYTES = 1 << 20
    _writes_text_in_place = True

    def _insert_text_in_place(self, doc_id: str, text: str, size: int) -> None:
        """Insert a document's text, ``size`` bytes of UTF-8, as a BLOB written a piece at a time
        (a zeroblob in the row's last column: SQLite writes its zeros without making it)."""
        cursor = self.db.conn.execute("INSERT INTO document_texts(doc_id, text) VALUES (?, zeroblob(?))",
                                      (doc_id, size))
        with self.db.conn.blobopen("document_texts", "text", cursor.lastrowid) as blob:
            for piece in utf8_pieces(text, _TEXT_PIECE_CHARS):
                blob.write(piece)

    # A meta a token format's import wrote in pieces (its kept sentences) is written into its
    # row piece by piece (SQLite's incremental blob I/O), not joined and bound: a treebank
    # document of a million tokens has 88 MB of them, which the join made a string of 176 MB
    # (two bytes a character once one character is not Latin-1), its UTF-8 88 MB more, and
    # SQLite's copy of the bound value and the row it built 88 MB each (625 MB in all).
    _writes_meta_in_place = True

    # A meta written in place of this many bytes or more is stored as a BLOB of its UTF-8, which
    # every reader takes as text (META_AS_TEXT). SQLite makes a TEXT value whole before the
    # pieces are written into it, twice (the value, then the row: 180 MB for a treebank
    # document's 92 MB of JSON, the most of its import's 270 MB); a zeroblob in a row's last
    # column (meta is) it writes as zeros without making it.
    META_BLOB_BYTES = 1 << 20

    def _insert_meta_in_place(self, row: tuple, meta: dict) -> None:
        """Insert a document's row, its ``meta`` (which holds an EncodedJSON) written into it a
        piece at a time (made twice: for its size, then to write it)."""
        size = sum(len(piece.encode("utf-8")) for piece in iter_spliced_pieces(meta))
        # a value of that many bytes (zeros), written over below
        value = "zeroblob(?)" if size >= self.META_BLOB_BYTES else "CAST(zeroblob(?) AS TEXT)"
        self.db.conn.execute(f"INSERT INTO documents(id, position, length, sha256, meta) VALUES (?, ?, ?, ?, {value})",
                             (*row, size))
        rowid = self.db.conn.execute("SELECT rowid FROM documents WHERE id = ?", [row[0]]).fetchone()[0]
        with self.db.conn.blobopen("documents", "meta", rowid) as blob:
            for piece in iter_spliced_pieces(meta):
                blob.write(piece.encode("utf-8"))

    def _stream(self, sql: str):
        """A cursor over a large result, read as it is fetched (sqlite3 cursors are)."""
        return self.db.execute(sql)

    def storage_problems(self, document: Document) -> list[str]:
        """What this store cannot hold of a new document (a file holds any text)."""
        return []

    def _new_span_pks(self, count: int) -> int:
        """The first of ``count`` consecutive pks for new spans written with their own pk (the
        write holds the file: nobody else adds spans meanwhile)."""
        return self.db.execute("SELECT coalesce(max(pk), 0) + 1 FROM spans").fetchone()[0]

    def _insert_rows(self, table: str, columns: tuple[str, ...], rows: list[tuple], reserved: bool = False) -> None:
        """Insert many new rows (a server store sends them by its bulk path instead).
        ``reserved``: their pks come from :meth:`_new_span_pks`."""
        self.db.conn.executemany(f"INSERT INTO {table}({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                                 rows)

    # ------------------------------------------------------------------ annotators and status

    def annotators(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT name FROM annotators ORDER BY name")]

    def _ensure_annotators(self, names: Iterable[str]) -> None:
        self.db.conn.executemany("INSERT OR IGNORE INTO annotators(name) VALUES (?)", [(n,) for n in set(names)])

    def status(self, doc_id: str, annotator: str) -> str:
        return self.stored_status(doc_id, annotator) or "new"

    @_checked_under_the_document_lock
    def set_status(self, doc_id: str, annotator: str, status: str) -> None:
        if status not in STATUSES:
            raise ValidationError([f"status must be one of {', '.join(STATUSES)} (got {status!r})"])
        self._require_document(doc_id)
        with self._write():
            self._ensure_annotators([annotator])
            self.db.execute(
                "INSERT OR REPLACE INTO document_status(doc_id, annotator, status) VALUES (?, ?, ?)",
                [doc_id, annotator, status],
            )

    def stored_status(self, doc_id: str, annotator: str) -> str | None:
        """The status stored for this pair, or None when none was ever set (reads as "new")."""
        row = self.db.execute(
            "SELECT status FROM document_status WHERE doc_id = ? AND annotator = ?", [doc_id, annotator]
        ).fetchone()
        return row[0] if row else None

    def clear_status(self, doc_id: str, annotator: str) -> None:
        with self._write(document=doc_id):
            self.db.execute("DELETE FROM document_status WHERE doc_id = ? AND annotator = ?", [doc_id, annotator])

    def statuses(self) -> dict[tuple[str, str], str]:
        """(document, annotator) -> status, for every stored status."""
        return {(d, a): s for d, a, s in self.db.execute("SELECT doc_id, annotator, status FROM document_status")}

    def _require_document(self, doc_id: str) -> None:
        if self.db.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is None:
            raise ProjectError(f"no document {doc_id!r} in {self.path}")

    # ------------------------------------------------------------------ spans

    def spans(self, doc_id: str, annotator: str | None = None, *, start_before: int | None = None) -> list[Span]:
        """Spans of a document (one annotator's, or everyone's) in document order: by start,
        longer first. ``start_before`` keeps only spans starting before that offset (a view
        reads the spans of its first screen with it)."""
        sql = f"SELECT {_SPAN_COLUMNS} FROM spans WHERE doc_id = ?"
        args: list = [doc_id]
        if annotator is not None:
            sql += " AND annotator = ?"
            args.append(annotator)
        if start_before is not None:
            sql += " AND start < ?"
            args.append(start_before)
        sql += ' ORDER BY start, "end" DESC, pk' if annotator is not None else ' ORDER BY annotator, start, "end" DESC, pk'
        return [span_from_row(row) for row in self.db.execute(sql, args)]

    def span(self, doc_id: str, annotator: str, span_id: str) -> Span:
        row = self.db.execute(
            f"SELECT {_SPAN_COLUMNS} FROM spans WHERE doc_id = ? AND annotator = ? AND id = ?",
            [doc_id, annotator, span_id],
        ).fetchone()
        if row is None:
            raise ProjectError(f"no span {span_id!r} by {annotator!r} in document {doc_id!r}")
        return span_from_row(row)

    @_checked_under_the_document_lock
    def add_span(self, span: Span) -> Span:
        """Validate and store a span; an empty ``id`` gets the next free ``T<n>``.

        Checks only what can conflict (the span itself, same-layer neighbours, the id), so that
        adding a span to a document with 20,000 spans stays well under a frame.
        """
        text = self.text(span.doc_id)
        if not span.id:
            span = replace(span, id=self._next_span_id(span.doc_id, span.annotator))
        elif self.db.execute("SELECT 1 FROM spans WHERE doc_id = ? AND annotator = ? AND id = ?",
                             [span.doc_id, span.annotator, span.id]).fetchone():
            raise ValidationError([f"span id {span.id!r} is already used in this document by {span.annotator!r}"])
        self._check_spans(text, self._same_layer_overlapping(span), [span])
        with self._write():
            self._ensure_annotators([span.annotator])
            self.db.execute(
                'INSERT INTO spans(id, doc_id, annotator, layer, label, start, "end", attrs) VALUES (?,?,?,?,?,?,?,?)',
                [span.id, span.doc_id, span.annotator, span.layer, span.label, span.start, span.end,
                 attrs_json(span.attrs)],
            )
        return span

    def _next_span_id(self, doc_id: str, annotator: str) -> str:
        # Ids need only be unique in the document. Usually they are T1..Tn, so T<n+1> is free:
        # one past the last id this project gave there, or the count of the spans plus one;
        # either is looked up before it is given. Otherwise one past the highest T<number>.
        # The count alone reads the whole of the document's index: 4 ms a span at 56,000 spans
        # (measured), most of an added span's time in the store, so it is done once.
        key = (doc_id, annotator)
        exists = "SELECT 1 FROM spans WHERE doc_id = ? AND annotator = ? AND id = ?"
        number = self._next_span_numbers.get(key)
        if number is None or self.db.execute(exists, [doc_id, annotator, f"T{number}"]).fetchone():
            number = self.db.execute("SELECT count(*) FROM spans WHERE doc_id = ? AND annotator = ?",
                                     [doc_id, annotator]).fetchone()[0] + 1
            if self.db.execute(exists, [doc_id, annotator, f"T{number}"]).fetchone():
                row = self.db.execute(self._HIGHEST_NUMBERED_SPAN, [doc_id, annotator]).fetchone()
                number = int(row[0] or 0) + 1
        self._next_span_numbers[key] = number + 1
        return f"T{number}"

    # The highest number of a document's T<number> span ids (a server's dialect differs).
    _HIGHEST_NUMBERED_SPAN = ("SELECT max(CAST(substr(id, 2) AS INTEGER)) FROM spans WHERE doc_id = ? "
                              "AND annotator = ? AND id GLOB 'T[0-9]*' AND NOT substr(id, 2) GLOB '*[^0-9]*'")

    def _same_layer_overlapping(self, span: Span, exclude: str | None = None) -> list[Span]:
        """Stored spans of the same document, annotator and layer that overlap ``span``, where
        the layer forbids overlaps (elsewhere nothing is checked against them).

        Stored spans of such a layer never overlap each other, so only those starting inside
        ``span`` and the one starting last before it can overlap it: two index range lookups,
        instead of a scan of every earlier span (5 ms at the end of a 56,000-span document)."""
        layer = self.schema.layer(span.layer)
        if layer is None or layer.overlap:
            return []
        key = [span.doc_id, span.annotator, span.layer]
        inside = self.db.execute(
            f"SELECT {_SPAN_COLUMNS} FROM spans WHERE doc_id = ? AND annotator = ? AND layer = ? "
            "AND start >= ? AND start < ? AND id IS NOT ?", [*key, span.start, span.end, exclude]).fetchall()
        before = self.db.execute(
            f"SELECT {_SPAN_COLUMNS} FROM spans WHERE doc_id = ? AND annotator = ? AND layer = ? "
            'AND start < ? AND id IS NOT ? ORDER BY start DESC LIMIT 1', [*key, span.start, exclude]).fetchall()
        return [span_from_row(row) for row in before + inside if row[7] > span.start]

    @_checked_under_the_document_lock
    def update_span(self, doc_id: str, annotator: str, span_id: str, **changes) -> Span:
        """Change a span's ``label``, ``layer``, ``start``, ``end`` or ``attrs``; returns the new span."""
        unknown = set(changes) - {"label", "layer", "start", "end", "attrs"}
        if unknown:
            raise TypeError(f"cannot change {', '.join(sorted(unknown))} of a span")
        old = self.span(doc_id, annotator, span_id)
        new = replace(old, **changes)
        self._check_spans(self.text(doc_id), self._same_layer_overlapping(new, exclude=span_id), [new])
        if new.layer != old.layer:
            others = [s for s in self.spans(doc_id, annotator) if s.id != span_id]
            problems = self._relation_problems_after_change(doc_id, annotator, new, others)
            if problems:
                raise ValidationError(problems)
        with self._write():
            self.db.execute(
                'UPDATE spans SET layer = ?, label = ?, start = ?, "end" = ?, attrs = ? '
                "WHERE doc_id = ? AND annotator = ? AND id = ?",
                [new.layer, new.label, new.start, new.end, attrs_json(new.attrs),
                 doc_id, annotator, span_id],
            )
        return new

    def _relation_problems_after_change(self, doc_id, annotator, changed: Span, others: list[Span]) -> list[str]:
        spans_by_id = {s.id: s for s in others}
        spans_by_id[changed.id] = changed
        problems = []
        for rel in self.relations(doc_id, annotator):
            if changed.id in (rel.from_id, rel.to_id):
                problems += validate_relation(rel, spans_by_id, self.schema)
        return problems

    def delete_work(self, doc_id: str, annotator: str) -> None:
        """Remove an annotator's spans, relations and status on a document (merge: theirs wins)."""
        with self._write(document=doc_id):
            self.db.execute("DELETE FROM spans WHERE doc_id = ? AND annotator = ?", [doc_id, annotator])
            self.db.execute("DELETE FROM document_status WHERE doc_id = ? AND annotator = ?", [doc_id, annotator])

    @_checked_under_the_document_lock
    def delete_span(self, doc_id: str, annotator: str, span_id: str) -> tuple[Span, list[Relation]]:
        """Delete a span and the relations attached to it; returns both (for undo)."""
        span = self.span(doc_id, annotator, span_id)
        attached = [r for r in self.relations(doc_id, annotator) if span_id in (r.from_id, r.to_id)]
        with self._write():
            # Relations go by ON DELETE CASCADE.
            self.db.execute("DELETE FROM spans WHERE doc_id = ? AND annotator = ? AND id = ?",
                            [doc_id, annotator, span_id])
        return span, attached

    def _check_spans(self, text: str, existing: list[Span], new: list[Span]) -> None:
        problems = []
        for span in new:
            problems += validate_span(span, text, self.schema)
        if not problems:
            problems += overlap_problems(existing + new, self.schema)
        if problems:
            raise ValidationError(problems)

    # ------------------------------------------------------------------ relations

    def relations(self, doc_id: str, annotator: str | None = None) -> list[Relation]:
        sql = (
            "SELECT r.id, r.doc_id, r.annotator, r.label, f.id, t.id FROM relations r "
            "JOIN spans f ON f.pk = r.from_pk JOIN spans t ON t.pk = r.to_pk WHERE r.doc_id = ?"
        )
        args: list = [doc_id]
        if annotator is not None:
            sql += " AND r.annotator = ?"
            args.append(annotator)
        sql += " ORDER BY r.annotator, r.pk"
        return [Relation(*row) for row in self.db.execute(sql, args)]

    @_checked_under_the_document_lock
    def add_relation(self, relation: Relation) -> Relation:
        """Validate and store a relation; an empty ``id`` gets the next free ``R<n>``."""
        existing = self.relations(relation.doc_id, relation.annotator)
        if not relation.id:
            relation = replace(relation, id=next_id("R", (r.id for r in existing)))
        elif any(r.id == relation.id for r in existing):
            raise ValidationError([f"relation id {relation.id!r} is already used in this document"])
        spans_by_id = {s.id: s for s in self.spans(relation.doc_id, relation.annotator)}
        problems = validate_relation(relation, spans_by_id, self.schema)
        if any(r.label == relation.label and r.from_id == relation.from_id and r.to_id == relation.to_id
               for r in existing):
            problems.append(f"{relation.from_id} is already linked to {relation.to_id} by {relation.label}")
        if problems:
            raise ValidationError(problems)
        with self._write():
            self._insert_relations([relation], self._span_pks(relation.doc_id, relation.annotator))
        return relation

    @_checked_under_the_document_lock
    def delete_relation(self, doc_id: str, annotator: str, relation_id: str) -> Relation:
        found = [r for r in self.relations(doc_id, annotator) if r.id == relation_id]
        if not found:
            raise ProjectError(f"no relation {relation_id!r} by {annotator!r} in document {doc_id!r}")
        with self._write():
            self.db.execute("DELETE FROM relations WHERE doc_id = ? AND annotator = ? AND id = ?",
                            [doc_id, annotator, relation_id])
        return found[0]

    def _span_pks(self, doc_id: str, annotator: str) -> dict[str, int]:
        return dict(self.db.execute("SELECT id, pk FROM spans WHERE doc_id = ? AND annotator = ?", [doc_id, annotator]))

    def _insert_relations(self, relations: list[Relation], pks: dict[str, int]) -> None:
        self.db.conn.executemany(
            "INSERT INTO relations(id, doc_id, annotator, label, from_pk, to_pk) VALUES (?,?,?,?,?,?)",
            [(r.id, r.doc_id, r.annotator, r.label, pks[r.from_id], pks[r.to_id]) for r in relations],
        )

    # ------------------------------------------------------------------ adjudication

    def rejections(self, doc_id: str) -> set[tuple[str, str, int, int]]:
        """(layer, label, start, end) the curator rejected in this document."""
        return set(self.db.execute(
            'SELECT layer, label, start, "end" FROM adjudication_rejections WHERE doc_id = ?', [doc_id]))

    def set_rejected(self, doc_id: str, key: tuple[str, str, int, int], rejected: bool) -> None:
        with self._write(document=doc_id):
            if rejected:
                self.db.execute('INSERT OR IGNORE INTO adjudication_rejections(doc_id, layer, label, start, "end") '
                                "VALUES (?, ?, ?, ?, ?)", [doc_id, *key])
            else:
                self.db.execute('DELETE FROM adjudication_rejections WHERE doc_id = ? AND layer = ? AND label = ? '
                                'AND start = ? AND "end" = ?', [doc_id, *key])

    # ------------------------------------------------------------------ suggestions

    @_checked_under_the_document_lock
    def add_suggestions(self, doc_id: str, spans: list[Span], relations: list[Relation], source: str,
                        scores: dict[str, float] | None = None) -> int:
        """Store suggested spans (validated like any span) and their links; repeats are ignored,
        also a span another source suggests already (a model's score is then added to it).
        ``scores`` maps span ids to a confidence in [0, 1]. Returns how many new suggestions
        were stored."""
        scores = scores or {}
        text = self.text(doc_id)
        problems = []
        for span in spans:
            problems += validate_span(span, text, self.schema)
        if problems:
            raise ValidationError(problems)
        added = 0
        with self._write():
            pks = {}
            for span in spans:
                score = scores.get(span.id)
                same = self.db.execute(
                    'SELECT pk FROM suggestions WHERE doc_id = ? AND layer = ? AND label = ? AND start = ? '
                    'AND "end" = ? ORDER BY source = ? DESC, pk',
                    [doc_id, span.layer, span.label, span.start, span.end, source]).fetchone()
                if same is None:
                    pks[span.id] = self._insert_suggestion(
                        [doc_id, span.layer, span.label, span.start, span.end,
                         attrs_json(span.attrs), source, score])
                    added += 1
                else:  # the rules and a model agree: one suggestion, with the model's score
                    pks[span.id] = same[0]
                    if score is not None:
                        self.db.execute("UPDATE suggestions SET score = ? WHERE pk = ?", [score, same[0]])
            for relation in relations:
                if relation.from_id in pks and relation.to_id in pks and self.schema.relation(relation.label):
                    self.db.execute("INSERT OR IGNORE INTO suggestion_links(from_pk, to_pk, label) VALUES (?, ?, ?)",
                                    [pks[relation.from_id], pks[relation.to_id], relation.label])
        return added

    def _insert_suggestion(self, row: list) -> int:
        """Store one suggestion row; returns its pk."""
        return self.db.execute('INSERT INTO suggestions(doc_id, layer, label, start, "end", attrs, source, score) '
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", row).lastrowid

    def pending_suggestions(self, doc_id: str, annotator: str) -> list[Span]:
        """Suggestions this annotator has not decided and does not already have as a span.
        Each comes as a Span whose id is ``s<pk>`` and whose annotator is the source."""
        # The identical-span test runs in SQL on the (doc, annotator, layer, start) index, so a
        # document with 20,000 spans is not read to show its few suggestions.
        return [Span(f"s{pk}", doc_id, source, layer, label, start, end, json.loads(attrs))
                for pk, layer, label, start, end, attrs, source in self.db.execute(
                    'SELECT s.pk, s.layer, s.label, s.start, s."end", s.attrs, s.source FROM suggestions s '
                    "LEFT JOIN suggestion_decisions d ON d.pk = s.pk AND d.annotator = ? "
                    "WHERE s.doc_id = ? AND d.pk IS NULL AND NOT EXISTS (SELECT 1 FROM spans h "
                    "WHERE h.doc_id = s.doc_id AND h.annotator = ? AND h.layer = s.layer AND h.start = s.start "
                    'AND h."end" = s."end" AND h.label = s.label) ORDER BY s.start, s."end" DESC',
                    [annotator, doc_id, annotator])]

    def suggestion_scores(self, doc_id: str) -> dict[str, float]:
        """Scores of the document's scored suggestions, by suggestion id (``s<pk>``)."""
        return {f"s{pk}": score for pk, score in self.db.execute(
            "SELECT pk, score FROM suggestions WHERE doc_id = ? AND score IS NOT NULL", [doc_id])}

    def set_doubt(self, doc_id: str, doubt: float, model: str) -> None:
        """How unsure a model is about a document (0–1), for the most-doubtful-first order."""
        with self._write():
            self.db.execute("INSERT OR REPLACE INTO document_doubt(doc_id, doubt, model) VALUES (?, ?, ?)",
                            [doc_id, float(doubt), model])

    def doubts(self) -> dict[str, float]:
        return dict(self.db.execute("SELECT doc_id, doubt FROM document_doubt"))

    def attribute_values(self, layer: str, name: str) -> list[str]:
        """Values already given to an attribute in a layer (speaker names, for completion)."""
        return [row[0] for row in self.db.execute(
            "SELECT DISTINCT json_extract(attrs, ?) AS v FROM spans WHERE layer = ? AND v IS NOT NULL ORDER BY v",
            [f"$.{name}", layer])]

    def suggestion(self, pk: int) -> Span:
        row = self.db.execute('SELECT pk, doc_id, layer, label, start, "end", attrs, source FROM suggestions '
                              "WHERE pk = ?", [pk]).fetchone()
        if row is None:
            raise ProjectError(f"no suggestion {pk}")
        return Span(f"s{row[0]}", row[1], row[7], row[2], row[3], row[4], row[5], json.loads(row[6]))

    def suggestion_links(self, doc_id: str) -> list[tuple[int, int, str]]:
        return list(self.db.execute(
            "SELECT l.from_pk, l.to_pk, l.label FROM suggestion_links l JOIN suggestions s ON s.pk = l.from_pk "
            "WHERE s.doc_id = ?", [doc_id]))

    def decide_suggestion(self, pk: int, annotator: str, decision: str | None) -> None:
        """Record 'accepted' or 'rejected' for this annotator (None forgets the decision)."""
        row = self.db.execute("SELECT doc_id FROM suggestions WHERE pk = ?", [pk]).fetchone()
        with self._write(document=row[0] if row else None):
            if decision is None:
                self.db.execute("DELETE FROM suggestion_decisions WHERE pk = ? AND annotator = ?", [pk, annotator])
            else:
                self.db.execute("INSERT OR REPLACE INTO suggestion_decisions(pk, annotator, decision) VALUES (?, ?, ?)",
                                [pk, annotator, decision])

    def suggestion_decision(self, pk: int, annotator: str) -> str | None:
        row = self.db.execute("SELECT decision FROM suggestion_decisions WHERE pk = ? AND annotator = ?",
                              [pk, annotator]).fetchone()
        return row[0] if row else None

    # ------------------------------------------------------------------ bulk access (import/export)

    def work_keys(self) -> set[tuple[str, str]]:
        """(document, annotator) pairs with any stored span, relation or status."""
        return set(self.db.execute(
            "SELECT doc_id, annotator FROM spans UNION SELECT doc_id, annotator FROM document_status"
        ))

    def insert_annotated(self, records: list[AnnotatedDocument], new_documents: list[Document],
                         hashes: dict[str, str] | None = None) -> None:
        """Write already-validated records in ONE transaction (all or nothing).

        ``new_documents`` are added first (``hashes``: their texts' sha256 where already
        computed); the records' spans, relations and statuses follow. The caller
        (:mod:`annotator.store.bulk`) has checked ids, offsets, schema and overlaps.
        """
        with self._write():
            self._insert_documents(new_documents, hashes)
            self._ensure_annotators(r.annotator for r in records if r.annotator is not None)
            # Rows made by an import's reading process come as they are written.
            records_rows = [(record, (record.spans if type(record.spans) is StoredSpans
                                      else StoredSpans.of(record.spans)).rows) for record in records]
            next_pk = self._new_span_pks(sum(len(rows) for _, rows in records_rows))
            span_rows = []
            relation_rows = []
            status_rows = []
            for record, rows in records_rows:
                numbers = range(next_pk, next_pk + len(rows))
                span_rows += [(pk, *row) for pk, row in zip(numbers, rows)]
                pks = dict(zip((row[0] for row in rows), numbers)) if record.relations else {}
                next_pk += len(rows)
                relation_rows += [(r.id, r.doc_id, r.annotator, r.label, pks[r.from_id], pks[r.to_id])
                                  for r in record.relations]
                if record.status is not None:
                    status_rows.append((record.document.id, record.annotator, record.status))
            self._insert_rows("spans", ("pk", "id", "doc_id", "annotator", "layer", "label", "start", '"end"', "attrs"),
                              span_rows, reserved=True)
            self._insert_rows("relations", ("id", "doc_id", "annotator", "label", "from_pk", "to_pk"), relation_rows)
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO document_status(doc_id, annotator, status) VALUES (?,?,?)", status_rows
            )

    def iter_export(self, annotator: str | None = None, status: str | None = None,
                    stored_meta: bool = False) -> Iterator[dict]:
        """Native JSONL records, one per (document, annotator), in document order.

        A document nobody has worked on yields one record without ``annotator``, so that an
        unfiltered export carries every document. ``stored_meta``: a large meta comes as the
        JSON the project stores (a RawJSON, checked but not parsed into objects), and the spans
        of a record of many as their JSON made a run at a time (a StoredJSON), for a caller
        that only writes them out again (:func:`dumps_spliced`).
        """
        read_meta = _meta_to_write_again if stored_meta else json.loads
        rows = self.export_rows(annotator, status, long_meta_from=self.LONG_TEXT_CHARS if stored_meta else None)
        for doc_id, text, meta, name, doc_status, span_rows, relation_rows, _edges in rows:
            record = {"id": doc_id, "text": text,
                      "meta": self.meta_to_write_again(doc_id) if meta is None else read_meta(meta)}
            if name is None:
                yield record
                continue
            record["annotator"] = name
            if doc_status is not None:
                record["status"] = doc_status
            record["spans"] = StoredJSON(functools.partial(_spans_json_pieces, span_rows)) \
                if stored_meta and len(span_rows) >= self.SPANS_WRITTEN_IN_PIECES_FROM \
                else list(map(_span_record, span_rows))
            record["relations"] = [{"id": r[0], "label": r[3], "from": r[4], "to": r[5]} for r in relation_rows]
            yield record

    # A record of this many spans or more that is only written out again (stored_meta) has its
    # spans written a run at a time as they are read from their rows: as a list of dicts, then
    # their JSON made whole with the record's, a treebank document's 92,000 spans took 31 MB
    # and 50 MB more.
    SPANS_WRITTEN_IN_PIECES_FROM = 5_000

    def meta_to_write_again(self, doc_id: str) -> dict | RawJSON:
        """A document's meta for a caller that writes it out again (:meth:`iter_export` with
        ``stored_meta`` for a long document, ``annotator suggest -o``; see
        :func:`~annotator.core.model.iter_spliced_pieces`): read and checked a piece at a time,
        and read again as it is written (a StoredJSON), when it is STORED_META_CHARS or more;
        else as _meta_to_write_again gives it. Read whole, the meta of a treebank of a million
        tokens was a string of 185 MB (one character past Latin-1), and parsed 300-600 MB."""
        pieces = self.meta_pieces(doc_id)
        head, size = [], 0
        for piece in pieces:
            head.append(piece)
            size += len(piece)
            if size >= STORED_META_CHARS:
                break
        else:
            return _meta_to_write_again("".join(head))
        try:
            check_json(itertools.chain(head, pieces))  # (the first megabyte, then the rest as it comes)
        except NotKept:  # not JSON: said as json.loads says it
            return _meta_to_write_again("".join(self.meta_pieces(doc_id)))
        return StoredJSON(functools.partial(self.meta_pieces, doc_id))

    def export_rows(self, annotator: str | None = None, status: str | None = None, with_all_edges: bool = False,
                    positions: tuple[int, int] | None = None, long_meta_from: int | None = None) -> Iterator[tuple]:
        """What :meth:`iter_export` makes its records of, as stored: (document id, text, meta
        as JSON, annotator or None, status or None, span rows, relation rows, all edges or
        None) per record, for the documents at ``positions`` (first, last) or all. Token
        exports build their spans from these rows directly. ``with_all_edges``: the (start, end,
        layer) of every annotator's spans of a document more than one annotator worked on, so
        that token exports cut every annotator's copy of it alike (None for a document of one
        annotator: there are no other edges). ``long_meta_from``: the meta of a document of at
        least this many characters is None, for :meth:`meta_pieces`."""
        where, args = ("WHERE d.position BETWEEN ? AND ? ", positions) if positions is not None else ("", ())
        # Statuses and relations (few) are read as cursors ordered like the documents and taken
        # a document at a time; spans (many) by one indexed query per document, whose rows the
        # sqlite3 module lists in C (one ordered cursor over all spans, grouped in Python, took
        # 1.2-1.7× as long: a Python step per row). Nothing of the whole project is held at once.
        spans_of = self._export_spans(where, args)
        yield from _export_records(spans_of, self.db.conn.execute(*self._relations_query(positions)),
                                   self._statuses_by_position(positions),
                                   self.db.conn.execute(*self._texts_query(positions, long_meta_from)),
                                   annotator, status, with_all_edges)

    def _relations_query(self, positions: tuple[int, int] | None) -> tuple[str, tuple]:
        """(id, doc_id, annotator, label, from span's id, to span's id, position) of the
        relations of the documents at ``positions`` (or all), in document order."""
        where = f"WHERE {self._at_positions('r.doc_id')} " if positions is not None else ""
        return ("SELECT r.id, r.doc_id, r.annotator, r.label, f.id, t.id, d.position FROM relations r "
                "JOIN spans f ON f.pk = r.from_pk JOIN spans t ON t.pk = r.to_pk JOIN documents d ON d.id = r.doc_id "
                f"{where}ORDER BY d.position, r.annotator, r.pk", positions or ())

    def work_rows(self, doc_ids: list[str]) -> tuple[dict[str, list[tuple]], dict[str, list[tuple]]]:
        """The span rows and relation rows of ``doc_ids`` (a few hundred at most), by document,
        as :meth:`export_rows` reads them (by annotator, then as stored): two queries for them
        all (a token export reads the few documents its short way cannot take so)."""
        if not doc_ids:
            return {}, {}
        spans = self.db.conn.execute(
            f"SELECT {_SPAN_COLUMNS} FROM spans WHERE {self._among('doc_id', doc_ids)} ORDER BY doc_id, annotator, pk",
            self._among_args(doc_ids)).fetchall()
        relations = self.db.conn.execute(
            "SELECT r.id, r.doc_id, r.annotator, r.label, f.id, t.id FROM relations r "
            "JOIN spans f ON f.pk = r.from_pk JOIN spans t ON t.pk = r.to_pk "
            f"WHERE {self._among('r.doc_id', doc_ids)} ORDER BY r.doc_id, r.annotator, r.pk",
            self._among_args(doc_ids)).fetchall()
        return ({doc_id: list(rows) for doc_id, rows in itertools.groupby(spans, _SPAN_DOCUMENT)},
                {doc_id: list(rows) for doc_id, rows in itertools.groupby(relations, _RELATION_DOCUMENT)})

    def _among(self, column: str, values: list) -> str:
        """The condition that ``column`` is one of ``values`` (given by :meth:`_among_args`)."""
        return f"{column} IN ({','.join('?' * len(values))})"

    def _among_args(self, values: list) -> list:
        return list(values)

    def _at_positions(self, doc_id_column: str) -> str:
        """The condition, taking (first, last) positions as its two parameters, that keeps the
        rows of the documents at those positions, for a query joined to ``documents d``."""
        return "d.position BETWEEN ? AND ?"

    def _export_spans(self, where: str, args) -> Callable[[str], list[tuple]]:
        """For :meth:`export_rows`: a function giving a document's span rows (by annotator, then
        as stored), asked for the documents in order."""
        query = f"SELECT {_SPAN_COLUMNS} FROM spans WHERE doc_id = ? ORDER BY annotator, pk"
        execute = self.db.conn.execute
        return lambda doc_id: execute(query, (doc_id,)).fetchall()

    def token_export_rows(self, positions: tuple[int, int], layer: str, long_meta_from: int | None = None
                          ) -> Iterator[tuple]:
        """What a token export of one ``layer`` needs of the documents at ``positions`` (first,
        last), in document order, without a row per span: (position, id, text, meta as JSON,
        {annotator: status}, {annotator: (their spans, their spans of the layer, and those as a
        JSON list of [start, end, label] in any order, or None when there are none)}).

        The server (or SQLite) lists each annotator's spans of a document as one JSON text:
        rows of nine values per span, made one by one by the sqlite3 module, were about a sixth
        of a CoNLL export's CPU; three strings of values parted by U+001F (joined and split
        again, the numbers parsed one by one) cost 0.27 s of SQLite's and Python's CPU per
        10,000 documents where the JSON costs 0.19-0.23 s (json.loads parses it in C). Read it
        inside :meth:`one_moment` so that its three queries see one moment. ``long_meta_from``:
        as :meth:`export_rows` takes it."""
        execute = self.db.conn.execute
        queries = self._token_export_queries(positions, layer, long_meta_from)
        yield from _token_export_rows(*(execute(sql, args) for sql, args in queries))

    def _token_export_queries(self, positions: tuple[int, int], layer: str, long_meta_from: int | None = None
                              ) -> list[tuple[str, tuple]]:
        """The three queries of :meth:`token_export_rows` (SQL and arguments): the spans, the
        statuses and the texts of the documents at ``positions``, each in document order."""
        return [self._token_spans_query(positions, layer), self._statuses_query(positions),
                self._texts_query(positions, long_meta_from)]

    def _token_spans_query(self, positions: tuple[int, int], layer: str) -> tuple[str, tuple]:
        """(position, annotator, their spans, their spans of ``layer``, and those as a JSON list
        of [start, end, label, id, pk]) of the documents at ``positions``, in document order
        (the spans of one annotator in any order)."""
        return ("SELECT d.position, s.annotator, count(*), count(CASE WHEN s.layer = ? THEN 1 END), "
                # group_concat leaves out the NULLs of other layers (as FILTER would, which SQLite
                # has only from 3.30)
                "'[' || group_concat(CASE WHEN s.layer = ? "
                "THEN json_array(s.start, s.\"end\", s.label, s.id, s.pk) END) || ']'"
                f" FROM spans s JOIN documents d ON d.id = s.doc_id WHERE {self._at_positions('s.doc_id')}"
                " GROUP BY d.position, s.annotator ORDER BY d.position", (layer, layer, *positions))

    def _statuses_by_position(self, positions: tuple[int, int] | None):
        """(document id, annotator, status, position) of the documents at ``positions`` (or
        all), in document order."""
        return self.db.conn.execute(*self._statuses_query(positions))

    def _statuses_query(self, positions: tuple[int, int] | None) -> tuple[str, tuple]:
        where = f"WHERE {self._at_positions('s.doc_id')} " if positions is not None else ""
        return ("SELECT s.doc_id, s.annotator, s.status, d.position FROM document_status s "
                f"JOIN documents d ON d.id = s.doc_id {where}ORDER BY d.position", positions or ())

    def _texts_query(self, positions: tuple[int, int] | None, long_meta_from: int | None = None
                     ) -> tuple[str, tuple]:
        """(position, id, text, meta) of the documents at ``positions`` (or all), in order; the
        meta None for a document of ``long_meta_from`` characters or more, when given."""
        where = f"WHERE {self._at_positions('t.doc_id')} " if positions is not None else ""
        meta, first = (f"CASE WHEN d.length < ? THEN {META_AS_TEXT} END", (long_meta_from,)) \
            if long_meta_from is not None else (META_AS_TEXT, ())
        return (f"SELECT d.position, d.id, {TEXT_AS_TEXT}, {meta} FROM documents d JOIN document_texts t "
                f"ON t.doc_id = d.id {where}ORDER BY d.position", (*first, *(positions or ())))

    # A document this long (its text's characters) has its meta read on its own by an export
    # (meta_pieces), not with its text: a column file's document keeps every token's offsets and
    # columns there, tens of megabytes for a long one.
    LONG_TEXT_CHARS = 200_000
    META_PIECE_BYTES = 1 << 16  # (pieces of a megabyte, freed and made again, left 120 MB of the heap unused)

    def meta_pieces(self, doc_id: str) -> Iterator[str]:
        """A document's meta (JSON) in pieces of 64 KB, read as they are taken, by
        SQLite's incremental blob I/O (a column file's long document keeps tens of megabytes of
        tokens there: see annotator.formats.kept_sentences)."""
        row = self.db.conn.execute("SELECT rowid FROM documents WHERE id = ?", [doc_id]).fetchone()
        if row is None:
            raise ProjectError(f"no document {doc_id!r} in {self.path}")
        decoder = codecs.getincrementaldecoder("utf-8")()
        with self.db.conn.blobopen("documents", "meta", row[0], readonly=True) as blob:
            while chunk := blob.read(self.META_PIECE_BYTES):
                yield decoder.decode(chunk)
        yield decoder.decode(b"", final=True)

    def documents_with_work(self, doc_ids: list[str]) -> Iterator[tuple[str, str, list[Span], list[Relation]]]:
        """(id, text, everyone's spans, everyone's relations) of each of ``doc_ids`` in that
        order, as :meth:`text`, :meth:`spans` and :meth:`relations` give them (a server store
        reads them a few hundred documents per query)."""
        for doc_id in doc_ids:
            yield doc_id, self.text(doc_id), self.spans(doc_id), self.relations(doc_id)

    # ------------------------------------------------------------------ statistics

    def stats(self) -> dict:
        """Counts for ``annotator stats``: documents, and spans per layer, label and annotator."""
        spans = Counter()
        for layer, label, annotator, count in self.db.execute(
            "SELECT layer, label, annotator, count(*) FROM spans GROUP BY layer, label, annotator"
        ):
            spans[(layer, label, annotator)] = count
        relations = Counter()
        for label, annotator, count in self.db.execute(
            "SELECT label, annotator, count(*) FROM relations GROUP BY label, annotator"
        ):
            relations[(label, annotator)] = count
        status = Counter()
        for annotator, state, count in self.db.execute(
            "SELECT annotator, status, count(*) FROM document_status GROUP BY annotator, status"
        ):
            status[(annotator, state)] = count
        return {"documents": self.document_count(), "spans": spans, "relations": relations, "status": status}


_SPAN_DOCUMENT, _RELATION_DOCUMENT = operator.itemgetter(2), operator.itemgetter(1)  # doc_id of their rows


def document_records(doc_id: str, text: str, meta: str, doc_statuses: dict[str, str], span_rows: list[tuple],
                     relation_rows: list[tuple], annotator: str | None, status: str | None, with_all_edges: bool
                     ) -> Iterator[tuple]:
    """:meth:`Project.export_rows`'s records of one document, from its statuses ({annotator:
    status}), its span rows and its relation rows (each ordered by annotator)."""
    names = set(doc_statuses)
    if span_rows:
        if span_rows[0][3] == span_rows[-1][3]:  # ordered by annotator: all one annotator's
            names.add(span_rows[0][3])
        else:
            names.update(row[3] for row in span_rows)
    if not names:
        if annotator is None and status is None:
            yield doc_id, text, meta, None, None, [], [], None
        return
    # Only another annotator's edges can cut a token the record's own spans do not.
    all_edges = sorted({(r[6], r[7], r[4]) for r in span_rows}) if with_all_edges and len(names) > 1 else None
    for name in sorted(names):
        if annotator is not None and name != annotator:
            continue
        doc_status = doc_statuses.get(name)
        if status is not None and doc_status != status:
            continue
        if len(names) == 1:  # one annotator: every row is theirs
            yield doc_id, text, meta, name, doc_status, span_rows, relation_rows, all_edges
        else:
            yield (doc_id, text, meta, name, doc_status, [r for r in span_rows if r[3] == name],
                   [r for r in relation_rows if r[2] == name], all_edges)


def _export_records(spans_of: Callable[[str], list[tuple]], relations: Iterable[tuple], statuses: Iterable[tuple],
                    texts: Iterable[tuple], annotator: str | None, status: str | None, with_all_edges: bool
                    ) -> Iterator[tuple]:
    """The rows of :meth:`Project.export_rows` from a function giving a document's span rows
    and the rows of its relations', statuses' and texts' queries."""
    relations_by_doc = _GroupedByPosition(relations)
    statuses_by_doc = _GroupedByPosition(statuses)
    for position, doc_id, text, meta in texts:
        yield from document_records(doc_id, text, meta, {row[1]: row[2] for row in statuses_by_doc.take(position)},
                                    spans_of(doc_id), relations_by_doc.take(position), annotator, status,
                                    with_all_edges)


def _token_export_rows(spans: Iterable[tuple], statuses: Iterable[tuple], texts: Iterable[tuple]) -> Iterator[tuple]:
    """The rows of :meth:`Project.token_export_rows` from its three queries' rows."""
    spans_by_doc = _GroupedByPosition(spans, at=0)
    statuses_by_doc = _GroupedByPosition(statuses)
    for position, doc_id, text, meta in texts:
        yield (position, doc_id, text, meta, {row[1]: row[2] for row in statuses_by_doc.take(position)},
               {row[1]: row[2:] for row in spans_by_doc.take(position)})


class _GroupedByPosition:
    """Walks a cursor ordered by document position alongside the document loop, so export
    reads spans in one query instead of one query per document."""

    def __init__(self, cursor, at: int = -1):
        self._rows = iter(cursor)
        self._pending = next(self._rows, None)
        self._at = at  # the column holding the position

    def take(self, position: int) -> list[tuple]:
        out = []
        at = self._at
        while self._pending is not None and self._pending[at] <= position:
            if self._pending[at] == position:
                out.append(self._pending)
            self._pending = next(self._rows, None)
        return out


# A meta this long is written out again as stored (a column file's document: every token's
# offsets and columns); a shorter one is parsed and written, as before.
STORED_META_CHARS = 1_000_000


def _span_record(row: tuple) -> dict:
    """A span of an export's record, from its row (see Project.export_rows)."""
    return {"id": row[1], "start": row[6], "end": row[7], "layer": row[4], "label": row[5],
            "attrs": {} if row[8] == "{}" else json.loads(row[8])}


def _spans_json_pieces(rows: list[tuple], run: int = 2_000) -> Iterator[str]:
    """The JSON of the spans of ``rows`` (as json.dumps writes their records' list), a run of
    spans at a time."""
    yield "["
    for at in range(0, len(rows), run):
        if at:
            yield ", "
        yield json.dumps(list(map(_span_record, rows[at:at + run])), ensure_ascii=False)[1:-1]
    yield "]"


def _meta_to_write_again(meta: str) -> dict | RawJSON:
    if len(meta) < STORED_META_CHARS:
        return json.loads(meta)
    # Checked as json.loads checks it, each object dropped once read (a sentence's lists at a
    # time, not the document's: parsed whole, a million tokens' meta took 300-600 MB).
    json.loads(meta, object_hook=_dropped)
    return RawJSON(meta)


def _dropped(_obj: dict) -> None:
    return None


def copy_target(target: str | Path) -> tuple[Path, Path]:
    """A copy's new file and the temporary name it is written under, in the same folder (renamed
    into place when complete). Refused if the file, or its ``-wal``/``-shm``, exists already,
    or the folder does not."""
    target = Path(target)
    for path in project_files(target):
        if path.exists():
            raise ProjectError(f"{path}: already exists; a copy never replaces a file, choose another name")
    if not target.parent.is_dir():
        raise ProjectError(f"{target.parent}: no such folder")
    return target, target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")


def span_from_row(row) -> Span:
    # Most spans have no attributes; skipping json.loads for them halves the cost of reading
    # a document with 20,000 spans.
    return Span(row[1], row[2], row[3], row[4], row[5], row[6], row[7], {} if row[8] == "{}" else json.loads(row[8]))


def _rollback(conn: sqlite3.Connection) -> None:
    try:
        conn.rollback()
    except sqlite3.Error:
        pass  # the failure already ended the transaction


def _writable(path: Path) -> bool:
    # SQLite writes the WAL and shared-memory files beside the project: the folder must be
    # writable too.
    return os.access(path, os.W_OK) and os.access(path.resolve().parent, os.W_OK)


def _backup_copy(conn: sqlite3.Connection, path: Path) -> Path:
    """A consistent copy of the project (WAL included) beside it, before an upgrade."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-upgrade-{stamp}{path.suffix}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.stem}.before-upgrade-{stamp}-{n}{path.suffix}")
    copy = sqlite3.connect(str(target))
    try:
        conn.backup(copy)
    finally:
        copy.close()
    return target


def _connect(path: Path, readonly: bool) -> sqlite3.Connection:
    if readonly:
        # mode=ro: a project from someone else is never written, not even a WAL checkpoint.
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    else:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS)
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
    return conn
