"""Native JSONL: one document and one annotator's work per line, offsets in code points.

    {"id": "...", "text": "...", "meta": {...}, "annotator": "amal", "status": "done",
     "spans": [{"id": "T1", "start": 0, "end": 5, "layer": "entity", "label": "GPE", "attrs": {}}],
     "relations": [{"id": "R1", "label": "said_by", "from": "T2", "to": "T1"}]}

On import ``meta``, ``annotator``, ``status``, ``attrs``, ids, and ``layer`` (when the label
belongs to exactly one layer) may be left out. Export writes every key, so that importing an
export reproduces the project exactly. A record with ``"source": "model"`` (or any other
source name) holds predictions: its spans and relations are imported as pending suggestions
for annotators to accept or reject, not as anyone's work.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from annotator.core.model import STATUSES, AnnotatedDocument, Document, Relation, Span, iter_spliced_pieces, next_id
from annotator.core.schema import Schema
from annotator.formats import UTF16_HINT, LineInFile, RecordError, looks_like_utf16_without_bom
from annotator.formats.kept_sentences import NotKept, read_record

_TOP_KEYS = {"id", "text", "meta", "annotator", "status", "spans", "relations", "source"}
_SPAN_KEYS = {"id", "start", "end", "layer", "label", "attrs"}
_RELATION_KEYS = {"id", "label", "from", "to"}


_NO_ATTRS: dict = {}


class _Bad(ValueError):
    pass


def json_lines(path: Path, kept_in_pieces: bool = False
               ) -> Iterator[tuple[int, dict | None, str | LineInFile | None, RecordError | None]]:
    """(line number, object, raw line, error) for every non-blank line of a JSONL file.

    The file is read a line at a time, so an import's memory does not grow with the file
    (UTF-16 files, rare, are decoded whole). ``kept_in_pieces``: a line of LONG_LINE_BYTES or
    more is read in pieces, a token source's kept sentences in its meta held as an EncodedJSON
    (see kept_sentences.read_record), and its raw line given as where it is (LineInFile)."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield 0, None, None, RecordError(str(path), f"cannot read: {exc.strerror}")
        return
    with handle:
        try:
            head = handle.read(4096)
        except OSError as exc:
            yield 0, None, None, RecordError(str(path), f"cannot read: {exc.strerror}")
            return
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                data = (head + handle.read()).decode("utf-16").encode("utf-8")
            except UnicodeDecodeError as exc:
                yield 0, None, None, RecordError(str(path), f"not valid UTF-16 ({exc.reason})")
                return
            lines: Iterable[bytes] = iter(data.splitlines(keepends=True))
        elif looks_like_utf16_without_bom(head):
            yield 0, None, None, RecordError(str(path), UTF16_HINT)
            return
        else:
            handle.seek(3 if head.startswith(b"\xef\xbb\xbf") else 0)
            # (binary lines split on b"\n" only)
            lines = _file_lines(handle, LONG_LINE_BYTES if kept_in_pieces and isinstance(path, Path) else -1)
            first = next((line.strip() for line in head.lstrip(b"\xef\xbb\xbf").split(b"\n") if line.strip()),
                         b"")
            if first == b"{":
                # Pretty-printed objects, one after another, as in doccano's own examples: read
                # them with their first line's number instead of refusing every line.
                yield from _pretty_objects(path, handle.read())
                return
            yield from _lines(path, lines)
            return
        yield from _lines(path, enumerate(lines, 1))


# A JSONL line this long (a document of a million tokens with its kept rows: 100 MB) is read
# in pieces of PIECE_BYTES when it may be (see json_lines).
LONG_LINE_BYTES = 1 << 22
PIECE_BYTES = 1 << 16


class _LongLine:
    """A line of LONG_LINE_BYTES or more whose first ``head`` bytes were read from ``handle``."""

    def __init__(self, handle: IO[bytes], head: bytes):
        self.handle, self.head = handle, head
        self.start = handle.tell() - len(head)
        self.size = -1

    def pieces(self) -> Iterator[str]:
        """The line's text a piece at a time; the handle is left after its end, ``size`` set to
        the line's bytes without its b"\\n"."""
        decoder = codecs.getincrementaldecoder("utf-8")()
        chunk, asked = self.head, len(self.head)
        while True:
            ended = chunk.endswith(b"\n")
            last = ended or len(chunk) < asked  # (shorter than asked: the file's end)
            yield decoder.decode(chunk, last)
            if last:
                self.size = self.handle.tell() - ended - self.start
                return
            chunk, asked = self.handle.readline(PIECE_BYTES), PIECE_BYTES

    def whole(self) -> bytes:
        """The line read whole, from its start (its pieces may have been read)."""
        self.handle.seek(self.start)
        return self.handle.readline()


def _file_lines(handle: IO[bytes], long_from: int) -> Iterator[tuple[int, bytes | _LongLine]]:
    """(line number, line) for every line of ``handle``; a line of ``long_from`` bytes or more
    (-1: none) as a _LongLine, to be read before the next is asked for."""
    number = 0
    while line := handle.readline(long_from):
        number += 1
        if len(line) == long_from and not line.endswith(b"\n"):
            yield number, _LongLine(handle, line)
        else:
            yield number, line


def _long_record(path: Path, number: int, line: _LongLine
                 ) -> tuple[int, dict | None, str | LineInFile | None, RecordError | None] | bytes:
    """A long line's (line number, object, where the line is, None), read in pieces; or the
    line's bytes, read whole, when it is not a record read so (invalid, or a name twice)."""
    try:
        obj = read_record(line.pieces())
    except (NotKept, ValueError, RecursionError):  # (ValueError: not UTF-8, a number too long)
        return line.whole()
    return number, obj, LineInFile(str(path), line.start, line.size), None


def _lines(path: Path, numbered: Iterable[tuple[int, bytes | _LongLine]]
           ) -> Iterator[tuple[int, dict | None, str | LineInFile | None, RecordError | None]]:
    """Parsed (line number, raw line) pairs."""
    # Split on b"\n" only: JSON escapes every newline inside strings, but a raw U+2028 may
    # stand in a string, and str.splitlines() would cut the line there.
    for number, raw_line in numbered:
        if isinstance(raw_line, _LongLine):
            read = _long_record(path, number, raw_line)
            if not isinstance(read, bytes):
                yield read
                continue
            raw_line = read
        if not raw_line.strip():
            continue
        source = f"{path}:{number}"
        raw_line = raw_line.rstrip(b"\n")
        try:
            line = raw_line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield number, None, None, RecordError(
                source, f"not valid UTF-8 (byte 0x{raw_line[exc.start]:02x} at column {exc.start + 1})")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, None, line, RecordError(source, f"invalid JSON: {exc.msg} at column {exc.colno}", line)
            continue
        except RecursionError:
            yield number, None, line, RecordError(source, "JSON nested too deeply to read", line)
            continue
        except ValueError as exc:  # e.g. an integer of more than 4300 digits
            yield number, None, line, RecordError(source, f"unreadable JSON: {exc}", line)
            continue
        if not isinstance(obj, dict):
            yield number, None, line, RecordError(source, "each line must be a JSON object", line)
            continue
        yield number, obj, line, None


def line_count(path: Path) -> int:
    """Lines of a file (a JSONL import's records, for a progress bar), read in blocks; 0 when
    it cannot be read (the import then names the problem)."""
    try:
        with path.open("rb") as f:
            return sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b""))
    except OSError:
        return 0


def read_jsonl(path: Path, schema: Schema, default_annotator: str) -> Iterator[AnnotatedDocument | RecordError]:
    """Records of a native JSONL file; a bad line yields a RecordError naming file:line."""
    for number, obj, line, error in json_lines(path, kept_in_pieces=True):
        if error is not None:
            yield error
            continue
        yield record_from_json_line(obj, line, f"{path}:{number}", schema, default_annotator)


def record_from_json_line(obj: Any, line: str | LineInFile | None, source: str, schema: Schema, default_annotator: str
                          ) -> AnnotatedDocument | RecordError:
    """One parsed line as a record, or the error that names it."""
    try:
        record = record_from_json(obj, schema, default_annotator)
    except _Bad as exc:
        return RecordError(source, str(exc), line)
    record.source = source
    record.raw = line
    return record


def record_from_json(obj: Any, schema: Schema, default_annotator: str) -> AnnotatedDocument:
    """Turn one parsed JSONL object into a record, filling in what may be left out."""
    _check_object(obj, _TOP_KEYS, "the record")
    doc_id = obj.get("id")
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise _Bad("'id' must be a non-empty string")
    text = obj.get("text")
    if not isinstance(text, str):
        raise _Bad(f"document {doc_id!r}: 'text' must be a string")
    meta = obj.get("meta", {})
    if not isinstance(meta, dict):
        raise _Bad(f"document {doc_id!r}: 'meta' must be an object")
    raw_spans = _list(obj, "spans", doc_id)
    raw_relations = _list(obj, "relations", doc_id)
    status = obj.get("status")
    if status is not None and status not in STATUSES:
        raise _Bad(f"document {doc_id!r}: 'status' must be one of {', '.join(STATUSES)} (got {status!r})")
    annotator = obj.get("annotator")
    if annotator is not None and (not isinstance(annotator, str) or not annotator.strip()):
        raise _Bad(f"document {doc_id!r}: 'annotator' must be a non-empty string")
    if annotator is None and (raw_spans or raw_relations or status is not None):
        annotator = default_annotator
    spans = []
    for n, raw in enumerate(raw_spans, 1):
        spans.append(_span(raw, n, doc_id, annotator, schema))
    # Fill missing span ids after reading all of them, so given ids are never reused.
    used = [s.id for s in spans if s.id]
    for span in spans:
        if not span.id:
            span.id = next_id("T", used)
            used.append(span.id)
    relations = []
    for n, raw in enumerate(raw_relations, 1):
        relations.append(_relation(raw, n, doc_id, annotator))
    used = [r.id for r in relations if r.id]
    for relation in relations:
        if not relation.id:
            relation.id = next_id("R", used)
            used.append(relation.id)
    source = obj.get("source")
    if source is not None and (not isinstance(source, str) or not source.strip()):
        raise _Bad(f"document {doc_id!r}: 'source' must be a non-empty string such as \"model\"")
    return AnnotatedDocument(Document(doc_id, text, meta), annotator, status, spans, relations,
                             suggested_by=source)


def _list(obj: dict, key: str, doc_id: str) -> list:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise _Bad(f"document {doc_id!r}: '{key}' must be a list")
    return value


def _check_object(raw: Any, allowed: set[str], where: str) -> None:
    if not isinstance(raw, dict):
        raise _Bad(f"{where}: must be an object")
    unknown = set(raw) - allowed
    if unknown:
        raise _Bad(f"{where}: unknown keys {', '.join(sorted(unknown))} (allowed: {', '.join(sorted(allowed))})")


def _span(raw: Any, n: int, doc_id: str, annotator: str, schema: Schema) -> Span:
    # The common, well-formed span in a few checks (an import meets hundreds of thousands);
    # anything unusual goes the long way below, which names what is wrong.
    if type(raw) is dict and raw.keys() <= _SPAN_KEYS:
        start, end, label, layer = raw.get("start"), raw.get("end"), raw.get("label"), raw.get("layer")
        attrs, span_id = raw.get("attrs", _NO_ATTRS), raw.get("id", "")
        if (type(start) is int and type(end) is int and type(label) is str and type(layer) is str
                and type(attrs) is dict and type(span_id) is str):
            return Span(span_id, doc_id, annotator, layer, label, start, end,
                        {} if attrs is _NO_ATTRS else attrs)
    where = f"document {doc_id!r}, span #{n}"
    _check_object(raw, _SPAN_KEYS, where)
    for key in ("start", "end"):
        if not isinstance(raw.get(key), int) or isinstance(raw.get(key), bool):
            raise _Bad(f"{where}: '{key}' must be an integer (a code point offset)")
    label = raw.get("label")
    if not isinstance(label, str):
        raise _Bad(f"{where}: 'label' must be a string")
    layer = raw.get("layer")
    if layer is None:
        candidates = schema.layers_with_label(label)
        if not candidates and getattr(schema, "accepts_new_labels", False):  # import --extend-schema
            candidates = [schema.layer(schema.default_layer)]
        if len(candidates) != 1:
            names = ", ".join(c.name for c in candidates)
            raise _Bad(f"{where}: label {label!r} " + (
                f"is in several layers ({names}); give 'layer'" if candidates else "is not in the project schema"))
        layer = candidates[0].name
    elif not isinstance(layer, str):
        raise _Bad(f"{where}: 'layer' must be a string")
    attrs = raw.get("attrs", {})
    if not isinstance(attrs, dict):
        raise _Bad(f"{where}: 'attrs' must be an object")
    span_id = raw.get("id", "")
    if not isinstance(span_id, str):
        raise _Bad(f"{where}: 'id' must be a string")
    return Span(span_id, doc_id, annotator, layer, label, raw["start"], raw["end"], attrs)


def _relation(raw: Any, n: int, doc_id: str, annotator: str) -> Relation:
    where = f"document {doc_id!r}, relation #{n}"
    _check_object(raw, _RELATION_KEYS, where)
    for key in ("label", "from", "to"):
        if not isinstance(raw.get(key), str):
            raise _Bad(f"{where}: '{key}' must be a string")
    rel_id = raw.get("id", "")
    if not isinstance(rel_id, str):
        raise _Bad(f"{where}: 'id' must be a string")
    return Relation(rel_id, doc_id, annotator, raw["label"], raw["from"], raw["to"])


_WRITTEN_CHARS = 1 << 20


def write_jsonl(records: Iterable[dict], out: IO[str]) -> int:
    """Write export records (see :meth:`Project.iter_export`), one per line; returns the count.
    A stored meta (RawJSON) is written as it is, a megabyte at a time (joined to the rest, then
    encoded whole, a treebank document's 88 MB of rows were copied three times more)."""
    count = 0
    for record in records:
        for piece in iter_spliced_pieces(record):  # (a long document's stored meta read as it is written)
            for at in range(0, len(piece), _WRITTEN_CHARS):
                out.write(piece[at:at + _WRITTEN_CHARS] if len(piece) > _WRITTEN_CHARS else piece)
        out.write("\n")
        count += 1
    return count


def _pretty_objects(path: Path, data: bytes) -> Iterator[tuple[int, dict | None, str | None, RecordError | None]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        yield line, None, None, RecordError(f"{path}:{line}", f"not valid UTF-8 (byte 0x{data[exc.start]:02x})")
        return
    decoder = json.JSONDecoder()
    at = 0
    while True:
        while at < len(text) and text[at].isspace():
            at += 1
        if at >= len(text):
            return
        line = text.count("\n", 0, at) + 1
        try:
            obj, end = decoder.raw_decode(text, at)
        except json.JSONDecodeError as exc:
            yield exc.lineno, None, None, RecordError(f"{path}:{exc.lineno}", f"invalid JSON: {exc.msg} at column "
                                                                             f"{exc.colno}")
            return
        except (RecursionError, ValueError) as exc:
            yield line, None, None, RecordError(f"{path}:{line}", f"unreadable JSON: {exc}")
            return
        raw = text[at:end]
        if not isinstance(obj, dict):
            yield line, None, raw, RecordError(f"{path}:{line}", "each record must be a JSON object", raw)
        else:
            yield line, obj, raw, None
        at = end
