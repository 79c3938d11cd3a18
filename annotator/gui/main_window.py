"""The annotation workbench window.

Layout: documents on the leading side, the document view in the middle, the label palette and
the selected span's attributes on the trailing side, the span table below. Every edit goes
through a core command (annotator/commands.py) wrapped for the undo history of the open
document (gui/undo.py), and is committed to the project file when it is made: there is no save.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QColor, QFont, QIcon, QKeySequence, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QFontDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.commands import AddSpan, Command, DeleteSpan, SetStatus, UpdateSpan
from annotator.core.direction import isolated
from annotator.core.input_checks import first_control_character, name_problem
from annotator.core.model import GOLD, STATUSES, Span, ValidationError
from annotator.core.offsets import next_boundary, previous_boundary, snap_selection, snap_to_words
from annotator.gui.bidi_cells import OwnDirectionDelegate
from annotator.gui.document_list import DocumentList, SearchIndexer, TextSearch
from annotator.gui.document_view import DocumentView
from annotator.gui.find_bar import FindBar
from annotator.gui.plain_message import tooltip, warn, without_mnemonic
from annotator.gui.file_actions import FileActions
from annotator.gui.link_actions import LinkActions
from annotator.gui.model_actions import ModelActions
from annotator.gui.team_actions import TeamActions
from annotator.gui.welcome import WelcomePanel
from annotator.gui.fonts import DEFAULT_FAMILY
from annotator.gui.span_panel import SpanPanel
from annotator.gui.span_table import SpanTableModel
from annotator.gui.team_views import DifferencesPanel
from annotator.gui.undo import UndoHistories, push_command
from annotator.store.location import is_server_url, project_location
from annotator.store.project import Project, ProjectError, ProjectNeedsUpgrade, ProjectReadOnly, StorageError
from annotator.team.adjudication import AcceptCandidate, RejectCandidate

POLL_MS = 1500
# A server project's poll reads only the change notices already on its socket (no query):
# often enough that another annotator's edit shows within a second.
SERVER_POLL_MS = 400
SEARCH_DELAY_MS = 150  # the text search starts this long after the last keystroke
DEFAULT_POINT_SIZE = 18


class MainWindow(FileActions, TeamActions, LinkActions, ModelActions, QMainWindow):
    def __init__(self, settings: QSettings, annotator: str | None = None, interactive: bool = True):
        super().__init__()
        self.settings = settings
        self.interactive = interactive
        self.project: Project | None = None
        self.doc_id: str | None = None
        remembered = settings.value("annotator/name", "", str) or ""
        if name_problem(remembered, "") or remembered == GOLD:  # kept by an older version: asked again
            remembered = ""
        self.annotator = annotator or remembered
        self.last_error = ""
        self._data_version = None
        self._connection_lost = False  # a server project's connection failed at the last poll
        self._spans_loaded = True
        self.compare_with = ""  # another annotator whose spans are overlaid (dashed)
        self.link_from: Span | None = None  # link mode: the span a new link starts from
        self._link_candidates: list[Span] = []
        self._link_index = -1
        self.adjudicating_from: str | None = None  # the annotator to return to after adjudicating
        self.viewing_from: str | None = None  # the annotator to return to after viewing another pair
        self._syncing_selection = False  # an edit is moving the Spans table's rows: not a user's pick
        self.undo_histories = UndoHistories(self)  # one per document and annotator (see there)
        self.setAcceptDrops(True)
        self.setWindowTitle(self.tr("annotator"))
        self._build_view()
        self._build_docks()
        self._build_menus()
        self._build_status_bar()
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.check_external_changes)
        self._poll.start()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:  # first start: most of the screen, the text getting the most room
            screen = self.screen().availableGeometry()
            self.resize(min(1400, int(screen.width() * 0.9)), min(900, int(screen.height() * 0.9)))
        state = settings.value(self._state_key())
        if isinstance(state, QByteArray):
            self.restoreState(state)
        else:
            self._default_layout()
        self.differences_dock.hide()  # only while adjudicating, whatever the saved layout says
        self._docks_before_welcome: dict | None = None
        self._show_welcome()

    def _default_layout(self) -> None:
        """The first-start arrangement: the document keeps most of the window. The two tables
        at the bottom share one dock area as tabs, the Span panel and the adjudication
        Differences share the trailing side as tabs (so the differences list gets the full
        height), and on a laptop screen (1366×768, 1280×720) the docks are narrower. Whatever
        the user arranges next is saved per interface direction."""
        # Side docks run the full height; the bottom tables sit under the document only.
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.quotes_dock, self.table_dock)
        self.tabifyDockWidget(self.attr_dock, self.differences_dock)
        self.table_dock.raise_()
        self.attr_dock.raise_()
        small = self.width() < 1500 or self.height() < 900
        side = (190, 240) if small else (230, 280)
        self.resizeDocks([self.docs_dock, self.labels_dock], list(side), Qt.Orientation.Horizontal)
        self.resizeDocks([self.table_dock], [140 if small else 180], Qt.Orientation.Vertical)
        # The Span panel shares its side with the labels. A quote shows its type and each link
        # on its own rows, which a third of the side left under a scroll bar; a label list has
        # fewer rows than the room it was given.
        side_height = self.height()
        self.resizeDocks([self.labels_dock, self.attr_dock], [side_height * 11 // 20, side_height * 9 // 20],
                         Qt.Orientation.Vertical)

    # ================================================================== building

    def _build_view(self) -> None:
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        self.view = DocumentView(central)
        font = QFont(self.settings.value("view/font", DEFAULT_FAMILY, str))
        font.setPointSize(int(self.settings.value("view/size", DEFAULT_POINT_SIZE)))
        self.view.setFont(font)
        self.view.keyCommand.connect(self._on_key_command)
        self.view.spanClicked.connect(self._on_span_clicked)
        self.view.suggestionClicked.connect(self._on_suggestion_clicked)
        self.view.selectionChangedCp.connect(self._update_status_bar)
        self.view.cursorPositionChanged.connect(self._update_status_bar)
        layout.addWidget(self.view)
        self.find_bar = FindBar(self.view.text, central)
        self.find_bar.matchChosen.connect(self._show_match)
        self.find_bar.closed.connect(self.view.setFocus)
        self.find_bar.hide()
        layout.addWidget(self.find_bar)
        # Before a project is open the window offers one (sample, recent, open, new).
        self.welcome = WelcomePanel(self)
        self.welcome.openSample.connect(self.open_sample_project)
        self.welcome.openProject.connect(self.open_project_dialog)
        self.welcome.openUrl.connect(self.open_url_dialog)
        self.welcome.newProject.connect(self.new_project_dialog)
        self.welcome.openRecent.connect(lambda path: self.open_project_or_warn(project_location(path)))
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(central)
        self.document_page = central
        self.setCentralWidget(self.pages)

    def _build_docks(self) -> None:
        # Dock areas are absolute (not mirrored by the layout direction): documents go on the
        # side where reading starts, the palette on the other.
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        leading = Qt.DockWidgetArea.RightDockWidgetArea if rtl else Qt.DockWidgetArea.LeftDockWidgetArea
        trailing = Qt.DockWidgetArea.LeftDockWidgetArea if rtl else Qt.DockWidgetArea.RightDockWidgetArea
        # Documents
        docs = QWidget(self)
        docs_layout = QVBoxLayout(docs)
        self.doc_search = QLineEdit(docs)
        self.doc_search.setPlaceholderText(self.tr("Search names and text"))
        self.doc_search.textChanged.connect(self._search_changed)
        # Text matches come from a background search, a moment after the last keystroke.
        self.text_search = TextSearch(self)
        self.text_search.found.connect(self._text_search_found)
        self.search_indexer = SearchIndexer(self)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._start_text_search)
        self._text_matches: tuple[str, set[str]] | None = None  # (query, ids) of the last finished search
        self._document_rows: tuple | None = None  # project.document_rows(), until something changes
        self._listed: tuple | None = None  # ((annotator, status filter), rows shown before the search)
        self.status_filter = QComboBox(docs)
        self.status_filter.addItem(self.tr("All documents"), "")
        for status in STATUSES:
            self.status_filter.addItem(self._status_name(status), status)
        self.status_filter.currentIndexChanged.connect(self.refresh_documents)
        self.annotator_filter = QComboBox(docs)
        self.annotator_filter.currentIndexChanged.connect(self.refresh_documents)
        self.doc_list = DocumentList(docs)
        self.doc_list.documentChosen.connect(self.open_document)
        self.progress_label = QLabel(docs)
        self.progress_label.setWordWrap(True)  # a long line must not hold the dock wide
        self.progress_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        for widget in (self.doc_search, self.status_filter, self.annotator_filter, self.doc_list, self.progress_label):
            docs_layout.addWidget(widget)
        self.docs_dock = self._dock(self.tr("Documents"), "documents", docs, leading)

        # Labels: active layer, its labels, visibility of every layer
        labels = QWidget(self)
        labels_layout = QVBoxLayout(labels)
        self.layer_combo = QComboBox(labels)
        self.layer_combo.currentIndexChanged.connect(self._on_layer_changed)
        self.label_list = QListWidget(labels)
        self.label_list.setMinimumHeight(60)
        # A narrow dock wraps a long label name under its hotkey rather than scrolling sideways,
        # which in the Arabic interface cut off the names' start at the list's left edge.
        self.label_list.setWordWrap(True)
        self.label_list.setResizeMode(QListView.ResizeMode.Adjust)
        self.label_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.label_list.itemActivated.connect(lambda item: self.apply_label(item.data(Qt.ItemDataRole.UserRole)))
        self.layer_checks = QWidget(labels)
        self.layer_checks_layout = QVBoxLayout(self.layer_checks)
        self.layer_checks_layout.setContentsMargins(0, 0, 0, 0)
        labels_layout.addWidget(QLabel(self.tr("Active layer"), labels))
        labels_layout.addWidget(self.layer_combo)
        labels_layout.addWidget(self.label_list, 1)
        labels_layout.addWidget(QLabel(self.tr("Visible layers"), labels))
        labels_layout.addWidget(self.layer_checks)
        self.labels_dock = self._dock(self.tr("Labels"), "labels", labels, trailing)

        # Attributes of the selected span
        self.span_panel = SpanPanel(self)
        self.span_panel.attributeChanged.connect(self.set_attribute)
        self.span_panel.removeLink.connect(self.remove_link)
        self.attr_widget = self.span_panel
        # In a scroll area: the panel's width grows with what a span shows (a quote's type box,
        # its links' Remove buttons), and a dock holding it directly widened to that whenever
        # such a span was selected in a dock the user had made narrow, which shrank and reflowed
        # the text under the pointer. Now a narrow dock scrolls instead.
        panel_area = QScrollArea(self)
        panel_area.setWidget(self.span_panel)
        panel_area.setWidgetResizable(True)
        panel_area.setFrameShape(QScrollArea.Shape.NoFrame)
        # No narrower than the panel showing a span's rows without scrolling sideways: in a
        # small window the scroll area alone let the docks' side shrink until no value showed.
        panel_area.setMinimumWidth(self.span_panel.least_width())
        self.attr_dock = self._dock(self.tr("Span"), "attributes", panel_area, trailing)

        # Quotes with their speaker and cue
        self.quotes_table = QTableWidget(self)
        self.quotes_table.setColumnCount(4)
        self.quotes_table.setHorizontalHeaderLabels([self.tr("Quote"), self.tr("Type"), self.tr("Speaker"),
                                                     self.tr("Cue")])
        self.quotes_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.quotes_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.quotes_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.quotes_table.verticalHeader().hide()
        words = OwnDirectionDelegate(self.quotes_table)  # the quote's, the speaker's, the cue's words
        for column in (0, 2, 3):
            self.quotes_table.setItemDelegateForColumn(column, words)
        self.quotes_table.cellClicked.connect(self._on_quote_row)
        self.quotes_dock = self._dock(self.tr("Quotes"), "quotes", self.quotes_table, Qt.DockWidgetArea.BottomDockWidgetArea)

        # Differences while adjudicating
        self.differences = DifferencesPanel(self)
        self.differences.layer_title = lambda name: (self._layer_title(self.project.schema.layer(name))
                                                     if self.project and self.project.schema.layer(name) else name)
        self.differences.label_title = self._label_display
        self.differences.accept.connect(lambda c: self.run(AcceptCandidate(c), self.tr("Accept {0}").format(c.label)))
        self.differences.reject.connect(lambda c: self.run(RejectCandidate(c), self.tr("Reject {0}").format(c.label)))
        self.differences.showRange.connect(self._show_range)
        self.differences_dock = self._dock(self.tr("Differences"), "differences", self.differences, trailing)
        self.differences_dock.hide()

        # Span table
        self.span_model = SpanTableModel(self)
        self.span_model.language = self._language()
        self.span_table = QTableView(self)
        self.span_table.setModel(self.span_model)
        self.span_table.setSortingEnabled(True)
        self.span_table.sortByColumn(3, Qt.SortOrder.AscendingOrder)
        self.span_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.span_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.span_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.span_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.span_table.setItemDelegateForColumn(2, OwnDirectionDelegate(self.span_table))  # the span's words
        self.span_table.verticalHeader().hide()
        self.span_table.selectionModel().currentRowChanged.connect(self._on_table_row)
        self.table_dock = self._dock(self.tr("Spans"), "spans", self.span_table, Qt.DockWidgetArea.BottomDockWidgetArea)

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # for saveState/restoreState
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(file_menu, self.tr("&New project…"), self.new_project_dialog, QKeySequence.StandardKey.New)
        self._action(file_menu, self.tr("&Open project…"), self.open_project_dialog, QKeySequence.StandardKey.Open)
        self._action(file_menu, self.tr("Open &URL…"), self.open_url_dialog)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self._rebuild_recent_menu()
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Import files…"), self.import_dialog, "Ctrl+I")
        self._action(file_menu, self.tr("&Export JSONL…"), self.export_dialog, "Ctrl+E")
        self._action(file_menu, self.tr("Save a &copy…"), self.copy_dialog, "Ctrl+Shift+S")
        file_menu.addSeparator()
        self._action(file_menu, self.tr("Switch &annotator…"), self.ask_annotator)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)

        edit_menu = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self.undo_histories.group.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_histories.group.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        self._action(edit_menu, self.tr("&Find…"), self.show_find_bar, QKeySequence.StandardKey.Find)
        self._action(edit_menu, self.tr("&Delete span"), self.delete_selected_span)
        self._action(edit_menu, self.tr("&Link selected span…"), self.start_link, "Ctrl+L")
        self._action(edit_menu, self.tr("Mark all &occurrences"), self.mark_all_occurrences, "Ctrl+Shift+M")

        view_menu = bar.addMenu(self.tr("&View"))
        self._action(view_menu, self.tr("Zoom &in"), lambda: self.zoom(1), QKeySequence.StandardKey.ZoomIn)
        self._action(view_menu, self.tr("Zoom &out"), lambda: self.zoom(-1), QKeySequence.StandardKey.ZoomOut)
        self._action(view_menu, self.tr("&Font…"), self.choose_font)
        direction_menu = view_menu.addMenu(self.tr("Text &direction"))
        self.direction_group = QActionGroup(self)
        self.direction_actions = {}
        for key, title in (("auto", self.tr("Automatic (first strong character)")),
                           ("rtl", self.tr("Right to left")), ("ltr", self.tr("Left to right"))):
            action = self._action(direction_menu, title, lambda checked=False, k=key: self.set_direction(k))
            action.setCheckable(True)
            self.direction_group.addAction(action)
            self.direction_actions[key] = action
        self.direction_actions["auto"].setChecked(True)
        language_menu = view_menu.addMenu(self.tr("&Language"))
        for code, title in (("en", "English"), ("ar", "العربية")):
            self._action(language_menu, title, lambda checked=False, c=code: self.set_language(c))
        view_menu.addSeparator()
        for dock in (self.docs_dock, self.labels_dock, self.attr_dock, self.table_dock, self.quotes_dock,
                     self.differences_dock):
            view_menu.addAction(dock.toggleViewAction())

        doc_menu = bar.addMenu(self.tr("&Document"))
        self._action(doc_menu, self.tr("Mark &done and open next"), self.mark_done_and_next, "Ctrl+Return")
        self._action(doc_menu, self.tr("Mark &in progress"), lambda: self.set_status("in progress"))
        self._action(doc_menu, self.tr("&Suggest quotes and speakers"), self.suggest_here)
        self._rules_running = None  # (project, document, future) while a long document's rules run
        self._action(doc_menu, self.tr("&Accept all suggestions"), self.accept_all_suggestions, "Ctrl+Shift+Return")
        self._action(doc_menu, self.tr("&Next document"), lambda: self.open_adjacent(1), "Ctrl+PgDown")
        self._action(doc_menu, self.tr("&Previous document"), lambda: self.open_adjacent(-1), "Ctrl+PgUp")

        self._build_suggest_menu(bar)

        team_menu = bar.addMenu(self.tr("&Team"))
        self._action(team_menu, self.tr("&Agreement…"), self.show_agreement)
        self.compare_menu = team_menu.addMenu(self.tr("&Compare with"))
        team_menu.addSeparator()
        self.adjudicate_action = self._action(team_menu, self.tr("A&djudicate (gold version)"), self.toggle_adjudication)
        self.adjudicate_action.setCheckable(True)
        self._action(team_menu, self.tr("Auto-&merge agreed spans into gold"), self.auto_merge_gold)
        self.back_action = self._action(team_menu, self.tr("&Back to my work"), self.back_to_my_work)
        self.back_action.setEnabled(False)

        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&Keyboard"), self.show_keyboard_help, QKeySequence.StandardKey.HelpContents)

    def _action(self, menu, title: str, slot, shortcut=None) -> QAction:
        action = QAction(title, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut) if isinstance(shortcut, str) else shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_status_bar(self) -> None:
        self.status_doc = QLabel(self)
        self.status_annotator = QLabel(self)
        self.status_cursor = QLabel(self)
        # A project that cannot be written is opened read-only: say so all the time.
        self.status_readonly = QLabel(self.tr("Read-only: edits are not possible"), self)
        self.status_readonly.setStyleSheet("color: #b00020; font-weight: bold")
        self.status_readonly.setVisible(False)
        self.status_blind = QLabel(self.tr("Blind annotation"), self)
        self.status_blind.setStyleSheet("color: #5a3e8a; font-weight: bold")
        self.status_blind.setVisible(False)
        self.statusBar().addPermanentWidget(self.status_blind)
        self.status_connection = QLabel(self)
        self.status_connection.setStyleSheet("color: #b00020; font-weight: bold")
        self.status_connection.setVisible(False)
        self.statusBar().addPermanentWidget(self.status_connection)
        self.status_viewing = QLabel(self)
        self.status_viewing.setStyleSheet("color: #8a5a00; font-weight: bold")
        self.status_viewing.setVisible(False)
        self.statusBar().addPermanentWidget(self.status_viewing)
        for widget in (self.status_readonly, self.status_doc, self.status_annotator, self.status_cursor):
            self.statusBar().addPermanentWidget(widget)
        # Ids and names come from other people's files: shown as they are, never as markup
        # (a QLabel takes text that looks like HTML for HTML).
        for label in (self.status_doc, self.status_annotator, self.status_connection, self.status_viewing,
                      self.progress_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self._update_status_bar()

    # ================================================================== project and documents

    def open_project(self, path: Path | str) -> None:
        """Open a project: a file, or a ``postgresql://`` URL. An older project is upgraded only
        when the user agrees (a backup copy is kept); one that cannot be written opens
        read-only, and says so. On a server, an annotator works under their role's name (the
        server lets them write nothing else); the lead keeps the name they chose."""
        if not is_server_url(str(path)):
            path = Path(path)  # a file's path may come as a string (its name is shown below)
        try:
            project = Project.open(path, upgrade=False)
        except ProjectNeedsUpgrade:
            if not self.interactive or QMessageBox.question(
                    self, self.tr("Open project"),
                    self.tr("{0} was made by an older version of annotator. Upgrade it to open it? A copy of the "
                            "current file is kept beside it.").format(isolated(path.name))) != QMessageBox.StandardButton.Yes:
                # Not isolated: this message may end on a terminal (annotator gui --screenshot),
                # which shows the isolate marks as characters.
                raise ProjectError(self.tr("{0} was not opened: it needs an upgrade.").format(path)) from None
            project = Project.open(path, upgrade=True)
        except ProjectReadOnly:
            project = Project.open(path, readonly=True)
        self.close_project()
        self.project = project
        self._document_rows = self._text_matches = self._listed = None
        self.pages.setCurrentWidget(self.document_page)
        self._restore_docks()
        self._data_version = project.data_version()
        self.undo_histories.clear()
        self._remember_recent(project.path)
        on_server = is_server_url(project.location)
        self._poll.setInterval(SERVER_POLL_MS if on_server else POLL_MS)
        if on_server and not project.is_lead and self.annotator != project.user:
            self.annotator = project.user  # not saved as the user's name: it belongs to this server
        self._connection_lost = False
        title = self.tr("annotator — {0}").format(project.path if on_server else path.name)
        self.setWindowTitle(title + (self.tr(" (read-only)") if project.readonly else ""))
        self.status_readonly.setVisible(project.readonly)
        blind = on_server and project.get_setting("blind") == "true"
        self.status_blind.setVisible(blind)
        if blind:  # why another annotator's work is not there (yet)
            self.status_blind.setToolTip(
                self.tr("You see everyone's work: you lead this project.") if project.is_lead else
                self.tr("Another annotator's work on a document shows once you and they have both marked it done."))
        if project.upgrade_backup is not None:
            self.statusBar().showMessage(self.tr("Upgraded; the old file was kept as {0}").format(
                isolated(project.upgrade_backup.name)), 10000)
        self.show_schema(project.schema)
        self._fill_annotator_filter()
        self._rebuild_compare_menu()
        self.refresh_documents()
        if self.doc_list.count() and self.doc_id is None:
            self.doc_list.setCurrentRow(0)
        self.search_indexer.start(project)

    def show_schema(self, schema) -> None:
        """The schema's layers and labels in the view, the active layer list and the visible
        layers (when a project opens, and when an import added to its schema)."""
        self.view.set_schema(schema)
        self.view.language = self._language()
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        for layer in schema.layers:
            self.layer_combo.addItem(self._layer_title(layer), layer.name)
        self.layer_combo.blockSignals(False)
        active = self.settings.value("view/layer", "entity", str)
        index = max(0, self.layer_combo.findData(active))
        self.layer_combo.setCurrentIndex(index)
        self._on_layer_changed(index)
        self._build_layer_checks()

    def close_project(self) -> None:
        self.stop_model_job()
        self.search_indexer.stop()
        if self.project is not None:
            self.project.close()
        self.project = None
        self.doc_id = None
        self.undo_histories.clear()  # its edits were of the project closed
        self._show_welcome()

    def _show_welcome(self) -> None:
        self.welcome.set_recent([p for p in self.settings.value("recent", [], list) or []])
        self.pages.setCurrentWidget(self.welcome)
        # The workbench's panels have nothing to show without a project: the start page gets
        # the window, and the panels come back as they were when a project opens.
        if self._docks_before_welcome is None:
            self._docks_before_welcome = {dock: dock.isHidden() for dock in self._workbench_docks()}
            for dock in self._docks_before_welcome:
                dock.hide()

    def _restore_docks(self) -> None:
        """The panels as they were before the start page hid them."""
        if self._docks_before_welcome is not None:
            for dock, hidden in self._docks_before_welcome.items():
                dock.setHidden(hidden)
            self._docks_before_welcome = None

    def _workbench_docks(self) -> list:
        return [self.docs_dock, self.labels_dock, self.attr_dock, self.quotes_dock, self.table_dock]

    def open_sample_project(self) -> None:
        from annotator.sample import ensure_sample_project

        try:
            path = ensure_sample_project()
        except (ProjectError, OSError) as exc:
            self._warn(self.tr("Open project"), str(exc))
            return
        self.open_project_or_warn(path)
        if self.project is not None and not self.annotator:
            self.ask_annotator()

    def refresh_documents(self, reread: bool = True) -> None:
        """Fill the document list: the status filter, and the search in names (at once) and
        texts (from the background search). ``reread`` re-reads ids and statuses from the
        project (after an edit); a keystroke in the filter does not, and only filters the rows
        already made (100,000 documents in a few milliseconds)."""
        if self.project is None:
            return
        if reread or self._document_rows is None:
            self._document_rows = self.project.document_rows()
            self._listed = None
        who = self.annotator_filter.currentData() or self.annotator
        wanted_status = self.status_filter.currentData()
        if self._listed is None or self._listed[0] != (who, wanted_status):
            rows, statuses = self._document_rows
            names = {status: self._status_name(status) for status in STATUSES}
            done = assigned = 0
            listed = []
            for doc_id, length in rows:
                status = statuses.get(doc_id, {}).get(who)
                if status is not None:
                    assigned += 1
                    done += status == "done"
                status = status or "new"
                if not wanted_status or status == wanted_status:
                    listed.append((doc_id, names[status], length))
            self._listed = ((who, wanted_status), listed)
            self.progress_label.setText(self.tr("{0}: {1} of {2} documents done ({3} assigned or started)").format(
                isolated(who) if who else "—", done, len(rows), assigned))
        listed = self._order_by_doubt(self._listed[1])
        query = self.doc_search.text().strip()
        if query:
            in_texts = self._text_matches[1] if self._text_matches and self._text_matches[0] == query else ()
            listed = [row for row in listed if query in row[0] or row[0] in in_texts]
        self.doc_list.set_rows(listed, self.doc_id)

    def _search_changed(self) -> None:
        self.refresh_documents(reread=False)  # names match at once
        if self.doc_search.text().strip():
            self._search_timer.start()

    def _start_text_search(self) -> None:
        query = self.doc_search.text().strip()
        if self.project is not None and query:
            self.text_search.start(self.project.location, query)

    def _text_search_found(self, _generation: int, query: str, ids: set) -> None:
        if query == self.doc_search.text().strip():
            self._text_matches = (query, ids)
            self.refresh_documents(reread=False)

    def open_document(self, doc_id: str) -> None:
        """Show a document at once with the spans of its first screen; the rest of its spans
        (for the table, Tab and the scrolled view) load right after the first paint."""
        if self.project is None or doc_id is None:
            return
        text = self.project.text(doc_id)  # (not its meta: a column file's every token)
        self.doc_id = doc_id
        self.undo_histories.follow(doc_id, self.annotator)
        direction = self.project.get_setting(f"direction/{doc_id}", "auto")
        self.direction_actions[direction].setChecked(True)
        self.view.set_document(text, [], direction)
        self._spans_loaded = False
        if self.annotator:
            _lo, hi = self.view.visible_range_cp()
            self.view.set_spans(self.project.spans(doc_id, self.annotator, start_before=hi + 1))
        self.span_model.set_content(text, [], self.project.schema)
        QTimer.singleShot(0, lambda: self.ensure_spans_loaded(doc_id))
        self.cancel_link()
        self._refresh_links()
        self._refresh_comparison()
        self.refresh_differences()
        self._show_attributes(None)
        self.find_bar.run()
        self._update_status_bar()
        row = self.doc_list.row_of(doc_id)
        if row >= 0:
            self.doc_list.setCurrentRow(row, quiet=True)

    def ensure_spans_loaded(self, doc_id: str | None = None) -> None:
        """Finish loading the open document's spans (no-op when done or another is open)."""
        if self.project is None or self.doc_id is None or self._spans_loaded:
            return
        if doc_id is not None and doc_id != self.doc_id:
            return
        self._spans_loaded = True
        self.reload_spans()

    def reload_spans(self) -> None:
        """Re-read the open document's spans (after an edit, an undo, or another process)."""
        if self.project is None or self.doc_id is None:
            return
        spans = self.project.spans(self.doc_id, self.annotator) if self.annotator else []
        selected = self.view.selected_span()
        self.view.set_spans(spans)
        self.span_model.set_content(self.view.text(), spans, self.project.schema)
        if selected is not None:
            self.select_span(selected.id, ensure_visible=False)
        self._refresh_links()
        self._data_version = self.project.data_version()

    def check_external_changes(self) -> None:
        """Another process (a CLI import, a second window) committed to the project file."""
        if self.project is None:
            return
        try:
            version = self.project.data_version()
        except ProjectError as exc:  # a server that cannot be reached: said, and tried again at the next poll
            self._show_connection_lost(exc)
            return
        reconnected = self._connection_lost
        if reconnected:
            self._connection_lost = False
            self.status_connection.setVisible(False)
        if version != self._data_version:
            self._data_version = version
            self.search_indexer.start(self.project)  # its new documents join the text index
            self.refresh_documents()
            if self.doc_id is not None and self.doc_id in self.project.document_ids():
                self.reload_spans()
            if reconnected:
                message = self.tr("Connected to the server again; view refreshed.")
            elif is_server_url(self.project.location):
                message = self.tr("Another annotator changed the project; view refreshed.")
            else:
                message = self.tr("The project was changed by another program; view refreshed.")
            self.statusBar().showMessage(message, 5000)

    def _show_connection_lost(self, error: Exception) -> None:
        if not self._connection_lost:
            self._connection_lost = True
            self.status_connection.setText(self.tr("Connection to the server lost — reconnecting…"))
            self.status_connection.setToolTip(tooltip(str(error)))
            self.status_connection.setVisible(True)
        self._data_version = None  # whatever is read next is news: the view is read again

    def open_adjacent(self, step: int) -> None:
        row = self.doc_list.currentRow() + step
        if 0 <= row < self.doc_list.count():
            self.doc_list.setCurrentRow(row)

    # ================================================================== editing

    @property
    def undo_stack(self) -> QUndoStack:
        """The undo history of the open document as the current annotator edits it."""
        return self.undo_histories.active()

    def run(self, command: Command, text: str) -> bool:
        """Run one undoable edit; a refusal is shown, not raised."""
        if self.project is None:
            return False
        if self.viewing_from is not None:
            self.last_error = self.tr("You are looking at {0}'s work; Team ▸ Back to my work to edit.").format(
                isolated(self.annotator))
            self.statusBar().showMessage(self.last_error, 8000)
            return False
        try:
            push_command(self.undo_stack, command, self.project, self._after_edit, text, self.storage_failed)
        except StorageError as exc:
            self.storage_failed(exc)
            return False
        except (ValidationError, ProjectError) as exc:
            self.last_error = str(exc)
            self.statusBar().showMessage(self.tr("Not done: {0}").format(isolated(str(exc))), 8000)
            return False
        self.last_error = ""
        self._mark_started(command)
        return True

    def _mark_started(self, command: Command) -> None:
        """A document becomes "in progress" for its annotator with their first edit."""
        if isinstance(command, SetStatus) or self.doc_id is None or not self.annotator:
            return
        if self.project.stored_status(self.doc_id, self.annotator) in (None, "new"):
            try:
                self.project.set_status(self.doc_id, self.annotator, "in progress")
            except ProjectError as exc:
                self.storage_failed(exc)
                return
            self.refresh_documents()

    def storage_failed(self, error: Exception) -> None:
        """A write the storage refused (lock held too long, read-only file, disk full): say so
        in the window, and show exactly what is stored. The undo history no longer matches
        the file once an undo or redo failed half-way, so it is cleared."""
        self.last_error = str(error)
        self.statusBar().showMessage(self.tr("Not saved: {0}").format(isolated(str(error))), 15000)
        if self.interactive:
            warn(self, self.tr("Not saved"), self.tr("The change was not saved:\n{0}").format(isolated(str(error))))
        QTimer.singleShot(0, self._show_stored_state)

    def _show_stored_state(self) -> None:
        self.undo_histories.clear()
        self.undo_histories.follow(self.doc_id, self.annotator)
        if self.project is not None:
            try:
                self.refresh_documents()
                if self.doc_id is not None:
                    self.reload_spans()
            except ProjectError as exc:
                # The store cannot be read either (a server out of reach): said in the status
                # bar, not by another failure dialog; the poll reads again when it is back.
                self._show_connection_lost(exc)

    def _after_edit(self, command: Command, undone: bool) -> None:
        """Apply one command's effect to the view and table without re-reading every span
        (a document may have 20,000; an edit must repaint within a frame).

        The selection follows the user's intent, not the table's row shuffling: after a
        relabel, resize, attribute change, undo or redo it is the edited span; after a delete
        (or the undo of an add) nothing is selected. Rows the table removes and re-adds must
        not select a neighbour (the next key would edit the wrong span)."""
        with self.view.one_refresh():
            self._show_edit(command, undone)

    def _show_edit(self, command: Command, undone: bool) -> None:
        selected = self.view.selected_span()
        keep = selected.id if selected is not None else None
        self._syncing_selection = True
        try:
            if not self._spans_loaded:
                self.ensure_spans_loaded()  # reads the project as it now is, this edit included
            elif isinstance(command, (AddSpan, DeleteSpan)):
                added = isinstance(command, AddSpan) != undone
                span = command.span
                if span.doc_id == self.doc_id:
                    if added:
                        self.view.add_span(span)
                        self.span_model.add(span)
                    else:
                        self.view.remove_span(span.id)
                        self.span_model.remove(span.id)
                    keep = span.id if added else None
            elif isinstance(command, UpdateSpan):
                doc_id, annotator, span_id = command.key
                if doc_id == self.doc_id:
                    span = self.project.span(doc_id, annotator, span_id)
                    self.view.remove_span(span_id)
                    self.view.add_span(span)
                    self.span_model.remove(span_id)
                    self.span_model.add(span)
                    keep = span_id
            elif isinstance(command, SetStatus):
                self.refresh_documents()
            else:
                self.reload_spans()
        finally:
            self._syncing_selection = False
        if keep is not None and not self.view.spans_by_id([keep]):
            keep = None
        self.select_span(keep, ensure_visible=False)
        if self.adjudicating_from is not None:
            self.refresh_differences()
        self._refresh_links()
        self._data_version = self.project.data_version()

    def _require_annotator(self) -> bool:
        if self.annotator:
            return True
        self.ask_annotator()
        return bool(self.annotator)

    def apply_label(self, label: str) -> None:
        """The label's hotkey: label the selection, or relabel the selected span."""
        self.ensure_spans_loaded()
        if self.project is None or self.doc_id is None or not self._require_annotator():
            return
        layer = self.view.active_layer()
        start, end = self.view.selection_cp()
        if start == end:
            span = self.view.selected_span()
            if span is not None and span.layer == layer and span.label != label:
                self.run(UpdateSpan(self.doc_id, self.annotator, span.id, label=label), self.tr("Relabel span"))
            return
        start, end = self.snap_selection(start, end)
        if start == end:
            return
        span = Span("", self.doc_id, self.annotator, layer, label, start, end, {})
        command = AddSpan(span)
        if self.run(command, self.tr("Add {0}").format(label)):
            self.view.select_cp(end, end)
            self.select_span(command.span.id, ensure_visible=False)

    def snap_selection(self, start: int, end: int) -> tuple[int, int]:
        """Whole words, unless the selection was made with Alt held (sub-word)."""
        return snap_selection(self.view.text(), start, end, self.view.subword_selection())

    def delete_selected_span(self) -> None:
        span = self.view.selected_span()
        if span is not None:
            self.run(DeleteSpan(span.doc_id, span.annotator, span.id), self.tr("Delete {0}").format(span.label))

    def resize_selected_span(self, edge: str, step: int, unit: str) -> None:
        span = self.view.selected_span()
        if span is None:
            return
        text = self.view.text()
        offset = span.start if edge == "start" else span.end
        offset = self._move(text, offset, step, unit)
        start, end = (offset, span.end) if edge == "start" else (span.start, offset)
        if start >= end:
            return
        self.run(UpdateSpan(span.doc_id, span.annotator, span.id, start=start, end=end), self.tr("Resize span"))

    @staticmethod
    def _move(text: str, offset: int, step: int, unit: str) -> int:
        if unit == "grapheme":
            return next_boundary(text, offset) if step > 0 else previous_boundary(text, offset)
        # Word: jump over white space, then to the other end of the next word.
        if step > 0:
            while offset < len(text) and text[offset].isspace():
                offset += 1
            return snap_to_words(text, offset, min(len(text), offset + 1))[1] if offset < len(text) else offset
        while offset > 0 and text[offset - 1].isspace():
            offset -= 1
        return snap_to_words(text, max(0, offset - 1), offset)[0] if offset > 0 else 0

    def next_span(self, step: int) -> None:
        self.ensure_spans_loaded()
        spans = [s for s in self.view.spans() if s.layer == self.view.active_layer()]
        if not spans:
            return
        current = self.view.selected_span()
        ids = [s.id for s in spans]
        index = (ids.index(current.id) + step) % len(spans) if current and current.id in ids else (0 if step > 0 else -1)
        self.select_span(spans[index].id)

    def select_span(self, span_id: str | None, ensure_visible: bool = True, *, from_table: bool = False) -> None:
        """Select ``span_id`` in the text, the Span panel and the Spans table. ``from_table``: the
        user chose it in the table, which has selected its row already; scrolling the table then,
        between the mouse's press and release on a row half in sight, made the release select
        the row below (the table showed one span, the text and the panel another)."""
        self.view.set_selected_span(span_id, ensure_visible)
        span = self.view.selected_span()
        self._show_attributes(span)
        self._select_quote_row(span_id)
        if from_table:
            return
        row = self.span_model.row_of(span_id) if span_id else -1
        self.span_table.blockSignals(True)
        self.span_table.selectionModel().blockSignals(True)
        if row >= 0:
            # Not QTableView.selectRow: in a right-to-left table it takes the column at the
            # viewport's left edge, one pixel past the last column, finds none and selects
            # nothing (the Arabic interface's Spans table never showed the selected span).
            self.span_table.selectionModel().setCurrentIndex(
                self.span_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.span_table.scrollTo(self.span_model.index(row, 0))
        else:
            self.span_table.clearSelection()
        self.span_table.selectionModel().blockSignals(False)
        self.span_table.blockSignals(False)
        self.span_table.viewport().update()  # the selection changed with its signals blocked

    def _select_quote_row(self, span_id: str | None) -> None:
        """The Quotes table follows the selection: the selected quote's row, or none."""
        rows = getattr(self, "_quote_rows", [])
        row = next((k for k, quote in enumerate(rows) if quote.id == span_id), -1) if span_id else -1
        selection = self.quotes_table.selectionModel()
        if row < 0:
            selection.clearSelection()
            return
        index = self.quotes_table.model().index(row, 0)
        # The selection model, not selectRow (which selects nothing in a mirrored table).
        selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                  | QItemSelectionModel.SelectionFlag.Rows)
        self.quotes_table.scrollTo(index)

    def set_attribute(self, name: str, value: str) -> None:
        span = self.view.selected_span()
        if span is None:
            return
        attrs = dict(span.attrs)
        control = first_control_character(value)
        if control:  # pasted from a terminal or a binary file: shown as nothing, never meant
            self.statusBar().showMessage(self.tr("A value cannot hold the control character U+{0:04X}.").format(
                ord(control)), 8000)
            self.span_panel.revert(name)
            return
        if value:
            attrs[name] = value
        else:
            attrs.pop(name, None)
        if attrs != span.attrs and not self.run(UpdateSpan(span.doc_id, span.annotator, span.id, attrs=attrs),
                                                self.tr("Set {0}").format(name)):
            self.span_panel.revert(name)  # refused: the stored value, not the one chosen

    def set_status(self, status: str) -> None:
        if self.doc_id is not None and self._require_annotator():
            self.run(SetStatus(self.doc_id, self.annotator, status), self.tr("Mark document"))

    def mark_done_and_next(self) -> None:
        if self.doc_id is None or not self._require_annotator():
            return
        ids = self.doc_list.ids()
        position = ids.index(self.doc_id) if self.doc_id in ids else -1
        done_id = self.doc_id
        self.set_status("done")
        ids = [i for i in ids if i != done_id]
        following = ids[position:] + ids[:position] if position >= 0 else ids
        # Next document that is not done yet for this annotator, in list order.
        for doc_id in following:
            if self.project.status(doc_id, self.annotator) != "done":
                self.open_document(doc_id)
                return
        self.statusBar().showMessage(self.tr("Every document is done."), 5000)

    # ================================================================== view options

    def set_direction(self, direction: str) -> None:
        if self.project is None or self.doc_id is None:
            return
        self.project.set_setting(f"direction/{self.doc_id}", direction, document=self.doc_id)
        self.view.set_direction(direction)

    def zoom(self, step: int) -> None:
        font = self.view.font()
        font.setPointSize(max(8, min(72, font.pointSize() + 2 * step)))
        self.view.setFont(font)
        self.settings.setValue("view/size", font.pointSize())

    def choose_font(self) -> None:
        ok, font = QFontDialog.getFont(self.view.font(), self, options=self._font_dialog_options())
        if ok:
            self.view.setFont(font)
            self.settings.setValue("view/font", font.family())
            self.settings.setValue("view/size", font.pointSize())

    def set_language(self, code: str) -> None:
        self.settings.setValue("ui/language", code)
        message = self.tr("The new language is used from the next start.")
        self.statusBar().showMessage(message, 8000)
        if self.interactive:  # (a window without a person to answer shows it in the status bar only)
            QMessageBox.information(self, self.tr("Language"), message)

    def show_find_bar(self) -> None:
        self.find_bar.open_bar()

    def _show_match(self, start: int, end: int) -> None:
        self.view.select_cp(start, end)
        self.view.ensureCursorVisible()

    # ================================================================== docks' contents

    def _on_layer_changed(self, index: int) -> None:
        layer_name = self.layer_combo.itemData(index)
        if layer_name is None or self.project is None:
            return
        self.view.set_active_layer(layer_name)
        self.settings.setValue("view/layer", layer_name)
        layer = self.project.schema.layer(layer_name)
        self.label_list.clear()
        for label in layer.labels:
            title = self._label_title(label)
            text = f"{label.hotkey.upper()}   {title}" if label.hotkey else title
            item = QListWidgetItem(self._swatch(label.color), text)
            item.setData(Qt.ItemDataRole.UserRole, label.name)
            item.setToolTip(tooltip(label.guideline))  # the schema's words, never markup
            self.label_list.addItem(item)

    def _build_layer_checks(self) -> None:
        while self.layer_checks_layout.count():
            self.layer_checks_layout.takeAt(0).widget().deleteLater()
        for layer in self.project.schema.layers:
            box = QCheckBox(without_mnemonic(self._layer_title(layer)), self.layer_checks)
            box.setChecked(self.view.is_layer_visible(layer.name))
            box.toggled.connect(lambda on, name=layer.name: self.view.set_layer_visible(name, on))
            self.layer_checks_layout.addWidget(box)

    def _fill_annotator_filter(self) -> None:
        self.annotator_filter.blockSignals(True)
        self.annotator_filter.clear()
        me = isolated(self.annotator) if self.annotator else "—"
        self.annotator_filter.addItem(self.tr("Status of: me ({0})").format(me), "")
        for name in self.project.annotators():
            if name != self.annotator:
                self.annotator_filter.addItem(self.tr("Status of: {0}").format(isolated(name)), name)
        self.annotator_filter.blockSignals(False)

    def _show_attributes(self, span: Span | None) -> None:
        if span is None or self.project is None:
            self.span_panel.show_span(None)
            return
        label = self.project.schema.layer(span.layer).label(span.label)
        mine = [r for r in self.view.relations() if span.id in (r.from_id, r.to_id)]
        by_id = self.view.spans_by_id([r.from_id for r in mine] + [r.to_id for r in mine])
        text = self.view.text()
        links = []
        for relation in mine:
            other = by_id.get(relation.to_id if relation.from_id == span.id else relation.from_id)
            if other is not None:
                arrow = "→" if relation.from_id == span.id else "←"
                title = self.project.schema.relation_title(relation.label, self._language())
                links.append((relation, f"{title} {arrow} {text[other.start:other.end][:30]}"))
        schema, language = self.project.schema, self._language()
        self.span_panel.show_span(span, label_title=self._label_title(label), attributes=label.attributes,
                                  links=links, completions=lambda name: self.project.attribute_values(span.layer, name),
                                  attribute_title=lambda name: schema.title(name, language),
                                  value_title=lambda _name, value: schema.title(value, language))
        # Viewing another pair's work, editing is off: the panel says so by its controls too.
        self.span_panel.set_editable(self.viewing_from is None)

    def _on_table_row(self, current, _previous) -> None:
        if self._syncing_selection:
            return  # rows moved by an edit, not a row the user chose
        if current.isValid():
            span = self.span_model.span_at(current.row())
            self.select_span(span.id, from_table=True)

    def _on_span_clicked(self, span: Span | None) -> None:
        if self.link_from is not None and self.finish_link(span):
            return
        # A click that made no link (off any span, or on one the span cannot link to) ends
        # link mode and selects as any click does: the text had already moved its selection,
        # and the panel and the tables went on showing the span the link started from.
        self.select_span(span.id if span else None, ensure_visible=False)

    def _on_key_command(self, name: str, argument) -> None:
        with self.view.one_refresh():
            self._key_command(name, argument)

    def _key_command(self, name: str, argument) -> None:
        if self.link_from is not None and name in ("next-span", "enter", "escape"):
            if name == "next-span":
                self._cycle_link_candidate(argument)
            elif name == "enter":
                self.finish_link(self._link_candidates[self._link_index] if self._link_candidates else None)
            else:
                self.cancel_link()
            return
        suggestion = self.view.selected_suggestion()
        if suggestion is not None and name in ("enter", "delete"):
            (self.accept_suggestion if name == "enter" else self.reject_suggestion)(suggestion)
            return
        if name == "label":
            typed, physical = argument
            layer = self.project.schema.layer(self.view.active_layer()) if self.project else None
            hotkeys = {label.hotkey.lower(): label for label in layer.labels if label.hotkey} if layer else {}
            label = hotkeys.get(typed) or hotkeys.get(physical or "")
            if label is not None:
                self.apply_label(label.name)
        elif name == "delete":
            self.delete_selected_span()
        elif name == "next-span":
            self.next_span(argument)
        elif name == "resize":
            self.resize_selected_span(*argument)
        elif name == "escape":
            self.select_span(None, ensure_visible=False)

    def _update_status_bar(self, *args) -> None:
        self.status_doc.setText(self.tr("Document: {0}").format(isolated(self.doc_id) if self.doc_id else "—"))
        self.status_annotator.setText(
            self.tr("Annotator: {0}").format(isolated(self.annotator) if self.annotator else "—"))
        if self.doc_id is None:
            self.status_cursor.setText("")
            return
        start, end = self.view.selection_cp()
        self.status_cursor.setText(self.tr("Offset {0} · selected {1}").format(self.view.cursor_cp(), end - start))

    # ================================================================== helpers

    def _state_key(self) -> str:
        # Dock positions are absolute, so the mirrored UI keeps its own arrangement.
        return "window/state-rtl" if self._arabic_ui() else "window/state-ltr"

    def _show_as_current_annotator(self) -> None:
        """Re-show the list, the open document and the status bar after ``self.annotator``
        changed (another name, adjudicating as gold, back from gold)."""
        if self.project is not None:
            self._fill_annotator_filter()
            self.refresh_documents()
            if self.doc_id:
                self.open_document(self.doc_id)
        self._update_status_bar()

    def _arabic_ui(self) -> bool:
        return self.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def _dialog_options(self) -> QFileDialog.Option:
        # The system's own file dialog speaks the system's language; with the Arabic interface
        # Qt's dialog is used, translated (qtbase_ar) and mirrored like the rest. Its file types
        # show their names only: "(*.txt *.jsonl)" after an Arabic name is laid out right to left,
        # its brackets and stars out of place (the type chosen still names its patterns).
        if self._arabic_ui():
            return QFileDialog.Option.DontUseNativeDialog | QFileDialog.Option.HideNameFilterDetails
        return QFileDialog.Option(0)

    def _font_dialog_options(self) -> QFontDialog.FontDialogOption:
        return QFontDialog.FontDialogOption.DontUseNativeDialog if self._arabic_ui() else QFontDialog.FontDialogOption(0)

    def _language(self) -> str:
        return "ar" if self._arabic_ui() else "en"

    def _layer_title(self, layer) -> str:
        return layer.ar if self._arabic_ui() else layer.en

    def _label_display(self, layer_name: str, label_name: str) -> str:
        layer = self.project.schema.layer(layer_name) if self.project else None
        label = layer.label(label_name) if layer else None
        return ((label.ar if self._arabic_ui() else label.en) or label_name) if label else label_name

    def _label_title(self, label) -> str:
        return f"{label.name} — {label.ar if self._arabic_ui() else label.en}"

    def _status_name(self, status: str) -> str:
        return {"new": self.tr("new"), "in progress": self.tr("in progress"), "done": self.tr("done")}[status]

    @staticmethod
    def _swatch(color: str) -> QIcon:
        pixmap = QPixmap(14, 14)
        pixmap.fill(QColor(color))
        return QIcon(pixmap)
