"""A large import's input read and checked by a second process while this one writes.

Before SQLite writes a record, Python parses its line (``json.loads``), makes the document and
its spans, and runs every check that needs nothing from the project: offsets, characters,
duplicates, the schema (:func:`~annotator.store.bulk.check_fully`). For a native JSONL file
that costs about as much time as SQLite's writing (measured per 10,000 documents / 300,000
spans: ~1.6 s each), so a reading process does it while this one writes, and a large import
takes about the time of its writing alone. CoNLL and CoNLL-U files, slower to read than to
write, gain less (measured: 20% and 10%). Everything that asks the project — a document
already there, work met earlier in the same import — stays in the importing process, in the
input's order, exactly as without the worker: the import's all-or-nothing, its rejects and its
messages do not change.

Only files large enough to pay for a process start use it (with the spawn start method of
Windows and macOS a start imports the package again: a few tenths of a second).
"""

from __future__ import annotations

import multiprocessing
import pickle
import queue
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from annotator.core.collections_pause import fewer_collections
from annotator.core.model import AnnotatedDocument, StoredSpans, utf8_pieces
from annotator.core.schema import Schema
from annotator.core.worker_memory import keep_freed_memory
from annotator.store.bulk import CheckOptions, Checked, check_fully, document_weight
from annotator.store.process_results import ReaderEnded, next_result, only_taking, travelling, usable_cores
from annotator.store.project import ProjectError

# Imports whose reading a second process does while the importing one writes: large inputs
# (from WORKER_FROM_BYTES); measured 20-25% faster for JSONL and CoNLL (CoNLL-U about 10%).
READ_AHEAD_FORMATS = ("jsonl", "conll", "conllu")
WORKER_FROM_BYTES = 8_000_000  # inputs smaller than this are read in the importing process
CHUNK_RECORDS = 200  # records sent back at a time ...
CHUNK_CHARS = 4_000_000  # ... or about this many characters of text (see document_weight)
AHEAD = 4  # chunks the reader may run ahead of the importer (bounds both processes' memory)
POLL_SECONDS = 0.5  # how often a waiting importer checks that the reader is still alive


START_METHOD: str | None = None  # the platform's (tests try "spawn", as on Windows and macOS)


class ReaderStopped(ProjectError):
    """The reading process ended without finishing (killed, out of memory): the import fails
    and rolls back like any other."""


def read_checked(read: Callable[[], Iterable], sizes: Iterable[int], schema: Schema, options: CheckOptions,
                 keep_lines: bool = False, start_method: str | None = None, into_a_server: bool = False
                 ) -> Iterator:
    """The items of ``read()`` — records already checked against ``schema`` with ``options``
    (:class:`~annotator.store.bulk.Checked`), errors, skipped records — read in a second
    process when the input (``sizes``, in bytes) is large and the machine has a second core;
    otherwise ``read()``'s own items, which the import checks itself.

    ``read`` is called in the reading process, so it must be picklable (a module-level function,
    or a ``functools.partial`` of one) for Windows and macOS, which start processes by spawning.
    A record that passed the checks comes without its input line (``raw``, which doubles what
    travels) unless ``keep_lines``: only a rejects file shows the lines of records the import
    turns down for what the project holds. ``start_method``: how the process starts (the
    window asks for "spawn": forking a process that runs Qt's threads is unsafe).
    ``into_a_server``: the import writes to a server, and waits for it while it takes each
    batch (COPY): the reading process then reads meanwhile, on one core too. (Measured, 10k
    documents with the database on a core of its own and the import on the other: without it,
    the import's core idled while the database worked and the database while the import read,
    8.5 s where the work was 4.3 s on each side.)
    """
    if (usable_cores() < 2 and not into_a_server) or sum(sizes) < WORKER_FROM_BYTES:
        yield from read()
        return
    context = multiprocessing.get_context(start_method or START_METHOD)
    chunks = context.Queue(maxsize=AHEAD)
    reader = context.Process(target=_read_and_check, args=(read, schema, options, keep_lines, chunks),
                             daemon=True, name="annotator import reader")
    reader.start()
    only_taking(chunks)
    try:
        while True:
            try:
                chunk = _PiecesIn(chunks, reader).unpickled()
            except ReaderEnded as ended:
                raise ReaderStopped(f"the process reading the input stopped unexpectedly ({ended}); "
                                    "nothing imported") from None
            except _ChunkBroken:
                continue  # the reader could not pickle a chunk: what went wrong comes next
            if chunk is None:
                break
            if isinstance(chunk, BaseException):
                raise chunk
            yield from chunk
    finally:
        if reader.is_alive():
            reader.terminate()  # the import stopped early (failed, or interrupted): no more reading
        reader.join()
        chunks.close()


def _read_and_check(read: Callable[[], Iterable], schema: Schema, options: CheckOptions, keep_lines: bool,
                    chunks) -> None:
    """In the reading process: every item of ``read()``, checked, sent in pickled chunks; then None.

    A chunk is pickled by this thread, into pieces (see PIECE_BYTES): the queue's own thread
    then only copies each piece into its message and writes it to the pipe, without the
    interpreter lock (had it pickled the records, the two threads would fight for the lock:
    measured 40% slower). The queue holds a few chunks, so the reader works
    on while the importer writes to SQLite, and stops when it is that far ahead: memory stays
    bounded."""
    keep_freed_memory()  # a chunk's megabytes are freed and allocated again for the next
    try:
        schema_text = schema.to_toml()
        with fewer_collections():
            chunk: list = []
            chars = 0
            shared: dict[str, str] = {}  # strings of the chunk's spans (see StoredSpans.of)
            for item in read():
                if isinstance(item, AnnotatedDocument):
                    item = check_fully(item, schema, schema_text, options)
                    if not item.problems and not item.schema_problems:
                        if not keep_lines:
                            item.record.raw = None
                        if item.record.suggested_by is None:
                            item.record.spans = StoredSpans.of(item.record.spans, shared)
                    chars += document_weight(item.record.document)
                chunk.append(item)
                if len(chunk) >= CHUNK_RECORDS or chars >= CHUNK_CHARS:
                    _send_pickled(chunks, chunk)
                    chunk, chars, shared = [], 0, {}
                item = None  # (not held while the next record is read: it may be the whole file)
            _send_pickled(chunks, chunk)
        _send_pickled(chunks, None)
    except ImporterGone:
        # What waits in the queue will never be read: exit without waiting to write it.
        chunks.cancel_join_thread()
    except BaseException as exc:  # noqa: BLE001 - handed to the importing process, which raises it
        _send_pickled(chunks, travelling(exc))


class ImporterGone(Exception):
    pass


# A chunk travels pickled in pieces of about this many bytes, each a message of the queue, and
# is unpickled as its pieces come: its pickle is never whole in either process. (Whole, and
# copied again by the queue on each side, it was four times a chunk's size: a file that is
# one long document, three million CoNLL-U tokens, is a chunk of 73 MB — the reading process
# peaked at 381 MB, the importing one at 235 MB.)
PIECE_BYTES = 1 << 22
# what follows a piece: more of its chunk, the next chunk, or a chunk given up; or a piece of a
# long text, and that text's end
_MORE, _LAST, _BROKEN, _TEXT, _TEXT_END = range(5)
# A document's text this long travels on its own, ahead of its chunk, as its UTF-8 in pieces
# (PIECE_BYTES at most), and the reading process lets go of it before it pickles the rest:
# pickled, the text was made UTF-8 whole (44 MB for a document of four million Arabic tokens)
# beside the document, the reading process's peak.
LONG_TEXT_CHARS = 1 << 20


class _SentText:
    """Where a long text was in its chunk (it travelled ahead of the chunk's pickle)."""


class _ChunkBroken(Exception):
    """The reading process could not pickle a chunk whole (it sends what went wrong next)."""


class _PiecesOut:
    """The file the reading process pickles a chunk into: sent a piece at a time."""

    def __init__(self, chunks):
        self.chunks, self.piece = chunks, bytearray()

    def write(self, data) -> int:
        size = len(data)
        if len(self.piece) + size < PIECE_BYTES:
            self.piece += data
            return size
        view = memoryview(data)
        taken = PIECE_BYTES - len(self.piece)  # a piece filled, then whole pieces cut from data
        self.piece += view[:taken]
        _send(self.chunks, (bytes(self.piece), _MORE))
        while size - taken >= PIECE_BYTES:
            _send(self.chunks, (bytes(view[taken:taken + PIECE_BYTES]), _MORE))
            taken += PIECE_BYTES
        self.piece = bytearray(view[taken:])
        return size

    def close(self) -> None:
        _send(self.chunks, (bytes(self.piece), _LAST))


def _send_long_texts(chunks, chunk: list) -> None:
    """Send the long texts of the chunk's documents, each as its UTF-8 in pieces, and leave a
    _SentText in each one's place (the importing process puts them back in order)."""
    step = max(1, PIECE_BYTES // 4)  # characters whose UTF-8 fits in a piece
    for item in chunk:
        document = item.record.document if isinstance(item, Checked) else None
        if document is None or len(document.text) < LONG_TEXT_CHARS:
            continue
        text, document.text = document.text, _SentText()
        for piece in utf8_pieces(text, step, "surrogatepass"):
            _send(chunks, (piece, _TEXT))
        _send(chunks, (b"", _TEXT_END))


def _send_pickled(chunks, chunk) -> None:
    if isinstance(chunk, list):
        _send_long_texts(chunks, chunk)
    out = _PiecesOut(chunks)
    try:
        pickle.Pickler(out, pickle.HIGHEST_PROTOCOL).dump(chunk)
    except ImporterGone:
        raise
    except BaseException:
        _send(chunks, (b"", _BROKEN))  # what the importer took of it is dropped
        raise
    out.close()


class _PiecesIn:
    """The file the importing process unpickles a chunk from: its pieces taken from the queue
    as the unpickler reads them (a read of a megabyte string gathers the pieces it spans)."""

    def __init__(self, chunks, reader):
        self.chunks, self.reader = chunks, reader
        self.piece, self.at, self.last = b"", 0, False
        self.texts: list[str] = []  # the chunk's long texts, which came ahead of its pickle
        self.text_parts: list[str] = []

    def unpickled(self):
        """The chunk, its long texts back in place; then its last piece taken (empty, when the
        pickle filled the one before)."""
        chunk = pickle.Unpickler(self).load()
        while self._next_piece():
            pass
        if self.texts:
            texts = iter(self.texts)
            self.texts = []
            for item in chunk:
                if isinstance(item, Checked) and isinstance(item.record.document.text, _SentText):
                    item.record.document.text = next(texts)
        return chunk

    def _next_piece(self) -> bool:
        if self.last:
            return False  # the chunk's end: nothing more is its
        while True:
            piece, what = next_result(self.chunks, self.reader, POLL_SECONDS)
            if what == _TEXT:
                self.text_parts.append(piece.decode("utf-8", "surrogatepass"))  # (whole characters each)
            elif what == _TEXT_END:
                self.texts.append("".join(self.text_parts))
                self.text_parts = []
            else:
                break
        if what == _BROKEN:
            raise _ChunkBroken
        self.piece, self.at, self.last = piece, 0, what == _LAST
        return True

    def read(self, size: int = -1) -> bytes:
        if size < 0:
            raise ValueError("a chunk is read by size")
        end = self.at + size
        if end <= len(self.piece):
            self.at = end
            return self.piece[end - size:end]
        parts = bytearray(memoryview(self.piece)[self.at:])
        self.at = len(self.piece)
        while len(parts) < size and self._next_piece():
            self.at = min(size - len(parts), len(self.piece))
            parts += memoryview(self.piece)[:self.at]
        return bytes(parts)

    def readline(self) -> bytes:  # (an unpickler asks for it; a pickle of protocol 2 or later has no line to read)
        raise pickle.UnpicklingError("a chunk's pickle has no line to read")


def _send(chunks, data) -> None:
    """Put ``data`` in the queue, waiting while it is full; should the importing process die
    meanwhile (killed), stop instead of waiting for ever."""
    while True:
        try:
            chunks.put(data, timeout=POLL_SECONDS)
            return
        except queue.Full:
            parent = multiprocessing.parent_process()
            if parent is not None and not parent.is_alive():
                raise ImporterGone from None


def input_sizes(paths: Iterable[Path]) -> list[int]:
    sizes = []
    for path in paths:
        try:
            sizes.append(path.stat().st_size)
        except OSError:
            sizes.append(0)  # the reader names what is wrong with it
    return sizes
