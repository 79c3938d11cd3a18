"""Checks every incoming record passes, whatever format or teammate's file it came from.

Readers check the shape of their format; these check what no project may hold: lone
surrogates (Python reads ``"a\\ud800b"`` from JSON happily, SQLite and every UTF-8 writer then
fail), control characters in ids, annotator names and labels (a newline in an id breaks every
line-oriented export, ESC reaches terminals), and ids no file system or table could show.
"""

from __future__ import annotations

import re
from itertools import chain
from operator import attrgetter
from typing import Any

from annotator.core.model import STATUSES, AnnotatedDocument, decoded_meta, iter_spliced_pieces

MAX_NAME_LENGTH = 1000
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_SPAN_NAMES = attrgetter("id", "layer", "label")
_RELATION_NAMES = attrgetter("id", "label", "from_id", "to_id")
_HAS_ATTRS = attrgetter("attrs")


def lone_surrogate_at(text: str) -> int | None:
    # Encoding fails exactly at a lone surrogate, and is faster than a search on long texts;
    # a piece at a time (whole, the encoder first reserves three bytes a character of a text
    # that is not Latin-1: 50 MB for a treebank's 16 million characters).
    for at in range(0, max(len(text), 1), _ENCODED_AT_ONCE):
        try:
            text[at:at + _ENCODED_AT_ONCE].encode("utf-8")
        except UnicodeEncodeError as exc:
            return at + exc.start
    return None


_ENCODED_AT_ONCE = 1 << 20


def name_problem(value: object, what: str) -> str | None:
    """Why ``value`` cannot be an id, an annotator name or a label, or None."""
    if not isinstance(value, str) or not value.strip():
        return f"{what} must be a non-empty string"
    shown = ascii(value) if len(value) <= 80 else ascii(value[:80]) + "…"
    if len(value) > MAX_NAME_LENGTH:
        return f"{what} {shown} is longer than {MAX_NAME_LENGTH} characters"
    if lone_surrogate_at(value) is not None:
        return f"{what} {shown} contains a lone surrogate (not a Unicode character)"
    control = _CONTROL.search(value)
    if control:
        return (f"{what} {shown} contains the control character U+{ord(control.group()):04X}; "
                "ids, annotator names and labels cannot hold one")
    return None


def first_control_character(value: str) -> str | None:
    """The first C0 or C1 control character in ``value`` (tab and line breaks included), or None."""
    control = _CONTROL.search(value)
    return control.group() if control else None


def _surrogate_in(value: Any, where: str, depth: int = 0) -> str | None:
    """The first lone surrogate in a JSON-like value (strings, keys, lists, objects)."""
    if isinstance(value, str):
        at = lone_surrogate_at(value)
        return None if at is None else f"{where} contains a lone surrogate at character {at}"
    if isinstance(value, dict):
        for key, item in value.items():
            found = _surrogate_in(key, f"{where} key", depth + 1) or _surrogate_in(item, f"{where}.{key!a}", depth + 1)
            if found:
                return found
    elif isinstance(value, list):
        for n, item in enumerate(value):
            found = _surrogate_in(item, f"{where}[{n}]", depth + 1)
            if found:
                return found
    return None


def _surrogate_in_meta(meta: dict, where: str) -> str | None:
    """:func:`_surrogate_in`, with a fast path: a value that JSON and UTF-8 encode whole (in C)
    holds none. A treebank document's meta keeps every token row: walking its strings one by
    one took 40% of a CoNLL-U import."""
    try:
        for piece in iter_spliced_pieces(meta):  # (a long document's kept sentences a block at a time)
            piece.encode("utf-8")
        return None
    except (UnicodeEncodeError, TypeError, ValueError, RecursionError):
        return _surrogate_in(decoded_meta(meta), where)  # says where it is (or finds nothing wrong)


def record_problems(record: AnnotatedDocument) -> list[str]:
    """What in ``record`` no project may store (checked before the schema and offsets)."""
    doc = record.document
    problems = []
    problem = name_problem(doc.id, "document id")
    if problem:
        return [problem]
    if not isinstance(doc.text, str):
        return [f"document {doc.id!r}: the text must be a string"]
    if not isinstance(doc.meta, dict):
        return [f"document {doc.id!r}: meta must be an object"]
    at = lone_surrogate_at(doc.text)
    if at is not None:
        problems.append(f"document {doc.id!r}: the text contains a lone surrogate at character {at} "
                        "(not a Unicode character; was the file cut in the middle of a UTF-16 pair?)")
    found = _surrogate_in_meta(doc.meta, "meta")
    if found:
        problems.append(f"document {doc.id!r}: {found}")
    if record.annotator is not None:
        problem = name_problem(record.annotator, "annotator name")
        if problem:
            problems.append(f"document {doc.id!r}: {problem}")
    if record.status is not None and record.status not in STATUSES:
        problems.append(f"document {doc.id!r}: status must be one of {', '.join(STATUSES)} (got {record.status!a})")
    if record.suggested_by is not None:
        problem = name_problem(record.suggested_by, "source")
        if problem:
            problems.append(f"document {doc.id!r}: {problem}")
    # One pass over all the names in C (an import checks millions of spans); each name on its
    # own, to say what is wrong, only when that pass finds something.
    span_names = list(chain.from_iterable(map(_SPAN_NAMES, record.spans)))
    relation_names = list(chain.from_iterable(map(_RELATION_NAMES, record.relations)))
    if not _all_plain(span_names + relation_names):
        whats = [*("span id", "layer", "label") * len(record.spans),
                 *("relation id", "relation type", "relation 'from'", "relation 'to'") * len(record.relations)]
        for value, what in zip(span_names + relation_names, whats):
            problem = name_problem(value, what)
            if problem:
                problems.append(f"document {doc.id!r}: {problem}")
    for span in filter(_HAS_ATTRS, record.spans):
        found = _surrogate_in(span.attrs, f"span {span.id!a} attrs")
        if found:
            problems.append(f"document {doc.id!r}: {found}")
    return problems


# Names already found usable (labels, layers, and ids such as T1 recur in every record).
_PLAIN_NAMES: set[str] = set()


def _all_plain(values: list) -> bool:
    """True when every value is a usable name: a string, not blank, not too long, with no
    control character or lone surrogate."""
    if set(map(type, values)) - {str}:
        return False
    values = set(values).difference(_PLAIN_NAMES)
    if not values:
        return True
    if not all(map(str.strip, values)) or max(map(len, values)) > MAX_NAME_LENGTH:
        return False
    joined = " ".join(values)
    if _CONTROL.search(joined) or lone_surrogate_at(joined) is not None:
        return False
    if len(_PLAIN_NAMES) > 100_000:  # bounded: unique ids (UUIDs) would otherwise pile up
        _PLAIN_NAMES.clear()
    _PLAIN_NAMES.update(values)
    return True
