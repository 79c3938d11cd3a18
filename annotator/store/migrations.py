"""The project database schema, as sqlite-utils migrations.

Each migration runs once, in a transaction, and is recorded in ``_sqlite_migrations``; a
project made by an older annotator is upgraded when it is next opened for writing. Never edit
a migration that has shipped: add a new one.

Tables are written in SQL rather than with ``Table.create`` because we need ``ON DELETE
CASCADE`` foreign keys and composite unique constraints, which sqlite-utils does not express.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("annotator")


@migrations()
def m001_initial(db: Database) -> None:
    _run(
        db,
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        -- Document texts live in their own table so that listing 100,000 documents reads
        -- only these small rows, never the texts.
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            position INTEGER NOT NULL,
            length INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            meta TEXT NOT NULL DEFAULT '{}'
        );
        CREATE UNIQUE INDEX documents_position ON documents(position);
        CREATE TABLE document_texts (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            text TEXT NOT NULL
        );
        CREATE TABLE annotators (
            name TEXT PRIMARY KEY
        );
        CREATE TABLE spans (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL REFERENCES annotators(name),
            layer TEXT NOT NULL,
            label TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            attrs TEXT NOT NULL DEFAULT '{}',
            UNIQUE (doc_id, annotator, id),
            CHECK (0 <= start AND start < "end")
        );
        CREATE TABLE relations (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL REFERENCES annotators(name),
            label TEXT NOT NULL,
            from_pk INTEGER NOT NULL REFERENCES spans(pk) ON DELETE CASCADE,
            to_pk INTEGER NOT NULL REFERENCES spans(pk) ON DELETE CASCADE,
            UNIQUE (doc_id, annotator, id)
        );
        CREATE INDEX relations_from ON relations(from_pk);
        CREATE INDEX relations_to ON relations(to_pk);
        CREATE TABLE document_status (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL REFERENCES annotators(name),
            status TEXT NOT NULL CHECK (status IN ('new', 'in progress', 'done')),
            PRIMARY KEY (doc_id, annotator)
        );
        """,
    )


def _run(db: Database, script: str) -> None:
    # Not executescript(): sqlite3 commits the open transaction before a script, which would
    # break the migration's all-or-nothing guarantee.
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations()
def m002_span_lookup_index(db: Database) -> None:
    # Adding or resizing a span checks its same-layer neighbours, and opening a document reads
    # its spans in document order (first the visible ones): without these indexes both are
    # scans and sorts of every span of the document.
    db.execute("CREATE INDEX spans_doc_layer_start ON spans(doc_id, annotator, layer, start)")
    db.execute("CREATE INDEX spans_doc_start ON spans(doc_id, annotator, start)")


@migrations()
def m003_adjudication(db: Database) -> None:
    # A curator's rejected differences, so that they do not come back as differences after
    # every auto-merge. Accepted ones are simply spans of the gold annotator.
    _run(
        db,
        """
        CREATE TABLE adjudication_rejections (
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            layer TEXT NOT NULL,
            label TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            PRIMARY KEY (doc_id, layer, label, start, "end")
        )
        """,
    )


@migrations()
def m004_suggestions(db: Database) -> None:
    # Pre-annotations (rules, a dictionary, a model) wait here until an annotator accepts them
    # into their own spans or rejects them; decisions are per annotator.
    _run(
        db,
        """
        CREATE TABLE suggestions (
            pk INTEGER PRIMARY KEY,
            doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            layer TEXT NOT NULL,
            label TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            attrs TEXT NOT NULL DEFAULT '{}',
            source TEXT NOT NULL,
            UNIQUE (doc_id, layer, label, start, "end", source)
        );
        CREATE TABLE suggestion_links (
            from_pk INTEGER NOT NULL REFERENCES suggestions(pk) ON DELETE CASCADE,
            to_pk INTEGER NOT NULL REFERENCES suggestions(pk) ON DELETE CASCADE,
            label TEXT NOT NULL,
            PRIMARY KEY (from_pk, to_pk, label)
        );
        CREATE TABLE suggestion_decisions (
            pk INTEGER NOT NULL REFERENCES suggestions(pk) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
            PRIMARY KEY (pk, annotator)
        )
        """,
    )


@migrations()
def m005_suggestion_scores_and_doubt(db: Database) -> None:
    # A model's suggestions carry its confidence (NULL for rules), and each document the
    # model's doubt about it, for the "most doubtful first" order of the document list.
    _run(
        db,
        """
        ALTER TABLE suggestions ADD COLUMN score REAL;
        CREATE TABLE document_doubt (
            doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            doubt REAL NOT NULL,
            model TEXT NOT NULL
        )
        """,
    )


@migrations()
def m006_long_texts_as_utf8(db: Database) -> None:
    # No table changes. From here a long text may be stored as a BLOB of its UTF-8 (see
    # Project.TEXT_BLOB_BYTES), which an older annotator would read as bytes and fail on, in
    # the window or in an export; with this migration recorded it refuses the project instead
    # and says to update annotator (recognition.py). A marker (MARKERS).
    pass


# Migrations that change no table, only tell older annotators that the project holds what they
# cannot read: a project without them is opened read-only as it is, and one opened for writing
# gets them without the backup copy an upgrade makes (a copy of the whole file, for a record).
MARKERS = frozenset({"m006_long_texts_as_utf8"})
