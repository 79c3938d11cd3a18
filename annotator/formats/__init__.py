"""Readers and writers of file formats. Readers yield records
(:class:`~annotator.core.model.AnnotatedDocument`) or :class:`RecordError`s that say which file
and line is wrong; they never touch a project."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass
class SkippedRecord:
    """A record read but deliberately not imported (a Prodigy "reject" answer): reported as
    not carried, never an error."""

    source: str
    reason: str


@dataclass
class LineInFile:
    """Where a line of a file is (a long JSONL record's, read in pieces), to read it again when
    it is wanted (a rejected record written to --rejects), not held meanwhile."""

    path: str
    offset: int  # in bytes
    size: int

    def read(self) -> str | None:
        """The line, or None when the file can no longer be read."""
        try:
            return "".join(self.pieces())
        except OSError:
            return None

    def pieces(self, size: int = 1 << 16) -> Iterator[str]:
        """The line a piece at a time (OSError when the file can no longer be read)."""
        decoder = codecs.getincrementaldecoder("utf-8")("replace")
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            left = self.size
            while left > 0 and (chunk := f.read(min(size, left))):
                left -= len(chunk)
                yield decoder.decode(chunk)
        yield decoder.decode(b"", True)


@dataclass
class RecordError:
    """An input record that could not be read; ``source`` is ``file:line`` or a file name."""

    source: str
    reason: str
    raw: str | LineInFile | None = None  # the offending line, when there is one (written to --rejects)


UTF16_HINT = ("looks like UTF-16 without a byte order mark (every other byte is NUL); save it as UTF-8, "
              "or as UTF-16 with a byte order mark")


def looks_like_utf16_without_bom(data: bytes) -> bool:
    """UTF-16 text whose BOM is missing decodes as "valid" UTF-8 full of control characters:
    NULs for Latin text, 0x06 for Arabic (U+06xx). Judged on the first few kilobytes: many
    control bytes, and the same bytes read as UTF-16 give ordinary text."""
    head = data[:4096]
    if len(head) < 4 or head.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        return False
    if _control_share(head) < 0.1:
        return False
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = head[: len(head) // 2 * 2].decode(encoding)
        except UnicodeDecodeError:
            continue
        if _control_share(text.encode("utf-8")) < 0.02:
            return True
    return False


def _control_share(data: bytes) -> float:
    controls = sum(1 for byte in data if byte < 0x20 and byte not in (0x09, 0x0A, 0x0D))
    return controls / max(1, len(data))


def text_lines(path) -> list[str] | RecordError:
    """A UTF-8 (BOM allowed) text file's lines, or the error that names the file."""
    text = whole_text(path)
    return text if isinstance(text, RecordError) else text.split("\n")


def whole_text(path) -> str | RecordError:
    """A UTF-8 (BOM allowed) text file's text, or the error that names the file (and line)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return RecordError(str(path), f"cannot read: {exc.strerror}")
    if looks_like_utf16_without_bom(data):
        return RecordError(str(path), UTF16_HINT)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return _not_utf8(path, data[: exc.start].count(b"\n") + 1, data[exc.start])


def _not_utf8(path, line: int, byte: int) -> RecordError:
    return RecordError(f"{path}:{line}", f"not valid UTF-8 (byte 0x{byte:02x}); save the file as UTF-8")


def numbered_text_lines(path) -> Iterator[tuple[int, str] | RecordError]:
    """A UTF-8 (BOM allowed) text file's lines with their numbers, read a line at a time (a
    treebank of hundreds of megabytes is never held whole), as :func:`text_lines` splits them
    (on "\\n" only); a RecordError naming the file or the line ends the stream."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield RecordError(str(path), f"cannot read: {exc.strerror}")
        return
    with handle:
        try:
            head = handle.read(4096)
            if looks_like_utf16_without_bom(head):
                yield RecordError(str(path), UTF16_HINT)
                return
            handle.seek(3 if head.startswith(b"\xef\xbb\xbf") else 0)
            for number, raw in enumerate(handle, 1):
                try:
                    yield number, raw.decode("utf-8").removesuffix("\n")
                except UnicodeDecodeError as exc:
                    yield _not_utf8(path, number, raw[exc.start])
                    return
        except OSError as exc:
            yield RecordError(str(path), f"cannot read: {exc.strerror}")


def layer_for_label(schema, label: str, hint: str | None = None) -> str:
    """The layer a label from a foreign format belongs to: ``hint`` when it names a layer
    holding that label, else the one layer that has it. Raises ValueError otherwise."""
    if hint and schema.layer(hint) is not None and schema.layer(hint).label(label) is not None:
        return hint
    layers = schema.layers_with_label(label)
    if len(layers) == 1:
        return layers[0].name
    if not layers and getattr(schema, "accepts_new_labels", False):  # import --extend-schema
        return hint if hint and schema.layer(hint) is not None else schema.default_layer
    if not layers:
        raise ValueError(f"label {label!r} is not in the project schema (import with --extend-schema to add it)")
    raise ValueError(f"label {label!r} is in several layers ({', '.join(l.name for l in layers)})")
