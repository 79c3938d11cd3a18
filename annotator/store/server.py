"""A project in a PostgreSQL database, for a team working on one live project.

The same :class:`~annotator.store.project.Project`, with its SQL sent to the server through
psycopg 3 instead of to a file through sqlite3. The queries are shared: this module is the one
place that speaks PostgreSQL's dialect (placeholders, upserts, temporary tables), and the
methods whose SQL has no common form are overridden here. What the file gives by being one
file, the server gives by its own means:

- one writer at a time per document, as SQLite's ``BEGIN IMMEDIATE`` gives per file: each
  write transaction first takes transaction-level advisory locks (see ``_write``), so that a
  method's checks and its write see the same document (two annotators' edits queue for
  milliseconds; none is lost), while writers to other documents, and an import of new ones,
  go on;
- who may write and read what: each annotator connects as their own database role; row-level
  security lets a role write only its own spans, relations, statuses and decisions and, in a
  blind project, read another annotator's work on a document only when both have marked it
  done. The project's owner role (the lead, and the roles granted it) sees and manages
  everything;
- change notices: triggers NOTIFY on every write, and :meth:`ServerProject.data_version`
  counts the notices from other connections (the window refreshes on a change within its
  poll interval, without querying the server);
- bulk writes through COPY.

Text columns use the "C" collation: the server sorts ids and names by code point, as SQLite
and Python do, so that exports of a file and of its copy on a server are byte for byte equal.
"""

from __future__ import annotations

import codecs
import functools
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from annotator.core.model import Relation, Span, iter_spliced_pieces
from annotator.core.schema import Schema, default_schema
from annotator.store.location import shown_url
from annotator.store.project import (_SPAN_COLUMNS, Project, ProjectError, StorageError, _export_records,
                                     _token_export_rows, span_from_row)

try:
    import psycopg
    from psycopg import errors as pg_errors
    from psycopg.pq import TransactionStatus
except ImportError:  # an optional extra: the file store needs none of it
    psycopg = None

CHANNEL = "annotator_changes"
_STREAMS = itertools.count()  # names of server-side cursors (unique in a connection)
# pg_advisory_xact_lock key held by every write transaction ("annot" in ASCII): one writer at a
# time, per database.
WRITE_LOCK = 0x616E6E6F74
IMPORT_LOCK = WRITE_LOCK + 1  # held by an import: one at a time
DOCUMENT_LOCKS = 0x616E6E6F  # a document's lock: (DOCUMENT_LOCKS, hashtext(its id))
MOST_DOCUMENT_LOCKS = 1000  # an import locking more documents takes the whole project instead
# What one read from the server holds (it sends a query's whole result at once): an export reads
# this many documents at a time, and about this many characters (documents of 5 MB in runs of
# 200 were a gigabyte at once).
RANGE_DOCUMENTS = 200
RANGE_CHARS = 4_000_000
_DOCUMENT_KEY = "%s::int4, hashtext(%s)"
# A token export's worker reads a range in this many parts, asking for the next part before it
# renders the one it has (see ServerProject.token_export_rows).
TOKEN_READ_PARTS = 2
_DOCUMENT_OF_ROW = operator.itemgetter(2)  # a span row's doc_id (_SPAN_COLUMNS)
MIGRATIONS = ["s001_initial", "s002_spans_refer_once_per_document"]  # in the order they apply
# Tables a copy moves, parents first, with the columns that keep their order.
TABLES = {
    "settings": ("key", "value"),
    "documents": ("id", "position", "length", "sha256", "meta"),
    "document_texts": ("doc_id", "text"),
    "annotators": ("name",),
    "spans": ("pk", "id", "doc_id", "annotator", "layer", "label", "start", '"end"', "attrs"),
    "relations": ("pk", "id", "doc_id", "annotator", "label", "from_pk", "to_pk"),
    "document_status": ("doc_id", "annotator", "status"),
    "adjudication_rejections": ("doc_id", "layer", "label", "start", '"end"'),
    "suggestions": ("pk", "doc_id", "layer", "label", "start", '"end"', "attrs", "source", "score"),
    "suggestion_links": ("from_pk", "to_pk", "label"),
    "suggestion_decisions": ("pk", "annotator", "decision"),
    "document_doubt": ("doc_id", "doubt", "model"),
}
_ORDER = {"documents": "position", "document_texts": "doc_id", "spans": "pk", "relations": "pk",
          "suggestions": "pk"}
_IDENTITY_TABLES = ("spans", "relations", "suggestions")
# Conflict targets of the tables written with SQLite's INSERT OR REPLACE.
_KEYS = {"settings": ("key",), "document_status": ("doc_id", "annotator"), "document_doubt": ("doc_id",),
         "suggestion_decisions": ("pk", "annotator")}

_C = 'COLLATE "C"'
# A span's document and annotator exist: checked once per statement over all its rows, not by
# foreign keys, whose row-by-row checks took 3.8 of the 5.6 s a COPY of 300,000 spans took
# (measured). Each document and annotator the rows name is looked up once: an import's COPY of
# 7,500 spans names 250 documents and one annotator (a lookup per row was a fifth of the
# server's CPU in an import, measured). Documents and annotators are never deleted (annotators'
# roles may not), so nothing is left to cascade.
_SPANS_REFER_SQL = """
CREATE OR REPLACE FUNCTION annotator_spans_refer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM (SELECT DISTINCT doc_id FROM new_spans) n
               WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = n.doc_id)) THEN
        RAISE foreign_key_violation USING MESSAGE = 'a span refers to a document the project does not have';
    END IF;
    IF EXISTS (SELECT 1 FROM (SELECT DISTINCT annotator FROM new_spans) n
               WHERE NOT EXISTS (SELECT 1 FROM annotators a WHERE a.name = n.annotator)) THEN
        RAISE foreign_key_violation USING MESSAGE = 'a span refers to an annotator the project does not have';
    END IF;
    RETURN NULL;
END $$;
"""
_TABLES_SQL = f"""
CREATE TABLE annotator_migrations (name text {_C} PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE settings (key text {_C} PRIMARY KEY, value text NOT NULL);
CREATE TABLE documents (
    id text {_C} PRIMARY KEY, position integer NOT NULL UNIQUE, length integer NOT NULL,
    sha256 text NOT NULL, meta text NOT NULL DEFAULT '{{}}');
CREATE TABLE document_texts (doc_id text {_C} PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    text text NOT NULL);
-- Texts kept uncompressed: every export, search and agreement reads them, and decompressing
-- took 0.3 s per 10,000 documents (measured; the table grows from 42 to 63 MB).
ALTER TABLE document_texts ALTER COLUMN text SET STORAGE EXTERNAL;
CREATE TABLE annotators (name text {_C} PRIMARY KEY);
CREATE TABLE spans (
    pk bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, id text {_C} NOT NULL,
    doc_id text {_C} NOT NULL, annotator text {_C} NOT NULL,
    layer text {_C} NOT NULL, label text {_C} NOT NULL, start integer NOT NULL, "end" integer NOT NULL,
    attrs text NOT NULL DEFAULT '{{}}', UNIQUE (doc_id, annotator, id), CHECK (0 <= start AND start < "end"));
CREATE INDEX spans_doc_layer_start ON spans(doc_id, annotator, layer, start);
{_SPANS_REFER_SQL}CREATE TRIGGER spans_added AFTER INSERT ON spans REFERENCING NEW TABLE AS new_spans
    FOR EACH STATEMENT EXECUTE FUNCTION annotator_spans_refer();
CREATE TRIGGER spans_changed_refer AFTER UPDATE ON spans REFERENCING NEW TABLE AS new_spans
    FOR EACH STATEMENT EXECUTE FUNCTION annotator_spans_refer();
CREATE INDEX spans_doc_start ON spans(doc_id, annotator, start);
-- Exports read a document's spans by annotator in the order they were made: in this index's
-- order, so the server does not sort them (0.9 → 0.3 ms per range of 32 documents, measured).
CREATE INDEX spans_doc_made ON spans(doc_id, annotator, pk);
CREATE TABLE relations (
    pk bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, id text {_C} NOT NULL,
    doc_id text {_C} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    annotator text {_C} NOT NULL REFERENCES annotators(name), label text {_C} NOT NULL,
    from_pk bigint NOT NULL REFERENCES spans(pk) ON DELETE CASCADE,
    to_pk bigint NOT NULL REFERENCES spans(pk) ON DELETE CASCADE, UNIQUE (doc_id, annotator, id));
CREATE INDEX relations_from ON relations(from_pk);
CREATE INDEX relations_to ON relations(to_pk);
CREATE TABLE document_status (
    doc_id text {_C} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    annotator text {_C} NOT NULL REFERENCES annotators(name),
    status text NOT NULL CHECK (status IN ('new', 'in progress', 'done')), PRIMARY KEY (doc_id, annotator));
CREATE TABLE adjudication_rejections (
    doc_id text {_C} NOT NULL REFERENCES documents(id) ON DELETE CASCADE, layer text {_C} NOT NULL,
    label text {_C} NOT NULL, start integer NOT NULL, "end" integer NOT NULL,
    PRIMARY KEY (doc_id, layer, label, start, "end"));
CREATE TABLE suggestions (
    pk bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    doc_id text {_C} NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    layer text {_C} NOT NULL, label text {_C} NOT NULL, start integer NOT NULL, "end" integer NOT NULL,
    attrs text NOT NULL DEFAULT '{{}}', source text {_C} NOT NULL, score double precision,
    UNIQUE (doc_id, layer, label, start, "end", source));
CREATE TABLE suggestion_links (
    from_pk bigint NOT NULL REFERENCES suggestions(pk) ON DELETE CASCADE,
    to_pk bigint NOT NULL REFERENCES suggestions(pk) ON DELETE CASCADE,
    label text {_C} NOT NULL, PRIMARY KEY (from_pk, to_pk, label));
CREATE TABLE suggestion_decisions (
    pk bigint NOT NULL REFERENCES suggestions(pk) ON DELETE CASCADE, annotator text {_C} NOT NULL,
    decision text NOT NULL CHECK (decision IN ('accepted', 'rejected')), PRIMARY KEY (pk, annotator));
CREATE TABLE document_doubt (
    doc_id text {_C} PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    doubt double precision NOT NULL, model text NOT NULL);
"""

# Change notices: one per writing statement, delivered when its transaction commits (the
# server folds repeats within a transaction into one).
_NOTIFY_SQL = f"""
CREATE FUNCTION annotator_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM pg_notify('{CHANNEL}', TG_TABLE_NAME); RETURN NULL; END $$;
""" + "".join(
    f"CREATE TRIGGER {table}_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
    "FOR EACH STATEMENT EXECUTE FUNCTION annotator_changed();\n"
    for table in TABLES)

# What each migration after the first does to a project made before it (a new project's tables
# above have them all).
_UPGRADES = {"s002_spans_refer_once_per_document": _SPANS_REFER_SQL}

# Row-level security, for every role but the tables' owner (the lead) and the roles that
# inherit it: an annotator writes only rows of their own name (their role's name), and reads
# another annotator's rows unless the project is blind and not both of them have marked the
# document done. The test runs as the owner (SECURITY DEFINER), so that reading the settings and
# statuses it needs is not itself filtered; it is told the asking role, since current_user in
# it is the owner. {schema} is the project's schema, fixed in the function's search path.
_SECURITY_SQL = """
CREATE FUNCTION annotator_blind() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = {schema}, pg_temp AS $$
    SELECT coalesce((SELECT value = 'true' FROM settings WHERE key = 'blind'), false) $$;
CREATE FUNCTION annotator_may_see(doc text, author text, reader text) RETURNS boolean LANGUAGE sql STABLE
SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$
    SELECT author = reader OR NOT annotator_blind()
        OR (EXISTS (SELECT 1 FROM document_status WHERE doc_id = doc AND annotator = reader AND status = 'done')
            AND EXISTS (SELECT 1 FROM document_status WHERE doc_id = doc AND annotator = author AND status = 'done'))
$$;
ALTER TABLE spans ENABLE ROW LEVEL SECURITY;
ALTER TABLE relations ENABLE ROW LEVEL SECURITY;
ALTER TABLE document_status ENABLE ROW LEVEL SECURITY;
ALTER TABLE suggestion_decisions ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotators ENABLE ROW LEVEL SECURITY;
ALTER TABLE settings ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_spans ON spans USING (annotator = current_user) WITH CHECK (annotator = current_user);
CREATE POLICY others_spans ON spans FOR SELECT USING (annotator_may_see(doc_id, annotator, current_user));
CREATE POLICY own_relations ON relations USING (annotator = current_user) WITH CHECK (annotator = current_user);
CREATE POLICY others_relations ON relations FOR SELECT
    USING (annotator_may_see(doc_id, annotator, current_user));
CREATE POLICY own_status ON document_status USING (annotator = current_user)
    WITH CHECK (annotator = current_user);
CREATE POLICY others_status ON document_status FOR SELECT
    USING (annotator_may_see(doc_id, annotator, current_user));
CREATE POLICY own_decisions ON suggestion_decisions USING (annotator = current_user)
    WITH CHECK (annotator = current_user);
CREATE POLICY others_decisions ON suggestion_decisions FOR SELECT USING (NOT annotator_blind());
CREATE POLICY everyone ON annotators FOR SELECT USING (true);
CREATE POLICY oneself ON annotators FOR INSERT WITH CHECK (name = current_user);
CREATE POLICY everything ON settings FOR SELECT USING (true);
CREATE POLICY directions ON settings FOR INSERT WITH CHECK (key LIKE 'direction/%%');
CREATE POLICY change_directions ON settings FOR UPDATE USING (key LIKE 'direction/%%')
    WITH CHECK (key LIKE 'direction/%%');
"""

_TEAM_GRANTS = """
GRANT USAGE ON SCHEMA {schema} TO {team};
GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {team};
GRANT INSERT, UPDATE, DELETE ON spans, relations, document_status, suggestion_decisions TO {team};
GRANT INSERT ON annotators TO {team};
GRANT INSERT, UPDATE ON settings, suggestions, suggestion_links TO {team};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {team};
"""


# An INSERT of rows as they are (no conflict clause, no expressions): sent by COPY instead.
_UPSERT = re.compile(r"\s*INSERT OR (REPLACE|IGNORE) INTO (\w+)\s*\(([^)]*)\)\s*VALUES\s*\(\s*\?(?:\s*,\s*\?)*\s*\)\s*$")
_ONE_UPSERT_FROM = 50  # rows: from this many, an upsert's rows go in one statement
_PLAIN_INSERT = re.compile(r"\s*INSERT INTO ([\w.]+)\s*(\([^)]*\))?\s*VALUES\s*\(\s*\?(?:\s*,\s*\?)*\s*\)\s*$")


# "scheme://user:password@" in a message: the password goes.
_CREDENTIALS = re.compile(r"(://[^:@/\s\"']*):[^@/\s\"']*@")


def _need_psycopg() -> None:
    if psycopg is None:
        raise ProjectError("a project on a PostgreSQL server needs psycopg: pip install \"annotator[server]\"")


@functools.lru_cache(maxsize=1024)
def server_sql(sql: str) -> str:
    """The project's SQLite SQL in PostgreSQL's dialect."""
    if sql.strip().upper() == "BEGIN":
        # A read transaction on a file sees one snapshot (WAL); the server's default (read
        # committed) gives each statement its own, so an export's range could read spans
        # and links of different moments.
        return "BEGIN ISOLATION LEVEL REPEATABLE READ"
    upsert = re.match(r"\s*INSERT OR (REPLACE|IGNORE) INTO (\w+)\s*\(([^)]*)\)(.*)", sql, re.S)
    if upsert:
        verb, table, columns, rest = upsert.groups()
        if verb == "IGNORE":
            tail = " ON CONFLICT DO NOTHING"
        else:
            keys = _KEYS[table]
            names = [c.strip() for c in columns.split(",")]
            tail = (f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET "
                    + ", ".join(f"{c} = EXCLUDED.{c}" for c in names if c not in keys))
        sql = f"INSERT INTO {table}({columns}){rest.rstrip()}{tail}"
    sql = re.sub(r"\bIS NOT \?", "IS DISTINCT FROM ?", sql)
    sql = re.sub(r"\btemp\.", "pg_temp.", sql).replace(" WITHOUT ROWID", "")
    sql = re.sub(r"\binstr\(", "strpos(", sql)
    return sql.replace("%", "%%").replace("?", "%s")


def _explain(exc: Exception, where: str) -> str:
    """A server error in words a user can act on."""
    detail = (getattr(getattr(exc, "diag", None), "message_primary", None) or str(exc)).strip()
    if isinstance(exc, pg_errors.InsufficientPrivilege):
        return (f"{where}: the server refused it ({detail}): your role may change only your own work, "
                "and only the project's lead changes documents and the schema; nothing was written")
    if isinstance(exc, pg_errors.LockNotAvailable):
        return f"another annotator is writing to {where} and did not finish in time; nothing was written. Try again."
    if isinstance(exc, pg_errors.DeadlockDetected):
        return (f"{where}: this write and another one waited for each other, and the server stopped this one; "
                "nothing was written. Try again.")
    if isinstance(exc, pg_errors.ReadOnlySqlTransaction):
        return f"{where}: opened read-only; nothing was written"
    if isinstance(exc, pg_errors.QueryCanceled):
        return f"{where}: the server cancelled the statement ({detail}); nothing was written"
    if isinstance(exc, psycopg.OperationalError):
        return (f"lost the connection to {where} ({detail}); nothing was written. "
                "annotator reconnects at the next step")
    return f"{where}: {detail}"


class _ServerConnection:
    """What the project's code asks of a sqlite3 connection, answered by a psycopg one:
    ``execute`` and ``executemany`` with the SQL translated, ``in_transaction``, ``rollback``.
    A server error becomes a :class:`StorageError` saying what happened; a connection found
    broken is made again before the next statement outside a transaction."""

    def __init__(self, url: str, shown: str, readonly: bool):
        self.url = url
        self.shown = shown
        self.readonly = readonly
        self.reconnected = 0  # how many times the connection was made again
        self._types: dict[str, dict[str, str]] = {}  # a table's columns' types (see _upsert_at_once)
        self.raw = self._connect()

    def _connect(self):
        try:
            raw = psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            # libpq quotes a URL it cannot parse, password and all: never shown.
            detail = _CREDENTIALS.sub(r"\1@", str(exc).strip().replace(self.url, self.shown))
            raise ProjectError(f"cannot connect to {self.shown}: {detail}") from None
        raw.execute(f"LISTEN {CHANNEL}")
        if self.readonly:
            raw.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        return raw

    def _ready(self):
        if self.raw.broken or self.raw.closed:
            if not self.raw.closed:
                self.raw.close()
            self.raw = self._connect()
            self.reconnected += 1
        return self.raw

    @property
    def in_transaction(self) -> bool:
        return not self.raw.closed and self.raw.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, params=()):
        # A read outside a transaction that finds the connection dropped (the server restarted,
        # the network came back) is made again once on a new connection: nothing can be half
        # done by it. A write is never repeated: its failure is the caller's to show.
        # (A BEGIN too: a read transaction that could not begin has read nothing.)
        retry = not self.in_transaction and sql.lstrip()[:6].upper() in ("SELECT", "BEGIN")
        try:
            return self._ready().execute(server_sql(sql), params or None)
        except psycopg.OperationalError as exc:
            if not (retry and self.raw.broken):
                raise StorageError(_explain(exc, self.shown)) from None
        except psycopg.Error as exc:
            raise StorageError(_explain(exc, self.shown)) from None
        try:
            return self._ready().execute(server_sql(sql), params or None)
        except psycopg.Error as exc:
            raise StorageError(_explain(exc, self.shown)) from None

    def executemany(self, sql: str, rows):
        rows = list(rows)
        if not rows:
            return None
        plain = _PLAIN_INSERT.match(sql)
        try:
            with self._ready().cursor() as cursor:
                if plain:  # the bulk path: COPY sends rows without a statement each
                    table, columns = plain.groups()
                    with cursor.copy(server_sql(f"COPY {table} {columns or ''} FROM STDIN")) as copy:
                        for row in rows:
                            copy.write_row(row)
                elif (upsert := _UPSERT.match(sql)) and len(rows) >= _ONE_UPSERT_FROM:
                    self._upsert_at_once(cursor, sql, upsert, rows)
                else:
                    cursor.executemany(server_sql(sql), rows)
        except psycopg.Error as exc:
            raise StorageError(_explain(exc, self.shown)) from None

    def _upsert_at_once(self, cursor, sql: str, upsert: re.Match, rows: list) -> None:
        """Many rows of an INSERT OR REPLACE (or IGNORE) as one statement, each column an array
        (an import's statuses: a statement per row cost the database 0.37 s of CPU per 10,000,
        and the import waited 0.44 s for them). In one statement, a second row for the same key
        would be refused (DO UPDATE) where a statement per row replaces the first: the last row
        of each key is kept (DO NOTHING, for IGNORE, passes over a second row as it would a
        row already there)."""
        verb, table, columns = upsert.groups()
        names = [column.strip() for column in columns.split(",")]
        if verb == "REPLACE":
            keys = [names.index(key) for key in _KEYS[table]]
            rows = list({tuple(row[k] for k in keys): row for row in rows}.values())
        types = self._column_types(cursor, table)
        arrays = ", ".join(f"%s::{types[name.strip(chr(34))]}[]" for name in names)
        statement = re.sub(r"VALUES\s*\(\s*%s(?:\s*,\s*%s)*\s*\)", f"SELECT * FROM unnest({arrays})",
                           server_sql(sql), count=1)
        cursor.execute(statement, [list(column) for column in zip(*rows)])

    def _column_types(self, cursor, table: str) -> dict[str, str]:
        if table not in self._types:
            self._types[table] = dict(cursor.execute(
                "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped", [table]).fetchall())
        return self._types[table]

    def rollback(self) -> None:
        if not self.raw.closed and not self.raw.broken:
            self.raw.rollback()

    def close(self) -> None:
        self.raw.close()


class _ServerDatabase:
    """The part of sqlite-utils' Database the project uses: ``conn`` and ``execute``."""

    def __init__(self, conn: _ServerConnection):
        self.conn = conn

    def execute(self, sql: str, params=()):
        return self.conn.execute(sql, params)


def _copy_text(value: str) -> str:
    """A value as COPY's text format writes it."""
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


class ServerProject(Project):
    """A project in a PostgreSQL database (``postgresql://`` URL). Open it with
    ``Project.open(url)`` or create it with ``Project.create(url)``, as a file."""

    def __init__(self, url: str, conn: _ServerConnection, readonly: bool):
        super().__init__(shown_url(url), None, readonly)
        self.location = url
        self.db = _ServerDatabase(conn)
        self._version = 0
        self._seen_reconnections = 0
        self.user = conn.raw.execute("SELECT current_user").fetchone()[0]
        self._mode: str | None = None  # the open write transaction's lock: see _write
        self._documents_locked: set[str] = set()  # by an importing transaction
        self._most_document_locks = MOST_DOCUMENT_LOCKS  # ... before it holds the whole project

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    def create(cls, path, schema: Schema | None = None, *, fill=None) -> ServerProject:
        """Make the project's tables in the (empty) database at the URL ``path``, as the role
        that connects, which becomes the project's lead (:meth:`grant_team` lets annotators in).
        ``fill(project)`` writes more in the same transaction (a copy): the database gets the
        whole project or nothing."""
        _need_psycopg()
        url = str(path)
        shown = shown_url(url)
        conn = _ServerConnection(url, shown, readonly=False)
        project = cls(url, conn, readonly=False)
        try:
            tables = [row[0] for row in conn.raw.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1")]
            if tables:
                raise ProjectError(f"{shown}: the database already holds tables ({', '.join(tables[:5])}"
                                   f"{', …' if len(tables) > 5 else ''}); an annotator project needs an empty one")
            schema_name = conn.raw.execute("SELECT current_schema()").fetchone()[0]
            if schema_name is None:
                raise ProjectError(f"{shown}: no schema to create the project in (check the search_path)")
            with project._write():
                raw = conn.raw
                for statement in _statements(_TABLES_SQL + _NOTIFY_SQL):
                    raw.execute(statement)
                quoted = _identifier(schema_name)
                for statement in _statements(_SECURITY_SQL.format(schema=quoted)):
                    raw.execute(statement)
                conn.executemany("INSERT INTO annotator_migrations(name) VALUES (?)", [(m,) for m in MIGRATIONS])
                project.set_schema(schema or default_schema())
                if fill is not None:
                    fill(project)
        except BaseException:
            project.close()
            raise
        return project

    @classmethod
    def open(cls, path, readonly: bool = False, upgrade: bool = True) -> ServerProject:
        _need_psycopg()
        url = str(path)
        shown = shown_url(url)
        conn = _ServerConnection(url, shown, readonly)
        try:
            present = conn.raw.execute(
                "SELECT to_regclass('annotator_migrations') IS NOT NULL, to_regclass('settings') IS NOT NULL"
            ).fetchone()
            if not all(present):
                raise ProjectError(f"{shown}: not an annotator project (the database has no annotator tables; "
                                   f"create one with 'annotator init {shown}')")
            # Every table a real table of this schema (a view or a foreign table by one of these
            # names is not ours: reading it could run anything).
            real = {row[0] for row in conn.raw.execute(
                "SELECT c.relname FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace "
                "AND c.relkind IN ('r', 'p')")}
            missing = [table for table in ("annotator_migrations", *TABLES) if table not in real]
            if missing:
                raise ProjectError(f"{shown}: not an annotator project ({', '.join(missing)} missing or not a table)")
            columns: dict[str, set[str]] = {}
            for table, column in conn.raw.execute(
                    "SELECT table_name, column_name FROM information_schema.columns "
                    "WHERE table_schema = current_schema()"):
                columns.setdefault(table, set()).add(column)
            lacking = [f"{table}.{column.strip(chr(34))}" for table, names in TABLES.items() for column in names
                       if column.strip(chr(34)) not in columns.get(table, set())]
            if lacking:
                raise ProjectError(f"{shown}: not an annotator project (no column {', '.join(lacking[:3])})")
            applied = [row[0] for row in conn.raw.execute("SELECT name FROM annotator_migrations ORDER BY name")]
            unknown = [name for name in applied if name not in MIGRATIONS]
            if unknown:
                raise ProjectError(f"{shown}: made by a newer annotator ({', '.join(unknown)}); update annotator")
            if applied != MIGRATIONS[:len(applied)]:
                raise ProjectError(f"{shown}: made by another version of annotator, which this one cannot upgrade")
        except BaseException:
            conn.close()
            raise
        project = cls(url, conn, readonly)
        pending = MIGRATIONS[len(applied):]
        if pending and upgrade and not readonly:
            try:
                project._upgrade(pending)
            except BaseException:
                project.close()
                raise
        return project

    def _upgrade(self, pending: list[str]) -> None:
        """Apply the upgrades a project made by an earlier version lacks, when its lead (the
        tables' owner) opens it for writing. Until then it works as it is: each upgrade here
        makes the server faster, none changes what it stores or allows."""
        if not self.is_lead:
            return
        with self._write():
            done = {row[0] for row in self.db.execute("SELECT name FROM annotator_migrations")}
            for name in pending:
                if name in done:  # another lead opened it meanwhile
                    continue
                for statement in _statements(_UPGRADES[name]):
                    self.db.conn.raw.execute(statement)
                self.db.execute("INSERT INTO annotator_migrations(name) VALUES (?)", [name])

    def close(self) -> None:
        self.db.conn.close()

    # An import waited for the server while it wrote a batch (COPY), and the server for the
    # import while it checked the next (measured, 10k documents, the database on a core of its
    # own: 5.8 of the import's 7.7 s in writes, 4.7 s of them waiting). Its writes now go on in
    # a thread of their own on this connection (its one transaction) while it checks the next
    # batch on another (checks_connection): 1.07-1.11× a file's import instead of 1.29-1.38×.
    writes_in_background = True

    def checks_connection(self) -> ServerProject:
        # A second connection (the same role, outside the import's transaction), so that the
        # checks of the next batch need not wait for the batch being written: what the project
        # held before the import is what the server shows outside its transaction (imports
        # take turns; annotators add no documents, and their work on a document already there
        # is read after the import holds that document: see lock_documents). The import's
        # temporary tables are there too.
        return ServerProject(self.location, _ServerConnection(self.location, self.path, readonly=False), readonly=True)

    def after_bulk_write(self, added: dict[str, int]) -> None:
        # The server plans each query from its tables' statistics, which autovacuum gathers
        # again only a minute or so after a table has grown by a tenth. An export or report
        # right after an import was planned without them (measured, a CoNLL export of 10k
        # documents just imported: 1.2 s of the database's CPU, 0.7 s once analysed). So a
        # table that grew by a tenth is analysed at once, as PostgreSQL's manual advises after
        # a bulk load (about 0.25 s for 10k documents and 300k spans; a role that does not own
        # the tables gets a warning, not an error).
        # The write has committed: a failure here (a connection lost since) must not say
        # otherwise, and only costs the statistics autovacuum gathers later.
        if self.readonly or self.db.conn.in_transaction:
            return
        try:
            estimates = dict(self.db.execute(
                "SELECT c.relname, c.reltuples FROM pg_class c WHERE c.relname = ANY(?) "
                "AND c.relnamespace = current_schema()::regnamespace", [list(added)]).fetchall())
            grown = sorted(table for table, count in added.items()
                           if table in estimates and count and count > 0.1 * max(estimates[table], 0))
            if grown:
                self.db.execute(f"ANALYZE {', '.join(grown)}")
        except StorageError:
            pass

    def copy_to(self, target) -> tuple[int, int]:
        from annotator.store.copying import copy_project

        return copy_project(self, target)

    def data_version(self) -> int:
        """Counts the change notices other connections sent (each committed write), and any
        reconnection (changes made meanwhile were not heard)."""
        conn = self.db.conn
        if conn.in_transaction:
            return self._version
        try:
            raw = conn._ready()
            own = raw.info.backend_pid
            for notice in raw.notifies(timeout=0):
                if notice.pid != own:
                    self._version += 1
        except psycopg.Error as exc:
            raise StorageError(_explain(exc, self.path)) from None
        if conn.reconnected != self._seen_reconnections:
            self._seen_reconnections = conn.reconnected
            self._version += 1
        return self._version

    @property
    def is_lead(self) -> bool:
        """Whether this role manages the project: owns its tables (or inherits the owner's role),
        so that row-level security does not apply to it."""
        return bool(self.db.execute(
            "SELECT pg_has_role(current_user, tableowner, 'USAGE') OR (SELECT rolsuper FROM pg_roles "
            "WHERE rolname = current_user) FROM pg_tables WHERE schemaname = current_schema() "
            "AND tablename = 'settings'").fetchone()[0])

    @property
    def connected(self) -> bool:
        raw = self.db.conn.raw
        return not (raw.closed or raw.broken)

    @contextmanager
    def _write(self, document: str | None = None, importing: bool = False):
        """One transaction holding the project's write lock (an advisory lock: writers queue as
        on a file); nested blocks are savepoints. Waits up to ``busy_timeout`` for another
        writer, saying so after a second.

        Three ways to hold it. A write to one ``document`` (an annotator's save) takes that
        document's lock, then the project's lock shared: saves to different documents go on
        side by side. An ``importing`` transaction takes the project's lock shared and the
        import lock (one import at a time), then each document already in the project as it
        meets it (:meth:`lock_documents`); its new documents are invisible to others until it
        commits. Anything else (schema, settings, documents removed) takes the project's lock
        alone, and waits for every other writer."""
        if self.readonly:
            raise ProjectError(f"{self.path}: opened read-only; nothing was written")
        conn = self.db.conn
        if conn.in_transaction:
            if document is not None:
                self.lock_documents([document])
            with self._savepoint(conn.raw):
                yield
            return
        raw = conn._ready()
        try:
            with raw.transaction():
                try:
                    raw.execute(f"SET LOCAL lock_timeout = {int(self.busy_timeout * 1000)}")
                    if document is not None:
                        # The document first: a save waiting for it holds nothing an import needs.
                        self._lock(raw, _DOCUMENT_KEY, [DOCUMENT_LOCKS, document])
                        self._lock(raw, "%s", [WRITE_LOCK], shared=True)
                        self._mode, self._documents_locked = "document", {document}
                    elif importing:
                        self._lock(raw, "%s", [WRITE_LOCK], shared=True)
                        self._lock(raw, "%s", [IMPORT_LOCK])
                        self._mode, self._documents_locked = "importing", set()
                        # The server's lock table is shared by all its connections: an import takes
                        # at most a quarter of it (a server set up for few connections has few).
                        capacity = raw.execute(
                            "SELECT current_setting('max_locks_per_transaction')::int * ("
                            "current_setting('max_connections')::int"
                            " + current_setting('max_prepared_transactions')::int)").fetchone()[0]
                        self._most_document_locks = min(MOST_DOCUMENT_LOCKS, capacity // 4)
                    else:
                        self._lock(raw, "%s", [WRITE_LOCK])
                        self._mode = "project"
                    yield
                finally:
                    self._mode, self._documents_locked = None, set()
        except psycopg.Error as exc:
            raise StorageError(_explain(exc, self.path)) from None

    def _lock(self, raw, key: str, args: list, shared: bool = False) -> None:
        """Take an advisory lock (``key``: its SQL, one bigint or two integers); if another
        transaction holds it, say so (on_wait) and wait for it, up to the lock timeout."""
        kind = "_shared" if shared else ""
        if not raw.execute(f"SELECT pg_try_advisory_xact_lock{kind}({key})", args).fetchone()[0]:
            if self.on_wait is not None:
                self.on_wait(f"waiting for another annotator writing to {self.path}…")
            raw.execute(f"SELECT pg_advisory_xact_lock{kind}({key})", args)

    def _ensure_annotators(self, names: Iterable[str]) -> None:
        names = sorted(set(names))
        if self._mode != "document" or not names:
            return super()._ensure_annotators(names)
        present = {row[0] for row in self.db.execute("SELECT name FROM annotators WHERE name = ANY(?)", [names])}
        missing = [name for name in names if name not in present]
        if not missing:
            return
        # An annotator's first save. An open import may be adding the same name: waiting for it
        # while holding this document, which the import may come to next, would have the server
        # stop one of the two (the import too, after all its work). This save gives way at once.
        raw = self.db.conn.raw
        raw.execute("SET LOCAL lock_timeout = 200")
        try:
            with raw.transaction():  # a savepoint: the transaction goes on after a refusal
                raw.execute("INSERT INTO annotators(name) SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING", [missing])
        except pg_errors.LockNotAvailable:
            raise StorageError(f"{self.path}: an import is adding {', '.join(missing)} to the project right now; "
                               "nothing was written. Try again when it has finished.") from None
        finally:
            raw.execute(f"SET LOCAL lock_timeout = {int(self.busy_timeout * 1000)}")

    def lock_documents(self, doc_ids: list[str]) -> None:
        if self._mode not in ("importing", "document"):
            return  # the whole project is this transaction's already
        wanted = sorted(set(doc_ids) - self._documents_locked)
        if not wanted:
            return
        raw = self.db.conn.raw
        try:
            if self._mode == "importing" and len(self._documents_locked) + len(wanted) > self._most_document_locks:
                # The server keeps a few thousand locks for all its connections: an import that
                # touches this many documents already there holds the whole project instead.
                self._lock(raw, "%s", [WRITE_LOCK])
                self._mode = "project"
                return
            for doc_id in wanted:  # in order: two writers holding several never wait for each other crosswise
                self._lock(raw, _DOCUMENT_KEY, [DOCUMENT_LOCKS, doc_id])
        except psycopg.Error as exc:
            raise StorageError(_explain(exc, self.path)) from None
        self._documents_locked.update(wanted)

    @contextmanager
    def _savepoint(self, raw):
        try:
            with raw.transaction():
                yield
        except psycopg.Error as exc:
            raise StorageError(_explain(exc, self.path)) from None

    # ------------------------------------------------------------------ dialect

    _HIGHEST_NUMBERED_SPAN = ("SELECT max(substr(id, 2)::numeric) FROM spans WHERE doc_id = ? AND annotator = ? "
                              "AND id ~ '^T[0-9]+$'")

    def attribute_values(self, layer: str, name: str) -> list[str]:
        return [row[0] for row in self.db.execute(
            "SELECT DISTINCT v FROM (SELECT attrs::jsonb ->> ? AS v FROM spans WHERE layer = ?) a "
            "WHERE v IS NOT NULL ORDER BY v", [name, layer])]

    def _insert_suggestion(self, row: list) -> int:
        return self.db.execute(
            'INSERT INTO suggestions(doc_id, layer, label, start, "end", attrs, source, score) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING pk", row).fetchone()[0]

    def storage_problems(self, document) -> list[str]:
        # Said per record by an import (file, line; --skip-invalid applies), before any write.
        if "\x00" in document.text:
            return ["its text holds the character U+0000, which a PostgreSQL server cannot store"]
        return []

    def _new_span_pks(self, count: int) -> int:
        # Taken from the spans' sequence before they are written, in one statement: annotators
        # saving meanwhile get their pks from it too (nextval), so that none of theirs falls in
        # the import's block. (Taken as the largest pk + 1 and the sequence moved past them
        # after the rows were written, an annotator's save in between was given a pk the
        # import had just written: it waited for the import's end, then failed.)
        if not count:
            return 1
        return self.db.execute(
            "SELECT setval(pg_get_serial_sequence('spans', 'pk'), "
            "greatest(nextval(pg_get_serial_sequence('spans', 'pk')), (SELECT coalesce(max(pk), 0) + 1 FROM spans)) "
            "+ ? - 1) - ? + 1", [count, count]).fetchone()[0]

    def _insert_rows(self, table: str, columns: tuple[str, ...], rows: list[tuple], reserved: bool = False) -> None:
        """Many rows at once through COPY (the server's bulk path). ``reserved``: their pks
        come from :meth:`_new_span_pks`, which moved the sequence past them already."""
        if not rows:
            return
        if table in ("documents", "document_texts"):
            for row in rows:
                if any(isinstance(value, str) and "\x00" in value for value in row):
                    raise ProjectError(f"document {row[0]!r}: its text or meta holds the character U+0000, "
                                       "which a PostgreSQL server cannot store; nothing was written")
        raw = self.db.conn.raw
        try:
            with raw.cursor() as cursor, cursor.copy(
                    f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            if "pk" in columns and table in _IDENTITY_TABLES and not reserved:
                self._advance_identity(table)
        except psycopg.Error as exc:
            raise StorageError(_explain(exc, self.path)) from None

    # A text goes by COPY as it is: the server has no BLOB of it to write in pieces, and its
    # readers take the text column as text.
    _writes_text_in_place = False

    def _insert_meta_in_place(self, row: tuple, meta: dict) -> None:
        """(See Project._insert_meta_in_place.) The row goes by COPY in its text format, its meta
        a piece at a time: JSON writes no tab, line break or NUL but escaped, so a piece needs
        only its backslashes doubled."""
        encoding = self.db.conn.raw.info.encoding
        head = "\t".join(_copy_text(str(value)) for value in row) + "\t"
        try:
            with self.db.conn.raw.cursor() as cursor, cursor.copy(
                    "COPY documents (id, position, length, sha256, meta) FROM STDIN") as copy:
                copy.write(head.encode(encoding))
                for piece in iter_spliced_pieces(meta):
                    copy.write(piece.replace("\\", "\\\\").encode(encoding))
                copy.write(b"\n")
        except (psycopg.Error, UnicodeEncodeError) as exc:
            raise StorageError(_explain(exc, self.path) if isinstance(exc, psycopg.Error) else
                               f"the server's encoding ({encoding}) cannot hold the document's meta: {exc}") from None

    def _stream(self, sql: str):
        # A server-side cursor (inside the caller's transaction): fetched a batch at a time
        # instead of the whole result at once.
        cursor = self.db.conn.raw.cursor(name=f"annotator_stream_{next(_STREAMS)}")
        cursor.execute(server_sql(sql))
        return cursor

    def _advance_identity(self, table: str) -> None:
        """After rows written with their own pk: the next pk the server gives comes after them."""
        self.db.conn.raw.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'pk'), coalesce(max(pk), 0) + 1, false) FROM {table}")

    def export_rows(self, annotator: str | None = None, status: str | None = None, with_all_edges: bool = False,
                    positions: tuple[int, int] | None = None, long_meta_from: int | None = None) -> Iterator[tuple]:
        # The server sends a query's whole result at once: read the documents a few hundred at
        # a time, so that an export of any size holds only those.
        whole = positions is None
        if whole:
            positions = self.db.execute("SELECT min(position), max(position) FROM documents").fetchone()
            if positions[0] is None:
                return
        first, last = positions
        ranges = self._ranges(first, last)

        def records(_positions, spans, relations, statuses, texts):
            return _export_records(_spans_by_document(spans), relations, statuses, texts, annotator, status,
                                   with_all_edges)

        queries = functools.partial(self._export_queries, long_meta_from=long_meta_from)
        if whole and len(ranges) > 1:
            yield from self._read_ahead(ranges, queries, records)
        else:
            yield from self._read_each(ranges, queries, records)

    def _export_queries(self, positions: tuple[int, int], long_meta_from: int | None = None
                        ) -> list[tuple[str, tuple]]:
        """The queries of export_rows for the documents at ``positions``: their spans (by
        document, as Project._export_spans gives them), relations, statuses and texts. The spans
        are asked for by their documents' ids, so that the server looks them up in the index
        (joined to the documents by position it scanned every span per range)."""
        return [(f"SELECT {_SPAN_COLUMNS} FROM spans WHERE {self._at_positions('doc_id')} "
                 "ORDER BY doc_id, annotator, pk", positions), self._relations_query(positions),
                self._statuses_query(positions), self._texts_query(positions, long_meta_from)]

    def _ranges(self, first: int, last: int) -> list[tuple[int, int]]:
        """The documents at positions first..last in runs of RANGE_DOCUMENTS documents and about
        RANGE_CHARS characters (a longer document is a run of its own): what a read holds."""
        ranges: list[tuple[int, int]] = []
        start = end = None
        count = chars = 0
        for position, length in self.db.execute(
                "SELECT position, length FROM documents WHERE position BETWEEN ? AND ? ORDER BY position",
                [first, last]).fetchall():
            if start is not None and (count >= RANGE_DOCUMENTS or chars + length > RANGE_CHARS):
                ranges.append((start, end))
                start = None
            if start is None:
                start, count, chars = position, 0, 0
            end = position
            count += 1
            chars += length
        if start is not None:
            ranges.append((start, end))
        return ranges

    def _read_ahead(self, items: list, queries_of: Callable[[Any], list[tuple[str, tuple]]],
                    made_of: Callable[..., Iterable]) -> Iterator:
        """What ``made_of(item, rows of each of its queries)`` makes of each of ``items`` in
        turn, read on a connection of its own in one read transaction (the whole read of one
        moment, as a file's), each item's queries sent before the last item's rows are made
        (see _asked_ahead): the server finds and sends the next documents while this process
        works on the last. Outside a transaction only (inside one, and without a second
        connection, this connection reads an item at a time).

        A second process used to read ahead: its rows were pickled there and unpickled here,
        0.9 s of CPU per 10,000 documents (a JSONL export took 3.45 s of CPU against a file's
        1.9 s), which the export paid for in time where the database shares its cores. A thread
        cannot do it: waiting for the server it gives up Python's lock each time, and gets it
        back only when the busy thread lets go (every 5 ms; 50 ranges read in 0.85 s alone took
        32 s beside a busy thread). This connection stays free meanwhile: the window polls on
        it for other annotators' changes while an export's progress is shown."""
        if self.db.conn.in_transaction or not psycopg.Pipeline.is_supported():
            yield from self._read_each(items, queries_of, made_of)
            return
        try:
            reader = ServerProject(self.location, _ServerConnection(self.location, self.path, readonly=True),
                                   readonly=True)
        except ProjectError:  # the server takes no more connections, say
            yield from self._read_each(items, queries_of, made_of)
            return
        try:
            with reader.one_moment():
                yield from _asked_ahead(reader.db.conn, items, queries_of, made_of)
        finally:
            reader.close()

    def _read_each(self, items: list, queries_of: Callable[[Any], list[tuple[str, tuple]]],
                   made_of: Callable[..., Iterable]) -> Iterator:
        """As _read_ahead, on this connection, an item at a time, each item's queries of one
        moment (read one by one, a link saved between the spans' query and the links' pointed
        at a span missing from the record). Every row has come by the end of a query, so they
        are taken whole and the transaction is over before anything is made of them."""
        for item in items:
            with self.one_moment():
                rows = [self.db.execute(sql, args).fetchall() for sql, args in queries_of(item)]
            yield from made_of(item, *rows)

    def token_export_rows(self, positions: tuple[int, int], layer: str, long_meta_from: int | None = None
                          ) -> Iterator[tuple]:
        # The range is read in parts, and each part's three queries are sent before the part
        # before it is given (libpq's pipeline mode): the server finds, sorts and groups the
        # next part's rows while the worker renders this one. Asked a query at a time, a
        # worker waited for every answer (about 9 ms a range of 128 documents against 30 ms of
        # rendering), and the worker more per core (see render_all) hid only part of it:
        # workers that start together wait together. Measured, 10k documents, the database on
        # a core of its own and the export on the other: the export's core idle 13-14% of
        # the time before, 4% in two parts (8% in one part of three pipelined queries);
        # four parts idled no less and cost the database 40% more CPU (a query's own cost).
        conn = self.db.conn
        if not conn.in_transaction or not psycopg.Pipeline.is_supported():
            yield from super().token_export_rows(positions, layer, long_meta_from)
            return
        first, last = positions
        count = min(TOKEN_READ_PARTS, last - first + 1)
        bounds = [first + (last - first + 1) * n // count for n in range(count + 1)]
        parts = [(low, high - 1) for low, high in itertools.pairwise(bounds)]
        yield from _asked_ahead(self.db.conn, parts,
                                lambda part: self._token_export_queries(part, layer, long_meta_from),
                                lambda _part, *rows: _token_export_rows(*rows))

    def meta_pieces(self, doc_id: str) -> Iterator[str]:
        # The server sends a value whole, and a row of the meta itself would come as one string
        # (taken so, a treebank's 92 MB of JSON took the export to 640 MB). The server cuts its
        # UTF-8 into rows of META_PIECE_BYTES instead, fetched a few at a time by a server-side
        # cursor, as bytes. The UTF-8 is made once (a materialized CTE): cut from the text, each
        # piece would have found its place from the text's start, and cut from convert_to() in
        # the query, converted the whole text again.
        size = self.META_PIECE_BYTES
        with self.one_moment():  # (a server-side cursor lives in a transaction)
            cursor = self.db.conn.raw.cursor(name=f"annotator_stream_{next(_STREAMS)}", binary=True)
            cursor.itersize = 16
            cursor.execute("WITH m AS MATERIALIZED (SELECT convert_to(meta, 'UTF8') AS b FROM documents WHERE id = %s) "
                           "SELECT substring(b FROM k FOR %s) FROM m, generate_series(1, greatest(octet_length(b), 1), "
                           "%s) AS k ORDER BY k", (doc_id, size, size))
            decoder = codecs.getincrementaldecoder("utf-8")()
            found = False
            try:
                for (piece,) in cursor:
                    found = True
                    yield decoder.decode(piece)
            finally:
                cursor.close()
            if not found:
                raise ProjectError(f"no document {doc_id!r} in {self.path}")
            yield decoder.decode(b"", final=True)

    def _among(self, column: str, values: list) -> str:
        return f"{column} = ANY(?)"  # one array parameter, whatever the number of values

    def _among_args(self, values: list) -> list:
        return [list(values)]

    def _token_spans_query(self, positions: tuple[int, int], layer: str) -> tuple[str, tuple]:
        # Each annotator's spans of a document are grouped as the index on (doc_id, annotator,
        # pk) gives them, and only then joined to their documents for their positions: grouped
        # by position, the server sorted every span of the range first (measured, 10k
        # documents: 0.15-0.29 s of the database's CPU for an export's spans instead of
        # 0.34-0.38 s). The documents are looked up by position on both sides: by their ids
        # only, the server hashed every document of the project for each range (3 ms of 4 per
        # range of 128 documents of 10,000; an export's work grew with the square of the
        # project's size).
        return ("SELECT d.position, g.annotator, g.all_spans, g.layer_spans, g.placed FROM "
                "(SELECT s.doc_id, s.annotator, count(*) AS all_spans, "
                "count(CASE WHEN s.layer = ? THEN 1 END) AS layer_spans, "
                '(json_agg(json_build_array(s.start, s."end", s.label, s.id, s.pk)) FILTER (WHERE s.layer = ?))::text '
                "AS placed "
                f"FROM spans s WHERE {self._at_positions('s.doc_id')} GROUP BY s.doc_id, s.annotator) g "
                "JOIN documents d ON d.id = g.doc_id WHERE d.position BETWEEN ? AND ? ORDER BY d.position",
                (layer, layer, *positions, *positions))

    def _at_positions(self, doc_id_column: str) -> str:
        # By the documents' ids, so that the server looks rows up in their doc_id indexes; by
        # position through the join it hashed every status (or text) of the project for each
        # range an export reads: 1.1 → 0.4 ms per range of 32 documents of 10,000, and growing
        # with the project (a scan per range: quadratic in its size).
        return (f"{doc_id_column} = ANY(ARRAY(SELECT p.id FROM documents p "
                "WHERE p.position BETWEEN ? AND ?))")

    def documents_with_work(self, doc_ids: list[str]):
        # Three queries per run of documents (see _ranges) instead of three per document (a round
        # trip each).
        lengths = dict(self.db.execute("SELECT id, length FROM documents WHERE id = ANY(?)", [doc_ids]).fetchall())
        chunks: list[list[str]] = []
        chars = 0
        for doc_id in doc_ids:
            length = lengths.get(doc_id, 0)
            if not chunks or len(chunks[-1]) >= RANGE_DOCUMENTS or chars + length > RANGE_CHARS:
                chunks.append([])
                chars = 0
            chunks[-1].append(doc_id)
            chars += length
        read = self._read_ahead if len(chunks) > 1 else self._read_each
        yield from read(chunks, self._work_queries, self._work_made_of)

    def _work_queries(self, chunk: list[str]) -> list[tuple[str, tuple]]:
        """The texts, spans and links of the documents ``chunk`` (documents_with_work)."""
        return [("SELECT doc_id, text FROM document_texts WHERE doc_id = ANY(?)", [chunk]),
                (f"SELECT {_SPAN_COLUMNS} FROM spans WHERE doc_id = ANY(?) "
                 'ORDER BY doc_id, annotator, start, "end" DESC, pk', [chunk]),
                ("SELECT r.id, r.doc_id, r.annotator, r.label, f.id, t.id FROM relations r "
                 "JOIN spans f ON f.pk = r.from_pk JOIN spans t ON t.pk = r.to_pk WHERE r.doc_id = ANY(?) "
                 "ORDER BY r.doc_id, r.annotator, r.pk", [chunk])]

    def _work_made_of(self, chunk: list[str], text_rows, span_rows, relation_rows) -> Iterator[tuple]:
        texts = dict(text_rows)
        spans: dict[str, list[Span]] = {}
        for row in span_rows:
            spans.setdefault(row[2], []).append(span_from_row(row))
        relations: dict[str, list[Relation]] = {}
        for row in relation_rows:
            relations.setdefault(row[1], []).append(Relation(*row))
        for doc_id in chunk:
            if doc_id not in texts:
                raise ProjectError(f"no document {doc_id!r} in {self.path}")
            yield doc_id, texts[doc_id], spans.get(doc_id, []), relations.get(doc_id, [])

    def documents_containing(self, query: str) -> set[str]:
        """Ids of the documents whose text contains ``query`` (the server scans, in C)."""
        if not query:
            return set()
        return {row[0] for row in self.db.execute(
            "SELECT doc_id FROM document_texts WHERE strpos(text, ?) > 0", [query])}

    def grant_team(self, team: str) -> None:
        """Let the members of the role ``team`` annotate (the project's owner only)."""
        schema_name = self.db.execute("SELECT current_schema()").fetchone()[0]
        with self._write():
            for statement in _statements(_TEAM_GRANTS.format(schema=_identifier(schema_name),
                                                             team=_identifier(team))):
                self.db.conn.raw.execute(statement)

    def set_blind(self, blind: bool) -> None:
        with self._write():
            self.db.execute("INSERT OR REPLACE INTO settings(key, value) VALUES ('blind', ?)",
                            ["true" if blind else "false"])


def _spans_by_document(rows: list[tuple]) -> Callable[[str], list[tuple]]:
    """A function giving a document's span rows from the rows of the spans of several
    documents, ordered by document (what Project._export_spans gives)."""
    # Grouped in C: 0.04 s per 300,000 rows against 0.08 s for a Python step per row.
    rows_by_document = {doc_id: list(group) for doc_id, group in itertools.groupby(rows, _DOCUMENT_OF_ROW)}
    return lambda doc_id: rows_by_document.pop(doc_id, [])


def _asked_ahead(conn: _ServerConnection, items: list, queries_of: Callable[[Any], list[tuple[str, tuple]]],
                 made_of: Callable[..., Iterable]) -> Iterator:
    """What ``made_of(rows of each query)`` makes of each of ``items`` in turn, whose queries
    (``queries_of(item)``) are read on ``conn`` in libpq's pipeline mode: the next item's are
    sent before this item's rows are given, so that the server finds and sends them while the
    caller works. Inside a transaction (:meth:`Project.one_moment`) they all see one moment."""
    raw = conn.raw
    try:
        with raw.pipeline():
            def ask(item) -> list:
                cursors = []
                for sql, args in queries_of(item):
                    cursors.append(raw.cursor())
                    cursors[-1].execute(server_sql(sql), args)
                return cursors

            asked = ask(items[0])
            for n in range(len(items)):
                # A cursor's rows are taken after every answer asked for before them (psycopg
                # takes them in order): the next item is asked for once this one's rows are
                # here, else this item would wait for it.
                rows = [cursor.fetchall() for cursor in asked]
                more = n + 1 < len(items)
                if more:
                    asked = ask(items[n + 1])
                for count, made in enumerate(made_of(items[n], *rows), 1):
                    if more and count % _TAKE_IN_EVERY == 0:
                        # What the server has sent of the next item is taken off the socket
                        # (into libpq's buffer, without waiting): else the server stops sending
                        # once the socket's buffer (about 200 kB) is full, and a range's texts
                        # are megabytes.
                        raw.pgconn.consume_input()
                    yield made
    except psycopg.Error as exc:
        # A connection lost in the middle of a pipeline cannot leave it (libpq: "cannot exit
        # pipeline mode while busy"), nor roll back: it is closed, and made again at the
        # next step (a read transaction: nothing is lost with it).
        raw.close()
        raise StorageError(_explain(exc, conn.shown)) from None


_TAKE_IN_EVERY = 8  # records made between two reads of the socket (see _asked_ahead)


def _statements(script: str) -> Iterable[str]:
    """The statements of a script of ours (functions' bodies keep their semicolons)."""
    parts = re.split(r";\s*\n(?=(?:\s*--[^\n]*\n)*\s*(?:CREATE|ALTER|GRANT)\b|\Z)", script.strip() + "\n")
    return [part.strip().replace("%%", "%") for part in parts if part.strip()]


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'

