"""Copying a project between a file and a server (either way, or server to server), exactly.

A file-to-file copy uses SQLite's backup API (:meth:`Project.copy_to`). Across stores the
tables are copied row by row with their keys, so that spans keep their ids and relations their
ends, and the native JSONL export of the copy equals the original's. The source is read in one
snapshot (later writes by others are not half-copied); the target is written in one
transaction, created with it: a failed copy leaves no project behind.
"""

from __future__ import annotations

import os
from pathlib import Path

from annotator.outputs import project_files
from annotator.store.location import is_server_url
from annotator.store.project import META_AS_TEXT, TEXT_AS_TEXT, Project, copy_target

BATCH = 5000
# Derived data a copy does not carry (a file's search index is rebuilt by the window).
_NOT_COPIED_SETTINGS = ("search_index/",)


def copy_project(source: Project, target: str | Path) -> tuple[int, int]:
    """Copy ``source`` to ``target`` (a new file, or an empty database's URL); returns the
    copy's numbers of documents and spans."""
    if is_server_url(target):
        from annotator.store.server import TABLES, ServerProject

        with source.one_moment():
            schema = source.schema
            copy = ServerProject.create(target, schema, fill=lambda project: _fill(source, project))
        try:
            copy.after_bulk_write(dict.fromkeys(TABLES, 1))  # all its tables are new
            return _counts(copy)
        finally:
            copy.close()
    target, temporary = copy_target(target)
    try:
        with source.one_moment():
            copy = Project.create(temporary, source.schema)
            try:
                with copy.transaction():
                    _fill(source, copy)
                counts = _counts(copy)
            finally:
                copy.close()
        os.replace(temporary, target)
        return counts
    finally:
        for leftover in project_files(temporary):
            leftover.unlink(missing_ok=True)


def _fill(source: Project, target: Project) -> None:
    from annotator.store.server import TABLES, _ORDER

    for table, columns in TABLES.items():
        selected = [META_AS_TEXT if (table, column) == ("documents", "meta") else
                    TEXT_AS_TEXT if (table, column) == ("document_texts", "text") else column for column in columns]
        select = f"SELECT {', '.join(selected)} FROM {table} ORDER BY {_ORDER.get(table, ', '.join(columns))}"
        if table == "settings":
            rows = [row for row in source.db.execute(select) if not row[0].startswith(_NOT_COPIED_SETTINGS)]
            target.db.conn.executemany("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", rows)
            continue
        cursor = source._stream(select)
        try:
            while True:
                rows = cursor.fetchmany(BATCH)
                if not rows:
                    break
                target._insert_rows(table, columns, [tuple(row) for row in rows])
        finally:
            cursor.close()
    target.forget_schema()


def _counts(project: Project) -> tuple[int, int]:
    return tuple(project.db.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM spans)").fetchone())
