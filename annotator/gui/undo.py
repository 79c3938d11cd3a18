"""QUndoCommand wrappers: one Qt undo entry per core command (annotator/commands.py).

The core command runs first, outside the stack: if the core refuses it (a validation error),
the error reaches the caller and nothing enters the stack. Then the wrapper is pushed with
its first ``redo()`` skipped, because ``QUndoStack.push`` calls ``redo()`` at once and the
work is already done (and committed).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from annotator.commands import Command
from annotator.core.model import ValidationError
from annotator.store.project import Project, ProjectError


class QtCommand(QUndoCommand):
    def __init__(self, command: Command, project: Project, on_change: Callable[[Command, bool], None], text: str,
                 on_error: Callable[[Exception], None] | None = None):
        super().__init__(text)
        self.command = command
        self._project = project
        self._on_change = on_change
        self._on_error = on_error
        self._already_done = True

    def redo(self) -> None:
        if self._already_done:
            self._already_done = False
        elif not self._run(self.command.do):
            return
        self._on_change(self.command, False)

    def undo(self) -> None:
        if self._run(self.command.undo):
            self._on_change(self.command, True)

    def _run(self, step) -> bool:
        # Qt calls undo()/redo() from C++: an exception here would only be printed, and the
        # window would show an edit the file does not hold. Report it instead.
        try:
            step(self._project)
        except (ProjectError, ValidationError) as exc:
            if self._on_error is None:
                raise
            self._on_error(exc)
            return False
        return True


def push_command(stack: QUndoStack, command: Command, project: Project,
                 on_change: Callable[[Command, bool], None], text: str,
                 on_error: Callable[[Exception], None] | None = None) -> None:
    """Run ``command`` and put it on the stack; raise the core's error if it is refused."""
    command.do(project)
    stack.push(QtCommand(command, project, on_change, text, on_error))  # calls on_change(command, False)


class UndoHistories:
    """One undo history per document and annotator, the open one's active: Undo takes back the
    last edit of what the window shows. (With one history for the window, Ctrl+Z on a document
    took back an edit of the document left before, out of sight and without a word; after
    adjudicating, it took back a gold decision while one's own work was shown.)"""

    def __init__(self, parent) -> None:
        self.group = QUndoGroup(parent)
        self._stacks: dict[tuple[str, str], QUndoStack] = {}
        self._nothing_open = QUndoStack(self.group)
        self.group.addStack(self._nothing_open)
        self.group.setActiveStack(self._nothing_open)

    def follow(self, doc_id: str | None, annotator: str) -> QUndoStack:
        """The history of ``doc_id`` as ``annotator`` edits it, made the active one."""
        if doc_id is None:
            stack = self._nothing_open
        else:
            stack = self._stacks.get((doc_id, annotator))
            if stack is None:
                stack = self._stacks[(doc_id, annotator)] = QUndoStack(self.group)
                self.group.addStack(stack)
        self.group.setActiveStack(stack)
        return stack

    def active(self) -> QUndoStack:
        return self.group.activeStack()

    def clear(self) -> None:
        """Forget every history (another project, or the store no longer matching them)."""
        self._nothing_open.clear()
        self.group.setActiveStack(self._nothing_open)
        for stack in self._stacks.values():
            self.group.removeStack(stack)
            stack.deleteLater()
        self._stacks.clear()
