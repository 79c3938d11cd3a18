"""Readers and writers of file formats. Readers yield records
(:class:`~annotator.core.model.AnnotatedDocument`) or :class:`RecordError`s that say which file
and line is wrong; they never touch a project."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class RecordError:
    """An input record that could not be read; ``source`` is ``file:line`` or a file name."""

    source: str
    reason: str
    raw: str | None = None  # the offending line, when there is one (written to --rejects)
