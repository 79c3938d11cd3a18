"""Documents, spans and relations, and the rules that make them valid.

Plain dataclasses with no storage or GUI behind them: the store persists them, the formats
read and write them, the GUI shows them. Offsets are code points into ``Document.text``,
end exclusive (see :mod:`annotator.core.offsets`).
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.core.offsets import SIMPLE_CHARACTERS, is_grapheme_boundary
from annotator.core.schema import Schema

STATUSES = ("new", "in progress", "done")
GOLD = "gold"  # the adjudicated version is stored as this annotator's work
DEFAULT_IMPORT_ANNOTATOR = "imported"  # whose work an import's records are when they name nobody


class ValidationError(ValueError):
    """One or more problems with an annotation; ``problems`` lists them one per entry."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


def text_sha256(text: str) -> str:
    if len(text) <= _HASHED_AT_ONCE:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()
    digest = hashlib.sha256()
    for piece in utf8_pieces(text, _HASHED_AT_ONCE):
        digest.update(piece)
    return digest.hexdigest()


_HASHED_AT_ONCE = 1 << 20


def utf8_pieces(text: str, chars: int, errors: str = "strict") -> Iterator[bytes]:
    """``text``'s UTF-8, ``chars`` characters at a time: made whole, the encoder first reserves
    three bytes a character of a text that is not Latin-1 (50 MB for a treebank's 16 million
    characters), and the whole is a copy beside the string."""
    for at in range(0, len(text), chars):
        yield text[at:at + chars].encode("utf-8", errors)


# The meta keys under which imports from token formats keep their tokens: {"sentences": [{"tokens":
# [[start, end], ...], ...}, ...]} (read back by token exports; weighed by imports).
TOKEN_SOURCES = ("conllu", "conll", "prodigy")


def are_offset_pairs(tokens: Any) -> bool:
    """Whether ``tokens`` is a list of (start, end) pairs of ints, as a token format's import
    keeps a sentence's tokens (what a foreign meta holds may be anything)."""
    return isinstance(tokens, (list, tuple)) and all(
        isinstance(t, (list, tuple)) and len(t) == 2 and type(t[0]) is int and type(t[1]) is int for t in tokens)


class JSONItems:
    """The items of an EncodedJSON as an import appends them, a sentence's JSON at a time. Once
    they are many (COMPRESSED_FROM characters), they are kept in blocks of about BLOCK_CHARS
    characters, each a run of items written with ", " between them, as UTF-8 compressed by zlib
    (its fastest level): a treebank document of a million tokens kept 88 MB of JSON (twice that
    where a sentence has a character past Latin-1: two bytes each), and the importing process
    and its reading process each held it, with its pickled copy, until the document was
    written; compressed, a tenth of that. (Lone surrogates are kept as they are, for the
    import's check to find and name.) A document of fewer characters keeps its items as
    they are: no cost for the many short documents of a corpus."""

    __slots__ = ("blocks", "pending", "pending_chars", "chars", "count")

    def __init__(self, items: Iterable[str] = ()):
        self.blocks: list[bytes] = []
        self.pending: list[str] = []  # the items after the blocks
        self.pending_chars = self.chars = self.count = 0
        for item in items:
            self.append(item)

    def append(self, item: str) -> None:
        self.pending.append(item)
        self.pending_chars += len(item)
        self.chars += len(item)
        self.count += 1
        if self.chars >= COMPRESSED_FROM and self.pending_chars >= BLOCK_CHARS:
            # (in runs of about BLOCK_CHARS, the first time too: joined and encoded whole, the
            # first megabyte's were that much again for a moment)
            run: list[str] = []
            size = 0
            last = len(self.pending) - 1
            for n, pending in enumerate(self.pending):
                run.append(pending)
                size += len(pending)
                if size >= BLOCK_CHARS or n == last:
                    self.blocks.append(zlib.compress(", ".join(run).encode("utf-8", "surrogatepass"), 1))
                    run, size = [], 0
            self.pending, self.pending_chars = [], 0

    def __len__(self) -> int:
        return self.count

    def runs(self) -> Iterator[str]:
        """The items in order, as runs of them written with ", " between them (a block's), or
        one at a time."""
        for block in self.blocks:
            yield zlib.decompress(block).decode("utf-8", "surrogatepass")
        yield from self.pending


COMPRESSED_FROM = 1_000_000  # characters of items
BLOCK_CHARS = 256_000


class EncodedJSON:
    """A list in a document's meta whose items are already written as JSON, each as
    ``json.dumps(item, ensure_ascii=False)`` writes it: a column file's sentences (their
    tokens and columns), written one at a time as the import builds the document. A million
    tokens held as lists and tuples took 300 MB (CoNLL) to 600 MB (CoNLL-U), and again as much
    in the process they were sent to; as their JSON, 32 and 88 MB. Kept as the items, not
    joined: the join is made once, when the meta is written (:func:`dumps_spliced`), where a copy
    more of a treebank's rows was 88 MB more. ``tokens``: how many tokens the items hold.
    (``json.dumps`` refuses it: nothing writes it as a string by mistake.)"""

    __slots__ = ("items", "tokens", "chars")

    def __init__(self, items: list[str] | JSONItems, tokens: int):
        self.items, self.tokens = items, tokens  # (as a list, or as a JSONItems made them)
        chars = items.chars if isinstance(items, JSONItems) else sum(map(len, items))
        self.chars = chars + 2 * len(items)  # written with ", " between them and [ ]

    def __reduce__(self):
        return EncodedJSON, (self.items, self.tokens)

    def __repr__(self) -> str:
        return f"EncodedJSON({len(self.items)} items, {self.tokens} tokens)"

    def runs(self) -> Iterable[str]:
        """The items in order, one at a time or in runs written with ", " between them."""
        return self.items.runs() if isinstance(self.items, JSONItems) else self.items

    def decoded(self) -> list:
        return json.loads("[" + ", ".join(self.runs()) + "]")


class RawJSON:
    """A JSON value as the project stores it (a document's meta), written out as it is: a
    column file's meta holds every token's offsets and columns, and parsed only to be written
    again it took 300-600 MB for a document of a million tokens."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def pieces(self) -> Iterable[str]:
        """The text, in pieces as they are read."""
        return (self.text,)


class StoredJSON(RawJSON):
    """A RawJSON read from the project in pieces each time it is written (``read()`` gives
    them): a long document's meta, never held whole (see Project.meta_pieces)."""

    __slots__ = ("_read",)

    def __init__(self, read: Callable[[], Iterable[str]]):
        self._read = read

    @property
    def text(self) -> str:
        return "".join(self._read())

    def pieces(self) -> Iterable[str]:
        return self._read()


def decoded_meta(value: Any) -> Any:
    """``value`` with every EncodedJSON and RawJSON in it read back (for the rare step that
    changes it)."""
    if isinstance(value, EncodedJSON):
        return value.decoded()
    if isinstance(value, RawJSON):
        return json.loads(value.text)
    if isinstance(value, dict):
        return {key: decoded_meta(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decoded_meta(item) for item in value]
    return value


_SPLICED = "\x00annotator: encoded JSON\x00"  # stands for a value written as it is while the rest is written
_SPLICED_JSON = json.dumps(_SPLICED)


def _spliced(value: Any, found: list) -> str:
    if isinstance(value, (EncodedJSON, RawJSON)):
        found.append(value)
        return _SPLICED
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def dumps_spliced(value: Any) -> str:
    """``json.dumps(value, ensure_ascii=False)``, each EncodedJSON and RawJSON in it written as
    it is (a document's meta with its kept sentences, an export's record with its stored meta)."""
    return "".join(iter_spliced_pieces(value))


def holds_spliced(value: Any) -> bool:
    """Whether ``value`` holds an EncodedJSON or a RawJSON (whose text is written as it is)."""
    if isinstance(value, (EncodedJSON, RawJSON)):
        return True
    if isinstance(value, dict):
        return any(map(holds_spliced, value.values()))
    if isinstance(value, list):
        return any(map(holds_spliced, value))
    return False


def iter_spliced_pieces(value: Any) -> Iterator[str]:
    """:func:`dumps_spliced`'s text in pieces as they are taken, an EncodedJSON's items (or runs
    of them) among them as they are, a StoredJSON's read from the project while they are written
    (a check of every character, or a write, need not join them)."""
    found: list = []
    text = json.dumps(value, ensure_ascii=False, default=lambda item: _spliced(item, found))
    if not found:
        yield text
        return
    parts = text.split(_SPLICED_JSON)
    if len(parts) != len(found) + 1:  # the stand-in's own string was in the value
        yield json.dumps(decoded_meta(value), ensure_ascii=False)
        return
    yield parts[0]
    for written, part in zip(found, parts[1:]):
        if isinstance(written, RawJSON):
            yield from written.pieces()
        else:
            yield "["
            for n, run in enumerate(written.runs()):
                if n:
                    yield ", "
                yield run
            yield "]"
        yield part


@dataclass(slots=True)
class Document:
    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


@dataclass(slots=True)
class Span:
    """A labelled stretch ``text[start:end]`` of one document, by one annotator."""

    id: str
    doc_id: str
    annotator: str
    layer: str
    label: str
    start: int
    end: int
    attrs: dict[str, str] = field(default_factory=dict)

    def __reduce__(self):
        # A large import's reading process sends hundreds of thousands of spans: as a plain
        # tuple they pickle 2.3× and unpickle 1.5× faster than by the dataclass's own state.
        return Span, (self.id, self.doc_id, self.annotator, self.layer, self.label, self.start, self.end,
                      self.attrs)


def attrs_json(attrs: dict[str, str]) -> str:
    """A span's attributes as the store keeps them (JSON; most spans have none)."""
    return json.dumps(attrs, ensure_ascii=False) if attrs else "{}"


class StoredSpans(Sequence[Span]):
    """A record's spans as the rows a store writes: (id, doc_id, annotator, layer, label,
    start, end, attributes as JSON). A large import's reading process sends the spans that
    passed every check so (see :mod:`annotator.store.reading_worker`), and the importing process
    writes the rows as they are: building and pickling 300,000 Span objects again there cost
    about a sixth of its time, and that process is the import's slower one. Read one by one,
    they are Span objects again."""

    __slots__ = ("rows",)

    def __init__(self, rows: list[tuple]):
        self.rows = rows

    @classmethod
    def of(cls, spans: Iterable[Span], shared: dict[str, str] | None = None) -> StoredSpans:
        """``shared``: strings met before (the same for the records pickled together). Ids,
        labels and layers repeat from record to record; as one object each they pickle once
        and travel as references after that."""
        same = (shared if shared is not None else {}).setdefault
        return cls([(same(s.id, s.id), s.doc_id, s.annotator, same(s.layer, s.layer), same(s.label, s.label),
                     s.start, s.end, same(text, text) if (text := attrs_json(s.attrs)) != "{}" else "{}")
                    for s in spans])

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [_stored_span(row) for row in self.rows[index]]
        return _stored_span(self.rows[index])

    def __iter__(self):
        return map(_stored_span, self.rows)

    def __eq__(self, other) -> bool:
        if isinstance(other, StoredSpans):
            return self.rows == other.rows
        return isinstance(other, list) and list(self) == other

    def __repr__(self) -> str:
        return f"StoredSpans({list(self)!r})"

    def __reduce__(self):
        return StoredSpans, (self.rows,)


def _stored_span(row: tuple) -> Span:
    return Span(*row[:7], json.loads(row[7]) if row[7] != "{}" else {})


@dataclass(slots=True)
class Relation:
    """A typed link between two spans of the same document and annotator."""

    id: str
    doc_id: str
    annotator: str
    label: str
    from_id: str
    to_id: str


def next_id(prefix: str, used: Iterable[str]) -> str:
    """The next ``<prefix><n>`` after the highest such id in ``used``."""
    pattern = re.compile(re.escape(prefix) + r"(\d+)$")
    highest = 0
    for ident in used:
        match = pattern.match(ident)
        if match:
            highest = max(highest, int(match.group(1)))
    return f"{prefix}{highest + 1}"


def validate_span(span: Span, text: str, schema: Schema) -> list[str]:
    """Problems with ``span`` on its own (offsets, label, attributes); empty when valid."""
    problems: list[str] = []
    if not isinstance(span.start, int) or not isinstance(span.end, int) or isinstance(span.start, bool) \
            or isinstance(span.end, bool):
        return [f"span {span.id}: start and end must be integers"]
    if not 0 <= span.start < span.end <= len(text):
        problems.append(
            f"span {span.id}: offsets {span.start}..{span.end} must satisfy 0 ≤ start < end ≤ {len(text)} "
            "(code points, end exclusive)"
        )
    else:
        for edge in (span.start, span.end):
            if not is_grapheme_boundary(text, edge):
                problems.append(
                    f"span {span.id}: offset {edge} splits a grapheme cluster "
                    f"({text[max(0, edge - 1):edge + 1]!r}); a letter and its marks must stay together"
                )
    layer = schema.layer(span.layer)
    if layer is None:
        problems.append(f"span {span.id}: unknown layer {span.layer!r}")
        return problems
    label = layer.label(span.label)
    if label is None:
        problems.append(f"span {span.id}: label {span.label!r} is not in layer {span.layer!r} "
                        f"(allowed: {', '.join(l.name for l in layer.labels)})")
        return problems
    if not isinstance(span.attrs, dict):
        problems.append(f"span {span.id}: attrs must be an object")
        return problems
    for key, value in span.attrs.items():
        allowed = label.attributes.get(key)
        if allowed is None:
            problems.append(f"span {span.id}: label {span.label} has no attribute {key!r}")
        elif not isinstance(value, str):
            problems.append(f"span {span.id}: attribute {key!r} must be a string")
        elif allowed and value not in allowed:
            problems.append(f"span {span.id}: attribute {key}={value!r} is not one of {', '.join(allowed)}")
    return problems


def spans_plainly_valid(spans: Sequence[Span], text: str, schema: Schema) -> bool:
    """True when every span passes :func:`validate_span` and no two share an id, checked in one
    tight loop: an import meets millions of spans, nearly all of them valid. False means "look
    closer" (the caller then runs :func:`validate_span`, which names what is wrong)."""
    try:
        if len({span.id for span in spans}) != len(spans):
            return False
    except TypeError:  # an unhashable id
        return False
    length = len(text)
    simple = SIMPLE_CHARACTERS
    attributes_of: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {}
    for span in spans:
        start, end = span.start, span.end
        if type(start) is not int or type(end) is not int or not 0 <= start < end <= length:
            return False
        # An edge between two simple characters is a boundary; anything else asks UAX #29.
        if start and not (text[start - 1] in simple and text[start] in simple) \
                and not is_grapheme_boundary(text, start):
            return False
        if end < length and not (text[end - 1] in simple and text[end] in simple) \
                and not is_grapheme_boundary(text, end):
            return False
        key = (span.layer, span.label)
        allowed = attributes_of.get(key)
        if allowed is None:
            layer = schema.layer(span.layer)
            label = layer.label(span.label) if layer is not None else None
            if label is None:
                return False
            allowed = attributes_of[key] = label.attributes
        attrs = span.attrs
        if type(attrs) is not dict:
            return False
        for name, value in attrs.items():
            values = allowed.get(name)
            if values is None or type(value) is not str or (values and value not in values):
                return False
    return True


def overlap_problems(spans: Iterable[Span], schema: Schema) -> list[str]:
    """Overlaps inside layers whose schema forbids them (spans of one document and annotator)."""
    problems: list[str] = []
    by_layer: dict[str, list[Span]] = {}
    exclusive: dict[str, bool] = {}  # layer name -> forbids overlaps (asked once per layer)
    for span in spans:
        forbids = exclusive.get(span.layer)
        if forbids is None:
            layer = schema.layer(span.layer)
            forbids = exclusive[span.layer] = layer is not None and not layer.overlap
        if forbids:
            by_layer.setdefault(span.layer, []).append(span)
    for layer_name, layer_spans in by_layer.items():
        layer_spans.sort(key=lambda s: (s.start, s.end))
        for before, after in zip(layer_spans, layer_spans[1:]):
            if after.start < before.end:
                problems.append(
                    f"spans {before.id} ({before.start}..{before.end}) and {after.id} "
                    f"({after.start}..{after.end}) overlap in layer {layer_name!r}, which does not allow overlaps"
                )
    return problems


def validate_relation(relation: Relation, spans_by_id: dict[str, Span], schema: Schema) -> list[str]:
    """Problems with ``relation`` given the spans of its document and annotator."""
    problems: list[str] = []
    rtype = schema.relation(relation.label)
    if rtype is None:
        return [f"relation {relation.id}: unknown relation type {relation.label!r}"]
    for role, span_id, layer in (("from", relation.from_id, rtype.from_layer), ("to", relation.to_id, rtype.to_layer)):
        span = spans_by_id.get(span_id)
        if span is None:
            problems.append(f"relation {relation.id}: its '{role}' span {span_id!r} does not exist "
                            f"in document {relation.doc_id!r} for annotator {relation.annotator!r}")
        elif span.doc_id != relation.doc_id or span.annotator != relation.annotator:
            problems.append(f"relation {relation.id}: its '{role}' span {span_id!r} belongs to another "
                            "document or annotator")
        elif span.layer != layer:
            problems.append(f"relation {relation.id}: {relation.label} needs a {layer!r} span as '{role}', "
                            f"but {span_id} is in layer {span.layer!r}")
    return problems


@dataclass
class AnnotatedDocument:
    """One document with one annotator's work on it: the unit every format reads and writes.

    ``annotator`` is None for a bare document (no spans, relations or status). ``source``
    says where the record came from (``file:line``) so that errors can point at it.
    """

    document: Document
    annotator: str | None = None
    status: str | None = None
    spans: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    source: str = ""
    # The input line, kept so that a rejected record can be written back (a long JSONL line:
    # where it is, a formats.LineInFile).
    raw: Any = None
    suggested_by: str | None = None  # "model", "rules", ...: import as pending suggestions, not spans
    notes: list[str] = field(default_factory=list)  # what of the input record could not be carried
    # The text the file itself gives for a span (Label Studio's value.text): checked against the
    # offsets on import, which tells a file counting UTF-16 units from one counting code points.
    span_texts: dict[str, str] = field(default_factory=dict)
