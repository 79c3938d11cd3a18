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
from annotator.store.project import Project


class QtCommand(QUndoCommand):
    def __init__(self, command: Command, project: Project, on_change: Callable[[Command, bool], None], text: str):
        super().__init__(text)
        self.command = command
        self._project = project
        self._on_change = on_change
        self._already_done = True

    def redo(self) -> None:
        if self._already_done:
            self._already_done = False
        else:
            self.command.do(self._project)
        self._on_change(self.command, False)

    def undo(self) -> None:
        self.command.undo(self._project)
        self._on_change(self.command, True)


def push_command(stack: QUndoStack, command: Command, project: Project,
                 on_change: Callable[[Command, bool], None], text: str) -> None:
    """Run ``command`` and put it on the stack; raise the core's error if it is refused."""
    command.do(project)
    stack.push(QtCommand(command, project, on_change, text))  # calls on_change(command, False)
