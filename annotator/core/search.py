"""Finding text in a document, optionally ignoring harakat, tatweel and letter variants.

Arabic is often written with and without diacritics (كَتَبَ / كتب), with decorative tatweel
(كتـــاب), and with the hamza forms of alef, final ى/ي and ة/ه written interchangeably
(أحمد / احمد, مصطفى / مصطفي, مدرسة / مدرسه). Matching works on a folded copy of both text and
query, with a map from folded positions back to code point offsets, so results are spans of the
stored text and always land on grapheme boundaries.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

import regex

from annotator.core.offsets import snap_to_graphemes

TATWEEL = "\u0640"
# One letter for another, so folding keeps every offset: the alef forms (أ إ آ ٱ and the
# rarer ٲ ٳ) are alef, alef maqsura is ya.
LETTER_VARIANTS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ى": "ي"})
TA_MARBUTA = str.maketrans({"ة": "ه"})


# Harakat and other combining marks (Mn), and tatweel. The regex module's Unicode tables, not
# unicodedata's, so that one character at a time and a whole text at a time agree.
_IGNORABLE = regex.compile(r"[\p{Mn}\u0640]+")


def is_ignorable_mark(ch: str) -> bool:
    """Harakat and other combining marks (Mn), and tatweel."""
    return _IGNORABLE.fullmatch(ch) is not None


def fold(text: str) -> tuple[str, Sequence[int]]:
    """``text`` without ignorable marks, and for each kept character its offset in ``text``.
    (A run between marks at a time: a character at a time took over a second for a document
    of six million characters, and the attribution rules fold every document.) The offsets are
    a range where nothing was taken out, else an array: as a list of ints, a document of 5.5
    million characters' took 200 MB (`annotator suggest` on it peaked at 270 MB)."""
    kept: list[str] = []
    where = array("q")
    previous = 0
    for match in _IGNORABLE.finditer(text):
        kept.append(text[previous:match.start()])
        where.extend(range(previous, match.start()))
        previous = match.end()
    if not previous:
        return text, range(len(text))
    kept.append(text[previous:])
    where.extend(range(previous, len(text)))
    return "".join(kept), where


def find_all(text: str, query: str, *, ignore_marks: bool = False, case_sensitive: bool = False,
             letter_variants: bool = False, ta_marbuta: bool = False) -> list[tuple[int, int]]:
    """Every (start, end) of ``query`` in ``text``, in order, not overlapping. ``letter_variants``
    folds the alef forms to ا and ى to ي; ``ta_marbuta`` folds ة to ه."""
    if not query:
        return []
    haystack, needle = text, query
    for wanted, table in ((letter_variants, LETTER_VARIANTS), (ta_marbuta, TA_MARBUTA)):
        if wanted:  # letter for letter: offsets do not move
            haystack, needle = haystack.translate(table), needle.translate(table)
    where = None
    if ignore_marks:
        haystack, where = fold(haystack)
        needle, _ = fold(needle)
        if not needle:
            return []
    if not case_sensitive:
        haystack, needle = lower_keeping_offsets(haystack), lower_keeping_offsets(needle)
    results = []
    at = haystack.find(needle)
    while at != -1:
        end = at + len(needle)
        if where is None:
            start, stop = at, end
        else:
            # A match ends after the marks (and tatweel) that follow its last letter.
            start = where[at]
            stop = where[end] if end < len(where) else len(text)
        results.append(snap_to_graphemes(text, start, stop))
        at = haystack.find(needle, end)
    return results


def lower_keeping_offsets(text: str) -> str:
    """``text`` in lower case, a character for a character. str.lower() is one for nearly all
    text, but not for all: "İ" (Turkish dotted capital I, as in İstanbul; the only such
    character) becomes "i" and a combining dot, which moved every match after it by one. Here
    it is the "i" alone, so "istanbul" finds İstanbul (casefold() changes more lengths still:
    ß -> ss)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return text.replace("\u0130", "i").lower()  # (a character at a time: 0.5 s for 2.8 million characters)
