"""Document search through the full-text index: the same answer as scanning every text, at
every stage of indexing; never written by an import; never waiting for a lock."""

import sqlite3
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import Document
from annotator.store.project import Project
from annotator.store.text_index import INDEX, documents_containing, index_some, indexed_up_to, supported

pytestmark = pytest.mark.skipif(not supported(), reason="this SQLite has no FTS5 trigram tokenizer")

ALPHABET = list("قال الرئيس لتركيا أمس") + ["َ", "ّ", "ـ", "*", "?", "[", "]", "a", "A", "1", "«", "»", "\n", "%", "_"]
texts = st.lists(st.text(alphabet=ALPHABET, min_size=0, max_size=40), min_size=1, max_size=12)


def scan(project: Project, query: str) -> set[str]:
    return {row[0] for row in project.db.conn.execute("SELECT doc_id FROM document_texts WHERE instr(text, ?) > 0",
                                                      [query])}


@given(first=texts, later=texts, queries=st.lists(st.text(alphabet=ALPHABET, min_size=1, max_size=8), max_size=6),
       slice_chars=st.integers(1, 120), blob_from=st.sampled_from([1 << 30, 1, 20]))
@settings(max_examples=60, deadline=None)
def test_search_answers_like_a_scan_before_during_and_after_indexing(tmp_path_factory, first, later, queries,
                                                                     slice_chars, blob_from):
    from unittest import mock

    project = Project.create(tmp_path_factory.mktemp("p") / "p.db")
    # (blob_from: texts of that many bytes or more stored as BLOBs of their UTF-8, as a long one is)
    with mock.patch.object(Project, "TEXT_BLOB_BYTES", blob_from), _checked_and_closed(project):
        project.add_documents(Document(f"a{n}", text, {}) for n, text in enumerate(first))
        queries = queries + [text[1:5] for text in first + later if len(text) > 5]

        def agrees():
            for query in queries:
                assert documents_containing(project.db.conn, query) == scan(project, query), query

        agrees()  # nothing indexed yet
        assert index_some(project, slice_chars) in (True, False)
        agrees()  # part indexed
        while index_some(project, slice_chars) is False:
            pass
        assert indexed_up_to(project.db.conn) > 0
        agrees()  # all indexed
        project.add_documents(Document(f"b{n}", text, {}) for n, text in enumerate(later))
        agrees()  # documents added after indexing are scanned until indexed
        while index_some(project, slice_chars) is False:
            pass
        agrees()


@contextmanager
def _checked_and_closed(project):
    try:
        yield
    finally:
        project.close()


@pytest.mark.file_only
def test_an_index_an_earlier_version_made_is_made_again_and_finds_texts_stored_as_blobs(project, monkeypatch):
    """Earlier versions indexed document_texts itself, whose GLOB takes a text stored as a BLOB
    (a long one) as no text: such an index is dropped and made again over the texts as text;
    searches scan meanwhile."""
    from annotator.store import text_index

    conn = project.db.conn
    project.add_documents([Document("old", "نص قديم عن تركيا", {})])
    conn.execute(text_index._EARLIER[0])
    conn.execute(f"INSERT INTO {INDEX}(rowid, text) SELECT rowid, text FROM document_texts")
    conn.execute("INSERT INTO settings(key, value) VALUES (?, '1')", [text_index.INDEXED_UP_TO])
    conn.commit()
    monkeypatch.setattr(Project, "TEXT_BLOB_BYTES", 10)
    project.add_documents([Document("long", "نص طويل عن تركيا", {})])
    assert conn.execute("SELECT typeof(text) FROM document_texts ORDER BY rowid").fetchall() == [("text",), ("blob",)]
    assert indexed_up_to(conn) == 0  # (an earlier version's index: scanned)
    assert documents_containing(conn, "عن تركيا") == {"old", "long"}
    while index_some(project) is False:
        pass
    assert conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", [INDEX]).fetchone()[0] == text_index._CREATE
    assert indexed_up_to(conn) == 2
    assert documents_containing(conn, "عن تركيا") == {"old", "long"}
    assert documents_containing(conn, "طويل") == {"long"}
    assert conn.execute(f"SELECT rowid FROM {INDEX} WHERE text GLOB '*طويل*'").fetchall() == [(2,)]


@pytest.mark.file_only
def test_an_import_does_not_write_the_index_and_the_index_catches_up(project):
    from annotator.store.bulk import import_records
    from annotator.core.model import AnnotatedDocument

    import_records(project, [AnnotatedDocument(Document(f"d{n}", f"نص رقم {n} عن تركيا", {})) for n in range(50)])
    assert indexed_up_to(project.db.conn) == 0
    slices = 0
    while (done := index_some(project, 40)) is False:
        slices += 1
    assert done is True and slices > 5  # a slice of about 40 characters: two documents at most
    last = project.db.conn.execute("SELECT max(rowid) FROM document_texts").fetchone()[0]
    assert indexed_up_to(project.db.conn) == last
    assert documents_containing(project.db.conn, "رقم 7 عن") == {"d7"}
    assert len(documents_containing(project.db.conn, "تركيا")) == 50


@pytest.mark.file_only
def test_indexing_never_waits_for_another_writer(project, tmp_path):
    project.add_documents([Document("d", "قال الرئيس", {})])
    other = sqlite3.connect(project.path)
    other.execute("BEGIN IMMEDIATE")  # another program (a CLI import) is writing
    try:
        assert index_some(project) is None  # not now: the window must not freeze
        assert not project.db.conn.in_transaction
    finally:
        other.rollback()
        other.close()
    assert index_some(project) is True
    assert documents_containing(project.db.conn, "الرئيس") == {"d"}


@pytest.mark.file_only
def test_a_table_of_the_same_name_from_elsewhere_is_left_alone(project):
    project.add_documents([Document("d", "قال الرئيس", {})])
    project.db.conn.execute(f"CREATE TABLE {INDEX} (text TEXT)")  # not our index
    project.db.conn.commit()
    assert index_some(project) is True  # nothing to do: this project's searches scan
    assert project.db.conn.execute(f"SELECT count(*) FROM {INDEX}").fetchone()[0] == 0
    assert documents_containing(project.db.conn, "الرئيس") == {"d"}  # found by scanning


def test_a_read_only_project_is_searched_by_scanning(tmp_path):
    path = tmp_path / "p.db"
    with Project.create(path) as project:
        project.add_documents([Document("d", "قال الرئيس", {})])
    with Project.open(path, readonly=True) as project:
        assert index_some(project) is True  # nothing it can do: searches scan
        assert documents_containing(project.db.conn, "الرئيس") == {"d"}
