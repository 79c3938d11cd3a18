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


def text_lines(path) -> list[str] | RecordError:
    """A UTF-8 (BOM allowed) text file's lines, or the error that names the file."""
    try:
        return path.read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError) as exc:
        return RecordError(str(path), f"cannot read as UTF-8 text: {exc}")


def layer_for_label(schema, label: str, hint: str | None = None) -> str:
    """The layer a label from a foreign format belongs to: ``hint`` when it names a layer
    holding that label, else the one layer that has it. Raises ValueError otherwise."""
    if hint and schema.layer(hint) is not None and schema.layer(hint).label(label) is not None:
        return hint
    layers = schema.layers_with_label(label)
    if len(layers) == 1:
        return layers[0].name
    if not layers:
        raise ValueError(f"label {label!r} is not in the project schema")
    raise ValueError(f"label {label!r} is in several layers ({', '.join(l.name for l in layers)})")
