"""The PostgreSQL store as a team uses it: each annotator their own role, the database enforcing
who writes and reads what, live change notices, a dropped connection, and moving a project
between a file and a server. (Everything a project does is also tested on the server by the
``project`` fixture, which runs each project test on both stores.)"""

from __future__ import annotations

import itertools
import json
from dataclasses import replace
import os
import threading
import time

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.core.model import Document, Relation, Span, ValidationError
from annotator.store.project import Project, ProjectError, StorageError

_roles = itertools.count()
TEXT = "قال الرئيس إن الاقتصاد ينمو"


@pytest.fixture
def team(postgres_cluster):
    """A database owned by a lead role, two annotators in a team role, blind annotation on."""
    n = f"{os.getpid()}_{next(_roles)}"
    names = {"lead": f"lead_{n}", "team": f"team_{n}", "amina": f"amina_{n}", "omar": f"omar_{n}"}
    postgres_cluster.create_role(names["lead"])
    postgres_cluster.create_role(names["team"], "NOLOGIN")
    for who in ("amina", "omar"):
        postgres_cluster.create_role(names[who], f"LOGIN IN ROLE {names['team']}")
    database = postgres_cluster.new_database(owner=names["lead"])
    urls = {who: postgres_cluster.url(database, role) for who, role in names.items() if who != "team"}
    result = CliRunner().invoke(cli, ["init", urls["lead"], "--team", names["team"], "--blind"])
    assert result.exit_code == 0, result.output
    opened = []

    def connect(who: str, **kwargs) -> Project:
        project = Project.open(urls[who], **kwargs)
        opened.append(project)
        return project

    lead = connect("lead")
    lead.add_documents([Document("d1", TEXT), Document("d2", "hello world")])
    yield names, urls, connect
    for project in opened:
        project.close()


def _span(doc: str, annotator: str, start: int = 4, end: int = 10, label: str = "PER") -> Span:
    return Span("", doc, annotator, "entity", label, start, end)


def test_an_annotator_writes_only_their_own_work(team, postgres_cluster):
    names, urls, connect = team
    amina, omar = connect("amina"), connect("omar")
    assert amina.user == names["amina"] and not amina.is_lead and connect("lead").is_lead
    omar.add_span(_span("d1", names["omar"]))
    amina.add_span(_span("d1", names["amina"]))
    with pytest.raises(ProjectError, match="refused"):  # as if she were omar
        amina.add_span(_span("d1", names["omar"], 0, 3))
    with pytest.raises(ProjectError, match="refused"):
        amina.set_status("d1", names["omar"], "done")
    # Around the tool too: her own connection, plain SQL.
    import psycopg

    with psycopg.connect(urls["amina"], autocommit=True) as raw:
        changed = raw.execute("UPDATE spans SET label = 'LOC' WHERE annotator <> current_user").rowcount
        deleted = raw.execute("DELETE FROM spans WHERE annotator <> current_user").rowcount
        assert changed == 0 and deleted == 0
        for sql in ("INSERT INTO documents(id, position, length, sha256) VALUES ('x', 99, 1, 'x')",
                    "INSERT INTO settings(key, value) VALUES ('blind2', 'x')",
                    "DELETE FROM document_texts", "DELETE FROM settings", "UPDATE documents SET meta = '{}'"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                raw.execute(sql)
        for sql in ("UPDATE settings SET value = 'false' WHERE key = 'blind'",
                    "UPDATE settings SET value = '{}' WHERE key = 'schema'"):
            assert raw.execute(sql).rowcount == 0  # rows she may not change are not there for her
    with pytest.raises(ProjectError, match="refused"):
        amina.add_documents([Document("d3", "x")])
    with pytest.raises(ProjectError, match="refused"):
        amina.set_schema(amina.schema)
    amina.set_setting("direction/d1", "rtl")  # what the window stores for everyone
    lead = connect("lead")
    assert [(s.annotator, s.label) for s in lead.spans("d1", names["omar"])] == [(names["omar"], "PER")]
    assert lead.document_ids() == ["d1", "d2"] and lead.get_setting("blind") == "true"


def test_blind_annotation_hides_others_work_until_both_are_done(team):
    names, urls, connect = team
    amina, omar, lead = connect("amina"), connect("omar"), connect("lead")
    amina.add_span(_span("d1", names["amina"]))
    omar.add_span(_span("d1", names["omar"], 0, 3))
    omar.set_status("d1", names["omar"], "in progress")
    assert {s.annotator for s in amina.spans("d1")} == {names["amina"]}
    assert amina.statuses() == {}
    import psycopg

    with psycopg.connect(urls["amina"], autocommit=True) as raw:  # around the tool: plain SQL sees no more
        for table in ("spans", "document_status"):
            assert raw.execute(f"SELECT count(*) FROM {table} WHERE annotator <> current_user").fetchone()[0] == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor can she switch it off
            raw.execute("ALTER TABLE spans DISABLE ROW LEVEL SECURITY")
    amina.set_status("d1", names["amina"], "done")
    assert {s.annotator for s in amina.spans("d1")} == {names["amina"]}  # omar is not done
    omar.set_status("d1", names["omar"], "done")
    assert {s.annotator for s in amina.spans("d1")} == {names["amina"], names["omar"]}
    from annotator.team.agreement import compute

    assert compute(amina)["documents"] == 1 == compute(lead)["documents"]  # both done: she compares them
    assert {s.annotator for s in lead.spans("d1")} == {names["amina"], names["omar"]}  # the lead sees all
    omar.set_status("d1", names["omar"], "in progress")  # reopened: hidden again
    assert {s.annotator for s in amina.spans("d1")} == {names["amina"]}
    omar.set_status("d1", names["omar"], "done")
    amina.set_status("d1", names["amina"], "in progress")  # she reopens it: his work hides from her
    assert compute(amina)["documents"] == 0 and compute(lead)["documents"] == 0
    # An exported record set shows the same: what the role may read.
    assert {r.get("annotator") for r in amina.iter_export()} == {names["amina"], None}
    lead.set_blind(False)
    assert {s.annotator for s in amina.spans("d1")} == {names["amina"], names["omar"]}


def test_the_cli_says_who_you_are_and_switches_blind_annotation(team):
    names, urls, connect = team
    result = CliRunner().invoke(cli, ["server", urls["amina"]])
    assert result.exit_code == 0 and "blind annotation" in result.output and "an annotator" in result.output
    refused = CliRunner().invoke(cli, ["server", urls["amina"], "--open"])
    assert refused.exit_code == 1 and "refused" in refused.output
    result = CliRunner().invoke(cli, ["server", urls["lead"], "--open"])
    assert result.exit_code == 0 and "open annotation" in result.output and "its lead" in result.output
    assert connect("amina").get_setting("blind") == "false"


def test_show_says_when_blind_annotation_hides_another_annotators_work(team):
    names, urls, connect = team
    connect("amina").add_span(_span("d1", names["amina"]))
    omar = connect("omar")

    def shown(who: str) -> str:
        result = CliRunner().invoke(cli, ["show", urls[who], "d1", "--annotator", names["amina"]])
        assert result.exit_code == 0, result.output
        return result.output

    hidden = f"blind annotation: {names['amina']}'s work on d1 shows to you once"
    assert "0 span(s)" in shown("omar") and hidden in shown("omar")  # not "she marked nothing", unexplained
    assert "1 span(s)" in shown("lead") and "blind annotation" not in shown("lead")
    assert "1 span(s)" in shown("amina") and "blind annotation" not in shown("amina")  # her own
    omar.set_status("d1", names["omar"], "done")
    assert hidden in shown("omar")  # she has not marked it done
    connect("amina").set_status("d1", names["amina"], "done")
    assert "1 span(s)" in shown("omar") and "blind annotation" not in shown("omar")

    def said(who: str, *command: str) -> str:
        result = CliRunner().invoke(cli, [command[0], urls[who], *command[1:]])
        assert result.exit_code == 0, result.output
        return result.output

    notice = "Blind annotation: another annotator's work and status on a document show to you only once"
    for command in (("list", "--plain"), ("list", "--table"), ("export", "-f", "jsonl", "-o", os.devnull)):
        assert notice in said("omar", *command)
        assert notice not in said("lead", *command)  # the lead sees everything
    connect("lead").set_blind(False)
    assert notice not in said("omar", "list", "--plain")


def test_another_annotators_change_is_noticed_without_asking_the_server(team):
    names, urls, connect = team
    connect("lead").set_blind(False)  # before she listens: its notice is not for her
    amina, omar = connect("amina"), connect("omar")
    before = amina.data_version()
    assert amina.data_version() == before  # nothing happened
    amina.add_span(_span("d1", names["amina"]))
    assert amina.data_version() == before  # her own write is no news to her
    omar.add_span(_span("d1", names["omar"], 0, 3))
    deadline = time.monotonic() + 5  # how soon it arrives is bench_server.py's to measure
    while amina.data_version() == before and time.monotonic() < deadline:
        time.sleep(0.02)
    assert amina.data_version() != before
    assert len(amina.spans("d1")) == 2


def test_two_annotators_writing_at_once_lose_nothing(team):
    names, urls, connect = team
    connect("lead").set_blind(False)
    writers = [connect("amina"), connect("omar")]
    errors = []

    def write(project, offset):
        try:
            for k in range(10):  # one-character spans, each its own transaction
                project.add_span(_span("d2", project.user, offset + k, offset + k + 1))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(p, n * 0)) for n, p in enumerate(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    spans = connect("lead").spans("d2")
    assert len(spans) == 20
    for project in writers:
        assert sorted(int(s.id[1:]) for s in spans if s.annotator == project.user) == list(range(1, 11))


def test_two_writers_on_one_annotators_document_never_both_pass_the_checks(server_url):
    """The write lock: a span checked free of overlaps is still free when written."""
    first, second = Project.create(server_url), Project.open(server_url)
    try:
        first.add_documents([Document("d", "abcdefghij")])
        results = []
        barrier = threading.Barrier(2)

        def add(project, start):
            barrier.wait()
            try:
                project.add_span(Span("", "d", "a", "cue", "CUE", start, start + 4))
                results.append("ok")
            except ValidationError:
                results.append("refused")
        threads = [threading.Thread(target=add, args=(p, s)) for p, s in ((first, 0), (second, 2))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(results) == ["ok", "refused"]  # the cue layer is closed to overlaps
        assert len(first.spans("d")) == 1
    finally:
        first.close()
        second.close()


def test_a_dropped_connection_refuses_the_write_visibly_then_reconnects(server_url, postgres_cluster):
    project = Project.create(server_url)
    try:
        project.add_documents([Document("d", TEXT)])
        version = project.data_version()
        pid = project.db.conn.raw.info.backend_pid
        postgres_cluster.admin(f"SELECT pg_terminate_backend({pid})")
        with pytest.raises(StorageError, match="lost the connection"):
            project.add_span(_span("d", "a"))
        assert not project.connected
        assert project.data_version() != version  # reconnected: whatever changed meanwhile is reread
        assert project.connected
        assert project.spans("d") == []  # the refused write was not half made
        project.add_span(_span("d", "a"))
        assert len(project.spans("d")) == 1
    finally:
        project.close()


def test_copy_file_to_server_and_back_is_exact(tmp_path, sample_jsonl, postgres_cluster):
    runner = CliRunner()
    source = tmp_path / "sample.db"
    assert runner.invoke(cli, ["init", str(source)]).exit_code == 0
    assert runner.invoke(cli, ["import", str(source), str(sample_jsonl)]).exit_code == 0
    with Project.open(source) as project:
        project.add_suggestions(project.document_ids()[0], [_span(project.document_ids()[0], "rules", 0, 3)], [],
                                "rules")
        project.set_rejected(project.document_ids()[0], ("entity", "PER", 0, 3), True)
    url = postgres_cluster.url(postgres_cluster.new_database())
    result = runner.invoke(cli, ["copy", str(source), url])
    assert result.exit_code == 0, result.output
    back = tmp_path / "back.db"
    assert runner.invoke(cli, ["copy", url, str(back)]).exit_code == 0
    exports = []
    for where in (source, url, back):
        out = tmp_path / f"out{len(exports)}.jsonl"
        result = runner.invoke(cli, ["export", str(where), "-f", "jsonl", "-o", str(out)])
        assert result.exit_code == 0, result.output
        exports.append(out.read_bytes())
    assert exports[0] == exports[1] == exports[2]
    assert exports[0] == sample_jsonl.read_bytes()
    with Project.open(source) as a, Project.open(back) as b:
        for table in ("suggestions", "adjudication_rejections", "settings", "annotators"):
            assert a.db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall() == \
                b.db.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall(), table
    # A server that already holds the project is not a target; nothing is changed in it.
    again = runner.invoke(cli, ["copy", str(source), url])
    assert again.exit_code == 1 and "already holds tables" in again.output


def test_a_failed_copy_to_a_server_leaves_its_database_empty(tmp_path, postgres_cluster):
    source = tmp_path / "nul.db"
    with Project.create(source) as project:
        project.add_documents([Document("ok", "fine"), Document("bad", "a\x00b")])  # SQLite stores U+0000
    url = postgres_cluster.url(postgres_cluster.new_database())
    result = CliRunner().invoke(cli, ["copy", str(source), url])
    assert result.exit_code == 1 and "U+0000" in result.output and "'bad'" in result.output
    import psycopg

    with psycopg.connect(url) as raw:
        assert raw.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0] == 0


def test_a_database_that_is_not_a_project_is_refused_untouched(postgres_cluster, sample_jsonl):
    import psycopg

    url = postgres_cluster.url(postgres_cluster.new_database())
    with psycopg.connect(url, autocommit=True) as raw:
        raw.execute("CREATE TABLE invoices (n integer)")
    for args in (["list", url], ["import", url, str(sample_jsonl)], ["init", url], ["export", url, "-f", "jsonl", "-o", "-"]):
        result = CliRunner().invoke(cli, args, input="")
        assert result.exit_code != 0
    assert "not an annotator project" in CliRunner().invoke(cli, ["list", url]).output
    assert "already holds tables (invoices)" in CliRunner().invoke(cli, ["init", url]).output
    with psycopg.connect(url) as raw:
        assert [r[0] for r in raw.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")] == \
            ["invoices"]
    unreachable = CliRunner().invoke(cli, ["list", postgres_cluster.url("no_such_database")])
    assert unreachable.exit_code == 1 and "cannot connect" in unreachable.output


def test_a_password_never_shows_in_messages(postgres_cluster):
    url = postgres_cluster.url("no_such_database").replace("postgres@", "postgres:s3cret@")
    for broken in (url, "postgresql://amal:s3cret@[bad/news", "postgresql://amal:s3cret@host:99999/news"):
        result = CliRunner().invoke(cli, ["list", broken])
        assert result.exit_code == 1 and "cannot connect" in result.output, result.output
        assert "s3cret" not in result.output


def test_import_and_token_export_on_a_server_equal_the_files(tmp_path, sample_jsonl, postgres_cluster):
    runner = CliRunner()
    url = postgres_cluster.url(postgres_cluster.new_database())
    file = tmp_path / "p.db"
    for where in (url, str(file)):
        assert runner.invoke(cli, ["init", where]).exit_code == 0
        result = runner.invoke(cli, ["import", where, str(sample_jsonl)])
        assert result.exit_code == 0, result.output
    for fmt in ("conll", "conllu", "jsonl"):
        outputs = []
        for where in (url, str(file)):
            out = tmp_path / f"{fmt}{len(outputs)}.out"
            result = runner.invoke(cli, ["export", where, "-f", fmt, "-o", str(out)])
            assert result.exit_code == 0, result.output
            outputs.append(out.read_bytes())
        assert outputs[0] == outputs[1], fmt
    stats = [runner.invoke(cli, ["stats", where]).output for where in (url, str(file))]
    assert stats[0].split()[1:] == stats[1].split()[1:]  # but the project's name
    listed = runner.invoke(cli, ["list", url, "--plain"])
    assert listed.exit_code == 0 and json.loads(sample_jsonl.read_text(encoding="utf-8").splitlines()[0])["id"] in \
        listed.output


def test_a_large_token_export_from_a_server_equals_the_files_with_a_worker_more(tmp_path, server_url, monkeypatch):
    """Workers reading from a server wait for its answers: the export starts one more than the
    cores (two on one core, where a file's export runs in its own process), and writes what
    the same export of a file writes."""
    from annotator.formats import export

    started = []
    pool = export.ProcessPoolExecutor
    monkeypatch.setattr(export, "ProcessPoolExecutor",
                        lambda max_workers, **kwargs: started.append(max_workers) or pool(max_workers, **kwargs))
    documents = [Document(f"d{k:03d}", f"{TEXT} {k}. {TEXT}") for k in range(260)]  # over PARALLEL_FROM
    places = (server_url, tmp_path / "p.db")
    for where in places:
        with Project.create(where) as project:
            project.add_documents(documents)
            for doc in documents[::7]:
                project.add_span(_span(doc.id, "amal", 0, 3, "LOC"))
    outputs = []
    for cores in (2, 1):  # with one core, the server's two workers read and wait in turn
        monkeypatch.setattr(export, "usable_cores", lambda: cores)
        for where in places:
            out = tmp_path / f"out{len(outputs)}.conll"
            result = CliRunner().invoke(cli, ["export", str(where), "-f", "conll", "-o", str(out)])
            assert result.exit_code == 0, result.output
            outputs.append(out.read_bytes())
    assert started == [3, 2, 2] and len(set(outputs)) == 1 and b"B-LOC" in outputs[0]


def _work_of_every_kind(project: Project, count: int) -> None:
    """``count`` documents, some with nobody's work, some with two annotators' spans of two
    layers and statuses."""
    project.add_documents([Document(f"d{k:02d}", f"{TEXT} {k}") for k in range(count)])
    for k in range(0, count, 2):
        project.add_span(_span(f"d{k:02d}", "amal", 0, 3, "LOC"))
        project.add_span(Span("", f"d{k:02d}", "amal", "quote", "QUOTE", 4, 10))
    for k in range(0, count, 3):
        project.add_span(_span(f"d{k:02d}", "omar", 4, 10))
        project.set_status(f"d{k:02d}", "omar", "done")


@pytest.mark.parametrize("parts", [1, 2, 3, 5])
def test_a_server_asks_for_the_next_part_of_a_range_before_it_gives_this_one(server_url, monkeypatch, parts):
    """A token export's worker reads a range from a server in parts, each asked for (sent in
    one pipeline) before the part before it is rendered, so that the server works on the next
    while the worker renders: the rows are the ones asked for one query at a time."""
    from annotator.store import server

    monkeypatch.setattr(server, "TOKEN_READ_PARTS", parts)
    with Project.create(server_url) as project:
        _work_of_every_kind(project, 12)
        positions = [row[0] for row in project.db.execute("SELECT position FROM documents ORDER BY position")]
        ranges = [(positions[0], positions[-1]), (positions[3], positions[8]), (positions[5], positions[5])]
        expected = []
        for first, last in ranges:
            with project.one_moment():  # a query at a time (the file's way)
                expected.append(list(Project.token_export_rows(project, (first, last), "entity")))
        asked_for = project._token_export_queries
        events = []
        monkeypatch.setattr(project, "_token_export_queries",
                            lambda positions, layer, *more: events.append(("asked", positions))
                            or asked_for(positions, layer, *more))
        for (first, last), rows_one_at_a_time in zip(ranges, expected):
            del events[:]
            with project.one_moment():
                rows = []
                for row in project.token_export_rows((first, last), "entity"):
                    events.append(("row", row[0]))
                    rows.append(row)
            assert rows == rows_one_at_a_time
            assert [row[0] for row in rows] == [p for p in positions if first <= p <= last]
            assert first == last or any(row[5] for row in rows) and any(not row[5] for row in rows)
            asked = [at for kind, at in events if kind == "asked"]
            assert len(asked) == min(parts, last - first + 1)
            assert asked[0][0] == first and asked[-1][1] == last
            assert all(a[1] + 1 == b[0] for a, b in itertools.pairwise(asked))  # the range, cut in order
            for part, following in itertools.pairwise(asked):
                # the part after this one was asked for before this one's first row was given
                first_row = next(i for i, event in enumerate(events) if event[0] == "row" and event[1] >= part[0])
                assert events.index(("asked", following)) < first_row


def test_a_range_read_in_parts_is_read_at_one_moment_while_others_write(server_url, monkeypatch):
    """The parts of a range are asked for one after another in one read transaction: work
    saved by another annotator after the first part was read is in none of them (a span
    without its status, or a link without its span, in one record)."""
    from annotator.store import server

    monkeypatch.setattr(server, "TOKEN_READ_PARTS", 3)
    with Project.create(server_url) as writer, Project.open(server_url, readonly=True) as reader:
        _work_of_every_kind(writer, 12)
        positions = [row[0] for row in writer.db.execute("SELECT position FROM documents ORDER BY position")]
        last_id = writer.db.execute("SELECT id FROM documents WHERE position = ?", [positions[-1]]).fetchone()[0]
        before = writer.spans(last_id)
        with reader.one_moment():
            rows = []
            for row in reader.token_export_rows((positions[0], positions[-1]), "entity"):
                if not rows:  # the first part is read, the last one not yet asked for
                    writer.add_span(_span(last_id, "karim", 4, 10))
                    writer.set_status(last_id, "karim", "done")
                rows.append(row)
        assert rows[-1][1] == last_id and "karim" not in rows[-1][4] and "karim" not in rows[-1][5]
        with reader.one_moment():
            [again] = [row for row in reader.token_export_rows((positions[-1], positions[-1]), "entity")]
        assert again[4]["karim"] == "done" and again[5]["karim"][1] == 1
        assert len(writer.spans(last_id)) == len(before) + 1


def test_a_ranges_spans_are_found_through_its_documents_whatever_the_projects_size(server_url):
    """The spans' query of a token export's range looks its documents up by position and their
    spans by document: joined the other way, the server hashed every document of the project
    for each range (3 ms of 4 per range of 10,000 documents, so an export's database work grew
    with the square of the project's size)."""
    from annotator.core.model import AnnotatedDocument
    from annotator.store.bulk import import_records

    with Project.create(server_url) as project:
        import_records(project, [AnnotatedDocument(
            Document(f"d{k:04d}", f"{TEXT} {k}"), "amal", None,
            [replace(_span(f"d{k:04d}", "amal", start, end, "LOC" if k % 50 == 0 else "PER"), id=f"T{n}")
             for n, (start, end) in enumerate(((0, 3), (4, 10), (11, 13), (14, 22), (23, 27)))], [])
            for k in range(3000)])
        project.db.execute("ANALYZE")
        [(first,)] = project.db.execute("SELECT position FROM documents WHERE id = 'd1000'").fetchall()
        from annotator.store.server import server_sql

        sql, args = project._token_export_queries((first, first + 127), "entity")[0]
        plan = "\n".join(row[0] for row in project.db.conn.raw.execute(
            "EXPLAIN (ANALYZE, COSTS OFF) " + server_sql(sql), args))
        assert "Seq Scan" not in plan and "rows=3000" not in plan, plan
        with project.one_moment():
            rows = list(project.token_export_rows((first, first + 127), "entity"))
        assert [row[1] for row in rows] == [f"d{k:04d}" for k in range(1000, 1128)]
        assert [[label for _, _, label, _, _ in json.loads(row[5]["amal"][2])] for row in rows] == [
            ["LOC" if k % 50 == 0 else "PER"] * 5 for k in range(1000, 1128)]


def test_tables_an_import_or_a_copy_grew_by_a_tenth_are_analysed_at_once(server_url, postgres_cluster, tmp_path):
    """The server plans queries from its tables' statistics, which autovacuum gathers only a
    minute or so after an import: the import (and a copy to a server) gathers them itself for
    the tables it grew by a tenth or more."""
    def jsonl(path, first, count):
        path.write_text("".join(json.dumps({"id": f"d{k:03d}", "text": f"{TEXT} {k}", "annotator": "amal",
                                            "spans": [{"start": s, "end": e, "layer": "entity", "label": "PER"}
                                                      for s, e in ((0, 3), (4, 10), (11, 13))]}) + "\n"
                                for k in range(first, first + count)), encoding="utf-8")
        return str(path)

    def estimated(url, table):
        with Project.open(url, readonly=True) as project:
            return project.db.execute("SELECT reltuples FROM pg_class WHERE relname = ? "
                                      "AND relnamespace = current_schema()::regnamespace", [table]).fetchone()[0]

    runner = CliRunner()
    assert runner.invoke(cli, ["init", server_url]).exit_code == 0
    with Project.open(server_url) as project:
        # Autovacuum may gather statistics at any moment (it did in a CI run, between two
        # imports here): off for these tables, the estimates change only when an import does.
        with project.transaction():
            for table in ("spans", "documents"):
                project.db.execute(f"ALTER TABLE {table} SET (autovacuum_enabled = false)")
    result = runner.invoke(cli, ["import", server_url, jsonl(tmp_path / "a.jsonl", 0, 40)])
    assert result.exit_code == 0, result.output
    assert (estimated(server_url, "spans"), estimated(server_url, "documents")) == (120, 40)
    result = runner.invoke(cli, ["import", server_url, jsonl(tmp_path / "b.jsonl", 40, 2)])  # 5% more
    assert result.exit_code == 0, result.output
    assert (estimated(server_url, "spans"), estimated(server_url, "documents")) == (120, 40)  # as autovacuum
    result = runner.invoke(cli, ["import", server_url, jsonl(tmp_path / "c.jsonl", 42, 8)])  # 19% more
    assert result.exit_code == 0, result.output
    assert (estimated(server_url, "spans"), estimated(server_url, "documents")) == (150, 50)
    copy = postgres_cluster.url(postgres_cluster.new_database())
    assert runner.invoke(cli, ["copy", server_url, copy]).exit_code == 0
    assert (estimated(copy, "spans"), estimated(copy, "document_texts")) == (150, 50)


def test_a_connection_lost_while_a_range_is_read_in_parts_is_said_so(server_url, postgres_cluster, tmp_path):
    """The server's answers come in the pipeline's order; a connection dropped between two
    parts fails the reading with the store's message, not the driver's, and the project reads
    again afterwards."""
    with Project.create(server_url) as project:
        _work_of_every_kind(project, 12)
        positions = [row[0] for row in project.db.execute("SELECT position FROM documents ORDER BY position")]
        with pytest.raises(StorageError, match="lost the connection"):
            with project.one_moment():
                for row in project.token_export_rows((positions[0], positions[-1]), "entity"):
                    if row[0] == positions[0]:
                        postgres_cluster.admin(f"SELECT pg_terminate_backend({project.db.conn.raw.info.backend_pid})")
        out = tmp_path / "out.conll"
        result = CliRunner().invoke(cli, ["export", server_url, "-f", "conll", "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.read_text(encoding="utf-8").count("B-LOC") == 6


def test_without_psycopg_the_message_says_what_to_install(monkeypatch):
    from annotator.store import server

    monkeypatch.setattr(server, "psycopg", None)  # as if the extra were not installed
    for attempt in (lambda: Project.open("postgresql://host/news"), lambda: Project.create("postgresql://host/news")):
        with pytest.raises(ProjectError, match=r'pip install "annotator\[server\]"'):
            attempt()


def test_a_password_in_the_url_reaches_every_connection_and_no_message(postgres_cluster, tmp_path):
    """The export's worker processes, a copy and the window's jobs open the project again: with
    the URL as given (password included), while messages show it without the password."""
    from annotator.formats import export

    if not postgres_cluster.asks_passwords:
        pytest.skip("the server given by ANNOTATOR_TEST_POSTGRESQL may not ask for passwords")
    role = f"pw_{os.getpid()}_{next(_roles)}"
    postgres_cluster.create_role(role, "LOGIN PASSWORD 's3cret' IN ROLE password_users")
    database = postgres_cluster.new_database(owner=role)
    url = postgres_cluster.url(database, role).replace(f"{role}@", f"{role}:s3cret@")
    refused = CliRunner().invoke(cli, ["init", url.replace("s3cret", "wrong")])
    assert refused.exit_code == 1 and "password authentication failed" in refused.output
    assert "wrong" not in refused.output
    runner = CliRunner()
    assert runner.invoke(cli, ["init", url]).exit_code == 0
    with Project.open(url) as project:
        assert "s3cret" not in str(project.path)
        project.add_documents([Document(f"doc{n:03d}", TEXT) for n in range(export.PARALLEL_FROM + 20)])
        project.add_span(_span("doc007", "amal"))
    result = runner.invoke(cli, ["export", url, "-f", "conll", "-o", str(tmp_path / "out.conll")])
    assert result.exit_code == 0, result.output  # its workers connected with the password
    assert "s3cret" not in result.output
    assert "B-PER" in (tmp_path / "out.conll").read_text(encoding="utf-8")
    copied = runner.invoke(cli, ["copy", url, str(tmp_path / "copy.db")])
    assert copied.exit_code == 0 and "s3cret" not in copied.output


def test_a_servers_work_merges_into_a_file_and_a_files_into_the_server(tmp_path, server_url):
    """A lead keeps an offline copy in step, or brings an annotator's laptop copy in."""
    runner = CliRunner()
    file = tmp_path / "offline.db"
    with Project.create(server_url) as server:
        server.add_documents([Document("d1", TEXT)])
        server.add_span(_span("d1", "amina"))
    assert runner.invoke(cli, ["copy", server_url, str(file)]).exit_code == 0
    with Project.open(file) as offline:
        offline.add_span(_span("d1", "laptop", 0, 3))
    with Project.open(server_url) as server:
        server.add_span(_span("d1", "omar", 11, 22))
    into_server = runner.invoke(cli, ["merge", server_url, str(file)])
    assert into_server.exit_code == 0, into_server.output
    into_file = runner.invoke(cli, ["merge", str(file), server_url])
    assert into_file.exit_code == 0, into_file.output
    for where in (server_url, file):
        with Project.open(where) as project:
            assert sorted(s.annotator for s in project.spans("d1")) == ["amina", "laptop", "omar"]
    itself = runner.invoke(cli, ["merge", server_url, server_url])
    assert itself.exit_code == 1 and "is the project itself" in itself.output


def test_a_database_with_our_table_names_but_not_our_tables_is_refused(postgres_cluster):
    import psycopg

    url = postgres_cluster.url(postgres_cluster.new_database())
    Project.create(url).close()
    with psycopg.connect(url, autocommit=True) as raw:
        raw.execute("ALTER TABLE spans RENAME TO spans_kept")
        raw.execute("CREATE VIEW spans AS SELECT * FROM spans_kept")
    result = CliRunner().invoke(cli, ["export", url, "-f", "jsonl", "-o", "-"])
    assert result.exit_code == 1 and "not an annotator project (spans missing or not a table)" in result.output
    with psycopg.connect(url, autocommit=True) as raw:
        raw.execute("DROP VIEW spans")
        raw.execute("ALTER TABLE spans_kept RENAME TO spans")
        raw.execute("ALTER TABLE spans RENAME COLUMN attrs TO attributes")
    result = CliRunner().invoke(cli, ["export", url, "-f", "jsonl", "-o", "-"])
    assert result.exit_code == 1 and "not an annotator project (no column spans.attrs)" in result.output


def test_a_text_the_server_cannot_store_is_refused_by_file_and_line(server_url, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "ok", "text": "fine"}\n{"id": "nul", "text": "a\\u0000b"}\n', encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(cli, ["init", server_url]).exit_code == 0
    refused = runner.invoke(cli, ["import", server_url, str(source)])
    assert refused.exit_code == 1 and f"{source}:2: its text holds the character U+0000" in refused.output
    with Project.open(server_url) as project:
        assert project.document_ids() == []  # all or nothing
    taken = runner.invoke(cli, ["import", server_url, str(source), "--skip-invalid"])
    assert taken.exit_code == 0, taken.output
    with Project.open(server_url) as project:
        assert project.document_ids() == ["ok"]


def test_a_read_transaction_sees_one_moment_as_on_a_file(server_url):
    """An export's worker reads each range in one transaction: on the server too, its queries
    see one snapshot, not each its own."""
    with Project.create(server_url) as writer, Project.open(server_url, readonly=True) as reader:
        writer.add_documents([Document("d", TEXT)])
        reader.db.conn.execute("BEGIN")
        assert reader.db.execute("SELECT count(*) FROM spans").fetchone()[0] == 0
        writer.add_span(_span("d", "amal"))
        assert reader.db.execute("SELECT count(*) FROM spans").fetchone()[0] == 0
        reader.db.conn.rollback()
        assert reader.db.execute("SELECT count(*) FROM spans").fetchone()[0] == 1


def _edit_between_queries(reader, writer, monkeypatch, speaker):
    """Makes ``writer`` add a quote and its link to ``speaker`` (and mark the document done)
    the moment ``reader`` has read spans and before it reads the rest: an annotator saving
    while the lead exports or computes agreement."""

    execute = reader.db.conn.execute
    done = []

    def spans_then_an_edit(sql, params=()):
        result = execute(sql, params)
        if not done and "FROM spans WHERE" in sql:
            done.append(True)
            quote = writer.add_span(Span("", "d", "amal", "quote", "QUOTE", 11, 27))
            writer.add_relation(Relation("", "d", "amal", "said_by", quote.id, speaker.id))
            writer.set_status("d", "amal", "done")
        return result

    monkeypatch.setattr(reader.db.conn, "execute", spans_then_an_edit)
    return done


def test_an_export_reads_each_document_at_one_moment_while_others_write(server_url, monkeypatch, tmp_path):
    """Each record an export writes is one moment's: a span and the link to it saved while the
    export reads are both in it or both not (a link without its span made a file that could not
    be imported back)."""
    from annotator.formats.jsonl import write_jsonl

    with Project.create(server_url) as writer, Project.open(server_url, readonly=True) as reader:
        writer.add_documents([Document("d", TEXT)])
        speaker = writer.add_span(Span("", "d", "amal", "speaker", "SPEAKER", 4, 10))
        done = _edit_between_queries(reader, writer, monkeypatch, speaker)
        records = list(reader.iter_export())
        assert done  # the edit did land in the middle of the export's reading
        [record] = records
        span_ids = {span["id"] for span in record["spans"]}
        assert all({r["from"], r["to"]} <= span_ids for r in record["relations"])
        assert record.get("status") is None and len(record["spans"]) == 1  # the moment before the edit
        out = tmp_path / "out.jsonl"
        with out.open("w", encoding="utf-8") as f:
            write_jsonl(records, f)
        for args in (["init", str(tmp_path / "back.db")], ["import", str(tmp_path / "back.db"), str(out)]):
            result = CliRunner().invoke(cli, args)
            assert result.exit_code == 0, result.output


def test_agreement_reads_each_document_at_one_moment_while_others_write(server_url, monkeypatch):
    with Project.create(server_url) as writer, Project.open(server_url, readonly=True) as reader:
        writer.add_documents([Document("d", TEXT)])
        speaker = writer.add_span(Span("", "d", "amal", "speaker", "SPEAKER", 4, 10))
        done = _edit_between_queries(reader, writer, monkeypatch, speaker)
        [(doc_id, text, spans, relations)] = list(reader.documents_with_work(["d"]))
        assert done and (doc_id, text) == ("d", TEXT)
        assert [s.id for s in spans] == [speaker.id] and relations == []  # the moment before the edit


class _Paused:
    """``work(pause)`` (the lead's import, merge or adjudication) in a thread, stopped where it
    calls ``pause()``, its transaction open, until ``go_on()``, which returns its outcome (its
    result or the exception it raised)."""

    def __init__(self, work):
        self.paused, self.resume, self.outcome = threading.Event(), threading.Event(), []

        def pause():
            self.paused.set()
            self.resume.wait(30)

        def run():
            try:
                self.outcome.append(work(pause))
            except Exception as exc:  # noqa: BLE001 - looked at by the test
                self.outcome.append(exc)

        self.thread = threading.Thread(target=run)
        self.thread.start()
        assert self.paused.wait(30), self.outcome

    def go_on(self):
        self.resume.set()
        self.thread.join(30)
        return self.outcome[0]


def _paused_import(project, first: list, rest: list) -> _Paused:
    """An import paused after its first ``first`` records (the records of each full batch
    checked, and the documents among them that were in the project already locked)."""
    from annotator.store.bulk import import_records

    def records(pause):
        yield from first
        pause()
        yield from rest

    return _Paused(lambda pause: import_records(project, records(pause)))


def _new_documents(prefix: str, count: int):
    from annotator.core.model import AnnotatedDocument

    return [AnnotatedDocument(Document(f"{prefix}{k}", f"نص رقم {k}")) for k in range(count)]


def test_annotators_go_on_saving_while_the_lead_imports_new_documents(team):
    from annotator.store import bulk

    names, urls, connect = team
    lead, amina = connect("lead"), connect("amina")
    lead.add_suggestions("d2", [Span("", "d2", "", "entity", "LOC", 0, 5)], [], "rules")
    [suggested] = amina.pending_suggestions("d2", names["amina"])
    amina.busy_timeout = 2  # a save that had to wait for the import would be refused
    first = _new_documents("new", bulk.BATCH_RECORDS + 1)  # a batch is written before the pause
    importing = _paused_import(lead, first, _new_documents("later", 3))
    saved = amina.add_span(_span("d1", names["amina"]))  # each refused after 2 s if it had to wait
    amina.set_status("d1", names["amina"], "in progress")
    amina.decide_suggestion(int(suggested.id[1:]), names["amina"], "accepted")
    amina.set_setting("direction/d2", "ltr", document="d2")
    assert "new0" not in connect("omar").document_ids()  # the import's documents: not yet anyone's
    report = importing.go_on()
    assert not isinstance(report, Exception), report
    assert report.documents_added == bulk.BATCH_RECORDS + 4
    assert [s.id for s in amina.spans("d1", names["amina"])] == [saved.id]
    assert {"new0", "later2"} <= set(amina.document_ids())


def test_an_annotators_span_saved_while_the_import_writes_its_spans_gets_a_pk_of_its_own(team, monkeypatch):
    """The import's spans are written with pks it takes from the server's sequence before it
    writes them: an annotator's span saved right after the import wrote a batch of spans (and
    before it went on) gets a pk after them. (The import took the largest pk + 1 and moved
    the sequence past its spans only after writing them: such a save was given a pk the import
    had just written, waited for the import's end and failed.)"""
    import psycopg

    from annotator.core.model import AnnotatedDocument
    from annotator.store import server

    names, urls, connect = team
    lead, amina = connect("lead"), connect("amina")
    lead.add_span(_span("d2", names["lead"], 0, 4))  # the sequence has given pks before
    amina.busy_timeout = 3
    writing, finished = [], psycopg.Copy.finish
    monkeypatch.setattr(server.ServerProject, "_insert_rows",
                        lambda self, table, *args, _real=server.ServerProject._insert_rows, **kwargs:
                        writing.append(table) or _real(self, table, *args, **kwargs))

    def work(pause):
        def finish(copy, *args, **kwargs):
            done = finished(copy, *args, **kwargs)
            if writing[-1:] == ["spans"] and threading.current_thread() is not threading.main_thread():
                writing.append("paused")
                pause()  # the import's spans are written, its transaction open
            return done

        monkeypatch.setattr(psycopg.Copy, "finish", finish)
        records = [AnnotatedDocument(Document(f"n{k}", TEXT), names["lead"], None,
                                     [replace(_span(f"n{k}", names["lead"], 4, 10), id="T1")], []) for k in range(30)]
        from annotator.store.bulk import import_records
        return import_records(lead, records)

    importing = _Paused(work)
    saved = amina.add_span(_span("d1", names["amina"]))  # refused after 3 s if it waited for the import
    report = importing.go_on()
    assert not isinstance(report, Exception), report
    assert report.spans_added == 30 and "paused" in writing
    assert [s.id for s in amina.spans("d1", names["amina"])] == [saved.id]
    lead_pks = [row[0] for row in lead.db.execute("SELECT pk FROM spans WHERE doc_id LIKE 'n%'")]
    [amina_pk] = [row[0] for row in lead.db.execute("SELECT pk FROM spans WHERE doc_id = 'd1'")]
    assert amina_pk > max(lead_pks) and len(set(lead_pks)) == 30
    assert amina.add_span(_span("d1", names["amina"], 11, 13)).id  # and the next saves go on


def _records_with_spans(count: int, prefix: str = "n", annotator: str = "amal") -> list:
    from annotator.core.model import AnnotatedDocument

    return [AnnotatedDocument(Document(f"{prefix}{k}", TEXT), annotator, None,
                              [replace(_span(f"{prefix}{k}", annotator, 4, 10), id="T1")], []) for k in range(count)]


def test_an_import_into_a_server_checks_the_next_batch_while_it_writes_the_last(server_url, monkeypatch):
    """The import writes each batch in a thread of its own and checks the next one meanwhile
    on a second connection (the server works on the write while the import reads and checks):
    every record arrives, and the second connection is gone after."""
    from annotator.store import bulk, server
    from annotator.store.bulk import import_records

    monkeypatch.setattr(bulk, "FLUSH_RECORDS", 40)
    monkeypatch.setattr(bulk, "BATCH_RECORDS", 20)
    writing, released, checked_meanwhile = threading.Event(), threading.Event(), []
    real_insert, real_hashes = server.ServerProject.insert_annotated, server.ServerProject.document_hashes_of

    def insert(self, records, *args, **kwargs):
        if not writing.is_set():  # the first batch's write waits until the next batch is checked
            writing.set()
            assert released.wait(30), "the next batch was not checked while this one was written"
        return real_insert(self, records, *args, **kwargs)

    def hashes(self, ids):
        if writing.is_set() and not released.is_set():
            checked_meanwhile.append(sorted(ids))
            released.set()
        return real_hashes(self, ids)

    monkeypatch.setattr(server.ServerProject, "insert_annotated", insert)
    monkeypatch.setattr(server.ServerProject, "document_hashes_of", hashes)
    with Project.create(server_url) as project:
        project.add_documents([Document("d0", TEXT)])
        connections = project.db.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                         ).fetchone()[0]
        report = import_records(project, _records_with_spans(100))
        assert report.spans_added == 100 and report.documents_added == 100
        assert checked_meanwhile and checked_meanwhile[0][0] != "n0"  # a later batch's ids
        assert len(project.spans("n99")) == 1 and project.db.execute(
            "SELECT count(DISTINCT pk) FROM spans").fetchone()[0] == 100
        for _ in range(100):  # a closed connection's backend ends a moment later
            now = project.db.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                     ).fetchone()[0]
            if now == connections:
                break
            time.sleep(0.05)
        assert now == connections


def test_an_import_into_a_server_stopped_while_it_writes_keeps_nothing(server_url, monkeypatch):
    """Stopped (the window's Cancel) while a batch is being written: the write ends, then the
    import's transaction rolls back; nothing is kept and the project goes on."""
    from annotator.store import bulk
    from annotator.store.bulk import import_records

    monkeypatch.setattr(bulk, "FLUSH_RECORDS", 40)
    monkeypatch.setattr(bulk, "BATCH_RECORDS", 20)
    taken = itertools.count()

    def progress():
        if next(taken) == 150:
            raise KeyboardInterrupt  # as the progress dialog's Cancel stops it

    with Project.create(server_url) as project:
        with pytest.raises(KeyboardInterrupt):
            import_records(project, _records_with_spans(200), progress=progress)
        assert project.document_ids() == [] and project.db.execute("SELECT count(*) FROM spans").fetchone()[0] == 0
        assert import_records(project, _records_with_spans(30)).spans_added == 30


@pytest.mark.parametrize("how", ["before the server", "on the server"])
def test_a_write_that_fails_while_the_import_checks_the_next_batch_is_what_the_import_says(server_url,
                                                                                         monkeypatch, how):
    """A batch written in the background that fails fails the import with its own message (not
    the next check's, which meets the transaction it aborted), and nothing is imported."""
    from annotator.store import bulk, server
    from annotator.store.bulk import import_records

    monkeypatch.setattr(bulk, "FLUSH_RECORDS", 40)
    monkeypatch.setattr(bulk, "BATCH_RECORDS", 20)
    real_insert, writes = server.ServerProject.insert_annotated, []

    def insert(self, records, *args, **kwargs):
        writes.append(records[0].document.id)
        if len(writes) == 2:
            if how == "before the server":
                raise StorageError("the second batch could not be written")
            self.db.execute("SELECT 1 / 0")  # the server refuses: the transaction is aborted
        return real_insert(self, records, *args, **kwargs)

    monkeypatch.setattr(server.ServerProject, "insert_annotated", insert)
    records = _records_with_spans(200)
    from annotator.core.model import AnnotatedDocument

    for k in range(10):  # work on documents already there: each batch locks one on the import's connection
        records.insert(20 * k + 5, AnnotatedDocument(Document(f"e{k}", TEXT), "omar", None,
                                                     [replace(_span(f"e{k}", "omar", 4, 10), id="T1")], []))
    with Project.create(server_url) as project:
        project.add_documents([Document(f"e{k}", TEXT) for k in range(10)])
        with pytest.raises(StorageError, match="second batch" if how == "before the server" else "division by zero"):
            import_records(project, records)
        assert project.document_ids() == [f"e{k}" for k in range(10)]
        assert project.db.execute("SELECT count(*) FROM spans").fetchone()[0] == 0
        monkeypatch.setattr(server.ServerProject, "insert_annotated", real_insert)
        assert import_records(project, _records_with_spans(50)).spans_added == 50  # the project goes on


def test_a_save_to_a_document_the_import_changes_waits_for_it(team):
    from annotator.core.model import AnnotatedDocument
    from annotator.store import bulk

    names, urls, connect = team
    lead, amina = connect("lead"), connect("amina")
    connect("lead").set_blind(False)
    amina.busy_timeout = 1
    # The import brings omar's work on d1 (a document already there), then pauses.
    omars = AnnotatedDocument(Document("d1", TEXT), names["omar"],
                              spans=[replace(_span("d1", names["omar"], 0, 3), id="T1")])
    importing = _paused_import(lead, [omars, *_new_documents("new", bulk.BATCH_RECORDS)], [])
    with pytest.raises(StorageError, match="did not finish in time; nothing was written"):
        amina.add_span(_span("d1", names["amina"]))  # d1 is the import's until it ends
    amina.add_span(_span("d2", names["amina"], 0, 5))  # d2 is not
    report = importing.go_on()
    assert not isinstance(report, Exception), report
    assert report.records_added == 1
    amina.add_span(_span("d1", names["amina"]))  # and d1 is free again
    assert {(s.doc_id, s.annotator) for s in lead.spans("d1")} == {("d1", names["omar"]), ("d1", names["amina"])}


def test_annotators_go_on_saving_while_the_lead_merges_a_copy(team, monkeypatch, tmp_path):
    """A merge into the server holds the documents whose work it compares, not the project:
    paused after reading omar's copy of d1, amina saves to d2 at once, and her save to d1 waits
    for the merge (the merge held everything before: both were refused)."""
    from annotator.team import merge as merging

    names, urls, connect = team
    lead, amina = connect("lead"), connect("amina")
    amina.busy_timeout = 1  # a save that has to wait is refused after a second
    with Project.create(tmp_path / "omar.db") as copy:
        copy.add_documents([Document("d1", TEXT), Document("n1", "نص جديد")])
        copy.add_span(_span("d1", names["omar"], 0, 3))
    readable = merging._readable

    def merge_pausing(pause):
        def pausing(records, shown, problems):
            for k, record in enumerate(readable(records, shown, problems)):
                if k == 1:  # d1 (the first record) has been compared: pause before the next
                    pause()
                yield record

        monkeypatch.setattr(merging, "_readable", pausing)
        return merging.merge(lead, tmp_path / "omar.db")

    merge = _Paused(merge_pausing)
    try:
        amina.add_span(_span("d2", names["amina"], 0, 5))  # d2 is not the merge's
        with pytest.raises(StorageError, match="did not finish in time; nothing was written"):
            amina.add_span(_span("d1", names["amina"]))  # d1 is, until it ends
    finally:
        report = merge.go_on()
    assert not isinstance(report, Exception), report
    assert (report.documents_added, report.records_added) == (1, 1)
    amina.add_span(_span("d1", names["amina"]))  # free again
    assert {s.annotator for s in lead.spans("d1")} == {names["omar"], names["amina"]}
    assert [s.annotator for s in lead.spans("d2")] == [names["amina"]]


def _paused_auto_merge(project, at: int) -> _Paused:
    """The lead's auto-merge into gold, paused when it comes to its ``at``-th document (its
    progress call)."""
    from annotator.team.adjudication import auto_merge

    def work(pause):
        calls = itertools.count(1)

        def progress():
            if next(calls) == at:
                pause()

        return auto_merge(project, progress=progress)

    return _Paused(work)


def _both_done_on_d1(names, connect):
    for who in ("amina", "omar"):
        annotator = connect(who)
        annotator.add_span(_span("d1", names[who]))
        annotator.set_status("d1", names[who], "done")


def test_annotators_go_on_saving_while_the_lead_merges_into_gold(team):
    from annotator.core.model import GOLD

    names, urls, connect = team
    lead, amina = connect("lead"), connect("amina")
    _both_done_on_d1(names, connect)
    amina.busy_timeout = 1
    merging = _paused_auto_merge(lead, at=2)  # d1 compared and merged, d2 next
    try:
        amina.add_span(_span("d2", names["amina"], 0, 5))  # d2 is not held: saved at once
        with pytest.raises(StorageError, match="did not finish in time; nothing was written"):
            amina.set_status("d1", names["amina"], "in progress")  # d1 is, until the merge ends
    finally:
        report = merging.go_on()
    assert not isinstance(report, Exception), report
    assert (report.documents, report.spans_added) == (1, 1)
    assert [(s.start, s.end) for s in lead.spans("d1", GOLD)] == [(4, 10)]
    assert lead.stored_status("d1", names["amina"]) == "done"


def test_work_reopened_before_the_merge_came_to_it_is_not_merged_into_gold(team):
    from annotator.core.model import GOLD

    names, urls, connect = team
    lead, amina = connect("lead"), connect("amina")
    _both_done_on_d1(names, connect)
    merging = _paused_auto_merge(lead, at=1)  # who counts is read; d1 not yet held
    try:
        amina.set_status("d1", names["amina"], "in progress")  # she reopens it meanwhile
    finally:
        report = merging.go_on()
    assert not isinstance(report, Exception), report
    assert (report.documents, report.spans_added) == (0, 0)  # only omar's work counts now
    assert lead.spans("d1", GOLD) == []


def test_an_import_touching_many_documents_holds_the_whole_project(team, monkeypatch):
    from annotator.core.model import AnnotatedDocument
    from annotator.store import bulk, server

    monkeypatch.setattr(server, "MOST_DOCUMENT_LOCKS", 1)  # the server's lock table is finite
    names, urls, connect = team
    lead, amina = connect("lead"), connect("amina")
    amina.busy_timeout = 1
    works = [AnnotatedDocument(Document(d, t), names["omar"], spans=[replace(_span(d, names["omar"], 0, 3), id="T1")])
             for d, t in (("d1", TEXT), ("d2", "hello world"))]
    lead.add_documents([Document("d3", TEXT)])  # which the import does not touch
    importing = _paused_import(lead, [*works, *_new_documents("new", bulk.BATCH_RECORDS)], [])
    with pytest.raises(StorageError, match="did not finish in time"):
        amina.add_span(_span("d3", names["amina"]))
    report = importing.go_on()
    assert not isinstance(report, Exception), report
    assert report.records_added == 2
    amina.add_span(_span("d3", names["amina"]))


def _connections_to(project) -> int:
    """How many connections the project's database has besides the project's own."""
    return project.db.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                              "AND pid <> pg_backend_pid()").fetchone()[0]


def _no_other_connections(project) -> bool:
    """Whether the project's database is left with the project's own connection, within 5 s:
    a connection closed by the client leaves pg_stat_activity when its server process has
    ended, a few milliseconds later (asked at once, a closed one was seen still listed)."""
    deadline = time.monotonic() + 5
    while _connections_to(project) != 0:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def _asked_and_made(monkeypatch) -> list:
    """What the server is asked for and what is made of its answers, in order, as the reads of
    ServerProject._read_ahead go: ("asked", item) when an item's queries are sent, ("made",
    item) as each of its results (a record, a document's work) is given."""
    from annotator.store import server

    events = []
    real = server._asked_ahead

    def watched(conn, items, queries_of, made_of):
        def asked(item):
            events.append(("asked", tuple(item)))
            return queries_of(item)

        def made(item, *rows):
            for result in made_of(item, *rows):
                events.append(("made", tuple(item)))
                yield result

        yield from real(conn, items, asked, made)

    monkeypatch.setattr(server, "_asked_ahead", watched)
    return events


def _asked_before_made(events: list) -> None:
    """Each item after the first was asked for before anything of the item before it was made."""
    asked = [item for kind, item in events if kind == "asked"]
    assert len(asked) > 1
    for item, following in itertools.pairwise(asked):
        assert events.index(("asked", following)) < events.index(("made", item)), (item, following)


def test_a_large_export_reads_the_next_documents_while_writing_the_last(server_url, monkeypatch):
    with Project.create(server_url) as project:
        ids = [f"d{k:04d}" for k in range(450)]  # three ranges of 200
        project.add_documents([Document(doc_id, f"{TEXT} {k}") for k, doc_id in enumerate(ids)])
        for doc_id in ids[::50]:
            project.add_span(_span(doc_id, "amal"))
        speaker = project.add_span(Span("", ids[300], "amal", "speaker", "SPEAKER", 0, 3))
        quote = project.add_span(Span("", ids[300], "amal", "quote", "QUOTE", 11, 27))
        project.add_relation(Relation("", ids[300], "amal", "said_by", quote.id, speaker.id))
        project.set_status(ids[250], "amal", "done")
        a_range_at_a_time = list(project.export_rows(positions=(0, 449)))  # not the whole: read here
        events = _asked_and_made(monkeypatch)
        records = list(project.iter_export())
        assert [r["id"] for r in records] == ids
        assert [r["id"] for r in records if r.get("spans")] == ids[::50]
        assert records[300]["relations"][0]["label"] == "said_by" and records[250]["status"] == "done"
        assert [item for kind, item in events if kind == "asked"] == [(0, 199), (200, 399), (400, 449)]
        _asked_before_made(events)
        assert list(project.export_rows()) == a_range_at_a_time
        assert _no_other_connections(project)  # its own connection is closed with it
        # Stopped early (a cancelled export): its connection ends with it.
        records = project.iter_export()
        assert next(records)["id"] == "d0000"
        assert _connections_to(project) == 1  # reading on a connection of its own, this one free
        assert project.document_count() == 450
        closing = threading.Thread(target=records.close, daemon=True)
        closing.start()
        closing.join(10)
        assert not closing.is_alive()
        assert _no_other_connections(project)


def test_a_whole_export_is_of_one_moment_while_others_write(server_url, monkeypatch):
    """A whole export reads every range in one read transaction, as a file's export reads one
    snapshot: work saved by another annotator once the export has begun is in none of its
    records."""
    from annotator.store import server

    monkeypatch.setattr(server, "RANGE_DOCUMENTS", 2)
    with Project.create(server_url) as writer, Project.open(server_url, readonly=True) as reader:
        writer.add_documents([Document(f"d{k}", TEXT) for k in range(7)])
        writer.add_span(_span("d6", "amal"))
        records = []
        for record in reader.iter_export():
            if not records:
                speaker = writer.add_span(Span("", "d6", "amal", "speaker", "SPEAKER", 0, 3))
                quote = writer.add_span(Span("", "d6", "amal", "quote", "QUOTE", 11, 27))
                writer.add_relation(Relation("", "d6", "amal", "said_by", quote.id, speaker.id))
                writer.set_status("d6", "amal", "done")
                writer.add_documents([Document("d7", TEXT)])
            records.append(record)
        assert [r["id"] for r in records] == [f"d{k}" for k in range(7)]
        assert len(records[6]["spans"]) == 1 and records[6]["relations"] == [] and "status" not in records[6]
        again = list(reader.iter_export())
        assert len(again) == 8 and len(again[6]["spans"]) == 3 and again[6]["status"] == "done"


def test_a_connection_lost_while_an_export_reads_ahead_is_said_so(server_url, postgres_cluster, monkeypatch):
    from annotator.store import server

    monkeypatch.setattr(server, "RANGE_DOCUMENTS", 3)
    with Project.create(server_url) as project:
        project.add_documents([Document(f"d{k}", TEXT) for k in range(10)])
        records = project.iter_export()
        assert next(records)["id"] == "d0"
        postgres_cluster.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                               f"'{project.db.execute('SELECT current_database()').fetchone()[0]}' "
                               f"AND pid <> {project.db.conn.raw.info.backend_pid}")
        with pytest.raises(StorageError, match="terminat|connection|server"):
            list(records)
        assert _no_other_connections(project)
        assert [r["id"] for r in project.iter_export()][-1] == "d9"  # its own connection carries on


def test_without_a_second_connection_an_export_reads_everything_itself(postgres_cluster):
    role = f"single_{os.getpid()}_{next(_roles)}"
    postgres_cluster.create_role(role, "LOGIN CONNECTION LIMIT 1")
    url = postgres_cluster.url(postgres_cluster.new_database(owner=role), role)
    with Project.create(url) as project:
        ids = [f"d{k:04d}" for k in range(450)]
        project.add_documents([Document(doc_id, f"{TEXT} {k}") for k, doc_id in enumerate(ids)])
        project.add_span(_span("d0300", "amal"))
        records = list(project.iter_export())
        assert [r["id"] for r in records] == ids and records[300]["spans"][0]["label"] == "PER"
        assert [doc_id for doc_id, *_ in project.documents_with_work(ids)] == ids


def test_agreement_reads_the_next_documents_while_working_on_the_last(server_url, monkeypatch):
    """documents_with_work (what agreement reads) reads runs of documents ahead on a
    connection of its own, gives the same as one document at a time, and ends that connection
    when stopped."""
    from annotator.store import server

    monkeypatch.setattr(server, "RANGE_DOCUMENTS", 4)
    with Project.create(server_url) as project:
        ids = [f"d{k:02d}" for k in range(14)]  # four runs
        project.add_documents([Document(doc_id, f"{TEXT} {k}") for k, doc_id in enumerate(ids)])
        for k, doc_id in enumerate(ids):
            for name in ("amal", "omar"):
                project.add_span(_span(doc_id, name, k % 3, 5 + k % 4))
        speaker = project.add_span(Span("", "d05", "amal", "speaker", "SPEAKER", 0, 3))
        quote = project.add_span(Span("", "d05", "amal", "quote", "QUOTE", 11, 27))
        project.add_relation(Relation("", "d05", "amal", "said_by", quote.id, speaker.id))
        events = _asked_and_made(monkeypatch)
        works = project.documents_with_work(ids)
        ahead = [next(works)]
        assert _connections_to(project) == 1
        ahead += list(works)
        one_by_one = [(doc_id, project.text(doc_id), project.spans(doc_id), project.relations(doc_id))
                      for doc_id in ids]
        assert ahead == one_by_one
        assert [len(spans) for _, _, spans, _ in ahead][5] == 4 and len(ahead[5][3]) == 1
        assert [item for kind, item in events if kind == "asked"] == [tuple(ids[k:k + 4]) for k in range(0, 14, 4)]
        _asked_before_made(events)
        assert _no_other_connections(project)
        # Stopped after the first document (agreement interrupted): its connection ends too.
        works = project.documents_with_work(ids)
        assert next(works)[0] == "d00"
        works.close()
        assert _no_other_connections(project)
        with pytest.raises(ProjectError, match="no document 'nowhere'"):
            list(project.documents_with_work([*ids, "nowhere"]))
        assert _no_other_connections(project)


def test_a_transaction_on_one_document_that_writes_another_holds_both(team):
    names, urls, connect = team
    lead, amina = connect("lead"), connect("amina")
    lead.set_blind(False)
    lead.add_documents([Document("d3", TEXT)])
    amina.busy_timeout = 1
    with lead.transaction(document="d1"):
        lead.add_span(_span("d1", names["omar"]))
        lead.add_span(_span("d2", names["omar"], 0, 5))  # another document: held too, from here
        with pytest.raises(StorageError, match="did not finish in time"):
            amina.add_span(_span("d2", names["amina"], 0, 5))
        amina.add_span(_span("d3", names["amina"]))  # a third is not
    amina.add_span(_span("d2", names["amina"], 0, 5))


def test_an_export_after_a_dropped_connection_reconnects(server_url, postgres_cluster):
    with Project.create(server_url) as project:
        project.add_documents([Document("d", TEXT)])
        project.add_span(_span("d", "amal"))
        postgres_cluster.admin(f"SELECT pg_terminate_backend({project.db.conn.raw.info.backend_pid})")
        [record] = list(project.iter_export())  # its read transaction begins on a new connection
        assert [s["start"] for s in record["spans"]] == [4]
        postgres_cluster.admin(f"SELECT pg_terminate_backend({project.db.conn.raw.info.backend_pid})")
        [(doc_id, _, spans, _)] = list(project.documents_with_work(["d"]))
        assert (doc_id, len(spans)) == ("d", 1)


def test_a_first_save_meeting_an_import_of_the_same_annotator_never_stops_the_import(team, monkeypatch):
    """Omar's very first save (his name is not in the project yet) while the lead's import, which
    brings work of his, is open: the save gives way at once, said as such, and the import goes
    on to the very document he was saving to (his save used to wait holding that document while
    the import waited for it: the server then stopped one of the two, the import too)."""
    from annotator.core.model import AnnotatedDocument
    from annotator.store import bulk

    monkeypatch.setattr(bulk, "FLUSH_RECORDS", 1)  # his work is written before the pause
    names, urls, connect = team
    lead, omar = connect("lead"), connect("omar")
    lead.set_blind(False)
    omar.busy_timeout = 5
    his = AnnotatedDocument(Document("n0", "نص جديد"), names["omar"],
                            spans=[replace(_span("n0", names["omar"], 0, 2), id="T1")])
    amina_on_d1 = AnnotatedDocument(Document("d1", TEXT), names["amina"],
                                    spans=[replace(_span("d1", names["amina"], 0, 3), id="T1")])
    importing = _paused_import(lead, [his, *_new_documents("new", bulk.BATCH_RECORDS)], [amina_on_d1])
    refused = []

    def save():
        try:
            omar.add_span(_span("d1", names["omar"]))
        except StorageError as exc:
            refused.append(str(exc))

    saving = threading.Thread(target=save)
    saving.start()
    time.sleep(1.2)  # he waits (holding d1) longer than the server's deadlock check ...
    report = importing.go_on()  # ... before the import goes on to d1
    saving.join(10)
    assert not isinstance(report, Exception), report
    assert report.records_added == 2
    assert refused and "adding" in refused[0] and "nothing was written" in refused[0]
    omar.add_span(_span("d1", names["omar"]))  # after the import: saved


def test_a_server_export_reads_long_documents_a_few_at_a_time(server_url, monkeypatch):
    """What one read holds is bounded by characters too (the server sends a result whole)."""
    from annotator.store import server

    monkeypatch.setattr(server, "RANGE_DOCUMENTS", 3)
    monkeypatch.setattr(server, "RANGE_CHARS", 100)
    texts = {f"d{k}": ("نص " * 10)[:30] for k in range(7)}
    texts["d3"] = "ن" * 500  # one long document: a read of its own
    asked = []  # the runs each read ahead was given
    read_ahead = server.ServerProject._read_ahead
    monkeypatch.setattr(server.ServerProject, "_read_ahead",
                        lambda self, items, *how: asked.append(items) or read_ahead(self, items, *how))
    with Project.create(server_url) as project:
        project.add_documents([Document(doc_id, text) for doc_id, text in texts.items()])
        assert [r["id"] for r in project.iter_export()] == list(texts)
        assert asked == [[(0, 2), (3, 3), (4, 6)]]  # 3 documents, or fewer than 100 characters
        assert [doc_id for doc_id, *_ in project.documents_with_work(list(texts))] == list(texts)
        assert asked[1] == [["d0", "d1", "d2"], ["d3"], ["d4", "d5", "d6"]]


def test_spans_naming_a_document_or_annotator_the_project_lacks_are_refused_by_the_server(server_url):
    import psycopg

    project = Project.create(server_url)
    project.add_documents([Document("d1", TEXT), Document("d2", "hello world")])
    project.add_span(_span("d1", "amal"))  # amal is an annotator of the project now
    project.close()
    columns = 'COPY spans (id, doc_id, annotator, layer, label, start, "end") FROM STDIN'
    good = [(f"T{k}", ("d1", "d2")[k % 2], "amal", "entity", "PER", 0, 3) for k in range(10, 400)]
    with psycopg.connect(server_url, autocommit=True) as raw:  # around the tool, as the lead
        missing_document = ("T9", "d9", "amal", "entity", "PER", 0, 3)
        missing_annotator = ("T9", "d1", "nobody", "entity", "PER", 0, 3)
        for bad_row, message in ((missing_document, "a document the project does not have"),
                                 (missing_annotator, "an annotator the project does not have")):
            for rows in ([bad_row] + good, good + [bad_row]):  # first or last of many rows
                with pytest.raises(psycopg.errors.ForeignKeyViolation, match=message):
                    with raw.cursor() as cursor, cursor.copy(columns) as copy:
                        for row in rows:
                            copy.write_row(row)
            with pytest.raises(psycopg.errors.ForeignKeyViolation, match=message):
                raw.execute("UPDATE spans SET doc_id = %s, annotator = %s WHERE id = 'T1'", [bad_row[1], bad_row[2]])
        with raw.cursor() as cursor, cursor.copy(columns) as copy:
            for row in good:
                copy.write_row(row)
        assert raw.execute("SELECT count(*) FROM spans").fetchone()[0] == 1 + len(good)


# The check of spans' documents and annotators as the first version of the server's tables made it.
_FIRST_SPANS_REFER = """
CREATE OR REPLACE FUNCTION annotator_spans_refer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM new_spans n WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = n.doc_id)) THEN
        RAISE foreign_key_violation USING MESSAGE = 'a span refers to a document the project does not have';
    END IF;
    RETURN NULL;
END $$"""


def test_a_project_an_earlier_version_made_opens_and_its_lead_upgrades_it(team):
    import psycopg

    from annotator.store.server import MIGRATIONS

    names, urls, connect = team
    with psycopg.connect(urls["lead"], autocommit=True) as raw:  # as the first version left it
        raw.execute("DELETE FROM annotator_migrations WHERE name <> 's001_initial'")
        raw.execute(_FIRST_SPANS_REFER)

    def state():
        with psycopg.connect(urls["lead"], autocommit=True) as raw:
            applied = [row[0] for row in raw.execute("SELECT name FROM annotator_migrations ORDER BY name")]
            body = raw.execute("SELECT prosrc FROM pg_proc WHERE proname = 'annotator_spans_refer'").fetchone()[0]
        return applied, "DISTINCT" in body

    amina = connect("amina")  # an annotator may not upgrade it, and works in it as it is
    amina.add_span(_span("d1", names["amina"]))
    connect("lead", readonly=True).spans("d1")
    assert state() == (["s001_initial"], False)
    lead = connect("lead")
    assert state() == (MIGRATIONS, True)
    lead.add_span(_span("d2", names["lead"], 0, 5))
    assert [s.annotator for s in amina.spans("d1")] == [names["amina"]]
    connect("lead")  # opened again: nothing more to do
    assert state() == (MIGRATIONS, True)
    with psycopg.connect(urls["lead"], autocommit=True) as raw:
        raw.execute("INSERT INTO annotator_migrations(name) VALUES ('s999_from_the_future')")
    with pytest.raises(ProjectError, match="made by a newer annotator"):
        Project.open(urls["amina"])
    with psycopg.connect(urls["lead"], autocommit=True) as raw:  # a history this version did not write
        raw.execute("DELETE FROM annotator_migrations WHERE name <> 's999_from_the_future'")
        raw.execute("UPDATE annotator_migrations SET name = 's002_spans_refer_once_per_document'")
    with pytest.raises(ProjectError, match="cannot upgrade"):
        Project.open(urls["lead"])
