"""Document search through the full-text index: the same answer as scanning every text, at
every stage of indexing; never written by an import; never waiting for a lock."""

import sqlite3

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
       slice_chars=st.integers(1, 120))
@settings(max_examples=60, deadline=None)
def test_search_answers_like_a_scan_before_during_and_after_indexing(tmp_path_factory, first, later, queries,
                                                                     slice_chars):
    project = Project.create(tmp_path_factory.mktemp("p") / "p.db")
    try:
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
    finally:
        project.close()


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
