"""Random sequences of edits made with keys, checked after every step against a simple model:
the stored project holds exactly the spans the model says, and the selected span is the one
the user last touched (none after a delete)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core.model import Document
from annotator.core.offsets import next_boundary
from annotator.store.project import Project

TEXT = "قال المتحدث باسم الشركة زكي أكتورك إن الشركة تلقت طلبات من 12 دولة في أفريقيا وآسيا"
WORDS = [(TEXT.index(w), TEXT.index(w) + len(w)) for w in ("المتحدث", "الشركة", "زكي", "أكتورك", "طلبات", "دولة",
                                                           "أفريقيا", "وآسيا")]
KEYS = {"p": "PER", "o": "ORG", "g": "GPE", "l": "LOC", "m": "MISC"}


@pytest.mark.usefixtures("bundled_fonts")
def test_random_edit_sequences(qapp):
    class Edits(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            from annotator.gui.main_window import MainWindow

            self.folder = tempfile.TemporaryDirectory()
            path = Path(self.folder.name) / "p.db"
            with Project.create(path) as project:
                project.add_documents([Document("d", TEXT)])
            settings_file = QSettings(str(Path(self.folder.name) / "s.ini"), QSettings.Format.IniFormat)
            self.window = MainWindow(settings_file, annotator="tester", interactive=False)
            self.window.resize(1000, 600)
            self.window.open_project(path)
            self.window.open_document("d")
            self.window.show()
            self.view = self.window.view
            self.spans: dict[str, tuple[str, int, int]] = {}  # id -> (label, start, end)
            self.selected: str | None = None
            self.undo: list[tuple[dict, str | None]] = []
            self.redo: list[tuple[dict, str | None]] = []

        def teardown(self):
            self.window.close()
            self.window.deleteLater()
            QApplication.processEvents()
            self.folder.cleanup()

        def _done(self, after_selected: str | None) -> None:
            self.redo.clear()
            self.selected = after_selected

        def _remember(self) -> None:
            self.undo.append((dict(self.spans), self.selected))

        @rule(word=st.sampled_from(WORDS), key=st.sampled_from(sorted(KEYS)))
        def add(self, word, key):
            if any(s[1:] == word for s in self.spans.values()):
                return  # the same span twice is allowed, but its id is not predictable here
            self.view.select_cp(*word)
            before = dict(self.spans)
            QTest.keyClick(self.view, key)
            span = self.view.selected_span()
            assert span is not None and span.id not in before
            self.undo.append((before, self.selected))
            self.spans[span.id] = (KEYS[key], *word)
            self._done(span.id)

        @precondition(lambda self: self.selected is not None)
        @rule(key=st.sampled_from(sorted(KEYS)))
        def relabel(self, key):
            self.view.select_cp(self.view.selection_cp()[1], self.view.selection_cp()[1])  # no text selection
            label, start, end = self.spans[self.selected]
            QTest.keyClick(self.view, key)
            if KEYS[key] != label:
                self._remember()
                self.spans[self.selected] = (KEYS[key], start, end)
                self._done(self.selected)

        @precondition(lambda self: self.selected is not None)
        @rule()
        def grow(self):
            label, start, end = self.spans[self.selected]
            if end >= len(TEXT):
                return
            # Alt+Left in this right-to-left paragraph moves the end forward by one letter.
            QTest.keyClick(self.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
            self._remember()
            self.spans[self.selected] = (label, start, next_boundary(TEXT, end))
            self._done(self.selected)

        @precondition(lambda self: self.selected is not None)
        @rule()
        def delete(self):
            QTest.keyClick(self.view, Qt.Key.Key_Delete)
            self._remember()
            del self.spans[self.selected]
            self._done(None)

        def _travel(self, back: list, forward: list) -> None:
            """Undo (or redo) in the model: restore the snapshot, select the span it touched."""
            forward.append((dict(self.spans), self.selected))
            target, _ = back.pop()
            touched = set(target) ^ set(self.spans) or {k for k in target if target[k] != self.spans.get(k)}
            self.spans = target
            (changed,) = touched
            self.selected = changed if changed in target else None

        @precondition(lambda self: self.undo)
        @rule()
        def undo_last(self):
            self.window.undo_stack.undo()
            self._travel(self.undo, self.redo)

        @precondition(lambda self: self.redo)
        @rule()
        def redo_last(self):
            self.window.undo_stack.redo()
            self._travel(self.redo, self.undo)

        @invariant()
        def stored_project_and_selection_match_the_model(self):
            stored = {s.id: (s.label, s.start, s.end) for s in self.window.project.spans("d", "tester")}
            assert stored == self.spans
            shown = self.view.selected_span()
            assert (shown.id if shown else None) == self.selected
            assert not self.window.last_error

    from hypothesis.stateful import run_state_machine_as_test

    run_state_machine_as_test(Edits, settings=settings(max_examples=25, stateful_step_count=14, deadline=None,
                                                       suppress_health_check=list(HealthCheck)))
