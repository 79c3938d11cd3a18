"""What every export shares: choosing documents and spans, cutting out excluded segments,
offset units, and turning spans into token streams for the token formats.

Writers (one module per format) receive :class:`ExportDoc` objects and an
:class:`ExportReport` to which they add what they could not carry over.
"""

from __future__ import annotations

import array
import bisect
import collections
import functools
import itertools
import json
import multiprocessing
import operator
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from annotator.core.collections_pause import fewer_collections
from annotator.core.model import GOLD, TOKEN_SOURCES, Relation, Span, are_offset_pairs
from annotator.core.offsets import Utf16Map
from annotator.core.tagging import AlignmentNote, Token, align, tag_layer
from annotator.core.tokenize import sentences as split_sentences
from annotator.core.tokenize import (COMPACT_FROM, HardRuns, PlainWords, easy_edge, easy_pieces,
                                     easy_sentence_starts, easy_spans_on_tokens, hard_runs_apart, is_easy, is_plain,
                                     plain_pieces, plain_sentence_starts, runs_pieces,
                                     runs_sentence_starts, sentence_starts, spans_on_whole_words, starts_and_ends,
                                     token_parts, token_table, token_table_and_gaps, tokenize)
from annotator.core.worker_memory import keep_freed_memory
from annotator.formats.kept_sentences import NotKept, read_kept
from annotator.store.location import is_server_url
from annotator.store.process_results import process_start_method, usable_cores
from annotator.store.project import Project, ProjectError, document_records, span_from_row
from annotator.store.storage_errors import explain_sqlite_error

GOLD_ANNOTATOR = GOLD
OFFSET_UNITS = ("codepoint", "utf16")


@dataclass
class ExportOptions:
    annotator: str | None = None  # None: every annotator, one record per (document, annotator)
    layers: tuple[str, ...] = ()  # (): every layer (token formats default to "entity")
    exclude_segments: tuple[str, ...] = ()  # segment labels whose text is left out
    status: str | None = None
    offset_unit: str = "codepoint"
    scheme: str = "iob2"
    policy: str = "split"
    split_clitics: bool = False
    misc_key: str = "NER"  # CoNLL-U: the MISC key of entity tags (spaCy reads NE)


@dataclass
class ExportDoc:
    doc_id: str
    text: str
    meta: dict
    annotator: str | None
    spans: list[Span]
    relations: list[Relation]
    # The source's own tokenization (kept from a CoNLL, CoNLL-U or Prodigy import): sentences
    # of (start, end).
    source_sentences: list[list[Token]] | None = None
    # (start, end, layer) of every annotator's spans of this document: token exports cut tokens
    # at all of them, so that every annotator's (and gold's) copy has the same tokens.
    all_edges: list[tuple[int, int, str]] | None = None
    # Its tokens as plain_tokens finds them (starts, ends, forms, sentence ends), when a reader
    # made them already (plain_records); dropped by a change of the text (replace()).
    known_tokens: tuple | None = field(default=None, compare=False, repr=False)
    status: str | None = None  # the annotator's status of the document, for formats that keep it
    # A run of a long document's sentences (see LongDocument.parts): where its first sentence
    # is among the document's (0: the document's beginning, or a whole document), and the
    # document it is part of (None for a whole document).
    first_sentence: int = 0
    whole: ExportDoc | None = field(default=None, compare=False, repr=False)

    def layer_spans(self, layer: str) -> list[tuple[int, int, str, str]]:
        """(start, end, label, id) of the spans of ``layer``, in order."""
        return [(s.start, s.end, s.label, s.id) for s in self.spans if s.layer == layer]

    def span_count(self) -> int:
        return len(self.spans)


class StoredDoc(ExportDoc):
    """A document as the project stores it, whose spans become :class:`Span` objects only when
    something asks for ``spans``: the common token export reads the stored rows (``span_rows``)
    through :meth:`layer_spans` instead (300,000 spans made objects took a tenth of the CPU of
    a 10k-document CoNLL export). Setting ``spans`` replaces the rows."""

    def __init__(self, *args, span_rows: list[tuple] | None = None, **kwargs):
        self._rows = span_rows
        super().__init__(*args, **kwargs)  # spans=None when read from rows

    @property
    def spans(self) -> list[Span]:
        if self._spans is None:
            self._spans = list(map(span_from_row, self._rows))
        return self._spans

    @spans.setter
    def spans(self, value: list[Span] | None) -> None:
        if value is not None:
            self._rows = None
        self._spans = value

    def layer_spans(self, layer: str) -> list[tuple[int, int, str, str]]:
        if self._spans is None:
            return [(r[6], r[7], r[5], r[1]) for r in self._rows if r[4] == layer]
        return super().layer_spans(layer)

    def span_count(self) -> int:
        return len(self._rows) if self._spans is None else len(self._spans)


@dataclass
class ExportReport:
    documents: int = 0
    spans: int = 0
    notes: list[AlignmentNote] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    def note(self, doc_id: str, span_id: str, host: str, action: str) -> None:
        self.notes.append(AlignmentNote(doc_id, span_id, host, action))


def export_documents(project: Project, options: ExportOptions, report: ExportReport,
                     only: set[str] | None = None, progress: Callable[[], None] | None = None) -> ExportSource:
    """The documents an export writes (``only`` these ids, when given), with their spans
    filtered and segments excluded; ``progress()`` is called once per document record."""
    return ExportSource(project, options, report, only, progress)


class ExportSource:
    """The documents of an export, as an iterable of :class:`ExportDoc` read from the
    project in this process. Token writers may instead hand ranges of document positions to
    worker processes that read and render them themselves (:func:`render_all`)."""

    def __init__(self, project: Project, options: ExportOptions, report: ExportReport,
                 only: set[str] | None = None, progress: Callable[[], None] | None = None):
        self.project = project
        self.options = options
        self.report = report
        self.only = only
        self.progress = progress

    def __iter__(self) -> Iterator[ExportDoc]:
        return self._documents(None)

    def to_render(self) -> Iterator[ExportDoc]:
        """The documents as :func:`render_all` takes them: a long one whose meta holds a column
        file's sentences as a :class:`LongDocument` (see :func:`_rendered`)."""
        return self._documents(LONG_DOCUMENT_CHARS)

    def _documents(self, long_meta_from: int | None) -> Iterator[ExportDoc]:
        project = self.project
        rows = project.export_rows(self.options.annotator, self.options.status, with_all_edges=True,
                                   long_meta_from=long_meta_from)
        for doc in _prepared(rows, self.options, self.report, self.only, project.meta_pieces):
            if self.progress is not None:
                self.progress()
            yield doc

    def position_ranges(self, size: int, chars: int) -> tuple[int, list[tuple[int, int]]]:
        """The documents the export takes, and (first, last) positions of consecutive runs of
        them of at most ``size`` documents and about ``chars`` characters (a longer document
        is a run of its own), so that what a worker holds stays bounded."""
        ranges: list[tuple[int, int]] = []
        count = run = run_chars = 0
        first = last = None
        for doc_id, position, length in self.project.db.execute(
                "SELECT id, position, length FROM documents ORDER BY position"):
            if self.only is not None and doc_id not in self.only:
                continue
            if run and (run >= size or run_chars + length > chars):
                ranges.append((first, last))
                run = run_chars = 0
            if not run:
                first = position
            last = position
            run += 1
            run_chars += length
            count += 1
        if run:
            ranges.append((first, last))
        return count, ranges


def _prepared(rows: Iterator[tuple], options: ExportOptions, report: ExportReport, only: set[str] | None,
              meta_pieces: Callable[[str], Iterator[str]] | None = None) -> Iterator[ExportDoc]:
    """The records of ``rows`` as ExportDoc. A row whose meta is None (a long document's, not
    read with it: see LONG_DOCUMENT_CHARS) has it read by ``meta_pieces(doc_id)``: a
    :class:`LongDocument` when it holds the sentences of a column file, else read whole."""
    scanned = (None, None)  # the last long document's scan of its kept sentences, for its next record
    for doc_id, text, meta, annotator, _status, span_rows, relation_rows, all_edges in rows:
        if only is not None and doc_id not in only:
            continue
        relations = [Relation(r[0], doc_id, annotator, r[3], r[4], r[5]) for r in relation_rows]
        doc = None
        if meta is None:
            pieces = functools.partial(meta_pieces, doc_id)
            if options.exclude_segments or options.split_clitics:  # (both leave kept tokens aside)
                kept = None
            elif scanned[0] == doc_id:  # (another annotator's record of the same document)
                kept = scanned[1]
            else:
                kept = _scan_kept(pieces, text)
                scanned = (doc_id, kept)
            if kept is not None:
                doc = LongDocument(doc_id, text, kept.meta, annotator, None, relations, None, all_edges,
                                   span_rows=span_rows, status=_status, pieces=pieces, kept=kept)
            else:
                meta = "".join(pieces())
        if doc is None:
            meta = stored_meta(meta)
            doc = StoredDoc(doc_id, text, meta, annotator, None, relations, source_token_sentences(meta, text),
                            all_edges, span_rows=span_rows, status=_status)
        if options.exclude_segments:
            doc = _exclude_segments(doc, set(options.exclude_segments), report)
        if options.layers:
            kept = [s for s in doc.spans if s.layer in options.layers]
            ids = {s.id for s in kept}
            doc.relations = [r for r in doc.relations if r.from_id in ids and r.to_id in ids]
            doc.spans = kept
        report.documents += 1
        report.spans += doc.span_count()
        yield doc


COMPACT_META_CHARS = 1_000_000


class _ReadTokens(list):
    """A kept sentence's tokens, read as (start, end) tuples of ints (see stored_meta)."""

    __slots__ = ()


def stored_meta(meta: str) -> dict:
    """A document's meta as stored (JSON), read for an export: each sentence a token format's
    import kept has its tokens as (start, end) tuples and its columns' repeated values ("_",
    a POS tag, a relation) as one string each, made as the JSON is read (json.loads makes a
    list of every token and a string of every value: a document of a million tokens took 285
    MB to read, and as much again for the tuples and columns the token exports make of it).
    Only for a meta of COMPACT_META_CHARS or more: read so, the many small documents of a
    column file export with 15-40% more CPU (a call per sentence, a lookup per value)."""
    if len(meta) < COMPACT_META_CHARS:
        return json.loads(meta)
    return json.loads(meta, object_hook=functools.partial(_read_sentence, {}.setdefault))


_STRINGS = itertools.repeat(str)


def _read_sentence(one_string, obj: dict) -> dict:
    tokens = obj.get("tokens")
    if are_offset_pairs(tokens):
        obj["tokens"] = _ReadTokens(map(tuple, tokens))
    for key, kind in (("values", tuple), ("rows", list)):  # CoNLL's kept columns, CoNLL-U's rows
        rows = obj.get(key)
        if type(rows) is list and all(type(row) is list for row in rows):
            # (a row of strings alone: 1 and true, equal as keys, would be made one)
            obj[key] = [kind(map(one_string, row, row)) if all(map(isinstance, row, _STRINGS)) else row
                        for row in rows]
    return obj


LONG_DOCUMENT_CHARS = Project.LONG_TEXT_CHARS  # a token export reads the meta of a document this long on its own
PART_TOKENS = 20_000  # a long document's runs of sentences rendered at a time: about this many tokens


class LongDocument(StoredDoc):
    """A long document whose meta holds the sentences a column file's import kept (every
    token's offsets, and its columns or rows), which a token export renders a run of sentences
    at a time (:meth:`parts`), read from the meta as they come (see kept_sentences). Rendered
    whole, a document of a million tokens took 0.5-1.2 GB to export; in runs, about 100 MB.

    Its ``meta`` is the rest of the meta (the kept sentences left out) and it has no
    ``source_sentences``: only :meth:`parts` render it (see :func:`_rendered`)."""

    def __init__(self, *args, pieces: Callable[[], Iterable[str]], kept: KeptScan, **kwargs):
        super().__init__(*args, **kwargs)
        self._pieces = pieces  # the meta's text, in pieces, from its beginning each call
        self._kept = kept

    def parts(self, options: ExportOptions) -> Iterator[ExportDoc]:
        """The document as runs of its sentences, each an ExportDoc of its own with the same
        text, the kept sentences of the run as its meta's and as its source_sentences, and the
        spans and edges that begin in it. A run ends only where no span or edge of the
        exported layers reaches from the last token of a sentence to the next sentence's
        first token, so every run is tagged as the whole document would be."""
        layers = token_layers(options)
        from_rows = self._spans is None  # (asked for, spans are made of the rows: see StoredDoc)
        if from_rows:
            items, start_of = [r for r in self._rows if r[4] in layers], operator.itemgetter(6)
            bounds = [(r[6], r[7]) for r in items]
        else:
            items, start_of = [s for s in self._spans if s.layer in layers], operator.attrgetter("start")
            bounds = [(s.start, s.end) for s in items]
        edges = [edge for edge in self.all_edges or () if edge[2] in layers]
        counts, firsts = self._kept.counts, self._kept.firsts
        plan = _part_plan(counts, self._kept.lasts, firsts, bounds + [edge[:2] for edge in edges])
        order = sorted(range(len(items)), key=lambda k: start_of(items[k]))
        item_starts = [start_of(items[k]) for k in order]
        edge_starts = [edge[0] for edge in edges]
        strings: dict[str, str] = {}  # a run's repeated values as one string each (see stored_meta)
        sentences = read_kept(self._pieces(), functools.partial(_read_sentence, strings.setdefault), {})
        meta = self.meta
        for first, last in plan:
            strings.clear()
            taken = list(itertools.islice(sentences, last - first))
            tokens = [_sentence_tokens(sentence) for sentence in taken]
            if len(taken) != last - first or list(map(len, tokens)) != counts[first:last].tolist():
                raise ProjectError(f"document {self.doc_id!r} changed while it was exported: export again")
            low = firsts[first] if first else -1
            high = firsts[last] if last < len(counts) else len(self.text) + 1
            picked = sorted(order[bisect.bisect_left(item_starts, low):bisect.bisect_left(item_starts, high)])
            kept = [items[k] for k in picked]
            key = self._kept.key
            part_meta = {**meta, key: {**meta[key], "sentences": taken}}
            part_edges = None if self.all_edges is None else \
                edges[bisect.bisect_left(edge_starts, low):bisect.bisect_left(edge_starts, high)]
            if from_rows:
                part = StoredDoc(self.doc_id, self.text, part_meta, self.annotator, None, [], tokens, part_edges,
                                 span_rows=kept, status=self.status, first_sentence=first, whole=self)
            else:
                part = ExportDoc(self.doc_id, self.text, part_meta, self.annotator, kept, [], tokens, part_edges,
                                 status=self.status, first_sentence=first, whole=self)
            yield part
        for _ in sentences:  # (and the meta's reading ends)
            raise ProjectError(f"document {self.doc_id!r} changed while it was exported: export again")

    def in_document_order(self, notes: list[AlignmentNote], options: ExportOptions) -> list[AlignmentNote]:
        """The notes of the parts in the order rendering the whole document gives them: first
        the tokens cut at span edges, then the spans expanded or dropped, each in the spans'
        stored order, then, layer by layer, the overlapping spans dropped, in text order."""
        layers = token_layers(options)
        if self._rows is not None:
            placed = {r[1]: (k, r[4]) for k, r in enumerate(self._rows)}
        else:
            placed = {s.id: (k, s.layer) for k, s in enumerate(self._spans)}

        def key(note: AlignmentNote) -> tuple[int, int]:
            index, layer = placed.get(note.span_id, (0, layers[0]))
            if note.action == "overlap dropped":
                return 2 + layers.index(layer) if layer in layers else 2, 0
            return (0 if note.action == "split" else 1), index
        return sorted(notes, key=key)


@dataclass
class KeptScan:
    """What the first reading of a long document's kept sentences found (see _scan_kept)."""
    key: str  # which of TOKEN_SOURCES
    meta: dict  # the rest of the meta
    # of each kept sentence: its tokens, and the start of its first and of its last token
    counts: array.array
    firsts: array.array
    lasts: array.array


def _scan_kept(pieces: Callable[[], Iterable[str]], text: str) -> KeptScan | None:
    """The kept sentences of a long document's meta (``pieces()``), when it holds one token
    source's sentences whose tokens fit ``text`` as :func:`source_token_sentences` requires
    (and for CoNLL-U, rows in every sentence, as its writer requires to write them back);
    else None."""
    head: dict = {}
    counts, firsts, lasts = array.array("q"), array.array("q"), array.array("q")
    every_row = True
    reached = 0  # the end of the last token so far
    try:
        for sentence in read_kept(pieces(), None, head):  # (as json.loads makes them: checked in C below)
            tokens = sentence["tokens"]
            every_row = every_row and type(sentence.get("rows")) is list
            counts.append(len(tokens))
            if not tokens:
                firsts.append(reached)
                lasts.append(reached)
                continue
            bounds = list(itertools.chain.from_iterable(tokens))  # start, end, start, end, ...
            if set(map(type, bounds)) != _INT or set(map(len, tokens)) != _PAIR or type(tokens) is not list:
                bounds = list(itertools.chain.from_iterable(_sentence_tokens(sentence)))  # "1", 2.0, ...
            if not _fit(bounds, reached, len(text)):
                return None
            firsts.append(bounds[0])
            lasts.append(bounds[-2])
            reached = bounds[-1]
    except (NotKept, TypeError, ValueError, KeyError):
        return None
    if head["key"] == "conllu" and not every_row:
        return None
    return KeptScan(head["key"], head["meta"], counts, firsts, lasts)


_INT, _PAIR = {int}, {2}


def _part_plan(counts: array.array, lasts: array.array, firsts: array.array, bounds: list[tuple[int, int]],
               size: int | None = None) -> list[tuple[int, int]]:
    """(first, after the last) sentence of each run of a long document's sentences: about
    ``size`` tokens each (PART_TOKENS), ending only before a sentence with tokens where none of
    ``bounds`` (start, end of the spans and edges) reaches from before its first token past
    the start of the last token before it (so that neither a span nor IOB1's choice between B-
    and I- for a span right after another depends on the run before). Sentences without tokens
    go with the run before them."""
    size = PART_TOKENS if size is None else size
    bounds = sorted(bounds)
    starts = [a for a, _ in bounds]
    reach = list(itertools.accumulate((b for _, b in bounds), max))  # the furthest end of those so far
    plan: list[tuple[int, int]] = []
    begin = tokens = 0
    last_start = None  # the start of the last token so far
    for n, count in enumerate(counts):
        if not count:
            continue
        if tokens >= size and last_start is not None:
            before = bisect.bisect_left(starts, firsts[n])
            if not before or reach[before - 1] <= last_start:
                plan.append((begin, n))
                begin, tokens = n, 0
        tokens += count
        last_start = lasts[n]
    plan.append((begin, len(counts)))
    return plan


def _fit(bounds: list[int], reached: int, size: int) -> bool:
    """Whether a sentence's tokens (``bounds``: start, end, start, end, ...) fit a text of
    ``size`` characters after the end of the tokens before them (``reached``): each ends after
    it starts, none before the one before it ends."""
    return reached <= bounds[0] and bounds[-1] <= size and all(map(operator.le, bounds, bounds[1:])) \
        and all(map(operator.lt, bounds[0::2], bounds[1::2]))


def _sentence_tokens(sentence: dict) -> list[Token]:
    """A kept sentence's tokens as :func:`source_token_sentences` takes them."""
    tokens = sentence["tokens"]
    return tokens if type(tokens) is _ReadTokens else [(int(a), int(b)) for a, b in tokens]


def source_token_sentences(meta: dict, text: str) -> list[list[Token]] | None:
    """The tokenization a document was imported with (sentences of (start, end)), if it was
    imported from a token format and the stored tokens still fit its text."""
    for key in TOKEN_SOURCES:
        kept = meta.get(key)
        stored = kept.get("sentences") if isinstance(kept, dict) else None
        if not stored or not isinstance(stored, list):
            continue
        try:
            sentences = list(map(_sentence_tokens, stored))
        except (TypeError, ValueError, KeyError):
            return None
        bounds = list(itertools.chain.from_iterable(itertools.chain.from_iterable(sentences)))
        return sentences if not bounds or _fit(bounds, 0, len(text)) else None
    return None


def _exclude_segments(doc: ExportDoc, labels: set[str], report: ExportReport) -> ExportDoc:
    """Cut the text of segments with these labels; remap, clip or drop the other spans."""
    cut = sorted((s.start, s.end) for s in doc.spans if s.layer == "segment" and s.label in labels)
    if not cut:
        return doc
    merged: list[list[int]] = []
    for a, b in cut:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]
    removed_before = [0]
    for a, b in merged:
        removed_before.append(removed_before[-1] + b - a)

    def remap(offset: int) -> int:
        k = bisect.bisect_right(starts, offset) - 1
        if k >= 0 and offset < merged[k][1]:
            return merged[k][0] - removed_before[k]  # inside a cut: its start
        return offset - removed_before[k + 1]

    pieces, at = [], 0
    for a, b in merged:
        pieces.append(doc.text[at:a])
        at = b
    pieces.append(doc.text[at:])
    spans = []
    for span in doc.spans:
        if span.layer == "segment" and span.label in labels:
            continue
        start, end = remap(span.start), remap(span.end)
        if start >= end:
            report.note(doc.doc_id, span.id, doc.text[span.start:span.end], "dropped (inside an excluded segment)")
            continue
        if end - start != span.end - span.start:
            report.note(doc.doc_id, span.id, doc.text[span.start:span.end], "clipped (crosses an excluded segment)")
        spans.append(replace(span, start=start, end=end))
    ids = {s.id for s in spans}
    relations = [r for r in doc.relations if r.from_id in ids and r.to_id in ids]
    edges = None
    if doc.all_edges is not None:
        edges = [(remap(a), remap(b), layer) for a, b, layer in doc.all_edges]
        edges = [e for e in edges if e[0] < e[1]]
    # Offsets changed: a stored source tokenization no longer applies.
    return replace(doc, text="".join(pieces), spans=spans, relations=relations, source_sentences=None,
                   all_edges=edges, known_tokens=None)


def offset_converter(text: str, unit: str):
    """A function mapping code point offsets to the requested unit."""
    if unit == "codepoint":
        return lambda offset: offset
    if unit == "utf16":
        return Utf16Map(text).to_utf16
    raise ValueError(f"offset unit must be one of {', '.join(OFFSET_UNITS)}")


_OTHER = "\x00other-"  # ids of the other annotators' edges inside tokenized(): no real id has a NUL


@dataclass
class TokenizedDoc:
    sentences: list[list[Token]]  # token (start, end) per sentence
    tags: dict[str, list[list[str]]]  # layer -> tags per sentence, aligned with `sentences`
    ranges: dict[str, tuple[int, int]]  # span id -> (first, last + 1) in the flat token list


def tokenized(doc: ExportDoc, options: ExportOptions, layers: list[str], report: ExportReport) -> TokenizedDoc:
    """Tokens and per-layer tags of ``doc`` under the options' policy and scheme."""
    if doc.source_sentences is not None and not options.split_clitics:
        base_sentences = doc.source_sentences
    else:
        flat = tokenize(doc.text, split_clitics=options.split_clitics)
        base_sentences = split_sentences(doc.text, flat)
    flat = list(itertools.chain.from_iterable(base_sentences))
    spans = [s for s in doc.spans if s.layer in layers]
    # Cut tokens at the other annotators' edges too (as spans no note or tag is made for).
    others = [] if options.policy != "split" or not doc.all_edges else \
        [Span(f"{_OTHER}{k}", doc.doc_id, "", layer, "", a, b, {})
         for k, (a, b, layer) in enumerate(doc.all_edges) if layer in layers]
    tokens, ranges, notes = align(doc.text, flat, spans + others, options.policy, doc.doc_id)
    if others:
        notes = [n for n in notes if not n.span_id.startswith(_OTHER)]
        ranges = {k: v for k, v in ranges.items() if not k.startswith(_OTHER)}
    report.notes.extend(notes)
    if len(tokens) == len(flat):
        grouped = base_sentences  # nothing was cut
    else:
        # Cut tokens stay in their sentence: walk both lists once (both are in text order).
        grouped = []
        position = 0
        for sentence in base_sentences:
            end = sentence[-1][1] if sentence else -1
            group = []
            while position < len(tokens) and tokens[position][1] <= end:
                group.append(tokens[position])
                position += 1
            grouped.append(group)
    tags: dict[str, list[list[str]]] = {}
    for layer in layers:
        layer_spans = [s for s in spans if s.layer == layer]
        flat_tags, overlap_notes = tag_layer(len(tokens), layer_spans, ranges, options.scheme, doc.doc_id, doc.text)
        report.notes.extend(overlap_notes)
        per_sentence, at = [], 0
        for group in grouped:
            per_sentence.append(flat_tags[at:at + len(group)])
            at += len(group)
        tags[layer] = per_sentence
    return TokenizedDoc(grouped, tags, ranges)


@dataclass
class PlainTokens:
    """One layer's tokens and tags when no span needs more than a token cut (see
    :func:`plain_tokens`)."""
    starts: Sequence[int]  # every token's start, end and text, in order
    ends: Sequence[int]
    forms: list[str]
    sentence_ends: list[int]  # the index after each sentence's last token
    tags: dict[int, str]  # token index -> tag, for the tagged tokens only (the rest are O)
    notes: list[AlignmentNote]  # the tokens cut at a span edge ("split")
    gaps: list[str] | None = None  # what follows each token up to the next, when known already


def plain_tokens(doc: ExportDoc, options: ExportOptions, layer: str) -> PlainTokens | None:
    """What :func:`tokenized` gives for one layer, when the policy changes no span beyond
    cutting tokens at span edges (``split``): every span of the layer then starts and ends on
    token edges, and no two share a token. ``None`` otherwise (a span expanded, dropped or
    overlapping: :func:`tokenized` says what it did).

    Token exports spend most of their time per token; here the tokens stay as three lists and
    only the tagged tokens are visited, so that a writer can join the untagged runs in C.
    """
    text = doc.text
    gaps = None
    if doc.source_sentences is not None and not options.split_clitics:
        flat = list(itertools.chain.from_iterable(doc.source_sentences))
        starts, ends = starts_and_ends(flat)
        forms = list(map(text.__getitem__, itertools.starmap(slice, flat)))
        sentence_ends = list(itertools.accumulate(map(len, doc.source_sentences)))
    elif doc.known_tokens is not None and not options.split_clitics:
        starts, ends, forms, sentence_ends = doc.known_tokens  # read, never changed, here and below
    else:
        if options.split_clitics:
            starts, ends, forms = token_table(text, split_clitics=True)
        else:
            starts, ends, forms, gaps = token_table_and_gaps(text)
        sentence_ends = _sentence_ends(text, starts, ends, gaps is not None)
    layer_spans = doc.layer_spans(layer)  # (start, end, label, id)
    placed = sorted([span[:3] for span in layer_spans])
    tags = _plain_tags(placed, starts, ends, options.scheme)
    notes: list[AlignmentNote] = []
    if options.policy == "split":
        # As align() does: every edge inside a token cuts it, the other annotators' too
        # (their notes are theirs); the pieces stay in their token's sentence. Spans whose
        # tags were placed have their edges on tokens already: only the others are looked up.
        mine = {(start, end) for start, end, _ in placed}
        others = [(a, b) for a, b, edge_layer in doc.all_edges or () if edge_layer == layer and (a, b) not in mine]
        if tags is None or any(_inside_a_token(offset, starts, ends) for edge in others for offset in edge):
            starts, ends, forms, sentence_ends, notes = _cut_at_edges(doc, layer_spans, others, starts, ends, forms,
                                                                      sentence_ends)
            gaps = None  # (of the tokens before the cuts)
            tags = _plain_tags(placed, starts, ends, options.scheme)  # on the cut tokens
    if tags is None:
        return None
    return PlainTokens(starts, ends, forms, sentence_ends, tags, notes, gaps)


class PlainRecord:
    """A record :func:`plain_records` reads the short way, for the format's ``render_parts``
    (:class:`PlainParts` or :class:`PlainPieces`), not an :class:`ExportDoc`."""


@dataclass
class PlainParts(PlainRecord):
    """One record of :func:`plain_records`: the document's text as :func:`token_parts` gives
    it (gaps and tokens), the index after each sentence's last token, and the tagged tokens'
    tags (the rest are O). The records of one document share ``parts``: a writer fills the gaps'
    places and joins them before it takes the next record."""
    parts: list[str]
    sentence_ends: list[int]
    tags: dict[int, str]
    heading: bool = True  # the document's heading first (not for a long document's later runs)


def _sentence_ends(text: str, starts: list[int], ends: list[int], plain: bool) -> list[int]:
    """The index after each sentence's last token of a text's tokens (their starts and ends):
    for a plain text (see is_plain; an easy one is plain too), told from its characters in one
    pass; else from the tokens."""
    if not starts:
        return []
    if plain:
        return [*map(bisect.bisect_left, itertools.repeat(starts), plain_sentence_starts(text)), len(starts)]
    return sentence_starts(text, starts, ends) + [len(starts)]


def plain_records_apply(options: ExportOptions) -> bool:
    """Whether :func:`plain_records` can read an export with these options."""
    return len(token_layers(options)) == 1 and not options.exclude_segments and not options.split_clitics


def plain_records(project: Project, options: ExportOptions, first: int, last: int, only: set[str] | None,
                  report: ExportReport) -> Iterator[PlainRecord | ExportDoc]:
    """The records a one-layer token export writes of the documents at positions first..last,
    as :meth:`Project.export_rows` and :func:`plain_tokens` make them, read and tagged in far
    fewer steps: the spans of each (document, annotator) come as one JSON list, and a record
    is a :class:`PlainRecord` when no span needs more than the tokens (every span of the layer on
    token edges, none sharing a token, and with ``split``, no other annotator's edge inside a
    token). A document where one does not, that was imported with its own tokens, or that is
    long (see COMPACT_FROM) comes as :class:`ExportDoc` records read the usual way, for the
    general path. Call inside :meth:`Project.one_moment`. (9-10% less CPU than reading the
    rows, for spans on whole words; where most documents go the general path it costs more,
    and a worker stops using it for a while: see PLAIN_SHARE.)"""
    layer = token_layers(options)[0]
    # Each document's records, in order: plain ones, or for the general path the document's
    # rows whose spans and relations are read below, for all such documents of the range at
    # once (a query each per document made a range of them slower than reading it row by row).
    # Plain records before the first such document are given at once rather than held: a
    # range's pieces held until its end were megabytes of small strings written out of the
    # processor's caches (measured alternately: 8-20% more CPU than records rendered as they come).
    documents: list[tuple] = []
    for position, doc_id, text, meta, statuses, spans in project.token_export_rows(
            (first, last), layer, long_meta_from=LONG_DOCUMENT_CHARS):
        if only is not None and doc_id not in only:
            continue
        names = sorted(statuses.keys() | spans.keys())
        if names:
            taken = [name for name in names if (options.annotator is None or name == options.annotator)
                     and (options.status is None or statuses.get(name) == options.status)]
        else:  # nobody worked on it: one record without an annotator, unless the export filters
            taken = [None] if options.annotator is None and options.status is None else []
        if not taken:
            continue
        summaries = [spans.get(name) for name in taken]
        plain = tokens = None
        if meta is not None and len(text) < COMPACT_FROM and not _kept_tokens(meta):
            plain, tokens = _plain_parts(doc_id, text, summaries, list(spans.values()) if len(names) > 1 else [],
                                         options)
        if plain is not None and not documents:
            yield from _counted(plain, summaries, options, report)
        else:
            documents.append((True, plain, summaries) if plain is not None
                             else (False, doc_id, text, meta, statuses, tokens))
    if not documents:
        return
    spans_of, relations_of = project.work_rows([document[1] for document in documents if not document[0]])
    for document in documents:
        if document[0]:
            yield from _counted(document[1], document[2], options, report)
        else:
            _, doc_id, text, meta, statuses, tokens = document
            rows = document_records(doc_id, text, meta, statuses, spans_of.get(doc_id, []),
                                    relations_of.get(doc_id, []), options.annotator, options.status, True)
            for doc in _prepared(rows, options, report, only, project.meta_pieces):
                doc.known_tokens = tokens  # a word cut by a span edge, say: its tokens are made already
                yield doc


def _counted(records: list[PlainRecord], summaries: list, options: ExportOptions, report: ExportReport
             ) -> Iterator[PlainRecord]:
    """A document's plain records, each counted in ``report`` as it is given."""
    for record, summary in zip(records, summaries):
        report.documents += 1
        if isinstance(record, PlainPieces) and record.notes:
            report.notes.extend(record.notes)
        report.spans += summary[1 if options.layers else 0] if summary else 0
        yield record


def _kept_tokens(meta: str) -> bool:
    """Whether a document's meta (as stored, JSON) holds tokens an import kept (see
    source_token_sentences); parsed only when one of their keys is in its text."""
    if not any(f'"{key}"' in meta for key in TOKEN_SOURCES):
        return False
    parsed = json.loads(meta)
    return isinstance(parsed, dict) and any(key in parsed for key in TOKEN_SOURCES)


def _plain_parts(doc_id: str, text: str, summaries: list, everyone: list, options: ExportOptions
                 ) -> tuple[list[PlainRecord] | None, tuple | None]:
    """The PlainParts (PlainPieces for an easy or a plain text, or one with a few hard runs
    apart: see hard_runs_apart) of one document's records (``summaries``: each record's row of
    :meth:`Project.token_export_rows`, None for no spans; ``everyone``: every annotator's, when
    more than one worked on it), or None when one of them needs the general path; then also the
    document's tokens as :func:`plain_tokens` finds them (starts, ends, forms, sentence ends),
    when they were made, so that the general path need not make them again."""
    layer_spans = [_spans_of(summary) for summary in summaries]
    edges = set()
    split = options.policy == "split"
    if split and everyone:  # as plain_tokens cuts at the other annotators' edges
        for summary in everyone:
            edges.update(map(_FIRST_TWO, _spans_of(summary)))
    easy = is_easy(text)
    if easy or is_plain(text):
        if split:  # a span edge (or another annotator's) inside a token cuts it
            return _cut_pieces(text, doc_id, easy, layer_spans, edges, options.scheme), None
        return _easy_pieces(text, layer_spans, edges, options.scheme, None if easy else PlainWords()), None
    runs, found = hard_runs_apart(text)
    if runs is not None:
        return _easy_pieces(text, layer_spans, edges, options.scheme, runs), None
    parts, starts, ends = token_parts(text, found)
    sentence_ends = _sentence_ends(text, starts, ends, False)
    records = []
    for placed in layer_spans:
        tags = _plain_tags(placed, starts, ends, options.scheme)
        if tags is not None and edges:
            mine = set(map(_FIRST_TWO, placed))
            if any(_inside_a_token(offset, starts, ends) for edge in edges - mine for offset in edge):
                tags = None
        if tags is None:
            return None, (starts, ends, parts[1::2], sentence_ends)
        records.append(PlainParts(parts, sentence_ends, tags))
    return records, None


@dataclass
class PlainPieces(PlainRecord):
    """One record of an easy text (see :func:`is_easy`) as :func:`plain_records` gives it: its
    tokens as strings, in pieces between the offsets where a span begins or ends or a sentence
    begins (so that a writer can join each piece's lines in one step); for each piece inside a
    span, the tags of its first, middle and last token, and of its token when it has one; the
    pieces after which a sentence ends (the last one excepted). The records of one document
    share ``pieces`` and ``sentence_breaks``. ``notes``: the tokens the split policy cut at
    the record's span edges, as the general path notes them."""
    pieces: list[list[str]]
    tags: dict[int, tuple[str, str, str, str]]
    sentence_breaks: set[int]
    has_tokens: bool
    notes: list[AlignmentNote] = field(default_factory=list)


def easy_plain_parts(doc: ExportDoc, options: ExportOptions, layer: str) -> PlainPieces | None:
    """What :func:`plain_tokens` gives for ``layer``, as a :class:`PlainPieces` record (with the
    notes of the tokens it cut), for a document whose text is easy or plain (:func:`is_easy`,
    :func:`is_plain`) and whose spans need at most token cuts; None otherwise. (A text with hard
    runs is cut in pieces by plain_records only: it comes here when that could not be done, and
    would be looked at again.)"""
    if doc.source_sentences is not None or options.split_clitics:
        return None
    text = doc.text
    easy = is_easy(text)
    if not easy and not is_plain(text):
        return None
    # (start, end, label, id, and its place among the spans as stored, which orders the notes)
    placed = sorted([(*span, k) for k, span in enumerate(doc.layer_spans(layer))])
    if options.policy == "split":  # (whose cuts the pieces make too)
        mine = {(span[0], span[1]) for span in placed}
        others = {(a, b) for a, b, edge_layer in doc.all_edges or () if edge_layer == layer and (a, b) not in mine}
        records = _cut_pieces(text, doc.doc_id, easy, [placed], others, options.scheme)
    else:
        records = _easy_pieces(text, [placed], set(), options.scheme, None if easy else PlainWords())
    return records[0] if records else None


def _cut_pieces(text: str, doc_id: str, easy: bool, layer_spans: list[list[Sequence]],
                others: Iterable[tuple[int, int]], scheme: str) -> list[PlainPieces] | None:
    """The PlainPieces of each record's spans (start, end, label, id, place among the record's
    spans as stored; in order) of an easy or a plain text, where span edges inside tokens cut
    them as the split policy does (split_at_edges: each part of a cut token is a token of its
    own, also where the pattern would split it further), the other annotators' edges
    (``others``) too, as _cut_at_edges cuts and notes them (a note for each of the record's
    edges inside a token, in the spans' stored order). None when an edge is in white space or
    past the text, or two spans share a token: the general path's. (An English name before
    's, or an Arabic one after a proclitic, لتركيا: documents with such a span went through
    every token's offsets, reading their spans again row by row: English news where 60% of
    the documents have one took 1.8 times the CPU of the regex script.) Spans on whole words
    are told in a few steps for all of them, as _easy_pieces tells them."""
    words = PlainWords()  # (an easy text is plain: its tokens are the plain pattern's)
    hosts: dict[int, tuple[int, int]] = {}  # an edge inside a token -> that token
    spans = list(itertools.chain.from_iterable(layer_spans))
    starts, ends = list(map(_FIRST, spans)), list(map(_SECOND, spans))
    on_whole_words = spans_on_whole_words(text, starts, ends)
    notes_of = []
    for placed in layer_spans:
        notes: list[tuple[int, int, AlignmentNote]] = []
        if not on_whole_words and placed:
            found = words.hosts(text, placed)
            if found is None:
                return None
            for (start, end, _, span_id, order), (start_host, end_host) in zip(placed, found):
                for offset, host, side in ((start, start_host, 0), (end, end_host, 1)):
                    if host is not None:
                        hosts[offset] = host
                        notes.append((order, side, AlignmentNote(doc_id, span_id, text[host[0]:host[1]], "split")))
            notes.sort(key=_FIRST_TWO)  # by the span's place, its start before its end
        notes_of.append([note for _, _, note in notes])
    for edge in others:
        for offset in edge:
            host = words.host(text, offset)
            if host is not None:
                hosts[offset] = host
    sentence_begins = easy_sentence_starts(text) if easy else plain_sentence_starts(text)
    cut_tokens = set(hosts.values())
    cuts = sorted({*starts, *ends, *sentence_begins, *hosts, *itertools.chain.from_iterable(cut_tokens)})
    pieces = easy_pieces(text, cuts) if easy else plain_pieces(text, cuts)
    if cut_tokens:
        bounds = [0, *cuts]
        piece_at = dict(zip(cuts, range(1, len(cuts) + 1)))
        for start, end in cut_tokens:
            for k in range(piece_at[start], piece_at[end]):  # the pieces inside a cut token: one token each
                pieces[k] = [text[bounds[k]:bounds[k + 1]]]
    records = _tagged_pieces(pieces, cuts, sentence_begins, layer_spans, scheme)
    if records is not None:
        for record, notes in zip(records, notes_of):
            record.notes = notes
    return records


_FIRST_TWO = operator.itemgetter(0, 1)  # a span's (start, end); a note's (place, side)


def _easy_pieces(text: str, layer_spans: list[list[tuple[int, int, str]]], edges: set[tuple[int, int]], scheme: str,
                 runs: HardRuns | PlainWords | None = None) -> list[PlainPieces] | None:
    """The PlainPieces of each record's spans (start, end, label, ...; in order) of an easy text
    (or a plain one, with its PlainWords as ``runs``, or one with the hard ``runs`` apart), or None
    when a span does not start and end on token edges, two share a token, or an edge of
    ``edges`` (every annotator's, when the policy cuts at them) is inside a token. The text is
    cut at those offsets, told from the characters around them (see easy_edge; inside a hard
    run or a plain text's word, from its tokens), and around the runs, and each piece's tokens
    are taken as strings at once: no token's offsets are made (for a large export they cost
    more than the tokens' strings)."""
    spans = list(itertools.chain.from_iterable(layer_spans))
    starts, ends = list(map(_FIRST, spans)), list(map(_SECOND, spans))
    if starts and not easy_spans_on_tokens(text, starts, ends, runs):
        return None
    edge = easy_edge if runs is None else runs.edge
    for start, end in edges:
        if not (edge(text, start) and edge(text, end)):
            return None
    if runs is None:
        sentence_begins = easy_sentence_starts(text)
        cuts = sorted({*starts, *ends, *sentence_begins})
        pieces = easy_pieces(text, cuts)
    elif isinstance(runs, PlainWords):
        sentence_begins = plain_sentence_starts(text)
        cuts = sorted({*starts, *ends, *sentence_begins})
        pieces = plain_pieces(text, cuts)
    else:
        sentence_begins = runs_sentence_starts(text, runs)
        cuts = sorted({*starts, *ends, *sentence_begins, *runs.starts, *runs.nexts})
        pieces = runs_pieces(text, runs, cuts)
    return _tagged_pieces(pieces, cuts, sentence_begins, layer_spans, scheme)


def _tagged_pieces(pieces: list[list[str]], cuts: list[int], sentence_begins: list[int],
                   layer_spans: list[list[tuple[int, int, str]]], scheme: str) -> list[PlainPieces] | None:
    """The PlainPieces of each record's spans (start, end, label, ...; in order) on the
    ``pieces`` of a text cut at ``cuts`` (every span edge and sentence start among them), or None when two
    spans share a piece with tokens."""
    piece_at = dict(zip(cuts, range(1, len(cuts) + 1))).__getitem__  # offset -> the piece that begins there
    breaks = set(map(_BEFORE, map(piece_at, sentence_begins)))
    has_tokens = any(pieces)
    records = []
    for placed in layer_spans:
        # the span's pieces: first .. after - 1
        firsts = list(map(piece_at, map(_FIRST, placed)))
        afters = list(map(piece_at, map(_SECOND, placed)))
        if not all(map(operator.ge, firsts[1:], afters)):
            return None  # two spans on one token
        if scheme == "iob2":
            tags = _iob2_piece_tags(firsts, afters, placed)
        else:
            tags = _piece_tags(firsts, afters, placed, pieces, scheme)
        records.append(PlainPieces(pieces, tags, breaks, has_tokens))
    return records


_FIRST, _SECOND, _THIRD = operator.itemgetter(0), operator.itemgetter(1), operator.itemgetter(2)
_BEFORE = (-1).__add__
_PIECE_TAGS: dict[str, tuple[tuple[str, str, str, str], tuple[str, str, str, str]]] = {}  # label -> iob2's


def _iob2_piece_tags(firsts: list[int], afters: list[int], placed: list[tuple[int, int, str]]
                     ) -> dict[int, tuple[str, str, str, str]]:
    """The pieces' tags of spans in IOB2, in a few steps for all of them: most spans are one
    piece (a sentence beginning inside one cuts it in more)."""
    labels = list(map(_THIRD, placed))
    for label in set(labels).difference(_PIECE_TAGS):
        b, i, _, _ = _TAG_NAMES.get(label) or _tag_names(label)
        _PIECE_TAGS[label] = ((b, i, i, b), (i, i, i, i))
    kinds = list(map(_PIECE_TAGS.__getitem__, labels))
    tags = dict(zip(firsts, map(_FIRST, kinds)))
    if not all(map(operator.eq, map((1).__add__, firsts), afters)):  # a span of more than one piece
        for first, after, kind in zip(firsts, afters, kinds):
            for k in range(first + 1, after):
                tags[k] = kind[1]
    return tags


def _piece_tags(firsts: list[int], afters: list[int], placed: list[tuple[int, int, str]], pieces: list[list[str]],
                scheme: str) -> dict[int, tuple[str, str, str, str]]:
    """The pieces' tags of spans in IOB1 or BIOES: for each piece inside a span, the tags of
    its first, middle and last token, and of its token when it has only one."""
    tags: dict[int, tuple[str, str, str, str]] = {}
    taken_until = 0  # the piece after the last span's
    previous_label = None
    for first, after, label in zip(firsts, afters, map(_THIRD, placed)):
        b, i, e, s = _TAG_NAMES.get(label) or _tag_names(label)
        last = after - 1
        if scheme == "bioes":
            single = first == last and len(pieces[first]) == 1
            tags[first] = (b, i, e if first == last else i, s if single else b)
            for k in range(first + 1, last):
                tags[k] = (i, i, i, i)
            if last > first:
                tags[last] = (i, i, e, e)
        else:
            opening = b
            if scheme == "iob1" and not (previous_label == label and not any(pieces[taken_until:first])):
                opening = i  # iob1: B only right after a span of the label, no token between
            tags[first] = (opening, i, i, opening)
            for k in range(first + 1, after):
                tags[k] = (i, i, i, i)
        taken_until = after
        previous_label = label
    return tags


_json_loads = json.loads


def _spans_of(summary) -> list[list]:
    """[start, end, label, id, pk] of the layer's spans in a row of token_export_rows, in order
    (the key orders the notes of the tokens a record's spans cut as the general path, which
    reads them as stored, makes them)."""
    if summary is None or not summary[1]:
        return []
    return sorted(_json_loads(summary[2]))


def _inside_a_token(offset: int, starts: list[int], ends: list[int]) -> bool:
    k = bisect.bisect_right(starts, offset) - 1
    return k >= 0 and starts[k] < offset < ends[k]


def _plain_tags(placed: list[tuple[int, int, str]], starts: list[int], ends: list[int], scheme: str
                ) -> dict[int, str] | None:
    """{token index: tag} of spans (start, end, label) in order, or None when a span does not
    start and end on token edges or shares a token with another."""
    count = len(starts)
    bisect_left = bisect.bisect_left
    located = []
    for start, end, label, *_ in placed:
        first = bisect_left(starts, start)
        last = bisect_left(ends, end, first)
        if first >= count or last >= count or starts[first] != start or ends[last] != end:
            return None  # an edge off the tokens
        located.append((first, last, label))
    return _tags_of_tokens(located, scheme)


def _tags_of_tokens(located: Iterable[tuple[int, int, str]], scheme: str) -> dict[int, str] | None:
    """{token index: tag} of spans given by their first and last token and label, in order, or
    None when two share a token."""
    tags: dict[int, str] = {}
    taken_until = 0
    previous_end, previous_label = -1, None
    for first, last, label in located:
        if first < taken_until:
            return None  # two spans on one token
        taken_until = last + 1
        b, i, e, s = _TAG_NAMES.get(label) or _tag_names(label)
        if scheme == "iob2":
            tags[first] = b
        elif scheme == "iob1":
            tags[first] = b if previous_end == first and previous_label == label else i
        elif first == last:
            tags[first] = s
        else:
            tags[first] = b
            tags[last] = e
        for k in range(first + 1, last if scheme == "bioes" else last + 1):
            tags[k] = i
        previous_end, previous_label = taken_until, label
    return tags


_TAG_NAMES: dict[str, tuple[str, str, str, str]] = {}  # label -> its B-, I-, E- and S- tags (made once)


def _tag_names(label: str) -> tuple[str, str, str, str]:
    names = _TAG_NAMES[label] = (f"B-{label}", f"I-{label}", f"E-{label}", f"S-{label}")
    return names


def _cut_at_edges(doc: ExportDoc, layer_spans: list[tuple[int, int, str, str]], others: list[tuple[int, int]],
                  starts: list[int], ends: list[int], forms: list[str], sentence_ends: list[int]):
    """The token lists cut at every span edge inside a token (``layer_spans``: (start, end,
    label, id)), with align()'s notes."""
    cuts: dict[int, set[int]] = {}
    notes: list[AlignmentNote] = []
    edges = [(span_id, a, b) for a, b, _, span_id in layer_spans] + [(None, a, b) for a, b in others]
    for span_id, a, b in edges:
        for offset in (a, b):
            k = bisect.bisect_right(starts, offset) - 1
            if k >= 0 and starts[k] < offset < ends[k]:
                cuts.setdefault(k, set()).add(offset)
                if span_id is not None:
                    notes.append(AlignmentNote(doc.doc_id, span_id, forms[k], "split"))
    if cuts:
        starts, ends, forms, sentence_ends = _cut(doc.text, starts, ends, forms, sentence_ends, cuts)
    return starts, ends, forms, sentence_ends, notes


def _cut(text: str, starts: list[int], ends: list[int], forms: list[str], sentence_ends: list[int],
         cuts: dict[int, set[int]]) -> tuple[list[int], list[int], list[str], list[int]]:
    """The token lists with token k cut at each offset of cuts[k]."""
    new_starts: list[int] = []
    new_ends: list[int] = []
    new_forms: list[str] = []
    at = 0
    hosts = sorted(cuts)
    for k in hosts:
        new_starts += starts[at:k]
        new_ends += ends[at:k]
        new_forms += forms[at:k]
        a = starts[k]
        for offset in sorted(cuts[k]) + [ends[k]]:
            new_starts.append(a)
            new_ends.append(offset)
            new_forms.append(text[a:offset])
            a = offset
        at = k + 1
    new_starts += starts[at:]
    new_ends += ends[at:]
    new_forms += forms[at:]
    added = list(itertools.accumulate(len(cuts[k]) for k in hosts))  # tokens added up to each host
    shifted = []
    for end in sentence_ends:
        n = bisect.bisect_left(hosts, end)  # hosts before this sentence's end
        shifted.append(end + (added[n - 1] if n else 0))
    return new_starts, new_ends, new_forms, shifted


def token_layers(options: ExportOptions) -> list[str]:
    return list(options.layers) or ["entity"]


PARALLEL_FROM = 200  # documents; below this a process pool costs more than it saves
# Documents a worker takes at a time. Each range costs a transaction and four queries: from a
# PostgreSQL server, ranges of 32 took the CoNLL export of 10k documents 1.5-1.6 s against
# 1.3 s with 128 (the file's 1.27 → 1.18 s), measured in one run.
CHUNK = 128
CHUNK_CHARS = 1_000_000  # ... and about this many characters: runs of 32 long documents made
# a worker hold hundreds of megabytes of rendered text (measured on 250 documents of 180,000
# characters: CoNLL-U's largest process 252 MB with runs of 32 documents, 82 MB with this cap)
AHEAD = 3  # ranges in flight per worker
# How the workers start: None, as the platform starts processes (fork on Linux, spawn on Windows
# and macOS); spawn in a process running Qt (see process_start_method).
POOL_START_METHOD: str | None = None
WRITE_BUFFER = 1 << 20  # bytes gathered before each write to the export's file


def render_all(docs: Iterable[ExportDoc], render: Callable, options: ExportOptions, report: ExportReport,
               render_parts: Callable[[PlainRecord], str] | None = None, parts_beside: Path | None = None
               ) -> Iterator[bytes | RenderedRange]:
    """``render(doc, options) -> (text, notes, messages)`` for every document, in order, as
    UTF-8, a document at a time (a worker's text travels encoded once, and is written as it
    comes: no decoding and encoding again here).

    Token formats spend about a microsecond of pure Python per token; a large export read from
    a project (an :class:`ExportSource`) is rendered by a process per core. The documents are
    not sent to them: each worker opens the project read-only and reads its own ranges of
    document positions, so this process only writes what comes back (pickling the documents
    for the workers cost about as much CPU as rendering them, measured). ``render`` is a
    module-level function, so this works with the spawn start method of Windows and macOS too.
    Ranges go to the pool a few ahead of what has been written, never all at once, so memory
    stays bounded. A small export or one on one core is read the same way in this process;
    documents given as a list are rendered one by one.

    ``render_parts(record)`` writes a :class:`PlainRecord` as ``render`` would write its
    document: given, the workers read one-layer exports with :func:`plain_records`.

    With ``parts_beside`` (the file being written), workers write each range to a file of its
    own in a folder beside it and a :class:`RenderedRange` comes instead of its documents'
    bytes, for :func:`append_range` (see there).
    """
    workers = usable_cores()
    if isinstance(docs, ExportSource) and is_server_url(docs.project.location):
        # A worker waits for the database's answer to each range: one more keeps the cores
        # busy meanwhile, also where there is one (10k documents, CoNLL: 0.99-1.32× a file's
        # time with a worker per core, 1.06-1.09× with one more; the database on a core of its
        # own, 0.99-1.20× against 0.99-1.02×; measured alternately). A worker now asks for the
        # next part of its range before it renders this one (ServerProject.token_export_rows),
        # and one more still helps: on one core, idle 9-12% of the time without, 4% with.
        workers += 1
    reads_plain = render_parts is not None and plain_records_apply(options)
    if isinstance(docs, ExportSource) and (workers >= 2 or reads_plain):
        count, ranges = docs.position_ranges(CHUNK, CHUNK_CHARS)
        if workers >= 2 and count >= PARALLEL_FROM:
            yield from _render_ranges(docs, ranges, render, workers, render_parts if reads_plain else None,
                                      parts_beside)
            return
        if reads_plain:  # here, as a worker reads them (rows of a span each cost more)
            yield from _render_ranges_here(docs, ranges, render, render_parts)
            return
    for doc in docs.to_render() if isinstance(docs, ExportSource) else docs:
        yield from _rendered(doc, render, options, report)


def _rendered(doc: ExportDoc, render: Callable, options: ExportOptions, report: ExportReport) -> Iterator[bytes]:
    """``render`` of one document as UTF-8; of a :class:`LongDocument`, a run of sentences at a
    time, its notes in the whole document's order."""
    if not isinstance(doc, LongDocument):
        yield _collect(render(doc, options), report).encode("utf-8")
        return
    notes: list[AlignmentNote] = []
    for part in doc.parts(options):
        text, part_notes, messages = render(part, options)
        notes += part_notes
        report.messages.extend(messages)
        yield text.encode("utf-8")
    report.notes.extend(doc.in_document_order(notes, options))


def _render_ranges_here(source: ExportSource, ranges: list[tuple[int, int]], render: Callable,
                        render_parts: Callable) -> Iterator[bytes]:
    """The ranges read and rendered in this process as a worker would (:func:`_read_range`)."""
    report, progress = source.report, source.progress
    state = {"only": source.only}
    counted = report.documents
    for first, last in ranges:
        # (as they come: a long document's text is never held whole, see LongDocument)
        for data in _range_texts(source.project, state, render, render_parts, source.options, first, last, report):
            if progress is not None:
                for _ in range(report.documents - counted):
                    progress()
            counted = report.documents
            yield data
    if progress is not None:  # (records that wrote nothing)
        for _ in range(report.documents - counted):
            progress()


@dataclass
class RenderedRange:
    """A range of documents (the ``index``-th) a worker rendered: ``size`` bytes in a file of
    its own at ``path``, or already written in their place in the output (``path`` None; see
    :class:`OutputTurns`, which ``turns`` is where the ranges take turns)."""
    path: Path | None
    size: int
    index: int = 0
    turns: OutputTurns | None = field(default=None, compare=False, repr=False)


class OutputTurns:
    """The ranges of an export written in order into its file by the processes that render
    them: the next range's index and where it begins, shared by the workers and the writing
    process. A worker whose range is next when it is done writes it in its place itself;
    another writes it to a file of its own, which the writing process appends in its turn.

    Written to a file and copied, every range's bytes were written twice (measured, 10k
    documents: 0.07-0.10 s of CPU, about 4% of the export); the ranges of a pool of equal
    workers are mostly done in turn. Needs os.pwrite (not Windows, where ranges are appended
    by the writing process)."""

    def __init__(self, context):
        self.lock = context.Lock()
        self.state = context.RawArray("q", 2)  # the next range's index, the bytes written so far

    def write_in_turn(self, fd: int, index: int, data: bytes) -> bool:
        """Write ``data`` (range ``index``) at its place in the file open as ``fd``, if it is its
        turn; False if not."""
        with self.lock:
            if self.state[0] != index:
                return False
            _write_at(fd, memoryview(data), self.state[1])
            self.state[1] += len(data)
            self.state[0] = index + 1
        return True

    def append(self, fd: int, rendered: RenderedRange) -> None:
        """Copy a range's file to its place in the file open as ``fd``: it is its turn (the
        writing process takes the ranges in order, after the ranges before were written)."""
        with self.lock, open(rendered.path, "rb") as source:
            if self.state[0] != rendered.index:
                raise RuntimeError(f"range {rendered.index} appended out of turn ({self.state[0]} is next)")
            _copy_at(source.fileno(), fd, rendered.size, self.state[1])
            self.state[1] += rendered.size
            self.state[0] = rendered.index + 1


def _write_at(fd: int, data: memoryview, offset: int) -> None:
    while data:
        written = os.pwrite(fd, data, offset)
        data, offset = data[written:], offset + written


def _copy_at(source: int, fd: int, size: int, offset: int) -> None:
    """``size`` bytes of the file open as ``source`` to ``offset`` in ``fd``, copied by the
    system where it can (copy_file_range), else read and written."""
    copied = 0
    try:
        while copied < size:
            step = os.copy_file_range(source, fd, size - copied, copied, offset + copied)
            if not step:
                break
            copied += step
    except (AttributeError, OSError):  # not Linux, or a file system that cannot
        pass
    while copied < size:
        chunk = os.pread(source, min(WRITE_BUFFER, size - copied), copied)
        if not chunk:
            raise OSError(f"{size - copied} bytes missing at the end of a rendered range")
        _write_at(fd, memoryview(chunk), offset + copied)
        copied += len(chunk)


def _render_ranges(source: ExportSource, ranges: list[tuple[int, int]], render: Callable, workers: int,
                   render_parts: Callable | None, parts_beside: Path | None) -> Iterator[bytes | RenderedRange]:
    report = source.report
    waiting = enumerate(ranges)
    folder = turns = None
    if parts_beside is not None:
        # Beside the output: the export needs that room anyway, and the system's temporary
        # folder may be smaller (a few ranges are there at a time, each removed once appended).
        folder = Path(tempfile.mkdtemp(prefix=".annotator-export-parts-", dir=Path(parts_beside).resolve().parent))
    context = multiprocessing.get_context(process_start_method(POOL_START_METHOD))
    if folder is not None and hasattr(os, "pwrite"):
        turns = OutputTurns(context)
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_open_in_worker,
                                 initargs=(source.project.location, source.only,
                                           parts_beside if turns is not None else None, turns)) as pool:
            pending: collections.deque = collections.deque()

            def submit_next() -> None:
                index, taken = next(waiting, (None, None))
                if taken is not None:
                    pending.append(pool.submit(_render_range, render, render_parts, source.options, *taken, folder,
                                               index))

            try:
                for _ in range(AHEAD * workers):
                    submit_next()
                while pending:
                    rendered, part = pending.popleft().result()
                    submit_next()
                    report.documents += part.documents
                    report.spans += part.spans
                    report.notes.extend(part.notes)
                    report.messages.extend(part.messages)
                    if source.progress is not None:
                        for _ in range(part.documents):
                            source.progress()
                    if folder is None:
                        yield from rendered
                    else:
                        rendered.turns = turns
                        yield rendered
            finally:
                for future in pending:
                    future.cancel()
    finally:
        if folder is not None:  # after the pool has ended: no worker writes there any more
            shutil.rmtree(folder, ignore_errors=True)


def append_range(rendered: RenderedRange, out) -> None:
    """Append a worker's range to ``out`` (a binary file open for writing, which the workers
    write to as well when ``rendered.turns`` is set) and remove its file.

    Sending a range's megabytes back through the pool's pipe cost more CPU than rendering a
    tenth of them: pickled in the worker, copied through the pipe, unpickled here and written
    again (measured, 10k documents: 0.2-0.5 s of 3 s). Written in place by the worker, or to
    a file of its own and copied here by the system (copy_file_range), the bytes never pass
    through this process."""
    if rendered.turns is not None:
        if rendered.path is not None:
            rendered.turns.append(out.fileno(), rendered)
            os.unlink(rendered.path)
        return
    # No turns: no os.pwrite, so not Linux either (no copy_file_range); appended as it comes.
    with open(rendered.path, "rb") as source:
        shutil.copyfileobj(source, out, WRITE_BUFFER)
    os.unlink(rendered.path)


_WORKER: dict = {}  # in a worker process: the project it reads and the ids the export takes

# A worker reads its ranges with plain_records while most of their records take its short way.
# Where most do not — spans inside words, as in Arabic text whose annotators leave a proclitic
# out (ل|تركيا), or overlapping entities — that reading is wasted work before the usual one
# (a quarter more CPU on such a corpus, measured), so the next ranges are read row by row, and
# the short way is tried again every PROBE_EVERY ranges. Both ways write the same bytes.
PLAIN_SHARE = 0.75
PROBE_EVERY = 8


def _open_in_worker(path, only: set[str] | None, output: Path | None = None, turns: OutputTurns | None = None
                    ) -> None:
    keep_freed_memory()  # each range's megabytes are freed and allocated again (see there)
    _WORKER["only"] = only
    if turns is not None:  # the export's file, written in turns (see OutputTurns)
        _WORKER["turns"] = turns, os.open(output, os.O_WRONLY)
    try:
        _WORKER["project"] = Project.open(path, readonly=True)
    except ProjectError as exc:  # moved or removed since the export began, say
        # Raised by the first range instead, so that the export reports it: an exception
        # here would only break the pool.
        _WORKER["project"] = exc


def _render_range(render: Callable, render_parts: Callable | None, options: ExportOptions, first: int, last: int,
                  folder: Path | None = None, index: int = 0) -> tuple[list[bytes] | RenderedRange, ExportReport]:
    """In a worker: read and render the documents at positions first..last (each range is
    read in one transaction, so a document's spans are never half of an edit), each record
    as UTF-8 on its own: the range's text joined in one string and encoded took two more
    blocks of megabytes per range in the worker, and one in the writing process, each mapped
    and faulted in page by page (a third of the export's page faults, measured). With a
    ``folder``, the range (the ``index``-th) is written in its place in the export's file when
    it is its turn (see OutputTurns), else to a file in the folder, as it comes where the
    export's file is not written in turns (see append_range)."""
    report = ExportReport()
    project = _WORKER["project"]
    if isinstance(project, ProjectError):
        raise project
    texts: list[bytes] = []
    if folder is None:
        _read_range(project, _WORKER, render, render_parts, options, first, last, report, texts.append)
        return texts, report
    path = folder / f"{first}-{last}"
    if "turns" not in _WORKER:
        with open(path, "wb", buffering=WRITE_BUFFER) as out:
            _read_range(project, _WORKER, render, render_parts, options, first, last, report, out.write)
            return RenderedRange(path, out.tell(), index), report
    _read_range(project, _WORKER, render, render_parts, options, first, last, report, texts.append)
    data = b"".join(texts)
    del texts[:]
    turns, fd = _WORKER["turns"]
    if turns.write_in_turn(fd, index, data):
        return RenderedRange(None, len(data), index), report
    with open(path, "wb") as out:
        out.write(data)
    return RenderedRange(path, len(data), index), report


def _read_range(project: Project, state: dict, render: Callable, render_parts: Callable | None,
                options: ExportOptions, first: int, last: int, report: ExportReport, put: Callable[[bytes], object]
                ) -> None:
    """Read and render the documents at positions first..last: each record's UTF-8 (a long
    document's, a run of sentences at a time) goes to ``put`` as it is made (see
    :func:`_range_texts`)."""
    for data in _range_texts(project, state, render, render_parts, options, first, last, report):
        put(data)


def _range_texts(project: Project, state: dict, render: Callable, render_parts: Callable | None,
                 options: ExportOptions, first: int, last: int, report: ExportReport) -> Iterator[bytes]:
    """The UTF-8 of each record of the documents at positions first..last, as it is made.
    ``state`` holds the ids the export takes ("only") and how it reads the next ranges (see
    PLAIN_SHARE), from one range to the next."""
    by_rows = state.get("by_rows", 0)  # ranges still to read row by row
    try:
        with project.one_moment(), fewer_collections():  # the range's queries read one moment
            if render_parts is not None and not by_rows:
                plain = records = 0
                for record in plain_records(project, options, first, last, state["only"], report):
                    records += 1
                    if isinstance(record, PlainRecord):
                        plain += 1
                        yield render_parts(record).encode("utf-8")
                    else:
                        yield from _rendered(record, render, options, report)
                if plain < PLAIN_SHARE * records:
                    state["by_rows"] = PROBE_EVERY - 1
            else:
                state["by_rows"] = max(0, by_rows - 1)
                rows = project.export_rows(options.annotator, options.status, with_all_edges=True,
                                           positions=(first, last), long_meta_from=LONG_DOCUMENT_CHARS)
                for doc in _prepared(rows, options, report, state["only"], project.meta_pieces):
                    yield from _rendered(doc, render, options, report)
    except sqlite3.Error as exc:  # a storage failure, said as the export in one process says it
        raise ProjectError(explain_sqlite_error(exc, project.path)) from None


def _collect(result: tuple, report: ExportReport) -> str:
    text, notes, messages = result
    report.notes.extend(notes)
    report.messages.extend(messages)
    return text


def write_rendered(docs: Iterable[ExportDoc], out, options: ExportOptions, report: ExportReport,
                   render: Callable, render_parts: Callable | None = None) -> None:
    """Write every document's ``render`` output to ``out`` (a path), in order (see
    :func:`render_all` for ``render_parts``)."""
    # Documents come a few kilobytes at a time, each larger than the default buffer of 8 KB,
    # which would write each with a system call of its own (10,000 for as many documents).
    with out.open("wb", buffering=WRITE_BUFFER) as f, fewer_collections():
        for rendered in render_all(docs, render, options, report, render_parts, parts_beside=out):
            if isinstance(rendered, RenderedRange):
                append_range(rendered, f)
            else:
                f.write(rendered)
