"""The sentences a column file's import kept in a long document's meta, read from the meta's
JSON as it comes in pieces, a sentence at a time (and any such JSON checked the same way, for
the JSONL export, which writes it out as stored).

A document of a million tokens keeps 33 MB of JSON (CoNLL: offsets and columns) or 92 MB
(CoNLL-U: every row); one character past Latin-1 makes that a Python string of twice the size,
and parsed, it took 200-360 MB more. A token export reads it here instead, twice: once to check
the tokens as :func:`annotator.formats.export.source_token_sentences` checks them and to note
where each sentence's tokens lie, once to render runs of sentences as they are read (see
:class:`annotator.formats.export.LongDocument`). What is held is a window of the text (a
piece or two) and the sentences of one run.

The json module has no reader for a value that comes in pieces (ijson would be one more
dependency, and reads a token at a time in Python: slower than parsing each sentence in C with
``raw_decode``, as here). Only the outer two objects are walked by hand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator

from annotator.core.model import TOKEN_SOURCES, EncodedJSON, JSONItems

_SPACE = re.compile(r"[ \t\n\r]*")
_FOLLOWS = frozenset(" \t\n\r,]}:")  # what may follow a value (":" a member's name)


class NotKept(Exception):
    """The meta is not one token source's object with a list of sentences (or is not JSON):
    the export reads it whole, the usual way, which says what is wrong with it."""


class _Window:
    """A JSON text that comes in pieces, read forward: the part not read yet, and a little
    before it."""

    def __init__(self, pieces: Iterable[str], object_hook: Callable | None):
        self._pieces = iter(pieces)
        self._buffer = ""
        self._base = 0  # where the buffer begins in the whole text
        self._keep = 0  # what is before this is not needed again
        self._ended = False
        self._decode = json.JSONDecoder(object_hook=object_hook).raw_decode

    def _more(self, least: int = 1) -> bool:
        """Take the next pieces, ``least`` characters of them if there are (False at the end of
        the text). A value read again with more each time it was cut (a document's text of
        megabytes, in pieces of 64 KB) is given as much again as was read of it: read again
        after each piece, it was read and copied a hundred times."""
        taken: list[str] = []
        size = 0
        while not self._ended and (size < least or not taken):
            piece = next(self._pieces, None)
            if piece is None:
                self._ended = True
            elif piece:
                taken.append(piece)
                size += len(piece)
        if not taken:
            return False
        drop = self._keep - self._base
        self._buffer = "".join((self._buffer[drop:], *taken))
        self._base += drop
        return True

    def forget_before(self, at: int) -> None:
        self._keep = at

    def char(self, at: int) -> str:
        """The character at ``at`` ("" at the end of the text)."""
        while at - self._base >= len(self._buffer):
            if not self._more():
                return ""
        return self._buffer[at - self._base]

    def skip_space(self, at: int) -> int:
        while True:
            local = _SPACE.match(self._buffer, at - self._base).end()
            if local < len(self._buffer) or not self._more():
                return local + self._base

    def value(self, at: int) -> tuple[object, int]:
        """The JSON value that begins at ``at``, and where it ends. A value must be followed by
        white space, a comma, a bracket or the end of the text: one that is not might go on in
        the next piece (a number cut as "1." or "12"), and is read again with more."""
        while True:
            try:
                value, end = self._decode(self._buffer, at - self._base)
            except json.JSONDecodeError as exc:
                if self._more(len(self._buffer) - (at - self._base)):
                    continue
                raise NotKept(str(exc)) from None
            if end < len(self._buffer) and self._buffer[end] in _FOLLOWS:
                return value, end + self._base
            if not self._more():
                if end < len(self._buffer):
                    raise NotKept(f"unexpected {self._buffer[end]!r} at character {end + self._base}")
                return value, end + self._base

    def expect(self, at: int, char: str) -> int:
        """The position after ``char``, which must be at ``at``."""
        if self.char(at) != char:
            raise NotKept(f"expected {char!r} at character {at}")
        return at + 1


def _members(window: _Window, at: int, once: bool = False) -> Iterator[tuple[str, int]]:
    """The members of the JSON object at ``at``: each one's name and where its value begins;
    the caller reads the value and sends back where it ends. Returns where the object ends.
    ``once``: a name given twice raises NotKept (json.loads would take the last)."""
    names: set[str] = set()
    at = window.skip_space(window.expect(at, "{"))
    if window.char(at) == "}":
        return at + 1
    while True:
        if window.char(at) != '"':
            raise NotKept(f"expected a name at character {at}")
        name, at = window.value(at)
        if once:
            if name in names:
                raise NotKept(f"{name!r} twice")
            names.add(name)
        at = window.skip_space(window.expect(window.skip_space(at), ":"))
        at = yield name, window.skip_space(at)
        at = window.skip_space(at)
        following = window.char(at)
        if following == "}":
            return at + 1
        at = window.skip_space(window.expect(at, ","))


def read_kept(pieces: Iterable[str], object_hook: Callable | None, head: dict) -> Iterator[dict]:
    """The sentences of a meta (JSON, in ``pieces``) that holds exactly one of TOKEN_SOURCES,
    as an object with a non-empty list "sentences" of objects, read one by one with
    ``object_hook``. When they have all been given, ``head`` holds "key" (that source) and
    "meta" (the rest of the meta, parsed: the source's object without its sentences). Raises
    NotKept for any other meta (a member named twice, say, which json.loads would take the
    last of)."""
    window = _Window(pieces, object_hook)
    meta: dict = {}
    key = None
    outer = _members(window, window.skip_space(0), once=True)
    at = None
    try:
        while True:
            name, at = outer.send(at)
            if name not in TOKEN_SOURCES:
                meta[name], at = window.value(at)
                continue
            if key is not None:
                raise NotKept("two token sources")
            key = name
            kept: dict = {}
            inner = _members(window, at, once=True)
            at = None
            try:
                while True:
                    member, at = inner.send(at)
                    if member != "sentences":
                        kept[member], at = window.value(at)
                        continue
                    kept[member] = []
                    at = yield from _sentences(window, at)
            except StopIteration as end:
                at = end.value
            if "sentences" not in kept:
                raise NotKept("no sentences")
            meta[name] = kept
    except StopIteration as end:
        at = end.value
    if key is None:
        raise NotKept("no token source")
    if window.char(window.skip_space(at)):
        raise NotKept("more after the meta's object")
    head["key"], head["meta"] = key, meta


def _sentences(window: _Window, at: int) -> Iterator[dict]:
    """The objects of the JSON array at ``at``; returns where it ends."""
    if window.char(window.skip_space(window.expect(at, "["))) == "]":
        raise NotKept("no sentences")

    def an_object(at: int) -> None:
        if window.char(at) != "{":
            raise NotKept(f"a sentence that is not an object at character {at}")

    return (yield from _elements(window, at, an_object))


def _elements(window: _Window, at: int, check: Callable[[int], None] | None = None) -> Iterator[object]:
    """The values of the JSON array at ``at``, read one by one (``check``: called with where
    each begins, before it is read); returns where the array ends."""
    at = window.skip_space(window.expect(at, "["))
    if window.char(at) == "]":
        return at + 1
    while True:
        if check is not None:
            check(at)
        element, at = window.value(at)
        window.forget_before(at)
        yield element
        at = window.skip_space(at)
        following = window.char(at)
        if following == "]":
            return at + 1
        at = window.skip_space(window.expect(at, ","))


def read_record(pieces: Iterable[str]) -> dict:
    """A JSON object (a JSONL record, its line in ``pieces``) as json.loads reads it, but for
    the sentences a token source in its "meta" keeps ({"conllu": {"sentences": [...]}}): read
    one by one and held as an EncodedJSON of their JSON, as a column file's import holds them.
    Our JSONL export of a document of a million tokens is a line of 100 MB; read whole, the
    line and its rows took 1.4 GB. What is held is a window of the line, the record's other
    values (its text and spans) and the sentences compressed (JSONItems). Raises NotKept for
    a line json.loads would refuse or read otherwise (a name twice, of which it takes the
    last): the caller reads such a line whole, and says what is wrong with it."""
    window = _Window(pieces, None)
    record, at = _object(window, window.skip_space(0), _record_value)
    if window.char(window.skip_space(at)):
        raise NotKept(f"more after the record at character {at}")
    return record


_Reader = Callable[[_Window, str, int], tuple[object, int]]


def _object(window: _Window, at: int, read: _Reader) -> tuple[dict, int]:
    """The JSON object at ``at``, each member's value read by ``read(window, name, at)``, and
    where the object ends."""
    obj: dict = {}
    members = _members(window, at, once=True)
    end = None
    try:
        while True:
            name, at = members.send(end)
            obj[name], end = read(window, name, at)
            window.forget_before(end)
    except StopIteration as stop:
        return obj, stop.value


def _record_value(window: _Window, name: str, at: int) -> tuple[object, int]:
    if name == "meta" and window.char(at) == "{":
        return _object(window, at, _meta_value)
    return window.value(at)


def _meta_value(window: _Window, name: str, at: int) -> tuple[object, int]:
    if name in TOKEN_SOURCES and window.char(at) == "{":
        return _object(window, at, _kept_value)
    return window.value(at)


def _kept_value(window: _Window, name: str, at: int) -> tuple[object, int]:
    if name != "sentences" or window.char(at) != "[":
        return window.value(at)
    items = JSONItems()
    tokens = 0
    elements = _elements(window, at)
    try:
        while True:
            sentence = next(elements)
            # (written as json.dumps writes the whole meta: stored as the line read whole was)
            items.append(json.dumps(sentence, ensure_ascii=False))
            if isinstance(sentence, dict) and isinstance(sentence.get("tokens"), list):
                tokens += len(sentence["tokens"])
    except StopIteration as stop:
        end = stop.value
    return (EncodedJSON(items, tokens) if len(items) else []), end


def check_json(pieces: Iterable[str], depth: int = 3) -> None:
    """Raise NotKept unless ``pieces`` make one JSON value (as json.loads reads it), read a
    member or an element at a time down to ``depth`` levels, so that what is held is one value
    that deep (a kept sentence of a meta), never the whole."""
    window = _Window(pieces, _dropped)
    at = _checked(window, window.skip_space(0), depth)
    if window.char(window.skip_space(at)):
        raise NotKept(f"more after the value at character {at}")


def _dropped(_obj: dict) -> None:
    return None


def _checked(window: _Window, at: int, depth: int) -> int:
    """Check the JSON value at ``at``; where it ends."""
    opening = window.char(at)
    if depth and opening == "{":
        members = _members(window, at)
        end = None
        try:
            while True:
                _name, at = members.send(end)
                end = _checked(window, at, depth - 1)
        except StopIteration as stop:
            return stop.value
    if depth and opening == "[":
        at = window.skip_space(at + 1)
        if window.char(at) == "]":
            return at + 1
        while True:
            at = window.skip_space(_checked(window, at, depth - 1))
            following = window.char(at)
            if following == "]":
                return at + 1
            at = window.skip_space(window.expect(at, ","))
    _value, end = window.value(at)
    window.forget_before(end)
    return end
