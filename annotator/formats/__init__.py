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


UTF16_HINT = ("looks like UTF-16 without a byte order mark (every other byte is NUL); save it as UTF-8, "
              "or as UTF-16 with a byte order mark")


def looks_like_utf16_without_bom(data: bytes) -> bool:
    """UTF-16 text whose BOM is missing decodes as 'valid' UTF-8 full of NULs (ASCII) or of
    control characters (Arabic: 0x27 0x06...). Judge by NULs in the first few kilobytes."""
    head = data[:4096]
    if len(head) < 2 or head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False
    return head.count(0) * 4 >= len(head)


def text_lines(path) -> list[str] | RecordError:
    """A UTF-8 (BOM allowed) text file's lines, or the error that names the file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return RecordError(str(path), f"cannot read: {exc.strerror}")
    if looks_like_utf16_without_bom(data):
        return RecordError(str(path), UTF16_HINT)
    try:
        return data.decode("utf-8-sig").split("\n")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return RecordError(f"{path}:{line}", f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8")


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
