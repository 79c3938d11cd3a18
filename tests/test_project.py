import sqlite3

import pytest

from annotator.core.model import Document, Relation, Span, ValidationError
from annotator.store.project import Project, ProjectError

TEXT = "قال 😀 المتحدث إن «لتركيا دوراً» كَتَبَ."


@pytest.fixture
def doc(project):
    project.add_documents([Document("d1", TEXT, {"source": "test"})])
    return "d1"


def span(layer, label, start, end, annotator="amal", **attrs):
    return Span("", "d1", annotator, layer, label, start, end, attrs)


@pytest.mark.file_only
def test_create_uses_wal_foreign_keys_and_migrations(project):
    db = project.db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    names = [r[0] for r in db.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'annotator'")]
    assert names == ["m001_initial", "m002_span_lookup_index", "m003_adjudication", "m004_suggestions",
                     "m005_suggestion_scores_and_doubt", "m006_long_texts_as_utf8"]


def test_an_older_project_is_upgraded_when_opened_for_writing(tmp_path):
    import json

    from sqlite_utils import Database

    from annotator.core.schema import default_schema
    from annotator.store.migrations import migrations

    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="m002_span_lookup_index")  # as an older release left it
    db.execute("INSERT INTO settings(key, value) VALUES ('schema', ?)", [json.dumps(default_schema().to_dict())])
    db.conn.commit()
    db.conn.close()
    with pytest.raises(ProjectError, match="older annotator"):
        Project.open(path, readonly=True)
    with Project.open(path) as upgraded:
        assert "spans_doc_layer_start" in {i.name for i in upgraded.db["spans"].indexes}


def test_create_refuses_an_existing_file(tmp_path):
    path = tmp_path / "p.db"
    Project.create(path).close()
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(path)


def test_open_refuses_files_that_are_not_projects(tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.close()
    with pytest.raises(ProjectError, match="not an annotator project"):
        Project.open(other)
    text = tmp_path / "notes.txt"
    text.write_text("hello " * 200)
    with pytest.raises(ProjectError, match="not an annotator project"):
        Project.open(text)
    with pytest.raises(ProjectError, match="no such project file"):
        Project.open(tmp_path / "missing.db")


def test_a_new_span_gets_the_next_free_t_number(project, doc):
    from dataclasses import replace

    project.add_span(replace(span("entity", "PER", 0, 3), id="T2x"))
    assert project.add_span(span("entity", "PER", 6, 13)).id == "T2"  # T<count + 1> when free
    project.add_span(replace(span("entity", "PER", 14, 16), id="T4"))
    assert project.add_span(span("entity", "PER", 18, 24)).id == "T3"  # one past the last given, free
    assert project.add_span(span("entity", "PER", 25, 30)).id == "T5"  # taken: T<count + 1>, free


def test_the_next_span_id_is_free_whoever_took_ids_meanwhile(project, doc):
    """The next id is tried before the spans are counted again (counting reads the whole of the
    document's index: milliseconds a span in a large document), and is never one in use: not
    after a delete, nor when another connection took it, nor when it was given by hand."""
    from dataclasses import replace

    first = project.add_span(span("entity", "PER", 0, 3))
    second = project.add_span(span("entity", "PER", 6, 13))
    assert (first.id, second.id) == ("T1", "T2")
    project.delete_span(doc, first.annotator, first.id)
    assert project.add_span(span("entity", "PER", 0, 3)).id == "T3"  # T2 + 1, though two spans
    with Project.open(project.location) as other:  # another program, its own connection
        other.add_span(replace(span("entity", "PER", 14, 16), id="T4"))
    assert project.add_span(span("entity", "PER", 18, 24)).id == "T5"
    project.add_span(replace(span("entity", "LOC", 25, 30), id="T6"))
    assert project.add_span(span("entity", "PER", 32, 38)).id == "T7"
    assert sorted(s.id for s in project.spans(doc)) == ["T2", "T3", "T4", "T5", "T6", "T7"]


def test_spans_are_validated_before_anything_is_written(project, doc):
    emoji_after = TEXT.index("المتحدث")
    ok = project.add_span(span("speaker", "SPEAKER", emoji_after, emoji_after + len("المتحدث")))
    assert ok.id == "T1"
    assert project.text(doc)[ok.start:ok.end] == "المتحدث"
    kataba = TEXT.index("كَتَبَ")
    cases = [
        (span("entity", "GPE", 5, 5), "0 ≤ start < end"),
        (span("entity", "GPE", 0, len(TEXT) + 1), "0 ≤ start < end"),
        (span("entity", "GPE", kataba, kataba + 1), "splits a grapheme cluster"),
        (span("entity", "PERSON", 0, 3), "label 'PERSON' is not in layer 'entity'"),
        (span("nolayer", "PER", 0, 3), "unknown layer"),
        (span("quote", "QUOTE", 0, 3, type="rumour"), "type='rumour' is not one of direct, indirect, mixed"),
        (span("quote", "QUOTE", 0, 3, colour="red"), "has no attribute 'colour'"),
        (span("speaker", "SPEAKER", emoji_after + 2, emoji_after + 9), "overlap in layer 'speaker'"),
    ]
    for bad, message in cases:
        with pytest.raises(ValidationError, match=message):
            project.add_span(bad)
    assert len(project.spans(doc)) == 1
    # Entities may overlap each other and other layers.
    project.add_span(span("entity", "PER", emoji_after, emoji_after + 4))
    project.add_span(span("entity", "PER", emoji_after, emoji_after + 7))
    assert len(project.spans(doc, "amal")) == 3


def test_sub_word_span_after_an_emoji(project, doc):
    start = TEXT.index("تركيا")
    added = project.add_span(span("entity", "GPE", start, start + 5))
    assert project.text(doc)[added.start:added.end] == "تركيا"
    assert TEXT[start - 1] == "ل"  # the clitic stays outside


def test_relations_check_their_ends_and_follow_deleted_spans(project, doc):
    q = project.add_span(span("quote", "QUOTE", TEXT.index("«") + 1, TEXT.index("»"), type="direct"))
    s = project.add_span(span("speaker", "SPEAKER", TEXT.index("المتحدث"), TEXT.index("المتحدث") + 7))
    e = project.add_span(span("entity", "GPE", TEXT.index("تركيا"), TEXT.index("تركيا") + 5))
    other = project.add_span(span("speaker", "SPEAKER", 0, 3, annotator="karim"))
    rel = project.add_relation(Relation("", "d1", "amal", "said_by", q.id, s.id))
    assert rel.id == "R1"
    with pytest.raises(ValidationError, match="needs a 'speaker' span as 'to'"):
        project.add_relation(Relation("", "d1", "amal", "said_by", q.id, e.id))
    with pytest.raises(ValidationError, match="does not exist"):
        project.add_relation(Relation("", "d1", "amal", "said_by", q.id, "T99"))
    with pytest.raises(ValidationError, match="does not exist in document 'd1' for annotator 'amal'"):
        project.add_relation(Relation("", "d1", "amal", "said_by", q.id, other.id + "x"))
    with pytest.raises(ValidationError, match="already linked"):
        project.add_relation(Relation("", "d1", "amal", "said_by", q.id, s.id))
    with pytest.raises(ValidationError, match="unknown relation type"):
        project.add_relation(Relation("", "d1", "amal", "praised", q.id, s.id))
    removed, attached = project.delete_span("d1", "amal", s.id)
    assert removed == s and attached == [rel]
    assert project.relations("d1") == []


def test_update_span_validates_and_persists(project, doc, tmp_path):
    start = TEXT.index("تركيا")
    t = project.add_span(span("entity", "GPE", start, start + 5))
    project.update_span("d1", "amal", t.id, label="LOC", start=start - 1)
    with pytest.raises(ValidationError):
        project.update_span("d1", "amal", t.id, end=start + 99)
    with pytest.raises(ValidationError, match="overlap|not in layer"):
        project.update_span("d1", "amal", t.id, layer="segment")
    path = project.path
    project.close()
    with Project.open(path) as again:
        stored = again.span("d1", "amal", t.id)
        assert (stored.label, stored.start, stored.end) == ("LOC", start - 1, start + 5)


def test_status_per_annotator(project, doc):
    assert project.status(doc, "amal") == "new"
    project.set_status(doc, "amal", "done")
    project.set_status(doc, "karim", "in progress")
    assert project.list_documents()[0].status == {"amal": "done", "karim": "in progress"}
    with pytest.raises(ValidationError, match="status must be one of"):
        project.set_status(doc, "amal", "finished")


def test_read_only_projects_cannot_be_written(project, doc):
    path = project.path
    project.close()
    with Project.open(path, readonly=True) as ro:
        assert ro.document_ids() == ["d1"]
        with pytest.raises(ProjectError, match="read-only"):
            ro.set_status(doc, "amal", "done")


def test_schema_change_refused_when_stored_spans_would_break(project, doc):
    from annotator.core.schema import parse_schema

    project.add_span(span("entity", "GPE", 0, 3))
    smaller = parse_schema({"layer": [{"name": "entity", "label": [{"name": "PER"}]}]})
    with pytest.raises(ValidationError, match="label 'GPE' is not in layer 'entity'"):
        project.set_schema(smaller)
    assert project.schema.layer("quote") is not None


@pytest.mark.file_only
def test_listing_documents_never_reads_their_texts(project):
    project.add_documents([Document(f"doc{n}", "نص " * 1000) for n in range(50)])
    read_tables = set()

    def authorizer(action, arg1, arg2, db_name, trigger):
        if action == sqlite3.SQLITE_READ:
            read_tables.add(arg1)
        return sqlite3.SQLITE_OK

    project.db.conn.set_authorizer(authorizer)
    infos = project.list_documents()
    project.db.conn.set_authorizer(None)
    assert len(infos) == 50 and infos[0].length == 3000
    assert "documents" in read_tables
    assert "document_texts" not in read_tables


def test_another_process_sees_each_edit_at_once(project, doc):
    start = TEXT.index("تركيا")
    before = Project.open(project.path, readonly=True)
    version = before.data_version()
    project.add_span(span("entity", "GPE", start, start + 5))
    _changed_soon(before, version)  # a file: at once; a server: when its notice arrives
    assert [s.label for s in before.spans(doc)] == ["GPE"]
    before.close()


def test_overlaps_in_a_layer_closed_to_them_are_found_before_after_and_inside(project):
    from annotator.core.model import Document, Span, ValidationError

    text = "ا" * 200
    project.add_documents([Document("d", text)])
    for start in range(0, 200, 20):  # quotes 0-10, 20-30, ... (the quote layer forbids overlaps)
        project.add_span(Span("", "d", "amal", "quote", "QUOTE", start, start + 10, {}))
    for start, end in [(5, 12), (15, 25), (18, 45), (121, 125), (185, 200), (0, 200)]:
        with pytest.raises(ValidationError, match="overlap"):
            project.add_span(Span("", "d", "amal", "quote", "QUOTE", start, end, {}))
    project.add_span(Span("", "d", "amal", "quote", "QUOTE", 10, 20, {}))  # touching both neighbours
    # Moving a quote over its own old place is fine; onto a neighbour is not.
    moved = project.update_span("d", "amal", "T3", start=42, end=50)
    assert (moved.start, moved.end) == (42, 50)
    with pytest.raises(ValidationError, match="overlap"):
        project.update_span("d", "amal", "T3", start=25, end=50)
    # Layers open to overlaps are not checked against stored spans at all.
    project.add_span(Span("", "d", "amal", "entity", "PER", 0, 200, {}))
    project.add_span(Span("", "d", "amal", "entity", "ORG", 5, 6, {}))


def _changed_soon(project, version: int) -> None:
    import time
    from pathlib import Path

    deadline = time.monotonic() + (0 if isinstance(project.location, Path) else 5.0)
    while project.data_version() == version and time.monotonic() < deadline:
        time.sleep(0.01)
    assert project.data_version() != version


def test_an_importing_transaction_has_a_larger_page_cache_and_gives_it_back(tmp_path):
    """An import writes with a 16 MB page cache (with SQLite's 2 MB the growing indexes were
    written out again and again before the commit); after it, committed or rolled back, the
    connection has its own cache size again."""
    from annotator.store import project as store

    project = Project.create(tmp_path / "p.db")
    conn = project.db.conn
    own = conn.execute("PRAGMA cache_size").fetchone()[0]
    with project.transaction(importing=True):
        assert conn.execute("PRAGMA cache_size").fetchone()[0] == -store.IMPORT_CACHE_KIB
        project.add_documents([Document("d1", "نص")])
    assert conn.execute("PRAGMA cache_size").fetchone()[0] == own
    with pytest.raises(RuntimeError), project.transaction(importing=True):
        project.add_documents([Document("d2", "نص آخر")])
        raise RuntimeError("the import failed")
    assert conn.execute("PRAGMA cache_size").fetchone()[0] == own and project.document_ids() == ["d1"]
    with project.transaction():  # other writes keep the connection's cache
        assert conn.execute("PRAGMA cache_size").fetchone()[0] == own
    project.close()


@pytest.mark.parametrize("count", [3, 120])
def test_many_statuses_written_at_once_keep_the_last_of_each_and_the_first_of_an_ignored_name(project, count):
    """An import writes its statuses (and new annotators' names) in one call; a server writes
    many of them in one statement. Either way, as a statement per row would: the last status
    given for a document and annotator is the one kept, and a name given twice is one name."""
    project.add_documents([Document(f"d{k}", "نص قصير") for k in range(count)])
    names = [(name,) for name in ("amal", "omar")] * (count // 2 + 1)
    statuses = [(f"d{k}", "amal", "done") for k in range(count)]
    statuses += [("d1", "amal", "in progress"), ("d2", "omar", "new"), ("d1", "amal", "new")]
    with project.transaction(importing=True):
        project.db.conn.executemany("INSERT OR IGNORE INTO annotators(name) VALUES (?)", names)
        project.db.conn.executemany("INSERT OR REPLACE INTO document_status(doc_id, annotator, status) "
                                    "VALUES (?,?,?)", statuses)
    assert sorted(row[0] for row in project.db.execute("SELECT name FROM annotators")) == ["amal", "omar"]
    stored = {(d, a): s for d, a, s in project.db.execute("SELECT doc_id, annotator, status FROM document_status")}
    assert stored == {**{(f"d{k}", "amal"): "done" for k in range(count)}, ("d1", "amal"): "new",
                      ("d2", "omar"): "new"}


def test_a_project_without_a_marker_migration_opens_read_only_and_gets_it_without_a_backup(tmp_path):
    """A marker (a migration that changes no table: m006, a long text may be a BLOB) does not
    make a project from before it need an upgrade: read-only it opens as it is; opened for
    writing it gets the marker, and no backup copy of the whole file is made for it. An
    older annotator then refuses the project instead of reading a long text as bytes."""
    import json

    from sqlite_utils import Database

    from annotator.core.schema import default_schema
    from annotator.store.migrations import MARKERS, migrations
    import annotator.store.recognition as recognition
    from annotator.store.recognition import NotAProject, recognise

    path = tmp_path / "m005.db"
    db = Database(path)
    migrations.apply(db, stop_before="m006_long_texts_as_utf8")  # as the release before it left it
    db.execute("INSERT INTO settings(key, value) VALUES ('schema', ?)", [json.dumps(default_schema().to_dict())])
    db.conn.commit()
    db.conn.close()
    assert MARKERS == {"m006_long_texts_as_utf8"} and recognise(path).pending == ["m006_long_texts_as_utf8"]
    with Project.open(path, readonly=True) as project:
        assert project.document_ids() == [] and project.upgrade_backup is None
    assert recognise(path).pending == ["m006_long_texts_as_utf8"]  # (nothing written read-only)
    with Project.open(path, upgrade=False) as project:
        assert project.upgrade_backup is None
    assert recognise(path).pending == []
    assert {p.name for p in tmp_path.iterdir()} <= {"m005.db", "m005.db-wal", "m005.db-shm"}  # (no copy)
    # what an older annotator sees: a migration it does not know
    connection = sqlite3.connect(path)
    names = [row[0] for row in connection.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    connection.close()
    assert names[-1] == "m006_long_texts_as_utf8"
    older = [m for m in migrations._migrations if m.name != "m006_long_texts_as_utf8"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(recognition.migrations, "_migrations", older)
        newer = sqlite3.connect(path)
        with pytest.raises(NotAProject, match="made by a newer annotator.*m006_long_texts_as_utf8.*update annotator"):
            recognition._check(path, newer)
        newer.close()
