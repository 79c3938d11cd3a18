"""The ``annotator`` command: a thin click layer over the store and formats.

Everything here runs headless. The GUI is imported only inside ``gui`` and ``demo``, so that
importing this module never loads PySide6 (tests/test_headless.py checks it).
"""

from __future__ import annotations

import codecs
import os
import random
import re
import shutil
import sqlite3
from collections import Counter
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import click

from annotator import __version__
from annotator.core.model import DEFAULT_IMPORT_ANNOTATOR, STATUSES, AnnotatedDocument, ValidationError
from annotator.core.schema import OpenSchema, SchemaDeclaration, SchemaError, load_schema_file
from annotator.core.schema import extend_schema as extend_schema_by
from annotator.core.tagging import POLICIES, SCHEMES
from annotator.formats.export import GOLD_ANNOTATOR, OFFSET_UNITS, ExportOptions, ExportReport, export_documents
from annotator.formats import RecordError
from annotator.formats.json_formats import label_config, read_label_config
from annotator.formats.jsonl import line_count, write_jsonl
from annotator.formats.registry import EXPORT_FORMATS, FOLDER_FORMATS, IMPORT_FORMATS, detect, readers
from annotator.formats.registry import write as write_format
from annotator.formats.text import DEFAULT_GLOB, glob_problem
from annotator.formats.spacy_docbin import SpacyMissing
from annotator.learn import LearnUnavailable, ModelError
from annotator.outputs import OutputRefused, check_outputs, replaced_when_done
from annotator.store.bulk import CheckOptions, ImportFailed, import_records, write_rejects
from annotator.store.location import is_server_url, project_location, shown_location
from annotator.store.project import Project, ProjectError
from annotator.store.reading_worker import READ_AHEAD_FORMATS, input_sizes, read_checked
from annotator.store.storage_errors import explain_os_error, explain_sqlite_error
from annotator.terminal import display, visible


MAX_LISTED_ERRORS = 20
# How an unexpected failure starts its message. Input a user can produce must never reach it;
# the hostile-input tests check that no command's output contains it.
UNEXPECTED_FAILURE = "internal error"


class _Group(click.Group):
    """Turns the errors users can cause into one clear message and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return self._invoke(ctx)
        except click.ClickException as exc:
            # Messages quote ids and names from files: shown inert (no escape sequences).
            exc.message = visible(exc.message, keep_lines=True)
            raise

    def _invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (ProjectError, ValidationError, SchemaError, OutputRefused, SpacyMissing, ModelError,
                LearnUnavailable) as exc:
            raise click.ClickException(str(exc)) from None
        except ImportFailed as exc:
            raise click.ClickException(_import_failure_message(exc)) from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # `annotator show ... | head`: the reader left; say nothing more.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except OSError as exc:
            raise click.ClickException(explain_os_error(exc)) from None
        except sqlite3.Error as exc:
            raise click.ClickException(explain_sqlite_error(exc, _project_of(ctx))) from None
        except Exception as exc:  # noqa: BLE001 - the promise is "never a traceback"
            if os.environ.get("ANNOTATOR_DEBUG"):
                raise
            raise click.ClickException(
                f"{UNEXPECTED_FAILURE}: {type(exc).__name__}: {exc} (set ANNOTATOR_DEBUG=1 for a traceback, "
                "and please report it)"
            ) from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="annotator")
def cli() -> None:
    """Build labelled Arabic-first text corpora: documents, spans, relations, export."""


def main() -> None:
    cli(prog_name="annotator")


class _ProjectLocation(click.ParamType):
    """A project file's path, or a ``postgresql://`` URL (kept a string: a Path folds ``//``)."""

    name = "project"

    def convert(self, value, param, ctx):
        location = project_location(value)
        if isinstance(location, Path) and location.is_dir():
            self.fail(f"{value}: a folder, not a project file", param, ctx)
        return location


PROJECT_LOCATION = _ProjectLocation()
project_argument = click.argument("project", type=PROJECT_LOCATION)


def _open(path: Path, readonly: bool = False) -> Project:
    context = click.get_current_context()
    context.meta["annotator.project"] = shown_location(path)
    project = Project.open(path, readonly=readonly)
    context.call_on_close(project.close)
    project.on_wait = lambda message: click.echo(message, err=True)
    if project.upgrade_backup is not None:
        click.echo(f"{path}: upgraded to this version of annotator; the old file was kept as "
                   f"{project.upgrade_backup}", err=True)
    return project


@contextmanager
def _progress(total: int | None, description: str) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr for long runs; silent when stderr is not a terminal."""
    if not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=_stderr_console()) as progress:
        task = progress.add_task(description, total=total)
        yield lambda: progress.advance(task)


def _project_of(ctx: click.Context) -> Path:
    return ctx.meta.get("annotator.project", Path("the project file"))


def _stderr_console():
    return _console(stderr=True)


def _console(stderr: bool = False):
    """A rich console that never reads markup or emoji codes in what it prints: document ids,
    annotator names and labels come from files (``[/x]`` or ``:smile:`` are data here)."""
    from rich.console import Console

    return Console(stderr=stderr, markup=False, emoji=False, highlight=False)


# ----------------------------------------------------------------------------- init / schema


@cli.command()
@project_argument
@click.option("--schema", "schema_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Schema TOML file (default: the built-in news quotes + NER schema).")
@click.option("--team", "team_role", metavar="ROLE",
              help="Server only: the database role whose members annotate (granted what annotating needs).")
@click.option("--blind", is_flag=True, help="Server only: annotators cannot read each other's work on a document "
                                            "before both have marked it done.")
def init(project: Path | str, schema_file: Path | None, team_role: str | None, blind: bool) -> None:
    """Create a new, empty PROJECT: a file, or a postgresql:// URL naming an empty database."""
    if not is_server_url(project) and (team_role or blind):
        raise click.UsageError("--team and --blind are for a project on a server (a postgresql:// URL)")
    schema = load_schema_file(schema_file) if schema_file else None
    created = Project.create(project, schema)
    try:
        if team_role:
            created.grant_team(team_role)
        if blind:
            created.set_blind(True)
    finally:
        created.close()
    click.echo(f"Created {created.path}" + (f"; members of {team_role} may annotate" if team_role else "")
               + ("; blind annotation" if blind else ""))


@cli.command()
@project_argument
@click.option("--team", "team_role", metavar="ROLE", help="Let the members of this database role annotate.")
@click.option("--blind/--open", default=None,
              help="Blind: annotators cannot read each other's work on a document before both have marked it "
                   "done. Open: they can.")
def server(project: str, team_role: str | None, blind: bool | None) -> None:
    """Show or change how a project on a server is shared (its lead's role only)."""
    if not is_server_url(project):
        raise click.UsageError(f"{project}: not a postgresql:// URL; a project file is not shared this way")
    proj = _open(project, readonly=team_role is None and blind is None)
    if team_role:
        proj.grant_team(team_role)
        click.echo(f"Members of {team_role} may annotate {proj.path}")
    if blind is not None:
        proj.set_blind(blind)
    click.echo(f"{proj.path}: {'blind' if proj.get_setting('blind') == 'true' else 'open'} annotation; "
               f"you are {proj.user}" + (", its lead" if proj.is_lead else ", an annotator"))


@cli.command()
@click.argument("source", type=PROJECT_LOCATION)
@click.argument("target", type=PROJECT_LOCATION)
def copy(source: Path | str, target: Path | str) -> None:
    """Copy the project SOURCE to the new TARGET, exactly: for an annotator's own copy, a
    snapshot, or moving a project between a file and a server (either may be a postgresql://
    URL; a server TARGET must be an empty database). Safe while SOURCE is open in a window or
    written by another command (copying the file by hand can miss the latest edits, which
    SQLite keeps in SOURCE-wal until it folds them in). SOURCE is only read; TARGET must not
    exist."""
    check_outputs([("TARGET", target)], project=source)
    proj = _open(source, readonly=True)
    documents, spans = proj.copy_to(target)
    click.echo(f"Copied {proj.path} to {shown_location(target)}: {documents} document(s), {spans} span(s)")


@cli.command()
@project_argument
@click.option("--set", "schema_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Replace the schema with this TOML file (refused if stored spans would become invalid).")
@click.option("--label-studio", "as_label_studio", is_flag=True,
              help="Print it as a Label Studio labeling config (for a project that shows a labelstudio export).")
def schema(project: Path, schema_file: Path | None, as_label_studio: bool) -> None:
    """Print the PROJECT's schema as TOML (or a Label Studio labeling config), or replace it with --set."""
    if schema_file and as_label_studio:
        raise click.UsageError("--set and --label-studio go separately")
    proj = _open(project, readonly=schema_file is None)
    if as_label_studio:
        click.echo(label_config(proj.schema))
    elif schema_file:
        proj.set_schema(load_schema_file(schema_file))
        click.echo(f"Schema of {project} replaced from {schema_file}")
    else:
        click.echo(proj.schema.to_toml())


# ----------------------------------------------------------------------------- import / export


@cli.command("import")
@project_argument
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["auto", *IMPORT_FORMATS]), default="auto", show_default=True,
              help="auto: .jsonl native (doccano's or Prodigy's when its first record has their keys), .conllu, "
                   ".conll, .json Label Studio, .xmi, .zip (or a folder of them) INCEpTION XMI, .tsv starting "
                   "#FORMAT=WebAnno TSV (or a folder of them), a folder with .ann files brat, a .txt of token-and-tag "
                   "lines CoNLL, other files and folders text.")
@click.option("--annotator", help=f"Annotator of records that name none (default: {DEFAULT_IMPORT_ANNOTATOR}); "
              "for text files, the documents are assigned to this annotator (status 'new').")
@click.option("--annotator-from-file-name", is_flag=True,
              help="Records that name no annotator are their file's name's, without the extension (doccano "
                   "exports each user's work as USER.jsonl).")
@click.option("--glob", "pattern", default=DEFAULT_GLOB, show_default=True, help="Files to take from text folders.")
@click.option("--encoding", help="Text files (.txt) in an encoding other than UTF-8: cp1256 for Arabic text files from "
              "Windows, iso-8859-6, ... (files with a byte order mark are read by it).")
@click.option("--skip-invalid", is_flag=True, help="Import the valid records and skip the others.")
@click.option("--rejects", type=click.Path(dir_okay=False, path_type=Path),
              help="With --skip-invalid: write the skipped records and reasons here (JSONL).")
@click.option("--nfc", is_flag=True, help="Normalise text to Unicode NFC (offsets are remapped).")
@click.option("--normalize-newlines", is_flag=True, help="Turn CRLF and CR into LF (offsets are remapped).")
@click.option("--snap-to-graphemes", "snap", is_flag=True,
              help="Widen a span edge that splits a letter from its harakat (or an emoji sequence) to the whole "
                   "letter, and list each one (refused otherwise).")
@click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write what the import could not carry (source, what) here as TSV.")
@click.option("--offset-unit", type=click.Choice(OFFSET_UNITS), default="codepoint", show_default=True,
              help="What the file's character offsets count: code points (Python, Label Studio) or UTF-16 units "
                   "(JavaScript, Java, doccano's editor, our own --offset-unit utf16 exports).")
@click.option("--text-key", default="text", show_default=True,
              help="Label Studio: the field of each task's data that holds the text.")
@click.option("--columns", help="CoNLL: what each column holds, comma-separated: token, index, ignore, tags, "
              "tags:LAYER, a layer, or a name to keep (pos, chunk ...); e.g. index,token,entity,tags:entity_nested. "
              "Default: found from the lines.")
@click.option("--misc-key", help="CoNLL-U: the MISC key holding entity tags (default: NER, NE or ner, "
              "whichever a word has).")
@click.option("--sentences-per-document", type=click.IntRange(min=1), metavar="N",
              help="CoNLL and CoNLL-U: end a document after N sentences (CoNLL-U: one with no '# newdoc id'). A "
              "file without -DOCSTART- or '# newdoc' lines is otherwise one document, held whole in memory and "
              "opened whole in the window.")
@click.option("--label-config", "label_config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="With --extend-schema: a Label Studio labeling config (XML) whose labels to add, used or not.")
@click.option("--extend-schema", is_flag=True,
              help="Add to the project's schema the layers, labels, attributes and relation types the input uses "
                   "or its tool's configuration declares (brat's annotation.conf, --label-config), labels in any "
                   "script, and list them; together with the import, all or nothing.")
def import_(project: Path, paths: tuple[Path, ...], fmt: str, annotator: str | None, annotator_from_file_name: bool,
            pattern: str, encoding: str | None, skip_invalid: bool, rejects: Path | None, nfc: bool,
            normalize_newlines: bool, snap: bool, report_file: Path | None, offset_unit: str, text_key: str,
            columns: str | None, misc_key: str | None, sentences_per_document: int | None,
            label_config_file: Path | None, extend_schema: bool) -> None:
    """Import documents and annotations into PROJECT (text, native JSONL, CoNLL, CoNLL-U,
    brat, doccano, Prodigy, Label Studio, INCEpTION's UIMA CAS XMI and WebAnno TSV).

    All or nothing: one invalid record imports nothing, and every problem is listed with its
    file and line. Documents already in the project (same id and text) are skipped.
    """
    if rejects and not skip_invalid:
        raise click.UsageError("--rejects goes with --skip-invalid")
    if annotator and annotator_from_file_name:
        raise click.UsageError("--annotator and --annotator-from-file-name: choose one")
    if glob_problem(pattern):
        raise click.UsageError(glob_problem(pattern))
    if encoding is not None:
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            raise click.UsageError(f"--encoding {encoding!r}: no such encoding (cp1256, iso-8859-6, utf-16 ...)") \
                from None
    check_outputs([("--rejects", rejects), ("--report", report_file)], project=project, inputs=paths)
    proj = _open(project)
    by_format: dict[str, list[Path]] = {}
    for path in paths:
        if not (path.is_file() or path.is_dir()):
            # A named pipe or a device would block the import forever, or read without end.
            raise click.UsageError(f"{path}: not a regular file or folder")
        chosen = detect(path) if fmt == "auto" else fmt
        if path.is_dir() and chosen not in ("text", "brat", "inception-xmi", "webanno-tsv"):
            raise click.UsageError(f"{path}: a folder can be imported as text, brat, inception-xmi or webanno-tsv, "
                                   f"not {chosen}")
        by_format.setdefault(chosen, []).append(path)
    if label_config_file is not None and not extend_schema:
        raise click.UsageError("--label-config goes with --extend-schema")
    label_config = None
    if label_config_file is not None:
        label_config = read_label_config(label_config_file, proj.schema)
        if isinstance(label_config, RecordError):
            raise click.ClickException(f"{label_config.source}: {label_config.reason}")
    declared: list = []
    if columns is not None and set(by_format) != {"conll"}:
        raise click.UsageError("--columns goes with CoNLL column files (--format conll)")
    if sentences_per_document is not None and not set(by_format) <= {"conll", "conllu"}:
        raise click.UsageError("--sentences-per-document goes with CoNLL and CoNLL-U files")
    if encoding is not None and set(by_format) != {"text"}:
        raise click.UsageError("--encoding goes with text files (--format text); other formats are read as UTF-8")
    default = annotator or DEFAULT_IMPORT_ANNOTATOR

    check_options = CheckOptions(offset_unit, nfc, normalize_newlines, snap)

    def records(schema, read_ahead: bool = False):
        for chosen, chosen_paths in by_format.items():
            read = readers(chosen, pattern, text_key, misc_key, columns, annotator_from_file_name, encoding,
                           sentences_per_document)
            if chosen in READ_AHEAD_FORMATS and read_ahead:
                # A large file is parsed and checked by a second process while this one writes.
                yield from read_checked(partial(read, chosen_paths, schema, default), input_sizes(chosen_paths),
                                        schema, check_options, keep_lines=rejects is not None,
                                        into_a_server=is_server_url(proj.location))
                continue
            for record in read(chosen_paths, schema, default):
                if chosen == "text" and annotator and isinstance(record, AnnotatedDocument):
                    record.annotator, record.status = annotator, "new"
                yield record

    # The bar knows its total only for JSONL (lines); other inputs are read lazily. No bar (not
    # a terminal): the file is not read an extra time to count its lines.
    total = sum(line_count(p) for p in paths) if set(by_format) == {"jsonl"} and sys.stderr.isatty() else None
    # Extending the schema changes what every annotator's work must meet: the import then holds
    # the whole project; else annotators on a server go on saving meanwhile (see transaction).
    added: list[str] = []
    first_errors: dict[str, RecordError] = {}  # source -> why the extending reading could not read it
    with _progress(total, "Importing") as advance, proj.transaction(importing=not extend_schema):
        try:
            if extend_schema:
                # A first reading with a schema that takes new labels extends the schema by what
                # the input uses (streamed: nothing is held but the schema); the import then reads
                # the input again with it. One transaction: a failed import leaves the schema.
                default_layer = "entity" if proj.schema.layer("entity") else proj.schema.layers[0].name

                def noting(items):
                    for item in items:
                        if isinstance(item, SchemaDeclaration):
                            declared.append(item)
                        elif isinstance(item, RecordError):
                            first_errors[item.source] = item
                        yield item

                if label_config is not None:
                    declared.append(label_config)
                extended, added = extend_schema_by(proj.schema, noting(records(OpenSchema(proj.schema,
                                                                                          default_layer))),
                                                   [label_config] if label_config is not None else [],
                                                   default_layer)
                if added:
                    proj.set_schema(extended)
            report = import_records(proj, _first_reason(records(proj.schema, read_ahead=True), first_errors),
                                    skip_invalid=skip_invalid,
                                    nfc=nfc, newlines=normalize_newlines, progress=advance, offset_unit=offset_unit,
                                    snap=snap)
        except BaseException:
            proj.forget_schema()  # an extension is rolled back with the import
            raise
    proj.after_bulk_write(report.added_rows())  # committed now (inside the transaction, it waited)
    if added:  # said once it holds: a failed import rolls the extension back with it
        click.echo(f"Schema extended ({len(added)}): " + "; ".join(added[:MAX_LISTED_ERRORS])
                   + (" …" if len(added) > MAX_LISTED_ERRORS else ""))
    click.echo(
        f"Imported {report.documents_added} new document(s), {report.records_added} annotated record(s), "
        f"{report.spans_added} span(s), {report.relations_added} relation(s); "
        f"skipped {len(report.skipped)} already in the project."
        + (f" {report.suggestions_added} suggestion(s) to review." if report.suggestions_added else "")
    )
    if extend_schema:
        report.not_carried += [(d.source, what) for d in declared for what in d.not_carried]
    _report_not_carried(report.not_carried, report_file)
    if report.rejected:
        click.echo(f"Rejected {len(report.rejected)} invalid record(s):", err=True)
        for error in report.rejected[:MAX_LISTED_ERRORS]:
            click.echo(f"  {error.source}: {error.reason}", err=True)
        if len(report.rejected) > MAX_LISTED_ERRORS:
            click.echo(f"  ... and {len(report.rejected) - MAX_LISTED_ERRORS} more"
                       + ("" if rejects else " (--rejects FILE keeps them all)"), err=True)
        if rejects:
            write_rejects(rejects, report.rejected)
            click.echo(f"Rejected records written to {rejects}", err=True)


def _file_of(source: str) -> str:
    """The file of a record's ``file:line`` source."""
    head, sep, tail = source.rpartition(":")
    return head if sep and tail.isdigit() else source


def _first_reason(items, first_errors: dict[str, RecordError]):
    """``items``, with a file's refusal replaced by the one the schema-extending reading gave:
    that reading takes every label, so its reason is the input's own (a span's text that does
    not match its offsets), where the second reading stops earlier, at a label the extension
    never added because the file could not be read ("not in the schema: use --extend-schema",
    said to someone who had)."""
    by_file: dict[str, list[RecordError]] = {}
    for error in first_errors.values():
        by_file.setdefault(_file_of(error.source), []).append(error)
    for item in items:
        if isinstance(item, RecordError) and item.source not in first_errors:
            same_file = by_file.get(_file_of(item.source))
            if same_file:  # one document a file (brat, TSV, XMI): its refusal named another line
                item = same_file.pop(0)
        yield item


def _report_not_carried(not_carried: list[tuple[str, str]], report_file: Path | None) -> None:
    """What an import could not carry, or changed (a span widened to whole letters, say): on standard
    error (the first ones), all in --report."""
    if report_file:
        with report_file.open("w", encoding="utf-8", newline="\n", errors="backslashreplace") as out:
            out.write("source\tnot carried\n")
            for source, what in not_carried:
                out.write(f"{source}\t{what}\n".replace("\r", " "))
    if not not_carried:
        return
    click.echo(f"Left out or changed ({len(not_carried)}):", err=True)
    for source, what in not_carried[:MAX_LISTED_ERRORS]:
        click.echo(visible(f"  {source}: {what}"), err=True)
    if len(not_carried) > MAX_LISTED_ERRORS:
        click.echo(f"  ... and {len(not_carried) - MAX_LISTED_ERRORS} more"
                   + (f" (all in {report_file})" if report_file else " (--report FILE lists all)"), err=True)
    if report_file:
        click.echo(f"Details in {report_file}", err=True)


def _import_failure_message(exc: ImportFailed) -> str:
    lines = [f"nothing imported: {len(exc.errors)} invalid record(s)"]
    lines += [f"  {e.source}: {e.reason}" for e in exc.errors[:MAX_LISTED_ERRORS]]
    if any("splits a grapheme cluster" in e.reason for e in exc.errors):
        lines.append("--snap-to-graphemes widens such spans to the whole letter (each one listed).")
    if len(exc.errors) > MAX_LISTED_ERRORS:
        lines.append(f"  ... and {len(exc.errors) - MAX_LISTED_ERRORS} more")
    lines.append("Fix them, or use --skip-invalid --rejects FILE to import the rest.")
    return "\n".join(lines)


@cli.command()
@project_argument
@click.option("-f", "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(allow_dash=True, path_type=Path),
              help="Output file ('-' for standard output with jsonl); a folder for brat, inception-xmi and webanno-tsv.")
@click.option("--annotator", help="Only this annotator's work.")
@click.option("--gold", is_flag=True, help=f"Only the adjudicated gold version (annotator '{GOLD_ANNOTATOR}').")
@click.option("--status", type=click.Choice(STATUSES), help="Only (document, annotator) pairs with this status.")
@click.option("--layer", "layers", multiple=True, help="Only these layers (repeatable). Token formats: the tag "
              "columns, default entity.")
@click.option("--exclude-segment", "excluded", multiple=True, metavar="LABEL",
              help="Leave out the text of segments with this label, e.g. BOILERPLATE (offsets are remapped).")
@click.option("--offset-unit", type=click.Choice(OFFSET_UNITS), default="codepoint", show_default=True,
              help="Offsets in the JSON formats: code points (Python) or UTF-16 units (JavaScript, Java).")
@click.option("--scheme", type=click.Choice(SCHEMES), default="iob2", show_default=True, help="Token tag scheme.")
@click.option("--policy", type=click.Choice(POLICIES), default="split", show_default=True,
              help="A span edge inside a token: split the token, expand the span to it, or drop the span.")
@click.option("--split-clitics", is_flag=True, help="Split the proclitics و ف ب ك ل before the article in "
              "token formats (والدار → و الدار).")
@click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every span the export changed (document, span, host token, action) here as TSV.")
@click.option("--split", "split_spec", metavar="NAME=SHARE,...",
              help="Split by document into files named after the parts, e.g. train=0.8,dev=0.1,test=0.1 "
                   "(-o out.conll writes out.train.conll, out.dev.conll, out.test.conll).")
@click.option("--seed", type=int, default=0, show_default=True, help="With --split: the shuffle's seed.")
@click.option("--misc-key", default="NER", show_default=True,
              help="CoNLL-U: the MISC key of entity tags (NE for spacy convert -c conllu).")
@click.option("--speaker", help="With -f quotes: only quotes by this speaker (canonical name or speaker text).")
def export(project: Path, fmt: str, output: Path, annotator: str | None, gold: bool, status: str | None,
           layers: tuple[str, ...], excluded: tuple[str, ...], offset_unit: str, scheme: str, policy: str,
           split_clitics: bool, report_file: Path | None, split_spec: str | None, seed: int, misc_key: str,
           speaker: str | None) -> None:
    """Export PROJECT in a format: offsets in code points unless --offset-unit says otherwise."""
    if gold and annotator:
        raise click.UsageError("--gold and --annotator are exclusive")
    parts = _parse_split(split_spec) if split_spec is not None else None
    if parts is not None and fmt in FOLDER_FORMATS:
        raise click.UsageError(f"--split writes files: not with -f {fmt} (a folder)")
    if parts is not None and str(output) == "-":
        raise click.UsageError("--split writes files: give -o a file name")
    mains = [output] if parts is None else [_split_path(output, name) for name, _ in parts]
    outputs = [("-o", path) for path in mains] + [("--report", report_file)]
    if fmt == "hf":
        outputs += [("-o (its features file)", _hf_features_path(path)) for path in mains]
    check_outputs(outputs, project=project)
    proj = _open(project, readonly=True)
    if gold:
        annotator = GOLD_ANNOTATOR
        if GOLD_ANNOTATOR not in proj.annotators():
            raise click.ClickException(f"{project} has no gold version yet (annotator '{GOLD_ANNOTATOR}')")
    for layer in layers:
        if proj.schema.layer(layer) is None:
            raise click.UsageError(f"no layer {layer!r} in the schema ({', '.join(l.name for l in proj.schema.layers)})")
    if not misc_key.isidentifier():
        raise click.UsageError(f"--misc-key {misc_key!r}: a MISC key is letters, digits and _ only")
    options = ExportOptions(annotator, layers, excluded, status, offset_unit, scheme, policy, split_clitics,
                            misc_key)
    plain = not (layers or excluded or offset_unit != "codepoint" or parts)
    if fmt == "jsonl" and plain:
        records = proj.iter_export(annotator=annotator, status=status, stored_meta=True)
        if str(output) == "-":
            count = write_jsonl(records, _utf8_stdout())
        else:
            with _atomic_file(output) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as out, \
                    _progress(None, "Exporting") as advance:
                count = write_jsonl(_advancing(records, advance), out)
        click.echo(f"Exported {count} record(s) to {output}", err=str(output) == "-")
        _say_if_blind(proj, project)
        return
    if speaker and fmt != "quotes":
        raise click.UsageError("--speaker goes with -f quotes")
    if str(output) == "-":
        raise click.UsageError("standard output ('-') is only for plain jsonl exports")
    report = ExportReport()
    if split_spec is not None:
        for name, ids in _split_documents(proj.document_ids(), parts, seed):
            part_report = ExportReport()
            path = _split_path(output, name)
            with _atomic_file(path) as tmp, _progress(None, f"Exporting {name}") as advance:
                docs = export_documents(proj, options, part_report, only=ids, progress=advance)
                write_format(fmt, docs, tmp, options, part_report, proj, speaker=speaker)
                if fmt == "hf":
                    labels = tmp.with_name(tmp.name.removesuffix(".jsonl") + ".features.json")
                    os.replace(labels, _hf_features_path(path))
            click.echo(f"{name}: {len(ids)} document(s), {part_report.documents} record(s), {part_report.spans} "
                       f"span(s) to {path}")
            report.documents += part_report.documents
            report.spans += part_report.spans
            report.notes += part_report.notes
            report.messages += part_report.messages
    elif fmt in FOLDER_FORMATS:
        if output.is_file() or (output.is_dir() and any(output.iterdir())):
            raise click.ClickException(f"{output}: exists and is not an empty folder")
        with _progress(None, "Exporting") as advance:
            docs = export_documents(proj, options, report, progress=advance)
            write_format(fmt, docs, output, options, report, proj)
    else:
        with _atomic_file(output) as tmp, _progress(None, "Exporting") as advance:
            docs = export_documents(proj, options, report, progress=advance)
            write_format(fmt, docs, tmp, options, report, proj, speaker=speaker)
            if fmt == "hf":  # the features file was written beside the temporary file
                labels = tmp.with_name(tmp.name.removesuffix(".jsonl") + ".features.json")
                os.replace(labels, _hf_features_path(output))
    click.echo(f"Exported {report.documents} document record(s), {report.spans} span(s) as {fmt} to {output}"
               + (" (split)" if split_spec else ""))
    _say_if_blind(proj, project)
    messages = list(dict.fromkeys(report.messages))  # once each
    for message in messages[:MAX_LISTED_ERRORS]:
        click.echo(f"  note: {message}", err=True)
    if len(messages) > MAX_LISTED_ERRORS:
        click.echo(f"  ... and {len(messages) - MAX_LISTED_ERRORS} more note(s)", err=True)
    if report.notes:
        counts = Counter(note.action for note in report.notes)
        click.echo("Spans changed by the export: " + ", ".join(f"{n} {a}" for a, n in sorted(counts.items())),
                   err=True)
        if report_file:
            with report_file.open("w", encoding="utf-8", newline="\n") as out:
                out.write("document\tspan\thost\taction\n")
                for note in report.notes:
                    out.write(f"{note.doc_id}\t{note.span_id}\t{note.host}\t{note.action}\n")
            click.echo(f"Details in {report_file}", err=True)
        else:
            for note in report.notes[:MAX_LISTED_ERRORS]:
                click.echo(f"  {note.doc_id}\t{note.span_id}\t{note.host}\t{note.action}", err=True)
            if len(report.notes) > MAX_LISTED_ERRORS:
                click.echo(f"  ... {len(report.notes) - MAX_LISTED_ERRORS} more (--report FILE lists all)", err=True)


def _parse_split(spec: str) -> list[tuple[str, float]]:
    """``train=0.8,dev=0.1,test=0.1``: names and shares summing to 1. Raises UsageError."""
    parts = []
    for item in spec.split(","):
        name, sep, share = item.strip().partition("=")
        name = name.strip()
        try:
            value = float(share)
        except ValueError:
            value = -1.0
        if not sep or not re.fullmatch(r"[A-Za-z0-9_-]+", name) or not 0 < value <= 1:
            raise click.UsageError(f"--split {spec!r}: each part is NAME=SHARE with a share above 0 (e.g. "
                                   "train=0.8,dev=0.1,test=0.1)")
        parts.append((name, value))
    names = [name for name, _ in parts]
    if len(set(names)) != len(names):
        raise click.UsageError(f"--split {spec!r}: a part is named twice")
    if abs(sum(share for _, share in parts) - 1) > 1e-6:
        raise click.UsageError(f"--split {spec!r}: the shares add up to {sum(s for _, s in parts):g}, not 1")
    return parts


def _split_documents(doc_ids: list[str], parts: list[tuple[str, float]], seed: int) -> list[tuple[str, set[str]]]:
    """Documents shuffled with ``seed`` and cut by the shares (largest remainder): every
    annotator's copy of a document lands in the same part, and the same seed gives the same
    split on any machine."""
    order = sorted(doc_ids)
    random.Random(seed).shuffle(order)
    exact = [share * len(order) for _, share in parts]
    counts = [int(x) for x in exact]
    for k in sorted(range(len(parts)), key=lambda k: exact[k] - counts[k], reverse=True)[:len(order) - sum(counts)]:
        counts[k] += 1
    out, at = [], 0
    for (name, _), count in zip(parts, counts):
        out.append((name, set(order[at:at + count])))
        at += count
    return out


def _split_path(output: Path, name: str) -> Path:
    """out.conll -> out.train.conll; out.jsonl -> out.train.jsonl."""
    return output.with_name(f"{output.stem}.{name}{output.suffix}")


def _utf8_stdout():
    """Standard output for data (JSONL, TSV) in UTF-8 whatever the console's code page: piped
    on Windows it would be cp1252, which cannot write Arabic. (click.get_text_stream did this
    and is deprecated in Click 8.5.)"""
    out = sys.stdout
    if hasattr(out, "reconfigure"):
        try:
            out.reconfigure(encoding="utf-8")
        except (ValueError, OSError):
            pass
    return out


def _hf_features_path(output: Path) -> Path:
    return output.with_name(output.name.removesuffix(".jsonl") + ".features.json")


@contextmanager
def _atomic_file(output: Path):
    """A temporary path beside ``output``, renamed onto it when the block succeeds: an
    interrupted export never leaves half a file (see :func:`replaced_when_done`)."""
    if output.is_dir():
        raise click.ClickException(f"{output}: a folder; give a file name")
    if not output.resolve().parent.is_dir():
        raise click.ClickException(f"{output.parent}: no such folder")
    with replaced_when_done(output) as tmp:
        yield tmp


def _advancing(records, advance):
    for record in records:
        advance()
        yield record


# ----------------------------------------------------------------------------- list / stats / show


@cli.command("list")
@project_argument
@click.option("--table/--plain", "as_table", default=None,
              help="A table (default on a terminal, up to --limit rows) or tab-separated lines (default when "
                   "piped; every document, streamed).")
@click.option("--limit", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Rows of the table; the plain output lists every document.")
def list_(project: Path, as_table: bool | None, limit: int) -> None:
    """List PROJECT's documents: length (code points) and status per annotator."""
    proj = _open(project, readonly=True)
    annotators = proj.annotators()
    if as_table is None:
        as_table = sys.stdout.isatty()
    if not as_table:
        # Tab-separated, one line per document, read and written as it goes: 100,000 documents
        # in a fraction of a second and flat memory, ready for cut, sort and spreadsheets.
        out = _utf8_stdout()
        out.write("\t".join(["document", "length", *map(visible, annotators)]) + "\n")
        for doc_id, length, mine in proj.iter_document_rows():
            out.write("\t".join([visible(doc_id), str(length), *(mine.get(n, "—") for n in annotators)]) + "\n")
        out.flush()
        _say_if_blind(proj, project)
        return
    rows, statuses = proj.document_rows()
    from rich.table import Table

    table = Table(title=f"{visible(str(project))} — {len(rows)} document(s)")
    table.add_column("document")
    table.add_column("length", justify="right")
    for name in annotators:
        table.add_column(visible(name))
    for doc_id, length in rows[:limit]:
        mine = statuses.get(doc_id, {})
        table.add_row(visible(doc_id), str(length), *(mine.get(name, "—") for name in annotators))
    if annotators:
        done = [sum(1 for d, _ in rows if statuses.get(d, {}).get(name) == "done") for name in annotators]
        table.add_section()
        table.add_row("done", "", *(f"{n}/{len(rows)}" for n in done))
    _console().print(table)
    if len(rows) > limit:
        click.echo(f"… {len(rows) - limit} more; `annotator list {project} --plain` lists all", err=True)
    _say_if_blind(proj, project)


@cli.command()
@project_argument
def stats(project: Path) -> None:
    """Counts of PROJECT's spans per layer, label and annotator, relations and statuses."""
    from rich.table import Table

    proj = _open(project, readonly=True)
    data = proj.stats()
    annotators = proj.annotators()
    console = _console()
    console.print(f"{visible(str(project))}: {data['documents']} document(s), {len(annotators)} annotator(s)")
    spans = Table(title="Spans")
    spans.add_column("layer")
    spans.add_column("label")
    for name in annotators:
        spans.add_column(visible(name), justify="right")
    for layer in proj.schema.layers:
        for label in layer.labels:
            counts = [data["spans"].get((layer.name, label.name, name), 0) for name in annotators]
            spans.add_row(layer.name, label.name, *map(str, counts))
    console.print(spans)
    relations = Table(title="Relations")
    relations.add_column("type")
    for name in annotators:
        relations.add_column(visible(name), justify="right")
    for rel in proj.schema.relations:
        relations.add_row(rel.name, *(str(data["relations"].get((rel.name, name), 0)) for name in annotators))
    console.print(relations)
    status = Table(title="Documents by status")
    status.add_column("annotator")
    for state in STATUSES:
        status.add_column(state, justify="right")
    total = data["documents"]
    for name in annotators:
        counts = {state: data["status"].get((name, state), 0) for state in STATUSES}
        counts["new"] += total - sum(counts.values())  # no stored status means new
        status.add_row(visible(name), *(str(counts[state]) for state in STATUSES))
    console.print(status)


@cli.command()
@project_argument
@click.argument("doc_id", metavar="DOC")
@click.option("--annotator", help="Whose spans to mark (default: the only annotator, or none).")
@click.option("--layer", "layers", multiple=True, help="Only these layers (repeatable).")
@click.option("--bidi/--no-bidi", default=True, show_default=True,
              help="Reorder and shape Arabic for terminals without bidi support; --no-bidi for terminals that do it.")
@click.option("--width", type=int, default=None, help="Line width (default: the terminal's).")
def show(project: Path, doc_id: str, annotator: str | None, layers: tuple[str, ...], bidi: bool,
         width: int | None) -> None:
    """Print document DOC of PROJECT with its spans marked as [text]LABEL."""
    from annotator.terminal import display, render

    proj = _open(project, readonly=True)
    text = proj.text(doc_id)
    if annotator is None:
        workers = sorted({s.annotator for s in proj.spans(doc_id)})
        if len(workers) > 1:
            raise click.UsageError(f"document {doc_id!r} has spans by {', '.join(workers)}: choose one with --annotator")
        annotator = workers[0] if workers else None
    spans = proj.spans(doc_id, annotator) if annotator else []
    if layers:
        spans = [s for s in spans if s.layer in layers]
    width = width or max(20, shutil.get_terminal_size((100, 24)).columns - 1)
    click.echo(visible(f"{doc_id} — {len(text)} code points"
                       + (f" — {annotator}: {len(spans)} span(s)" if annotator else "")))
    if annotator and _hidden_by_blind_annotation(proj, project, doc_id, annotator):
        click.echo(visible(f"(blind annotation: {annotator}'s work on {doc_id} shows to you once you and they have "
                           "both marked it done)"))
    click.echo("")
    for line in render(text, spans, width=width, bidi=bidi):
        click.echo(visible(line))
    if spans:
        click.echo("")
        for span in spans:
            click.echo(visible(f"  {span.id:>5}  {span.layer:<8} {span.label:<10} {span.start:>6}–{span.end:<6} "
                               f"{display(text[span.start:span.end], bidi)}"
                               + (f"  {span.attrs}" if span.attrs else "")))
        for rel in proj.relations(doc_id, annotator):
            click.echo(visible(f"  {rel.id:>5}  {rel.label}: {rel.from_id} → {rel.to_id}"))


def _blind_to_me(proj: Project, location) -> bool:
    """Whether the server hides others' work from this role: a blind project, read by an
    annotator (not its lead)."""
    return is_server_url(location) and proj.get_setting("blind") == "true" and not proj.is_lead


def _say_if_blind(proj: Project, location) -> None:
    """Where the server hides others' work from this role, say on standard error that what was
    shown leaves it out (else a missing status or span reads as none)."""
    if _blind_to_me(proj, location):
        click.echo("Blind annotation: another annotator's work and status on a document show to you only once you "
                   "and they have both marked it done.", err=True)


def _hidden_by_blind_annotation(proj: Project, location, doc_id: str, annotator: str) -> bool:
    """Whether the server hides ``annotator``'s work on the document from this role: blind to
    it, and not seeing that both have marked it done (the other's status, too, is hidden until
    both have)."""
    return _blind_to_me(proj, location) and annotator != proj.user and not (
        proj.stored_status(doc_id, annotator) == "done" and proj.stored_status(doc_id, proj.user) == "done")


# ----------------------------------------------------------------------------- suggestions


@cli.command()
@project_argument
@click.option("--doc", "doc_ids", multiple=True, help="Only these documents (repeatable; default: all).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the suggestions as native JSONL (\"source\": \"rules\") instead of storing them.")
@click.option("--entities", is_flag=True, help="Also suggest entities wherever a name the project has labelled "
              "occurs (clitics and harakat tolerated).")
@click.option("--no-attribution", is_flag=True, help="Skip the quote/speaker/cue detector.")
@click.option("--model", "model_path", type=click.Path(file_okay=False, path_type=Path),
              help="Also suggest with a model made by `annotator train` (each suggestion with its score; "
              "needs annotator[learn]).")
def suggest(project: Path, doc_ids: tuple[str, ...], output: Path | None, entities: bool, no_attribution: bool,
            model_path: Path | None) -> None:
    """Pre-annotate: rule-based Arabic quote attribution (and entities, and a trained model's
    predictions) as suggestions to review."""
    from annotator.attribution.detector import detect
    from annotator.attribution.suggestions import (
        NameIndex,
        dictionary_spans,
        entity_dictionary,
        suggest_attribution,
        suggest_entities,
    )
    from annotator.formats.jsonl import write_jsonl

    check_outputs([("-o", output)], project=project)
    proj = _open(project, readonly=output is not None)
    known = proj.document_ids()
    missing = [d for d in doc_ids if d not in known]
    if missing:
        raise click.ClickException(f"no such document(s): {', '.join(missing)}")
    targets = list(doc_ids) or known
    model = None
    if model_path is not None:
        from annotator.learn.training import check_schema, load

        model = load(model_path)
        check_schema(model, proj.schema)
    if output is not None:
        dictionary = NameIndex(entity_dictionary(proj) if entities else {})
        with _atomic_file(output) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as out:
            for doc_id in targets:
                text = proj.text(doc_id)
                # (the meta as stored, written as it is read: a column file's long document keeps
                # every token's row there, which parsed took 300-600 MB for a million tokens)
                meta = proj.meta_to_write_again(doc_id)
                spans, relations = ([], []) if no_attribution else detect(text, doc_id)
                spans += dictionary_spans(text, doc_id, "suggest", dictionary, first_id=len(spans))
                write_jsonl([{"id": doc_id, "text": text, "meta": meta, "source": "rules",
                              "spans": [{"id": s.id, "start": s.start, "end": s.end, "layer": s.layer,
                                         "label": s.label, "attrs": s.attrs} for s in spans],
                              "relations": [{"id": r.id, "label": r.label, "from": r.from_id, "to": r.to_id}
                                            for r in relations]}], out)
                if model is not None:  # a second record: the model's (scores are kept only in a project)
                    from annotator.learn.training import predict_scored

                    predicted, _scores, _doubt = predict_scored(model, text, doc_id)
                    write_jsonl([{"id": doc_id, "text": text, "meta": meta, "source": "model", "spans": [
                        {"id": s.id, "start": s.start, "end": s.end, "layer": s.layer, "label": s.label}
                        for s in predicted]}], out)
        click.echo(f"Wrote suggestions for {len(targets)} document(s) to {output}")
        return
    added = 0 if no_attribution else suggest_attribution(proj, targets)
    if entities:
        added += suggest_entities(proj, targets)
    if model is not None:
        from annotator.learn.training import suggest_with_model

        with _progress(len(targets), "Suggesting with the model") as advance:
            added += suggest_with_model(proj, model, targets, progress=lambda _f: advance())
    click.echo(f"Stored {added} new suggestion(s) in {len(targets)} document(s); review them in the window "
               "(accept: Enter) or they stay pending")


@cli.command()
@project_argument
@click.option("--layer", "layers", multiple=True,
              help="Learn this layer (repeatable; default: entity, quote, speaker, cue where annotated).")
@click.option("--annotator", default=None, help="Learn from this annotator's done documents only.")
@click.option("--gold", "gold_only", is_flag=True, help="Learn from the adjudicated gold only.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Model folder (default: beside the project, PROJECT.model; a model there is replaced).")
@click.option("--eval", "show_eval", is_flag=True, help="Print precision, recall and F1 per label on the held-out "
              "documents.")
@click.option("--held-out", type=click.FloatRange(0, 0.9), default=0.2, show_default=True,
              help="Share of the documents held out to score the model (0: none).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the held-out choice and the training.")
@click.option("--epochs", type=click.IntRange(1, 200), default=12, show_default=True)
def train(project: Path, layers: tuple[str, ...], annotator: str | None, gold_only: bool, output: Path | None,
          show_eval: bool, held_out: float, seed: int, epochs: int) -> None:
    """Train a model on the documents marked done (gold where there is one), offline, on the CPU.

    It learns spans of the layers asked for, sub-word spans included (تركيا in لتركيا); a share
    of the documents is held out to score it, then it is trained on all of them and saved with a
    summary (documents, labels, date, held-out scores). Use it with
    `annotator suggest PROJECT --model MODEL`, here or in another project with the same labels.
    """
    from annotator.learn.training import default_model_path
    from annotator.learn.training import train as train_model

    if annotator is not None and gold_only:
        raise click.UsageError("--annotator and --gold exclude each other")
    target = output or default_model_path(project)
    check_outputs([("-o", target)], project=project)
    if target.exists() and (not target.is_dir() or (any(target.iterdir()) and not (target / "model.json").is_file())):
        raise click.ClickException(f"-o {target}: exists and is not a model folder; nothing was written")
    proj = _open(project, readonly=True)
    stages: dict[str, float] = {}

    def progress(stage: str, fraction: float) -> None:
        if sys.stderr.isatty() and stages.get(stage) != round(fraction, 1):
            stages[stage] = round(fraction, 1)
            click.echo(f"\r{stage}: {fraction:4.0%}", err=True, nl=fraction >= 1)

    result = train_model(proj, list(layers) or None, annotator, gold_only, held_out, seed, epochs, progress=progress)
    result.model.save(target)
    info = result.model.info
    click.echo(f"Trained on {info['documents']} document(s) ({info['records']} annotated record(s)) in "
               f"{result.seconds:.1f} s; labels: " + "; ".join(f"{layer}: {', '.join(labels)}"
                                                            for layer, labels in info["labels"].items()))
    if result.scores:
        click.echo(f"Held out {len(result.held_out)} document(s): overlap F1 {result.held_out_f1() or 0.0:.2f} "
                   "over all labels")
    if show_eval:
        if not result.scores:
            click.echo("Nothing held out (fewer than 5 documents, or --held-out 0): no scores.")
        else:
            click.echo(f"{'layer':<10} {'label':<12} {'gold':>5} {'found':>6} {'P':>5} {'R':>5} {'F1':>5} "
                       f"{'P~':>5} {'R~':>5} {'F1~':>5}   (~ = overlap)")
            for (layer, label), s in sorted(result.scores.items()):
                click.echo(visible(f"{layer:<10} {label:<12} {s.gold:>5} {s.found:>6} "
                                   f"{s.precision('exact'):>5.2f} {s.recall('exact'):>5.2f} {s.f1('exact'):>5.2f} "
                                   f"{s.precision('overlap'):>5.2f} {s.recall('overlap'):>5.2f} "
                                   f"{s.f1('overlap'):>5.2f}"))
    click.echo(f"Model saved to {target}")


# ----------------------------------------------------------------------------- teams


@cli.command()
@project_argument
@click.option("--layer", "layers", multiple=True, help="Only these layers (repeatable; default: all).")
@click.option("--annotators", help="Comma-separated annotators to compare (default: everyone with documents).")
@click.option("--all-docs", is_flag=True, help="Compare every document worked on, not only those marked done.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON (keys in the README).")
@click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write an HTML page with tables and charts.")
def agreement(project: Path, layers: tuple[str, ...], annotators: str | None, all_docs: bool, as_json: bool,
              report_file: Path | None) -> None:
    """Inter-annotator agreement: span F1 (exact, overlap), α_U, κ and α on tokens, links."""
    import json

    from annotator.team.agreement import AgreementOptions, compute

    check_outputs([("--report", report_file)], project=project)
    proj = _open(project, readonly=True)
    for layer in layers:
        if proj.schema.layer(layer) is None:
            raise click.UsageError(f"no layer {layer!r} in the schema")
    names = [a.strip() for a in annotators.split(",")] if annotators else None
    with _progress(proj.document_count(), "Measuring agreement") as advance:
        report = compute(proj, AgreementOptions(list(layers) or None, names, not all_docs), advance)
    if report_file:
        from annotator.team.report_html import render

        report_file.write_text(render(report, proj.schema, f"Agreement — {project.name}"), encoding="utf-8")
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        _print_agreement(report, proj.schema)
    if report_file:
        click.echo(f"HTML report written to {report_file}", err=True)


@cli.command()
@project_argument
@click.argument("others", nargs=-1, required=True, type=PROJECT_LOCATION)
@click.option("--prefer", type=click.Choice(["ours", "theirs"]),
              help="On a conflict (same annotator and document, different work): keep ours or take theirs. "
                   "Without it, any conflict stops the merge.")
def merge(project: Path, others: tuple[Path, ...], prefer: str | None) -> None:
    """Merge annotators' copies (OTHERS, opened read-only) into PROJECT; merging again changes nothing."""
    from annotator.team.merge import MergeFailed
    from annotator.team.merge import merge as merge_project

    proj = _open(project)
    for other in others:
        shown = shown_location(other)
        try:
            report = merge_project(proj, other, prefer or "fail")
        except MergeFailed as exc:
            lines = [f"{shown}: nothing merged, {len(exc.problems)} problem(s):"]
            lines += [f"  {p}" for p in exc.problems[:MAX_LISTED_ERRORS]]
            if len(exc.problems) > MAX_LISTED_ERRORS:
                lines.append(f"  ... and {len(exc.problems) - MAX_LISTED_ERRORS} more")
            raise click.ClickException("\n".join(lines)) from None
        click.echo(f"{shown}: {report.documents_added} new document(s), {report.records_added} annotator record(s) "
                   f"added, {report.unchanged} already here" + (f", {len(report.replaced)} replaced by theirs"
                                                                if report.replaced else "")
                   + (f", {len(report.kept)} conflict(s) kept ours" if report.kept else ""))
        for theirs, ours in report.matched_by_text:
            click.echo(f"  document {theirs!r} has the text of our {ours!r}: merged into it")


@cli.command()
@project_argument
@click.argument("annotator_name", metavar="ANNOTATOR")
@click.argument("doc_ids", nargs=-1, metavar="[DOC]...")
@click.option("--count", type=click.IntRange(min=0), help="Assign this many documents not yet assigned to ANNOTATOR, "
              "those with the fewest annotators first.")
def assign(project: Path, annotator_name: str, doc_ids: tuple[str, ...], count: int | None) -> None:
    """Assign documents to ANNOTATOR (status 'new'); `annotator list` shows who has what."""
    if bool(doc_ids) == (count is not None):
        raise click.UsageError("give document ids or --count N (one of the two)")
    proj = _open(project)
    statuses = proj.statuses()
    if count is not None:
        load: dict[str, int] = {}
        for doc_id, _name in statuses:
            load[doc_id] = load.get(doc_id, 0) + 1
        free = [d for d in proj.document_ids() if (d, annotator_name) not in statuses]
        doc_ids = tuple(sorted(free, key=lambda d: load.get(d, 0))[:count])  # sorted() is stable: list order kept
    known = set(proj.document_ids())
    missing = [d for d in doc_ids if d not in known]
    if missing:
        raise click.ClickException(f"no such document(s): {', '.join(missing)}")
    new = [d for d in doc_ids if (d, annotator_name) not in statuses]
    with proj.transaction():
        for doc_id in new:
            proj.set_status(doc_id, annotator_name, "new")
    click.echo(f"Assigned {len(new)} document(s) to {annotator_name}"
               + (f" ({len(doc_ids) - len(new)} already had a status)" if len(new) < len(doc_ids) else ""))


@cli.command()
@project_argument
@click.option("--auto", "auto", is_flag=True, help="Copy into gold every span enough annotators marked identically.")
@click.option("--min-agreement", type=int, help="With --auto: how many annotators must agree (default: all who did "
              "the document).")
@click.option("--take", "take", metavar="ANNOTATOR", help="Accept every remaining difference this annotator marked.")
@click.option("--annotators", help="Comma-separated annotators to adjudicate between (default: everyone).")
@click.option("--all-docs", is_flag=True, help="Use every document worked on, not only those marked done.")
@click.option("--list", "show", is_flag=True, help="List the remaining differences.")
def adjudicate(project: Path, auto: bool, min_agreement: int | None, take: str | None, annotators: str | None,
               all_docs: bool, show: bool) -> None:
    """Build the gold version (annotator 'gold'); the rest is decided in the GUI (File ▸ Adjudicate)."""
    from annotator.team.adjudication import auto_merge, differences, take_all_from
    from annotator.team.eligibility import eligible_by_document

    proj = _open(project, readonly=not (auto or take))
    names = [a.strip() for a in annotators.split(",")] if annotators else None
    if min_agreement is not None and (not auto or min_agreement < 1):
        raise click.UsageError("--min-agreement N (N ≥ 1) goes with --auto")
    if auto:
        with _progress(proj.document_count(), "Merging into gold") as advance:
            report = auto_merge(proj, names, min_agreement, only_done=not all_docs, progress=advance)
        click.echo(f"Auto-merged {report.spans_added} span(s) and {report.relations_added} relation(s) into gold "
                   f"over {report.documents} document(s)" + (f"; {report.skipped_overlaps} overlapping candidate(s) "
                                                             "left to decide" if report.skipped_overlaps else ""))
    if take:
        added, problems = take_all_from(proj, take, names, only_done=not all_docs)
        click.echo(f"Accepted {added} span(s) marked by {take}")
        for problem in problems[:MAX_LISTED_ERRORS]:
            click.echo(f"  not accepted: {problem}", err=True)
        if len(problems) > MAX_LISTED_ERRORS:
            click.echo(f"  ... and {len(problems) - MAX_LISTED_ERRORS} more not accepted", err=True)
    remaining = 0
    eligible = eligible_by_document(proj, names, not all_docs)
    for doc_id in proj.document_ids():
        who = eligible.get(doc_id, [])
        if len(who) < 2:
            continue
        left = differences(proj, doc_id, who)
        remaining += len(left)
        if show and left:
            text = proj.text(doc_id)
            click.echo(visible(f"{doc_id}:"))
            for c in left:
                click.echo(visible(f"  {c.layer:<8} {c.label:<10} {c.start:>6}–{c.end:<6} {display(text[c.start:c.end])}"
                                   f"   by {', '.join(c.annotators)}"))
    click.echo(f"{remaining} difference(s) left to decide")


def _print_agreement(report: dict, schema) -> None:
    from rich.table import Table

    console = _console()
    console.print(f"Annotators: {visible(', '.join(report['annotators'])) or '—'}; documents compared: {report['documents']} "
                  f"({'marked done' if report['only_done'] else 'all worked on'})")
    if "undefined" in report:
        console.print(visible(report["undefined"]), style="red")
        return
    console.print(f"Token measures: {report['tokenizer']}; {report['scheme']}.")
    footnotes: list[str] = []

    def cell(score: dict) -> str:
        if score.get("value") is None:
            footnotes.append(score.get("undefined", "undefined"))
            return f"undefined[{len(footnotes)}]"
        text = f"{score['value']:.3f}"
        return text + (f" ±{score['sd']:.3f}" if "sd" in score else "")

    measures = (("f1_exact", "F1 exact"), ("f1_overlap", "F1 overlap"), ("alpha_u", "α_U"), ("kappa", "κ"),
                ("alpha_nominal", "α nominal"))
    for layer, data in report["layers"].items():
        layer_schema = schema.layer(layer)
        table = Table(title=f"{layer_schema.en} ({display(layer_schema.ar)})")
        table.add_column("pair")
        table.add_column("docs", justify="right")
        for _, title in measures:
            table.add_column(title, justify="right")
        for pair, entry in data["pairs"].items():
            table.add_row(visible(pair.replace("|", " × ")), str(entry["documents"]),
                          *(cell(entry[k]) for k, _ in measures))
        overall = data["overall"]
        table.add_section()
        table.add_row("all", str(overall["documents_all_annotators"]), *(cell(overall[k]) for k, _ in measures))
        console.print(table)
        labels = Table(title=f"{layer_schema.en}: per label (mean over pairs)")
        for column in ("label", "", "F1 exact", "F1 overlap"):
            labels.add_column(column, justify="right" if column.startswith("F1") else "left")
        for label in layer_schema.labels:
            per_pair = data["labels"].get(label.name, {})
            means = []
            for key in ("f1_exact", "f1_overlap"):
                values = [s[key]["value"] for s in per_pair.values() if s.get(key, {}).get("value") is not None]
                means.append(f"{sum(values) / len(values):.3f}" if values else "—")
            labels.add_row(label.name, display(label.ar), *means)
        console.print(labels)
    for link, data in report.get("links", {}).items():
        console.print(f"Links {link} of matched quotes: " + ", ".join(
            f"{visible(pair.replace('|', ' × '))} {cell(score)}" for pair, score in data["pairs"].items()))
    for name, per_pair in report.get("attributes", {}).items():
        console.print(f"Attribute {name} of matched quotes: " + ", ".join(
            f"{visible(pair.replace('|', ' × '))} κ {cell(data['kappa'])}" for pair, data in per_pair.items()))
    for n, note in enumerate(footnotes, 1):
        console.print(f"[{n}] {note}")


# ----------------------------------------------------------------------------- GUI


_language_option = click.option("--lang", "language", type=click.Choice(["en", "ar"]),
                                help="Interface language (default: the last one chosen, else the system's).")


def _display_problem() -> str | None:
    """Why no window can be shown here, or None. Only Linux/BSD need an X or Wayland server."""
    if sys.platform.startswith(("linux", "freebsd", "openbsd")):
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")):
            return ("no display available (neither DISPLAY nor WAYLAND_DISPLAY is set). Run it in a desktop "
                    "session, under Xvfb (xvfb-run annotator ...), or use --screenshot FILE to render to a PNG.")
    return None


def _run_gui(project: Path | None, doc_id: str | None, screenshot: Path | None, language: str | None,
             annotator: str | None = None) -> None:
    if screenshot is not None and not os.environ.get("QT_QPA_PLATFORM") and _display_problem():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen
    problem = _display_problem()
    if problem:
        raise click.ClickException(problem)
    try:
        from annotator.gui.app import run
    except ImportError as exc:
        if not (exc.name or "").startswith(("PySide6", "shiboken6")):
            raise
        raise click.ClickException(f"the GUI needs PySide6, which could not be loaded: {exc}") from None
    sys.exit(run(project, doc_id=doc_id, screenshot=screenshot, language=language, annotator=annotator))


@cli.command()
@click.argument("project", required=False, type=PROJECT_LOCATION)
@click.option("--doc", "doc_id", help="Open this document.")
@click.option("--screenshot", type=click.Path(dir_okay=False, path_type=Path),
              help="Render the window to this PNG and exit (works without a display).")
@_language_option
@click.option("--annotator", help="Work as this annotator (default: the name last used on this computer).")
def gui(project: Path | None, doc_id: str | None, screenshot: Path | None, language: str | None,
        annotator: str | None) -> None:
    """Open the annotation window, on PROJECT if given."""
    if project is not None and not is_server_url(project) and not project.is_file():
        raise click.ClickException(f"{project}: no such project file (create one with 'annotator init {project}')")
    if annotator is not None:
        from annotator.core.input_checks import name_problem

        problem = name_problem(annotator, "--annotator")
        if problem:
            raise click.UsageError(problem)
        if annotator == GOLD_ANNOTATOR:
            raise click.UsageError(f"--annotator {GOLD_ANNOTATOR}: the adjudicated version's name; work on it with "
                                   "Team ▸ Adjudicate in the window")
    _run_gui(project, doc_id, screenshot, language, annotator)


@cli.command()
@click.option("--screenshot", type=click.Path(dir_okay=False, path_type=Path),
              help="Render the window to this PNG and exit (works without a display).")
@click.option("--doc", "doc_id", help="Open this document.")
@_language_option
def demo(screenshot: Path | None, doc_id: str | None, language: str | None) -> None:
    """Open the bundled sample project (created in your user data folder the first time)."""
    from annotator.sample import ensure_sample_project

    path = ensure_sample_project()
    click.echo(f"Sample project: {path}", err=True)
    _run_gui(path, doc_id, screenshot, language)
