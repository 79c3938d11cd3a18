"""Finding the documents whose text contains a string, through SQLite's full-text index.

The index is an FTS5 table with the trigram tokenizer over ``document_texts`` (external
content: the texts are not stored twice; ``detail=none``: no positions, a third of the size).
A query is looked up there by its longest stretch of three or more characters, and every
candidate is checked with ``instr``: the answer is exactly the documents containing the query
as typed (with or without harakat, case-sensitive), as a scan of every text would give.

The index is not written during an import: indexing costs more than the rest of an import of
the same texts (about 0.6 ms per document of 3,000 characters), and a lead importing a corpus
should not wait for a search nobody asked for. The window indexes new documents in short
slices while it is idle (:func:`index_some`), and a search uses the index for the documents
it covers and ``instr`` for the others, so its answer is right at every moment.

Not sqlite-utils' ``enable_fts``: it indexes every row in one statement (a minute under the
write lock on a large project, while the annotators' edits wait) or keeps the index with
triggers that would run inside every import.
"""

from __future__ import annotations

import sqlite3
from functools import cache

from annotator.store.location import is_server_url
from annotator.store.project import TEXT_AS_TEXT, Project

INDEX = "document_search"
INDEXED_UP_TO = "search_index/up_to"  # setting: the highest document_texts rowid in the index
MIN_LOOKUP = 3  # characters: the trigram index cannot look up less
# The index's content: document_texts' text as text. A long text is stored as a BLOB of its
# UTF-8 (Project.TEXT_BLOB_BYTES), and SQLite's GLOB, which checks each document the index
# finds, takes a BLOB as no text at all (instr, and every other reader, cast it).
TEXTS = "document_search_texts"
_CREATE_TEXTS = (f"CREATE VIEW IF NOT EXISTS {TEXTS}(text_rowid, text) AS "
                 f"SELECT rowid, {TEXT_AS_TEXT} FROM document_texts")
_CREATE = (f"CREATE VIRTUAL TABLE {INDEX} USING fts5(text, content='{TEXTS}', content_rowid='text_rowid', "
           "tokenize='trigram case_sensitive 1', detail=none)")
# The index as earlier versions made it (over document_texts itself): made again, from the start.
_EARLIER = (f"CREATE VIRTUAL TABLE {INDEX} USING fts5(text, content='document_texts', content_rowid='rowid', "
            "tokenize='trigram case_sensitive 1', detail=none)",)
_GLOB_SPECIAL = frozenset("*?[]")


@cache
def supported() -> bool:
    """Whether this SQLite has FTS5 with the trigram tokenizer (3.34 and later)."""
    try:
        conn = sqlite3.connect(":memory:")
        try:
            conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return True


def _ours(conn: sqlite3.Connection, earlier: bool = False) -> bool | None:
    """True when the project has the index as made here (or, with ``earlier``, as an earlier
    version made it), False when something else has its name (left alone: searches scan), None
    when there is none yet."""
    row = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", [INDEX]).fetchone()
    if row is None:
        return None
    return row[0] == _CREATE or earlier and row[0] in _EARLIER


def indexed_up_to(conn: sqlite3.Connection) -> int:
    """The highest rowid of ``document_texts`` the index covers (0: none)."""
    if not supported() or not _ours(conn):
        return 0
    row = conn.execute("SELECT value FROM settings WHERE key = ?", [INDEXED_UP_TO]).fetchone()
    try:
        return max(0, int(row[0])) if row else 0
    except ValueError:
        return 0


def index_some(project: Project, max_chars: int = 200_000) -> bool | None:
    """Add to the index the next documents it lacks, about ``max_chars`` of text, in one short
    transaction. True: nothing is left to do (every document is indexed, or this project
    cannot have the index: read-only, a table of that name made elsewhere, no trigram tokenizer
    in this SQLite — its searches scan); False: more remain; None: not now (another program is
    writing, or the write failed): try again later."""
    if is_server_url(project.location):
        return True  # a server's search scans (ServerProject.documents_containing)
    conn = project.db.conn
    if project.readonly or not supported():
        return True
    if conn.in_transaction:
        return None
    conn.execute("PRAGMA busy_timeout=0")  # never keep the window waiting for a lock
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error:
        return None
    finally:
        conn.execute(f"PRAGMA busy_timeout={int(project.busy_timeout * 1000)}")
    try:
        done = _index_some(conn, max_chars)
        conn.execute("COMMIT")
    except sqlite3.Error:  # disk full, the file gone: the search scans meanwhile
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # the failure already ended the transaction
        return None
    return done


def _index_some(conn: sqlite3.Connection, max_chars: int) -> bool:
    ours = _ours(conn, earlier=True)
    if ours is False:
        return True  # not ours to fill: searches scan
    if ours and not _ours(conn):  # an earlier version's: searches scan until it is made again
        conn.execute(f"DROP TABLE {INDEX}")
        conn.execute("DELETE FROM settings WHERE key = ?", [INDEXED_UP_TO])
        ours = None
    if ours is None:
        conn.execute(_CREATE_TEXTS)
        conn.execute(_CREATE)
    up_to = indexed_up_to(conn)
    last = conn.execute("SELECT max(rowid) FROM document_texts").fetchone()[0] or 0
    if up_to > last:  # texts were removed by other software: start over
        conn.execute(f"INSERT INTO {INDEX}({INDEX}) VALUES ('delete-all')")
        up_to = 0
    taken, size = up_to, 0
    # The stored lengths (not length(text), which reads every text), read whole: no statement
    # is left open at COMMIT.
    for rowid, length in conn.execute("SELECT t.rowid, d.length FROM document_texts t JOIN documents d "
                                      "ON d.id = t.doc_id WHERE t.rowid > ? ORDER BY t.rowid LIMIT 1000",
                                      [up_to]).fetchall():
        if size and size + length > max_chars:
            break
        taken, size = rowid, size + length
    if taken == up_to:
        return True
    conn.execute(f"INSERT INTO {INDEX}(rowid, text) SELECT text_rowid, text FROM {TEXTS} "
                 "WHERE text_rowid > ? AND text_rowid <= ?", [up_to, taken])
    conn.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", [INDEXED_UP_TO, str(taken)])
    return taken == last


def documents_containing(conn: sqlite3.Connection, query: str) -> set[str]:
    """Ids of the documents whose text contains ``query`` (any connection to the project, also
    a read-only one in another thread)."""
    if not query:
        return set()
    lookup = _longest_literal(query)
    up_to = indexed_up_to(conn) if len(lookup) >= MIN_LOOKUP else 0
    if not up_to:
        return {row[0] for row in conn.execute("SELECT doc_id FROM document_texts WHERE instr(text, ?) > 0",
                                               [query])}
    found = {row[0] for row in conn.execute(
        f"SELECT t.doc_id FROM {INDEX} s JOIN document_texts t ON t.rowid = s.rowid "
        "WHERE s.text GLOB ? AND instr(t.text, ?) > 0", ["*" + lookup + "*", query])}
    found.update(row[0] for row in conn.execute(
        "SELECT doc_id FROM document_texts WHERE rowid > ? AND instr(text, ?) > 0", [up_to, query]))
    return found


def _longest_literal(query: str) -> str:
    """The longest stretch of ``query`` without GLOB's special characters (looked up in the
    index; the whole query is then checked with instr)."""
    best, current = "", []
    for ch in query + "*":
        if ch in _GLOB_SPECIAL:
            if len(current) > len(best):
                best = "".join(current)
            current = []
        else:
            current.append(ch)
    return best
