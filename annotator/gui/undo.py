"""QUndoCommand wrappers: one Qt undo entry per core command (annotator/commands.py).

The core command runs first, outside the stack: if the core refuses it (a validation error),
the error reaches the caller and nothing enters the stack. Then the wrapper is pushed with
its first ``redo()`` skipped, because ``QUndoStack.push`` calls ``redo()`` at once and the
work is already done (and committed).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

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
