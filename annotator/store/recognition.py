"""Is this file an annotator project we can use? Decided read-only, before anything is changed.

A `.db` may come from anywhere: a teammate, a download, an attacker. Before a file is opened
for writing (which switches it to WAL) or merged, :func:`recognise` checks, without writing a
byte, that it is an SQLite file whose expected objects are real tables with the expected
columns (a crafted `spans` that is a recursive view once made merge run forever), that it has
no triggers (they would run on our writes), and which migrations it has: a project from a
newer annotator is refused, an older one is reported so the caller can back it up and upgrade.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlite_utils import Database

from annotator.store.migrations import migrations

SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS_TABLE = "_sqlite_migrations"


class NotAProject(Exception):
    """The file is not an annotator project (or one we cannot use); the message says why."""


@dataclass
class Recognised:
    pending: list[str]  # migrations this annotator would apply (an older project)


def recognise(path: Path) -> Recognised:
    """Check ``path`` read-only; raise :class:`NotAProject` with the reason, or return what an
    upgrade would do."""
    try:
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise NotAProject(f"{path}: cannot read ({exc.strerror})") from None
    if not header:
        raise NotAProject(f"{path}: an empty file, not an annotator project")
    if header != SQLITE_HEADER:
        raise NotAProject(f"{path}: not an annotator project (not an SQLite file)")
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=2)
    except sqlite3.Error as exc:
        raise NotAProject(f"{path}: cannot open ({exc})") from None
    try:
        return _check(path, conn)
    except sqlite3.DatabaseError as exc:
        raise NotAProject(f"{path}: not a usable annotator project ({exc})") from None
    finally:
        conn.close()


def _check(path: Path, conn: sqlite3.Connection) -> Recognised:
    objects = {name: kind for kind, name in conn.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view', 'trigger')")}
    if objects.get(MIGRATIONS_TABLE) != "table" or objects.get("settings") != "table":
        raise NotAProject(f"{path}: not an annotator project (no annotator tables in this SQLite file)")
    applied = [row[0] for row in conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid", [migrations.name])]
    known = [m.name for m in migrations._migrations]  # noqa: SLF001 - sqlite-utils exposes no list
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise NotAProject(f"{path}: made by a newer annotator (it has {', '.join(unknown)}); "
                          "update annotator to open it")
    if applied != known[:len(applied)]:
        raise NotAProject(f"{path}: its migrations ({', '.join(applied)}) are not the ones annotator "
                          "applies, in order; not a usable annotator project")
    triggers = sorted(name for name, kind in objects.items() if kind == "trigger")
    if triggers:
        raise NotAProject(f"{path}: has triggers annotator never makes ({', '.join(triggers)}); refused, "
                          "they would run on every edit")
    for table, columns in _expected_tables(len(applied)).items():
        if objects.get(table) != "table":
            what = f"a {objects[table]}" if table in objects else "missing"
            raise NotAProject(f"{path}: not a usable annotator project ({table!r} is {what}, not a table)")
        present = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
        if not columns <= present:
            raise NotAProject(f"{path}: not a usable annotator project (table {table!r} lacks "
                              f"{', '.join(sorted(columns - present))})")
    return Recognised(pending=known[len(applied):])


@cache
def _expected_tables(applied_count: int) -> dict[str, frozenset[str]]:
    """Tables and columns a project has after its first ``applied_count`` migrations, taken
    from the migrations themselves run on an in-memory database."""
    db = Database(memory=True, execute_plugins=False)  # (see Project.__init__)
    names = [m.name for m in migrations._migrations]  # noqa: SLF001
    migrations.apply(db, stop_before=names[applied_count:] or None)
    return {table: frozenset(db[table].columns_dict) for table in db.table_names()}
