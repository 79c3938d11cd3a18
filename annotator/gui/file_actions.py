"""Projects, files and settings in the window: open/new dialogs, import and export, drag and
drop, the annotator's name, recent projects, saving the layout. A part of
:class:`~annotator.gui.main_window.MainWindow`, in a module of its own."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
)

from annotator.core.direction import isolated
from annotator.core.input_checks import MAX_NAME_LENGTH, first_control_character, name_problem
from annotator.core.model import DEFAULT_IMPORT_ANNOTATOR, GOLD
from annotator.core.schema import OpenSchema, extend_schema
from annotator.formats.jsonl import line_count, write_jsonl
from annotator.formats.registry import detect, readers, unmarked_sentences
from annotator.formats.text import DEFAULT_GLOB
from annotator.gui.keyboard_help import KeyboardHelp
from annotator.gui.plain_message import ask, inform, warn, without_mnemonic
from annotator.gui.progress import Cancelled, Progress
from annotator.store.bulk import CheckOptions, ImportFailed, import_records
from annotator.store.reading_worker import READ_AHEAD_FORMATS, input_sizes, read_checked
from annotator.outputs import OutputRefused, check_output, replaced_when_done
from annotator.store.location import is_server_url, project_location, shown_url
from annotator.store.project import Project, ProjectError
from annotator.store.storage_errors import explain_os_error


MAX_RECENT = 8


class FileActions:
    """Methods of MainWindow (see its module for the state they use)."""

    # ================================================================== dialogs, import/export

    def ask_annotator(self) -> None:
        if not self.interactive:
            return
        name, ok = QInputDialog.getText(self, self.tr("Annotator"),
                                        self.tr("Your name as an annotator (kept on this computer):"),
                                        text=self.annotator)
        if ok and name.strip():
            self.set_annotator(name.strip())

    def set_annotator(self, name: str) -> bool:
        """Work as ``name`` from now on (remembered on this computer), back from adjudicating or
        viewing another pair first. Refused, with the reason shown, for a name the project
        could not hold or would take for something else: False."""
        problem = self.annotator_name_problem(name)
        if problem:
            self._warn(self.tr("Annotator"), problem)
            return False
        if self.adjudicating_from is not None:  # else "back" would return to the old name
            self.adjudicate_action.setChecked(False)
            self.toggle_adjudication(False)
        self.back_to_my_work()
        self.annotator = name
        self.settings.setValue("annotator/name", name)
        self._show_as_current_annotator()
        return True

    def annotator_name_problem(self, name: str) -> str | None:
        """Why the window cannot work as ``name``, or None. A name with a control character (a
        tab pasted in) was stored, and the project's own export then failed to import anywhere;
        "gold" is the adjudicated version, worked on through Team ▸ Adjudicate."""
        control = first_control_character(name)
        if control:
            return self.tr("A name cannot hold the control character U+{0:04X}.").format(ord(control))
        if len(name) > MAX_NAME_LENGTH:
            return self.tr("A name is at most {0} characters long.").format(MAX_NAME_LENGTH)
        problem = name_problem(name, "The annotator's name")  # (what cannot be typed: a lone surrogate)
        if problem:
            return problem
        if name == GOLD:
            return self.tr("\"{0}\" is the name of the adjudicated version: work on it with Team ▸ Adjudicate.").format(
                GOLD)
        project = self.project
        if project is not None and is_server_url(project.location) and not project.is_lead and name != project.user:
            return self.tr("On this server you work as {0}, the name you connect with.").format(isolated(project.user))
        return None

    def new_project_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New project"), "", self.tr("Projects (*.db)"), options=self._dialog_options())
        if path:
            try:
                Project.create(Path(path)).close()
                self.open_project(Path(path))
            except (ProjectError, OSError) as exc:
                warn(self, self.tr("New project"), str(exc))

    def open_project_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open project"), "", self.tr("Projects (*.db);;All files (*)"), options=self._dialog_options())
        if path:
            self.open_project_or_warn(Path(path))

    def open_url_dialog(self) -> None:
        """A project on a PostgreSQL server. The password is best kept out of the URL (in the
        user's pgpass file or PGPASSWORD): a URL is remembered among the recent projects
        without it."""
        url, ok = QInputDialog.getText(
            self, self.tr("Open URL"),
            self.tr("The project's database, as postgresql://user@host/database:"), text="postgresql://")
        url = url.strip()
        if not ok or not url:
            return
        if not is_server_url(url):
            warn(self, self.tr("Open URL"), self.tr("{0} is not a postgresql:// URL.").format(isolated(url)))
            return
        self.open_project_or_warn(url)

    def open_project_or_warn(self, path: Path | str) -> None:
        on_server = is_server_url(path)
        if on_server:  # a server out of reach takes up to its connect timeout (10 s) to say so
            connecting = self.tr("Connecting to {0}…").format(isolated(shown_url(path)))
            self.statusBar().showMessage(connecting)
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            QApplication.processEvents()
        try:
            try:
                self.open_project(path)
            finally:
                if on_server:
                    QApplication.restoreOverrideCursor()
                    if self.statusBar().currentMessage() == connecting:
                        self.statusBar().clearMessage()
        except ProjectError as exc:
            warn(self, self.tr("Open project"), str(exc))

    def import_dialog(self) -> None:
        """Files chosen by a person; the file type chosen with them says their format, as
        `annotator import --format` does (a doccano export named .json, a CoNLL-U file named
        .txt), and the first and last types find it from each file."""
        filters = self.import_file_types()
        paths, chosen = QFileDialog.getOpenFileNames(self, self.tr("Import files"), "",
                                                     ";;".join(name for name, _ in filters),
                                                     options=self._dialog_options())
        if paths:
            self.import_paths([Path(p) for p in paths], fmt=dict(filters).get(chosen, "auto"))

    def import_file_types(self) -> list[tuple[str, str]]:
        """File ▸ Import's file types, each with the format it reads (auto: found from each file)."""
        return [
            (self.tr("Documents and annotations, format found from each file") +
             " (*.txt *.jsonl *.conll *.conllu *.json *.xmi *.tsv *.zip *.ann)", "auto"),
            (self.tr("Plain text") + " (*.txt)", "text"),
            (self.tr("Native JSONL") + " (*.jsonl)", "jsonl"),
            ("CoNLL (*.conll *.txt *.tsv *.iob *.iob2 *.bio *.bioes *.ner)", "conll"),
            ("CoNLL-U (*.conllu *.txt)", "conllu"),
            ("brat (*.ann)", "brat"),
            ("doccano JSONL (*.jsonl *.json)", "doccano"),
            ("Prodigy JSONL (*.jsonl)", "prodigy"),
            ("Label Studio JSON (*.json)", "labelstudio"),
            ("INCEpTION UIMA CAS XMI (*.xmi *.zip)", "inception-xmi"),
            ("WebAnno TSV (*.tsv *.zip)", "webanno-tsv"),
            (self.tr("All files, format found from each file") + " (*)", "auto"),
        ]

    def import_paths(self, paths: list[Path], encoding: str | None = None, extend: bool = False,
                     snap: bool = False, fmt: str = "auto", sentences_per_document: int | None = None) -> str:
        """Import files or folders in ``fmt`` (auto: each as `annotator import --format auto`
        finds it), all or nothing; returns the message shown.
        ``encoding``: text files' when not UTF-8 (asked for when they read as Arabic in cp1256).
        ``extend``: first add to the schema the layers, labels, attributes and link types the
        files use (asked for when they use some it lacks), in one transaction with the import.
        ``snap``: widen span edges that split a letter from its harakat (asked for when some do).
        ``sentences_per_document``: a column file's documents end after so many sentences, 0 for
        as the file marks them (asked for when a file marks none in more than that many)."""
        if self.project is None:
            return ""
        by_format: dict[str, list[Path]] = {}
        for path in paths:  # auto: the same detection as `annotator import --format auto`
            by_format.setdefault(detect(path) if fmt == "auto" else fmt, []).append(path)
        if sentences_per_document is None:
            sentences_per_document = self._ask_sentences_per_document(by_format)

        schema, default = self.project.schema, self.annotator or DEFAULT_IMPORT_ANNOTATOR

        def records(used, read_ahead: bool = True):
            for fmt, fmt_paths in by_format.items():
                # Several doccano files: each is its user's (doccano exports USER.jsonl with no user in
                # it), as `import --annotator-from-file-name`; one alone is the window's annotator's.
                read = readers(fmt, DEFAULT_GLOB, encoding=encoding,
                               annotator_from_file_name=fmt == "doccano" and len(fmt_paths) > 1,
                               sentences_per_document=sentences_per_document or None)
                if fmt in READ_AHEAD_FORMATS and read_ahead:
                    # A large file is parsed and checked by a second process while this one
                    # writes, as `annotator import` does; started fresh (spawn), not forked
                    # from a process running Qt's threads.
                    yield from read_checked(partial(read, fmt_paths, used, default), input_sizes(fmt_paths),
                                            used, CheckOptions(snap=snap), start_method="spawn",
                                            into_a_server=is_server_url(self.project.location))
                else:
                    yield from read(fmt_paths, used, default)

        sources = []
        retry = added = None
        progress = Progress(self, self.tr("Importing…"), self.tr("Cancel"), self.tr("Import"),
                            sum(line_count(p) for p in paths) if set(by_format) == {"jsonl"} else 0)
        try:
            if extend:  # as `annotator import --extend-schema`: a failed import leaves the schema
                with self.project.transaction():
                    try:
                        layer = "entity" if schema.layer("entity") else schema.layers[0].name
                        sources.append(records(OpenSchema(schema, layer), read_ahead=False))
                        extended, added = extend_schema(schema, sources[-1], (), layer)
                        if added:
                            self.project.set_schema(extended)
                        sources.append(records(self.project.schema))
                        report = import_records(self.project, sources[-1], progress=progress.advance, snap=snap)
                    except BaseException:
                        self.project.forget_schema()
                        raise
            else:
                sources.append(records(schema))
                report = import_records(self.project, sources[-1], progress=progress.advance, snap=snap)
        except Cancelled:
            return self._warn(self.tr("Import"), self.tr("Import cancelled: nothing was imported."))
        except ProjectError as exc:
            return self._warn(self.tr("Import"), str(exc))
        except ImportFailed as exc:
            message = self.tr("Nothing was imported:") + "\n" + "\n".join(
                f"{e.source}: {e.reason}" for e in exc.errors[:15])
            legacy = [e.source for e in exc.errors if "Windows-1256" in e.reason]
            lacking = [e for e in exc.errors if "--extend-schema" in e.reason]
            split = [e for e in exc.errors if "splits a grapheme cluster" in e.reason]
            if encoding is None and legacy and "text" in by_format and self.interactive and ask(
                    self, self.tr("Import"),
                    self.tr("{0} is not UTF-8 but reads as Arabic text saved in Windows-1256 (cp1256), as "
                            "Windows wrote Arabic files before UTF-8. Import the text files in that encoding?")
                    .format(isolated(legacy[0]))):
                retry = {"encoding": "cp1256", "extend": extend, "snap": snap}
            elif not extend and lacking and len(lacking) == len(exc.errors) and self.interactive and ask(
                    self, self.tr("Import"),
                    self.tr("The files use labels, layers, attributes or link types the project's schema does not "
                            "have ({0}). Add them to the schema and import the files?")
                    .format(isolated(lacking[0].source + ": " + lacking[0].reason.split(" (import with")[0].split(
                        "; import with")[0]))):  # one isolate: the file and its reason read as one phrase
                retry = {"encoding": encoding, "extend": True, "snap": snap}
            elif not snap and split and len(split) == len(exc.errors) and self.interactive and ask(
                    self, self.tr("Import"),
                    self.tr("Spans of {0} record(s) end between a letter and its harakat ({1}), as a selection in a "
                            "browser can. Widen those spans to the whole letter and import the files?")
                    .format(len(split), isolated(split[0].source + ": " + split[0].reason))):
                retry = {"encoding": encoding, "extend": extend, "snap": True}
            else:
                if self.interactive:
                    warn(self, self.tr("Import"), message)
                return message
        finally:
            for source in sources:
                source.close()
            progress.close()
        if retry:  # nothing was imported: all of it again, as asked
            return self.import_paths(paths, fmt=fmt, sentences_per_document=sentences_per_document, **retry)
        message = self.tr("Imported {0} new document(s) and {1} span(s); {2} already in the project.").format(
            report.documents_added, report.spans_added, len(report.skipped))
        if added:  # the new layers and labels show in the window's lists and menus
            self.show_schema(self.project.schema)
            message += "\n" + self.tr("Schema extended ({0}): {1}").format(len(added), "; ".join(added[:15]))
        if report.not_carried:
            # Never silent: what could not be carried is shown, not only counted.
            details = "\n".join(f"{source}: {what}" for source, what in report.not_carried[:15])
            message += "\n" + self.tr("Left out or changed ({0}):").format(len(report.not_carried)) + "\n" + details
            if self.interactive:
                inform(self, self.tr("Import"), message)
        self.statusBar().showMessage(message.split("\n")[0], 8000)
        self._fill_annotator_filter()
        self.search_indexer.start(self.project)  # the new documents join the text index
        self.refresh_documents()
        if self.doc_id is None and self.doc_list.count():
            self.doc_list.setCurrentRow(0)
        return message

    # A column file that marks no documents in more sentences than this is asked about: as one
    # document it is held whole (a million tokens: 0.2-0.4 GB to import, 0.5-1.2 GB to export
    # as tokens) and slow to annotate.
    LONG_DOCUMENT_SENTENCES = 1000

    def _ask_sentences_per_document(self, by_format: dict[str, list[Path]]) -> int:
        """`import --sentences-per-document` as a question: LONG_DOCUMENT_SENTENCES when the
        person agrees to cut a long unmarked document, else 0 (as the files mark them)."""
        if not self.interactive:
            return 0
        longest = []
        for fmt in ("conll", "conllu"):
            for path in by_format.get(fmt, []):
                try:
                    count = unmarked_sentences(path, fmt) if path.is_file() else 0
                except OSError:
                    count = 0  # the import says what is wrong with the file
                if count > self.LONG_DOCUMENT_SENTENCES:
                    longest.append((count, path))
        if not longest:
            return 0
        count, path = max(longest)
        cut = self.LONG_DOCUMENT_SENTENCES
        question = self.tr("{0} has {1} sentences that it does not divide into documents (no -DOCSTART- or "
                           "# newdoc lines): as one document they are held whole and slow to annotate. Import them "
                           "as documents of {2} sentences each?").format(isolated(path.name), count, cut)
        if len(longest) > 1:
            question += "\n" + self.tr("({0} files are so.)").format(len(longest))
        return cut if ask(self, self.tr("Import"), question) else 0

    def export_dialog(self) -> None:
        if self.project is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export JSONL"), "", self.tr("JSONL (*.jsonl)"), options=self._dialog_options())
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> str:
        """Export native JSONL to ``path`` (never onto the project); returns the message shown.
        Written to a temporary file beside it, renamed when complete: a failed or cancelled
        export leaves nothing behind."""
        try:
            check_output(path, project=self.project.path)
        except OutputRefused as exc:
            return self._warn(self.tr("Export"), str(exc))
        progress = Progress(self, self.tr("Exporting…"), self.tr("Cancel"), self.tr("Export"),
                             self.project.document_count())
        try:
            with replaced_when_done(path) as tmp, open(tmp, "w", encoding="utf-8", newline="\n") as out:
                count = write_jsonl(progress.each(self.project.iter_export(stored_meta=True)), out)
        except Cancelled:
            return self._warn(self.tr("Export"), self.tr("Export cancelled: nothing was written."))
        except OSError as exc:
            return self._warn(self.tr("Export"), explain_os_error(exc))
        finally:
            progress.close()
        message = self.tr("Exported {0} record(s) to {1}").format(count, isolated(str(path)))
        self.statusBar().showMessage(message, 8000)
        return message

    def copy_dialog(self) -> None:
        if self.project is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy"), "", self.tr("Projects (*.db)"),
                                              options=self._dialog_options())
        if path:
            self.copy_project_to(Path(path))

    def copy_project_to(self, path: Path) -> str:
        """Copy the open project to the new file ``path`` (never over a file); returns the
        message shown."""
        try:
            check_output(path, project=self.project.path)
            documents, spans = self.project.copy_to(path)
        except (OutputRefused, ProjectError) as exc:
            return self._warn(self.tr("Save a copy"), str(exc))
        except OSError as exc:
            return self._warn(self.tr("Save a copy"), explain_os_error(exc))
        message = self.tr("Copied the project to {0}: {1} document(s), {2} span(s)").format(isolated(str(path)),
                                                                                            documents, spans)
        self.statusBar().showMessage(message, 8000)
        return message

    def _warn(self, title: str, message: str) -> str:
        self.statusBar().showMessage(message, 15000)
        if self.interactive:
            warn(self, title, message)
        return message

    def show_keyboard_help(self) -> None:
        self.keyboard_help = KeyboardHelp(self)
        self.keyboard_help.show()

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        projects = [p for p in paths if p.suffix.lower() == ".db"]
        if projects:
            self.open_project_or_warn(projects[0])
        elif paths:
            self.import_paths(paths)

    # ================================================================== settings

    def _remember_recent(self, path: Path | str) -> None:
        recent = [p for p in self.settings.value("recent", [], list) or [] if p != str(path)]
        self.settings.setValue("recent", [str(path)] + recent[: MAX_RECENT - 1])
        self._rebuild_recent_menu()

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        for entry in self.settings.value("recent", [], list) or []:
            self._action(self.recent_menu, without_mnemonic(isolated(entry)),
                         lambda checked=False, p=entry: self.open_project_or_warn(project_location(p)))

    def closeEvent(self, event) -> None:
        self._restore_docks()  # the start page's hidden panels are not the user's layout
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue(self._state_key(), self.saveState())
        self._poll.stop()
        self.close_project()
        super().closeEvent(event)
